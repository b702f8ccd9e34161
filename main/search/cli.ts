/**
 * npm run search -- "text" --data DIR: the library search from a terminal. Opens the library
 * read-only (it works while the app has it open) and prints, project by project, each matching
 * claim's number, verdict and statement, then the matching reference fact-checks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CLAIM_STATUS_LABELS } from '../../shared/domain';
import { parseCliArgs, UsageError } from '../cliArgs';
import { openLibrary } from '../db/open';
import { toAppError } from '../errors';
import { defaultDataDir, libraryPath } from '../files/dataFolder';
import { createRepoContext } from '../repositories/context';
import { searchLibrary } from './searchLibrary';

export const USAGE = `Usage: npm run search -- "words to find" [--data DIR] [--limit N]

Searches every project of the library (claims: statement, quote, rationale, claimant, tags, team
notes, sources) and the reference fact-checks, like the app's "Search library" (Ctrl+K).

Options:
  --data DIR   the library folder, which holds library.sqlite
               (default: $FACTCHECK_USER_DATA_DIR, else the app's own folder)
  --limit N    at most N claims and N reference fact-checks (1 to 200, default 50)
  -h, --help   show this help`;

const OPTIONS = {
  data: { type: 'string' },
  limit: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface SearchCliIo {
  out(line: string): void;
  err(line: string): void;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Answers the exit code: 0 searched (found or not), 2 bad arguments, 1 anything else. */
export function runSearchCli(argv: readonly string[], io: SearchCliIo): number {
  let text: string;
  let data: string;
  let limit = 50;
  try {
    const { values, positionals } = parseCliArgs(argv, OPTIONS);
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('Give the words to find, in quotes, once.');
    text = positionals[0]!;
    if (values.limit !== undefined) {
      limit = Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new UsageError('--limit must be a whole number from 1 to 200.');
    }
    data = path.resolve(io.cwd ?? process.cwd(), values.data ?? defaultDataDir({ env: io.env ?? process.env }));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  const file = libraryPath(data);
  if (!fs.existsSync(file)) {
    io.err(`No library found at ${file}. Give the folder that holds library.sqlite with --data DIR.`);
    return 1;
  }
  try {
    const { db } = openLibrary(file, { readOnly: true });
    try {
      const result = searchLibrary(createRepoContext(db), { text, limit });
      printResult(io, result, text);
    } finally {
      db.close();
    }
    return 0;
  } catch (error) {
    io.err(toAppError(error).message);
    return 1;
  }
}

function printResult(io: SearchCliIo, result: ReturnType<typeof searchLibrary>, text: string): void {
  const claims = result.projects.reduce((sum, project) => sum + project.claims.length, 0);
  if (claims === 0 && result.references.length === 0) {
    io.out(result.terms.length === 0 ? 'Nothing to search for: give some words.' : `Nothing found for “${text.slice(0, 200)}”.`);
    return;
  }
  for (const project of result.projects) {
    io.out(`${project.title}`);
    for (const claim of project.claims) {
      const verdict = claim.verdict?.label ?? 'no verdict';
      const statement = (claim.statement.text || claim.quote.text).replace(/\s+/g, ' ');
      io.out(`  #${claim.number}  [${verdict}, ${CLAIM_STATUS_LABELS[claim.status]}]  ${statement}`);
    }
  }
  if (result.references.length > 0) {
    io.out('Reference fact-checks');
    for (const reference of result.references) {
      const by = [reference.publisher, reference.rating].filter(Boolean).join(': ');
      io.out(`  ${by ? `[${by}]  ` : ''}${reference.claimText.text.replace(/\s+/g, ' ')}${reference.url ? `  ${reference.url}` : ''}`);
    }
  }
  if (result.truncated) io.out('(More matched: the best ones are shown. Use --limit or more words.)');
}

// Run when executed as the bundled command (dist/main/search/cli.js), not when imported by tests.
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  process.exitCode = runSearchCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
}
