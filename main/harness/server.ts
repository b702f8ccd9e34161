import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { EVENT_CHANNELS, type EventChannel } from '../../shared/api/channels';
import { eventContract } from '../../shared/api/contract';
import type { ApiResult } from '../../shared/api/result';
import type { ApiRegistry } from '../api/registry';
import { CONTENT_SECURITY_POLICY } from '../services/contentSecurity';
import type { FolderDialogs } from './folderDialogs';
import type { ShellRecorder } from './shellRecorder';

export const TOKEN_HEADER = 'x-factcheck-token';
export const TOKEN_META = 'factcheck-harness-token';
/** Above the article limit with room for JSON escaping; a bigger body is refused unread. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface HarnessOptions {
  port: number;
  rendererDir: string;
  registry: ApiRegistry;
  dialogs: FolderDialogs;
  /** What "Show in folder" and "Open" were asked: POST /__harness/shell-requests. */
  shell?: ShellRecorder;
  subscribe(listener: (channel: EventChannel, payload: unknown) => void): () => void;
  /** Lets a test play the native menu or the OS: POST /__harness/event {channel, payload}. */
  emit?(channel: EventChannel, payload: unknown): void;
  token?: string;
}

export interface Harness {
  url: string;
  token: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
  '.ico': 'image/x-icon',
};

/**
 * Serves the built renderer and the same API registry the Electron shell uses, over HTTP on
 * loopback only, guarded by a per-run token that is written into the page it serves.
 */
