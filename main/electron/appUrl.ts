/**
 * The app's own origin. The UI is served from app://factcheck/ (see protocol.ts), never file://, so
 * every security check compares against this one origin.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'factcheck';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * True for app://factcheck/… exactly: no other host, no port, no credentials. (Node's URL reports the
 * origin of a custom scheme as "null", so the parts are compared one by one.)
 */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** http(s) URLs are the only ones the app hands to the system browser, after asking. */
export function externalHttpUrl(url: string): string | null {
  const parsed = parse(url);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return null;
  if (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}
