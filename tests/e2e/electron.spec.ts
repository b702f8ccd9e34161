import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

// The real app, launched through Playwright's Electron support: the built main, preload and renderer,
// the app:// protocol, IPC and SQLite together. Skipped (with the reason) where the Electron binary
// was never downloaded, decided without require('electron'), which would try to download it.

const root = path.resolve(__dirname, '..', '..');
const ELECTRON_NATIVE_BINDING =
  'node_modules/.cache/electron-native/better-sqlite3/build/Release/better_sqlite3.node';

function electronBinary(): { available: true } | { available: false; reason: string } {
  const pathFile = path.join(root, 'node_modules', 'electron', 'path.txt');
  if (!fs.existsSync(pathFile)) {
    return {
      available: false,
      reason:
        'Electron binary not installed (offline machine): node_modules/electron/path.txt is missing; run `npx install-electron` online.',
    };
  }
  const executable = fs.readFileSync(pathFile, 'utf8').trim();
  const distDir =
    process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(root, 'node_modules', 'electron', 'dist');
  if (!executable || !fs.existsSync(path.join(distDir, executable))) {
    return {
      available: false,
      reason: `Electron binary not installed (offline machine): ${path.join(distDir, executable)} does not exist.`,
    };
  }
  if (!fs.existsSync(path.join(root, ELECTRON_NATIVE_BINDING))) {
    return {
      available: false,
      reason:
        'better-sqlite3 is not built for Electron: run `node scripts/electron-rebuild.mjs` (needs network once).',
    };
  }
  return { available: true };
}

const binary = electronBinary();
test.skip(!binary.available, binary.available ? '' : binary.reason);

let app: ElectronApplication | null = null;
let userData = '';

test.beforeEach(() => {
  for (const built of [
    'dist/main/electron/main.js',
    'dist/main/preload/preload.js',
    'dist/renderer/index.html',
  ]) {
    if (!fs.existsSync(path.join(root, built)))
      throw new Error(`${built} is missing: run \`npm run build\` before the Electron tests.`);
  }
  userData = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-electron-e2e-'));
});

test.afterEach(async () => {
  await app?.close();
  app = null;
  fs.rmSync(userData, { recursive: true, force: true });
});

/** An HTTP server on 127.0.0.1 that answers every request, and the paths it was asked for. */
async function startLocalServer(): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((request, response) => {
    hits.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'text/html', 'access-control-allow-origin': '*' });
    response.end('<title>reachable</title>reachable');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function launch(): Promise<ElectronApplication> {
  // Chromium's sandbox refuses to start as root (containers, some CI runners).
  const rootUser = process.platform === 'linux' && process.getuid?.() === 0;
  app = await electron.launch({
    args: [...(rootUser ? ['--no-sandbox'] : []), '.'],
    cwd: root,
    env: { ...process.env, FACTCHECK_USER_DATA_DIR: userData, ELECTRON_ENABLE_LOGGING: '1' },
    timeout: 30_000,
  });
  return app;
}

test('the app opens, creates a project and lists it', async () => {
  const application = await launch();
  const page = await application.firstWindow();
  await expect(page).toHaveURL(/^app:\/\/factcheck\/index\.html/);
  await expect(page.getByRole('heading', { level: 1, name: 'Projects' })).toBeVisible();

  // The page has the bridge and nothing of Node.
  const globals = await page.evaluate(() => ({
    bridge: Object.keys((window as unknown as { factcheck?: object }).factcheck ?? {}).sort(),
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
  }));
  expect(globals).toEqual({ bridge: ['invoke', 'on'], require: 'undefined', process: 'undefined' });

  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByLabel('Project title').fill('Electron smoke');
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Electron smoke' })).toBeVisible();

  await page.getByRole('button', { name: /All projects/ }).click();
  await expect(page.getByRole('list', { name: 'Projects' })).toContainText('Electron smoke');
  expect(fs.existsSync(path.join(userData, 'library.sqlite'))).toBe(true);
});

test('the window is locked down', async () => {
  const application = await launch();
  const page = await application.firstWindow();
  // The window's webPreferences are asserted by the unit tests (the API has no getter for them);
  // here, what they mean for the page: isolated, no Node (remote content: the next test).
  const isolation = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    buffer: typeof (globalThis as { Buffer?: unknown }).Buffer,
  }));
  expect(isolation).toEqual({ require: 'undefined', buffer: 'undefined' });
  const windows = await application.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows().map((window) => window.webContents.getURL()),
  );
  expect(windows).toEqual([expect.stringMatching(/^app:\/\/factcheck\/index\.html/)]);

  // Navigation away is refused: the page stays on app://factcheck.
  await page.evaluate(() => {
    window.location.href = 'https://example.org/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toMatch(/^app:\/\/factcheck\//);

  // A call the preload does not know never reaches main.
  const unknown = await page.evaluate(() =>
    (
      window as unknown as { factcheck: { invoke(c: string, r: unknown): Promise<unknown> } }
    ).factcheck.invoke('no.such.channel', {}),
  );
  expect(unknown).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
});

test('remote fetch is blocked by the request filter, not by a missing network', async () => {
  // A server this machine can certainly reach, so "blocked" cannot mean "offline".
  const server = await startLocalServer();
  try {
    const direct = await fetch(`${server.url}from-node`);
    expect(await direct.text()).toContain('reachable');
    expect(server.hits).toEqual(['/from-node']);

    const application = await launch();
    const page = await application.firstWindow();
    await expect(page).toHaveURL(/^app:\/\/factcheck\/index\.html/);

    // From the page: fetch fails (the CSP's connect-src refuses it before the network).
    const fromPage = await page.evaluate(async (url) => {
      try {
        await fetch(`${url}from-page`);
        return 'loaded';
      } catch {
        return 'blocked';
      }
    }, server.url);
    expect(fromPage).toBe('blocked');

    // The request filter itself: a load started from main passes neither the CSP nor the
    // navigation guard, so only the session's filter stands between it and the server. It must
    // fail with the filter's own error, not a connection error.
    const loaded = await application.evaluate(async ({ BrowserWindow }, url) => {
      const probe = new BrowserWindow({ show: false });
      try {
        await probe.webContents.loadURL(`${url}from-app`);
        return 'loaded';
      } catch (error) {
        return String((error as { code?: unknown }).code ?? error);
      } finally {
        probe.destroy();
      }
    }, server.url);
    expect(loaded).toBe('ERR_BLOCKED_BY_CLIENT');
    // Nothing from the app reached the server.
    expect(server.hits).toEqual(['/from-node']);
  } finally {
    await server.close();
  }
});
