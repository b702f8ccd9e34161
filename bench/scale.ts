/**
 * Scale figures (not a test; nothing here fails on a number): a library of 100 projects × 10,000
 * claims with 5 history rows per claim (issue 10's size), made by the seed command
 * (main/seed/cli.ts) in a child process, so this process's peak RSS is the library's and not the
 * seed's. Then, through the API registry as the window calls it: the project list, opening a
 * 10,000-claim project, one claim's history, counts by status, the export of one project; the peak
 * RSS of this process and the library's size per claim. Each beside its goal from the issue.
 *
 * Size: `npm run bench -- scale --projects 5 --claims 2000 [--changes 5]`, or SCALE_PROJECTS,
 * SCALE_CLAIMS, SCALE_CHANGES. SCALE_DATA=DIR keeps the library in DIR (and reuses it on the next
 * run when it already holds one); otherwise it goes in a temp folder that is removed afterwards.
 * Assumes `npm run build` ran (it runs dist/main/seed/cli.js).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { countByStatus } from '../main/api/projectQueries';
import { parseCliArgs } from '../main/cliArgs';
import { libraryPath } from '../main/files/dataFolder';
import { openLibraryApi } from '../main/library';
import type { PdfPrinter } from '../main/services/pdfPrinter';
import { createApiClient } from '../shared/api/client';
import type { ProjectSummary, StatusCounts } from '../shared/domain';
import { formatMs, ratio, timeAsync, timeIt } from './timing';

const DEFAULTS = { projects: 100, claims: 10_000, changes: 5 } as const;
const GOALS = { projectListMs: 100, openProjectMs: 300, claimHistoryMs: 20, rssMb: 500 } as const;
const RUNS = 5;

function sizeFromArgs(): { projects: number; claims: number; changes: number } {
  const { values } = parseCliArgs(process.argv.slice(3), {
    projects: { type: 'string' },
    claims: { type: 'string' },
    changes: { type: 'string' },
  });
  const pick = (flag: string | undefined, env: string | undefined, fallback: number) => {
    const raw = flag ?? env;
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw.replace(/[_,]/g, ''));
    if (!Number.isSafeInteger(value) || value < 1) throw new Error(`Not a whole number: “${raw}”.`);
    return value;
  };
  return {
    projects: pick(values.projects, process.env.SCALE_PROJECTS, DEFAULTS.projects),
    claims: pick(values.claims, process.env.SCALE_CLAIMS, DEFAULTS.claims),
    changes: pick(values.changes, process.env.SCALE_CHANGES, DEFAULTS.changes),
  };
}

const fmt = (n: number) => n.toLocaleString('en');
/** Peak resident set size of this process so far, in MB. */
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
const mb = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MB`;
const beside = (ms: number, goal: number) =>
  `${formatMs(ms)} (goal < ${formatMs(goal)}, ${ratio(ms, goal)} of it)`;

const noPrinter: PdfPrinter = {
  print: async () => {
    throw new Error('No printer in the scale bench.');
  },
};

function librarySize(dataDir: string): number {
  const file = libraryPath(dataDir);
  return [file, `${file}-wal`].reduce(
    (sum, name) => sum + (fs.existsSync(name) ? fs.statSync(name).size : 0),
    0,
  );
}

/** Runs the seed command in a child process; answers the wall-clock time it took. */
function seed(dataDir: string, size: { projects: number; claims: number; changes: number }): number {
  const cli = path.join(__dirname, '..', 'main', 'seed', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first.`);
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    [
      cli,
      '--data',
      dataDir,
      '--projects',
      String(size.projects),
      '--claims-per-project',
      String(size.claims),
      '--changes-per-claim',
      String(size.changes),
      '--seed',
      '1',
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error(`The seed failed (exit code ${result.status ?? result.signal}).`);
  return performance.now() - started;
}

