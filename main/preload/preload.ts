/**
 * The preload: contextBridge only. It forwards the contract's channel names and nothing else; the
 * page never sees ipcRenderer or an IpcRendererEvent.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, EVENT_CHANNELS } from '../../shared/api/channels';
import type { FactcheckBridge } from '../../shared/api/bridge';

const channels = new Set<string>(CHANNELS);
const events = new Set<string>(EVENT_CHANNELS);

const bridge: FactcheckBridge = {
  invoke(channel, request) {
    if (typeof channel !== 'string' || !channels.has(channel)) {
      return Promise.resolve({
        ok: false,
        error: {
          code: 'unknown_channel',
          message: `The app has no action called “${String(channel).slice(0, 100)}”.`,
        },
      });
    }
    return ipcRenderer.invoke(`api:${channel}`, request);
  },
  on(eventName, listener) {
    if (typeof eventName !== 'string' || !events.has(eventName))
      throw new TypeError(`Unknown event “${String(eventName).slice(0, 100)}”.`);
    if (typeof listener !== 'function') throw new TypeError('The event listener must be a function.');
    const wire = `event:${eventName}`;
    const forward = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(wire, forward);
    return () => {
      ipcRenderer.removeListener(wire, forward);
    };
  },
};

contextBridge.exposeInMainWorld('factcheck', bridge);
