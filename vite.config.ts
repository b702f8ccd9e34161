import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer only. main/ and the preload are bundled by scripts/build.mjs with esbuild.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    // No inline scripts or styles: the CSP forbids them.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
