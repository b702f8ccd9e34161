/**
 * Playwright's Chromium for the services that run outside the app (PDF printing in the harness and
 * the CLIs, page capture): loading playwright-core, finding a Chromium binary, its flags, and one
 * shared browser per service.
 */
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import type * as PlaywrightModule from 'playwright-core';
import { AppError } from '../errors';

/** Flags for a headless, quiet Chromium: none of its own traffic (updates, sync, background fetches). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

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


/** One Chromium, launched on first use and reused, for a Playwright-based service (printing, capture). */
export interface SharedChromium {
  /** The browser, launched now if it is not running (again after it crashed or was closed by hand). */
  get(): Promise<Browser>;
  /** The browser if it is running, without launching it. */
  running(): Promise<Browser | null>;
  /** Closes it for good: later calls to get() fail with `closedMessage`. */
  close(): Promise<void>;
}

export function createSharedChromium({
  executablePath = systemChromiumPath(),
  purpose,
  closedMessage,
}: {
  /** A Chromium binary; default CHROMIUM_PATH, then /usr/bin/chromium, then Playwright's own. */
  executablePath?: string | undefined;
  /** What the browser is for, in the launch failure's message: "print the PDF". */
  purpose: string;
  closedMessage: string;
}): SharedChromium {
  let browser: Promise<Browser> | null = null;
  let closed = false;

  const launch = async (): Promise<Browser> => {
    const { chromium } = await loadPlaywright();
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
        `Chromium could not be started to ${purpose} (${executablePath ?? 'Playwright’s own Chromium'}): ${firstLine(error)}. Install Chromium or set CHROMIUM_PATH to a Chromium binary.`,
      );
    }
  };

  return {
    async get() {
      if (closed) throw new AppError('internal', closedMessage);
      browser ??= launch().catch((error: unknown) => {
        browser = null;
        throw error;
      });
      return browser;
    },
    async running() {
      return browser ? browser.catch(() => null) : null;
    },
    async close() {
      closed = true;
      const current = browser;
      browser = null;
      if (current) await (await current.catch(() => null))?.close().catch(() => undefined);
    },
  };
}

export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n').find((line) => line.trim()) ?? message).trim();
}
