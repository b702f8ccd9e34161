import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnchor } from '../../../shared/anchoring';
import type { ApiClient } from '../../../shared/api/client';
import type { Change, Claim, ScalePresetId } from '../../../shared/domain';
import { findPreset } from '../../../shared/scales/presets';
import type { Db } from '../../../main/db/open';
import type { Library } from '../../../main/library';
import { exportProjectToFile } from '../../../main/projectFiles/exportProject';
import { readProjectFileFromPath } from '../../../main/projectFiles/importProject';
import { checkApprovalLater, currentSeal } from '../../../main/repositories/approvals';
import { CLAIM_FIELDS, getClaim } from '../../../main/repositories/claims';
import type { RepoContext } from '../../../main/repositories/context';
import { CHANGES, CLAIMS, TABLES, type Row } from '../../../main/repositories/tables';
import { runSeedCli } from '../../../main/seed/cli';
import { seedLibrary, type SeedResult } from '../../../main/seed/seedLibrary';
import { openLibrary } from '../../../main/db/open';
import { libraryPath } from '../../../main/files/dataFolder';
import { openTestLibrary, tempDir } from '../../support/library';

const PROJECTS = 3;
const CLAIMS_PER_PROJECT = 200;
const CHANGES_PER_CLAIM = 3;

const dirs: string[] = [];
const newDir = () => {
  const dir = tempDir('factcheck-seed-');
  dirs.push(dir);
  return dir;
};

let dataDir: string;
let result: SeedResult;
let library: Library;
let api: ApiClient;
let db: Db;
let ctx: RepoContext;

