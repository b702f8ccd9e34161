import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  REPORT_FORMATS,
  REPORT_FORMAT_INFO,
  ReportFormat,
  type ReportOptionsInput,
} from '../../shared/report/options';
import { openLibrary } from '../db/open';
import { AppError, toAppError } from '../errors';
import { createRepoContext, type RepoContext } from '../repositories/context';
import { listProjects } from '../repositories/projects';
import type { PdfPrinter } from '../services/pdfPrinter';
import { exportReportToFile } from './exportReport';
import { createPlaywrightPrinter } from './playwrightPrinter';

/** The library file inside a data folder (the same name main/library.ts uses). */
const LIBRARY_FILE_NAME = 'library.sqlite';
/** Where the desktop app keeps its library when FACTCHECK_USER_DATA_DIR is not set (Electron's userData). */
const PRODUCT_NAME = 'Factcheck Workbench';

export const USAGE = `Usage: npm run report -- <project id or title> --out <file> [options]

Writes a project's fact-check report, the same as the app's "Export report".

Options:
  --format pdf|html|md|csv|jsonld  the file format (default: from the --out extension)
  --out FILE                       where to write the report (required)
  --data DIR                       the library folder, which holds library.sqlite
                                   (default: $FACTCHECK_USER_DATA_DIR, else the app's own folder)
  --page-size A4|Letter            PDF page size (default A4)
  --approved-only                  only the claims an editor approved
  --title TEXT                     a report title other than the project title
  -h, --help                       show this help`;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** The PDF printer; default: Playwright's Chromium (closed when the command ends). */
  printer?: PdfPrinter;
  now?: Date;
}

interface CliArgs {
  project: string;
  out: string;
  format: ReportFormat;
  data: string;
  pageSize: 'A4' | 'Letter';
  approvedOnly: boolean;
  title: string | undefined;
}

class UsageError extends Error {}

/** Electron's userData folder for this app, where the desktop app keeps library.sqlite. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.FACTCHECK_USER_DATA_DIR) return env.FACTCHECK_USER_DATA_DIR;
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
}

export function parseReportArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): CliArgs | 'help' {
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  const takesValue = new Set(['--format', '--out', '--data', '--page-size', '--title']);
  const switches = new Set(['--approved-only', '--help', '-h']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (takesValue.has(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith('--')))
        throw new UsageError(`${name} needs a value.`);
      if (name in flags) throw new UsageError(`${name} is given twice.`);
      flags[name] = value;
    } else if (switches.has(name)) {
      flags[name] = true;
    } else if (arg.startsWith('-') && arg.length > 1) {
      throw new UsageError(`Unknown option ${arg}.`);
    } else {
      positional.push(arg);
    }
  }
  if (flags['--help'] || flags['-h']) return 'help';
  if (positional.length === 0) throw new UsageError('Name the project: its id or its title.');
  if (positional.length > 1)
    throw new UsageError(
      `Give one project (got ${positional.map((p) => `“${p}”`).join(', ')}). Put a title with spaces in quotes.`,
    );

  const out = flags['--out'];
  if (typeof out !== 'string' || out.trim() === '')
    throw new UsageError('Say where to write the report with --out FILE.');

  let format: ReportFormat;
  const given = flags['--format'];
  if (typeof given === 'string') {
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

  const pageSizeFlag = flags['--page-size'];
  let pageSize: 'A4' | 'Letter' = 'A4';
  if (typeof pageSizeFlag === 'string') {
    const normalised = pageSizeFlag.toLowerCase();
    if (normalised === 'a4') pageSize = 'A4';
    else if (normalised === 'letter') pageSize = 'Letter';
    else throw new UsageError(`Unknown page size “${pageSizeFlag}”. Use A4 or Letter.`);
  }

  const data = typeof flags['--data'] === 'string' ? flags['--data'] : defaultDataDir(env);
  const title = typeof flags['--title'] === 'string' ? flags['--title'] : undefined;
  return {
    project: positional[0]!,
    out: path.resolve(cwd, out),
    format,
    data: path.resolve(cwd, data),
    pageSize,
    approvedOnly: flags['--approved-only'] === true,
    title,
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

  const libraryFile = path.join(args.data, LIBRARY_FILE_NAME);
  if (!fs.existsSync(libraryFile)) {
    io.stderr(
      `No library found at ${libraryFile}. Give the folder that holds library.sqlite with --data DIR.\n`,
    );
    return 1;
  }

  const ownPrinter = io.printer ? null : createPlaywrightPrinter();
  const printer = io.printer ?? ownPrinter!;
  let db: ReturnType<typeof openLibrary>['db'] | null = null;
  try {
    const opened = openLibrary(libraryFile);
    db = opened.db;
    const ctx = createRepoContext(opened.db);
    const projectId = findProjectId(ctx, args.project);
    const options: ReportOptionsInput = {
      formats: [args.format],
      pageSize: args.pageSize,
      claims: args.approvedOnly ? { kind: 'approved' } : { kind: 'all' },
      ...(args.title !== undefined ? { title: args.title } : {}),
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
    await ownPrinter?.close();
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
