/**
 * Format 2 (editorial integrity) in project files: the upgrade from format 1, the checks of the new
 * records, the export without team notes, approvals through an import and a restore.
 */
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../main/errors';
import { createBackup, restoreBackup } from '../../../main/projectFiles/backups';
import { runProjectCli } from '../../../main/projectFiles/cli';
import { buildProjectFile, exportProjectToFile } from '../../../main/projectFiles/exportProject';
import { ProjectPayloadV1, type ProjectPayload } from '../../../main/projectFiles/format';
import { createProjectFileHandlers } from '../../../main/projectFiles/handlers';
import { applyImport, parseProjectFile } from '../../../main/projectFiles/importProject';
import { packEntries } from '../../../main/projectFiles/pack';
import { readProjectPayload } from '../../../main/projectFiles/projectStore';
import { upgradeV1ToV2 } from '../../../main/projectFiles/upgrade';
import { currentSeal } from '../../../main/repositories/approvals';
import { getClaim, updateClaim } from '../../../main/repositories/claims';
import { addCorrection, addTeamNote } from '../../../main/repositories/editorial';
import { writeSettings } from '../../../main/repositories/settings';
import { createSource } from '../../../main/repositories/sources';
import type { HandlerDeps } from '../../../main/api/handlers';
import {
  createProjectWithArticle,
  dumpLibrary,
  makeTempDir,
  markClaim,
  openTestLibrary,
  readArticle,
  steppingClock,
  toV1Payload,
  verdictId,
  type TestLibrary,
} from '../../fixtures/project-files/helpers';

const TASS = readArticle('en-tass-2024-10-21-peskov-dprk.txt');
const META = { appVersion: '1.0.0', exportedAt: '2024-10-22T08:30:00.000Z', exportedBy: 'Alice' };
const NONE = { by: '', at: '', seal: '' };

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
/** A library with a clock that ticks a second per call, so creation order is the order of the test. */
function library(author: string, start = '2024-10-21T09:00:00.000Z'): TestLibrary {
  const lib = openTestLibrary(path.join(tempDir(), 'lib'), { author, now: steppingClock(start) });
  open.push(lib);
  return lib;
}

/** Claims 1–3, claim 2 approved with a source, claim 1 assigned with a team note and a correction. */
function editorialProject(lib: TestLibrary) {
  const { project, article } = createProjectWithArticle(lib.ctx, {
    title: 'Kremlin on DPRK',
    articleTitle: 'TASS wire',
    text: TASS,
  });
  const c1 = markClaim(lib.ctx, article, 'North Korea is our close neighbor', {
    claimant: 'Dmitry Peskov',
    claimantType: 'Person',
  });
  const c2 = markClaim(lib.ctx, article, 'This is our sovereign right', { claimant: 'Dmitry Peskov' });
  const c3 = markClaim(lib.ctx, article, 'contradictory information');
  createSource(lib.ctx, c2.id, { title: 'Treaty', url: 'https://example.org/treaty' });
  updateClaim(lib.ctx, c2.id, { verdictId: verdictId(lib.db, project.id, 'True'), status: 'approved' });
  updateClaim(lib.ctx, c1.id, { assignee: 'Carol Assignee', status: 'researching' });
  addTeamNote(lib.ctx, c1.id, 'SECRET-NOTE-TEXT: call the embassy before publishing.');
  addCorrection(lib.ctx, c1.id, 'correction', 'The date was wrong.');
  return { project, article, claims: [c1, c2, c3] };
}

