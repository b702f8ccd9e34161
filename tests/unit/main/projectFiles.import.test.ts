import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ImportPreview,
  ImportSummary,
  ProjectBackup,
  projectFileContract,
} from '../../../shared/api/contract.projectFiles';
import { Project } from '../../../shared/domain';
import type { HandlerDeps } from '../../../main/api/handlers';
import { AppError } from '../../../main/errors';
import { writeFileAtomic } from '../../../main/files/atomicWrite';
import { buildProjectFile, exportProjectToFile, projectFileName } from '../../../main/projectFiles/exportProject';
import { BACKUPS_KEPT, createBackup, listBackups } from '../../../main/projectFiles/backups';
import { createProjectFileHandlers } from '../../../main/projectFiles/handlers';
import {
  applyImport,
  parseProjectFile,
  planImport,
  readProjectFileFromPath,
} from '../../../main/projectFiles/importProject';
import { readProjectPayload } from '../../../main/projectFiles/projectStore';
import { checkIntegrity } from '../../../main/projectFiles/validate';
import { updateClaim } from '../../../main/repositories/claims';
import { createSource, updateSource } from '../../../main/repositories/sources';
import {
  createProjectWithArticle,
  deleteClaim,
  dumpLibrary,
  makeTempDir,
  markClaim,
  openTestLibrary,
  readArticle,
  steppingClock,
  verdictId,
  type TestLibrary,
} from '../../fixtures/project-files/helpers';
import { packProjectFile } from '../../../main/projectFiles/pack';

const open: TestLibrary[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const library of open.splice(0)) library.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = makeTempDir();
  dirs.push(dir);
  return dir;
}
function library(name: string, author: string, now?: () => string): TestLibrary {
  const lib = openTestLibrary(path.join(tempDir(), name), { author, ...(now ? { now } : {}) });
  open.push(lib);
  return lib;
}

/** The app's handlers over a library, with dialogs that answer from the test. */
function api(lib: TestLibrary) {
  const answers = { save: null as string | null, open: null as string | null };
  const events: { channel: string; payload: unknown }[] = [];
  const deps: HandlerDeps = {
    ctx: lib.ctx,
    appVersion: '9.9.9-test',
    dataPath: lib.file,
    schemaVersion: 2,
    dialogs: { chooseSavePath: async () => answers.save, chooseOpenPath: async () => answers.open },
    printer: { print: async () => Buffer.alloc(0) },
    events: { emit: (channel, payload) => void events.push({ channel, payload }) },
  };
  return { handlers: createProjectFileHandlers(deps), answers, events };
}

/** Handlers may answer or throw synchronously (the registry awaits them): as a promise either way. */
const later = async <T>(call: () => T | Promise<T>): Promise<T> => call();

const TASS = readArticle('en-tass-2024-10-21-peskov-dprk.txt');
const ARABIC = readArticle('ar-sample-water.txt');

/** A project worth exporting: claims with verdicts, sources, edits, a deletion. */
function richProject(lib: TestLibrary) {
  const { project, article } = createProjectWithArticle(lib.ctx, {
    title: 'Kremlin on DPRK',
    articleTitle: 'TASS wire',
    text: TASS,
  });
  const c1 = markClaim(lib.ctx, article, 'North Korea is our close neighbor', {
    claimant: 'Dmitry Peskov',
    tags: ['DPRK'],
  });
  const c2 = markClaim(lib.ctx, article, 'a "serious escalation."', { claimant: 'Mark Rutte' });
  const c3 = markClaim(lib.ctx, article, 'This is our sovereign right');
  updateClaim(lib.ctx, c1.id, {
    verdictId: verdictId(lib.db, project.id, 'True'),
    status: 'approved',
    rationale: 'A 17 km border.',
  });
  const s1 = createSource(lib.ctx, c1.id, {
    title: 'Atlas',
    url: 'https://example.org/atlas',
    excerpt: 'Border: 17 km.',
  });
  createSource(lib.ctx, c2.id, { title: 'NATO', url: 'https://www.nato.int/' });
  updateSource(lib.ctx, s1.id, { note: 'Checked twice.' });
  deleteClaim(lib.ctx, c3.id);
  return { project, article, claims: [c1, c2] };
}

