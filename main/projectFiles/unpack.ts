/**
 * Opens the zip container of a project file, with limits: nothing is inflated before the zip's
 * directory has been checked (entry count, names, declared sizes), and each entry is inflated with
 * a cap at its declared size, so a lying directory cannot make it grow past the limit.
 * The zip itself is read by position (./zipReader.ts: a buffer, or the file on disk, never read
 * whole); this module only decides what to accept. Evidence entries are listed, not read: their
 * bytes are streamed when an import is applied (./evidenceImport.ts) or a file verified.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import {
  ATTACHMENTS_DIR,
  FORMAT_NAME,
  FORMAT_VERSION,
  MANIFEST_ENTRY,
  MANIFEST_SCHEMAS,
  ManifestEnvelope,
  PROJECT_ENTRY,
  PROJECT_FILE_LIMITS,
  type Manifest,
  type ProjectFileLimits,
} from './format';
import { clip, formatBytes, formatCount, formatPath, importError, newerVersionError } from './messages';
import {
  bufferSource,
  EntryOverflowError,
  readWholeEntry,
  readZipDirectory,
  type ByteSource,
  type ZipEntry,
} from './zipReader';

export interface UnpackedProjectFile {
  formatVersion: number;
  /** Validated against the manifest schema of formatVersion. */
  manifest: Manifest;
  /** project.json's bytes, checksum verified. */
  projectJson: Uint8Array;
  /** The evidence entries (attachments/<sha256>), listed in the manifest; their bytes are not read yet. */
  attachmentEntries: ZipEntry[];
}

export interface UnpackOptions {
  fileName: string;
  limits?: Partial<ProjectFileLimits>;
}

type DirectoryEntry = ZipEntry;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8 strictly: a file with broken text is damaged, not silently repaired. */
export function decodeUtf8(bytes: Uint8Array, fileName: string, entry: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw importError('invalid_request', fileName, `${entry} is not valid UTF-8 text (the file is damaged)`);
  }
}

/** A project file held in memory (tests, the golden files). */
export function unpackProjectFile(bytes: Uint8Array, options: UnpackOptions): UnpackedProjectFile {
  return unpackProjectSource(bufferSource(bytes), options);
}

/**
 * Checks the zip's directory and manifest and reads project.json; evidence entries are only listed
 * (their bytes are streamed when imported or verified). The source stays open for the caller.
 */
