import { app, dialog, session, type BrowserWindow } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import type { EventChannel } from '../../shared/api/channels';
import type { EventPayload, MenuCommand } from '../../shared/api/contract';
import { APP_VERSION } from '../appVersion';
import { PRODUCT_NAME, USER_DATA_ENV } from '../files/dataFolder';
import { FILE_EXTENSION } from '../projectFiles/format';
import type { LibraryHost } from '../worker/host';
import { createElectronDialogs } from './dialogs';
import { createElectronFileShell } from './fileShell';
import { isAppUrl } from './appUrl';
import { createWindowEventSink, eventChannel, registerApiHandlers } from './ipc';
import { startLibraryProcess } from './libraryProcess';
import { ELECTRON_NATIVE_BINDING, resolveNativeBinding } from './nativeBinding';
import { installMenu } from './menu';
import { createElectronPdfPrinter } from './pdfPrinter';
import { createElectronPageCapture, isCaptureSession } from './pageCapture';
import { installAppProtocol, registerAppScheme } from './protocol';
import { hardenSession, hardenWebContents } from './security';
import { createMainWindow, focusWindow } from './window';
import { WINDOW_STATE_FILE } from './windowState';

// USER_DATA_ENV also gives a separate single-instance lock, as the lock lives in userData.
export { PRODUCT_NAME, USER_DATA_ENV };
export const PROJECT_FILE_EXTENSION = FILE_EXTENSION;

export interface ShellOptions {
  /** dist/renderer: what app://factcheck/ serves. */
  rendererDir: string;
  /** dist/main/preload/preload.js. */
  preloadPath: string;
  /**
   * dist/main/worker/libraryProcess.js: the library runs there, in Electron's utility process
   * (main/electron/libraryProcess.ts). Default: beside this bundle's folder.
   */
  libraryProcessPath?: string;
  argv?: readonly string[];
  env?: Readonly<Record<string, string | undefined>>;
  platform?: NodeJS.Platform;
  log?: (message: string, error?: unknown) => void;
  /**
   * A .factcheck file the app was asked to open (argv of the first or a second launch, macOS
   * open-file). By default it is sent to the window as a 'projectFile.open' event, which opens the
   * import dialog; files that arrive before the window exists wait in Shell.pendingProjectFiles.
   */
  onProjectFile?: (filePath: string) => void;
}

export interface Shell {
  getWindow(): BrowserWindow | null;
  /** The library process while it runs (null before ready and once it was closed on quit). */
  getLibrary(): LibraryHost | null;
  /** Resolves once the library process has closed the library (on quit); at once when none runs. */
  libraryClosed(): Promise<void>;
  readonly pendingProjectFiles: string[];
  /** Resolves when the window exists (or the start failed); for tests. */
  ready: Promise<void>;
}

/** The first argument that names a .factcheck file, resolved against the launch's working directory. */
export function findProjectFileArg(argv: readonly string[], workingDirectory: string): string | null {
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue;
    if (arg.toLowerCase().endsWith(PROJECT_FILE_EXTENSION)) return path.resolve(workingDirectory, arg);
  }
  return null;
}

/**
 * The app's lifecycle. Returns null when another instance already runs (this one quits; the other
 * gets 'second-instance' and comes to the front).
 */