describe('export → import', () => {
  it('gives back exactly the same rows in an empty library, and the same payload when exported again', () => {
    const a = library('a', 'Alice');
    const { project } = richProject(a);
    const file = path.join(tempDir(), 'out.factcheck');
    exportProjectToFile(a.ctx, project.id, file, { appVersion: '1.0.0' });

    const b = library('b', 'Bob');
    const summary = applyImport(b.ctx, readProjectFileFromPath(file));
    expect(summary).toMatchObject({
      mode: 'new',
      projectId: project.id,
      added: { verdicts: 7, articles: 1, claims: 2, sources: 2 },
      backupId: null,
    });

    // Every row of every table, byte for byte (settings are the library's own, not the project's).
    expect(dumpLibrary(b.db, { except: ['settings'] })).toEqual(dumpLibrary(a.db, { except: ['settings'] }));
    expect(dumpLibrary(b.db).settings).toEqual([JSON.stringify({ key: 'authorName', value: '"Bob"' })]);

    const again = path.join(tempDir(), 'again.factcheck');
    exportProjectToFile(b.ctx, project.id, again, { appVersion: '1.0.0' });
    expect(readProjectFileFromPath(again).payload).toEqual(readProjectFileFromPath(file).payload);
    expect(readProjectFileFromPath(again).payload).toEqual(readProjectPayload(a.ctx, project.id));
  });

  it('names the file after the project, safely', () => {
    expect(projectFileName('Kremlin on DPRK')).toBe('Kremlin on DPRK.factcheck');
    expect(projectFileName('a/b\\c: "d"?')).toBe('a b c d.factcheck');
    expect(projectFileName('  ..  ')).toBe('Project.factcheck');
    expect(projectFileName('CON')).toBe('CON project.factcheck');
    expect(projectFileName('x'.repeat(400))).toBe(`${'x'.repeat(120)}.factcheck`);
  });

  it('writes atomically: the old file stays whole until the new one is complete, and no temp file is left', () => {
    const dir = tempDir();
    const target = path.join(dir, 'p.factcheck');
    fs.writeFileSync(target, 'old');
    writeFileAtomic(target, new Uint8Array([1, 2, 3]));
    expect([...fs.readFileSync(target)]).toEqual([1, 2, 3]);
    expect(fs.readdirSync(dir)).toEqual(['p.factcheck']);
    expect(() => writeFileAtomic(path.join(dir, 'missing', 'p.factcheck'), new Uint8Array([1]))).toThrow(
      /does not exist/,
    );
    // A target that cannot be replaced (a folder) leaves nothing behind.
    fs.mkdirSync(path.join(dir, 'folder.factcheck'));
    expect(() => writeFileAtomic(path.join(dir, 'folder.factcheck'), new Uint8Array([1]))).toThrow(AppError);
    expect(fs.readdirSync(dir).sort()).toEqual(['folder.factcheck', 'p.factcheck']);
  });

  it('exports through the API to the path the dialog gives, and answers null when cancelled', async () => {
    const a = library('a', 'Alice');
    const { project } = richProject(a);
    const { handlers, answers } = api(a);
    expect(await handlers['projectFiles.export']({ projectId: project.id })).toBeNull();
    answers.save = path.join(tempDir(), 'Kremlin.factcheck');
    const result = await handlers['projectFiles.export']({ projectId: project.id });
    expect(projectFileContract['projectFiles.export'].response.parse(result)).toEqual({
      path: answers.save,
      bytes: fs.statSync(answers.save).size,
    });
    expect(parseProjectFile(fs.readFileSync(answers.save), 'Kremlin.factcheck').manifest).toMatchObject({
      appVersion: '9.9.9-test',
      exportedBy: 'Alice',
      formatVersion: 4,
    });
  });
});

interface ScenarioText {
  text: string;
  language: string;
  direction: 'ltr' | 'rtl';
  /** Claim 1 (in the shared file), 2–3 (A), 4–5 (B). */
  quotes: [string, string, string, string, string];
}

/**
 * Checkers A and B start from the same file (the article with claim 1 marked). A marks claims 2–3
 * and rates claim 1 False; B marks claims 4–5 and rates claim 1 Misleading. A imports B's file.
 */
