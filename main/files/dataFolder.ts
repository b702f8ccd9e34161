/**
 * The data folder: where the library lives and what it is called. The app (Electron's userData),
 * the harness, the CLIs and the benches all find `library.sqlite` through here.
 */
import os from 'node:os';
import path from 'node:path';

/** The app's name, which is also the name of its folder in the platform's app-data folder. */
export const PRODUCT_NAME = 'Factcheck Workbench';
/** Tests and portable setups point the app (and the CLIs) at another data folder. */
export const USER_DATA_ENV = 'FACTCHECK_USER_DATA_DIR';
/** The library file inside a data folder. */
export const LIBRARY_FILE_NAME = 'library.sqlite';

/** The library file of a data folder. */
export function libraryPath(dataDir: string): string {
  return path.join(dataDir, LIBRARY_FILE_NAME);
}

export interface DataFolderHost {
  platform?: NodeJS.Platform;
  env?: Readonly<Record<string, string | undefined>>;
  /** The home folder; default os.homedir(). */
  home?: string;
}

/**
 * The folder the desktop app keeps its library in: $FACTCHECK_USER_DATA_DIR when set (the app
 * honours it too), else what Electron's app.getPath('userData') names on each platform.
 */
export function defaultDataDir(host: DataFolderHost = {}): string {
  const env = host.env ?? process.env;
  const override = env[USER_DATA_ENV];
  if (override) return override;
  const platform = host.platform ?? process.platform;
  const home = host.home ?? os.homedir();
  if (platform === 'win32')
    return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), PRODUCT_NAME);
}
