// Builds everything that runs: the renderer with Vite, main/ entry points and the preload with
// esbuild (CommonJS for Node and Electron; better-sqlite3, electron and playwright stay external).
// Why not electron-vite: it wants the Electron binary for its dev server; plain Vite + esbuild
// builds offline and keeps main/ runnable in plain Node.
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const entries = {
  'main/electron/main': 'main/electron/main.ts',
  'main/preload/preload': 'main/preload/preload.ts',
  'main/harness/cli': 'main/harness/cli.ts',
  // The library off the main thread: the worker thread, and the app's utility process (main/worker/).
  'main/worker/libraryWorker': 'main/worker/libraryWorker.ts',
  'main/worker/libraryProcess': 'main/worker/libraryProcess.ts',
  'main/reports/cli': 'main/reports/cli.ts',
  'main/projectFiles/cli': 'main/projectFiles/cli.ts',
  'main/seed/cli': 'main/seed/cli.ts',
  'main/search/cli': 'main/search/cli.ts',
  'main/matching/cli': 'main/matching/cli.ts',
  'main/capture/cli': 'main/capture/cli.ts',
  'bench/run': 'bench/run.ts',
};

const only = process.argv.includes('--main-only') ? 'main' : 'all';
if (only === 'all') {
  await viteBuild({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}

const present = Object.fromEntries(Object.entries(entries).filter(([, file]) => fs.existsSync(file)));
await esbuild({
  entryPoints: present,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['electron', 'better-sqlite3', 'playwright-core', 'playwright', '@playwright/test', 'fsevents'],
  // The matcher's word vectors (main/matching/embeddings.ts) travel inside the bundle as bytes.
  loader: { '.bin': 'binary' },
  define: { __APP_VERSION__: JSON.stringify(JSON.parse(fs.readFileSync('package.json', 'utf8')).version) },
  logLevel: 'warning',
});
console.log(`Built renderer and ${Object.keys(present).length} entry points into dist/.`);
