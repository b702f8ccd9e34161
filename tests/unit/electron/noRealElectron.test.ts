import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../shared/api/channels';
import {
  FakeBrowserWindow,
  REAL_ELECTRON_ERROR,
  electron as fake,
  resetFakeElectron,
  realElectronIsPoisoned,
  realElectronPath,
} from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

const shellDir = path.resolve(__dirname, '../../../main/electron');

describe('the shell runs against the fake electron only', () => {
  it('resolves "electron" to the fake in every shell module', async () => {
    resetFakeElectron();
    // Each shell module that imports electron, made to call into it; the call must land on the fake.
    // (Importing 'electron' here would only show what this test file gets.)
    const exercises: Record<string, () => Promise<void>> = {
      'dialogs.ts': async () => {
        const { createElectronDialogs } = await import('../../../main/electron/dialogs');
        await createElectronDialogs(() => null).chooseOpenPath({ title: 'Open', filters: [] });
        expect(fake.dialog.showOpenDialog).toHaveBeenCalledTimes(1);
      },
      'ipc.ts': async () => {
        const { registerApiHandlers } = await import('../../../main/electron/ipc');
        registerApiHandlers({ channels: CHANNELS, dispatch: async () => ({ ok: true, value: null }) }, () => null);
        expect(fake.ipcMain.handlers.size).toBe(CHANNELS.length);
      },
      'lifecycle.ts': async () => {
        const { runApp } = await import('../../../main/electron/lifecycle');
        fake.app.gotLock = false;
        expect(runApp({ rendererDir: '/nowhere', preloadPath: '/nowhere/preload.js', env: {} })).toBeNull();
        expect(fake.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
        expect(fake.app.quit).toHaveBeenCalledTimes(1);
      },
      'libraryProcess.ts': async () => {
        const { startLibraryProcess } = await import('../../../main/electron/libraryProcess');
        // A stand-in library entry that answers init as the real one does.
        const entry = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-fork-')), 'library.js');
        fs.writeFileSync(
          entry,
          `process.parentPort.on('message', ({ data }) => {
            if (data.type === 'init') process.parentPort.postMessage({ type: 'ready', ready: { path: 'x', openError: null } });
            if (data.type === 'close') { process.parentPort.postMessage({ type: 'closed' }); process.exit(0); }
          });`,
        );
        const host = startLibraryProcess({
          modulePath: entry,
          init: { dataDir: '/nowhere', appVersion: 'test' },
          services: { dialogs: { chooseSavePath: async () => null, chooseOpenPath: async () => null }, printer: { print: async () => Buffer.from('') } },
          log: () => undefined,
        });
        expect(await host.ready).toEqual({ path: 'x', openError: null });
        await host.close();
        expect(fake.utilityProcess.fork).toHaveBeenCalledTimes(1);
        fs.rmSync(path.dirname(entry), { recursive: true, force: true });
      },
      'fileShell.ts': async () => {
        const { createElectronFileShell } = await import('../../../main/electron/fileShell');
        const shell = createElectronFileShell();
        await shell.showInFolder('report.pdf');
        expect(fake.shell.showItemInFolder).toHaveBeenCalledWith(path.resolve('report.pdf'));
        await shell.openPath('report.pdf');
        expect(fake.shell.openPath).toHaveBeenCalledWith(path.resolve('report.pdf'));
        // A program is never handed to the system, whoever asks.
        await expect(shell.openPath('setup.exe')).rejects.toThrow(/possible program/);
        expect(fake.shell.openPath).toHaveBeenCalledTimes(1);
      },
      'menu.ts': async () => {
        const { installMenu } = await import('../../../main/electron/menu');
        installMenu({ platform: 'linux', isDev: false, appName: 'Factcheck Workbench', send: () => undefined });
        expect(fake.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
      },
      'pageCapture.ts': async () => {
        const { captureWebPreferences } = await import('../../../main/electron/pageCapture');
        const captureSession = fake.session.fromPartition('capture-probe');
        expect(captureWebPreferences(captureSession as never).session).toBe(captureSession);
      },
      'pdfPrinter.ts': async () => {
        const { createElectronPdfPrinter } = await import('../../../main/electron/pdfPrinter');
        const pdf = await createElectronPdfPrinter().print('<p>x</p>', { pageSize: 'A4', footerTitle: 'x' });
        expect(pdf.toString()).toBe('%PDF-1.7 fake');
      },
      'protocol.ts': async () => {
        const { registerAppScheme } = await import('../../../main/electron/protocol');
        registerAppScheme();
        expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
      },
      'security.ts': async () => {
        const { confirmWithDialog } = await import('../../../main/electron/security');
        fake.dialog.nextMessageBoxResponse = 0;
        expect(await confirmWithDialog('https://example.org/', null)).toBe(true);
        expect(fake.dialog.showMessageBox).toHaveBeenCalledTimes(1);
      },
      'window.ts': async () => {
        const { createMainWindow } = await import('../../../main/electron/window');
        const { hardenSession } = await import('../../../main/electron/security');
        hardenSession(fake.session.defaultSession as never, { allowDevTools: false });
        const window = createMainWindow({ preloadPath: '/p.js', statePath: path.join(os.tmpdir(), 'factcheck-no-state.json'), title: 'x' });
        expect(FakeBrowserWindow.getAllWindows()).toEqual([window]);
      },
    };
    // Every module of main/electron that imports electron (main.ts only starts the app) is exercised.
    const importing = fs
      .readdirSync(shellDir)
      .filter((file) => file.endsWith('.ts') && file !== 'main.ts')
      .filter((file) => /from 'electron'/.test(fs.readFileSync(path.join(shellDir, file), 'utf8')));
    expect(Object.keys(exercises).sort()).toEqual(importing.sort());
    for (const [file, exercise] of Object.entries(exercises)) {
      await exercise().catch((error: unknown) => {
        throw new Error(`${file} did not reach the fake electron: ${String(error)}`);
      });
    }
    resetFakeElectron();
  });

  it('makes the real package throw if anything loads it through Node', async () => {
    expect(realElectronIsPoisoned()).toBe(true);
    const nodeRequire = createRequire(import.meta.url);
    expect(() => nodeRequire('electron')).toThrow(REAL_ELECTRON_ERROR);
    expect(() => nodeRequire(realElectronPath)).toThrow(REAL_ELECTRON_ERROR);
  });

  it('loads every module of main/electron without touching the real package', async () => {
    const modules = fs.readdirSync(shellDir).filter((file) => file.endsWith('.ts') && file !== 'main.ts');
    expect(modules).toEqual(
      expect.arrayContaining([
        'ipc.ts',
        'lifecycle.ts',
        'menu.ts',
        'protocol.ts',
        'security.ts',
        'window.ts',
      ]),
    );
    for (const file of modules) await import(path.join(shellDir, file));
    // Still the poison: nothing replaced or bypassed the cache entry of the real package.
    expect(realElectronIsPoisoned()).toBe(true);
    const loaded = Object.keys(createRequire(import.meta.url).cache).filter((file) =>
      file.includes(`${path.sep}node_modules${path.sep}electron${path.sep}`),
    );
    expect(loaded).toEqual([realElectronPath]);
  });
});
