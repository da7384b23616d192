/**
 * The Content-Security-Policy of every page the app shows, in the desktop
 * window and in the browser preview alike: only our own scripts, no eval, no
 * remote anything. Mantine sets inline style attributes, hence 'unsafe-inline'
 * for styles only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
