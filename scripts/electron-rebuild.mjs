// Builds better-sqlite3 for Electron, beside the Node build instead of over it.
//
// node_modules/better-sqlite3 keeps its Node build: tests, the harness and the CLIs run in Node and
// need it. This script copies the package to node_modules/.cache/electron-native/better-sqlite3,
// builds it there for the Electron version in node_modules/electron (@electron/rebuild: a prebuilt
// binary when one can be downloaded, otherwise node-gyp against Electron's headers), and the shell
// loads that .node file through better-sqlite3's `nativeBinding` option (main/electron/nativeBinding.ts).
//
// Run by `npm start` and `npm run pack`, never by tests or CI. Without network (and without the
// Electron headers already in ~/.electron-gyp) it skips with a message and exits 0; pass --strict to
// fail instead (packaging), --force to rebuild even when the stamp says it is up to date.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Relative to the repository root; main/electron/nativeBinding.ts must name the same file. */
export const ELECTRON_NATIVE_DIR = 'node_modules/.cache/electron-native/better-sqlite3';
export const ELECTRON_NATIVE_BINDING = `${ELECTRON_NATIVE_DIR}/build/Release/better_sqlite3.node`;
const STAMP_FILE = '.factcheck-electron-build.json';
const HEADERS_URL = 'https://www.electronjs.org/headers';
const PROBE_TIMEOUT_MS = 8000;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** The headers node-gyp needs, if an earlier run already downloaded them. */
export function electronHeadersCached(electronVersion, home = os.homedir()) {
  const dir = path.join(home, '.electron-gyp', electronVersion);
  return (
    fs.existsSync(path.join(dir, 'include', 'node', 'node.h')) &&
    fs.existsSync(path.join(dir, 'installVersion'))
  );
}

async function canReach(url) {
  try {
    const response = await fetch(url, {
      method: 'HEAD',
      redirect: 'follow',
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    return response.status < 500;
  } catch {
    return false;
  }
}

function skip(message, strict) {
  const text = [
    '',
    `electron-rebuild: skipped. ${message}`,
    '  better-sqlite3 is not built for Electron yet, so the app will start but its library will not open.',
    '  To fix it: connect to the internet (or set HTTPS_PROXY) and run `node scripts/electron-rebuild.mjs`,',
    '  or copy ~/.electron-gyp/<electron version> from a machine that has it, then run the script again.',
    '  Tests do not need this: they use the Node build in node_modules/better-sqlite3.',
    '',
  ].join('\n');
  if (strict) {
    console.error(text);
    return 1;
  }
  console.warn(text);
  return 0;
}

export async function main(argv = process.argv.slice(2)) {
  const strict = argv.includes('--strict');
  const force = argv.includes('--force');
  const electronVersion = readJson(path.join(root, 'node_modules/electron/package.json')).version;
  const sourceDir = path.join(root, 'node_modules/better-sqlite3');
  const sqliteVersion = readJson(path.join(sourceDir, 'package.json')).version;
  const outDir = path.join(root, ELECTRON_NATIVE_DIR);
  const binding = path.join(root, ELECTRON_NATIVE_BINDING);
  const stamp = {
    electron: electronVersion,
    betterSqlite3: sqliteVersion,
    platform: process.platform,
    arch: process.arch,
  };

  const stampFile = path.join(outDir, STAMP_FILE);
  if (!force && fs.existsSync(binding) && fs.existsSync(stampFile)) {
    try {
      if (JSON.stringify(readJson(stampFile)) === JSON.stringify(stamp)) {
        console.log(
          `electron-rebuild: better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} is up to date.`,
        );
        return 0;
      }
    } catch {
      // A damaged stamp: build again.
    }
  }

  const proxied = Boolean(
    process.env.HTTPS_PROXY || process.env.https_proxy || process.env.npm_config_https_proxy,
  );
  if (!electronHeadersCached(electronVersion) && !proxied) {
    const probe = `${HEADERS_URL}/v${electronVersion}/node-v${electronVersion}-headers.tar.gz`;
    if (!(await canReach(probe))) {
      return skip(
        `The Electron ${electronVersion} headers are not cached and ${new URL(HEADERS_URL).host} cannot be reached (offline?).`,
        strict,
      );
    }
  }

  let rebuild;
  try {
    ({ rebuild } = await import('@electron/rebuild'));
  } catch {
    return skip('@electron/rebuild is not installed (run `npm ci`).', strict);
  }

  // Build in a staging copy, so a failed build leaves the last good one in place.
  const staging = `${outDir}.staging`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(staging), { recursive: true });
  fs.cpSync(sourceDir, staging, {
    recursive: true,
    filter: (file) => {
      const relative = path.relative(sourceDir, file).split(path.sep);
      return relative[0] !== 'build' && relative[0] !== 'prebuilds' && relative[0] !== 'node_modules';
    },
  });

  console.log(
    `electron-rebuild: building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${process.arch})…`,
  );
  try {
    await rebuild({ buildPath: staging, electronVersion, onlyModules: ['better-sqlite3'], force: true });
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (!electronHeadersCached(electronVersion)) {
      return skip(
        `The Electron ${electronVersion} headers could not be downloaded (${error instanceof Error ? error.message : String(error)}).`,
        strict,
      );
    }
    console.error(
      `electron-rebuild: the build failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    console.error(
      '  A C++ toolchain is needed: python3, make and g++ (Linux), Xcode command line tools (macOS), or Visual Studio Build Tools (Windows).',
    );
    return 1;
  }

  const stagedBinding = path.join(staging, 'build', 'Release', 'better_sqlite3.node');
  if (!fs.existsSync(stagedBinding)) {
    fs.rmSync(staging, { recursive: true, force: true });
    console.error(
      `electron-rebuild: the build finished but ${path.relative(staging, stagedBinding)} is missing.`,
    );
    return 1;
  }
  fs.writeFileSync(path.join(staging, STAMP_FILE), `${JSON.stringify(stamp)}\n`);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.renameSync(staging, outDir);
  console.log(`electron-rebuild: done: ${ELECTRON_NATIVE_BINDING}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error('electron-rebuild: unexpected failure:', error);
      process.exitCode = 1;
    },
  );
}
