/**
 * PageCapture on Playwright's Chromium, for the harness, the tests, the bench and `npm run capture`.
 * One browser is launched on first use and reused; every capture gets a fresh in-memory context
 * (no storage shared with anything) that is closed whatever happens, so no page is left behind.
 *
 * The page may run JavaScript (many pages show nothing without it), but it may not reach past its
 * tab: downloads are refused, pop-ups closed at once, permissions never granted, and once loaded
 * it may not navigate the top frame to another origin (subresources from other origins load).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Frame, Page, Request, Route } from 'playwright-core';
import { AppError } from '../errors';
import { createSharedChromium, firstLine, systemChromiumPath } from '../reports/sharedChromium';
import {
  CAPTURE_FILE_NAMES,
  CAPTURE_OFFLINE,
  CAPTURE_TIMEOUT_MS,
  MAX_CAPTURE_REDIRECTS,
  MAX_CAPTURE_TEXT_CHARS,
  TOO_MANY_REDIRECTS,
  captureTimeoutMessage,
  isCapturableUrl,
  isOfflineError,
  type CaptureFileKind,
  type CaptureOptions,
  type CapturedFile,
  type PageCapture,
  type PageCaptureResult,
} from '../services/pageCapture';

export interface PlaywrightCaptureOptions {
  /** A Chromium binary; default CHROMIUM_PATH, then /usr/bin/chromium, then Playwright's own. */
  executablePath?: string;
}

export interface PlaywrightPageCapture extends PageCapture {
  close(): Promise<void>;
  /** Contexts and pages open in the browser right now (tests check none is left behind). */
  openPages(): Promise<{ contexts: number; pages: number }>;
}

const VIEWPORT = { width: 1280, height: 900 };

/** The chain of redirects that led to this request (0 for the first). */
function redirectCount(request: Request): number {
  let count = 0;
  for (let previous = request.redirectedFrom(); previous; previous = previous.redirectedFrom()) count++;
  return count;
}

/** The frame that asked; null for a pop-up's first navigation, whose frame does not exist yet. */
function frameOf(request: Request): Frame | null {
  try {
    return request.frame();
  } catch {
    return null;
  }
}

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