export async function benchScale(): Promise<void> {
  const size = sizeFromArgs();
  const keep = process.env.SCALE_DATA;
  const dataDir = keep
    ? path.resolve(keep)
    : fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-bench-scale-'));
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-bench-scale-out-'));
  try {
    if (keep && fs.existsSync(libraryPath(dataDir))) {
      console.log(`Using the library already in ${dataDir} (SCALE_DATA); delete it to seed again.`);
    } else {
      console.log(
        `Seeding ${fmt(size.projects)} projects × ${fmt(size.claims)} claims × ${size.changes} history rows in a child process…`,
      );
      const seedMs = seed(dataDir, size);
      console.log(`seed: ${formatMs(seedMs)} wall-clock, including the child process's start`);
    }

    const peaks: [step: string, mb: number][] = [['start', peakRssMb()]];
    let totalClaims = 0;
    const exportPath = path.join(outDir, 'export.factcheck');
    const library = openLibraryApi({
      dataDir,
      appVersion: 'bench',
      dialogs: { chooseSavePath: async () => exportPath, chooseOpenPath: async () => null },
      printer: noPrinter,
    });
    if (library.openError || !library.ctx)
      throw new Error(`The library could not be opened: ${library.openError?.message}`);
    const ctx = library.ctx;
    const api = createApiClient({
      invoke: (channel, request) => library.registry.dispatch(channel, request),
      subscribe: () => () => undefined,
    });
    try {
      // The project list, as the window shows it first: the first call (cold statements) and warm ones.
      let projects: ProjectSummary[] = [];
      const listFirst = await timeAsync(async () => (projects = await api.call('projects.list', {})));
      const listWarm = await timeAsync(() => api.call('projects.list', {}), RUNS);
      totalClaims = projects.reduce((sum, project) => sum + project.claimCount, 0);
      console.log(
        `project list (${fmt(projects.length)} projects, ${fmt(totalClaims)} claims): ${beside(listWarm, GOALS.projectListMs)}, median of ${RUNS}; first call ${formatMs(listFirst)}`,
      );

      peaks.push(['list', peakRssMb()]);

      // Opening the biggest project: its summary, then every article with its claims and sources.
      const biggest = projects.reduce((best, project) =>
        project.claimCount > best.claimCount ? project : best,
      );
      let articleIds: string[] = [];
      let largest = { ms: 0, claims: 0 };
      let claimIds: string[] = [];
      const openMs = await timeAsync(async () => {
        const opened = await api.call('projects.get', { id: biggest.id });
        articleIds = opened.articles.map((article) => article.id);
        for (const id of articleIds) {
          const started = performance.now();
          const loaded = await api.call('workbench.loadArticle', { id });
          const ms = performance.now() - started;
          if (ms > largest.ms) largest = { ms, claims: loaded.claims.length };
          if (claimIds.length === 0 && loaded.claims.length > 0)
            claimIds = loaded.claims.map((claim) => claim.id);
        }
      });
      const getMs = await timeAsync(() => api.call('projects.get', { id: biggest.id }), RUNS);
      const firstArticleMs = await timeAsync(
        () => api.call('workbench.loadArticle', { id: articleIds[0]! }),
        RUNS,
      );
      // The window opens a project with projects.get (the article list, counts) and then the one
      // article the person opens: that is "claims panel ready". Loading every article is shown too.
      console.log(
        `open a ${fmt(biggest.claimCount)}-claim project as the window does (projects.get + its largest article): ${beside(getMs + largest.ms, GOALS.openProjectMs)}`,
      );
      console.log(`  every one of its ${fmt(articleIds.length)} articles loaded in turn: ${formatMs(openMs)}`);
      console.log(
        `  projects.get alone ${formatMs(getMs)}; first article ${formatMs(firstArticleMs)}; slowest article ${formatMs(largest.ms)} (${fmt(largest.claims)} claims)`,
      );

      peaks.push(['open', peakRssMb()]);

      // One claim's history (its own rows and its sources').
      const claimId = claimIds[Math.floor(claimIds.length / 2)]!;
      let rows = 0;
      const historyMs = await timeAsync(
        async () => (rows = (await api.call('workbench.claimHistory', { claimId })).length),
        RUNS,
      );
      console.log(
        `claim history (${rows} rows, in a library of ${fmt(totalClaims)} claims): ${beside(historyMs, GOALS.claimHistoryMs)}`,
      );

      // Counts by status: of the open project (part of projects.get) and of every project in turn.
      const projectCountsMs = timeIt(() => countByStatus(ctx, biggest.id), RUNS);
      const all: StatusCounts = { unchecked: 0, researching: 0, in_review: 0, approved: 0 };
      const allMs = timeIt(() => {
        for (const project of projects) {
          const counts = countByStatus(ctx, project.id);
          for (const key of Object.keys(all) as (keyof StatusCounts)[]) all[key] += counts[key];
        }
      });
      console.log(
        `counts by status: one project ${formatMs(projectCountsMs)}; all ${fmt(projects.length)} projects ${formatMs(allMs)} (${Object.entries(
          all,
        )
          .map(([status, n]) => `${status} ${fmt(n)}`)
          .join(', ')})`,
      );

      peaks.push(['history and counts', peakRssMb()]);

      // Export of the open project as a .factcheck file.
      let exported: { bytes: number } | null = null;
      const exportMs = await timeAsync(
        async () => (exported = await api.call('projectFiles.export', { projectId: biggest.id })),
      );
      console.log(
        `export of the ${fmt(biggest.claimCount)}-claim project: ${formatMs(exportMs)}, ${mb((exported as { bytes: number } | null)?.bytes ?? 0)}`,
      );
    } finally {
      library.close();
    }

    peaks.push(['export', peakRssMb()]);
    const rssMb = peakRssMb();
    console.log(
      `peak RSS of this process (the library's side: the calls above): ${rssMb.toFixed(0)} MB (goal < ${GOALS.rssMb} MB, ${ratio(rssMb, GOALS.rssMb)} of it); ` +
        `peak after each step: ${peaks.map(([step, value]) => `${step} ${value.toFixed(0)} MB`).join(', ')}`,
    );
    const bytes = librarySize(dataDir);
    console.log(
      `library file: ${mb(bytes)}, ${(bytes / 1024 / Math.max(1, totalClaims)).toFixed(1)} KB per claim`,
    );
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
