import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  REAL_ELECTRON_ERROR,
  electron as fake,
  realElectronIsPoisoned,
  realElectronPath,
} from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

const shellDir = path.resolve(__dirname, '../../../main/electron');

describe('the shell runs against the fake electron only', () => {
  it('resolves "electron" to the fake in every shell module', async () => {
    const electron = await import('electron');
    expect((electron as unknown as { __fake?: boolean }).__fake).toBe(true);
    expect(electron.app).toBe(fake.app);
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
