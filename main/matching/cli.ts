import fs from 'node:fs';
import path from 'node:path';
import { parseCliArgs, UsageError } from '../cliArgs';
import { REFERENCE_FIELDS, type ColumnMapping, type ReferenceField } from '../../shared/references/types';
import { readMatchCorpus } from './corpusFile';
import { createMatcher } from './matcher';
import { scoreRun, type Run } from './metrics';
import { readQrels, readQueriesTsv, trecLine } from './trec';

export const USAGE = `Usage: npm run match -- --corpus FILE --queries FILE.tsv --out RUN.tsv [options]

Finds, for each query, the earlier checks of a corpus most like it ("has this been checked
before?"), the same matcher as the app's "Checked before", and writes a TREC run
(qid Q0 docid rank score tag). Reads files only; your library is not touched.

Options:
  --corpus FILE    the earlier checks, in any format the reference import reads:
                   ClaimReview JSON-LD, fact-check API JSON, CSV or TSV with a header
                   row (the CheckThat! verified_claims.docs.tsv too). A result's id is
                   the item's id, else its URL, else its place in the file (#12)
  --map COL=FIELD,…  CSV/TSV: which column holds which field, comma-separated
                   (fields: ${REFERENCE_FIELDS.join(', ')});
                   without it, the columns are recognised by their names
  --queries FILE   the queries: id<TAB>text, after a header row
  --out FILE       where to write the run
  --top N          how many results per query (default 5)
  --qrels FILE     relevance judgements (qid 0 docid 1): prints MAP@5, MAP, MRR and P@1
  --tag TEXT       the run's tag (default factcheck)
  -h, --help       show this help`;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd?: string;
}

const OPTIONS = {
  corpus: { type: 'string' },
  queries: { type: 'string' },
  out: { type: 'string' },
  top: { type: 'string' },
  qrels: { type: 'string' },
  tag: { type: 'string' },
  map: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface MatchArgs {
  corpus: string;
  queries: string;
  out: string;
  top: number;
  qrels: string | null;
  tag: string;
  mapping: ColumnMapping | undefined;
}

/** `--map "Claim=claimText,Link=url"` → a column mapping. */
function parseMapping(value: string | undefined): ColumnMapping | undefined {
  if (value === undefined) return undefined;
  const mapping: ColumnMapping = {};
  for (const pair of value.split(',')) {
    const at = pair.lastIndexOf('=');
    const column = pair.slice(0, at).trim();
    const field = pair.slice(at + 1).trim();
    if (at <= 0 || column === '') throw new UsageError(`--map takes COLUMN=FIELD pairs; “${pair}” is not one.`);
    if (!(REFERENCE_FIELDS as readonly string[]).includes(field))
      throw new UsageError(`--map: “${field}” is not a field. The fields are ${REFERENCE_FIELDS.join(', ')}.`);
    mapping[column] = field as ReferenceField;
  }
  return mapping;
}

export function parseMatchArgs(argv: readonly string[], cwd: string): MatchArgs | 'help' {
  const { values, positionals } = parseCliArgs(argv, OPTIONS);
  if (values.help) return 'help';
  if (positionals.length > 0) throw new UsageError(`Unexpected argument “${positionals[0]}”.`);
  for (const name of ['corpus', 'queries', 'out'] as const) if (!values[name]) throw new UsageError(`--${name} is required.`);
  const top = values.top === undefined ? 5 : Number(values.top);
  if (!Number.isInteger(top) || top < 1 || top > 1000) throw new UsageError('--top must be a whole number from 1 to 1000.');
  const tag = values.tag ?? 'factcheck';
  if (!/^\S+$/.test(tag)) throw new UsageError('--tag must be one word without spaces.');
  return {
    corpus: path.resolve(cwd, values.corpus!),
    queries: path.resolve(cwd, values.queries!),
    out: path.resolve(cwd, values.out!),
    top,
    qrels: values.qrels ? path.resolve(cwd, values.qrels) : null,
    tag,
    mapping: parseMapping(values.map),
  };
}

function readText(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new Error(`The ${what} file ${file} could not be read: ${reason}.`);
  }
}

/** Runs the command; answers the exit code (0 done, 1 failed, 2 wrong usage). */
export function runMatchCli(argv: readonly string[], io: CliIo): number {
  let args: MatchArgs | 'help';
  try {
    args = parseMatchArgs(argv, io.cwd ?? process.cwd());
    if (args === 'help') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    const documents = readMatchCorpus(args.corpus, args.mapping);
    if (documents.length === 0) throw new Error(`The corpus ${args.corpus} holds no claims: no item has a claim text.`);
    const queries = readQueriesTsv(readText(args.queries, 'queries'));
    const qrels = args.qrels ? readQrels(readText(args.qrels, 'qrels')) : null;
    const matcher = createMatcher(documents);
    const { tag, top } = args;
    const run: Run = new Map();
    const lines: string[] = [];
    for (const query of queries) {
      const results = matcher.search(query.text, top);
      run.set(query.id, results.map((result) => result.id));
      results.forEach((result, rank) => lines.push(trecLine(query.id, result.id, rank + 1, result.score, tag)));
    }
    fs.writeFileSync(args.out, lines.length > 0 ? `${lines.join('\n')}\n` : '');
    io.stdout(`Matched ${queries.length} queries against ${documents.length} claims; the run is in ${args.out}.\n`);
    if (qrels) {
      const scores = scoreRun(run, qrels);
      io.stdout(
        `Over ${scores.queries} judged queries: MAP@5 ${scores.map5.toFixed(4)}  MAP ${scores.map.toFixed(4)}  MRR ${scores.mrr.toFixed(4)}  P@1 ${scores.p1.toFixed(4)}\n`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

// Run when executed as the bundled command (dist/main/matching/cli.js), not when imported by tests.
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  process.exitCode = runMatchCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
