import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  REPORT_FORMATS,
  REPORT_FORMAT_INFO,
  ReportFormat,
  type ReportOptionsInput,
} from '../../shared/report/options';
import { REPORT_LANGUAGES, ReportLanguage } from '../../shared/report/i18n/languages';
import { parseCliArgs, UsageError } from '../cliArgs';
import { openLibrary } from '../db/open';
import { AppError, toAppError } from '../errors';
import { defaultDataDir, libraryPath } from '../files/dataFolder';
import { FILE_EXTENSION } from '../projectFiles/format';
import { applyImport, readProjectFileFromPath } from '../projectFiles/importProject';
import { createRepoContext, type RepoContext } from '../repositories/context';
import { listProjects } from '../repositories/projects';
import type { PdfPrinter } from '../services/pdfPrinter';
import { exportReportToFile } from './exportReport';
import { createPlaywrightPrinter } from './playwrightPrinter';

export const USAGE = `Usage: npm run report -- <project id or title> --out <file> [options]
       npm run report -- <project file.factcheck> --out <file> [options]

Writes a project's fact-check report, the same as the app's "Export report". A .factcheck file
is checked like an import and reported on without importing it into your library.

Options:
  --format pdf|html|md|csv|jsonld  the file format (default: from the --out extension)
  --out FILE                       where to write the report (required)
  --data DIR                       the library folder, which holds library.sqlite
                                   (default: $FACTCHECK_USER_DATA_DIR, else the app's own folder;
                                   not used with a .factcheck file)
  --page-size A4|Letter            PDF page size (default A4)
  --approved-only                  only the claims an editor approved
  --title TEXT                     a report title other than the project title
  --language ${REPORT_LANGUAGES.join('|')}   the report's language (default: that of most of its
                                   articles; CSV and JSON-LD stay English)
  -h, --help                       show this help`;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** The PDF printer; default: Playwright's Chromium (closed when the command ends). */
  printer?: PdfPrinter;
  now?: Date;
  /** Where the temporary library for a .factcheck file is made (default: the system's temp folder). */
  tempDir?: string;
}

interface CliArgs {
  /** A project id or title in the library, or (when `file`) the path of a .factcheck file. */
  project: string;
  file: boolean;
  out: string;
  format: ReportFormat;
  data: string;
  pageSize: 'A4' | 'Letter';
  approvedOnly: boolean;
  title: string | undefined;
  language: ReportLanguage | undefined;
}

const REPORT_OPTIONS = {
  format: { type: 'string' },
  out: { type: 'string' },
  data: { type: 'string' },
  'page-size': { type: 'string' },
  title: { type: 'string' },
  language: { type: 'string' },
  'approved-only': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A project file rather than a project in the library: named by its extension. */
export const isProjectFileArgument = (value: string): boolean => value.toLowerCase().endsWith(FILE_EXTENSION);

export function parseReportArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): CliArgs | 'help' {
  const { values: flags, positionals: positional } = parseCliArgs(argv, REPORT_OPTIONS);
  if (flags.help) return 'help';
  if (positional.length === 0)
    throw new UsageError('Name the project: its id or its title, or a .factcheck project file.');
  if (positional.length > 1)
    throw new UsageError(
      `Give one project (got ${positional.map((p) => `“${p}”`).join(', ')}). Put a title with spaces in quotes.`,
    );
  const file = isProjectFileArgument(positional[0]!);
  if (file && flags.data !== undefined)
    throw new UsageError(
      '--data names a library, and a report from a .factcheck file uses none. Leave out --data.',
    );

  const out = flags.out;
  if (out === undefined || out.trim() === '')
    throw new UsageError('Say where to write the report with --out FILE.');

  let format: ReportFormat;
  const given = flags.format;
  if (given !== undefined) {
    const parsed = ReportFormat.safeParse(given.toLowerCase());
    if (!parsed.success)
      throw new UsageError(`Unknown format “${given}”. Use one of: ${REPORT_FORMATS.join(', ')}.`);
    format = parsed.data;
  } else {
    const ext = path.extname(out).slice(1).toLowerCase();
    const byExtension = REPORT_FORMATS.find(
      (candidate) =>
        REPORT_FORMAT_INFO[candidate].extension === ext ||
        (ext === 'markdown' && candidate === 'md') ||
        (ext === 'json' && candidate === 'jsonld') ||
        (ext === 'htm' && candidate === 'html'),
    );
    if (!byExtension)
      throw new UsageError(
        `Give the format with --format (${REPORT_FORMATS.join('|')}); “${path.basename(out)}” does not say it.`,
      );
    format = byExtension;
  }

  const pageSizeFlag = flags['page-size'];
  let pageSize: 'A4' | 'Letter' = 'A4';
  if (pageSizeFlag !== undefined) {
    const normalised = pageSizeFlag.toLowerCase();
    if (normalised === 'a4') pageSize = 'A4';
    else if (normalised === 'letter') pageSize = 'Letter';
    else throw new UsageError(`Unknown page size “${pageSizeFlag}”. Use A4 or Letter.`);
  }

  let language: ReportLanguage | undefined;
  if (flags.language !== undefined) {
    const parsed = ReportLanguage.safeParse(flags.language.trim().toLowerCase());
    if (!parsed.success)
      throw new UsageError(
        `There is no report in “${flags.language}”. Use one of: ${REPORT_LANGUAGES.join(', ')}.`,
      );
    language = parsed.data;
  }

  return {
    project: file ? path.resolve(cwd, positional[0]!) : positional[0]!,
    file,
    out: path.resolve(cwd, out),
    format,
    data: path.resolve(cwd, flags.data ?? defaultDataDir({ env })),
    pageSize,
    approvedOnly: flags['approved-only'] === true,
    title: flags.title,
    language,
  };
}

