import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../shared/api/channels';
import { findProjectFileArg, runApp, USER_DATA_ENV, type Shell } from '../../../main/electron/lifecycle';
import {
  ELECTRON_NATIVE_BINDING,
  PACKAGED_NATIVE_BINDING,
  resolveNativeBinding,
} from '../../../main/electron/nativeBinding';
import { FakeBrowserWindow, electron, resetFakeElectron } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

let dataDir: string;
let shell: Shell | null = null;
const log = vi.fn();

beforeEach(() => {
  resetFakeElectron();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-lifecycle-'));
});
afterEach(() => {
  electron.app.emit('will-quit');
  shell = null;
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function start(overrides: { platform?: NodeJS.Platform; argv?: string[] } = {}) {
  shell = runApp({
    rendererDir: '/app/dist/renderer',
    preloadPath: '/app/dist/main/preload/preload.js',
    argv: overrides.argv ?? ['/usr/bin/electron', '.'],
    env: { [USER_DATA_ENV]: dataDir },
    platform: overrides.platform ?? 'linux',
    log,
  });
  return shell;
}

async function startReady(overrides: { platform?: NodeJS.Platform; argv?: string[] } = {}) {
  const started = start(overrides);
  expect(started).not.toBeNull();
  electron.app.becomeReady();
  await started!.ready;
  return started!;
}

const mainWindow = (started: Shell) => started.getWindow() as unknown as FakeBrowserWindow;
type TemplateItem = { role?: string; submenu?: TemplateItem[] };
/** Every role in the installed application menu, submenus included. */
function menuRoles(): string[] {
  const menu = electron.Menu.current as { template: TemplateItem[] } | null;
  expect(menu, 'an application menu was installed').not.toBeNull();
  const walk = (items: TemplateItem[]): string[] =>
    items.flatMap((item) => [...(item.role ? [item.role] : []), ...walk(item.submenu ?? [])]);
  return walk(menu!.template);
}
const fromWindow = (window: FakeBrowserWindow) => ({
  sender: window.webContents,
  senderFrame: window.webContents.mainFrame,
});

describe('single instance', () => {
  it('quits when another instance holds the lock, and sets nothing up', () => {
    electron.app.gotLock = false;
    expect(start()).toBeNull();
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
    expect(electron.app.listenerCount('second-instance')).toBe(0);
    expect(electron.ipcMain.handlers.size).toBe(0);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('on a second launch restores and focuses the window, and opens the .factcheck file it names', async () => {
    const started = await startReady();
    const window = mainWindow(started);
    window.minimize();
    window.focused = false;
    electron.app.emit(
      'second-instance',
      {},
      ['/opt/factcheck/factcheck-workbench', '--flag', 'shared/Budget.factcheck'],
      '/home/anna',
    );
    expect(window).toMatchObject({ minimized: false, visible: true, focused: true });
    expect(window.webContents.sent).toContainEqual({
      channel: 'event:projectFile.open',
      payload: { path: path.resolve('/home/anna', 'shared/Budget.factcheck') },
    });
    expect(started.pendingProjectFiles).toEqual([]);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('opens a new window on a second launch when the last one was closed (macOS)', async () => {
    const started = await startReady({ platform: 'darwin' });
    mainWindow(started).close();
    expect(started.getWindow()).toBeNull();
    electron.app.emit('second-instance', {}, ['/Applications/Factcheck'], '/');
    expect(started.getWindow()).not.toBeNull();
  });
});

describe('start-up', () => {
  it('before ready: registers app:// as privileged, enables the sandbox, uses the data folder given', () => {
    start();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledTimes(1);
    expect(electron.app.enableSandbox).toHaveBeenCalledTimes(1);
    expect(electron.app.setPath).toHaveBeenCalledWith('userData', dataDir);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
  });

  it('when ready: hardens the session, serves app://, opens the library, registers IPC and the menu, and opens the window', async () => {
    const started = await startReady();
    const session = electron.session.defaultSession;
    expect(session.permissionRequestHandler).toBeTypeOf('function');
    expect(session.allows('https://example.org/')).toBe(false);
    expect(session.protocolHandlers.has('app')).toBe(true);
    expect(electron.ipcMain.handlers.size).toBe(CHANNELS.length);
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    expect(started.getLibrary()?.openError).toBeNull();
    expect(fs.existsSync(path.join(dataDir, 'library.sqlite'))).toBe(true);

    const window = mainWindow(started);
    expect(FakeBrowserWindow.instances).toEqual([window]);
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/dist/main/preload/preload.js',
      sandbox: true,
      contextIsolation: true,
    });
    expect(window.webContents.getURL()).toBe('app://factcheck/index.html');
    // Every webContents is hardened as it is created.
    expect(
      window.webContents.windowOpenHandler?.({
        url: 'https://x.example/',
        frameName: '',
        features: '',
        disposition: 'new-window',
      }),
    ).toEqual({ action: 'deny' });
    expect(window.webContents.listenerCount('will-navigate')).toBe(1);

    const result = await electron.ipcMain.invoke('api:projects.create', fromWindow(window), {
      title: 'Electron smoke',
    });
    expect(result).toMatchObject({ ok: true, value: { title: 'Electron smoke' } });
    expect(await electron.ipcMain.invoke('api:projects.list', fromWindow(window), {})).toMatchObject({
      ok: true,
      value: [{ title: 'Electron smoke' }],
    });
  });

  it('when packaged, blocks DevTools: devtools:// requests refused, no developer tools or reload in the menu', async () => {
    electron.app.isPackaged = true;
    await startReady();
    const session = electron.session.defaultSession;
    expect(session.allows('devtools://devtools/bundled/inspector.html')).toBe(false);
    expect(session.allows('app://factcheck/index.html')).toBe(true);
    const roles = menuRoles();
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).not.toContain('reload');
    expect(roles).not.toContain('forceReload');
  });

  it('in development, lets DevTools load and offers them in the menu', async () => {
    electron.app.isPackaged = false;
    await startReady();
    expect(electron.session.defaultSession.allows('devtools://devtools/bundled/inspector.html')).toBe(true);
    expect(menuRoles()).toEqual(expect.arrayContaining(['toggleDevTools', 'reload', 'forceReload']));
  });

  it('still opens the window when the library cannot be opened; every call answers the reason', async () => {
    fs.writeFileSync(path.join(dataDir, 'library.sqlite'), 'this is not a database at all');
    const started = await startReady();
    expect(started.getLibrary()?.openError?.code).toBe('database_corrupt');
    const window = mainWindow(started);
    expect(window).toBeInstanceOf(FakeBrowserWindow);
    expect(FakeBrowserWindow.instances).toEqual([window]);
    expect(window.webContents.getURL()).toBe('app://factcheck/index.html');
    const result = await electron.ipcMain.invoke('api:projects.list', fromWindow(window), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'database_corrupt' } });
    expect(fs.readFileSync(path.join(dataDir, 'library.sqlite'), 'utf8')).toBe(
      'this is not a database at all',
    );
  });

  it('opens a .factcheck file named on the first launch once the window has loaded', async () => {
    const started = await startReady({
      argv: ['/opt/factcheck/factcheck-workbench', '/home/anna/Budget.FACTCHECK'],
    });
    const window = mainWindow(started);
    window.webContents.emit('did-finish-load');
    expect(window.webContents.sent).toContainEqual({ channel: 'event:projectFile.open', payload: { path: '/home/anna/Budget.FACTCHECK' } });
    expect(started.pendingProjectFiles).toEqual([]);
  });

  it('opens a file given through macOS open-file, and ignores other files', async () => {
    const started = await startReady({ platform: 'darwin' });
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    electron.app.emit('open-file', event, '/Users/anna/Budget.factcheck');
    electron.app.emit('open-file', event, '/Users/anna/notes.txt');
    expect(event.defaultPrevented).toBe(true);
    const sent = mainWindow(started).webContents.sent.filter((message: { channel: string }) => message.channel === 'event:projectFile.open');
    expect(sent).toEqual([{ channel: 'event:projectFile.open', payload: { path: '/Users/anna/Budget.factcheck' } }]);
  });
});

describe('menu commands and window lifecycle', () => {
  it('a menu click sends event:menu.command to the window', async () => {
    const started = await startReady();
    const window = mainWindow(started);
    const menu = electron.Menu.current as {
      template: Array<{ label?: string; submenu?: Array<{ label?: string; click?: () => void }> }>;
    };
    const file = menu.template.find((item) => item.label === '&File');
    file?.submenu?.find((item) => item.label === 'New project')?.click?.();
    expect(window.webContents.sent).toContainEqual({
      channel: 'event:menu.command',
      payload: { command: 'new-project' },
    });
  });

  it('on macOS a menu command with no window open opens one and sends the command once it has loaded', async () => {
    const started = await startReady({ platform: 'darwin' });
    mainWindow(started).close();
    const menu = electron.Menu.current as {
      template: Array<{ label?: string; submenu?: Array<{ label?: string; click?: () => void }> }>;
    };
    menu.template
      .find((item) => item.label === '&File')
      ?.submenu?.find((item) => item.label === 'Import project file…')
      ?.click?.();
    const window = mainWindow(started);
    expect(window.destroyed).toBe(false);
    expect(window.webContents.sent).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(window.webContents.sent).toEqual([
      { channel: 'event:menu.command', payload: { command: 'import-project' } },
    ]);
  });

  it('quits when the last window closes, except on macOS', async () => {
    await startReady({ platform: 'linux' });
    electron.app.emit('window-all-closed');
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
  });

  it('on macOS stays open without windows and reopens one on activate', async () => {
    const started = await startReady({ platform: 'darwin' });
    mainWindow(started).close();
    electron.app.emit('window-all-closed');
    expect(electron.app.quit).not.toHaveBeenCalled();
    electron.app.emit('activate');
    expect(started.getWindow()).not.toBeNull();
    expect(FakeBrowserWindow.getAllWindows()).toHaveLength(1);
  });

  it('closes the library on quit', async () => {
    const started = await startReady();
    const db = started.getLibrary()?.db;
    electron.app.emit('will-quit');
    expect(db?.open).toBe(false);
    expect(started.getLibrary()).toBeNull();
  });
});

describe('pure helpers', () => {
  it('finds the .factcheck argument, skipping the executable and flags', () => {
    expect(findProjectFileArg(['/usr/bin/app', '--inspect', 'a.factcheck'], '/home/x')).toBe(
      path.resolve('/home/x', 'a.factcheck'),
    );
    expect(findProjectFileArg(['/usr/bin/app', '.'], '/home/x')).toBeNull();
    expect(findProjectFileArg(['/tmp/trick.factcheck'], '/home/x')).toBeNull();
    expect(findProjectFileArg(['/usr/bin/app', '--file=a.factcheck'], '/home/x')).toBeNull();
  });

  it('uses the Electron build of better-sqlite3 when it exists', () => {
    const exists = (file: string) => file.endsWith('better_sqlite3.node');
    expect(resolveNativeBinding({ isPackaged: false, appPath: '/repo', resourcesPath: '', exists })).toBe(
      path.join('/repo', ELECTRON_NATIVE_BINDING),
    );
    expect(
      resolveNativeBinding({ isPackaged: true, appPath: '/x/app.asar', resourcesPath: '/x', exists }),
    ).toBe(path.join('/x', PACKAGED_NATIVE_BINDING));
    expect(
      resolveNativeBinding({ isPackaged: false, appPath: '/repo', resourcesPath: '', exists: () => false }),
    ).toBeUndefined();
  });
});
