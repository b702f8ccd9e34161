/**
 * `npm run capture -- <url> --out DIR`: the app's page capture without the app — Playwright's
 * Chromium, the same isolation and limits — writing the MHTML snapshot, PDF, full-page screenshot
 * and visible text into DIR and printing each as `<sha256>  <file>` (as sha256sum does, so
 * `sha256sum -c` checks them later). Exit code 0 only when the page loaded (final status 2xx/3xx);
 * a 404 is still written (evidence of a deleted page) but exits 1; bad arguments exit 2.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseCliArgs, UsageError } from '../cliArgs';
import { AppError } from '../errors';
import { CAPTURE_TIMEOUT_MS, type PageCapture } from '../services/pageCapture';
import { createPlaywrightCapture } from './playwrightCapture';

export const USAGE = `Usage: npm run capture -- <url> --out DIR [--timeout SECONDS]

Captures the web page at <url> (http or https) in an isolated Chromium and writes page.mhtml,
page.pdf, screenshot.png and page.txt into DIR, printing the SHA-256 of each.`;

export interface CaptureCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd?: string;
  /** The capture to use (tests); default Playwright's Chromium, closed when the command ends. */
  capture?: PageCapture;
}

const OPTIONS = { out: { type: 'string' }, timeout: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

interface CaptureArgs {
  url: string;
  out: string;
  timeoutMs: number;
}

export function parseCaptureArgs(argv: readonly string[]): CaptureArgs | 'help' {
  const { values, positionals } = parseCliArgs(argv, OPTIONS);
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'Give the URL of the page to capture.' : 'Give one URL only.');
  if (!values.out) throw new UsageError('Give the folder to write the capture into with --out DIR.');
  let timeoutMs = CAPTURE_TIMEOUT_MS;
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) throw new UsageError('--timeout is a number of seconds from 1 to 600.');
    timeoutMs = Math.round(seconds * 1000);
  }
  return { url: positionals[0]!, out: values.out, timeoutMs };
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

export async function runCaptureCli(argv: readonly string[], io: CaptureCliIo): Promise<number> {
  let args: CaptureArgs | 'help';
  try {
    args = parseCaptureArgs(argv);
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
  const own = io.capture ? null : createPlaywrightCapture();
  const capture = io.capture ?? own!;
  try {
    const result = await capture.capture(args.url, { timeoutMs: args.timeoutMs });
    try {
      const outDir = path.resolve(io.cwd ?? process.cwd(), args.out);
      fs.mkdirSync(outDir, { recursive: true });
      for (const file of result.files) {
        const target = path.join(outDir, file.name);
        // A copy, not a rename: the temp folder may be on another drive.
        fs.copyFileSync(file.path, target);
        io.stdout(`${await sha256Of(target)}  ${path.join(args.out, file.name)}\n`);
      }
    } finally {
      fs.rmSync(result.folder, { recursive: true, force: true });
    }
    const loaded = result.httpStatus >= 200 && result.httpStatus < 400;
    io.stderr(
      loaded
        ? `Captured ${result.finalUrl} (HTTP ${result.httpStatus}) at ${result.capturedAt}.\n`
        : `The page answered HTTP ${result.httpStatus} (${result.finalUrl}); what it showed was captured anyway.\n`,
    );
    return loaded ? 0 : 1;
  } catch (error) {
    const message = error instanceof AppError ? error.message : `The page could not be captured: ${error instanceof Error ? error.message : String(error)}`;
    io.stderr(`${message}\n`);
    return 1;
  } finally {
    await own?.close();
  }
}

// Run when executed as the bundled command (dist/main/capture/cli.js), not when imported by tests.
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  runCaptureCli(process.argv.slice(2), {
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
