/**
 * PageCapture in the app: the page is loaded in a hidden BrowserWindow with an in-memory session of
 * its own ('capture-<uuid>', shared with nothing and gone with the app), no preload, no Node,
 * context isolation and the sandbox. JavaScript runs (many pages show nothing without it), but
 * downloads are cancelled, pop-ups denied, permissions refused, and once the first document is in
 * the top frame may not leave its origin (file: and data: never). The MHTML snapshot comes from
 * the DevTools protocol (webContents.debugger), the PDF from printToPDF, the full-page screenshot
 * from the protocol's Page.captureScreenshot (capturePage shows only the viewport). The window is
 * destroyed whatever happens.
 *
 * Not run by the tests (they have no Electron): the same rules are tested on Playwright's Chromium
 * (main/capture/playwrightCapture.ts, tests/unit/main/capture.playwright.test.ts).
 */
import { BrowserWindow, session as electronSession, type Session, type WebPreferences } from 'electron';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors';
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
  type CapturedFile,
  type PageCapture,
  type PageCaptureResult,
} from '../services/pageCapture';
import { denyDevicePermission, denyPermissionCheck, denyPermissionRequest } from './security';

/** Sessions of capture windows: the app-wide hardening (lifecycle.ts) leaves their windows alone. */
const captureSessions = new WeakSet<Session>();
export const isCaptureSession = (candidate: Session): boolean => captureSessions.has(candidate);

/** An isolated world of our own for reading the text: the page's scripts cannot reach it. */
const TEXT_WORLD_ID = 1_001;

export function captureWebPreferences(captureSession: Session): WebPreferences {
  return {
    session: captureSession,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    javascript: true,
    spellcheck: false,
    images: true,
    backgroundThrottling: false,
  };
}

const originOf = (url: string): string | null => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

function newCaptureSession(): Session {
  // No "persist:" prefix: the session lives in memory only, and only for this capture.
  const captureSession = electronSession.fromPartition(`capture-${randomUUID()}`, { cache: false });
  captureSessions.add(captureSession);
  captureSession.setPermissionRequestHandler(denyPermissionRequest);
  captureSession.setPermissionCheckHandler(denyPermissionCheck);
  captureSession.setDevicePermissionHandler(denyDevicePermission);
  captureSession.on('will-download', (event, item) => {
    event.preventDefault();
    item.cancel();
  });
  return captureSession;
}

