/**
 * npm run project -- export <project id or title> --out FILE [--data DIR] [--without-team-notes] [--without-evidence]
 * npm run project -- import FILE [--data DIR] [--as-copy] [--theirs|--ours]
 * npm run project -- verify FILE
 *
 * The same checks and messages as the app. Exit codes: 0 done; 1 refused (bad file, unknown
 * project, …: the message says why; for verify: a checksum is missing or does not match); 2 wrong
 * usage; 3 a merge has conflicts and neither --ours nor --theirs was given (nothing imported).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_VERSION } from '../appVersion';
import { parseCliArgs, UsageError } from '../cliArgs';
import { withLibraryLock } from '../db/libraryLock';
import { openLibrary } from '../db/open';
import { AppError, toAppError } from '../errors';
import { defaultDataDir, LIBRARY_FILE_NAME, libraryPath } from '../files/dataFolder';
import { createRepoContext, type RepoContext } from '../repositories/context';
import { exportProjectToFile } from './exportProject';
import { applyImport, planImport, readProjectFileFromPath, type ImportSummary } from './importProject';
import type { EntityCounts, MergeConflict, Side } from './merge';
import { clip, formatBytes, formatCount } from './messages';
import { describeVerifyReport, verifyProjectFile } from './verify';

export const EXIT = { ok: 0, refused: 1, usage: 2, conflicts: 3 } as const;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** For relative paths; defaults to process.cwd(). */
  cwd?: string;
  /** For the default library folder; default to this process's. */
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  homedir?: string;
  appVersion?: string;
}

const USAGE = `Usage:
  npm run project -- export <project id or title> --out FILE [--data DIR] [--without-team-notes] [--without-evidence]
  npm run project -- import FILE [--data DIR] [--as-copy] [--theirs|--ours]
  npm run project -- verify FILE

DIR is the library folder (it holds ${LIBRARY_FILE_NAME}); by default the app's own.
--without-team-notes leaves out team notes and assignees (history included).
--without-evidence leaves out evidence files and their rows (an approved claim with evidence
then arrives "In review"). verify checks every checksum in the file and lists what is missing or altered.
A merge with conflicts stops and lists them, unless --ours (keep yours in every conflict)
or --theirs (take the file's) is given. --as-copy imports the file as a separate project.`;

interface ParsedArgs {
  command: string | undefined;
  positional: string[];
  out?: string;
  data?: string;
  asCopy: boolean;
  side?: Side;
  withoutTeamNotes: boolean;
  withoutEvidence: boolean;
  help: boolean;
}

const PROJECT_OPTIONS = {
  out: { type: 'string', short: 'o' },
  data: { type: 'string' },
  'as-copy': { type: 'boolean' },
  theirs: { type: 'boolean' },
  ours: { type: 'boolean' },
  'without-team-notes': { type: 'boolean' },
  'without-evidence': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseArgs(argv: readonly string[]): ParsedArgs {
  const { values, positionals, given } = parseCliArgs(argv, PROJECT_OPTIONS);
  for (const option of given) {
    const value = values[option.name];
    if (value === '') throw new UsageError(`${option.rawName} needs a value.`);
  }
  if (values.ours && values.theirs) throw new UsageError('Give either --ours or --theirs, not both.');
  const [command, ...positional] = positionals;
  return {
    command,
    positional,
    ...(values.out !== undefined ? { out: values.out } : {}),
    ...(values.data !== undefined ? { data: values.data } : {}),
    asCopy: values['as-copy'] === true,
    ...(values.ours ? { side: 'yours' as const } : values.theirs ? { side: 'theirs' as const } : {}),
    withoutTeamNotes: values['without-team-notes'] === true,
    withoutEvidence: values['without-evidence'] === true,
    help: values.help === true,
  };
}

export async function runProjectCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    io.err(error instanceof Error ? error.message : String(error));
    io.err(USAGE);
    return EXIT.usage;
  }
  if (args.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  const cwd = io.cwd ?? process.cwd();
  const dataDir = path.resolve(
    cwd,
    args.data ??
      defaultDataDir({
        platform: io.platform ?? process.platform,
        env: io.env ?? process.env,
        home: io.homedir ?? os.homedir(),
      }),
  );
  try {
    if (args.command === 'export') {
      if (args.positional.length !== 1 || !args.out)
        return usage(io, 'export needs one project (its id or title) and --out FILE.');
      if (args.asCopy || args.side) return usage(io, '--as-copy, --ours and --theirs are options of import.');
      return exportCommand(io, dataDir, args.positional[0]!, path.resolve(cwd, args.out), {
        appVersion: io.appVersion ?? APP_VERSION,
        withoutTeamNotes: args.withoutTeamNotes,
        withoutEvidence: args.withoutEvidence,
      });
    }
    if (args.command === 'verify') {
      if (args.positional.length !== 1) return usage(io, 'verify needs one FILE.');
      if (args.out || args.asCopy || args.side || args.withoutTeamNotes || args.withoutEvidence)
        return usage(io, 'verify takes only the FILE.');
      const report = verifyProjectFile(path.resolve(cwd, args.positional[0]!));
      for (const problem of report.problems) io.err(problem);
      (report.problems.length === 0 ? io.out : io.err)(describeVerifyReport(report));
      return report.problems.length === 0 ? EXIT.ok : EXIT.refused;
    }
    if (args.command === 'import') {
      if (args.positional.length !== 1) return usage(io, 'import needs one FILE.');
      if (args.out) return usage(io, '--out is an option of export.');
      if (args.withoutTeamNotes || args.withoutEvidence)
        return usage(io, '--without-team-notes and --without-evidence are options of export.');
      if (args.asCopy && args.side)
        return usage(
          io,
          '--as-copy imports a separate project, which has nothing to merge: leave out --ours/--theirs.',
        );
      return importCommand(io, dataDir, path.resolve(cwd, args.positional[0]!), args.asCopy, args.side);
    }
    return usage(
      io,
      args.command === undefined ? 'Say what to do: export, import or verify.' : `Unknown command “${args.command}”.`,
    );
  } catch (error) {
    io.err(toAppError(error).message);
    return EXIT.refused;
  }
}

