import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { attachmentPath } from '../../../main/attachments/store';
import { runProjectCli } from '../../../main/projectFiles/cli';
import { exportProjectToFile } from '../../../main/projectFiles/exportProject';
import { applyImport, parseProjectFile, readProjectFileFromPath } from '../../../main/projectFiles/importProject';
import { packEntries } from '../../../main/projectFiles/pack';
import { readProjectPayload } from '../../../main/projectFiles/projectStore';
import { sha256Hex } from '../../../main/projectFiles/unpack';
import { entryDataOffset, fileSource, readZipDirectory } from '../../../main/projectFiles/zipReader';
import { currentSeal } from '../../../main/repositories/approvals';
import { addAttachment } from '../../../main/repositories/attachments';
import { getClaim, updateClaim } from '../../../main/repositories/claims';
import { createSource } from '../../../main/repositories/sources';
import { attachEvidenceFixture } from '../../fixtures/project-files/generate';
import {
  createProjectWithArticle,
  makeTempDir,
  markClaim,
  openTestLibrary,
  readArticle,
  verdictId,
  type TestLibrary,
} from '../../fixtures/project-files/helpers';

const GOLDEN_V4 = {
  file: path.resolve(__dirname, '../../fixtures/project-files/tass-v4.factcheck'),
  sha256: '0daee42639622244da307f4c675e86de17b28a94bb19ea7347f2a7f6baf73e89',
};
const EVIDENCE = path.resolve(__dirname, '../../fixtures/evidence');
const fixtureSha = (file: string) => sha256Hex(fs.readFileSync(path.join(EVIDENCE, file)));
const PNG_SHA = fixtureSha('red-square.png');
const TXT_SHA = fixtureSha('statement.txt');

const libraries: TestLibrary[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const library of libraries.splice(0)) library.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = makeTempDir('factcheck-evidence-');
  dirs.push(dir);
  return dir;
};
const fresh = (author = 'Bob') => {
  const library = openTestLibrary(tempDir(), { author });
  libraries.push(library);
  return library;
};
const fileSha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const storedFiles = (library: TestLibrary) =>
  fs.existsSync(path.join(library.dir, 'attachments'))
    ? fs.readdirSync(path.join(library.dir, 'attachments')).filter((name) => /^[0-9a-f]{64}$/.test(name)).sort()
    : [];
const attachmentRows = (library: TestLibrary) =>
  library.db.prepare(`SELECT * FROM attachments ORDER BY sha256, source_id`).all() as Record<string, unknown>[];

/** A project with an approved claim whose source holds the PNG and the text file. */
function projectWithEvidence(author = 'Alice') {
  const library = fresh(author);
  const { ctx, db } = library;
  const { project, article } = createProjectWithArticle(ctx, {
    title: 'Kremlin on DPRK',
    articleTitle: 'TASS',
    text: readArticle('en-tass-2024-10-21-peskov-dprk.txt'),
  });
  const claim = markClaim(ctx, article, 'North Korea is our close neighbor');
  updateClaim(ctx, claim.id, { status: 'in_review', verdictId: verdictId(db, project.id, 'True') });
  const source = createSource(ctx, claim.id, { title: 'Transcript', url: 'https://tass.com/politics/1860000' });
  attachEvidenceFixture(ctx, library.dir, source.id, 'red-square.png', 'image/png');
  attachEvidenceFixture(ctx, library.dir, source.id, 'statement.txt', 'text/plain');
  updateClaim(ctx, claim.id, { status: 'approved' });
  expect(getClaim(ctx, claim.id).status).toBe('approved');
  return { library, project, claim, source };
}

function exportTo(library: TestLibrary, projectId: string, options: Parameters<typeof exportProjectToFile>[3] = { appVersion: 'test' }) {
  const out = path.join(tempDir(), 'project.factcheck');
  exportProjectToFile(library.ctx, projectId, out, options);
  return out;
}