export function unpackProjectSource(source: ByteSource, options: UnpackOptions): UnpackedProjectFile {
  const limits: ProjectFileLimits = { ...PROJECT_FILE_LIMITS, ...options.limits };
  const { fileName } = options;
  const size = source.size;

  if (size === 0) {
    throw importError(
      'invalid_request',
      fileName,
      'the file is empty (0 bytes). If it is still being copied or downloaded, wait for that to finish and try again',
    );
  }
  if (size > limits.fileBytes) {
    throw importError(
      'too_large',
      fileName,
      `the file is ${formatBytes(size)}; a project file can be at most ${formatBytes(limits.fileBytes)}`,
    );
  }
  const bytes = source.read(0, Math.min(4, size));
  // "PK\3\4" starts every zip with entries ("PK\5\6" an empty one, which is no project file either).
  if (!(
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 3 || bytes[2] === 5) &&
    (bytes[3] === 4 || bytes[3] === 6)
  )) {
    throw importError(
      'invalid_request',
      fileName,
      'it is not a Factcheck project file (a .factcheck file is a zip archive, and this is not one)',
    );
  }

  const directory = readDirectory(source, fileName);
  checkDirectory(directory, limits, fileName);
  if (!directory.some((entry) => entry.name === MANIFEST_ENTRY)) {
    throw importError(
      'invalid_request',
      fileName,
      `it is a zip archive but has no ${MANIFEST_ENTRY}, so it is not a Factcheck project file`,
    );
  }

  // Each wanted entry may unpack to the size its directory entry declares (checked above), no more.
  const inflated = inflateEntries(
    source,
    directory.filter((entry) => entry.name === MANIFEST_ENTRY || entry.name === PROJECT_ENTRY),
    fileName,
  );
  const manifestBytes = inflated.get(MANIFEST_ENTRY);
  if (!manifestBytes)
    throw importError(
      'invalid_request',
      fileName,
      `${MANIFEST_ENTRY} could not be read (the file is damaged)`,
    );
  const { manifest, formatVersion } = parseManifest(manifestBytes, fileName);

  // Every file in the zip is listed in the manifest with its checksum, and the other way round.
  const files = directory.filter((entry) => !entry.name.endsWith('/') && entry.name !== MANIFEST_ENTRY);
  for (const entry of files) {
    if (!(entry.name in manifest.entries)) {
      throw importError(
        'invalid_request',
        fileName,
        `the zip holds “${clip(entry.name)}”, which its manifest does not list (the file was altered or damaged)`,
      );
    }
  }
  for (const name of Object.keys(manifest.entries)) {
    if (!files.some((entry) => entry.name === name)) {
      throw importError(
        'invalid_request',
        fileName,
        `its manifest lists “${clip(name)}”, which is missing from the zip (the file is incomplete)`,
      );
    }
  }
  const projectJson = inflated.get(PROJECT_ENTRY);
  const listed = manifest.entries[PROJECT_ENTRY];
  if (!projectJson || !listed)
    throw importError(
      'invalid_request',
      fileName,
      `it has no ${PROJECT_ENTRY}, so there is no project in it`,
    );
  if (projectJson.length !== listed.bytes || sha256Hex(projectJson) !== listed.sha256) {
    throw importError(
      'invalid_request',
      fileName,
      `${PROJECT_ENTRY} does not match the checksum in the manifest, so the file was damaged or changed after it was exported. Ask for a new copy`,
    );
  }
  const attachmentEntries = files.filter((entry) => entry.name.startsWith(ATTACHMENTS_DIR));
  for (const entry of attachmentEntries) {
    if (!/^[0-9a-f]{64}$/.test(entry.name.slice(ATTACHMENTS_DIR.length)))
      throw importError(
        'invalid_request',
        fileName,
        `it holds “${clip(entry.name)}”; evidence entries are named by their SHA-256 (attachments/<64 hex digits>)`,
      );
    if (manifest.entries[entry.name]!.bytes !== entry.declaredSize) throw damaged(fileName);
  }
  return { formatVersion, manifest, projectJson, attachmentEntries };
}

/** The zip's central directory, read without inflating anything. */
function readDirectory(source: ByteSource, fileName: string): DirectoryEntry[] {
  try {
    return readZipDirectory(source);
  } catch {
    throw damaged(fileName);
  }
}

const damaged = (fileName: string) =>
  importError(
    'invalid_request',
    fileName,
    'the zip archive is incomplete or damaged. If it is still being copied, downloaded or saved, wait for that to finish and try again; otherwise ask for a new copy',
  );

function checkDirectory(entries: DirectoryEntry[], limits: ProjectFileLimits, fileName: string): void {
  if (entries.length > limits.entries) {
    throw importError(
      'too_large',
      fileName,
      `it holds ${formatCount(entries.length)} entries; a project file can hold at most ${formatCount(limits.entries)}`,
    );
  }
  const seen = new Set<string>();
  let total = 0;
  for (const entry of entries) {
    const problem = entryNameProblem(entry.name);
    if (problem)
      throw importError(
        'invalid_request',
        fileName,
        `it contains an entry with ${problem} (“${clip(entry.name)}”), which a project file never has`,
      );
    if (seen.has(entry.name))
      throw importError('invalid_request', fileName, `it contains “${clip(entry.name)}” twice`);
    seen.add(entry.name);
    if (entry.compression !== 0 && entry.compression !== 8) {
      throw importError(
        'invalid_request',
        fileName,
        `“${clip(entry.name)}” is compressed with a method this app does not read (only deflate and stored entries are used)`,
      );
    }
    if (entry.compression === 0 && entry.declaredSize !== entry.compressedSize) throw damaged(fileName);
    const max =
      entry.name === MANIFEST_ENTRY
        ? limits.manifestBytes
        : entry.name === PROJECT_ENTRY
          ? limits.projectJsonBytes
          : limits.attachmentBytes;
    if (entry.declaredSize > max) {
      throw importError(
        'too_large',
        fileName,
        `“${clip(entry.name)}” would unpack to ${formatBytes(entry.declaredSize)}, more than the ${formatBytes(max)} allowed (a damaged file or a zip bomb)`,
      );
    }
    total += entry.declaredSize;
    if (total > limits.totalUnpackedBytes) {
      throw importError(
        'too_large',
        fileName,
        `its entries would unpack to more than ${formatBytes(limits.totalUnpackedBytes)} together (a damaged file or a zip bomb)`,
      );
    }
  }
}