async function twoCheckers(input: ScenarioText) {
  // Clocks that tick a second per call: Bob's claims are marked after Alice's (claim numbers).
  const a = library('a', 'Alice', steppingClock('2024-10-21T09:00:00.000Z'));
  const b = library('b', 'Bob', steppingClock('2024-10-21T10:00:00.000Z'));
  const apiA = api(a);
  const apiB = api(b);
  const { project, article } = createProjectWithArticle(a.ctx, {
    title: 'Shared project',
    articleTitle: 'The article',
    text: input.text,
    language: input.language,
    direction: input.direction,
  });
  const claim1 = markClaim(a.ctx, article, input.quotes[0]);
  const shared = path.join(tempDir(), 'shared.factcheck');
  apiA.answers.save = shared;
  await apiA.handlers['projectFiles.export']({ projectId: project.id });
  const first = ImportPreview.parse(await apiB.handlers['projectFiles.inspect']({ path: shared }));
  expect(first).toMatchObject({
    mode: 'new',
    conflicts: [],
    projectTitle: 'Shared project',
    counts: { claims: 1, articles: 1 },
  });
  ImportSummary.parse(await apiB.handlers['projectFiles.apply']({ importId: first.importId }));

  const False = verdictId(a.db, project.id, 'False');
  const Misleading = verdictId(b.db, project.id, 'Misleading');
  const bArticle = readProjectPayload(b.ctx, project.id)!.articles[0]!;
  const aClaims = [markClaim(a.ctx, article, input.quotes[1]), markClaim(a.ctx, article, input.quotes[2])];
  updateClaim(a.ctx, claim1.id, { verdictId: False });
  const bClaims = [markClaim(b.ctx, bArticle, input.quotes[3]), markClaim(b.ctx, bArticle, input.quotes[4])];
  updateClaim(b.ctx, claim1.id, { verdictId: Misleading });

  const fromB = path.join(tempDir(), 'from-bob.factcheck');
  apiB.answers.save = fromB;
  await apiB.handlers['projectFiles.export']({ projectId: project.id });
  const aHistoryBefore = readProjectPayload(a.ctx, project.id)!.changes.map((change) => change.id);
  const bHistory = readProjectPayload(b.ctx, project.id)!.changes.map((change) => change.id);
  const aBefore = readProjectPayload(a.ctx, project.id)!;
  const dumpBefore = dumpLibrary(a.db);

  // A opens B's file: exactly one conflict, on claim 1's verdict.
  apiA.answers.open = fromB;
  const preview = ImportPreview.parse(await apiA.handlers['projectFiles.inspect']({}));
  expect(preview).toMatchObject({
    mode: 'merge',
    fileName: 'from-bob.factcheck',
    exportedBy: 'Bob',
    effect: { added: { claims: 2 } },
  });
  expect(preview.conflicts).toHaveLength(1);
  const [conflict] = preview.conflicts;
  expect(conflict).toMatchObject({
    entityType: 'claim',
    entityId: claim1.id,
    field: 'verdictId',
    fieldLabel: 'Verdict',
    yours: { display: 'False', author: 'Alice' },
    theirs: { display: 'Misleading', author: 'Bob' },
  });
  expect(dumpLibrary(a.db)).toEqual(dumpBefore); // inspecting writes nothing

  // Until every conflict has a side, nothing is written.
  await expect(
    later(() => apiA.handlers['projectFiles.apply']({ importId: preview.importId })),
  ).rejects.toThrow(/still open/);
  expect(dumpLibrary(a.db)).toEqual(dumpBefore);

  // A picks B's verdict.
  const summary = ImportSummary.parse(
    await apiA.handlers['projectFiles.apply']({
      importId: preview.importId,
      resolutions: { [conflict!.id]: 'theirs' },
    }),
  );
  expect(summary).toMatchObject({
    mode: 'merge',
    added: { claims: 2, articles: 0 },
    updated: { claims: 1 },
    resolved: { yours: 0, theirs: 1 },
    unchanged: false,
  });
  expect(summary.backupId).toBeTruthy();
  expect(apiA.events.at(-1)).toEqual({ channel: 'library.changed', payload: { projectId: project.id } });

  const merged = readProjectPayload(a.ctx, project.id)!;
  expect(merged.claims).toHaveLength(5);
  expect(new Set(merged.claims.map((claim) => claim.id))).toEqual(
    new Set([claim1.id, ...aClaims.map((c) => c.id), ...bClaims.map((c) => c.id)]),
  );
  expect(merged.claims.find((claim) => claim.id === claim1.id)!.verdictId).toBe(Misleading);
  const history = new Set(merged.changes.map((change) => change.id));
  for (const id of [...aHistoryBefore, ...bHistory]) expect(history.has(id)).toBe(true);
  const resolution = merged.changes.filter((change) => 'verdictId' in change.fields).at(-1)!;
  expect(resolution).toMatchObject({
    author: 'Alice',
    entityId: claim1.id,
    fields: { verdictId: { before: False, after: Misleading } },
  });
  // Both copies gave numbers 2 and 3 to different claims: A's were marked first and keep theirs,
  // B's take the next free numbers, each renumbering recorded (and listed in the summary).
  const numberOf = (id: string) => merged.claims.find((claim) => claim.id === id)!.number;
  const bInOrder = bClaims;
  expect([claim1, ...aClaims, ...bInOrder].map((claim) => numberOf(claim.id))).toEqual([1, 2, 3, 4, 5]);
  expect(merged.project.nextClaimNumber).toBe(6);
  expect(summary.renumberedClaims).toEqual(
    bInOrder.map((claim, index) => ({ claimId: claim.id, from: claim.number, to: 4 + index, statement: claim.statement })),
  );
  expect(
    merged.changes.filter((change) => change.author === 'Alice' && 'number' in change.fields && change.op === 'update'),
  ).toHaveLength(2);
  checkIntegrity(merged, 'merged');
  expect(a.db.pragma('foreign_key_check')).toEqual([]);

  // B takes A's result back: no conflicts, and both copies now hold the same records.
  const fromA = path.join(tempDir(), 'from-alice.factcheck');
  apiA.answers.save = fromA;
  await apiA.handlers['projectFiles.export']({ projectId: project.id });
  const back = ImportPreview.parse(await apiB.handlers['projectFiles.inspect']({ path: fromA }));
  expect(back.conflicts).toEqual([]);
  await apiB.handlers['projectFiles.apply']({ importId: back.importId });
  const { changes: _bChanges, ...bRecords } = readProjectPayload(b.ctx, project.id)!;
  const { changes: _aChanges, ...aRecords } = readProjectPayload(a.ctx, project.id)!;
  expect(bRecords).toEqual(aRecords);

  return { a, b, apiA, project, aBefore, summary, merged };
}

