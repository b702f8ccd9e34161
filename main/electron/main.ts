/**
 * The Electron entry (bundled to dist/main/electron/main.js). Everything it does lives in
 * lifecycle.ts so tests can run it against a fake electron module.
 */
import path from 'node:path';
import { runApp } from './lifecycle';

runApp({
  rendererDir: path.join(__dirname, '..', '..', 'renderer'),
  preloadPath: path.join(__dirname, '..', 'preload', 'preload.js'),
});
