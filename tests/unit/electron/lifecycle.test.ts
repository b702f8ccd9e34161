import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../shared/api/channels';
import { findProjectFileArg, runApp, USER_DATA_ENV, type Shell } from '../../../main/electron/lifecycle';
import {
  ELECTRON_NATIVE_BINDING,
  PACKAGED_NATIVE_BINDING,
  resolveNativeBinding,
} from '../../../main/electron/nativeBinding';
import { LOCK_FILE_NAME } from '../../../main/db/libraryLock';
import { ensureHarnessBuilt } from '../../support/harnessBuild';
import { FakeBrowserWindow, FakeUtilityProcess, FakeWebContents, electron, resetFakeElectron } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

// The library runs in the utility process the shell forks: the built entry, in a worker thread.
const LIBRARY_PROCESS = path.resolve(__dirname, '../../../dist/main/worker/libraryProcess.js');
beforeAll(() => ensureHarnessBuilt(), 180_000);

let dataDir: string;
let shell: Shell | null = null;
const log = vi.fn();

beforeEach(() => {
  resetFakeElectron();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-lifecycle-'));
});
afterEach(async () => {
  electron.app.emit('will-quit', FakeWebContents.event());
  await shell?.libraryClosed();
  shell = null;
  fs.rmSync(dataDir, { recursive: true, force: true });
});
afterAll(() => resetFakeElectron());

function start(overrides: { platform?: NodeJS.Platform; argv?: string[] } = {}) {
  shell = runApp({
    rendererDir: '/app/dist/renderer',
    preloadPath: '/app/dist/main/preload/preload.js',
    libraryProcessPath: LIBRARY_PROCESS,
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
    expect((await started.getLibrary()!.ready).openError).toBeNull();
    // The library runs in a utility process, not in Electron's main process.
    expect(electron.utilityProcess.fork).toHaveBeenCalledTimes(1);
    expect(electron.utilityProcess.fork).toHaveBeenCalledWith(
      LIBRARY_PROCESS,
      [],
      expect.objectContaining({ serviceName: 'Factcheck Workbench library' }),
    );
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
    expect((await started.getLibrary()!.ready).openError?.code).toBe('database_corrupt');
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

  it('closes the library on quit: the quit waits until the library process has closed the file', async () => {
    const started = await startReady();
    await started.getLibrary()!.ready;
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(true);
    const child = FakeUtilityProcess.forked.at(-1)!;
    const first = FakeWebContents.event();
    electron.app.emit('will-quit', first);
    expect(first.defaultPrevented).toBe(true);
    expect(started.getLibrary()).toBeNull();
    await started.libraryClosed();
    // Closed (lock released, -wal checkpointed away), the process gone, and then the app quits.
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE_NAME))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'library.sqlite-wal'))).toBe(false);
    expect(child.exited).toBe(true);
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
    const second = FakeWebContents.event();
    electron.app.emit('will-quit', second);
    expect(second.defaultPrevented).toBe(false);
  });
});

describe('the library process', () => {
  type Sent = { channel: string; payload: unknown };
  const call = async <T>(window: FakeBrowserWindow, channel: string, request: unknown): Promise<T> => {
    const result = (await electron.ipcMain.invoke(`api:${channel}`, fromWindow(window), request)) as
      | { ok: true; value: T }
      | { ok: false; error: { code: string; message: string } };
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value;
  };
  const progressOf = (window: FakeBrowserWindow, taskId: string) =>
    window.webContents.sent
      .filter((message: Sent) => message.channel === 'event:task.progress')
      .map((message: Sent) => message.payload as { taskId: string; label: string; done: number; total: number })
      .filter((progress) => progress.taskId === taskId);

  it('asks Electron’s main process for the save dialog and the PDF (the back-channel), and sends progress to the window', async () => {
    const started = await startReady();
    const window = mainWindow(started);
    const project = await call<{ id: string }>(window, 'projects.create', { title: 'Budget' });

    // projectFiles.export: the library process asks main for the save dialog, then writes the file.
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: path.join(dataDir, 'Budget') });
    const exported = await call<{ path: string }>(window, 'projectFiles.export', { projectId: project.id, taskId: 'export-1' });
    expect(exported.path).toBe(path.join(dataDir, 'Budget.factcheck'));
    expect(fs.existsSync(exported.path)).toBe(true);
    expect(electron.dialog.showSaveDialog).toHaveBeenCalledWith(window, expect.objectContaining({ title: 'Export project file' }));
    expect(progressOf(window, 'export-1').map((progress) => progress.label)).toEqual(
      expect.arrayContaining(['Reading the project from your library', 'Writing the file']),
    );

    // reports.export as PDF: printed by printToPDF in main (a hidden window), written by the library.
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: path.join(dataDir, 'Budget report.pdf') });
    const report = await call<{ path: string }>(window, 'reports.export', { projectId: project.id, format: 'pdf', taskId: 'pdf-1' });
    expect(fs.readFileSync(report.path, 'utf8')).toBe('%PDF-1.7 fake');
    const printer = FakeBrowserWindow.instances.find((candidate) => candidate.webContents.printed.length > 0);
    expect(printer?.webContents.printed).toHaveLength(1);
    expect(progressOf(window, 'pdf-1').map((progress) => progress.label)).toEqual(
      expect.arrayContaining(['Laying out the report', 'Printing the PDF', 'Writing the file']),
    );
  });

  it('imports with progress, and a cancelled import writes nothing', async () => {
    const started = await startReady();
    const window = mainWindow(started);
    const project = await call<{ id: string }>(window, 'projects.create', { title: 'Shared' });
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: path.join(dataDir, 'Shared.factcheck') });
    const file = (await call<{ path: string }>(window, 'projectFiles.export', { projectId: project.id })).path;

    // Cancelled before it began: the import answers 'cancelled' and adds nothing.
    const first = await call<{ importId: string }>(window, 'projectFiles.inspect', { path: file });
    await call(window, 'tasks.cancel', { taskId: 'import-cancelled' });
    await expect(
      call(window, 'projectFiles.apply', { importId: first.importId, asCopy: true, taskId: 'import-cancelled' }),
    ).rejects.toMatchObject({ code: 'cancelled', message: 'The import was cancelled. Nothing in your library was changed.' });
    expect((await call<unknown[]>(window, 'projects.list', {})).length).toBe(1);

    // The inspected file is kept: imported after all, with progress to the window.
    const summary = await call<{ title: string }>(window, 'projectFiles.apply', { importId: first.importId, asCopy: true, taskId: 'import-2' });
    expect(summary.title).toBe('Shared (copy)');
    expect((await call<unknown[]>(window, 'projects.list', {})).length).toBe(2);
    const progress = progressOf(window, 'import-2');
    expect(progress.at(-1)).toMatchObject({ label: 'Writing “Shared (copy)” to your library' });
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
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
