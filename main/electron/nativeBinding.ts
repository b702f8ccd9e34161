import path from 'node:path';

/**
 * better-sqlite3 is built twice: node_modules keeps the Node build (tests, the harness, CLIs), and
 * scripts/electron-rebuild.mjs builds the Electron one into a cache folder. The shell hands its path
 * to better-sqlite3's `nativeBinding` option. No electron import: tests and the build config share it.
 */
/** Relative to the app folder in development (kept in sync with scripts/electron-rebuild.mjs). */
export const ELECTRON_NATIVE_BINDING =
  'node_modules/.cache/electron-native/better-sqlite3/build/Release/better_sqlite3.node';
/** Relative to process.resourcesPath in a packaged app (electron-builder.yml extraResources). */
export const PACKAGED_NATIVE_BINDING = 'native/better_sqlite3.node';

/** The Electron build when it is there; undefined leaves better-sqlite3 to find its default (Node) build. */
export function resolveNativeBinding(input: {
  isPackaged: boolean;
  appPath: string;
  resourcesPath: string;
  exists(file: string): boolean;
}): string | undefined {
  const file = input.isPackaged
    ? path.join(input.resourcesPath, PACKAGED_NATIVE_BINDING)
    : path.join(input.appPath, ELECTRON_NATIVE_BINDING);
  return input.exists(file) ? file : undefined;
}
