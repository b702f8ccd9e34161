// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

// The layer rules of docs/ARCHITECTURE.md, as lint errors. Each layer lists what it must never import.
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const layer = (message, { paths = [], patterns = [] }) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: paths.map((name) => ({ name, message })),
      patterns: patterns.map((regex) => ({ regex, message })),
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: layer('shared/ is pure TypeScript: it may import only shared/ and zod.', {
      // Any bare specifier but zod, and any relative path that leaves shared/ for main/ or renderer/.
      patterns: ['^(?!zod$)(?!\\.{1,2}/)', '(^|/)(main|renderer)(/|$)'],
    }),
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**', 'main/preload/**'],
    rules: layer('main/ services run in plain Node: only main/electron/ may import electron; never renderer/.', {
      paths: ['electron'],
      patterns: ['(^|/)renderer(/|$)'],
    }),
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: layer('The Electron shell never imports renderer/.', { patterns: ['(^|/)renderer(/|$)'] }),
  },
  {
    files: ['main/preload/**/*.ts'],
    rules: layer('The preload is contextBridge only: electron and shared/ channel names, no zod or node.', {
      paths: ['zod', ...nodeBuiltins],
      patterns: ['(^|/)(renderer|main/(?!preload))(/|$)', '(^|/)shared/api/(contract|index)'],
    }),
  },
  {
    // The Rules of Hooks and the React Compiler's checks (eslint-plugin-react-hooks 7, recommended),
    // with missing or needless effect dependencies as errors rather than warnings.
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: layer('renderer/ reaches main only through the typed API in shared/: no electron, node or main/.', {
      paths: ['electron', 'better-sqlite3', ...nodeBuiltins],
      patterns: ['^node:', '(^|/)main(/|$)'],
    }),
  },
);
