import {
  BrowserWindow,
  session as electronSession,
  type PrintToPDFOptions,
  type Session,
  type WebPreferences,
} from 'electron';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDF_HEADER_TEMPLATE, PRINT_MARGINS_INCHES, pdfFooterTemplate } from '../../shared/report/print';
import type { PdfOptions, PdfPrinter } from '../services/pdfPrinter';
import { denyDevicePermission, denyPermissionCheck, denyPermissionRequest } from './security';

/** An in-memory session of its own, so its request filter does not touch the window's. */
export const PRINT_PARTITION = 'factcheck-print';
const LOAD_TIMEOUT_MS = 30_000;
const PRINT_TIMEOUT_MS = 120_000;

export function printOptions(options: PdfOptions): PrintToPDFOptions {
  return {
    pageSize: options.pageSize,
    printBackground: true,
    displayHeaderFooter: true,
    // The same header, footer ("Page X of Y") and margins as Playwright's page.pdf() in the harness.
    headerTemplate: PDF_HEADER_TEMPLATE,
    footerTemplate: pdfFooterTemplate(options.footerTitle, options.language),
    margins: { ...PRINT_MARGINS_INCHES },
    preferCSSPageSize: false,
    generateTaggedPDF: true,
  };
}

/** The printer window: hidden, offscreen, sandboxed, no JavaScript, no preload. */
export function printerWebPreferences(): WebPreferences {
  return {
    javascript: false,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    webviewTag: false,
    offscreen: true,
    spellcheck: false,
    partition: PRINT_PARTITION,
    images: true,
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(message)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * The print session loads one thing: the report file being printed (and data: images inside it).
 * Everything else, remote images in imported data above all, is cancelled.
 */
function preparePrintSession(printSession: Session, allowed: Set<string>): void {
  printSession.setPermissionRequestHandler(denyPermissionRequest);
  printSession.setPermissionCheckHandler(denyPermissionCheck);
  printSession.setDevicePermissionHandler(denyDevicePermission);
  printSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !(allowed.has(details.url) || details.url.startsWith('data:')) });
  });
}

/**
 * PdfPrinter with Chromium's print engine. The HTML is written to a private temp file (a data: URL
 * would hit Chromium's URL length limit on long reports), loaded in a hidden window with JavaScript
 * off, printed after did-finish-load, and the window and file are removed. One print at a time.
 */
export function createElectronPdfPrinter(): PdfPrinter {
  const allowed = new Set<string>();
  const open = new Set<BrowserWindow>();
  let prepared = false;
  let queue: Promise<unknown> = Promise.resolve();

  const printOne = async (html: string, options: PdfOptions): Promise<Buffer> => {
    const printSession = electronSession.fromPartition(PRINT_PARTITION, { cache: false });
    if (!prepared) {
      preparePrintSession(printSession, allowed);
      prepared = true;
    }
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'factcheck-print-'));
    const file = path.join(dir, 'report.html');
    const url = pathToFileURL(file).href;
    let window: BrowserWindow | null = null;
    try {
      await fs.writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
      allowed.add(url);
      window = new BrowserWindow({
        show: false,
        width: 900,
        height: 1200,
        paintWhenInitiallyHidden: true,
        webPreferences: printerWebPreferences(),
      });
      open.add(window);
      await withTimeout(window.loadURL(url), LOAD_TIMEOUT_MS, 'The report took too long to lay out for PDF.');
      const pdf = await withTimeout(
        window.webContents.printToPDF(printOptions(options)),
        PRINT_TIMEOUT_MS,
        'Printing the report to PDF took too long.',
      );
      return Buffer.from(pdf);
    } finally {
      allowed.delete(url);
      if (window) {
        open.delete(window);
        if (!window.isDestroyed()) window.destroy();
      }
      await fs.rm(dir, { recursive: true, force: true });
    }
  };

  return {
    print(html, options) {
      const job = queue.then(() => printOne(html, options));
      queue = job.catch(() => undefined);
      return job;
    },
    async close() {
      for (const window of open) if (!window.isDestroyed()) window.destroy();
      open.clear();
    },
  };
}
