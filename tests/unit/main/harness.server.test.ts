import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../../main/cliArgs';
import { parseHarnessArgs, USAGE } from '../../../main/harness/cli';
import { createFolderDialogs } from '../../../main/harness/folderDialogs';
import { startHarness, TOKEN_HEADER, TOKEN_META, type Harness } from '../../../main/harness/server';
import { openLibraryApi, type Library } from '../../../main/library';
import { createEventHub } from '../../../main/services/events';

// The harness in-process on 127.0.0.1 (port 0), with a real library in a temp folder and a
// stand-in for the built renderer, called with fetch as the page and the tests call it.

let dir: string;
let library: Library;
let harness: Harness;
const events = createEventHub();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factcheck-harness-'));
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(rendererDir);
  fs.writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><html><head></head><body></body></html>',
  );
  fs.writeFileSync(path.join(rendererDir, 'app é.js'), 'console.log(1);');
  const dialogs = createFolderDialogs(path.join(dir, 'data', 'exports'));
  library = openLibraryApi({
    dataDir: path.join(dir, 'data'),
    appVersion: '0.0.0-test',
    dialogs,
    printer: { print: () => Promise.reject(new Error('no printer in this test')) },
    events,
  });
  expect(library.openError).toBeNull();
  harness = await startHarness({
    port: 0,
    rendererDir,
    registry: library.registry,
    dialogs,
    subscribe: events.subscribe,
    emit: (channel, payload) => events.emit(channel, payload as never),
  });
});
afterAll(async () => {
  await harness?.close();
  library?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const withToken = (headers: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  [TOKEN_HEADER]: harness.token,
  ...headers,
});
const post = (pathname: string, body: string, headers: Record<string, string> = withToken()) =>
  fetch(`${harness.url}${pathname}`, { method: 'POST', headers, body });

/** A request exactly as written (fetch would normalise the target). */
function rawRequest(
  target: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const { port } = new URL(harness.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'GET', path: target, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the harness server', () => {
  it('answers the API with the header token, and serves the page with the token in it', async () => {
    const response = await post('/api/app.info', '{}');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, value: { version: '0.0.0-test' } });
    const page = await (await fetch(`${harness.url}/`)).text();
    expect(page).toContain(`<meta name="${TOKEN_META}" content="${harness.token}" />`);
    expect((await fetch(`${harness.url}/app%20%C3%A9.js`)).status).toBe(200);
  });

  it('answers 400, not 500, to a malformed path', async () => {
    for (const pathname of ['/api/%E0%A4%A', '/api/%ZZ']) {
      const response = await post(pathname, '{}');
      expect(response.status, pathname).toBe(400);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
    expect((await post('/__harness/%E0%A4%A', '{}')).status).toBe(400);
    expect((await fetch(`${harness.url}/%E0%A4%A`)).status).toBe(400);
    expect((await rawRequest('/assets/%E0%A4%A.js')).status).toBe(400);
    expect((await rawRequest('//[')).status).toBe(400);
  });

  it('answers 400, not 500, to a malformed JSON body, on the API and the test controls', async () => {
    const api = await post('/api/projects.list', '{"not json');
    expect(api.status).toBe(400);
    expect(await api.json()).toEqual({
      ok: false,
      error: { code: 'invalid_request', message: 'The request was not valid JSON.' },
    });
    for (const action of ['event', 'open-path', 'save-path', 'last-saved']) {
      const control = await post(`/__harness/${action}`, '{"channel": ');
      expect(control.status, action).toBe(400);
      expect(await control.json()).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
    expect((await post('/__harness/open-path', 'null')).status).toBe(400);
    expect((await post('/__harness/last-saved', '')).status).toBe(200);
  });

  it('refuses a foreign Origin (403) even with the right token, and accepts its own page', async () => {
    for (const origin of [
      'http://evil.example',
      'null',
      'https://127.0.0.1:1',
      `${harness.url}.evil.example`,
    ]) {
      const response = await post('/api/projects.list', '{}', withToken({ origin }));
      expect(response.status, origin).toBe(403);
      expect(await response.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect((await post('/__harness/last-saved', '{}', withToken({ origin }))).status, origin).toBe(403);
    }
    const foreignStream = await fetch(`${harness.url}/api/events?token=${harness.token}`, {
      headers: { origin: 'http://evil.example' },
    });
    expect(foreignStream.status).toBe(403);

    const own = await post('/api/projects.list', '{}', withToken({ origin: harness.url }));
    expect(own.status).toBe(200);
    expect(await own.json()).toEqual({ ok: true, value: [] });
  });

  it('takes ?token= only for the event stream (EventSource cannot send a header), the header everywhere', async () => {
    const query = `?token=${encodeURIComponent(harness.token)}`;
    const byQuery = await post(`/api/projects.list${query}`, '{}', { 'content-type': 'application/json' });
    expect(byQuery.status).toBe(401);
    expect(
      (await post(`/__harness/last-saved${query}`, '{}', { 'content-type': 'application/json' })).status,
    ).toBe(401);
    expect((await post('/api/projects.list', '{}', { 'content-type': 'application/json' })).status).toBe(401);

    const controller = new AbortController();
    try {
      const stream = await fetch(`${harness.url}/api/events${query}`, { signal: controller.signal });
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toBe('text/event-stream');
      const reader = stream.body!.getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toContain(': connected');
      events.emit('library.changed', { projectId: null });
      expect(new TextDecoder().decode((await reader.read()).value)).toContain('event: library.changed');
    } finally {
      controller.abort();
    }
    expect((await fetch(`${harness.url}/api/events`)).status).toBe(401);
    expect((await fetch(`${harness.url}/api/events?token=wrong`)).status).toBe(401);
    const byHeader = await fetch(`${harness.url}/api/events`, {
      headers: { [TOKEN_HEADER]: harness.token },
      signal: AbortSignal.timeout(5_000),
    });
    expect(byHeader.status).toBe(200);
    await byHeader.body?.cancel();
  });
});

describe('npm run harness: arguments (node:util parseArgs)', () => {
  it('takes --port, --data and --token, in either spelling', () => {
    expect(parseHarnessArgs([])).toEqual({});
    expect(parseHarnessArgs(['--port', '0', '--data', 'lib', '--token=abc'])).toEqual({
      port: 0,
      data: 'lib',
      token: 'abc',
    });
    expect(parseHarnessArgs(['--port=5178'])).toEqual({ port: 5178 });
    expect(parseHarnessArgs(['-h'])).toBe('help');
    expect(USAGE).toBe('Usage: npm run harness -- [--port N] [--data DIR]');
  });

  it('refuses unknown options, missing values, stray arguments and a port that is not one', () => {
    const cases: [string[], string][] = [
      [['--colour'], 'Unknown option --colour.'],
      [['--port'], '--port needs a value.'],
      [['--data', '--port', '1'], '--data needs a value'],
      [['lib'], 'Unexpected argument “lib”.'],
      [['--port', 'http'], '--port takes a port number (0 picks a free one).'],
      [['--port', '70000'], '--port takes a port number (0 picks a free one).'],
      [['--port', '1', '--port', '2'], '--port is given twice.'],
    ];
    for (const [argv, message] of cases) {
      let thrown: unknown;
      try {
        parseHarnessArgs(argv);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, argv.join(' ')).toBeInstanceOf(UsageError);
      expect((thrown as Error).message.startsWith(message), (thrown as Error).message).toBe(true);
    }
  });
});
