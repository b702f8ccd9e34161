import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../files/atomicWrite';

/**
 * The main window's bounds, remembered between runs in a small JSON file in userData. Pure logic with
 * no electron import, so it is tested in plain Node.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  /** Absent: let the system centre the window. */
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 840, maximized: false };
export const MIN_WINDOW_SIZE = { width: 720, height: 480 } as const;
/** How much of the window (its top strip, where the title bar is) must be on a display to keep its position. */
export const MIN_VISIBLE = { width: 120, height: 40 } as const;

const isInt = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && Number.isInteger(value);
const MAX_COORDINATE = 100_000;

/** Anything read from disk is checked; a damaged or foreign file gives the defaults. */
export function parseWindowState(value: unknown): WindowState {
  if (typeof value !== 'object' || value === null) return { ...DEFAULT_WINDOW_STATE };
  const record = value as Record<string, unknown>;
  const { width, height, x, y, maximized } = record;
  if (
    !isInt(width) ||
    !isInt(height) ||
    width <= 0 ||
    height <= 0 ||
    width > MAX_COORDINATE ||
    height > MAX_COORDINATE
  ) {
    return { ...DEFAULT_WINDOW_STATE };
  }
  const state: WindowState = { width, height, maximized: maximized === true };
  if (isInt(x) && isInt(y) && Math.abs(x) <= MAX_COORDINATE && Math.abs(y) <= MAX_COORDINATE) {
    state.x = x;
    state.y = y;
  }
  return state;
}

export function loadWindowState(file: string): WindowState {
  try {
    return parseWindowState(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
}

/** Written atomically (main/files/atomicWrite.ts), so a crash never leaves half a file. Never throws. */
export function saveWindowState(file: string, state: WindowState): boolean {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, `${JSON.stringify(parseWindowState(state), null, 2)}\n`, { what: 'window position' });
    return true;
  } catch {
    // Nothing more to do: the bounds are a convenience.
    return false;
  }
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/**
 * Fits a remembered state to the displays there are now (work areas, primary first): a window whose
 * title bar is on no display any more (a monitor was unplugged) is centred on the primary display,
 * and no window is larger than the display it is on. The size never goes below the minimum unless
 * the display itself is smaller.
 */
export function clampToDisplays(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return { ...state };

  let target: Rect | null = null;
  if (state.x !== undefined && state.y !== undefined) {
    // The title bar strip: if you cannot grab it, you cannot move the window back.
    const titleBar: Rect = {
      x: state.x,
      y: state.y,
      width: state.width,
      height: Math.min(state.height, MIN_VISIBLE.height),
    };
    let best = 0;
    for (const area of workAreas) {
      const { width, height } = overlap(titleBar, area);
      if (
        width >= Math.min(MIN_VISIBLE.width, state.width) &&
        height >= Math.min(MIN_VISIBLE.height, state.height) &&
        width * height > best
      ) {
        best = width * height;
        target = area;
      }
    }
  }

  const area = target ?? primary;
  const width = Math.min(Math.max(state.width, MIN_WINDOW_SIZE.width), area.width);
  const height = Math.min(Math.max(state.height, MIN_WINDOW_SIZE.height), area.height);
  const result: WindowState = { width, height, maximized: state.maximized };
  if (target && state.x !== undefined && state.y !== undefined) {
    result.x = Math.min(Math.max(state.x, area.x), area.x + area.width - width);
    result.y = Math.min(Math.max(state.y, area.y), area.y + area.height - height);
  }
  return result;
}

/** The part of a BrowserWindow the state is read from (structural, so tests need no electron). */
export interface WindowLike {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isFullScreen(): boolean;
}

export function captureWindowState(window: WindowLike): WindowState {
  const bounds = window.getNormalBounds();
  return {
    x: Math.round(bounds.x),
    y: Math.round(bounds.y),
    width: Math.round(bounds.width),
    height: Math.round(bounds.height),
    maximized: window.isMaximized() || window.isFullScreen(),
  };
}
