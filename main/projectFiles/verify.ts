/**
 * `npm run project -- verify FILE`: every checksum the manifest lists (project.json and each
 * evidence file), checked by reading each entry a chunk at a time, so a 2 GB file is verified in
 * little memory. Unlike an import, it does not stop at the first problem: it lists each one
 * ("missing: attachments/…", "altered: attachments/…") so the sender knows what to send again.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { ATTACHMENTS_DIR, FORMAT_NAME, MANIFEST_ENTRY, PROJECT_ENTRY, PROJECT_FILE_LIMITS } from './format';
import { clip } from './messages';
import { fileSource, readWholeEntry, readZipDirectory, streamEntry, type ByteSource, type ZipEntry } from './zipReader';

export interface VerifyReport {
  fileName: string;
  /** Entries whose checksum was checked (and matched or not). */
  checked: number;
  /** Evidence entries among them. */
  evidence: number;
  /** One line per problem, e.g. "altered: attachments/3fd6…". Empty when all is well. */
  problems: string[];
}

export function verifyProjectFile(filePath: string): VerifyReport {
  const fileName = path.basename(filePath);
  const report: VerifyReport = { fileName, checked: 0, evidence: 0, problems: [] };
  let source: ByteSource;
  try {
    source = fileSource(filePath);
  } catch {
    report.problems.push(`unreadable: ${fileName} could not be opened`);
    return report;
  }
  try {
    verifyEntries(source, report);
  } finally {
    source.close();
  }
  return report;
}

function verifyEntries(source: ByteSource, report: VerifyReport): void {
  let directory: ZipEntry[];
  try {
    directory = readZipDirectory(source);
  } catch {
    report.problems.push('damaged: the zip archive is incomplete or damaged (not a readable project file)');
    return;
  }
  const byName = new Map(directory.map((entry) => [entry.name, entry]));
  const manifestEntry = byName.get(MANIFEST_ENTRY);
  if (!manifestEntry) {
    report.problems.push(`missing: ${MANIFEST_ENTRY} (so nothing can be checked)`);
    return;
  }
  let listed: Record<string, { sha256: string; bytes: number }>;
  try {
    const manifest = JSON.parse(
      readWholeEntry(source, manifestEntry, PROJECT_FILE_LIMITS.manifestBytes).toString('utf8'),
    ) as { format?: unknown; entries?: unknown };
    if (manifest.format !== FORMAT_NAME || typeof manifest.entries !== 'object' || manifest.entries === null)
      throw new Error('not a manifest');
    listed = manifest.entries as typeof listed;
  } catch {
    report.problems.push(`damaged: ${MANIFEST_ENTRY} cannot be read, so nothing can be checked`);
    return;
  }
  for (const [name, expected] of Object.entries(listed)) {
    const entry = byName.get(name);
    if (!entry) {
      report.problems.push(`missing: ${clip(name, 120)}`);
      continue;
    }
    report.checked++;
    if (name.startsWith(ATTACHMENTS_DIR)) report.evidence++;
    if (!matches(source, entry, expected)) report.problems.push(`altered: ${clip(name, 120)}`);
  }
  for (const entry of directory)
    if (entry.name !== MANIFEST_ENTRY && !entry.name.endsWith('/') && !(entry.name in listed))
      report.problems.push(`not in the manifest: ${clip(entry.name, 120)}`);
  // The evidence project.json names must be in the file too (a manifest edited to match a removal).
  const project = byName.get(PROJECT_ENTRY);
  if (project && PROJECT_ENTRY in listed) {
    for (const sha256 of evidenceNamed(source, project)) {
      const name = `${ATTACHMENTS_DIR}${sha256}`;
      if (!(name in listed) && !report.problems.includes(`missing: ${name}`)) report.problems.push(`missing: ${name}`);
    }
  }
}

/** True when the entry unpacks to exactly the listed size and SHA-256. */
function matches(source: ByteSource, entry: ZipEntry, expected: { sha256: string; bytes: number }): boolean {
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for (const chunk of streamEntry(source, entry, expected.bytes)) {
      hash.update(chunk);
      bytes += chunk.length;
    }
  } catch {
    return false;
  }
  return bytes === expected.bytes && hash.digest('hex') === expected.sha256;
}

/** The SHA-256s project.json's evidence rows name; none when it cannot be read (reported as altered). */
function evidenceNamed(source: ByteSource, entry: ZipEntry): string[] {
  try {
    const payload = JSON.parse(readWholeEntry(source, entry, PROJECT_FILE_LIMITS.projectJsonBytes).toString('utf8')) as {
      attachments?: { sha256?: unknown }[];
    };
    return (payload.attachments ?? [])
      .map((row) => row.sha256)
      .filter((sha256): sha256 is string => typeof sha256 === 'string' && /^[0-9a-f]{64}$/.test(sha256));
  } catch {
    return [];
  }
}

/** The closing line: "All 3 checksums match." or "2 problems: 1 missing, 1 altered." */
export function describeVerifyReport(report: VerifyReport): string {
  if (report.problems.length === 0)
    return `All ${report.checked} checksums in “${report.fileName}” match (project.json and ${report.evidence} evidence file${report.evidence === 1 ? '' : 's'}).`;
  const count = (prefix: string) => report.problems.filter((line) => line.startsWith(prefix)).length;
  const parts = [
    ['missing', count('missing:')],
    ['altered', count('altered:')],
    ['not in the manifest', count('not in the manifest:')],
    ['damaged', count('damaged:') + count('unreadable:')],
  ]
    .filter(([, n]) => (n as number) > 0)
    .map(([label, n]) => `${n as number} ${label as string}`);
  const total = report.problems.length;
  return `“${report.fileName}” has ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}); ${report.checked - count('altered:')} of ${report.checked} checksums match. Ask the sender for a new copy.`;
}
