import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Configuration } from 'app-builder-lib';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { describe, expect, it } from 'vitest';
import { ELECTRON_NATIVE_BINDING, PACKAGED_NATIVE_BINDING } from '../../../main/electron/nativeBinding';

// electron-builder.yml, validated offline with electron-builder's own validator (app-builder-lib's
// scheme.json through ajv), the same check `electron-builder` runs before packaging.

const root = path.resolve(__dirname, '../../..');
const nodeRequire = createRequire(import.meta.url);
const yaml = nodeRequire('js-yaml') as { load(text: string): unknown };
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Configuration;
const debugLogger = { isEnabled: false, add: () => undefined } as unknown as Parameters<
  typeof validateConfiguration
>[1];
const validate = (value: unknown) => validateConfiguration(value as Configuration, debugLogger);

const asList = <T>(value: T | T[] | null | undefined): T[] =>
  value == null ? [] : Array.isArray(value) ? value : [value];
const targetNames = (target: unknown) =>
  asList(target as unknown).map((entry) =>
    typeof entry === 'string' ? entry : (entry as { target: string }).target,
  );

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema validation', async () => {
    await expect(validate(config)).resolves.toBeUndefined();
  });

  it('the validator really validates: an unknown top-level key fails', async () => {
    await expect(validate({ ...config, bogusTopLevelKey: true })).rejects.toThrow(
      /unknown property 'bogusTopLevelKey'/,
    );
    await expect(validate({ ...config, linux: { ...config.linux, category: 42, nope: 1 } })).rejects.toThrow(
      /Invalid configuration object/,
    );
  });

  it('names the app and writes to release/', () => {
    expect(config.appId).toBe('org.factcheck.workbench');
    expect(config.productName).toBe('Factcheck Workbench');
    expect(config.directories?.output).toBe('release');
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
  });

  it('does not rebuild native modules itself, and ships the Electron build of better-sqlite3 beside the app', () => {
    expect(config.npmRebuild).toBe(false);
    expect(asList(config.asarUnpack as string | string[])).toContain('node_modules/better-sqlite3/**/*.node');
    expect(config.extraResources).toEqual([
      {
        from: 'node_modules/.cache/electron-native/better-sqlite3/build/Release/better_sqlite3.node',
        to: 'native/better_sqlite3.node',
      },
    ]);
    // …and the shell looks for it where the YAML puts it.
    expect(config.extraResources).toContainEqual({
      from: ELECTRON_NATIVE_BINDING,
      to: PACKAGED_NATIVE_BINDING,
    });
  });

  it('associates .factcheck files', () => {
    expect(asList(config.fileAssociations)).toContainEqual(
      expect.objectContaining({
        ext: 'factcheck',
        name: 'Factcheck project',
        role: 'Editor',
        mimeType: 'application/x-factcheck+zip',
      }),
    );
  });

  it('builds AppImage and deb on Linux, dmg on macOS, nsis on Windows, with the categories', () => {
    expect(targetNames(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(config.linux?.category).toBe('Office');
    expect(targetNames(config.mac?.target)).toEqual(['dmg']);
    expect(config.mac?.category).toBe('public.app-category.productivity');
    expect(targetNames(config.win?.target)).toEqual(['nsis']);
  });

  it('sets all seven Electron fuses: no running as Node, no NODE_OPTIONS, no --inspect, only the integrity-checked asar', () => {
    // Read straight from the YAML (js-yaml), each fuse on its own so the one that changed is named.
    const fuses = (yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as {
      electronFuses?: Record<string, unknown>;
    }).electronFuses;
    expect(fuses, 'electronFuses').toBeTypeOf('object');
    expect(fuses!.runAsNode).toBe(false);
    expect(fuses!.enableCookieEncryption).toBe(true);
    expect(fuses!.enableNodeOptionsEnvironmentVariable).toBe(false);
    expect(fuses!.enableNodeCliInspectArguments).toBe(false);
    expect(fuses!.enableEmbeddedAsarIntegrityValidation).toBe(true);
    expect(fuses!.onlyLoadAppFromAsar).toBe(true);
    expect(fuses!.grantFileProtocolExtraPrivileges).toBe(false);
    expect(Object.keys(fuses!).sort()).toEqual([
      'enableCookieEncryption',
      'enableEmbeddedAsarIntegrityValidation',
      'enableNodeCliInspectArguments',
      'enableNodeOptionsEnvironmentVariable',
      'grantFileProtocolExtraPrivileges',
      'onlyLoadAppFromAsar',
      'runAsNode',
    ]);
  });

  it('agrees with scripts/electron-rebuild.mjs on where the Electron build lives', async () => {
    const script = (await import(pathToFileURL(path.join(root, 'scripts', 'electron-rebuild.mjs')).href)) as {
      ELECTRON_NATIVE_BINDING: string;
    };
    expect(script.ELECTRON_NATIVE_BINDING).toBe(ELECTRON_NATIVE_BINDING);
  });

  it('leaves the benchmarks (dist/bench) out of the packaged app', async () => {
    const files = asList(config.files as string | string[]);
    expect(files).toContain('!dist/bench/**');
    // Matched the way electron-builder matches `files` (its FileMatcher and minimatch, in order).
    const { FileMatcher } = await import('app-builder-lib/out/fileMatcher');
    const shipped = new FileMatcher(root, root, (pattern) => pattern, files).createFilter();
    const aFile = { isDirectory: () => false } as unknown as Parameters<typeof shipped>[1];
    const ships = (relative: string) => shipped(path.join(root, relative), aFile);
    expect(ships('dist/bench/run.js')).toBe(false);
    expect(ships('dist/bench/run.js.map')).toBe(false);
    expect(ships('dist/main/electron/main.js')).toBe(true);
    expect(ships('dist/renderer/index.html')).toBe(true);
    expect(ships('package.json')).toBe(true);
  });
});