describe('two checkers trade files', () => {
  it('TASS: one conflict on claim 1’s verdict, B’s pick wins, five claims and both histories', async () => {
    await twoCheckers({
      text: TASS,
      language: 'en',
      direction: 'ltr',
      quotes: [
        'Cooperation between Russia and North Korea is not directed against other countries',
        'North Korea is our close neighbor',
        'This is our sovereign right',
        'US Defense Secretary Lloyd Austin admitted that he could not confirm',
        'calling such a hypothetical scenario a "serious escalation."',
      ],
    });
  });

  it('Arabic: the same, right to left', async () => {
    const { merged } = await twoCheckers({
      text: ARABIC,
      language: 'ar',
      direction: 'rtl',
      quotes: [
        'إنتاج المياه المحلاة في البلاد سيتضاعف بحلول عام 2030',
        'المشروع الوطني سيوفر 300 مليون متر مكعب سنويًا',
        'نصيب الفرد من المياه انخفض إلى أقل من 90 مترًا مكعبًا في السنة',
        'من أدنى المعدلات في العالم',
        'الحكومة وعدت بالمشروع نفسه عام 2018',
      ],
    });
    expect(merged.articles[0]).toMatchObject({ language: 'ar', direction: 'rtl' });
    for (const claim of merged.claims)
      expect(ARABIC.slice(claim.anchor.start, claim.anchor.end)).toBe(claim.anchor.exact);
  });

  it('keeps a backup before the merge and restores it ("Restore version before import"), which can be undone', async () => {
    const { a, apiA, project, aBefore, merged } = await twoCheckers({
      text: TASS,
      language: 'en',
      direction: 'ltr',
      quotes: [
        'North Korea is our close neighbor',
        'This is our sovereign right',
        'contradictory information',
        'the Defense Ministry',
        'Lloyd Austin',
      ],
    });
    const backups = (await apiA.handlers['projectFiles.backups']({ projectId: project.id })).map((backup) =>
      ProjectBackup.parse(backup),
    );
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatchObject({
      reason: 'Before importing “from-bob.factcheck”',
      claimCount: 3,
      title: 'Shared project',
    });

    const restored = Project.parse(
      await apiA.handlers['projectFiles.restoreBackup']({ backupId: backups[0]!.id }),
    );
    expect(restored.id).toBe(project.id);
    // Records and history as before the import; only the next claim number stays where the merge
    // left it, so the numbers B's claims had are never handed out again.
    expect(readProjectPayload(a.ctx, project.id)).toEqual({
      ...aBefore,
      project: { ...aBefore.project, nextClaimNumber: merged.project.nextClaimNumber },
    });
    const after = await apiA.handlers['projectFiles.backups']({ projectId: project.id });
    expect(after[0]!.reason).toMatch(/^Before restoring the version of /);
    // Restoring that backup brings the merged version back.
    await apiA.handlers['projectFiles.restoreBackup']({ backupId: after[0]!.id });
    expect(readProjectPayload(a.ctx, project.id)).toEqual(merged);
    await expect(
      later(() =>
        apiA.handlers['projectFiles.restoreBackup']({ backupId: '11111111-1111-4111-8111-111111111111' }),
      ),
    ).rejects.toThrow(/no longer exists/);
  });
});

