/**
 * npm run seed-library -- --data DIR --projects N --claims-per-project M [--changes-per-claim K] [--seed S]
 *
 * Builds the scale fixture (main/seed/seedLibrary.ts) in a new or empty library, holding the
 * library lock while it writes. Exit codes: 0 done; 1 refused (the library already has projects, it
 * is open in the app or another program, it cannot be opened, …); 2 wrong usage.
 */
import path from 'node:path';
import { parseCliArgs, UsageError } from '../cliArgs';
import { withLibraryLock } from '../db/libraryLock';
import { AppError, toAppError } from '../errors';
import { LIBRARY_FILE_NAME } from '../files/dataFolder';
import { SEED_DEFAULTS, SEED_LIMITS, seedLibrary } from './seedLibrary';

export const USAGE = `Usage: npm run seed-library -- --data DIR --projects N --claims-per-project M [options]

Fills a new or empty library with a realistic fixture for scale tests: N projects of M claims each,
with articles, verdicts, sources, approvals and history. The same --seed gives the same library.

Options:
  --data DIR                the library folder (${LIBRARY_FILE_NAME} is made in it; required: never the app's own)
  --projects N              how many projects (1 to ${SEED_LIMITS.projects.toLocaleString('en')})
  --claims-per-project M    claims in each project (1 to ${SEED_LIMITS.claimsPerProject.toLocaleString('en')})
  --changes-per-claim K     history rows per claim: its creation, then updates (default ${SEED_DEFAULTS.changesPerClaim})
  --seed S                  the random seed (default ${SEED_DEFAULTS.seed})
  -h, --help                show this help`;

const SEED_OPTIONS = {
  data: { type: 'string' },
  projects: { type: 'string' },
  'claims-per-project': { type: 'string' },
  'changes-per-claim': { type: 'string' },
  seed: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface SeedCliIo {
  out(line: string): void;
  err(line: string): void;
  cwd?: string;
}

interface SeedArgs {
  dataDir: string;
  projects: number;
  claimsPerProject: number;
  changesPerClaim: number;
  seed: number;
}

function wholeNumber(name: string, value: string | undefined, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) throw new UsageError(`Give --${name}.`);
    return fallback;
  }
  const digits = value.replace(/[_,]/g, '');
  if (!/^\d+$/.test(digits) || !Number.isSafeInteger(Number(digits))) {
    throw new UsageError(`--${name} takes a whole number (got “${value}”).`);
  }
  return Number(digits);
}

export function parseSeedArgs(argv: readonly string[], cwd: string): SeedArgs | 'help' {
  const { values, positionals } = parseCliArgs(argv, SEED_OPTIONS);
  if (values.help) return 'help';
  if (positionals.length > 0) throw new UsageError(`Unexpected argument “${positionals[0]}”.`);
  if (values.data === undefined || values.data.trim() === '') {
    throw new UsageError(
      'Say which folder to fill with --data DIR (the seed never writes into the app’s own library).',
    );
  }
  return {
    dataDir: path.resolve(cwd, values.data),
    projects: wholeNumber('projects', values.projects),
    claimsPerProject: wholeNumber('claims-per-project', values['claims-per-project']),
    changesPerClaim: wholeNumber(
      'changes-per-claim',
      values['changes-per-claim'],
      SEED_DEFAULTS.changesPerClaim,
    ),
    seed: wholeNumber('seed', values.seed, SEED_DEFAULTS.seed),
  };
}

const fmt = (n: number) => n.toLocaleString('en');
const count = (n: number, word: string) => `${fmt(n)} ${word}${n === 1 ? '' : 's'}`;

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** Runs the command; answers the exit code. */
export function runSeedCli(argv: readonly string[], io: SeedCliIo): number {
  let args: SeedArgs | 'help';
  try {
    args = parseSeedArgs(argv, io.cwd ?? process.cwd());
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (args === 'help') {
    io.out(USAGE);
    return 0;
  }
  io.out(
    `Seeding ${count(args.projects, 'project')} × ${count(args.claimsPerProject, 'claim')} (${count(args.changesPerClaim, 'history row')} per claim, seed ${args.seed}) into ${args.dataDir}`,
  );
  try {
    // Refused while the app, the harness or another command has the library open (main/db/libraryLock.ts).
    const result = withLibraryLock(args.dataDir, () =>
      seedLibrary({ ...args, progress: (line) => io.out(`  ${line}`) }),
    );
    const seconds = result.ms / 1000;
    io.out(
      `Seeded ${count(result.projects, 'project')}: ${count(result.claims, 'claim')} (${fmt(result.approved)} approved), ${count(result.articles, 'article')}, ` +
        `${count(result.verdicts, 'verdict')}, ${count(result.sources, 'source')}, ${count(result.changes, 'history row')} in ${seconds.toFixed(2)} s ` +
        `(${fmt(Math.round(result.claims / Math.max(seconds, 0.001)))} claims/s).`,
    );
    io.out(
      `${result.path}: ${formatBytes(result.bytes)} (${formatBytes(result.bytes / result.claims)} per claim).`,
    );
    return 0;
  } catch (error) {
    const appError = toAppError(error);
    io.err(
      appError.code === 'internal' && !(error instanceof AppError)
        ? `The seed failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`
        : appError.message,
    );
    return 1;
  }
}

// Run when executed as the bundled command (dist/main/seed/cli.js), not when imported by tests.
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  process.exitCode = runSeedCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
}
