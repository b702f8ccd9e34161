import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../shared/api/channels';
import type { ApiRegistry } from '../../../main/api/registry';
import { openLibraryApi } from '../../../main/library';
import {
  FORBIDDEN,
  createWindowEventSink,
  isTrustedSender,
  registerApiHandlers,
} from '../../../main/electron/ipc';
import { FakeBrowserWindow, FakeWebFrame, electron, resetFakeElectron } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

const APP_PAGE = 'app://factcheck/index.html';

function fakeRegistry() {
  const dispatch = vi.fn(async (_channel: unknown, _request: unknown) => ({
    ok: true as const,
    value: 'dispatched',
  }));
  const registry: ApiRegistry = { channels: CHANNELS, dispatch };
  return { registry, dispatch };
}

function appWindow(url = APP_PAGE) {
  const window = new FakeBrowserWindow();
  window.webContents.mainFrame.url = url;
  return window;
}

const eventFrom = (window: FakeBrowserWindow, frame: FakeWebFrame | null = window.webContents.mainFrame) => ({
  sender: window.webContents,
  senderFrame: frame,
});

beforeEach(() => resetFakeElectron());

describe('IPC registration', () => {
  it('registers one ipcMain.handle per channel of the contract, and nothing else', () => {
    const { registry } = fakeRegistry();
    registerApiHandlers(registry, () => null);
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(
      CHANNELS.map((channel) => `api:${channel}`).sort(),
    );
    expect(electron.ipcMain.handlers.size).toBe(CHANNELS.length);
  });

  it('can be unregistered', () => {
    const unregister = registerApiHandlers(fakeRegistry().registry, () => null);
    unregister();
    expect(electron.ipcMain.handlers.size).toBe(0);
  });
});

describe('the sender check', () => {
  let window: FakeBrowserWindow;
  let dispatch: ReturnType<typeof fakeRegistry>['dispatch'];
  beforeEach(() => {
    const fake = fakeRegistry();
    dispatch = fake.dispatch;
    window = appWindow();
    registerApiHandlers(fake.registry, () => window as never);
  });

  it('passes a request from our window main frame to registry.dispatch with the same arguments', async () => {
    const request = { title: 'Budget claims', scalePreset: 'generic' };
    const result = await electron.ipcMain.invoke('api:projects.create', eventFrom(window), request);
    expect(result).toEqual({ ok: true, value: 'dispatched' });
    expect(dispatch).toHaveBeenCalledTimes(1);
    expect(dispatch).toHaveBeenCalledWith('projects.create', request);
  });

  it('uses only the first argument as the request', async () => {
    await electron.ipcMain.invoke('api:projects.list', eventFrom(window), {}, 'extra', { more: true });
    expect(dispatch).toHaveBeenCalledWith('projects.list', {});
  });

  it.each([
    ['another origin', 'https://evil.example/index.html'],
    ['a file:// page', 'file:///opt/factcheck/dist/renderer/index.html'],
    ['another app:// host', 'app://other/index.html'],
    ['our host on a port', 'app://factcheck:8080/index.html'],
    ['about:blank', 'about:blank'],
    ['a data: URL', 'data:text/html,<p>hi</p>'],
  ])('refuses a frame showing %s, without reaching the registry', async (_name, url) => {
    window.webContents.mainFrame.url = url;
    const result = await electron.ipcMain.invoke('api:projects.delete', eventFrom(window), { id: 'x' });
    expect(result).toEqual(FORBIDDEN);
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a subframe of our own window, even on our origin', async () => {
    const iframe = new FakeWebFrame(window.webContents.mainFrame);
    iframe.url = 'app://factcheck/preview.html';
    const result = await electron.ipcMain.invoke('api:projects.list', eventFrom(window, iframe), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses another webContents (a second window, the PDF printer), a missing frame, and a destroyed window', async () => {
    const other = appWindow();
    expect(await electron.ipcMain.invoke('api:projects.list', eventFrom(other), {})).toEqual(FORBIDDEN);
    expect(await electron.ipcMain.invoke('api:projects.list', eventFrom(window, null), {})).toEqual(
      FORBIDDEN,
    );
    // A frame object that claims to be top-level but is not the window's main frame.
    const impostor = new FakeWebFrame();
    impostor.url = APP_PAGE;
    expect(await electron.ipcMain.invoke('api:projects.list', eventFrom(window, impostor), {})).toEqual(
      FORBIDDEN,
    );
    window.destroy();
    expect(await electron.ipcMain.invoke('api:projects.list', eventFrom(window), {})).toEqual(FORBIDDEN);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses everything while there is no window', () => {
    expect(isTrustedSender(eventFrom(window), null)).toBe(false);
  });
});

describe('IPC over a real library', () => {
  let dataDir: string;
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('creates and lists a project through the handlers, and validates the request', async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-ipc-'));
    const library = openLibraryApi({
      dataDir,
      appVersion: 'test',
      dialogs: { chooseOpenPath: async () => null, chooseSavePath: async () => null },
      printer: { print: async () => Buffer.alloc(0) },
      validateResponses: true,
    });
    try {
      const window = appWindow();
      registerApiHandlers(library.registry, () => window as never);
      const created = await electron.ipcMain.invoke('api:projects.create', eventFrom(window), {
        title: 'Electron smoke',
      });
      expect(created).toMatchObject({ ok: true, value: { title: 'Electron smoke' } });
      const listed = await electron.ipcMain.invoke('api:projects.list', eventFrom(window), {});
      expect(listed).toMatchObject({ ok: true, value: [{ title: 'Electron smoke' }] });
      const invalid = await electron.ipcMain.invoke('api:projects.create', eventFrom(window), { title: 42 });
      expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    } finally {
      library.close();
    }
  });
});

describe('events to the renderer', () => {
  it('sends event:<name> to windows showing the app, never to others', () => {
    const ours = appWindow();
    const foreign = appWindow('file:///tmp/report.html');
    const closed = appWindow();
    closed.destroy();
    const sink = createWindowEventSink(() => [ours, foreign, closed] as never);
    sink.emit('menu.command', { command: 'new-project' });
    expect(ours.webContents.sent).toEqual([
      { channel: 'event:menu.command', payload: { command: 'new-project' } },
    ]);
    expect(foreign.webContents.sent).toEqual([]);
    expect(closed.webContents.sent).toEqual([]);
  });

  it('defaults to every BrowserWindow', () => {
    const ours = appWindow();
    createWindowEventSink().emit('library.changed', { projectId: null });
    expect(ours.webContents.sent).toEqual([
      { channel: 'event:library.changed', payload: { projectId: null } },
    ]);
  });
});
