import { build, type Metafile } from 'esbuild';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/errors';
import { loadPlaywright, PLAYWRIGHT_MISSING } from '../../../main/reports/sharedChromium';

/**
 * playwright-core is a devDependency: `npm run report`, the harness, the tests and the bench print
 * PDFs with it; the packaged app prints with webContents.printToPDF and must never load it.
 */
const ROOT = path.resolve(__dirname, '../../..');

/** The esbuild metafile of one entry, bundled as scripts/build.mjs bundles it (same externals). */
async function metafileOf(entry: string): Promise<Metafile> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    outdir: 'dist-metafile-check',
    metafile: true,
    external: ['electron', 'better-sqlite3', 'playwright-core', 'playwright', '@playwright/test', 'fsevents'],
    define: { __APP_VERSION__: '"0.0.0-test"' },
    logLevel: 'silent',
  });
  return result.metafile;
}

/** Every module the bundle includes or leaves to require() at run time (static or dynamic). */
function referencedModules(metafile: Metafile): string[] {
  const inputs = Object.keys(metafile.inputs);
  const imports = Object.values(metafile.outputs).flatMap((output) =>
    output.imports.map((entry) => entry.path),
  );
  return [...inputs, ...imports];
}

describe('the Electron app never loads playwright-core', () => {
  it('main/electron/main.ts bundles nothing of Playwright, statically or dynamically', async () => {
    const modules = referencedModules(await metafileOf('main/electron/main.ts'));
    expect(modules.some((module) => module.startsWith('main/electron/'))).toBe(true);
    expect(modules.filter((module) => /playwright/i.test(module))).toEqual([]);
  });

  it('while the report CLI does need it (so the check above can see it)', async () => {
    const modules = referencedModules(await metafileOf('main/reports/cli.ts'));
    expect(modules).toContain('playwright-core');
    expect(modules).toContain('main/reports/playwrightPrinter.ts');
  });
});

describe('loadPlaywright', () => {
  const missing = (code: string, message: string) => () =>
    Promise.reject(Object.assign(new Error(message), { code }));

  it.each([
    [
      'CommonJS',
      'MODULE_NOT_FOUND',
      "Cannot find module 'playwright-core'\nRequire stack:\n- /x/dist/main/reports/cli.js",
    ],
    [
      'ESM',
      'ERR_MODULE_NOT_FOUND',
      "Cannot find package 'playwright-core' imported from /x/main/reports/playwrightPrinter.ts",
    ],
  ])('says how to get playwright-core when it is not installed (%s)', async (_kind, code, message) => {
    const error = await loadPlaywright(missing(code, message)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toBe(PLAYWRIGHT_MISSING);
    expect(PLAYWRIGHT_MISSING).toContain('Run `npm install` in the repository');
  });

  it('passes on any other failure as it is (a module playwright-core itself cannot find, a crash)', async () => {
    const inner = await loadPlaywright(
      missing('MODULE_NOT_FOUND', "Cannot find module 'chromium-bidi'"),
    ).catch((caught: unknown) => caught);
    expect((inner as Error).message).toBe("Cannot find module 'chromium-bidi'");
    const other = await loadPlaywright(() => Promise.reject(new Error('boom'))).catch(
      (caught: unknown) => caught,
    );
    expect((other as Error).message).toBe('boom');
  });

  it('loads the installed playwright-core', async () => {
    const playwright = await loadPlaywright();
    expect(typeof playwright.chromium.launch).toBe('function');
  });
});