export function createPlaywrightCapture(options: PlaywrightCaptureOptions = {}): PlaywrightPageCapture {
  const chromium = createSharedChromium({
    executablePath: options.executablePath ?? systemChromiumPath(),
    // A capture must reach the network: the shared flags only keep Chromium's own traffic quiet.
    purpose: 'capture the page',
    closedMessage: 'The page capture was closed.',
  });

  const captureOnce = async (url: string, captureOptions: CaptureOptions = {}): Promise<PageCaptureResult> => {
    if (!isCapturableUrl(url)) {
      throw new AppError('invalid_request', 'Only web pages (http:// or https://) can be captured.');
    }
    const timeoutMs = captureOptions.timeoutMs ?? CAPTURE_TIMEOUT_MS;
    const deadline = Date.now() + timeoutMs;
    const remaining = () => Math.max(1, deadline - Date.now());
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'factcheck-capture-'));
    let context: BrowserContext | null = null;
    let timer: NodeJS.Timeout | undefined;
    let keepFolder = false;
    try {
      // In memory, nothing shared with another capture; no downloads; no permission granted.
      context = await (
        await chromium.get()
      ).newContext({
        acceptDownloads: false,
        permissions: [],
        serviceWorkers: 'block',
        viewport: VIEWPORT,
        javaScriptEnabled: true,
      });
      const work = (async (context: BrowserContext) => {
        let page: Page | null = null;
        let loadedOrigin: string | null = null;
        let tooManyRedirects = false;
        // Pop-ups (window.open, target=_blank) are closed the moment they appear.
        context.on('page', (opened) => {
          if (page && opened !== page) void opened.close().catch(() => undefined);
        });
        await context.route('**/*', (route: Route) => {
          const request = route.request();
          if (!request.isNavigationRequest()) return route.continue();
          const frame = frameOf(request);
          // A navigation without a frame yet is a pop-up's first page: it is closed anyway.
          if (!frame) return route.abort('blockedbyclient');
          const topLevel = page !== null && frame === page.mainFrame();
          // After load the page stays on its origin: a script cannot walk the capture elsewhere.
          // A 204 answer leaves the current document in place (an abort would show an error page).
          if (topLevel && loadedOrigin !== null && originOf(request.url()) !== loadedOrigin) {
            return route.fulfill({ status: 204, body: '' });
          }
          return route.continue();
        });
        page = await context.newPage();
        // From the first document on, the top frame keeps its origin (redirects before it are followed).
        page.on('domcontentloaded', (loaded) => {
          loadedOrigin ??= originOf(loaded.url());
        });
        page.setDefaultTimeout(timeoutMs);
        // Chromium follows redirects without asking the route: they are counted as they happen.
        page.on('request', (request) => {
          if (page && request.isNavigationRequest() && frameOf(request) === page.mainFrame() && redirectCount(request) > MAX_CAPTURE_REDIRECTS) {
            tooManyRedirects = true;
            void page.close().catch(() => undefined);
          }
        });
        page.on('download', (download) => void download.cancel().catch(() => undefined));
        let response;
        try {
          response = await page.goto(url, { waitUntil: 'load', timeout: remaining() });
        } catch (error) {
          const message = firstLine(error);
          if (tooManyRedirects || message.includes('ERR_TOO_MANY_REDIRECTS')) throw new AppError('conflict', TOO_MANY_REDIRECTS);
          if (isOfflineError(message)) throw new AppError('conflict', CAPTURE_OFFLINE);
          if (/Timeout .*exceeded/.test(message)) throw new AppError('conflict', captureTimeoutMessage(timeoutMs));
          throw new AppError('invalid_request', `The page could not be loaded: ${message}`);
        }
        if (!response) throw new AppError('invalid_request', 'The page answered nothing that could be captured.');
        const finalUrl = page.url();
        loadedOrigin ??= originOf(finalUrl);
        const httpStatus = response.status();
        const capturedAt = new Date().toISOString();

        const files: CapturedFile[] = [];
        const write = async (kind: CaptureFileKind, bytes: Buffer | string) => {
          const { name, mediaType } = CAPTURE_FILE_NAMES[kind];
          const filePath = path.join(folder, name);
          await fs.writeFile(filePath, bytes, { mode: 0o600 });
          files.push({ kind, name, mediaType, path: filePath });
        };
        // The text first, read in Playwright's own isolated world: the page's scripts cannot fake it.
        const fullText = (await page.locator('body').count()) > 0 ? await page.locator('body').innerText({ timeout: remaining() }) : '';
        const text = fullText.slice(0, MAX_CAPTURE_TEXT_CHARS);
        const cdp = await context.newCDPSession(page);
        const snapshot = (await cdp.send('Page.captureSnapshot', { format: 'mhtml' })) as { data: string };
        await cdp.detach().catch(() => undefined);
        await write('capture-mhtml', snapshot.data);
        await write('capture-pdf', await page.pdf({ format: 'A4', printBackground: true }));
        await write('capture-screenshot', await page.screenshot({ fullPage: true, type: 'png', timeout: remaining() }));
        if (text.trim() !== '') await write('capture-text', text);
        return { finalUrl, httpStatus, capturedAt, folder, files, text };
      })(context);
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new AppError('conflict', captureTimeoutMessage(timeoutMs))), timeoutMs);
      });
      // A late failure of the abandoned work (its context closes below) must not go unhandled.
      work.catch(() => undefined);
      const result = await Promise.race([work, timeout]);
      keepFolder = true;
      return result;
    } catch (error) {
      if (error instanceof AppError) throw error;
      const message = firstLine(error);
      if (/Timeout .*exceeded/.test(message)) throw new AppError('conflict', captureTimeoutMessage(timeoutMs));
      throw new AppError('internal', `The page could not be captured: ${message}`);
    } finally {
      clearTimeout(timer);
      await context?.close().catch(() => undefined);
      if (!keepFolder) await fs.rm(folder, { recursive: true, force: true });
    }
  };

  return {
    capture: captureOnce,
    async openPages(): Promise<{ contexts: number; pages: number }> {
      const current = await chromium.running();
      const contexts = current?.contexts() ?? [];
      return { contexts: contexts.length, pages: contexts.reduce((sum, context) => sum + context.pages().length, 0) };
    },
    close: () => chromium.close(),
  };
}