describe('import modes and safety', () => {
  it('imports as a separate copy: new ids everywhere, references remapped, the title marked', () => {
    const a = library('a', 'Alice');
    const { project } = richProject(a);
    const file = path.join(tempDir(), 'p.factcheck');
    exportProjectToFile(a.ctx, project.id, file, { appVersion: '1.0.0' });
    const contents = readProjectFileFromPath(file);
    const summary = applyImport(a.ctx, contents, { asCopy: true });
    expect(summary).toMatchObject({
      mode: 'copy',
      title: 'Kremlin on DPRK (copy)',
      added: { claims: 2, sources: 2, verdicts: 7 },
    });
    const copy = readProjectPayload(a.ctx, summary.projectId)!;
    checkIntegrity(copy, 'copy');
    const original = readProjectPayload(a.ctx, project.id)!;
    const oldIds = new Set<string>([
      project.id,
      ...original.changes.flatMap((change) => [change.id, change.entityId]),
    ]);
    for (const list of [original.verdicts, original.articles, original.claims, original.sources])
      for (const record of list) oldIds.add(record.id);
    const copyJson = JSON.stringify(copy);
    for (const id of oldIds) expect(copyJson.includes(id), id).toBe(false);
    expect(copy.changes).toHaveLength(original.changes.length + 1);
    expect(copy.changes.at(-1)).toMatchObject({
      entityType: 'project',
      fields: { title: { before: 'Kremlin on DPRK', after: 'Kremlin on DPRK (copy)' } },
      author: 'Alice',
    });
    // The copy's history still tells its story: the deleted claim, the source edits.
    expect(
      copy.changes.filter((change) => change.op === 'delete').map((change) => change.entityType),
    ).toEqual(['claim']);
    // A second copy gets its own title.
    expect(applyImport(a.ctx, contents, { asCopy: true }).title).toBe('Kremlin on DPRK (copy 2)');
    expect(a.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('says so and writes nothing (not even a backup) when the library already has everything', () => {
    const a = library('a', 'Alice');
    const { project } = richProject(a);
    const file = path.join(tempDir(), 'p.factcheck');
    exportProjectToFile(a.ctx, project.id, file, { appVersion: '1.0.0' });
    const before = dumpLibrary(a.db);
    expect(applyImport(a.ctx, readProjectFileFromPath(file))).toMatchObject({
      mode: 'merge',
      unchanged: true,
      backupId: null,
    });
    expect(dumpLibrary(a.db)).toEqual(before);
  });

  it('refuses to apply when the library changed since the file was inspected so that there are new conflicts', async () => {
    const a = library('a', 'Alice');
    const b = library('b', 'Bob');
    const { project, claims } = richProject(a);
    const file = path.join(tempDir(), 'p.factcheck');
    exportProjectToFile(a.ctx, project.id, file, { appVersion: '1.0.0' });
    applyImport(b.ctx, readProjectFileFromPath(file));
    updateClaim(b.ctx, claims[1]!.id, { rationale: 'Bob’s view' });
    const fromB = path.join(tempDir(), 'b.factcheck');
    exportProjectToFile(b.ctx, project.id, fromB, { appVersion: '1.0.0' });

    const { handlers } = api(a);
    const preview = (await handlers['projectFiles.inspect']({ path: fromB }))!;
    expect(preview.conflicts).toEqual([]);
    updateClaim(a.ctx, claims[1]!.id, { rationale: 'Alice’s view' }); // meanwhile, in another window
    const before = dumpLibrary(a.db);
    await expect(later(() => handlers['projectFiles.apply']({ importId: preview.importId }))).rejects.toThrow(
      /changed in your library since you opened the file/,
    );
    expect(dumpLibrary(a.db)).toEqual(before);
    await expect(later(() => handlers['projectFiles.apply']({ importId: 'nope' }))).rejects.toThrow(
      /no longer open/,
    );
  });

  it('refuses a file whose records use ids of another project, changing nothing', () => {
    const a = library('a', 'Alice');
    const { project } = richProject(a);
    const built = buildProjectFile(a.ctx, project.id, { appVersion: '1.0.0' });
    // The same records under another project id: their ids collide with the library's.
    const other = '22222222-2222-4222-8222-222222222222';
    const p = parseProjectFile(built.bytes, 'x.factcheck').payload;
    const clone = {
      ...p,
      project: { ...p.project, id: other },
      verdicts: p.verdicts.map((v) => ({ ...v, projectId: other })),
      articles: p.articles.map((x) => ({ ...x, projectId: other })),
      claims: p.claims.map((c) => ({ ...c, projectId: other })),
      changes: [],
    };
    const contents = { ...parseProjectFile(built.bytes, 'x.factcheck'), payload: clone };
    const before = dumpLibrary(a.db);
    expect(() => applyImport(a.ctx, contents)).toThrow(
      /same ids as records of another project.*separate copy/,
    );
    expect(dumpLibrary(a.db)).toEqual(before);
    expect(applyImport(a.ctx, contents, { asCopy: true }).mode).toBe('copy');
  });

  it('previews what a merge would do without writing', () => {
    const a = library('a', 'Alice');
    const { project, claims } = richProject(a);
    const built = buildProjectFile(a.ctx, project.id, { appVersion: '1.0.0' });
    updateClaim(a.ctx, claims[0]!.id, { rationale: 'changed after export' });
    const before = dumpLibrary(a.db);
    const plan = planImport(a.ctx, parseProjectFile(built.bytes, 'p.factcheck'));
    expect(plan.mode).toBe('merge');
    expect(plan.conflicts).toEqual([]);
    expect(dumpLibrary(a.db)).toEqual(before);
  });

  it('keeps the newest five backups of a project', () => {
    const a = library('a', 'Alice');
    const { project } = richProject(a);
    const payload = readProjectPayload(a.ctx, project.id)!;
    for (let i = 1; i <= 7; i++) createBackup(a.ctx, payload, `Backup ${i}`);
    expect(listBackups(a.ctx, project.id).map((backup) => backup.reason)).toEqual([
      'Backup 7',
      'Backup 6',
      'Backup 5',
      'Backup 4',
      'Backup 3',
    ]);
    expect(BACKUPS_KEPT).toBe(5);
  });

  it('inspecting a bad file through the API answers with the message and remembers nothing', async () => {
    const a = library('a', 'Alice');
    const { handlers } = api(a);
    const bad = path.join(tempDir(), 'bad.factcheck');
    fs.writeFileSync(bad, '');
    await expect(later(() => handlers['projectFiles.inspect']({ path: bad }))).rejects.toThrow(
      'Can’t import “bad.factcheck”: the file is empty (0 bytes)',
    );
    // A good file can be inspected and then discarded; its id is forgotten.
    const { project } = richProject(a);
    const good = path.join(tempDir(), 'good.factcheck');
    exportProjectToFile(a.ctx, project.id, good, { appVersion: '1.0.0' });
    const preview = (await handlers['projectFiles.inspect']({ path: good }))!;
    expect(preview).toMatchObject({ mode: 'merge', conflicts: [], effect: { added: { claims: 0 } } });
    expect(handlers['projectFiles.discard']({ importId: preview.importId })).toBeNull();
    await expect(later(() => handlers['projectFiles.apply']({ importId: preview.importId }))).rejects.toThrow(
      /no longer open/,
    );
  });

  it('keeps the inspect path to .factcheck files', () => {
    const request = projectFileContract['projectFiles.inspect'].request;
    expect(request.safeParse({ path: '/etc/passwd' }).success).toBe(false);
    expect(request.safeParse({ path: '/home/a/Team.FACTCHECK' }).success).toBe(true);
    expect(request.safeParse({ path: 'C:\\Users\\a\\Team.factcheck' }).success).toBe(true);
    expect(request.safeParse({ path: '../Team.factcheck' }).success).toBe(false);
    expect(request.safeParse({}).success).toBe(true);
  });
});

describe('imported timestamps', () => {
  const UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
  const meta = { appVersion: '1.0.0', exportedAt: '2024-05-01T12:00:00+02:00', exportedBy: 'Other tool' };

  it('are stored in one form, UTC with Z, so text order is time order', () => {
    const a = library('a', 'Alice');
    const { project } = richProject(a);
    const payload = readProjectPayload(a.ctx, project.id)!;
    // As another tool may write them: local offsets, no milliseconds, more than milliseconds.
    payload.project.createdAt = '2024-05-01T10:00:00+02:00';
    payload.project.updatedAt = '2024-05-01T03:30:00.5-05:00';
    payload.claims[0]!.createdAt = '2024-05-01T09:00:00Z';
    payload.claims[0]!.updatedAt = '2024-05-01T09:15:00.123456+00:00';
    payload.sources[0]!.createdAt = '2024-05-02T01:00:00+05:30';
    payload.changes[0]!.at = '2024-04-30T23:59:59.999-00:30';
    const file = packProjectFile(payload, meta);

    const contents = parseProjectFile(file.bytes, 'offsets.factcheck');
    expect(contents.payload.project.createdAt).toBe('2024-05-01T08:00:00.000Z');

    const b = library('b', 'Bob');
    expect(applyImport(b.ctx, contents).mode).toBe('new');
    const stored = readProjectPayload(b.ctx, project.id)!;
    expect(stored.project.createdAt).toBe('2024-05-01T08:00:00.000Z');
    expect(stored.project.updatedAt).toBe('2024-05-01T08:30:00.500Z');
    const claim = stored.claims.find((c) => c.id === payload.claims[0]!.id)!;
    expect(claim.createdAt).toBe('2024-05-01T09:00:00.000Z');
    expect(claim.updatedAt).toBe('2024-05-01T09:15:00.123Z');
    expect(stored.sources.find((s) => s.id === payload.sources[0]!.id)!.createdAt).toBe(
      '2024-05-01T19:30:00.000Z',
    );
    expect(stored.changes.find((c) => c.id === payload.changes[0]!.id)!.at).toBe('2024-05-01T00:29:59.999Z');
    // 10:00+02:00 is before 09:00Z; as written, the text said otherwise.
    expect(payload.project.createdAt > payload.claims[0]!.createdAt).toBe(true);
    expect(stored.project.createdAt < claim.createdAt).toBe(true);

    // Every timestamp in every table of the library, in the one form.
    const timestamps = Object.values(dumpLibrary(b.db))
      .flat()
      .filter((row): row is string => typeof row === 'string')
      .flatMap((row) => Object.values(JSON.parse(row) as Record<string, unknown>))
      .filter((value): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value));
    expect(timestamps.length).toBeGreaterThan(10);
    for (const value of timestamps) expect(value).toMatch(UTC);
  });

  it('refuses a time that has no four-digit year in UTC, with the place it is at', () => {
    const a = library('a', 'Alice');
    const { project } = richProject(a);
    const payload = readProjectPayload(a.ctx, project.id)!;
    payload.sources[0]!.updatedAt = '0000-01-01T00:30:00+01:00';
    const file = packProjectFile(payload, meta);
    expect(() => parseProjectFile(file.bytes, 'ancient.factcheck')).toThrow(
      'Can’t import “ancient.factcheck”: the time at “sources[0].updatedAt” (0000-01-01T00:30:00+01:00) is outside the years 0000–9999 in UTC. Nothing was changed in your library.',
    );
  });
});