describe('format 1 → 2', () => {
  it('numbers claims by creation time, seals the approvals given before seals, invents nothing else', () => {
    const lib = library('Alice');
    const { project, claims } = editorialProject(lib);
    const v2 = readProjectPayload(lib.ctx, project.id)!;
    const v1 = ProjectPayloadV1.parse(toV1Payload(JSON.parse(JSON.stringify(v2))));
    // Out of order in the file, and one claim marked an hour earlier than the others.
    v1.claims.reverse();
    const early = v1.claims.find((claim) => claim.id === claims[2]!.id)!;
    early.createdAt = '2024-10-21T07:00:00.000+00:00';
    const upgraded = upgradeV1ToV2(v1);
    const numberOf = (id: string) => upgraded.claims.find((claim) => claim.id === id)!.number;
    expect([claims[2], claims[0], claims[1]].map((claim) => numberOf(claim!.id))).toEqual([1, 2, 3]);
    expect(upgraded.project).toMatchObject({ nextClaimNumber: 4, secondPairOfEyes: false });
    expect(upgraded).toMatchObject({ teamNotes: [], corrections: [], publications: [] });
    for (const claim of upgraded.claims)
      expect(claim).toMatchObject({ claimantType: '', assignee: '', quoteChangedFrom: '' });
    const approved = upgraded.claims.find((claim) => claim.id === claims[1]!.id)!;
    // The same seal the library gives this content (claimant type empty, as in format 1).
    const stored = getClaim(lib.ctx, claims[1]!.id);
    expect(approved.approval).toEqual({ by: '', at: stored.updatedAt, seal: currentSeal(lib.ctx, stored) });
    for (const claim of upgraded.claims.filter((other) => other.id !== approved.id))
      expect(claim.approval).toEqual(NONE);
  });

  it('imports a format 1 file: numbered, approval kept', () => {
    const lib = library('Alice');
    const { project } = editorialProject(lib);
    const v1 = toV1Payload(JSON.parse(JSON.stringify(readProjectPayload(lib.ctx, project.id)!)));
    const manifest = { ...packEntries(Buffer.from(JSON.stringify(v1)), META).manifest, formatVersion: 1 };
    const json = Buffer.from(JSON.stringify(v1));
    const bytes = zipSync({ 'manifest.json': Buffer.from(JSON.stringify(manifest)), 'project.json': json });
    const contents = parseProjectFile(bytes, 'old.factcheck');
    expect(contents.formatVersion).toBe(1);
    const other = library('Bob');
    const summary = applyImport(other.ctx, contents);
    expect(summary).toMatchObject({ mode: 'new', approvalsWithdrawn: 0 });
    const imported = readProjectPayload(other.ctx, project.id)!;
    expect(imported.claims.map((claim) => claim.number).sort()).toEqual([1, 2, 3]);
    expect(imported.claims.find((claim) => claim.status === 'approved')!.approval.seal).toMatch(
      /^[0-9a-f]{64}$/,
    );
  });
});

describe('bad format 2 input is refused with a clear message, and the library is unchanged', () => {
  function setUp() {
    const source = library('Alice');
    const { project } = editorialProject(source);
    const valid = JSON.parse(JSON.stringify(readProjectPayload(source.ctx, project.id))) as ProjectPayload;
    const target = library('Bob');
    const mine = createProjectWithArticle(target.ctx, {
      title: 'Mine',
      articleTitle: 'Other',
      text: 'Some other text.',
    });
    markClaim(target.ctx, mine.article, 'other text');
    return { valid, target };
  }
  const clone = (payload: ProjectPayload) => JSON.parse(JSON.stringify(payload)) as ProjectPayload;
  const fileOf = (payload: unknown) => packEntries(Buffer.from(JSON.stringify(payload)), META).bytes;
  function expectRefused(target: TestLibrary, payload: unknown, message: string | RegExp) {
    const before = dumpLibrary(target.db);
    let caught: unknown;
    try {
      applyImport(target.ctx, parseProjectFile(fileOf(payload), 'team.factcheck'));
    } catch (error) {
      caught = error;
    }
    expect(caught, 'the import should have been refused').toBeInstanceOf(AppError);
    const text = (caught as AppError).message;
    if (typeof message === 'string') expect(text).toContain(message);
    else expect(text).toMatch(message);
    expect(text).toMatch(/^Can’t import “team\.factcheck”: .* Nothing was changed in your library\.$/s);
    expect(dumpLibrary(target.db)).toEqual(before);
  }

  it('the valid file imports', () => {
    const { valid, target } = setUp();
    expect(applyImport(target.ctx, parseProjectFile(fileOf(valid), 'team.factcheck')).mode).toBe('new');
  });

  it('a team note of 1 MB', () => {
    const { valid, target } = setUp();
    const bad = clone(valid);
    bad.teamNotes[0]!.text = 'n'.repeat(1024 * 1024);
    expectRefused(
      target,
      bad,
      'project.json is not valid at “teamNotes[0].text”: A team note can be at most 20,000 characters.',
    );
  });

  it('a claimant type that is not one', () => {
    const { valid, target } = setUp();
    const bad = clone(valid);
    (bad.claims[0] as { claimantType: string }).claimantType = 'Robot';
    expectRefused(
      target,
      bad,
      'project.json is not valid at “claims[0].claimantType”: A claimant type is “Person” or “Organization”.',
    );
  });

  it('two claims with one number (a hand-edited file)', () => {
    const { valid, target } = setUp();
    const bad = clone(valid);
    bad.claims[2]!.number = bad.claims[0]!.number;
    expectRefused(
      target,
      bad,
      `Claims “${bad.claims[0]!.statement}” and “${bad.claims[2]!.statement}” both have number 1; a project file cannot number two claims alike (was it edited by hand?).`,
    );
  });

  it('a claim number the project has not handed out yet', () => {
    const { valid, target } = setUp();
    const bad = clone(valid);
    bad.claims[1]!.number = 9;
    expectRefused(
      target,
      bad,
      /claim 2 \(claims\[1\], “This is our sovereign right”\) has number 9, but the project’s next claim number is 4/,
    );
  });

  it('a team note or a correction on a claim that is not in the file, or of another project', () => {
    const { valid, target } = setUp();
    const missing = clone(valid);
    missing.teamNotes[0]!.claimId = '99999999-9999-4999-8999-999999999999';
    expectRefused(
      target,
      missing,
      /team note 1 \(teamNotes\[0\], “SECRET-NOTE-TEXT: call the embassy.*…”\) is on a claim that is not in the file \(99999999-9999-4999-8999-999999999999\)/,
    );
    const correction = clone(valid);
    correction.corrections[0]!.claimId = '99999999-9999-4999-8999-999999999999';
    expectRefused(
      target,
      correction,
      /correction note 1 \(corrections\[0\], “The date was wrong\.”\) is on a claim that is not in the file/,
    );
    const foreign = clone(valid);
    foreign.teamNotes[0]!.projectId = '99999999-9999-4999-8999-999999999999';
    expectRefused(target, foreign, /team note 1 .* belongs to another project/);
  });
});