beforeAll(() => {
  dataDir = newDir();
  result = seedLibrary({
    dataDir,
    projects: PROJECTS,
    claimsPerProject: CLAIMS_PER_PROJECT,
    changesPerClaim: CHANGES_PER_CLAIM,
    seed: 7,
  });
  ({ library, api } = openTestLibrary(dataDir));
  db = library.db!;
  ctx = library.ctx!;
});
afterAll(() => {
  library?.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const all = <T = Row>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
const claims = (): Claim[] =>
  all(`SELECT ${CLAIMS.columns()} FROM claims ORDER BY project_id, number`).map(CLAIMS.fromRow);

describe('seedLibrary', () => {
  it('writes the projects, claims, sources and history asked for', async () => {
    expect(result).toMatchObject({ projects: PROJECTS, claims: PROJECTS * CLAIMS_PER_PROJECT });
    const count = (table: string) =>
      (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(count('projects')).toBe(PROJECTS);
    expect(count('claims')).toBe(PROJECTS * CLAIMS_PER_PROJECT);
    expect(count('sources')).toBe(result.sources);
    expect(count('changes')).toBe(result.changes);
    expect(count('articles')).toBe(result.articles);
    expect(count('verdicts')).toBe(result.verdicts);
    expect(count("claims WHERE status = 'approved'")).toBe(result.approved);

    const listed = await api.call('projects.list', {});
    expect(listed).toHaveLength(PROJECTS);
    for (const project of listed) {
      expect(project.claimCount).toBe(CLAIMS_PER_PROJECT);
      expect(project.articleCount).toBeGreaterThanOrEqual(3);
      expect(project.nextClaimNumber).toBe(CLAIMS_PER_PROJECT + 1);
      // Each project's scale is one of the presets, as applyPreset writes it.
      const { verdicts } = await api.call('projects.get', { id: project.id });
      const labels = verdicts.map((verdict) => verdict.label);
      const presets: ScalePresetId[] = ['generic', 'politifact', 'afp', 'conclusion'];
      expect(presets.map((id) => findPreset(id).verdicts.map((verdict) => verdict.label))).toContainEqual(
        labels,
      );
    }

    // K history rows per claim; one to three sources each, each with its create row.
    const perClaim = all<{ n: number }>(
      `SELECT COUNT(*) AS n FROM changes WHERE entity_type = 'claim' GROUP BY entity_id`,
    );
    expect(perClaim).toHaveLength(PROJECTS * CLAIMS_PER_PROJECT);
    expect(new Set(perClaim.map((row) => row.n))).toEqual(new Set([CHANGES_PER_CLAIM]));
    const sourcesPerClaim = all<{ n: number }>(`SELECT COUNT(*) AS n FROM sources GROUP BY claim_id`).map(
      (row) => row.n,
    );
    expect(sourcesPerClaim).toHaveLength(PROJECTS * CLAIMS_PER_PROJECT);
    expect(Math.min(...sourcesPerClaim)).toBe(1);
    expect(Math.max(...sourcesPerClaim)).toBe(3);
    expect(count(`changes WHERE entity_type = 'source'`)).toBe(result.sources);

    // Every status, and text in four languages (Arabic right-to-left).
    expect(
      all<{ status: string }>(`SELECT DISTINCT status FROM claims ORDER BY status`).map((row) => row.status),
    ).toEqual(['approved', 'in_review', 'researching', 'unchecked']);
    const languages = all<{ language: string; direction: string }>(
      `SELECT DISTINCT language, direction FROM articles ORDER BY language`,
    );
    expect(languages).toEqual([
      { language: 'ar', direction: 'rtl' },
      { language: 'en', direction: 'ltr' },
      { language: 'ko', direction: 'ltr' },
      { language: 'ru', direction: 'ltr' },
    ]);
    const rationale = all<{ n: number }>(
      `SELECT AVG(length(rationale)) AS n FROM claims WHERE status IN ('in_review', 'approved')`,
    )[0]!.n;
    expect(rationale).toBeGreaterThan(300);
  });

  it('anchors every claim as the workbench does, on its article’s text', () => {
    const texts = new Map(
      all<{ id: string; text: string }>(`SELECT id, text FROM articles`).map((row) => [row.id, row.text]),
    );
    const seeded = claims();
    expect(seeded.every((claim) => claim.anchorState === 'anchored')).toBe(true);
    for (const claim of seeded) {
      const text = texts.get(claim.articleId)!;
      expect(claim.anchor.exact.length).toBeGreaterThan(0);
      expect(text.slice(claim.anchor.start, claim.anchor.end)).toBe(claim.anchor.exact);
      expect(claim.anchor).toEqual(createAnchor(text, claim.anchor.start, claim.anchor.end));
    }
    // Some claims sit inside others (nested highlights), as people mark them.
    const byArticle = new Map<string, Claim[]>();
    for (const claim of seeded)
      byArticle.set(claim.articleId, [...(byArticle.get(claim.articleId) ?? []), claim]);
    const nested = [...byArticle.values()].some((list) =>
      list.some((inner) =>
        list.some(
          (outer) =>
            outer !== inner &&
            outer.anchor.start <= inner.anchor.start &&
            inner.anchor.end <= outer.anchor.end,
        ),
      ),
    );
    expect(nested).toBe(true);
  });

  it('numbers the claims 1..M in each project', () => {
    const numbers = all<{ n: number; distinct_n: number; low: number; high: number; next: number }>(
      `SELECT COUNT(*) AS n, COUNT(DISTINCT c.number) AS distinct_n, MIN(c.number) AS low, MAX(c.number) AS high, p.next_claim_number AS next
       FROM claims c JOIN projects p ON p.id = c.project_id GROUP BY c.project_id`,
    );
    expect(numbers).toHaveLength(PROJECTS);
    for (const row of numbers) {
      expect(row).toEqual({
        n: CLAIMS_PER_PROJECT,
        distinct_n: CLAIMS_PER_PROJECT,
        low: 1,
        high: CLAIMS_PER_PROJECT,
        next: CLAIMS_PER_PROJECT + 1,
      });
    }
  });

  it('leaves a sound database, in WAL mode', () => {
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('writes a history that replays to each claim, in time order', async () => {
    const rows = all(`SELECT ${CHANGES.columns()} FROM changes ORDER BY seq`).map(CHANGES.fromRow);
    // Written in the order it happened, project by project.
    for (const project of await api.call('projects.list', {})) {
      const ats = rows.filter((row) => row.projectId === project.id).map((row) => row.at);
      expect(ats).toEqual([...ats].sort());
    }
    const replayed = new Map<string, Record<string, unknown>>();
    for (const change of rows) {
      if (change.entityType !== 'claim') continue;
      expect(change.author).not.toBe('');
      const state = change.op === 'create' ? {} : replayed.get(change.entityId)!;
      expect(state).toBeDefined();
      for (const [field, value] of Object.entries(change.fields)) {
        if (change.op === 'update') expect(value.before, `${field} before`).toEqual(state[field]);
        state[field] = value.after;
      }
      replayed.set(change.entityId, state);
    }
    for (const claim of claims()) {
      const fields = Object.fromEntries(CLAIM_FIELDS.map((field) => [field, claim[field]]));
      expect(replayed.get(claim.id)).toEqual(fields);
    }
    // What the workbench shows: the claim's rows and its sources', newest first (checked against the contract).
    const claim = claims()[0]!;
    const history: Change[] = await api.call('workbench.claimHistory', { claimId: claim.id });
    const sourceCount = all(`SELECT id FROM sources WHERE claim_id = ?`, claim.id).length;
    expect(history).toHaveLength(CHANGES_PER_CLAIM + sourceCount);
    expect(history.at(-1)).toMatchObject({ entityId: claim.id, op: 'create' });
  });

  it('seals approvals over what they publish, so they hold until the content changes', async () => {
    const approved = claims().filter((claim) => claim.status === 'approved');
    expect(approved.length).toBeGreaterThan(20);
    for (const claim of approved) {
      expect(claim.approval.by).not.toBe('');
      expect(claim.approval.at >= claim.createdAt).toBe(true);
      expect(claim.approval.seal).toBe(currentSeal(ctx, claim));
    }
    // The approval rule itself, asked to check each: none is withdrawn.
    ctx.tx(() => {
      for (const claim of approved) checkApprovalLater(ctx, claim.id, 'check');
    });
    expect(claims().filter((claim) => claim.status === 'approved')).toHaveLength(approved.length);

    // Through the app: a no-op and an unpublished field keep the approval; a rationale edit ends it.
    const claim = approved[0]!;
    expect(
      (await api.call('claims.update', { id: claim.id, fields: { rationale: claim.rationale } })).status,
    ).toBe('approved');
    expect(
      (await api.call('claims.update', { id: claim.id, fields: { tags: [...claim.tags, 'rechecked'] } }))
        .status,
    ).toBe('approved');
    await api.call('claims.update', {
      id: claim.id,
      fields: { rationale: `${claim.rationale} One more sentence.` },
    });
    // The rule runs just before the commit, after the update answered: read the claim as it is now.
    expect(getClaim(ctx, claim.id)).toMatchObject({
      status: 'in_review',
      approval: { by: '', at: '', seal: '' },
    });
  });

  it('opens in the workbench, previews a report and exports a project file that reads back', async () => {
    for (const project of await api.call('projects.list', {})) {
      const opened = await api.call('projects.get', { id: project.id });
      expect(Object.values(opened.progress).reduce((a, b) => a + b, 0)).toBe(CLAIMS_PER_PROJECT);
      let loaded = 0;
      for (const article of opened.articles) {
        const view = await api.call('workbench.loadArticle', { id: article.id });
        expect(view.claims).toHaveLength(article.claimCount);
        loaded += view.claims.length;
      }
      expect(loaded).toBe(CLAIMS_PER_PROJECT);
    }
    const [first] = await api.call('projects.list', {});
    const { html } = await api.call('reports.preview', { projectId: first!.id });
    expect(html).toContain('<html');
    expect(html).toContain(first!.title);

    const file = path.join(newDir(), 'project.factcheck');
    exportProjectToFile(ctx, first!.id, file, { appVersion: 'test' });
    const contents = readProjectFileFromPath(file);
    expect(contents.payload.claims).toHaveLength(CLAIMS_PER_PROJECT);
  });

  it('gives the same library for the same seed, another for another', () => {
    const dump = (seed: number) => {
      const dir = newDir();
      seedLibrary({ dataDir: dir, projects: 2, claimsPerProject: 40, changesPerClaim: 5, seed });
      const { db: other } = openLibrary(libraryPath(dir));
      try {
        return TABLES.map((table) =>
          JSON.stringify(
            other
              .prepare(
                `SELECT ${table.columns()} FROM ${table.name} ORDER BY ${table === CHANGES ? 'seq' : 'id'}`,
              )
              .all(),
          ),
        );
      } finally {
        other.close();
      }
    };
    const a = dump(11);
    expect(dump(11)).toEqual(a);
    expect(dump(12)).not.toEqual(a);
  });

  it('refuses a library that already has projects, and wrong arguments', () => {
    expect(() => seedLibrary({ dataDir, projects: 1, claimsPerProject: 1 })).toThrow(
      /already holds a library with 3 projects/,
    );
    expect(() => seedLibrary({ dataDir: newDir(), projects: 0, claimsPerProject: 1 })).toThrow(
      /number of projects/,
    );

    const run = (args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = runSeedCli(args, {
        out: (line) => out.push(line),
        err: (line) => err.push(line),
        cwd: dataDir,
      });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    // This file has the library open (openTestLibrary holds its lock): the command waits its turn.
    const locked = run(['--data', dataDir, '--projects', '1', '--claims-per-project', '1']);
    expect(locked.code).toBe(1);
    expect(locked.err).toMatch(/open in another window or program \(pid \d+\)/);
    const full = newDir();
    seedLibrary({ dataDir: full, projects: 1, claimsPerProject: 1, changesPerClaim: 1 });
    const refused = run(['--data', full, '--projects', '1', '--claims-per-project', '1']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/already holds a library with 1 project\..*give another folder with --data/s);
    expect(fs.existsSync(path.join(full, 'library.lock'))).toBe(false);
    expect(run(['--projects', '1', '--claims-per-project', '1']).code).toBe(2);
    const wrong = run(['--data', 'x', '--projects', 'many', '--claims-per-project', '1']);
    expect(wrong).toMatchObject({ code: 2, err: expect.stringContaining('--projects takes a whole number') });
    expect(run(['--data', 'x', '--projects', '1', '--claims-per-project', '5', '--colour']).err).toContain(
      'Unknown option --colour.',
    );

    const dir = newDir();
    const done = run([
      '--data',
      dir,
      '--projects',
      '1',
      '--claims-per-project',
      '5',
      '--changes-per-claim',
      '1',
      '--seed',
      '3',
    ]);
    expect(done.code).toBe(0);
    expect(done.out).toContain('Seeded 1 project: 5 claims');
    expect(done.out).toContain(libraryPath(dir));
  });
});