/** Flips one byte in the middle of the entry's stored bytes. */
function tamper(file: string, entryName: string): void {
  const source = fileSource(file);
  let at: number;
  try {
    const entry = readZipDirectory(source).find((candidate) => candidate.name === entryName)!;
    at = entryDataOffset(source, entry) + Math.floor(entry.compressedSize / 2);
  } finally {
    source.close();
  }
  const bytes = fs.readFileSync(file);
  bytes[at] = bytes[at]! ^ 0xff;
  fs.writeFileSync(file, bytes);
}

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runProjectCli(argv, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

describe('golden file, format v4 (TASS, evidence files)', () => {
  const bytes = fs.readFileSync(GOLDEN_V4.file);

  it('is the committed file, byte for byte', () => {
    expect(sha256Hex(bytes)).toBe(GOLDEN_V4.sha256);
  });

  it('imports with its two evidence files, byte-identical, and the approval sealed over them holds', () => {
    const contents = readProjectFileFromPath(GOLDEN_V4.file);
    expect(contents.formatVersion).toBe(4);
    expect(Object.keys(contents.manifest.entries).sort()).toEqual(
      ['project.json', `attachments/${PNG_SHA}`, `attachments/${TXT_SHA}`].sort(),
    );
    const library = fresh();
    const summary = applyImport(library.ctx, contents);
    expect(summary).toMatchObject({ mode: 'new', approvalsWithdrawn: 0 });
    expect(storedFiles(library)).toEqual([PNG_SHA, TXT_SHA].sort());
    expect(fileSha(attachmentPath(library.dir, PNG_SHA))).toBe(PNG_SHA);
    expect(fs.readFileSync(attachmentPath(library.dir, TXT_SHA))).toEqual(fs.readFileSync(path.join(EVIDENCE, 'statement.txt')));
    expect(attachmentRows(library).map((row) => [row.name, row.media_type, row.size])).toEqual(
      [
        ['red-square.png', 'image/png', 73],
        ['statement.txt', 'text/plain', 58],
      ].sort((a, b) => (fixtureSha(a[0] as string) < fixtureSha(b[0] as string) ? -1 : 1)),
    );
    const approved = readProjectPayload(library.ctx, summary.projectId)!.claims.find((claim) => claim.status === 'approved')!;
    expect(currentSeal(library.ctx, getClaim(library.ctx, approved.id))).toBe(approved.approval.seal);
  });

  it('is verified by `npm run project -- verify`', async () => {
    const result = await cli('verify', GOLDEN_V4.file);
    expect(result.code).toBe(0);
    expect(result.out.join('\n')).toMatch(/All 3 checksums .* match \(project\.json and 2 evidence files\)/);
  });
});

describe('export → import of evidence files (streamed)', () => {
  it('round-trips into a fresh library: rows equal, files byte-identical; stored PNG, deflated text', () => {
    const { library, project } = projectWithEvidence();
    const file = exportTo(library, project.id);
    const source = fileSource(file);
    const entries = new Map(readZipDirectory(source).map((entry) => [entry.name, entry]));
    source.close();
    expect(entries.get(`attachments/${PNG_SHA}`)!.compression).toBe(0);
    expect(entries.get(`attachments/${TXT_SHA}`)!.compression).toBe(8);

    const other = fresh();
    const summary = applyImport(other.ctx, readProjectFileFromPath(file));
    expect(summary.approvalsWithdrawn).toBe(0);
    expect(attachmentRows(other)).toEqual(attachmentRows(library));
    expect(storedFiles(other)).toEqual(storedFiles(library));
    for (const sha of storedFiles(other)) expect(fileSha(attachmentPath(other.dir, sha))).toBe(sha);
  });

  it('"Leave out evidence files" leaves out rows and files; the approved claim arrives In review', () => {
    const { library, project, claim } = projectWithEvidence();
    const file = exportTo(library, project.id, { appVersion: 'test', withoutEvidence: true });
    const contents = readProjectFileFromPath(file);
    expect(contents.payload.attachments).toEqual([]);
    expect(Object.keys(contents.manifest.entries)).toEqual(['project.json']);
    const other = fresh();
    expect(applyImport(other.ctx, contents).approvalsWithdrawn).toBe(1);
    expect(getClaim(other.ctx, claim.id).status).toBe('in_review');
    expect(storedFiles(other)).toEqual([]);
  });

  it('a merge of two copies that each added evidence has both', () => {
    const { library: alice, project, source } = projectWithEvidence('Alice');
    const bob = fresh('Bob');
    applyImport(bob.ctx, readProjectFileFromPath(exportTo(alice, project.id)));
    // Each adds a different file to the same source (the same file added twice is one).
    fs.writeFileSync(path.join(alice.dir, 'alice-note.txt'), 'Alice: the border is 17 km long.');
    fs.writeFileSync(path.join(bob.dir, 'bob-note.txt'), 'Bob: confirmed by the atlas.');
    const store = (library: TestLibrary, name: string) => {
      const bytes = fs.readFileSync(path.join(library.dir, name));
      const sha = sha256Hex(bytes);
      fs.writeFileSync(attachmentPath(library.dir, sha), bytes);
      return { sha256: sha, size: bytes.length };
    };
    const add = (library: TestLibrary, name: string) =>
      addAttachment(library.ctx, { sourceId: source.id, name, mediaType: 'text/plain', ...store(library, name) });
    {
      const fromAlice = add(alice, 'alice-note.txt');
      const fromBob = add(bob, 'bob-note.txt');
      const summary = applyImport(bob.ctx, readProjectFileFromPath(exportTo(alice, project.id)), { defaultSide: 'yours' });
      expect(summary.mode).toBe('merge');
      const names = attachmentRows(bob).map((row) => row.name).sort();
      expect(names).toEqual(['alice-note.txt', 'bob-note.txt', 'red-square.png', 'statement.txt']);
      expect(fileSha(attachmentPath(bob.dir, fromAlice.sha256))).toBe(fromAlice.sha256);
      // And back: Alice gets Bob's, and merging again changes nothing.
      applyImport(alice.ctx, readProjectFileFromPath(exportTo(bob, project.id)), { defaultSide: 'yours' });
      expect(attachmentRows(alice).map((row) => row.name).sort()).toEqual(names);
      expect(fileSha(attachmentPath(alice.dir, fromBob.sha256))).toBe(fromBob.sha256);
      expect(applyImport(alice.ctx, readProjectFileFromPath(exportTo(bob, project.id)), { defaultSide: 'yours' }).unchanged).toBe(true);
    }
  });
});

describe('bad evidence input is refused, nothing written', () => {
  it('a tampered evidence entry: import refused (no rows, no files), verify reports it', async () => {
    const { library, project } = projectWithEvidence();
    const file = exportTo(library, project.id);
    tamper(file, `attachments/${PNG_SHA}`);
    const other = fresh();
    const contents = readProjectFileFromPath(file);
    expect(() => applyImport(other.ctx, contents)).toThrow(
      /The evidence file “red-square\.png” in this project file .* is damaged \(its checksum does not match\)/,
    );
    expect(other.db.prepare(`SELECT COUNT(*) AS n FROM projects`).get()).toEqual({ n: 0 });
    expect(storedFiles(other)).toEqual([]);
    expect(fs.readdirSync(path.join(other.dir, 'attachments'))).toEqual([]);

    const result = await cli('verify', file);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`altered: attachments/${PNG_SHA}`);
    expect(result.err.join('\n')).toMatch(/has 1 problem \(1 altered\)/);
  });

  it('a missing evidence entry is refused on import and reported by verify', async () => {
    const { library, project } = projectWithEvidence();
    const good = parseProjectFile(fs.readFileSync(exportTo(library, project.id)), 'good.factcheck');
    const json = Buffer.from(JSON.stringify(good.payload));
    const { manifest } = packEntries(json, { appVersion: 't', exportedAt: good.manifest.exportedAt, exportedBy: '' }, {
      [`attachments/${PNG_SHA}`]: fs.readFileSync(path.join(EVIDENCE, 'red-square.png')),
      [`attachments/${TXT_SHA}`]: fs.readFileSync(path.join(EVIDENCE, 'statement.txt')),
    });
    // The manifest still lists the text file, the zip no longer holds it.
    const crafted = zipSync({
      'manifest.json': Buffer.from(JSON.stringify(manifest)),
      'project.json': json,
      [`attachments/${PNG_SHA}`]: fs.readFileSync(path.join(EVIDENCE, 'red-square.png')),
    });
    expect(() => parseProjectFile(crafted, 'crafted.factcheck')).toThrow(/missing from the zip/);
    const file = path.join(tempDir(), 'crafted.factcheck');
    fs.writeFileSync(file, crafted);
    const result = await cli('verify', file);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`missing: attachments/${TXT_SHA}`);
  });

  it('an attachment named ../../x, in project.json or as a zip entry, is refused', () => {
    const { library, project } = projectWithEvidence();
    const good = parseProjectFile(fs.readFileSync(exportTo(library, project.id)), 'good.factcheck');
    const payload = JSON.parse(JSON.stringify(good.payload)) as typeof good.payload;
    payload.attachments[0]!.name = '../../x';
    const extra = {
      [`attachments/${PNG_SHA}`]: fs.readFileSync(path.join(EVIDENCE, 'red-square.png')),
      [`attachments/${TXT_SHA}`]: fs.readFileSync(path.join(EVIDENCE, 'statement.txt')),
    };
    const meta = { appVersion: 't', exportedAt: good.manifest.exportedAt, exportedBy: '' };
    const { bytes } = packEntries(Buffer.from(JSON.stringify(payload)), meta, extra);
    expect(() => parseProjectFile(bytes, 'crafted.factcheck')).toThrow(/name must be a file name only \(no folders\)/);

    const json = Buffer.from(JSON.stringify(good.payload));
    const sneaky = zipSync({
      'manifest.json': Buffer.from(JSON.stringify(packEntries(json, meta, { 'attachments/../../x': extra[`attachments/${PNG_SHA}`]! }).manifest)),
      'project.json': json,
      'attachments/../../x': extra[`attachments/${PNG_SHA}`]!,
    });
    expect(() => parseProjectFile(sneaky, 'sneaky.factcheck')).toThrow(/a path that points outside the project file/);
    const other = fresh();
    expect(other.db.prepare(`SELECT COUNT(*) AS n FROM projects`).get()).toEqual({ n: 0 });
  });

  it('the 200 MB per-file and 2 GB per-project limits, lowered: export refused before writing, import refused', () => {
    const { library, project } = projectWithEvidence();
    const out = path.join(tempDir(), 'too-big.factcheck');
    expect(() => exportProjectToFile(library.ctx, project.id, out, { appVersion: 't', limits: { attachmentBytes: 60 } })).toThrow(
      /“red-square\.png” is 73 bytes; a project file can carry evidence files of at most 60 bytes/,
    );
    expect(() => exportProjectToFile(library.ctx, project.id, out, { appVersion: 't', limits: { fileBytes: 2_000 } })).toThrow(
      /a project file can be at most 2 KB\. Export with “Leave out evidence files”, or split the project\. No file was written/,
    );
    expect(fs.readdirSync(path.dirname(out))).toEqual([]);

    const file = exportTo(library, project.id);
    expect(() => readProjectFileFromPath(file, { limits: { attachmentBytes: 60 } })).toThrow(/would unpack to 73 bytes, more than the 60 bytes allowed/);
    expect(() => readProjectFileFromPath(file, { limits: { fileBytes: 1_000 } })).toThrow(/the file is \d+ KB; a project file can be at most 1000 bytes/);
    expect(() => readProjectFileFromPath(file, { limits: { totalUnpackedBytes: 5_000 } })).toThrow(/more than 5 KB together/);
  });
});
