import { protocol, type Session } from 'electron';
import fs from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../services/contentSecurity';
import { APP_HOST, APP_SCHEME, isAppUrl } from './appUrl';

/**
 * app:// must be registered as privileged before the app is ready: "standard" gives it real origins
 * and relative URLs, "secure" makes it a secure context like https.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
  ]);
}

export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

export function mimeTypeOf(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every answer, files and errors alike. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

/** The minimum of a fetch Request the handler reads (tests pass plain objects). */
export interface ProtocolRequest {
  url: string;
  method: string;
}

export type ProtocolHandler = (request: ProtocolRequest) => Promise<Response>;

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/**
 * Where a URL path points inside root, or a status: 404 for what is not there, 403 for anything that
 * tries to leave root (dot segments, encoded slashes, backslashes, NUL).
 */
export function resolveInside(root: string, urlPath: string): { file: string } | { status: 403 | 404 } {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { status: 404 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { status: 403 };
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return { status: 403 };
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const file = path.resolve(root, relative);
  const fromRoot = path.relative(root, file);
  if (fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) return { status: 403 };
  return { file };
}

/**
 * Serves the files of rootDir (dist/renderer) at app://factcheck/. Only GET and HEAD, only our host,
 * only regular files whose real path (after symlinks) is still inside rootDir.
 */
export function createAppProtocolHandler(rootDir: string): ProtocolHandler {
  const root = path.resolve(rootDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    if (!isAppUrl(request.url)) return plain(404, 'Not found');
    const url = new URL(request.url);
    if (url.hostname.toLowerCase() !== APP_HOST) return plain(404, 'Not found');
    const target = resolveInside(root, url.pathname);
    if ('status' in target) return plain(target.status, target.status === 403 ? 'Forbidden' : 'Not found');
    try {
      const [rootReal, fileReal] = await Promise.all([fs.realpath(root), fs.realpath(target.file)]);
      const fromRoot = path.relative(rootReal, fileReal);
      if (fromRoot === '' || fromRoot.startsWith('..') || path.isAbsolute(fromRoot))
        return plain(403, 'Forbidden');
      const stat = await fs.stat(fileReal);
      if (!stat.isFile()) return plain(404, 'Not found');
      const headers = {
        ...securityHeaders(),
        'Content-Type': mimeTypeOf(fileReal),
        'Content-Length': String(stat.size),
      };
      if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
      const body = await fs.readFile(fileReal);
      return new Response(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), {
        status: 200,
        headers,
      });
    } catch {
      return plain(404, 'Not found');
    }
  };
}

/** Installs the handler on a session (the default one for the window). */
export function installAppProtocol(session: Session, rootDir: string): void {
  const handler = createAppProtocolHandler(rootDir);
  session.protocol.handle(APP_SCHEME, (request) => handler(request));
}
