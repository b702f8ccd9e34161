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
    rollupOptions: {
      output: {
        // pdf.js's worker is imported as a URL (a .mjs asset); served as .js, every server (the
        // harness's included) gives it a JavaScript MIME type, which module workers require.
        assetFileNames: (asset) => (asset.names.some((name) => name.endsWith('.mjs')) ? 'assets/[name]-[hash].js' : 'assets/[name]-[hash][extname]'),
      },
    },
  },
});
