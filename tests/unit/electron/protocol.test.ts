import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createAppProtocolHandler,
  installAppProtocol,
  registerAppScheme,
  resolveInside,
} from '../../../main/electron/protocol';
import { electron, resetFakeElectron } from './fakeElectron';

vi.mock('electron', async () => (await import('./fakeElectron')).electron);

let base: string;
let root: string;
const SECRET = 'root:x:0:0:secret';
const INDEX = '<!doctype html><title>Factcheck Workbench</title>';

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-protocol-'));
  root = path.join(base, 'dist', 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), INDEX);
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  fs.writeFileSync(path.join(root, 'assets', 'font.woff2'), 'woff2');
  fs.writeFileSync(path.join(root, 'assets', 'blob.bin'), 'bin');
  fs.writeFileSync(path.join(root, 'assets', 'ñame with space.svg'), '<svg/>');
  // Things outside the root that a traversal would reach.
  fs.writeFileSync(path.join(base, 'dist', 'secret.txt'), SECRET);
  fs.writeFileSync(path.join(base, 'secret.txt'), SECRET);
  fs.mkdirSync(path.join(base, 'etc'));
  fs.writeFileSync(path.join(base, 'etc', 'passwd'), SECRET);
  fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));
beforeEach(() => resetFakeElectron());

const get = (url: string, method = 'GET') => createAppProtocolHandler(root)({ url, method });

/** The Content-Security-Policy header split into its directives (name → value). */
function cspDirectives(header: string | null): Map<string, string> {
  expect(header, 'a Content-Security-Policy header').toBeTypeOf('string');
  const directives = new Map<string, string>();
  for (const directive of header!.split(';').map((part) => part.trim()).filter(Boolean)) {
    const [name, ...values] = directive.split(/\s+/);
    expect(directives.has(name!), `${name} given twice`).toBe(false);
    directives.set(name!, values.join(' '));
  }
  return directives;
}

/**
 * The app's policy, written out: no remote content, no inline script, no eval, nothing loaded from
 * outside. Each directive on its own, so a loosened one is named when it fails.
 */
function expectAppCsp(header: string | null): void {
  const csp = cspDirectives(header);
  expect(csp.get('default-src')).toBe("'none'");
  expect(csp.get('script-src')).toBe("'self'");
  expect(csp.get('style-src')).toBe("'self' 'unsafe-inline'");
  expect(csp.get('img-src')).toBe("'self' data:");
  expect(csp.get('font-src')).toBe("'self' data:");
  expect(csp.get('connect-src')).toBe("'self'");
  expect(csp.get('frame-src')).toBe("'self'");
  expect(csp.get('base-uri')).toBe("'none'");
  expect(csp.get('form-action')).toBe("'none'");
  expect(csp.get('object-src')).toBe("'none'");
  expect(csp.get('frame-ancestors')).toBe("'none'");
  // Nothing else: no worker-src/media-src/… opened beside default-src, no report-uri sending data out.
  expect([...csp.keys()].sort()).toEqual([
    'base-uri',
    'connect-src',
    'default-src',
    'font-src',
    'form-action',
    'frame-ancestors',
    'frame-src',
    'img-src',
    'object-src',
    'script-src',
    'style-src',
  ]);
}

describe('the app:// scheme', () => {
  it('is registered as privileged: standard and secure', () => {
    registerAppScheme();
    // Written out: no bypassCSP, no corsEnabled/allowServiceWorkers beyond these.
    expect(electron.protocol.registerSchemesAsPrivileged.mock.calls).toEqual([
      [
        [
          {
            scheme: 'app',
            privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
          },
        ],
      ],
    ]);
  });

  it('is installed on the session given', async () => {
    installAppProtocol(electron.session.defaultSession as never, root);
    const handler = electron.session.defaultSession.protocolHandlers.get('app');
    expect(handler).toBeTypeOf('function');
    const response = await handler!(new Request('app://factcheck/index.html'));
    expect(response.status).toBe(200);
  });
});

describe('serving dist/renderer', () => {
  it('serves index.html with the CSP header and the HTML MIME type', async () => {
    const response = await get('app://factcheck/index.html');
    expect(response.status).toBe(200);
    expectAppCsp(response.headers.get('content-security-policy'));
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(INDEX);
  });

  it('serves index.html for the bare origin', async () => {
    expect(await (await get('app://factcheck/')).text()).toBe(INDEX);
    expect(await (await get('app://factcheck')).text()).toBe(INDEX);
  });

  it.each([
    ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
    ['assets/index-abc.css', 'text/css; charset=utf-8'],
    ['assets/font.woff2', 'font/woff2'],
    ['assets/blob.bin', 'application/octet-stream'],
    ['assets/%C3%B1ame%20with%20space.svg', 'image/svg+xml'],
  ])('serves %s as %s', async (file, type) => {
    const response = await get(`app://factcheck/${file}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expectAppCsp(response.headers.get('content-security-policy'));
  });

  it('ignores the query and the fragment', async () => {
    expect((await get('app://factcheck/index.html?x=1#/project/abc')).status).toBe(200);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await get('app://factcheck/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await get('app://factcheck/index.html', 'POST')).status).toBe(405);
  });

  it('answers 404 for missing files and folders', async () => {
    expect((await get('app://factcheck/nope.js')).status).toBe(404);
    expect((await get('app://factcheck/assets')).status).toBe(404);
    expect((await get('app://factcheck/assets/')).status).toBe(404);
  });

  it.each([
    'app://factcheck/../../etc/passwd',
    'app://factcheck/../secret.txt',
    'app://factcheck/%2e%2e/%2e%2e/etc/passwd',
    'app://factcheck/..%2f..%2fetc%2fpasswd',
    'app://factcheck/..%2Fsecret.txt',
    'app://factcheck/assets/..%2f..%2fsecret.txt',
    'app://factcheck/..%5c..%5csecret.txt',
    'app://factcheck/assets\\..\\..\\secret.txt',
    'app://factcheck/%2fetc%2fpasswd',
    'app://factcheck/index.html%00.js',
    'app://factcheck/assets/link.txt',
    'app://factcheck/%E0%A4%A',
  ])('refuses the traversal %s (403/404, never the file)', async (url) => {
    const response = await get(url);
    expect([403, 404]).toContain(response.status);
    expect(await response.text()).not.toContain(SECRET);
    expectAppCsp(response.headers.get('content-security-policy'));
  });

  it('refuses an encoded absolute path to a real file outside the root', async () => {
    const response = await get(`app://factcheck/${encodeURIComponent(path.join(base, 'secret.txt'))}`);
    expect([403, 404]).toContain(response.status);
    expect(await response.text()).not.toContain(SECRET);
  });

  it.each([
    'app://evil/index.html',
    'app://factcheck.evil/index.html',
    'app://factcheck:81/index.html',
    'app://user:pw@factcheck/index.html',
    'https://factcheck/index.html',
    'file:///index.html',
  ])('refuses the unknown origin %s', async (url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('Factcheck Workbench');
  });

  it('resolveInside keeps every path inside the root', () => {
    expect(resolveInside(root, '/')).toEqual({ file: path.join(root, 'index.html') });
    expect(resolveInside(root, '/assets/index-abc.js')).toEqual({
      file: path.join(root, 'assets', 'index-abc.js'),
    });
    expect(resolveInside(root, '/../x')).toEqual({ status: 403 });
    expect(resolveInside(root, '/a/%2e%2e/%2e%2e/x')).toEqual({ status: 403 });
  });
});
