import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { FactcheckBridge } from '../../../shared/api/bridge';
import { CHANNELS, EVENT_CHANNELS } from '../../../shared/api/channels';
import { electron } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

let bridge: FactcheckBridge;
beforeAll(async () => {
  await import('../../../main/preload/preload');
  bridge = electron.contextBridge.exposed.get('factcheck') as FactcheckBridge;
});

describe('the preload bridge', () => {
  it('exposes window.factcheck with invoke and on only', () => {
    expect([...electron.contextBridge.exposed.keys()]).toEqual(['factcheck']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it.each(CHANNELS.map((channel) => [channel]))(
    'forwards %s to api:<channel> with the request',
    async (channel) => {
      electron.ipcRenderer.invoke.mockClear();
      const request = { id: 'abc' };
      await expect(bridge.invoke(channel, request)).resolves.toEqual({ ok: true, value: 'from main' });
      expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(`api:${channel}`, request);
    },
  );

  it.each([
    'evil',
    'api:projects.list',
    'projects.list ',
    '__proto__',
    'constructor',
    'toString',
    '',
    'menu.command',
  ])('answers a rejected result for the unknown channel %j without sending anything', async (channel) => {
    electron.ipcRenderer.invoke.mockClear();
    const result = await bridge.invoke(channel as never, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('rejects non-string channels the same way', async () => {
    for (const channel of [42, null, undefined, { toString: () => 'projects.list' }]) {
      expect(await bridge.invoke(channel as never, {})).toMatchObject({
        ok: false,
        error: { code: 'unknown_channel' },
      });
    }
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalledWith(
      expect.stringMatching(/^api:/),
      expect.anything(),
    );
  });

  it.each(EVENT_CHANNELS.map((name) => [name]))(
    'on(%s) passes the payload only, never the IpcRendererEvent, until unsubscribed',
    (name) => {
      const listener = vi.fn();
      const unsubscribe = bridge.on(name, listener);
      const ipcEvent = { sender: electron.ipcRenderer, senderId: 0, ports: [] };
      electron.ipcRenderer.emit(`event:${name}`, ipcEvent, { command: 'about' });
      expect(listener).toHaveBeenCalledTimes(1);
      expect(listener.mock.calls[0]).toEqual([{ command: 'about' }]);
      unsubscribe();
      electron.ipcRenderer.emit(`event:${name}`, ipcEvent, { command: 'about' });
      expect(listener).toHaveBeenCalledTimes(1);
      expect(electron.ipcRenderer.listenerCount(`event:${name}`)).toBe(0);
    },
  );

  it('refuses to subscribe to anything but the event channels', () => {
    for (const name of [
      'api:projects.list',
      'projects.list',
      'event:menu.command',
      'ELECTRON_BROWSER_WINDOW_ALERT',
      '__proto__',
    ]) {
      expect(() => bridge.on(name as never, () => undefined)).toThrow(TypeError);
    }
    expect(() => bridge.on('menu.command', 'not a function' as never)).toThrow(TypeError);
    expect(electron.ipcRenderer.eventNames()).toEqual([]);
  });

  it('imports nothing at runtime but electron and the channel list', () => {
    const source = fs.readFileSync(path.resolve(__dirname, '../../../main/preload/preload.ts'), 'utf8');
    const runtimeImports = [...source.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)'/gm)].map(
      (match) => match[1],
    );
    expect(runtimeImports).toEqual(['electron', '../../shared/api/channels']);
  });
});
