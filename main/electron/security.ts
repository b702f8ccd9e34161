import {
  BrowserWindow,
  dialog,
  shell,
  type HandlerDetails,
  type MessageBoxOptions,
  type OnBeforeRequestListenerDetails,
  type Session,
  type WebContents,
  type WindowOpenHandlerResponse,
} from 'electron';
import { isAppUrl, externalHttpUrl } from './appUrl';

/**
 * The Electron security checklist as plain functions: navigation, new windows, permissions, remote
 * requests. Each handler is exported on its own so tests call it with fake events.
 */

/** The part of an electron navigation event these handlers use. */
export interface NavigationEvent {
  preventDefault(): void;
  url?: string;
  isMainFrame?: boolean;
}

/**
 * Where a frame may go: our own origin only. A subframe may also be about:blank or about:srcdoc (an
 * inline preview holds no remote content); the main frame may not.
 */
export function isAllowedNavigation(url: string, isMainFrame: boolean): boolean {
  if (isAppUrl(url)) return true;
  return !isMainFrame && (url === 'about:blank' || url === 'about:srcdoc');
}

/** will-navigate / will-redirect / will-frame-navigate: prevented unless isAllowedNavigation. */
export function denyForeignNavigation(event: NavigationEvent, url?: string): void {
  const target = event.url ?? url ?? '';
  if (!isAllowedNavigation(target, event.isMainFrame ?? true)) event.preventDefault();
}

/** Asks before a link leaves the app; true when the person agreed. */
export type ConfirmExternal = (url: string, contents: WebContents | null) => Promise<boolean>;
export type OpenExternal = (url: string) => Promise<void>;

export interface ExternalLinkDeps {
  confirm: ConfirmExternal;
  open: OpenExternal;
  log?: (message: string, error: unknown) => void;
}

/**
 * Opens an http(s) link in the system browser after the person confirmed it. Any other scheme
 * (javascript:, file:, app:, data:, custom protocol handlers) is never opened. Resolves true when opened.
 */
export async function openExternalAfterConfirm(
  url: string,
  contents: WebContents | null,
  deps: ExternalLinkDeps,
): Promise<boolean> {
  const href = externalHttpUrl(url);
  if (!href) return false;
  try {
    if (!(await deps.confirm(href, contents))) return false;
    await deps.open(href);
    return true;
  } catch (error) {
    deps.log?.('Could not open an external link', error);
    return false;
  }
}

/** setWindowOpenHandler: never a new Electron window; http(s) goes to the browser after asking. */
export function createWindowOpenHandler(
  contents: WebContents | null,
  deps: ExternalLinkDeps,
): (details: HandlerDetails) => WindowOpenHandlerResponse {
  return (details) => {
    if (externalHttpUrl(details.url)) void openExternalAfterConfirm(details.url, contents, deps);
    return { action: 'deny' };
  };
}

const DISPLAY_URL_LIMIT = 300;

/** The confirmation the real app shows, modal to the window the link came from. */
export const confirmWithDialog: ConfirmExternal = async (url, contents) => {
  const shown = url.length > DISPLAY_URL_LIMIT ? `${url.slice(0, DISPLAY_URL_LIMIT)}…` : url;
  const options: MessageBoxOptions = {
    type: 'question',
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
    title: 'Open link',
    message: 'Open this link in your web browser?',
    detail: shown,
  };
  const parent = contents ? BrowserWindow.fromWebContents(contents) : null;
  const { response } = parent
    ? await dialog.showMessageBox(parent, options)
    : await dialog.showMessageBox(options);
  return response === 0;
};

export const defaultExternalLinkDeps: ExternalLinkDeps = {
  confirm: confirmWithDialog,
  open: (url) => shell.openExternal(url),
  log: (message, error) => console.error(message, error),
};

/**
 * Hardening for every webContents ever created (the window, the PDF printer, anything later):
 * navigation away from the app denied, new windows denied, <webview> refused.
 */
export function hardenWebContents(
  contents: WebContents,
  deps: ExternalLinkDeps = defaultExternalLinkDeps,
): void {
  contents.on('will-navigate', (event, url) => denyForeignNavigation(event, url));
  contents.on('will-frame-navigate', (event) => denyForeignNavigation(event));
  contents.on('will-redirect', (event, url) => denyForeignNavigation(event, url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(createWindowOpenHandler(contents, deps));
}

/** Permissions (camera, notifications, clipboard-read, geolocation, …): all refused. */
export const denyPermissionRequest = (
  _contents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void => callback(false);
export const denyPermissionCheck = (): boolean => false;
export const denyDevicePermission = (): boolean => false;

/**
 * The request filter: no remote content, ever. Our own origin passes; so do data: and blob: URLs
 * (local by definition; the CSP limits where they may be used) and DevTools' own pages in dev.
 */
export function isAllowedRequest(url: string, options: { allowDevTools: boolean }): boolean {
  if (isAppUrl(url)) return true;
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  if (options.allowDevTools && url.startsWith('devtools://')) return true;
  return false;
}

export function createRequestFilter(options: { allowDevTools: boolean; log?: (message: string) => void }) {
  return (
    details: Pick<OnBeforeRequestListenerDetails, 'url'>,
    callback: (response: { cancel: boolean }) => void,
  ): void => {
    const allowed = isAllowedRequest(details.url, options);
    if (!allowed) options.log?.(`Blocked a request for ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  };
}

/** Session-level hardening: permissions denied and non-app requests blocked. */
export function hardenSession(
  session: Session,
  options: { allowDevTools: boolean; log?: (message: string) => void },
): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  session.setDevicePermissionHandler(denyDevicePermission);
  session.webRequest.onBeforeRequest(createRequestFilter(options));
}