describe('export “Leave out team notes and assignees”', () => {
  it('leaves no note text and no assignee anywhere in the file, history included', async () => {
    const lib = library('Alice');
    const { project, claims } = editorialProject(lib);
    updateClaim(lib.ctx, claims[2]!.id, { assignee: 'Carol Assignee' });
    updateClaim(lib.ctx, claims[2]!.id, { assignee: 'Dan Deputy' });
    const full = buildProjectFile(lib.ctx, project.id, { appVersion: 'test' });
    const fullText = strFromU8(unzipSync(full.bytes)['project.json']!);
    for (const secret of ['SECRET-NOTE-TEXT', 'Carol Assignee', 'Dan Deputy'])
      expect(fullText).toContain(secret);

    const built = buildProjectFile(lib.ctx, project.id, { appVersion: 'test', withoutTeamNotes: true });
    const entries = unzipSync(built.bytes);
    const everything = Object.values(entries)
      .map((entry) => strFromU8(entry))
      .join('\n');
    for (const secret of ['SECRET-NOTE-TEXT', 'Carol Assignee', 'Dan Deputy'])
      expect(everything).not.toContain(secret);
    expect(built.counts.teamNotes).toBe(0);
    const { payload } = parseProjectFile(built.bytes, 'public.factcheck');
    expect(payload.teamNotes).toEqual([]);
    expect(payload.claims.every((claim) => claim.assignee === '')).toBe(true);
    // The rest is all there: corrections are published, approvals and history stay.
    expect(payload.corrections).toHaveLength(1);
    expect(payload.claims.find((claim) => claim.id === claims[1]!.id)!.status).toBe('approved');
    expect(payload.changes.map((change) => change.id)).toEqual(
      readProjectPayload(lib.ctx, project.id)!.changes.map((change) => change.id),
    );

    // Through the API and on the command line, the same.
    const target = path.join(tempDir(), 'api.factcheck');
    const deps = {
      ctx: lib.ctx,
      appVersion: 'test',
      dataPath: lib.file,
      schemaVersion: 3,
      dialogs: { chooseSavePath: async () => target, chooseOpenPath: async () => null },
      printer: { print: async () => Buffer.alloc(0) },
    } as unknown as HandlerDeps;
    await createProjectFileHandlers(deps)['projectFiles.export']({
      projectId: project.id,
      withoutTeamNotes: true,
    });
    expect(fs.readFileSync(target).length).toBeGreaterThan(0);
    expect(parseProjectFile(fs.readFileSync(target), 'api.factcheck').payload.teamNotes).toEqual([]);
    lib.close();
    open.splice(open.indexOf(lib), 1);
    const out: string[] = [];
    const cliFile = path.join(tempDir(), 'cli.factcheck');
    const code = await runProjectCli(
      ['export', project.id, '--out', cliFile, '--data', lib.dir, '--without-team-notes'],
      {
        out: (line) => out.push(line),
        err: (line) => out.push(line),
        appVersion: 'test',
      },
    );
    expect(code, out.join('\n')).toBe(0);
    expect(out.join('\n')).toContain('(without team notes or assignees)');
    const cliText = Object.values(unzipSync(fs.readFileSync(cliFile)))
      .map((entry) => strFromU8(entry))
      .join('\n');
    for (const secret of ['SECRET-NOTE-TEXT', 'Carol Assignee', 'Dan Deputy'])
      expect(cliText).not.toContain(secret);
    expect(
      await runProjectCli(['import', cliFile, '--without-team-notes'], {
        out: () => undefined,
        err: () => undefined,
      }),
    ).toBe(2);
  });

  it('a teammate’s file without notes does not take yours away', () => {
    const a = library('Alice');
    const { project, claims } = editorialProject(a);
    const file = path.join(tempDir(), 'shared.factcheck');
    exportProjectToFile(a.ctx, project.id, file, { appVersion: 'test' });
    const b = library('Bob');
    applyImport(b.ctx, parseProjectFile(fs.readFileSync(file), 'shared.factcheck'));
    addTeamNote(b.ctx, claims[0]!.id, 'Bob was here.');
    const fromB = buildProjectFile(b.ctx, project.id, { appVersion: 'test', withoutTeamNotes: true });
    const summary = applyImport(a.ctx, parseProjectFile(fromB.bytes, 'from-bob.factcheck'));
    expect(summary.editorialAdded.teamNotes).toBe(0);
    const mine = readProjectPayload(a.ctx, project.id)!;
    expect(mine.teamNotes.map((note) => note.text)).toEqual([
      'SECRET-NOTE-TEXT: call the embassy before publishing.',
    ]);
    expect(mine.claims.find((claim) => claim.id === claims[0]!.id)!.assignee).toBe('Carol Assignee');
  });
});