export function runApp(options: ShellOptions): Shell | null {
  const log =
    options.log ??
    ((message: string, error?: unknown) =>
      error === undefined ? console.error(message) : console.error(message, error));
  const env = options.env ?? process.env;
  const argv = options.argv ?? process.argv;
  const platform = options.platform ?? process.platform;
  const isDev = !app.isPackaged;

  // Before ready: privileged scheme, sandbox for every renderer, the data folder.
  registerAppScheme();
  app.enableSandbox();
  const userData = env[USER_DATA_ENV];
  if (userData) app.setPath('userData', path.resolve(userData));

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }

  let window: BrowserWindow | null = null;
  let library: LibraryHost | null = null;
  let closing: Promise<void> = Promise.resolve();
  let started = false;
  const pendingProjectFiles: string[] = [];
  const projectFile = (filePath: string) => {
    if (options.onProjectFile) options.onProjectFile(filePath);
    else if (started) sendEvent('projectFile.open', { path: filePath });
    else pendingProjectFiles.push(filePath);
  };
  const getWindow = () => (window && !window.isDestroyed() ? window : null);

  const openWindow = (): BrowserWindow => {
    const created = createMainWindow({
      preloadPath: options.preloadPath,
      statePath: path.join(app.getPath('userData'), WINDOW_STATE_FILE),
      title: PRODUCT_NAME,
      log,
    });
    created.on('closed', () => {
      if (window === created) window = null;
    });
    window = created;
    return created;
  };

  /** Sends an event to the window (opening one if needed), once its page has loaded. */
  const sendEvent = <E extends EventChannel>(name: E, payload: EventPayload<E>) => {
    const existing = getWindow();
    const target = existing ?? openWindow();
    const send = () => {
      if (!target.isDestroyed() && isAppUrl(target.webContents.getURL())) target.webContents.send(eventChannel(name), payload);
    };
    if (existing && !existing.webContents.isLoading()) send();
    else target.webContents.once('did-finish-load', send);
    focusWindow(target);
  };
  const sendMenuCommand = (command: MenuCommand) => sendEvent('menu.command', { command });

  const initialFile = findProjectFileArg(argv, process.cwd());
  if (initialFile) projectFile(initialFile);

  app.on('second-instance', (_event, secondArgv, workingDirectory) => {
    if (started && !getWindow()) openWindow();
    focusWindow(getWindow());
    const file = findProjectFileArg(secondArgv, workingDirectory);
    if (file) projectFile(file);
  });
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    if (filePath.toLowerCase().endsWith(PROJECT_FILE_EXTENSION)) projectFile(filePath);
  });
  app.on('web-contents-created', (_event, contents) => {
    // A capture window loads the web on purpose, with rules of its own (./pageCapture.ts).
    if (isCaptureSession(contents.session)) return;
    hardenWebContents(contents);
  });
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (started && !getWindow()) openWindow();
  });

  const printer = createElectronPdfPrinter();
  const pageCapture = createElectronPageCapture();
  // The library process closes the library first (a running import is cancelled and rolled back,
  // the lock released); then the app quits for good.
  app.on('will-quit', (event) => {
    const open = library;
    if (!open) return;
    library = null;
    event.preventDefault();
    closing = open
      .close()
      .catch((error: unknown) => log('The library did not close cleanly', error))
      .then(() => printer.close?.())
      .then(() => pageCapture.close?.())
      .catch(() => undefined)
      .then(() => app.quit());
  });

  const start = () => {
    hardenSession(session.defaultSession, { allowDevTools: isDev, log: (message) => log(message) });
    installAppProtocol(session.defaultSession, options.rendererDir);

    const nativeBinding = resolveNativeBinding({
      isPackaged: app.isPackaged,
      appPath: app.getAppPath(),
      resourcesPath: process.resourcesPath ?? '',
      exists: (file) => fs.existsSync(file),
    });
    if (!nativeBinding) {
      log(
        `better-sqlite3 for Electron was not found (${ELECTRON_NATIVE_BINDING}); run "node scripts/electron-rebuild.mjs" if the library does not open.`,
      );
    }
    // nativeBinding: better-sqlite3's option for its .node file, passed on to openLibrary in the
    // library process. dailyBackups: a daily backup of the library while the app runs.
    const opened = startLibraryProcess({
      modulePath: options.libraryProcessPath ?? path.join(__dirname, '..', 'worker', 'libraryProcess.js'),
      init: {
        dataDir: app.getPath('userData'),
        appVersion: APP_VERSION === 'dev' ? app.getVersion() : APP_VERSION,
        dailyBackups: true,
        ...(nativeBinding ? { nativeBinding } : {}),
      },
      // The back-channel: what needs Electron stays in this process.
      services: { dialogs: createElectronDialogs(getWindow), printer, shell: createElectronFileShell(), pageCapture },
      log: (message, error) => log(message, error),
    });
    library = opened;
    const windows = createWindowEventSink();
    opened.onEvent((channel, payload) => windows.emit(channel, payload as never));
    // The window opens either way: every call then answers with the reason, and the renderer shows it.
    void opened.ready.then(({ openError }) => {
      if (openError) log(`The library could not be opened: ${openError.message}`);
    });

    registerApiHandlers(opened, getWindow);
    installMenu({ platform, isDev, appName: PRODUCT_NAME, send: sendMenuCommand });
    openWindow();
    started = true;
    // Files the app was launched with wait for the window; then each opens the import dialog.
    for (const filePath of pendingProjectFiles.splice(0)) sendEvent('projectFile.open', { path: filePath });
  };

  const ready = app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log('Factcheck Workbench could not start', error);
      dialog.showErrorBox(
        `${PRODUCT_NAME} could not start`,
        error instanceof Error ? error.message : String(error),
      );
      app.exit(1);
    });

  return { getWindow, getLibrary: () => library, libraryClosed: () => closing, pendingProjectFiles, ready };
}
