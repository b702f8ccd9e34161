/**
 * The Content-Security-Policy of every page the app shows (the Electron window, the harness page,
 * report previews). No remote content, no inline script, no eval, nothing loaded from outside.
 * Inline styles are allowed: the report preview is a self-contained HTML document (a srcdoc frame
 * inherits this policy) whose <style> and verdict colours are inline. With every fetch directive
 * closed to remote hosts, inline CSS cannot carry data anywhere.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');
