import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, type Channel, type EventChannel } from '../../shared/api/channels';
import type { ApiResult } from '../../shared/api/result';
import type { ApiRegistry } from '../api/registry';
import type { EventSink } from '../services/events';
import { isAppUrl } from './appUrl';

/** Channel names on the wire: the preload uses the same prefixes. */
export const apiChannel = (channel: Channel): string => `api:${channel}`;
export const eventChannel = (channel: EventChannel): string => `event:${channel}`;

export const FORBIDDEN: ApiResult<never> = {
  ok: false,
  error: {
    code: 'forbidden',
    message: 'This request did not come from the Factcheck Workbench window, so it was refused.',
  },
};

/** The parts of an invoke event the sender check reads (structural, so tests pass plain objects). */
export interface SenderInfo {
  sender: unknown;
  senderFrame: { url: string; parent: unknown; processId: number; routingId: number } | null;
}

export interface TrustedWindow {
  webContents: { mainFrame: { processId: number; routingId: number } };
  isDestroyed(): boolean;
}

/**
 * A request is ours when it comes from our window's webContents, from its main frame (never an
 * iframe), and that frame shows a page of app://factcheck.
 */
export function isTrustedSender(event: SenderInfo, window: TrustedWindow | null): boolean {
  if (!window || window.isDestroyed()) return false;
  if (event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  const main = window.webContents.mainFrame;
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  return isAppUrl(frame.url);
}

/**
 * The ipcMain handler of one channel: the sender check, then the registry (which validates the request
 * and never throws). Only the first argument is the request; extra arguments are ignored.
 */
export function createApiHandler(
  channel: Channel,
  registry: ApiRegistry,
  getWindow: () => TrustedWindow | null,
) {
  return async (event: SenderInfo, request?: unknown): Promise<ApiResult<unknown>> => {
    if (!isTrustedSender(event, getWindow())) return FORBIDDEN;
    try {
      return await registry.dispatch(channel, request);
    } catch {
      return {
        ok: false,
        error: { code: 'internal', message: 'Something went wrong and the change was not saved. Try again.' },
      };
    }
  };
}

/** One ipcMain.handle per channel of the contract; nothing else is listened to. */
export function registerApiHandlers(
  registry: ApiRegistry,
  getWindow: () => TrustedWindow | null,
): () => void {
  for (const channel of CHANNELS) {
    const handler = createApiHandler(channel, registry, getWindow);
    ipcMain.handle(apiChannel(channel), (event: IpcMainInvokeEvent, request?: unknown) =>
      handler(event, request),
    );
  }
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(apiChannel(channel));
  };
}

/** The part of a window events are sent to. */
export interface EventWindow {
  isDestroyed(): boolean;
  webContents: { isDestroyed(): boolean; getURL(): string; send(channel: string, payload: unknown): void };
}

/**
 * Events reach every window that shows our app (never the hidden PDF printer or a window that has
 * navigated away).
 */
export function createWindowEventSink(
  getWindows: () => readonly EventWindow[] = () => BrowserWindow.getAllWindows(),
): EventSink {
  return {
    emit(channel, payload) {
      for (const window of getWindows()) {
        if (window.isDestroyed() || window.webContents.isDestroyed()) continue;
        if (!isAppUrl(window.webContents.getURL())) continue;
        window.webContents.send(eventChannel(channel), payload);
      }
    },
  };
}
