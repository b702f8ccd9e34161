import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hardenSession } from '../../../main/electron/security';
import { createMainWindow, focusWindow, secureWebPreferences } from '../../../main/electron/window';
import { FakeBrowserWindow, electron, resetFakeElectron } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

let dir: string;
beforeEach(() => {
  resetFakeElectron();
  // As at start-up: the default session filters requests before the window loads (the fake
  // session throws on a request made without a filter).
  hardenSession(electron.session.defaultSession as never, { allowDevTools: false });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-window-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const open = (statePath = path.join(dir, 'window-state.json')) =>
  createMainWindow({
    preloadPath: '/app/dist/main/preload/preload.js',
    statePath,
    title: 'Factcheck Workbench',
  }) as unknown as FakeBrowserWindow;

/** The Electron security checklist's webPreferences, written out: every one, nothing else. */
const SECURE_PREFERENCES = {
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

describe('the main window', () => {
  it('has the secure webPreferences', () => {
    const preferences = secureWebPreferences('/app/preload.js');
    // toEqual: a changed value, a dropped key or an added one (enableBlinkFeatures,
    // experimentalFeatures, …) all fail.
    expect(preferences).toEqual({ preload: '/app/preload.js', ...SECURE_PREFERENCES });
    expect(preferences.navigateOnDragDrop).toBe(false);
  });

  it('creates a hidden BrowserWindow with them, loads app://factcheck/index.html and shows on ready-to-show', async () => {
    const window = open();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences).toEqual({
      preload: '/app/dist/main/preload/preload.js',
      ...SECURE_PREFERENCES,
    });
    expect(window.webContents.getURL()).toBe('app://factcheck/index.html');
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('opens at the remembered bounds and maximized when it was', () => {
    const statePath = path.join(dir, 'window-state.json');
    fs.writeFileSync(statePath, JSON.stringify({ x: 50, y: 60, width: 1100, height: 720, maximized: true }));
    const window = open(statePath);
    expect(window.options).toMatchObject({ x: 50, y: 60, width: 1100, height: 720 });
    window.emit('ready-to-show');
    expect(window.maximized).toBe(true);
  });

  it('centres a window remembered on a display that is gone', () => {
    const statePath = path.join(dir, 'window-state.json');
    fs.writeFileSync(
      statePath,
      JSON.stringify({ x: 3000, y: 60, width: 1100, height: 720, maximized: false }),
    );
    const window = open(statePath);
    expect(window.options).not.toHaveProperty('x');
    expect(window.options).not.toHaveProperty('y');
    expect(window.options).toMatchObject({ width: 1100, height: 720 });
  });

  it('remembers its bounds when closed', () => {
    const statePath = path.join(dir, 'window-state.json');
    const window = open(statePath);
    window.bounds = { x: 20, y: 30, width: 900, height: 650 };
    window.close();
    expect(JSON.parse(fs.readFileSync(statePath, 'utf8'))).toEqual({
      x: 20,
      y: 30,
      width: 900,
      height: 650,
      maximized: false,
    });
  });

  it('comes to the front: restored, shown and focused', () => {
    const window = open();
    window.minimize();
    focusWindow(window as never);
    expect(window).toMatchObject({ minimized: false, visible: true, focused: true });
  });

  it('leaves a destroyed window alone, and does nothing without a window', () => {
    const window = open();
    window.destroy();
    focusWindow(window as never);
    expect(window).toMatchObject({ visible: false, focused: false });
    expect(() => focusWindow(null)).not.toThrow();
  });

  it('uses the display list from screen', () => {
    electron.screen.displays = [
      {
        id: 1,
        workArea: { x: 0, y: 0, width: 800, height: 500 },
        bounds: { x: 0, y: 0, width: 800, height: 500 },
      },
    ];
    const window = open();
    expect(window.options).toMatchObject({ width: 800, height: 500 });
  });
});
