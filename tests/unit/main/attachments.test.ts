/**
 * Evidence attachments in the library (issue 13): the content-addressed store (streaming hash,
 * deduplication, limits, nothing half-written), the rows and their history, the approval rule,
 * garbage collection that keeps what a backup refers to, and the channels over a real SQLite file.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectGarbage } from '../../../main/attachments/garbage';
import { attachmentPath, attachmentsDir, IncomingFile, putFileStreaming, putStream, verifyStored } from '../../../main/attachments/store';
import type { Library } from '../../../main/library';
import { readChanges } from '../../../main/projectFiles/projectStore';
import { loadReportData } from '../../../main/reports/exportReport';
import { renderModelCsv } from '../../../shared/report/csv';
import { renderModelHtml } from '../../../shared/report/html';
import { renderModelMarkdown } from '../../../shared/report/markdown';
import { buildReportModel } from '../../../shared/report/model';
import { resolveReportOptions } from '../../../shared/report/options';
import { addAttachment, listAttachments } from '../../../main/repositories/attachments';
import type { ApiClient } from '../../../shared/api/client';
import { sanitizeAttachmentName } from '../../../shared/attachments/names';
import { detectMediaType, isExecutableAttachment } from '../../../shared/attachments/mediaTypes';
import { anchorOf, expectError, projectWithArticle } from '../../support/apiHelpers';
import { openTestLibrary, tempDir } from '../../support/library';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'evidence');
const PNG = path.join(FIXTURES, 'red-square.png');
const TEXT = path.join(FIXTURES, 'statement.txt');
const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const leftovers = (dataDir: string) => fs.readdirSync(attachmentsDir(dataDir)).filter((name) => name.startsWith('.'));

describe('the store', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = tempDir('factcheck-evidence-');
  });

  it('stores a file under its SHA-256, streamed, and keeps one copy of the same content', async () => {
    const bytes = fs.readFileSync(PNG);
    const first = await putFileStreaming(dataDir, PNG);
    expect(first).toMatchObject({ sha256: sha256Of(bytes), size: bytes.length });
    expect(fs.readFileSync(attachmentPath(dataDir, first.sha256))).toEqual(bytes);
    const again = await putStream(dataDir, Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]));
    expect(again.sha256).toBe(first.sha256);
    expect(fs.readdirSync(attachmentsDir(dataDir))).toEqual([first.sha256]);
    expect(verifyStored(dataDir, first.sha256)).toBe(true);
  });

  it('hashes a stream of many chunks as one file (never all in memory)', async () => {
    const chunk = Buffer.alloc(256 * 1024, 7);
    const chunks = Array.from({ length: 40 }, () => chunk);
    const stored = await putStream(dataDir, Readable.from(chunks));
    expect(stored.size).toBe(40 * chunk.length);
    expect(stored.sha256).toBe(sha256Of(Buffer.concat(chunks)));
  });

  it('refuses a zero-byte file and a file past the limit, leaving no temp file', async () => {
    const empty = path.join(dataDir, 'empty.pdf');
    fs.writeFileSync(empty, '');
    await expect(putFileStreaming(dataDir, empty)).rejects.toThrow(/“empty.pdf” is empty \(0 bytes\)/);
    await expect(putStream(dataDir, Readable.from([Buffer.alloc(0)]))).rejects.toThrow(/empty/);
    await expect(putStream(dataDir, Readable.from([Buffer.alloc(600), Buffer.alloc(600)]), { maxBytes: 1000 })).rejects.toThrow(/too large.*at most/);
    expect(leftovers(dataDir)).toEqual([]);
    expect(fs.readdirSync(attachmentsDir(dataDir))).toEqual([]);
  });

  it('a stream that fails half-way leaves nothing', async () => {
    async function* failing() {
      yield Buffer.from('half of a page');
      throw new Error('connection reset');
    }
    await expect(putStream(dataDir, failing())).rejects.toThrow(/could not be stored.*connection reset/);
    expect(fs.readdirSync(attachmentsDir(dataDir))).toEqual([]);
  });

  it('an aborted incoming file leaves nothing; verifyStored catches an altered file', async () => {
    const incoming = new IncomingFile(dataDir);
    incoming.write(Buffer.from('partial'));
    incoming.abort();
    expect(fs.readdirSync(attachmentsDir(dataDir))).toEqual([]);
    const stored = await putFileStreaming(dataDir, TEXT);
    fs.appendFileSync(attachmentPath(dataDir, stored.sha256), 'tampered');
    expect(verifyStored(dataDir, stored.sha256)).toBe(false);
    expect(verifyStored(dataDir, 'a'.repeat(64))).toBe(false);
  });
});

describe('names and types', () => {
  it('keeps the file name only, without control characters', () => {
    expect(sanitizeAttachmentName('../../x')).toBe('x');
    expect(sanitizeAttachmentName('C:\\Users\\a\\report.pdf')).toBe('report.pdf');
    expect(sanitizeAttachmentName('bad\u0000na\u202eme\n.txt')).toBe('badname.txt');
    expect(sanitizeAttachmentName('../..')).toBe('attachment');
    expect(sanitizeAttachmentName('   ')).toBe('attachment');
  });

  it('tells the type from the first bytes before the extension, and knows programs', () => {
    expect(detectMediaType('photo.txt', fs.readFileSync(PNG))).toBe('image/png');
    expect(detectMediaType('a.pdf', Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(detectMediaType('statement', fs.readFileSync(TEXT))).toBe('text/plain');
    expect(detectMediaType('data.csv', Buffer.from('a,b\n1,2\n'))).toBe('text/csv');
    expect(detectMediaType('clip.mp4', Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70]))).toBe('video/mp4');
    expect(detectMediaType('report.pdf', Buffer.from('MZ\x90\x00'))).toBe('application/x-msdownload');
    expect(isExecutableAttachment('setup.EXE', 'application/octet-stream')).toBe(true);
    expect(isExecutableAttachment('report.pdf', 'application/x-msdownload')).toBe(true);
    expect(isExecutableAttachment('photo.png', 'image/png')).toBe(false);
  });
});

describe('rows, history, approval and garbage collection', () => {
  let library: Library;
  let api: ApiClient;
  let dataDir: string;
  beforeEach(async () => {
    ({ library, api, dataDir } = openTestLibrary());
    await api.call('settings.update', { authorName: 'Editor Ed' });
  });
  afterEach(() => library.close());

  async function claimWithSource() {
    const setup = await projectWithArticle(api);
    const claim = await api.call('claims.create', { articleId: setup.article.id, anchor: anchorOf(setup.article.text, 'Peskov') });
    const source = await api.call('sources.create', { claimId: claim.id, fields: { title: 'Briefing', url: 'https://example.org/b' } });
    return { ...setup, claim, source };
  }
  const statusOf = (id: string) => (library.ctx!.db.prepare(`SELECT status FROM claims WHERE id = ?`).get(id) as { status: string }).status;

  it('attaches a file from a path: a row in SQLite, the file in the store, a history entry on the claim', async () => {
    const { claim, source } = await claimWithSource();
    const added = (await api.call('attachments.addFromPath', { sourceId: source.id, path: PNG }))!;
    expect(added).toMatchObject({ name: 'red-square.png', mediaType: 'image/png', size: fs.statSync(PNG).size, addedBy: 'Editor Ed', kind: 'file', executable: false });
    expect(library.ctx!.db.prepare(`SELECT source_id, sha256 FROM attachments`).all()).toEqual([{ source_id: source.id, sha256: added.sha256 }]);
    expect(fs.existsSync(attachmentPath(dataDir, added.sha256))).toBe(true);
    const last = readChanges(library.ctx!, claim.projectId).filter((change) => change.entityId === claim.id).at(-1)!;
    expect(last.fields.evidence).toEqual({ before: '', after: `Source 1: red-square.png (SHA-256 ${added.sha256.slice(0, 12)})` });
    // The same bytes on the same source are one attachment.
    expect((await api.call('attachments.addFromPath', { sourceId: source.id, path: PNG }))!.id).toBe(added.id);
    expect(await api.call('attachments.list', { claimId: claim.id })).toEqual([added]);
  });

  it('uploads a dropped file in chunks; a short or aborted upload leaves no file and no row', async () => {
    const { claim, source } = await claimWithSource();
    const bytes = fs.readFileSync(TEXT);
    const { uploadId } = await api.call('attachments.uploadBegin', { sourceId: source.id, name: '../../statement.txt', mediaType: 'text/plain', size: bytes.length });
    await api.call('attachments.uploadChunk', { uploadId, index: 0, base64: bytes.subarray(0, 20).toString('base64') });
    await api.call('attachments.uploadChunk', { uploadId, index: 1, base64: bytes.subarray(20).toString('base64') });
    const added = await api.call('attachments.uploadFinish', { uploadId });
    expect(added).toMatchObject({ name: 'statement.txt', mediaType: 'text/plain', sha256: sha256Of(bytes) });
    const preview = await api.call('attachments.read', { id: added.id });
    expect(Buffer.from(preview.base64, 'base64').toString('utf8')).toBe(bytes.toString('utf8'));

    const short = await api.call('attachments.uploadBegin', { sourceId: source.id, name: 'x.bin', mediaType: '', size: 100 });
    await api.call('attachments.uploadChunk', { uploadId: short.uploadId, index: 0, base64: Buffer.alloc(10, 1).toString('base64') });
    await expectError(api.call('attachments.uploadFinish', { uploadId: short.uploadId }), 'invalid_request', /Only 10 bytes of “x.bin”/);
    const aborted = await api.call('attachments.uploadBegin', { sourceId: source.id, name: 'y.bin', mediaType: '', size: 100 });
    await api.call('attachments.uploadChunk', { uploadId: aborted.uploadId, index: 0, base64: Buffer.alloc(10, 2).toString('base64') });
    await api.call('attachments.uploadAbort', { uploadId: aborted.uploadId });
    const tooMuch = await api.call('attachments.uploadBegin', { sourceId: source.id, name: 'z.bin', mediaType: '', size: 5 });
    await expectError(api.call('attachments.uploadChunk', { uploadId: tooMuch.uploadId, index: 0, base64: Buffer.alloc(10).toString('base64') }), 'too_large');
    await expectError(api.call('attachments.uploadBegin', { sourceId: source.id, name: 'e.txt', mediaType: '', size: 0 }), 'invalid_request', /empty/);
    await expectError(api.call('attachments.uploadBegin', { sourceId: source.id, name: 'big.mov', mediaType: '', size: 3 * 1024 ** 3 }), 'too_large', /at most 200.0 MB/);
    expect(fs.readdirSync(attachmentsDir(dataDir))).toEqual([added.sha256]);
    expect((await api.call('attachments.list', { claimId: claim.id })).map((row) => row.id)).toEqual([added.id]);
  });

  it('adding or removing evidence on an approved claim returns it to In review', async () => {
    const { claim, source, verdicts } = await claimWithSource();
    await api.call('claims.update', { id: claim.id, fields: { verdictId: verdicts[0]!.id } });
    await api.call('claims.update', { id: claim.id, fields: { status: 'approved' } });
    const added = (await api.call('attachments.addFromPath', { sourceId: source.id, path: TEXT }))!;
    expect(statusOf(claim.id)).toBe('in_review');
    const last = readChanges(library.ctx!, claim.projectId).filter((change) => change.entityId === claim.id).at(-1)!;
    expect(last.fields.approvalWithdrawn?.after).toBe('Changed after approval: evidence.');
    await api.call('claims.update', { id: claim.id, fields: { status: 'approved' } });
    expect(statusOf(claim.id)).toBe('approved');
    await api.call('attachments.remove', { id: added.id });
    expect(statusOf(claim.id)).toBe('in_review');
  });

  it('refuses to open programs, and opens others through the host shell only', async () => {
    const { source } = await claimWithSource();
    const program = path.join(tempDir(), 'setup.exe');
    fs.writeFileSync(program, 'MZ\x90\x00 not really');
    const exe = (await api.call('attachments.addFromPath', { sourceId: source.id, path: program }))!;
    expect(exe.executable).toBe(true);
    await expectError(api.call('attachments.openExternal', { id: exe.id }), 'forbidden', /could be a program/);
    const text = (await api.call('attachments.addFromPath', { sourceId: source.id, path: TEXT }))!;
    await expectError(api.call('attachments.openExternal', { id: text.id }), 'forbidden', /system viewer/);
  });

  it('garbage collection deletes unreferenced files but keeps those a library backup lists', async () => {
    const { source } = await claimWithSource();
    const png = (await api.call('attachments.addFromPath', { sourceId: source.id, path: PNG }))!;
    await api.call('libraryBackups.create', {});
    const text = (await api.call('attachments.addFromPath', { sourceId: source.id, path: TEXT }))!;
    await api.call('attachments.remove', { id: png.id });
    await api.call('attachments.remove', { id: text.id });
    // Fresh files are left alone for an hour (a capture stores its file before its row); run as if later.
    const later = Date.now() + 2 * 60 * 60 * 1000;
    const result = collectGarbage(library.ctx!.db, dataDir, later);
    expect(result.removed).toEqual([text.sha256]);
    expect(fs.existsSync(attachmentPath(dataDir, png.sha256))).toBe(true);
    expect(fs.existsSync(attachmentPath(dataDir, text.sha256))).toBe(false);
  });

  it('garbage collection keeps a file that a project backup (taken before an import) still lists', async () => {
    const { claim, source } = await claimWithSource();
    const text = (await api.call('attachments.addFromPath', { sourceId: source.id, path: TEXT }))!;
    // The project backup as an import takes it: the project's records, deflated, evidence rows included.
    const payload = zlib.deflateRawSync(Buffer.from(JSON.stringify({ attachments: [{ sha256: text.sha256 }] }), 'utf8'));
    library.ctx!.db
      .prepare(
        `INSERT INTO project_backups (id, project_id, created_at, reason, title, claim_count, format_version, payload) VALUES (?, ?, ?, 'before import', 't', 1, 4, ?)`,
      )
      .run(randomUUID(), claim.projectId, new Date().toISOString(), payload);
    await api.call('attachments.remove', { id: text.id });
    const result = collectGarbage(library.ctx!.db, dataDir, Date.now() + 2 * 60 * 60 * 1000);
    expect(result.removed).toEqual([]);
    expect(fs.existsSync(attachmentPath(dataDir, text.sha256))).toBe(true);
  });

  it('a restored backup finds every file its rows name', async () => {
    const { claim, source } = await claimWithSource();
    const png = (await api.call('attachments.addFromPath', { sourceId: source.id, path: PNG }))!;
    const backup = await api.call('libraryBackups.create', {});
    await api.call('attachments.remove', { id: png.id });
    collectGarbage(library.ctx!.db, dataDir, Date.now() + 2 * 60 * 60 * 1000);
    await api.call('libraryBackups.restore', { id: backup.id });
    const restored = await api.call('attachments.list', { claimId: claim.id });
    expect(restored.map((row) => row.sha256)).toEqual([png.sha256]);
    expect(verifyStored(dataDir, png.sha256)).toBe(true);
  });

  it('addAttachment is the call captures and imports use; listAttachments takes a source or a claim', async () => {
    const { claim, source } = await claimWithSource();
    const stored = await putFileStreaming(dataDir, TEXT);
    const row = addAttachment(library.ctx!, {
      sourceId: source.id, sha256: stored.sha256, name: 'page.txt', mediaType: 'text/plain', size: stored.size,
      kind: 'capture-text', originUrl: 'https://example.org/b', capturedAt: '2024-05-02T10:00:00.000Z', httpStatus: 200,
    });
    expect(listAttachments(library.ctx!, source.id)).toEqual([row]);
    expect(listAttachments(library.ctx!, claim.id)).toEqual([row]);
    expect(() => addAttachment(library.ctx!, { sourceId: source.id, sha256: stored.sha256, name: 'x', mediaType: 'text/plain', size: 1, originUrl: 'file:///etc/passwd' })).toThrow(/http\(s\)/);
  });

  it('reports list each source’s evidence with the short SHA-256 (full value in the HTML title and the Markdown)', async () => {
    const { project, source, claim } = await claimWithSource();
    const png = (await api.call('attachments.addFromPath', { sourceId: source.id, path: PNG }))!;
    const stored = await putFileStreaming(dataDir, PNG);
    // A capture of the second source: the same bytes on another source are another attachment.
    const second = await api.call('sources.create', { claimId: claim.id, fields: { title: 'Page', url: 'https://example.org/p' } });
    addAttachment(library.ctx!, { sourceId: second.id, sha256: stored.sha256, name: 'screen.png', mediaType: 'image/png', size: stored.size, kind: 'capture-screenshot', capturedAt: '2024-05-02T10:00:00.000Z' });
    const settings = await api.call('settings.get', {});
    const model = (includeScreenshots: boolean) =>
      buildReportModel(loadReportData(library.ctx!, project.id, dataDir), settings, resolveReportOptions({ includeScreenshots, language: 'en' }), new Date());
    const short = png.sha256.slice(0, 12);
    const html = renderModelHtml(model(false));
    expect(html).toContain(`<code title="${png.sha256}">${short}</code>`);
    expect(html).toContain('red-square.png');
    expect(html).toContain('captured <time datetime="2024-05-02T10:00:00.000Z">2 May 2024, 10:00 UTC</time>');
    expect(html).not.toContain('data:image/png;base64');
    expect(renderModelHtml(model(true))).toContain(`src="data:image/png;base64,${fs.readFileSync(PNG).toString('base64')}"`);
    const markdown = renderModelMarkdown(model(false));
    expect(markdown).toContain(`Evidence: red-square.png (PNG image), SHA-256 \`${short}\` (${png.sha256})`);
    expect(renderModelCsv(model(false))).toContain(`evidence red-square.png (PNG image) sha256 ${png.sha256}`);
  });
});
