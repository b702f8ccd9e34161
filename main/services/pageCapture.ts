/**
 * Capturing a web page as evidence behind an interface: a hidden, isolated BrowserWindow in the app
 * (main/electron/pageCapture.ts), Playwright's Chromium in the harness, the tests and the command line
 * (main/capture/playwrightCapture.ts). Either writes its files into a fresh temp folder and answers
 * their paths; whoever asked stores them (main/attachments/) and then removes the folder.
 */
export type CaptureFileKind = 'capture-mhtml' | 'capture-pdf' | 'capture-screenshot' | 'capture-text';

export interface CapturedFile {
  kind: CaptureFileKind;
  /** The file name as shown, e.g. "page.mhtml". */
  name: string;
  mediaType: string;
  /** Where the file is, inside `PageCaptureResult.folder`. */
  path: string;
}

export interface PageCaptureResult {
  /** The URL the page ended on after redirects. */
  finalUrl: string;
  /** The HTTP status of the final response (a 404 is still a capture: evidence of a deleted page). */
  httpStatus: number;
  /** ISO time the capture was taken. */
  capturedAt: string;
  /** The temp folder holding the files; the caller removes it. */
  folder: string;
  /** MHTML snapshot, PDF, full-page PNG screenshot and the visible text (also as a file). */
  files: CapturedFile[];
  /** The page's visible text (document.body.innerText), at most MAX_CAPTURE_TEXT_CHARS. */
  text: string;
}

export interface CaptureOptions {
  /** The limit for the whole capture (default CAPTURE_TIMEOUT_MS). */
  timeoutMs?: number;
}

export interface PageCapture {
  capture(url: string, options?: CaptureOptions): Promise<PageCaptureResult>;
  close?(): Promise<void>;
}

export const CAPTURE_TIMEOUT_MS = 30_000;
export const MAX_CAPTURE_REDIRECTS = 10;
/** 1 MB of text is more than any article; past it the text is cut, the snapshot keeps everything. */
export const MAX_CAPTURE_TEXT_CHARS = 1_000_000;

export function captureTimeoutMessage(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return `The page did not finish loading within ${seconds} second${seconds === 1 ? '' : 's'}, so nothing was captured.`;
}
export const TOO_MANY_REDIRECTS = `Too many redirects: the page redirected more than ${MAX_CAPTURE_REDIRECTS} times (perhaps in a loop), so nothing was captured.`;
export const CAPTURE_OFFLINE =
  'Could not reach the page — you seem to be offline. It is queued: Capture now retries.';

/** Chromium's net errors that mean "no network / host unreachable", not "the page is broken". */
const OFFLINE_ERRORS = [
  'ERR_INTERNET_DISCONNECTED',
  'ERR_NAME_NOT_RESOLVED',
  'ERR_NAME_RESOLUTION_FAILED',
  'ERR_CONNECTION_REFUSED',
  'ERR_CONNECTION_RESET',
  'ERR_CONNECTION_TIMED_OUT',
  'ERR_ADDRESS_UNREACHABLE',
  'ERR_NETWORK_CHANGED',
  'ERR_PROXY_CONNECTION_FAILED',
  'ERR_NETWORK_ACCESS_DENIED',
];

export function isOfflineError(message: string): boolean {
  return OFFLINE_ERRORS.some((code) => message.includes(code));
}

/** The files of a capture, in the order they are listed. */
export const CAPTURE_FILE_NAMES: Record<CaptureFileKind, { name: string; mediaType: string }> = {
  'capture-mhtml': { name: 'page.mhtml', mediaType: 'multipart/related' },
  'capture-pdf': { name: 'page.pdf', mediaType: 'application/pdf' },
  'capture-screenshot': { name: 'screenshot.png', mediaType: 'image/png' },
  'capture-text': { name: 'page.txt', mediaType: 'text/plain' },
};

/** Only http(s) pages are captured: never file:, data:, javascript: or anything else. */
export function isCapturableUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}
