/**
 * Runs the built main process (out/main/index.js) under Node with the
 * stand-in 'electron' module, drives it like Electron would, and prints one
 * JSON report on stdout. Used by test/package/main-process.pkgtest.ts.
 *   node --import ./electron-hook.mjs run-main.mjs <main.js> [argv…]
 */
const [mainJs, ...args] = process.argv.slice(2);
process.argv = [process.execPath, ...args];
const report = {};
await import(mainJs);
await new Promise((r) => setTimeout(r, 300));
const s = globalThis.__electronStandIn;
report.exitCode = s.exitCode;
report.errors = [...s.errors];
report.paths = Object.fromEntries(s.paths);
report.menu = s.menu?.template?.map((m) => m.label) ?? null;
report.singleInstanceData = s.singleInstanceData;
report.sandboxEnabled = s.sandboxEnabled;
report.privilegedSchemes = s.privilegedSchemes;
const win = s.windows[0];
if (win) {
  report.window = { loaded: win.loaded, options: win.options };
  const wc = win.webContents;
  const ev = (url, parent = null, sender = wc) => ({ sender, senderFrame: { url, parent } });
  const call = s.ipcHandlers.get('isodesk:call');
  report.calls = {
    trusted: await call(ev('app://isodesk/index.html#/board'), 'setup.state', {}),
    badInput: await call(ev('app://isodesk/index.html'), 'settings.setLanguage', { language: 'fr' }),
    unknown: await call(ev('app://isodesk/index.html'), 'system.shutdown', {}),
    otherOrigin: await call(ev('https://evil.example/'), 'setup.state', {}),
    subframe: await call(ev('app://isodesk/index.html', { url: 'app://isodesk/' }), 'setup.state', {}),
    otherContents: await call(ev('app://isodesk/index.html', null, {}), 'setup.state', {}),
  };
  const dialog = s.ipcHandlers.get('isodesk:dialog');
  report.dialogs = {
    bad: await dialog(ev('app://isodesk/index.html'), { kind: 'saveFile', defaultName: '../x' }),
    cancelled: await dialog(ev('app://isodesk/index.html'), { kind: 'openFile' }),
  };
  const serve = s.protocolHandlers.get('app');
  const page = await serve({ url: 'app://isodesk/index.html' });
  report.protocol = {
    index: { status: page.status, csp: page.headers.get('content-security-policy'), type: page.headers.get('content-type') },
    traversal: (await serve({ url: 'app://isodesk/%2e%2e/main/index.js' })).status,
    otherHost: (await serve({ url: 'app://elsewhere/index.html' })).status,
  };
  const decide = (fn, ...a) => new Promise((resolve) => fn(...a, resolve));
  report.session = {
    permission: await decide(s.session.permissionRequest, wc, 'media'),
    permissionCheck: s.session.permissionCheck(wc, 'notifications'),
    remote: await decide(s.session.beforeRequest, { url: 'https://cdn.example/x.js' }),
    own: await decide(s.session.beforeRequest, { url: 'app://isodesk/assets/x.js' }),
    headers: await decide(s.session.headersReceived, { responseHeaders: { 'content-security-policy': ['default-src *'] } }),
  };
  let prevented = 0;
  const navEvent = (url) => ({ url, preventDefault: () => prevented++ });
  wc.emit('will-navigate', navEvent('https://example.com/'));
  wc.emit('will-navigate', navEvent('app://isodesk/index.html'));
  wc.emit('will-attach-webview', navEvent('about:blank'));
  report.navigation = { prevented, windowOpen: wc.windowOpenHandler({ url: 'https://example.com/' }) };
  // Files: queued until the renderer listens, then delivered; a second launch's files go straight through.
  report.filesBeforeReady = wc.sent.length;
  s.ipcListeners.get('isodesk:ready')(ev('app://isodesk/index.html'));
  const { app } = await import('electron');
  app.emit('second-instance', {}, [], '/', { files: ['/media/usb/b.isodesk', 'relative.isodesk'] });
  report.sent = wc.sent;
  win.emit('close');
  // An uncaught error is logged and shown, not fatal.
  process.emit('uncaughtException', new Error('stand-in failure'));
  report.errorsAfterCrash = s.errors.length;
  app.emit('will-quit');
}
process.stdout.write(`\n@@REPORT@@${JSON.stringify(report)}\n`);
process.exit(0);
