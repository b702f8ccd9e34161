import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  MIN_WINDOW_SIZE,
  captureWindowState,
  clampToDisplays,
  loadWindowState,
  parseWindowState,
  saveWindowState,
  type Rect,
} from '../../../main/electron/windowState';

// Pure logic: this file does not mock electron because nothing here imports it.

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-window-state-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 870 };
const monitorRight: Rect = { x: 1440, y: 0, width: 2560, height: 1410 };

describe('load and save', () => {
  it('gives the defaults when there is no file, a damaged file or a foreign one', () => {
    expect(loadWindowState(path.join(dir, 'missing.json'))).toEqual(DEFAULT_WINDOW_STATE);
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"width": 12');
    expect(loadWindowState(path.join(dir, 'broken.json'))).toEqual(DEFAULT_WINDOW_STATE);
    fs.writeFileSync(path.join(dir, 'foreign.json'), '["width", 800]');
    expect(loadWindowState(path.join(dir, 'foreign.json'))).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('round-trips what it saved, atomically (no temp file left)', () => {
    const file = path.join(dir, 'nested', 'window-state.json');
    const state = { x: 40, y: 60, width: 1000, height: 700, maximized: true };
    expect(saveWindowState(file, state)).toBe(true);
    expect(loadWindowState(file)).toEqual(state);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-state.json']);
  });

  it('never throws when it cannot write', () => {
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, 'x');
    expect(saveWindowState(path.join(blocker, 'window-state.json'), DEFAULT_WINDOW_STATE)).toBe(false);
  });

  it('parses only sane numbers', () => {
    expect(parseWindowState({ width: 900, height: 600, x: 10, y: 20, maximized: true })).toEqual({
      width: 900,
      height: 600,
      x: 10,
      y: 20,
      maximized: true,
    });
    expect(parseWindowState({ width: 900, height: 600, x: 10 })).toEqual({
      width: 900,
      height: 600,
      maximized: false,
    });
    expect(parseWindowState({ width: 900, height: 600, x: 'left', y: 0 })).toEqual({
      width: 900,
      height: 600,
      maximized: false,
    });
    expect(parseWindowState({ width: -5, height: 600 })).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState({ width: 1.5, height: 600 })).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState({ width: 1e9, height: 600 })).toEqual(DEFAULT_WINDOW_STATE);
    expect(parseWindowState({ width: 900, height: 600, maximized: 'yes' })).toMatchObject({
      maximized: false,
    });
    expect(parseWindowState(null)).toEqual(DEFAULT_WINDOW_STATE);
  });
});

describe('clamp to the visible displays', () => {
  it('keeps a window that is on a display', () => {
    const state = { x: 100, y: 80, width: 1000, height: 700, maximized: false };
    expect(clampToDisplays(state, [laptop])).toEqual(state);
  });

  it('keeps a window on a second display while it is plugged in', () => {
    const state = { x: 2000, y: 100, width: 1600, height: 1000, maximized: false };
    expect(clampToDisplays(state, [laptop, monitorRight])).toEqual(state);
  });

  it('centres on the primary display a window whose display is gone, and shrinks it to fit', () => {
    const state = { x: 2000, y: 100, width: 1600, height: 1000, maximized: true };
    expect(clampToDisplays(state, [laptop])).toEqual({ width: 1440, height: 870, maximized: true });
  });

  it('centres a window whose title bar is above the screen', () => {
    expect(clampToDisplays({ x: 100, y: -500, width: 800, height: 600, maximized: false }, [laptop])).toEqual(
      { width: 800, height: 600, maximized: false },
    );
  });

  it('moves a window that hangs over the edge back inside, keeping its size', () => {
    expect(clampToDisplays({ x: 1200, y: 600, width: 800, height: 600, maximized: false }, [laptop])).toEqual(
      { x: 640, y: 270, width: 800, height: 600, maximized: false },
    );
  });

  it('never makes a window smaller than the minimum, nor larger than the display', () => {
    expect(clampToDisplays({ x: 0, y: 0, width: 100, height: 50, maximized: false }, [laptop])).toMatchObject(
      MIN_WINDOW_SIZE,
    );
    const tiny: Rect = { x: 0, y: 0, width: 640, height: 400 };
    expect(clampToDisplays({ width: 1280, height: 800, maximized: false }, [tiny])).toEqual({
      width: 640,
      height: 400,
      maximized: false,
    });
  });

  it('leaves the state alone without display information', () => {
    expect(clampToDisplays({ x: 5, y: 5, width: 800, height: 600, maximized: false }, [])).toEqual({
      x: 5,
      y: 5,
      width: 800,
      height: 600,
      maximized: false,
    });
  });
});

describe('capture', () => {
  it('reads the normal (unmaximized) bounds and whether the window was maximized or full screen', () => {
    const window = {
      getNormalBounds: () => ({ x: 10.4, y: 20.6, width: 1000, height: 700 }),
      isMaximized: () => false,
      isFullScreen: () => true,
    };
    expect(captureWindowState(window)).toEqual({ x: 10, y: 21, width: 1000, height: 700, maximized: true });
  });
});