export function createElectronPageCapture(): PageCapture {
  const open = new Set<BrowserWindow>();

  const captureOnce = async (url: string, timeoutMs: number): Promise<PageCaptureResult> => {
    const captureSession = newCaptureSession();
    const folder = await fs.mkdtemp(path.join(os.tmpdir(), 'factcheck-capture-'));
    let keepFolder = false;
    let timer: NodeJS.Timeout | undefined;
    const window = new BrowserWindow({
      show: false,
      width: 1280,
      height: 900,
      paintWhenInitiallyHidden: true,
      webPreferences: captureWebPreferences(captureSession),
    });
    open.add(window);
    const contents = window.webContents;
    try {
      let lockedOrigin: string | null = null;
      let redirects = 0;
      let tooManyRedirects = false;
      let httpStatus = 0;
      contents.setWindowOpenHandler(() => ({ action: 'deny' }));
      contents.on('will-attach-webview', (event) => event.preventDefault());
      const guardNavigation = (event: { preventDefault(): void }, target: string) => {
        // Never file:, data: or anything but the web; after the first document, never another origin.
        if (!isCapturableUrl(target) || (lockedOrigin !== null && originOf(target) !== lockedOrigin)) event.preventDefault();
      };
      contents.on('will-navigate', (event, target) => guardNavigation(event, target));
      contents.on('will-frame-navigate', (event) => {
        if (event.isMainFrame) guardNavigation(event, event.url);
      });
      contents.on('will-redirect', (event, target, _inPlace, isMainFrame) => {
        if (!isMainFrame) return;
        redirects++;
        if (redirects > MAX_CAPTURE_REDIRECTS) {
          tooManyRedirects = true;
          event.preventDefault();
          contents.stop();
          return;
        }
        if (!isCapturableUrl(target)) event.preventDefault();
      });
      contents.on('did-navigate', (_event, navigatedUrl, responseCode) => {
        httpStatus = responseCode;
        lockedOrigin ??= originOf(navigatedUrl);
      });

      const work = (async (): Promise<PageCaptureResult> => {
        try {
          await contents.loadURL(url);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (tooManyRedirects || message.includes('ERR_TOO_MANY_REDIRECTS')) throw new AppError('conflict', TOO_MANY_REDIRECTS);
          if (isOfflineError(message)) throw new AppError('conflict', CAPTURE_OFFLINE);
          throw new AppError('invalid_request', `The page could not be loaded: ${message.split('\n')[0]}`);
        }
        const finalUrl = contents.getURL();
        const capturedAt = new Date().toISOString();
        const files: CapturedFile[] = [];
        const write = async (kind: CaptureFileKind, bytes: Buffer | string) => {
          const { name, mediaType } = CAPTURE_FILE_NAMES[kind];
          const filePath = path.join(folder, name);
          await fs.writeFile(filePath, bytes, { mode: 0o600 });
          files.push({ kind, name, mediaType, path: filePath });
        };
        const [textResult] = (await contents.executeJavaScriptInIsolatedWorld(TEXT_WORLD_ID, [
          { code: 'document.body ? document.body.innerText : ""' },
        ])) as unknown[];
        const text = (typeof textResult === 'string' ? textResult : '').slice(0, MAX_CAPTURE_TEXT_CHARS);

        contents.debugger.attach('1.3');
        try {
          const snapshot = (await contents.debugger.sendCommand('Page.captureSnapshot', { format: 'mhtml' })) as { data: string };
          await write('capture-mhtml', snapshot.data);
          await write('capture-pdf', Buffer.from(await contents.printToPDF({ pageSize: 'A4', printBackground: true })));
          const metrics = (await contents.debugger.sendCommand('Page.getLayoutMetrics')) as {
            cssContentSize: { width: number; height: number };
          };
          const shot = (await contents.debugger.sendCommand('Page.captureScreenshot', {
            format: 'png',
            captureBeyondViewport: true,
            clip: {
              x: 0,
              y: 0,
              width: Math.ceil(metrics.cssContentSize.width),
              height: Math.ceil(metrics.cssContentSize.height),
              scale: 1,
            },
          })) as { data: string };
          await write('capture-screenshot', Buffer.from(shot.data, 'base64'));
        } finally {
          if (contents.debugger.isAttached()) contents.debugger.detach();
        }
        if (text.trim() !== '') await write('capture-text', text);
        return { finalUrl, httpStatus, capturedAt, folder, files, text };
      })();
      work.catch(() => undefined);
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new AppError('conflict', captureTimeoutMessage(timeoutMs))), timeoutMs);
      });
      const result = await Promise.race([work, timeout]);
      keepFolder = true;
      return result;
    } finally {
      clearTimeout(timer);
      open.delete(window);
      if (!window.isDestroyed()) window.destroy();
      captureSessions.delete(captureSession);
      void captureSession.clearStorageData().catch(() => undefined);
      if (!keepFolder) await fs.rm(folder, { recursive: true, force: true });
    }
  };

  return {
    async capture(url, options = {}) {
      if (!isCapturableUrl(url)) throw new AppError('invalid_request', 'Only web pages (http:// or https://) can be captured.');
      return captureOnce(url, options.timeoutMs ?? CAPTURE_TIMEOUT_MS);
    },
    async close() {
      for (const window of open) if (!window.isDestroyed()) window.destroy();
      open.clear();
    },
  };
}
