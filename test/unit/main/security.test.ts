import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/common/csp';
import {
  APP_ENTRY,
  APP_ORIGIN,
  contentSecurityPolicy,
  isDownloadAllowed,
  isNavigationAllowed,
  isRequestAllowed,
  isTrustedSender,
  mainWindowOptions,
  originOf,
  permissionDecision,
  rendererEntry,
  trustedOrigins,
  windowOpenDecision,
  withSecurityHeaders,
} from '../../../electron/main/security';

const spec = { preload: '/app/out/preload/index.cjs', placement: { width: 1280, height: 800 }, devTools: false };

describe('main window options', () => {
  it('pins isolation, sandbox, no Node, web security and no webviews', () => {
    const web = mainWindowOptions(spec).webPreferences!;
    expect(web).toMatchObject({
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
      devTools: false,
      preload: spec.preload,
    });
    // Nothing that loosens the sandbox sneaks in.
    expect(Object.keys(web)).not.toContain('enableBlinkFeatures');
    expect(Object.keys(web)).not.toContain('additionalArguments');
  });

  it('opens hidden (shown when ready) at the placement given, with a sensible minimum size', () => {
    const o = mainWindowOptions({ ...spec, placement: { x: 10, y: 20, width: 1000, height: 700 } });
    expect(o).toMatchObject({ show: false, x: 10, y: 20, width: 1000, height: 700, minWidth: 960, minHeight: 600, title: 'ISO Desk' });
  });
});

describe('where the window loads from', () => {
  it('is app://isodesk when packaged, even if a dev server URL is set', () => {
    expect(rendererEntry({ packaged: true, devServerUrl: 'http://localhost:5173' })).toBe(APP_ENTRY);
    expect(rendererEntry({ packaged: false })).toBe(APP_ENTRY);
  });

  it('is the local dev server only in development, and only on localhost', () => {
    expect(rendererEntry({ packaged: false, devServerUrl: 'http://localhost:5173/' })).toBe('http://localhost:5173/');
    expect(rendererEntry({ packaged: false, devServerUrl: 'https://evil.example/' })).toBe(APP_ENTRY);
    expect(rendererEntry({ packaged: false, devServerUrl: 'http://localhost.evil.example/' })).toBe(APP_ENTRY);
    expect(rendererEntry({ packaged: false, devServerUrl: 'http://localhost@evil.example/' })).toBe(APP_ENTRY);
  });
});

describe('IPC sender check', () => {
  const trusted = trustedOrigins(APP_ENTRY);

  it('trusts only the app origin', () => {
    expect(trusted).toEqual([APP_ORIGIN]);
    expect(originOf('app://isodesk/index.html#/units')).toBe(APP_ORIGIN);
    expect(originOf('app://other/index.html')).toBeNull();
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });

  it('serves the top frame of the app and refuses frames, other origins and files', () => {
    expect(isTrustedSender({ url: 'app://isodesk/index.html', isMainFrame: true }, trusted)).toBe(true);
    expect(isTrustedSender({ url: 'app://isodesk/index.html', isMainFrame: false }, trusted)).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true }, trusted)).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/x.html', isMainFrame: true }, trusted)).toBe(false);
    expect(isTrustedSender({ url: 'about:blank', isMainFrame: true }, trusted)).toBe(false);
    expect(isTrustedSender({ url: undefined, isMainFrame: true }, trusted)).toBe(false);
  });

  it('trusts the dev server origin in development only, not other ports', () => {
    const dev = trustedOrigins('http://localhost:5173/');
    expect(isTrustedSender({ url: 'http://localhost:5173/#/board', isMainFrame: true }, dev)).toBe(true);
    expect(isTrustedSender({ url: 'http://localhost:5174/', isMainFrame: true }, dev)).toBe(false);
  });
});

describe('navigation, new windows, permissions, remote content', () => {
  const trusted = [APP_ORIGIN];

  it('denies navigation away from the app', () => {
    expect(isNavigationAllowed('app://isodesk/index.html', trusted)).toBe(true);
    for (const url of ['https://example.com/', 'http://127.0.0.1:8080/', 'file:///C:/Windows/', 'javascript:alert(1)', 'data:text/html,<b>x', 'app://other/']) {
      expect(isNavigationAllowed(url, trusted), url).toBe(false);
    }
  });

  it('denies every window.open and every permission', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial']) {
      expect(permissionDecision(p)).toBe(false);
    }
  });

  it('lets the window load only its own files and in-memory data', () => {
    expect(isRequestAllowed('app://isodesk/assets/index.js', trusted)).toBe(true);
    expect(isRequestAllowed('data:image/png;base64,AAAA', trusted)).toBe(true);
    expect(isRequestAllowed('blob:app://isodesk/123', trusted)).toBe(true);
    for (const url of ['https://fonts.googleapis.com/css', 'http://localhost:5173/', 'file:///etc/passwd', 'ws://localhost:5173/', 'ftp://x/']) {
      expect(isRequestAllowed(url, trusted), url).toBe(false);
    }
    const dev = ['http://localhost:5173'];
    expect(isRequestAllowed('ws://localhost:5173/', dev)).toBe(true);
    expect(isRequestAllowed('https://cdn.example/x.js', dev)).toBe(false);
  });
});

describe('downloads', () => {
  const trusted = trustedOrigins(APP_ENTRY);

  it("saves the app's own in-memory files (Excel, keys, bundles, receipts) through the save dialog", () => {
    expect(isDownloadAllowed('blob:app://isodesk/6f1c2d7e-1111-4a2b-9c3d-000000000000', trusted)).toBe(true);
    expect(isDownloadAllowed('blob:http://localhost:5173/abc', ['http://localhost:5173'])).toBe(true);
  });

  it('refuses remote files, data: URLs, files and blobs of any other origin', () => {
    for (const url of [
      'https://example.com/setup.exe',
      'http://localhost:5173/x.xlsx',
      'data:application/octet-stream;base64,AAAA',
      'file:///etc/passwd',
      'blob:https://evil.example/abc',
      'blob:null/abc',
      'blob:',
      'app://isodesk/index.html',
    ]) {
      expect(isDownloadAllowed(url, trusted), url).toBe(false);
    }
    expect(isDownloadAllowed('blob:http://localhost:5173/abc', trusted)).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  it('is exactly the app-wide strict policy when packaged', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval|\*|https?:/);
  });

  it('opens only the dev server (never eval) in development', () => {
    const csp = contentSecurityPolicy('http://localhost:5173/');
    expect(csp).toContain("connect-src 'self' http://localhost:5173 ws://localhost:5173");
    expect(csp).not.toContain('unsafe-eval');
  });

  it('replaces whatever CSP a response carried, case-insensitively, and keeps other headers', () => {
    const out = withSecurityHeaders({ 'content-security-policy': ["default-src *"], 'Content-Type': 'text/html' }, CONTENT_SECURITY_POLICY);
    expect(out['content-security-policy']).toBeUndefined();
    expect(out['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(out['Content-Type']).toEqual(['text/html']);
    expect(out['X-Content-Type-Options']).toEqual(['nosniff']);
  });
});