function usage(io: CliIo, message: string): number {
  io.err(message);
  io.err(USAGE);
  return EXIT.usage;
}

function withLibrary<T>(dataDir: string, mustExist: boolean, run: (ctx: RepoContext) => T): T {
  const file = libraryPath(dataDir);
  if (mustExist && !fs.existsSync(file)) {
    throw new AppError(
      'not_found',
      `There is no library in ${dataDir} (no ${LIBRARY_FILE_NAME}). Give the library folder with --data DIR.`,
    );
  }
  const { db } = openLibrary(file);
  try {
    return run(createRepoContext(db));
  } finally {
    db.close();
  }
}

function exportCommand(
  io: CliIo,
  dataDir: string,
  ref: string,
  out: string,
  options: { appVersion: string; withoutTeamNotes: boolean; withoutEvidence: boolean },
): number {
  return withLibrary(dataDir, true, (ctx) => {
    const projectId = findProject(ctx, ref, dataDir);
    const result = exportProjectToFile(ctx, projectId, out, options);
    const { counts } = result;
    const notes = options.withoutTeamNotes
      ? ' (without team notes or assignees)'
      : counts.teamNotes > 0
        ? `, ${plural(counts.teamNotes, 'team note')}`
        : '';
    const evidence = options.withoutEvidence
      ? ' (without evidence files)'
      : counts.attachments > 0
        ? `, ${plural(counts.attachments, 'evidence file')}`
        : '';
    io.out(
      `Exported “${result.project.title}” to ${result.path} (${formatBytes(result.bytes)}): ${plural(counts.articles, 'article')}, ${plural(counts.claims, 'claim')}, ${plural(counts.sources, 'source')}${notes}${evidence}, ${plural(counts.changes, 'history entry', 'history entries')}.`,
    );
    return EXIT.ok;
  });
}

/** A project by id, or by title (exact, then ignoring case); ambiguous or unknown titles are refused. */
function findProject(ctx: RepoContext, ref: string, dataDir: string): string {
  const rows = ctx.stmt(`SELECT id, title FROM projects ORDER BY title`).all() as {
    id: string;
    title: string;
  }[];
  const byId = rows.find((row) => row.id === ref.toLowerCase());
  if (byId) return byId.id;
  let matches = rows.filter((row) => row.title === ref);
  if (matches.length === 0) matches = rows.filter((row) => row.title.toLowerCase() === ref.toLowerCase());
  if (matches.length === 1) return matches[0]!.id;
  if (matches.length > 1) {
    throw new AppError(
      'invalid_request',
      `${matches.length} projects are called “${ref}”: ${matches.map((row) => row.id).join(', ')}. Give the id of the one to export.`,
    );
  }
  const known =
    rows.length === 0
      ? 'The library has no projects.'
      : `Its projects: ${rows
          .slice(0, 10)
          .map((row) => `“${row.title}”`)
          .join(', ')}${rows.length > 10 ? ', …' : ''}.`;
  throw new AppError(
    'not_found',
    `No project with the id or title “${ref}” in the library in ${dataDir}. ${known}`,
  );
}