describe('approvals through imports and restores', () => {
  it('A approves claim 1, B changes its verdict, A imports B’s file: In review, counted, both in the history', () => {
    const a = library('Alice');
    const { project, article } = createProjectWithArticle(a.ctx, {
      title: 'Shared',
      articleTitle: 'TASS',
      text: TASS,
    });
    const claim = markClaim(a.ctx, article, 'North Korea is our close neighbor');
    updateClaim(a.ctx, claim.id, { verdictId: verdictId(a.db, project.id, 'True') });
    const file = path.join(tempDir(), 'shared.factcheck');
    exportProjectToFile(a.ctx, project.id, file, { appVersion: 'test' });
    // (Bob's clock is a little behind: Alice's import comes after everything Bob did.)
    const b = library('Bob', '2024-10-21T09:00:10.000Z');
    applyImport(b.ctx, parseProjectFile(fs.readFileSync(file), 'shared.factcheck'));

    writeSettings(a.ctx, { authorName: 'Rita Reviewer' });
    updateClaim(a.ctx, claim.id, { status: 'approved' });
    updateClaim(b.ctx, claim.id, { verdictId: verdictId(b.db, project.id, 'Misleading') });
    const fromB = buildProjectFile(b.ctx, project.id, { appVersion: 'test' });
    const summary = applyImport(a.ctx, parseProjectFile(fromB.bytes, 'from-bob.factcheck'));
    expect(summary).toMatchObject({
      mode: 'merge',
      approvalsWithdrawn: 1,
      resolved: { yours: 0, theirs: 0 },
    });
    const merged = getClaim(a.ctx, claim.id);
    expect(merged).toMatchObject({
      status: 'in_review',
      approval: NONE,
      verdictId: verdictId(a.db, project.id, 'Misleading'),
    });
    const history = readProjectPayload(a.ctx, project.id)!.changes.filter(
      (change) => change.entityId === claim.id,
    );
    expect(history.map((change) => change.author)).toEqual(expect.arrayContaining(['Rita Reviewer', 'Bob']));
    expect(history.at(-1)!.fields.approvalWithdrawn).toEqual({
      after: 'Changed after approval: imported changes.',
    });

    // B takes A's result: the same claim, In review, without a conflict.
    const fromA = buildProjectFile(a.ctx, project.id, { appVersion: 'test' });
    const back = applyImport(b.ctx, parseProjectFile(fromA.bytes, 'from-alice.factcheck'));
    expect(back.approvalsWithdrawn).toBe(0);
    const { changes: _a, ...aRecords } = readProjectPayload(a.ctx, project.id)!;
    const { changes: _b, ...bRecords } = readProjectPayload(b.ctx, project.id)!;
    expect(bRecords).toEqual(aRecords);
  });

  it('after a restore a claim stays approved only if it was approved just before with the same seal', () => {
    const lib = library('Alice');
    const { project, article } = createProjectWithArticle(lib.ctx, {
      title: 'Restore',
      articleTitle: 'TASS',
      text: TASS,
    });
    const [kept, lapsed, reapproved] = [
      'North Korea is our close neighbor',
      'This is our sovereign right',
      'contradictory information',
    ].map((quote) => markClaim(lib.ctx, article, quote));
    for (const claim of [kept!, lapsed!, reapproved!]) updateClaim(lib.ctx, claim.id, { status: 'approved' });
    const backupId = createBackup(lib.ctx, readProjectPayload(lib.ctx, project.id)!, 'test');
    // Since the backup: `lapsed` changed (its approval withdrawn); `reapproved` changed and was approved again.
    updateClaim(lib.ctx, lapsed!.id, { rationale: 'Changed.' });
    updateClaim(lib.ctx, reapproved!.id, { rationale: 'Changed too.' });
    updateClaim(lib.ctx, reapproved!.id, { status: 'approved' });
    expect([kept, lapsed, reapproved].map((claim) => getClaim(lib.ctx, claim!.id).status)).toEqual([
      'approved',
      'in_review',
      'approved',
    ]);
    const fourth = markClaim(lib.ctx, article, 'the Defense Ministry');

    restoreBackup(lib.ctx, backupId);
    const after = (id: string) => getClaim(lib.ctx, id);
    expect(after(kept!.id)).toMatchObject({ status: 'approved', approval: { by: 'Alice' } });
    expect(after(lapsed!.id)).toMatchObject({ status: 'in_review', approval: NONE, rationale: '' });
    expect(after(reapproved!.id)).toMatchObject({ status: 'in_review', approval: NONE, rationale: '' });
    const history = readProjectPayload(lib.ctx, project.id)!.changes;
    for (const claim of [lapsed!, reapproved!]) {
      expect(history.filter((change) => change.entityId === claim.id).at(-1)!.fields).toMatchObject({
        status: { before: 'approved', after: 'in_review' },
        approvalWithdrawn: { after: 'Changed after approval: restored version.' },
      });
    }
    // The number of the claim marked since (4) is not handed out again.
    expect(fourth.number).toBe(4);
    expect(readProjectPayload(lib.ctx, project.id)!.project.nextClaimNumber).toBe(5);
  });

  it('a restore keeps today’s claim numbers', () => {
    const lib = library('Alice');
    const { project, article } = createProjectWithArticle(lib.ctx, {
      title: 'Numbers',
      articleTitle: 'TASS',
      text: TASS,
    });
    const first = markClaim(lib.ctx, article, 'North Korea is our close neighbor');
    const backupId = createBackup(lib.ctx, readProjectPayload(lib.ctx, project.id)!, 'test');
    // Renumbered since (as a merge may do), by hand here.
    const current = readProjectPayload(lib.ctx, project.id)!;
    const renumbered = {
      ...current,
      project: { ...current.project, nextClaimNumber: 8 },
      claims: current.claims.map((claim) => ({ ...claim, number: 7 })),
    };
    lib.ctx.tx(() => {
      lib.db.prepare(`UPDATE claims SET number = 7 WHERE id = ?`).run(first.id);
      lib.db.prepare(`UPDATE projects SET next_claim_number = 8 WHERE id = ?`).run(project.id);
    });
    expect(readProjectPayload(lib.ctx, project.id)).toEqual(renumbered);
    restoreBackup(lib.ctx, backupId);
    const restored = readProjectPayload(lib.ctx, project.id)!;
    expect(restored.claims[0]!.number).toBe(7);
    expect(restored.project.nextClaimNumber).toBe(8);
    expect(restored.changes.at(-1)).toMatchObject({
      entityId: first.id,
      fields: { number: { before: 1, after: 7 } },
    });
  });
});