/** Why a zip entry's name is refused, or null. Only manifest.json, project.json and attachments/… are accepted. */
export function entryNameProblem(name: string): string | null {
  if (name.length === 0 || name.length > 500) return 'an empty or overlong name';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\:*?"<>|]/.test(name)) return 'characters not allowed in a path';
  if (name.startsWith('/')) return 'an absolute path';
  const segments = name.split('/');
  const last = segments.length - 1;
  if (
    segments.some(
      (segment, index) => segment === '..' || segment === '.' || (segment === '' && index !== last),
    )
  ) {
    return 'a path that points outside the project file';
  }
  if (name === MANIFEST_ENTRY || name === PROJECT_ENTRY) return null;
  if (name.startsWith(ATTACHMENTS_DIR)) return null;
  return 'an unexpected name';
}

/**
 * Inflates the wanted entries (the manifest and project.json) with Node's zlib, maxOutputLength
 * capping each at the size its directory declared: an entry that would inflate past that is
 * stopped there, however it was compressed.
 */
function inflateEntries(source: ByteSource, wanted: readonly ZipEntry[], fileName: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const entry of wanted) {
    try {
      out.set(entry.name, readWholeEntry(source, entry, entry.declaredSize));
    } catch (error) {
      if (error instanceof EntryOverflowError)
        throw importError(
          'too_large',
          fileName,
          `“${clip(entry.name)}” unpacks to more than the zip says it holds (a damaged file or a zip bomb)`,
        );
      throw damaged(fileName);
    }
  }
  return out;
}

function parseManifest(bytes: Uint8Array, fileName: string): { manifest: Manifest; formatVersion: number } {
  let json: unknown;
  try {
    json = JSON.parse(decodeUtf8(bytes, fileName, MANIFEST_ENTRY));
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw importError(
      'invalid_request',
      fileName,
      `${MANIFEST_ENTRY} is not valid JSON (the file is damaged)`,
    );
  }
  const envelope = ManifestEnvelope.safeParse(json);
  if (!envelope.success)
    throw importError('invalid_request', fileName, `${MANIFEST_ENTRY} is not a project-file manifest`);
  const { format, formatVersion } = envelope.data;
  if (format !== FORMAT_NAME) {
    throw importError(
      'invalid_request',
      fileName,
      `it is not a Factcheck project file (its manifest names the format “${clip(typeof format === 'string' ? format : (JSON.stringify(format) ?? ''))}”, not “${FORMAT_NAME}”)`,
    );
  }
  if (typeof formatVersion !== 'number' || !Number.isSafeInteger(formatVersion) || formatVersion < 1) {
    throw importError(
      'invalid_request',
      fileName,
      `its manifest has no valid format version (found ${clip(JSON.stringify(formatVersion) ?? 'nothing')})`,
    );
  }
  if (formatVersion > FORMAT_VERSION) throw newerVersionError(fileName, formatVersion, FORMAT_VERSION);
  const schema = MANIFEST_SCHEMAS[formatVersion];
  if (!schema)
    throw importError(
      'invalid_request',
      fileName,
      `format version ${formatVersion} is not one this app knows`,
    );
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? formatPath(issue.path) : '';
    throw importError(
      'invalid_request',
      fileName,
      `${MANIFEST_ENTRY} is not valid${where ? ` at “${where}”` : ''}: ${issue?.message ?? 'unknown problem'}`,
    );
  }
  // Older manifests would be upgraded here; v1 is the only one so far and is the current shape.
  return { manifest: parsed.data as Manifest, formatVersion };
}
