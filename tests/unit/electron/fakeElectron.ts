/**
 * A fake of the parts of electron the shell uses. Test files install it with
 *   vi.mock('electron', async () => (await import('./fakeElectron')).electron);
 * and loading this file poisons Node's module cache entry of the real package, so anything that
 * still reached the real 'electron' (through require or a native import) throws instead of
 * silently getting the binary's path, which is all the real package gives plain Node.
 */
import { EventEmitter } from 'node:events';
import Module, { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { vi } from 'vitest';

export const REAL_ELECTRON_ERROR =
  'The real electron package was loaded in a unit test; mock it with tests/unit/electron/fakeElectron.ts.';

const nodeRequire = createRequire(import.meta.url);
export const realElectronPath = nodeRequire.resolve('electron');

export const NO_REQUEST_FILTER_ERROR =
  'A request was made in a session with no request filter (session.webRequest.onBeforeRequest)';

function poisonRealElectron(): void {
  const poisoned = new Module(realElectronPath);
  poisoned.filename = realElectronPath;
  poisoned.loaded = true;
  Object.defineProperty(poisoned, 'exports', {
    get() {
      throw new Error(REAL_ELECTRON_ERROR);
    },
    set() {
      // Ignored: nothing may replace the poison.
    },
  });
  Object.defineProperty(poisoned, 'isPoisoned', { value: true });
  nodeRequire.cache[realElectronPath] = poisoned;
}
poisonRealElectron();

export function realElectronIsPoisoned(): boolean {
  const entry = nodeRequire.cache[realElectronPath] as (NodeJS.Module & { isPoisoned?: boolean }) | undefined;
  return entry?.isPoisoned === true;
}

let nextFrameId = 1;

export class FakeWebFrame {
  url = '';
  parent: FakeWebFrame | null = null;
  readonly processId: number;
  readonly routingId: number;
  constructor(parent: FakeWebFrame | null = null) {
    this.parent = parent;
    this.processId = 7;
    this.routingId = nextFrameId++;
  }
}

export class FakeWebContents extends EventEmitter {
  readonly mainFrame = new FakeWebFrame();
  /** The session its requests go through (webPreferences.partition, else the default session). */
  readonly session: FakeSession;
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  windowOpenHandler:
    | ((details: { url: string; frameName: string; features: string; disposition: string }) => {
        action: string;
      })
    | null = null;
  destroyed = false;
  loading = false;
  printed: unknown[] = [];
  constructor(session: FakeSession = electron.session.defaultSession) {
    super();
    this.session = session;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  getURL() {
    return this.mainFrame.url;
  }
  isDestroyed() {
    return this.destroyed;
  }
  isLoading() {
    return this.loading;
  }
  setWindowOpenHandler(handler: FakeWebContents['windowOpenHandler']) {
    this.windowOpenHandler = handler;
  }
  /**
   * Like Chromium, the load is a request through the session's filter: a cancelled one rejects with
   * ERR_BLOCKED_BY_CLIENT and leaves the page where it was. A session without a filter throws
   * synchronously (FakeSession.request), so code that forgot to install one fails loudly.
   */
  loadURL(url: string): Promise<void> {
    if (!this.session.request(url)) {
      return Promise.reject(
        Object.assign(new Error(`ERR_BLOCKED_BY_CLIENT (-20) loading '${url}'`), {
          code: 'ERR_BLOCKED_BY_CLIENT',
          errno: -20,
          url,
        }),
      );
    }
    this.mainFrame.url = url;
    this.loading = true;
    return Promise.resolve().then(() => {
      this.loading = false;
      this.emit('did-finish-load');
    });
  }
  async printToPDF(options: unknown) {
    this.printed.push(options);
    return Buffer.from('%PDF-1.7 fake');
  }
  /** An event object like electron's: preventDefault records itself. */
  static event(extra: Record<string, unknown> = {}) {
    return {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
      ...extra,
    };
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows() {
    return FakeBrowserWindow.instances.filter((window) => !window.destroyed);
  }
  static fromWebContents(contents: unknown) {
    return FakeBrowserWindow.instances.find((window) => window.webContents === contents) ?? null;
  }
  static getFocusedWindow() {
    return FakeBrowserWindow.instances.find((window) => window.focused && !window.destroyed) ?? null;
  }

  readonly webContents: FakeWebContents;
  readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> };
  bounds: { x: number; y: number; width: number; height: number };
  destroyed = false;
  visible = false;
  focused = false;
  minimized = false;
  maximized = false;
  fullScreen = false;

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
    const partition = this.options.webPreferences?.partition;
    this.webContents = new FakeWebContents(
      typeof partition === 'string' ? electron.session.fromPartition(partition) : electron.session.defaultSession,
    );
    this.bounds = {
      x: typeof options.x === 'number' ? options.x : 100,
      y: typeof options.y === 'number' ? options.y : 100,
      width: typeof options.width === 'number' ? options.width : 800,
      height: typeof options.height === 'number' ? options.height : 600,
    };
    FakeBrowserWindow.instances.push(this);
    electron.app.emit('web-contents-created', { preventDefault() {} }, this.webContents);
  }
  loadURL(url: string) {
    return this.webContents.loadURL(url);
  }
  show() {
    this.visible = true;
  }
  focus() {
    this.focused = true;
  }
  restore() {
    this.minimized = false;
  }
  minimize() {
    this.minimized = true;
  }
  maximize() {
    this.maximized = true;
  }
  isMinimized() {
    return this.minimized;
  }
  isMaximized() {
    return this.maximized;
  }
  isFullScreen() {
    return this.fullScreen;
  }
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getNormalBounds() {
    return { ...this.bounds };
  }
  destroy() {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
  close() {
    this.emit('close', { preventDefault() {} });
    this.destroy();
  }
}

export class FakeSession {
  permissionRequestHandler: ((...args: never[]) => unknown) | null = null;
  permissionCheckHandler: ((...args: never[]) => unknown) | null = null;
  devicePermissionHandler: ((...args: never[]) => unknown) | null = null;
  beforeRequest:
    ((details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void) | null = null;
  readonly protocolHandlers = new Map<
    string,
    (request: { url: string; method: string }) => Promise<Response>
  >();
  readonly protocol = {
    handle: (scheme: string, handler: (request: { url: string; method: string }) => Promise<Response>) => {
      this.protocolHandlers.set(scheme, handler);
    },
  };
  readonly webRequest = {
    onBeforeRequest: (listener: FakeSession['beforeRequest']) => {
      this.beforeRequest = listener;
    },
  };
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']) {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']) {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['devicePermissionHandler']) {
    this.devicePermissionHandler = handler;
  }
  reset() {
    this.permissionRequestHandler = null;
    this.permissionCheckHandler = null;
    this.devicePermissionHandler = null;
    this.beforeRequest = null;
    this.protocolHandlers.clear();
  }
  /**
   * A request made in this session, run through its filter the way Chromium would; true when it may
   * go ahead. Throws when no filter is installed (the real session would let everything through,
   * remote content included) or when the filter does not answer.
   */
  request(url: string): boolean {
    const filter = this.beforeRequest;
    if (!filter) {
      throw new Error(
        `${NO_REQUEST_FILTER_ERROR} (request for ${url}); a real session would load it, remote or not.`,
      );
    }
    let response: { cancel?: boolean } | undefined;
    filter({ url }, (answer) => {
      response = answer;
    });
    if (!response) throw new Error(`The request filter did not answer for ${url}.`);
    return response.cancel !== true;
  }
  /** The filter's verdict on a URL (a request made by the test); throws without a filter. */
  allows(url: string): boolean {
    return this.request(url);
  }
}

/**
 * What a utility process's entry finds: `process.parentPort`, an EventEmitter whose 'message'
 * events carry `{ data, ports }` and whose postMessage reaches the parent — here over the worker
 * thread's port. The entry then runs as it would in Electron.
 */
const UTILITY_BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
const { EventEmitter } = require('node:events');
const port = new EventEmitter();
port.postMessage = (message) => parentPort.postMessage(message);
parentPort.on('message', (data) => port.emit('message', { data, ports: [] }));
Object.defineProperty(process, 'parentPort', { value: port });
require(workerData.modulePath);
`;

/**
 * utilityProcess.fork's child, run in a worker thread of the test process: 'spawn' when it runs,
 * 'message' with what its parentPort posts, 'exit' with its code; kill() ends it.
 */
export class FakeUtilityProcess extends EventEmitter {
  static forked: FakeUtilityProcess[] = [];
  readonly worker: Worker;
  readonly posted: unknown[] = [];
  exited = false;
  exitCode: number | null = null;
  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: Record<string, unknown>,
  ) {
    super();
    this.worker = new Worker(UTILITY_BOOTSTRAP, { eval: true, workerData: { modulePath } });
    this.worker.on('online', () => this.emit('spawn'));
    this.worker.on('message', (message: unknown) => this.emit('message', message));
    this.worker.on('error', () => undefined);
    this.worker.on('exit', (code: number) => {
      this.exited = true;
      this.exitCode = code;
      this.emit('exit', code);
    });
    FakeUtilityProcess.forked.push(this);
  }
  get pid() {
    return this.exited ? undefined : 4242;
  }
  postMessage(message: unknown) {
    this.posted.push(message);
    if (!this.exited) this.worker.postMessage(message);
  }
  kill() {
    void this.worker.terminate();
    return true;
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  name = 'Factcheck Workbench';
  gotLock = true;
  readonly paths = new Map<string, string>([
    ['userData', '/tmp/factcheck-fake-user-data'],
    ['documents', '/tmp/factcheck-fake-documents'],
  ]);
  appPath = '/tmp/factcheck-fake-app';
  private readyResolve: () => void = () => undefined;
  private readyPromise = new Promise<void>((resolve) => {
    this.readyResolve = resolve;
  });
  requestSingleInstanceLock = vi.fn(() => this.gotLock);
  quit = vi.fn();
  exit = vi.fn();
  enableSandbox = vi.fn();
  setPath = vi.fn((name: string, value: string) => {
    this.paths.set(name, value);
  });
  getPath(name: string) {
    const value = this.paths.get(name);
    if (!value) throw new Error(`fake app has no path ${name}`);
    return value;
  }
  getVersion() {
    return '0.0.0-fake';
  }
  getAppPath() {
    return this.appPath;
  }
  whenReady() {
    return this.readyPromise;
  }
  /** Tests call this to let app.whenReady() resolve. */
  becomeReady() {
    this.readyResolve();
  }
  resetReady() {
    this.readyPromise = new Promise<void>((resolve) => {
      this.readyResolve = resolve;
    });
  }
}

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  handle(channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  /** Calls a registered handler as ipcRenderer.invoke would. */
  async invoke(channel: string, event: unknown, ...args: unknown[]) {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

class FakeIpcRenderer extends EventEmitter {
  invoke = vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => ({
    ok: true,
    value: 'from main',
  }));
}

const defaultSession = new FakeSession();
const partitions = new Map<string, FakeSession>();

const display = {
  id: 1,
  workArea: { x: 0, y: 0, width: 1920, height: 1050 },
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
};

export const electron = {
  __fake: true as const,
  app: new FakeApp(),
  BrowserWindow: FakeBrowserWindow,
  ipcMain: new FakeIpcMain(),
  ipcRenderer: new FakeIpcRenderer(),
  contextBridge: {
    exposed: new Map<string, unknown>(),
    exposeInMainWorld(key: string, api: unknown) {
      this.exposed.set(key, api);
    },
  },
  protocol: { registerSchemesAsPrivileged: vi.fn() },
  utilityProcess: {
    fork: vi.fn(
      (modulePath: string, args: string[] = [], options: Record<string, unknown> = {}) =>
        new FakeUtilityProcess(modulePath, args, options),
    ),
  },
  session: {
    defaultSession,
    fromPartition(partition: string) {
      let found = partitions.get(partition);
      if (!found) {
        found = new FakeSession();
        partitions.set(partition, found);
      }
      return found;
    },
  },
  dialog: {
    nextMessageBoxResponse: 1,
    showMessageBox: vi.fn(async (..._args: unknown[]) => ({
      response: electron.dialog.nextMessageBoxResponse,
      checkboxChecked: false,
    })),
    showSaveDialog: vi.fn(async (..._args: unknown[]) => ({
      canceled: false,
      filePath: '/tmp/chosen/report' as string | undefined,
    })),
    showOpenDialog: vi.fn(async (..._args: unknown[]) => ({
      canceled: false,
      filePaths: ['/tmp/chosen/project.factcheck'],
    })),
    showErrorBox: vi.fn(),
  },
  shell: {
    openExternal: vi.fn(async (_url: string) => undefined),
    showItemInFolder: vi.fn((_path: string) => undefined),
    /** Answers '' (opened), as Electron does when the system viewer took the file. */
    openPath: vi.fn(async (_path: string) => ''),
  },
  Menu: {
    current: null as unknown,
    buildFromTemplate: (template: unknown) => ({ template }),
    setApplicationMenu: vi.fn((menu: unknown) => {
      electron.Menu.current = menu;
    }),
  },
  screen: {
    displays: [display],
    getPrimaryDisplay: () => electron.screen.displays[0]!,
    getAllDisplays: () => electron.screen.displays,
  },
};

/** Back to a fresh state between tests (same objects: the shell holds references to them). */
export function resetFakeElectron(): void {
  FakeBrowserWindow.instances.length = 0;
  // A child still running from the last test is ended (a test that started one closes it first).
  for (const child of FakeUtilityProcess.forked.splice(0)) if (!child.exited) child.kill();
  const { app, ipcMain, ipcRenderer } = electron;
  for (const emitter of [app, ipcMain, ipcRenderer] as EventEmitter[]) emitter.removeAllListeners();
  app.isPackaged = false;
  app.gotLock = true;
  app.resetReady();
  app.paths.set('userData', '/tmp/factcheck-fake-user-data');
  ipcMain.handlers.clear();
  electron.contextBridge.exposed.clear();
  partitions.clear();
  defaultSession.reset();
  electron.dialog.nextMessageBoxResponse = 1;
  electron.Menu.current = null;
  electron.screen.displays = [display];
  vi.clearAllMocks();
}
