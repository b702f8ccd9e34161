import { BrowserWindow, screen, type WebPreferences } from 'electron';
import { APP_INDEX_URL } from './appUrl';
import { captureWindowState, clampToDisplays, loadWindowState, saveWindowState } from './windowState';

/** The checklist's webPreferences, in one place; tests assert every one. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: true,
    safeDialogs: true,
  };
}

export interface MainWindowOptions {
  preloadPath: string;
  /** The JSON file the bounds are remembered in (userData/window-state.json). */
  statePath: string;
  title: string;
  log?: (message: string, error: unknown) => void;
}

/**
 * The one main window: hidden until ready-to-show, at the remembered bounds (moved back onto a
 * display if the one it was on is gone), loading app://factcheck/index.html.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const workAreas = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map(
    (display) => display.workArea,
  );
  const state = clampToDisplays(loadWindowState(options.statePath), workAreas);

  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: options.title,
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(options.preloadPath),
  });

  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    saveWindowState(options.statePath, captureWindowState(window));
  });

  window
    .loadURL(APP_INDEX_URL)
    .catch((error: unknown) => options.log?.('The window could not load the app', error));
  return window;
}

/** Brings the window to the front (a second launch, a menu command with the window hidden). */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
}