function importCommand(
  io: CliIo,
  dataDir: string,
  file: string,
  asCopy: boolean,
  side: Side | undefined,
): number {
  // The file is checked completely before the library is even opened.
  const contents = readProjectFileFromPath(file);
  // Refused while the app or the harness has the library open (main/db/libraryLock.ts).
  return withLibraryLock(dataDir, () =>
    withLibrary(dataDir, false, (ctx) => {
      const plan = planImport(ctx, contents, { asCopy, preview: false });
      if (plan.mode === 'merge' && plan.conflicts.length > 0 && !side) {
        io.err(
          `“${contents.fileName}” and your copy of “${contents.payload.project.title}” both changed the same things (${plural(plan.conflicts.length, 'conflict')}):`,
        );
        for (const conflict of plan.conflicts) io.err(describeConflict(conflict));
        io.err(
          'Nothing was imported. Run again with --ours to keep your version in every conflict, --theirs to take the file’s, or --as-copy to import it as a separate project.',
        );
        return EXIT.conflicts;
      }
      const summary = applyImport(ctx, contents, { asCopy, ...(side ? { defaultSide: side } : {}) });
      for (const line of describeSummary(summary, contents.fileName)) io.out(line);
      return EXIT.ok;
    }),
  );
}

function describeConflict(conflict: MergeConflict): string {
  const side = (label: string, value: MergeConflict['yours']) =>
    `${label}: ${clip(value.display.replace(/\s+/g, ' '), 80)} (${value.author || 'unknown'}, ${value.at})`;
  return `  - ${conflict.entityType} “${clip(conflict.label, 70)}”, ${conflict.fieldLabel}\n      ${side('yours ', conflict.yours)}\n      ${side('theirs', conflict.theirs)}`;
}

export function describeSummary(summary: ImportSummary, fileName: string): string[] {
  const counts = (c: EntityCounts) =>
    [
      plural(c.articles, 'article'),
      plural(c.claims, 'claim'),
      plural(c.sources, 'source'),
      plural(c.verdicts, 'verdict'),
    ]
      .filter((part) => !part.startsWith('0 '))
      .join(', ') || 'nothing';
  if (summary.mode !== 'merge') {
    const as = summary.mode === 'copy' ? ' as a separate copy' : '';
    return [
      `Imported “${summary.title}”${as} from “${fileName}”: ${counts(summary.added)}, ${plural(summary.changesImported, 'history entry', 'history entries')}.`,
      `Project id: ${summary.projectId}`,
    ];
  }
  if (summary.unchanged)
    return [`“${summary.title}” already has everything in “${fileName}”; nothing changed.`];
  const lines = [
    `Merged “${fileName}” into “${summary.title}”:`,
    `  added: ${counts(summary.added)}`,
    `  updated: ${counts(summary.updated)}${summary.projectUpdated ? ' and the project details' : ''}`,
  ];
  const deleted = counts(summary.deleted);
  if (deleted !== 'nothing') lines.push(`  deleted: ${deleted}`);
  const resolved = summary.resolved.yours + summary.resolved.theirs;
  if (resolved > 0)
    lines.push(
      `  conflicts resolved: ${resolved} (kept yours in ${summary.resolved.yours}, took theirs in ${summary.resolved.theirs})`,
    );
  const notes = describeEditorial(summary.editorialAdded);
  if (notes) lines.push(`  kept from both copies: ${notes}`);
  if (summary.orphanedClaims > 0)
    lines.push(
      `  ${plural(summary.orphanedClaims, 'claim')} no longer found in the article text (shown as orphaned)`,
    );
  for (const claim of summary.renumberedClaims)
    lines.push(`  Claim ${claim.from} is now Claim ${claim.to}: ${clip(claim.statement, 80)}`);
  if (summary.approvalsWithdrawn > 0)
    lines.push(
      `  ${plural(summary.approvalsWithdrawn, 'approved claim')} changed by the import ${summary.approvalsWithdrawn === 1 ? 'is' : 'are'} back In review`,
    );
  lines.push(
    `  history: ${plural(summary.changesImported, 'entry', 'entries')} imported, ${formatCount(summary.changesRecorded)} recorded by the merge`,
  );
  if (summary.backupId)
    lines.push(`The version before the import was backed up (backup ${summary.backupId}).`);
  return lines;
}

function describeEditorial(counts: ImportSummary['editorialAdded']): string {
  return [
    plural(counts.teamNotes, 'team note'),
    plural(counts.corrections, 'correction note'),
    plural(counts.publications, 'publication'),
  ]
    .filter((part) => !part.startsWith('0 '))
    .join(', ');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

// The entry point when bundled to dist/main/projectFiles/cli.js (never when imported by tests).
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  void runProjectCli(process.argv.slice(2), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  }).then((code) => {
    process.exitCode = code;
  });
}