/** The project named by id, else by title (exact, then ignoring case); ambiguous or unknown names are errors. */
export function findProjectId(ctx: RepoContext, nameOrId: string): string {
  const projects = listProjects(ctx);
  const wanted = nameOrId.trim();
  const byId = projects.find((project) => project.id.toLowerCase() === wanted.toLowerCase());
  if (byId) return byId.id;
  let matches = projects.filter((project) => project.title === wanted);
  if (matches.length === 0)
    matches = projects.filter((project) => project.title.trim().toLowerCase() === wanted.toLowerCase());
  if (matches.length === 1) return matches[0]!.id;
  if (matches.length > 1) {
    throw new AppError(
      'conflict',
      `${matches.length} projects are called “${wanted}”. Give the id of the one you want:\n${matches.map((p) => `  ${p.id}  (${p.claimCount} claims, changed ${p.updatedAt.slice(0, 10)})`).join('\n')}`,
    );
  }
  const known = projects.slice(0, 15).map((p) => `  ${p.id}  ${p.title}`);
  throw new AppError(
    'not_found',
    projects.length === 0
      ? `There is no project called “${wanted}”: the library has no projects.`
      : `There is no project called “${wanted}”. The library has:\n${known.join('\n')}${projects.length > known.length ? `\n  … and ${projects.length - known.length} more` : ''}`,
  );
}

/**
 * `npm run report`: the headless path for batch work, with the app's renderer and a Chromium
 * printer. Answers the exit code: 0 written, 2 bad arguments, 1 anything else (with a message).
 */
export async function runReportCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: CliArgs | 'help';
  try {
    args = parseReportArgs(argv, io.env ?? process.env, io.cwd ?? process.cwd());
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (args === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }

  const libraryFile = libraryPath(args.data);
  if (!args.file && !fs.existsSync(libraryFile)) {
    io.stderr(
      `No library found at ${libraryFile}. Give the folder that holds library.sqlite with --data DIR.\n`,
    );
    return 1;
  }

  const ownPrinter = io.printer ? null : createPlaywrightPrinter();
  const printer = io.printer ?? ownPrinter!;
  let db: ReturnType<typeof openLibrary>['db'] | null = null;
  let tempLibraryDir: string | null = null;
  try {
    let ctx: RepoContext;
    let projectId: string;
    if (args.file) {
      // A project file is checked completely, with the import's own checks and messages, before
      // anything is made; then imported into a library of its own that is removed afterwards.
      const contents = readProjectFileFromPath(args.project);
      tempLibraryDir = fs.mkdtempSync(path.join(io.tempDir ?? os.tmpdir(), 'factcheck-report-'));
      const opened = openLibrary(libraryPath(tempLibraryDir));
      db = opened.db;
      ctx = createRepoContext(opened.db);
      projectId = applyImport(ctx, contents).projectId;
    } else {
      // Read-only: a report writes nothing to the library, so it works while the app has it open.
      const opened = openLibrary(libraryFile, { readOnly: true });
      db = opened.db;
      ctx = createRepoContext(opened.db);
      projectId = findProjectId(ctx, args.project);
    }
    const options: ReportOptionsInput = {
      formats: [args.format],
      pageSize: args.pageSize,
      claims: args.approvedOnly ? { kind: 'approved' } : { kind: 'all' },
      ...(args.title !== undefined ? { title: args.title } : {}),
      ...(args.language !== undefined ? { language: args.language } : {}),
    };
    const written = await exportReportToFile({
      ctx,
      printer,
      projectId,
      options,
      format: args.format,
      filePath: args.out,
      ...(io.now ? { now: io.now } : {}),
    });
    io.stdout(
      `Wrote ${written.path} (${REPORT_FORMAT_INFO[args.format].name}, ${written.claimCount} ${written.claimCount === 1 ? 'claim' : 'claims'}).\n`,
    );
    return 0;
  } catch (error) {
    const appError = toAppError(error);
    const message =
      appError.code === 'internal' && !(error instanceof AppError)
        ? `The report could not be made: ${error instanceof Error ? error.message : String(error)}`
        : appError.message;
    io.stderr(`${message}\n`);
    return 1;
  } finally {
    db?.close();
    if (tempLibraryDir) removeTempLibrary(tempLibraryDir, io);
    await ownPrinter?.close();
  }
}

function removeTempLibrary(dir: string, io: CliIo): void {
  try {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch (error) {
    io.stderr(
      `The temporary library in ${dir} could not be removed (${error instanceof Error ? error.message : String(error)}); you may delete it.\n`,
    );
  }
}

// Run when executed as the bundled command (dist/main/reports/cli.js), not when imported by tests.
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  runReportCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
