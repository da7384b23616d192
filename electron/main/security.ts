import type { BrowserWindowConstructorOptions } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../common/csp';

/**
 * The security settings of the desktop window, as pure data and decisions
 * that test/unit/main reads back. window.ts applies them; nothing here
 * imports Electron at run time.
 */

/** The app's own scheme: the packaged renderer is served from app://isodesk/, never from file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'isodesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

export interface WindowSpec {
  preload: string;
  placement: { x?: number; y?: number; width: number; height: number };
  icon?: string;
  /** Dev tools only in development builds. */
  devTools: boolean;
}

/** The main window's options: isolated, sandboxed, no Node, web security on, no webviews. */
export function mainWindowOptions(spec: WindowSpec): BrowserWindowConstructorOptions {
  return {
    ...spec.placement,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'ISO Desk',
    backgroundColor: '#f8f9fa',
    autoHideMenuBar: true,
    ...(spec.icon ? { icon: spec.icon } : {}),
    webPreferences: {
      preload: spec.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: spec.devTools,
    },
  };
}

/** Where the window loads from: the dev server in `npm start`, else the packaged files via app://. */
export function rendererEntry(opts: { packaged: boolean; devServerUrl?: string }): string {
  if (opts.packaged || !opts.devServerUrl) return APP_ENTRY;
  try {
    const u = new URL(opts.devServerUrl);
    if (u.protocol === 'http:' && (u.hostname === 'localhost' || u.hostname === '127.0.0.1') && !u.username && !u.password) {
      return opts.devServerUrl;
    }
  } catch {
    // not a URL: fall through
  }
  return APP_ENTRY;
}

/** scheme://host[:port] of a URL, for http(s) and the app scheme; null for anything else (file:, data:, about:). */
export function originOf(url: string | undefined | null): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol === 'http:' || u.protocol === 'https:') return u.origin;
  if (u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST) return APP_ORIGIN;
  return null;
}

/** The origins allowed to call the API: the one the window was loaded from. */
export function trustedOrigins(entry: string): string[] {
  const origin = originOf(entry);
  return origin ? [origin] : [];
}

/** An IPC message is served only from the window's own top frame on a trusted origin. */
export function isTrustedSender(sender: { url: string | undefined; isMainFrame: boolean }, trusted: readonly string[]): boolean {
  if (!sender.isMainFrame) return false;
  const origin = originOf(sender.url);
  return origin !== null && trusted.includes(origin);
}

/** will-navigate / will-redirect: only a reload of the app itself; links to anywhere else are refused. */
export function isNavigationAllowed(target: string, trusted: readonly string[]): boolean {
  const origin = originOf(target);
  return origin !== null && trusted.includes(origin);
}

/**
 * will-download: the renderer saves what it builds itself (Excel, keys,
 * bundles, receipts) through blob: URLs of the app's own origin; Electron then
 * shows the system save dialog. Anything else (a remote file, a data: URL, a
 * blob of another origin) is refused.
 */
export function isDownloadAllowed(url: string, trusted: readonly string[]): boolean {
  if (!/^blob:/i.test(url)) return false;
  const origin = originOf(url.slice('blob:'.length));
  return origin !== null && trusted.includes(origin);
}

/** window.open and target=_blank: always denied (the app has one window and shows no remote content). */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Permission requests and checks (camera, notifications, geolocation, clipboard-read…): always refused. */
export function permissionDecision(_permission: string): false {
  return false;
}

/**
 * The CSP header for the window. Packaged: exactly the app-wide policy.
 * Development only: Vite's dev server needs its inline React-refresh
 * preamble and its WebSocket.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  if (!devServerUrl) return CONTENT_SECURITY_POLICY;
  const origin = originOf(devServerUrl) ?? '';
  const ws = origin.replace(/^http/, 'ws');
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", `script-src 'self' 'unsafe-inline' ${origin}`).replace(
    "connect-src 'self'",
    `connect-src 'self' ${origin} ${ws}`,
  );
}

/** Response headers added to every page and file the window receives. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/**
 * No remote content: the window may load only its own files (app://), the
 * dev server in development, and in-memory data (data:, blob:, devtools:).
 */
export function isRequestAllowed(url: string, trusted: readonly string[]): boolean {
  if (/^(data|blob|devtools|chrome-extension):/i.test(url)) return true;
  const origin = originOf(url) ?? originOf(url.replace(/^ws(s?):/i, 'http$1:'));
  return origin !== null && trusted.includes(origin);
}

/** Response headers with ours in place of any the response carried (header names compared case-insensitively). */
export function withSecurityHeaders(
  headers: Record<string, string | string[]> | undefined,
  csp: string,
): Record<string, string[]> {
  const ours = securityHeaders(csp);
  const lowered = new Set(Object.keys(ours).map((k) => k.toLowerCase()));
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (!lowered.has(k.toLowerCase())) out[k] = Array.isArray(v) ? v : [v];
  }
  for (const [k, v] of Object.entries(ours)) out[k] = [v];
  return out;
}
