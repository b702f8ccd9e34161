import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import type * as PlaywrightModule from 'playwright-core';
import { PDF_HEADER_TEMPLATE, PRINT_MARGINS, pdfFooterTemplate } from '../../shared/report/print';
import { AppError } from '../errors';
import type { PdfOptions, PdfPrinter } from '../services/pdfPrinter';

/** Flags for a headless, offline, quiet Chromium: it prints one local document and talks to nobody. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

const PRINT_TIMEOUT_MS = 180_000;

type PlaywrightCore = typeof PlaywrightModule;

/** What to do when playwright-core is not installed (it is a development dependency). */
export const PLAYWRIGHT_MISSING =
  'PDF reports made outside the app (npm run report, the browser harness) print with Playwright, and ' +
  'the playwright-core package is not installed. Run `npm install` in the repository (playwright-core ' +
  'is one of its development dependencies), then try again. The app itself prints PDFs without it ' +
  '(File → Export report…).';

/**
 * playwright-core, loaded on first use. It is a devDependency: `npm run report`, the harness, the
 * tests and the bench print with it; the packaged app prints with webContents.printToPDF and never
 * loads this module. When it is missing, the error says how to get it.
 */
export async function loadPlaywright(
  importModule: () => Promise<PlaywrightCore> = () => import('playwright-core'),
): Promise<PlaywrightCore> {
  try {
    return await importModule();
  } catch (error) {
    if (isMissingModule(error, 'playwright-core')) throw new AppError('internal', PLAYWRIGHT_MISSING);
    throw error;
  }
}

/** Node's "cannot find module/package X" (CommonJS or ESM), for X itself rather than something it needs. */
function isMissingModule(error: unknown, name: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'MODULE_NOT_FOUND' && code !== 'ERR_MODULE_NOT_FOUND') return false;
  const firstLine = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
  return firstLine.includes(`'${name}'`) || firstLine.includes(`"${name}"`);
}

export interface PlaywrightPrinterOptions {
  /** A Chromium binary; default CHROMIUM_PATH, then /usr/bin/chromium, then Playwright's own download. */
  executablePath?: string;
}

/** The system Chromium to use, if there is one: CHROMIUM_PATH, else /usr/bin/chromium. */
export function systemChromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (candidate): candidate is string => !!candidate,
  );
  return candidates.find((candidate) => fs.existsSync(candidate));
}

/**
 * A Chromium that can print, or null: the system one, else the one Playwright downloaded (if it did).
 * Tests use it to skip PDF checks, with the reason, on a machine without any Chromium.
 */
export async function findChromium(): Promise<string | null> {
  const system = systemChromiumPath();
  if (system) return system;
  try {
    const { chromium } = await loadPlaywright();
    const own = chromium.executablePath();
    return own && fs.existsSync(own) ? own : null;
  } catch {
    return null;
  }
}

/**
 * PdfPrinter on Playwright's Chromium, for the harness, the tests, the CLI and the bench. One browser
 * is launched on the first print and reused; each print gets its own page, JavaScript off, offline.
 */
export function createPlaywrightPrinter(
  options: PlaywrightPrinterOptions = {},
): PdfPrinter & { close(): Promise<void> } {
  let browser: Promise<Browser> | null = null;
  let closed = false;

  const launch = async (): Promise<Browser> => {
    const { chromium } = await loadPlaywright();
    const executablePath = options.executablePath ?? systemChromiumPath();
    try {
      const launched = await chromium.launch({
        ...(executablePath ? { executablePath } : {}),
        args: CHROMIUM_ARGS,
        timeout: 60_000,
      });
      launched.on('disconnected', () => {
        browser = null;
      });
      return launched;
    } catch (error) {
      throw new AppError(
        'internal',
        `Chromium could not be started to print the PDF (${executablePath ?? 'Playwright’s own Chromium'}): ${firstLine(error)}. Install Chromium or set CHROMIUM_PATH to a Chromium binary.`,
      );
    }
  };

  const getBrowser = async (): Promise<Browser> => {
    if (closed) throw new AppError('internal', 'The PDF printer was closed.');
    browser ??= launch().catch((error: unknown) => {
      browser = null;
      throw error;
    });
    return browser;
  };

  return {
    async print(html: string, pdfOptions: PdfOptions): Promise<Buffer> {
      const context = await (
        await getBrowser()
      ).newContext({ javaScriptEnabled: false, offline: true, serviceWorkers: 'block' });
      try {
        // The report loads nothing; anything that tries (it should not) is refused rather than fetched.
        await context.route(/^(?!data:|about:)/, (route) => route.abort('blockedbyclient'));
        const page = await context.newPage();
        page.setDefaultTimeout(PRINT_TIMEOUT_MS);
        await page.setContent(html, { waitUntil: 'load' });
        // The page's own scripts are off; evaluate runs in an isolated world regardless.
        await page.evaluate('document.fonts.ready.then(() => true)');
        return await page.pdf({
          format: pdfOptions.pageSize,
          printBackground: true,
          displayHeaderFooter: true,
          headerTemplate: PDF_HEADER_TEMPLATE,
          footerTemplate: pdfFooterTemplate(pdfOptions.footerTitle, pdfOptions.language),
          margin: { ...PRINT_MARGINS },
          preferCSSPageSize: false,
          // A tagged PDF (and its outline, which needs the tags) takes about twice as long to print
          // for a report of many small elements; the report's headings and links work without it.
          tagged: false,
          outline: false,
        });
      } finally {
        await context.close().catch(() => undefined);
      }
    },
    async close(): Promise<void> {
      closed = true;
      const current = browser;
      browser = null;
      if (current) await (await current.catch(() => null))?.close().catch(() => undefined);
    },
  };
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n').find((line) => line.trim()) ?? message).trim();
}