export function startHarness(options: HarnessOptions): Promise<Harness> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const indexPath = path.join(options.rendererDir, 'index.html');
  if (!fs.existsSync(indexPath)) {
    return Promise.reject(new Error(`No built renderer at ${indexPath}. Run \`npm run build\` first.`));
  }
  const sseClients = new Set<http.ServerResponse>();
  const unsubscribe = options.subscribe((channel, payload) => {
    const frame = `event: ${channel}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const client of sseClients) client.write(frame);
  });

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      console.error('Harness request failed', error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'The harness failed to answer.' } });
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!isLoopback(req.socket.remoteAddress) || !isLoopbackHost(req.headers.host)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('The harness answers only on this computer.');
      return;
    }
    const url = parseRequestUrl(req.url);
    if (!url) {
      badRequest(res, 'The address of the request is not valid.');
      return;
    }
    const isApi = url.pathname.startsWith('/api/');
    const isControl = url.pathname.startsWith('/__harness/');
    if (isApi || isControl) {
      // A page of another site (or a file, Origin "null") cannot call us, even with the token.
      if (!isSameOrigin(req.headers.origin, req.headers.host)) {
        sendJson(res, 403, { ok: false, error: { code: 'forbidden', message: 'The harness answers only its own page.' } });
        return;
      }
      // The header everywhere; the query only where EventSource cannot send a header.
      const isEventStream = url.pathname === '/api/events' && req.method === 'GET';
      const given = req.headers[TOKEN_HEADER] ?? (isEventStream ? url.searchParams.get('token') : null) ?? '';
      if (!tokensMatch(String(given), token)) {
        sendJson(res, 401, { ok: false, error: { code: 'forbidden', message: 'Missing or wrong harness token.' } });
        return;
      }
      if (isEventStream) return openEventStream(res);
    }
    const pathname = decodePath(url.pathname);
    if (pathname === null) {
      badRequest(res, 'The address of the request is not valid (bad percent-encoding).');
      return;
    }
    if (isApi && req.method === 'POST') return answerApi(req, res, pathname.slice(5));
    if (isControl && req.method === 'POST') return answerControl(req, res, pathname.slice(11));
    if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(res, pathname);
    res.writeHead(405).end();
  }

  async function answerApi(req: http.IncomingMessage, res: http.ServerResponse, channel: string): Promise<void> {
    const request = await readJsonBody(req, res);
    if (request === NO_BODY) return;
    const result: ApiResult<unknown> = await options.registry.dispatch(channel, request);
    sendJson(res, 200, result);
  }

  async function answerControl(req: http.IncomingMessage, res: http.ServerResponse, action: string): Promise<void> {
    const body = await readJsonBody(req, res);
    if (body === NO_BODY) return;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      badRequest(res, 'The request must be a JSON object.');
      return;
    }
    const input = body as { path?: string | null; channel?: string; payload?: unknown };
    if (action === 'event') {
      const parsed = isEventChannel(input.channel) ? eventContract[input.channel].safeParse(input.payload) : null;
      if (!parsed?.success || !options.emit) {
        sendJson(res, 400, { ok: false, error: { code: 'invalid_request', message: 'Not an event the app knows.' } });
        return;
      }
      options.emit(input.channel as EventChannel, parsed.data);
    } else if (action === 'open-path') options.dialogs.setNextOpenPath(input.path ?? null);
    else if (action === 'save-path') options.dialogs.setNextSavePath(input.path ?? 'cancel');
    else if (action === 'shell-requests') {
      sendJson(res, 200, { ok: true, value: { requests: options.shell?.requests() ?? [] } });
      return;
    } else if (action !== 'last-saved') {
      res.writeHead(404).end();
      return;
    }
    sendJson(res, 200, { ok: true, value: { lastSaved: options.dialogs.lastSavedPath(), saveDir: options.dialogs.saveDir } });
  }

  function openEventStream(res: http.ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    sseClients.add(res);
    res.on('close', () => sseClients.delete(res));
  }

  /** `pathname` is already decoded. */
  function serveStatic(res: http.ServerResponse, pathname: string): void {
    const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
    const filePath = path.resolve(options.rendererDir, relative);
    if (!filePath.startsWith(path.resolve(options.rendererDir) + path.sep) || !fs.existsSync(filePath) || !fs.statSync(filePath).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const headers = {
      'content-type': MIME[path.extname(filePath)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    };
    if (filePath === path.resolve(indexPath)) {
      const html = fs
        .readFileSync(filePath, 'utf8')
        .replace('<head>', `<head>\n    <meta name="${TOKEN_META}" content="${token}" />`);
      res.writeHead(200, headers).end(html);
      return;
    }
    res.writeHead(200, headers);
    fs.createReadStream(filePath).pipe(res);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        token,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe();
            for (const client of sseClients) client.end();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

const NO_BODY = Symbol('answered');

/**
 * The request body as JSON (an empty body is `{}`). A body too large or not JSON is answered here
 * (413, 400) and NO_BODY returned.
 */
async function readJsonBody(req: http.IncomingMessage, res: http.ServerResponse): Promise<unknown> {
  const body = await readBody(req);
  if (body === 'too_large') {
    req.resume();
    sendJson(res, 413, {
      ok: false,
      error: { code: 'too_large', message: 'That is too much text to paste at once (the limit is 5,000,000 characters). Paste the part you are checking.' },
    });
    return NO_BODY;
  }
  try {
    return body.length === 0 ? {} : (JSON.parse(body) as unknown);
  } catch {
    badRequest(res, 'The request was not valid JSON.');
    return NO_BODY;
  }
}

function readBody(req: http.IncomingMessage): Promise<string | 'too_large'> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return Promise.resolve('too_large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        resolve('too_large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function badRequest(res: http.ServerResponse, message: string): void {
  sendJson(res, 400, { ok: false, error: { code: 'invalid_request', message } });
}

/** The request's URL, or null when it cannot be one (e.g. `//[`). */
function parseRequestUrl(target: string | undefined): URL | null {
  try {
    return new URL(target ?? '/', 'http://127.0.0.1');
  } catch {
    return null;
  }
}

/** The path with percent-escapes decoded, or null when they are malformed (`/%E0%A4%A`). */
function decodePath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

/**
 * True when the request carries no Origin (not sent by a browser page, e.g. a test's fetch) or
 * comes from the harness's own page: http:// and the same host and port it asked for.
 */
export function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  if (!host) return false;
  return origin.toLowerCase() === `http://${host.toLowerCase()}`;
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(value));
}

const isEventChannel = (value: unknown): value is EventChannel =>
  typeof value === 'string' && (EVENT_CHANNELS as readonly string[]).includes(value);

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || /^(::ffff:)?127\./.test(address);
}

/** Refuses DNS-rebinding: a page on another name that resolves to 127.0.0.1 cannot call us. */
function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.replace(/:\d+$/, '');
  return name === '127.0.0.1' || name === 'localhost' || name === '[::1]';
}

function tokensMatch(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
