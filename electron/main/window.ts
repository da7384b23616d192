import { app, BrowserWindow, screen, type Session, type WebContents } from 'electron';
import { join } from 'node:path';
import type { Logger } from './log';
import {
  isDownloadAllowed,
  isNavigationAllowed,
  isRequestAllowed,
  mainWindowOptions,
  permissionDecision,
  windowOpenDecision,
  withSecurityHeaders,
} from './security';
import { placeWindow, readWindowState, writeWindowState, type Rect } from './window-state';

/**
 * Applies the pure decisions of security.ts to Electron objects. Kept thin:
 * every choice made here is tested in test/unit/main through security.ts.
 */

/** Session-wide rules: CSP and friends on every response, no remote requests, no permissions, downloads only of the app's own files. */
export function hardenSession(ses: Session, opts: { csp: string; trusted: readonly string[]; log: Logger }): void {
  ses.setPermissionRequestHandler((_wc, permission, callback) => {
    opts.log.warn(`Permission request refused: ${permission}`);
    callback(permissionDecision(permission));
  });
  ses.setPermissionCheckHandler((_wc, permission) => permissionDecision(permission));
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isRequestAllowed(details.url, opts.trusted);
    if (!allowed) opts.log.warn(`Blocked request to ${details.url.slice(0, 200)}`);
    callback({ cancel: !allowed });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders, opts.csp) });
  });
  ses.on('will-download', (event, item) => {
    if (!isDownloadAllowed(item.getURL(), opts.trusted)) {
      event.preventDefault();
      opts.log.warn(`Download refused: ${item.getURL().slice(0, 200)}`);
      return;
    }
    // No save path set: Electron asks the user where to save, starting in Downloads.
    item.setSaveDialogOptions({ defaultPath: join(app.getPath('downloads'), item.getFilename()) });
  });
}

/** Rules for every web contents the app ever creates (the window, and anything that might slip in). */
export function hardenContents(contents: WebContents, opts: { trusted: readonly string[]; log: Logger }): void {
  contents.setWindowOpenHandler(({ url }) => {
    opts.log.warn(`window.open refused: ${url.slice(0, 200)}`);
    return windowOpenDecision();
  });
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (!isNavigationAllowed(url, opts.trusted)) {
      event.preventDefault();
      opts.log.warn(`Navigation refused: ${url.slice(0, 200)}`);
    }
  };
  contents.on('will-navigate', (event) => guard(event, event.url));
  contents.on('will-frame-navigate', (event) => guard(event, event.url));
  contents.on('will-redirect', (event) => guard(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export interface MainWindowParams {
  dataDir: string;
  preload: string;
  entry: string;
  devTools: boolean;
  icon?: string;
  log: Logger;
}

/** The one main window: placed where it was last time, shown when ready, its bounds saved on close. */
export function createMainWindow(p: MainWindowParams): BrowserWindow {
  const areas: Rect[] = [screen.getPrimaryDisplay(), ...screen.getAllDisplays()].map((d) => d.workArea);
  const placement = placeWindow(readWindowState(p.dataDir), areas);
  const win = new BrowserWindow(
    mainWindowOptions({
      preload: p.preload,
      placement: { x: placement.x, y: placement.y, width: placement.width, height: placement.height },
      icon: p.icon,
      devTools: p.devTools,
    }),
  );
  if (placement.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    if (win.isDestroyed() || win.isMinimized()) return;
    try {
      writeWindowState(p.dataDir, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (err) {
      p.log.warn(`Cannot save the window position: ${String(err)}`);
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 1000);
  };
  win.on('resized', later);
  win.on('moved', later);
  win.on('maximize', later);
  win.on('unmaximize', later);
  win.on('close', () => {
    clearTimeout(timer);
    save();
  });

  void win.loadURL(p.entry).catch((err: unknown) => p.log.error(`Cannot load ${p.entry}`, err));
  return win;
}

/** Brings the window to the front (second launch, file opened). */
export function focusWindow(win: BrowserWindow | null): void {
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
