import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, type IpcMainInvokeEvent } from 'electron';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRouter } from '../api/router';
import { IPC, type BridgeEnvelope, type DialogResult } from '../common/bridge';
import { AppError } from '../common/errors';
import { electronPdfPrinter, setPdfPrinter } from '../services/reports/pdf';
import { readSetting } from '../services/settings';
import { openWorkspace, type Workspace } from '../services/workspace';
import { resolveAppFile } from './app-files';
import { dialogRequestSchema, openDialogOptions, saveDialogOptions } from './dialogs';
import { parseLaunchArgs, PendingFiles, profileDirFor, readSecondInstanceMessage, type SecondInstanceMessage } from './launch';
import { crashNotice, createLogger, describeError, LOGS_DIR } from './log';
import { menuLanguage, menuTemplate } from './menu';
import { appPaths } from './paths';
import { provideSealer, safeStorageSealer } from '../api/exchange';
import {
  APP_ENTRY,
  APP_HOST,
  APP_SCHEME,
  contentSecurityPolicy,
  isTrustedSender,
  rendererEntry,
  securityHeaders,
  trustedOrigins,
} from './security';
import { createMainWindow, focusWindow, hardenContents, hardenSession } from './window';

/**
 * The desktop app's main process: the only code that imports 'electron'.
 * It opens the data folder, serves the same API router as the other
 * transports over IPC, and shows one hardened window. Every decision it
 * applies lives in a pure module next to it (tested in test/unit/main).
 */

// ---- Before ready: scheme, paths, single instance, crash logging ----------

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();

const launch = parseLaunchArgs(process.argv, { cwd: process.cwd(), env: process.env, defaultApp: process.defaultApp === true });
/** Creates the data folder's profile; false (after telling the user) when the folder cannot be written. */
function prepareDataFolder(): boolean {
  try {
    mkdirSync(profileDirFor(launch.dataDir), { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    dialog.showErrorBox(
      'ISO Desk',
      `Không tạo được thư mục dữ liệu (${code}):\n${launch.dataDir}\nHãy chọn thư mục khác bằng --data-dir hoặc kiểm tra quyền ghi.\n\n` +
        `Cannot create the data folder (${code}):\n${launch.dataDir}\nChoose another with --data-dir or check write permissions.`,
    );
    return false;
  }
  // The Chromium profile (and with it Electron's single-instance lock) lives in the data folder: one app per data folder.
  app.setPath('userData', profileDirFor(launch.dataDir));
  app.setPath('crashDumps', join(launch.dataDir, LOGS_DIR, 'crashes'));
  return true;
}
const folderReady = prepareDataFolder();
const log = createLogger(launch.dataDir);

let win: BrowserWindow | null = null;
let workspace: Workspace | null = null;
let crashShown = false;

function reportCrash(kind: string, err: unknown): void {
  log.error(kind, err);
  if (crashShown) return;
  crashShown = true;
  const notice = crashNotice(log.file, err);
  try {
    dialog.showErrorBox(notice.title, notice.message);
  } catch {
    // No UI available (very early failure): the log has it.
  }
  crashShown = false;
}

process.on('uncaughtException', (err) => reportCrash('Uncaught exception', err));
process.on('unhandledRejection', (reason) => reportCrash('Unhandled promise rejection', reason));

const pending = new PendingFiles((files) => {
  if (win && !win.isDestroyed()) win.webContents.send(IPC.openFiles, files);
});

// macOS hands opened files over as events, possibly before ready.
app.on('open-file', (event, path) => {
  event.preventDefault();
  pending.add(readSecondInstanceMessage({ files: [path] }).files);
  focusWindow(win);
});

const message: SecondInstanceMessage = { files: launch.files };
if (!folderReady) {
  app.exit(1);
} else if (!app.requestSingleInstanceLock(message)) {
  // Another ISO Desk has this data folder: it receives our files and comes to the front.
  app.exit(0);
} else {
  app.on('second-instance', (_event, _argv, _cwd, data) => {
    const { files } = readSecondInstanceMessage(data);
    log.info(`Second launch: focusing${files.length ? `, opening ${files.length} file(s)` : ''}`);
    pending.add(files);
    focusWindow(win);
  });
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      reportCrash('Start-up failed', err);
      app.exit(1);
    });
}

// ---- After ready ------------------------------------------------------------

function unauthorised(event: IpcMainInvokeEvent, trusted: readonly string[]): boolean {
  const frame = event.senderFrame;
  const ok = !!win && event.sender === win.webContents && !!frame && isTrustedSender({ url: frame.url, isMainFrame: frame.parent === null }, trusted);
  if (!ok) log.warn(`IPC refused from ${frame?.url?.slice(0, 200) ?? 'an unknown frame'}`);
  return !ok;
}

function fail(err: unknown): { ok: false; error: ReturnType<AppError['toPayload']> } {
  const payload = err instanceof AppError ? err.toPayload() : new AppError('INTERNAL', { details: describeError(err).split('\n')[0] }).toPayload();
  return { ok: false, error: payload };
}

function openError(err: unknown): string {
  if (err instanceof AppError) {
    const p = err.toPayload();
    return `${p.message.vi}\n\n${p.message.en}`;
  }
  return describeError(err).split('\n')[0];
}

async function start(): Promise<void> {
  const packaged = app.isPackaged;
  const paths = appPaths({
    packaged,
    appPath: app.getAppPath(),
    mainDir: dirname(fileURLToPath(import.meta.url)),
    electronVersion: process.versions.electron,
  });
  log.info(`ISO Desk ${app.getVersion()} (Electron ${process.versions.electron}) starting; data folder ${launch.dataDir}`);
  if (launch.ignored.length) log.info(`Ignored arguments: ${launch.ignored.join(' ')}`);

  if (!existsSync(paths.nativeBinding)) {
    const hint = packaged
      ? 'Cài đặt bị thiếu tệp better_sqlite3.node — hãy cài lại ISO Desk.\nThe installation lacks better_sqlite3.node — please reinstall ISO Desk.'
      : 'Chưa có better-sqlite3 cho Electron. Chạy `npm start` (cần Internet lần đầu).\nbetter-sqlite3 has not been built for Electron yet: run `npm start` (needs the Internet the first time).';
    log.error(`Native module missing: ${paths.nativeBinding}`);
    dialog.showErrorBox('ISO Desk', `${hint}\n\n${paths.nativeBinding}`);
    app.exit(1);
    return;
  }

  // `instance` names us to a CLI or browser preview that tries the same folder (its lock is per data folder too).
  const options = { nativeBinding: paths.nativeBinding, migrationsFolder: paths.migrationsFolder, instance: 'desktop' as const };
  try {
    workspace = openWorkspace(launch.dataDir, options);
  } catch (err) {
    log.error('Cannot open the data folder', err);
    dialog.showErrorBox('ISO Desk', `${openError(err)}\n\n${launch.dataDir}`);
    app.exit(1);
    return;
  }
  const ws = workspace;

  // The office key is sealed by the OS keychain where it is real; otherwise the exchange asks for a passphrase.
  const sealer = safeStorageSealer(safeStorage);
  if (sealer) provideSealer(ws, sealer);
  else log.info('Office key sealed with a passphrase: no OS keychain');

  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(menuLanguage(readSetting(ws, 'language')), process.platform, !packaged)));
  const router = createRouter(ws);
  // Reports print to PDF with Electron's own Chromium: a hidden window with no
  // scripts, in its own in-memory session, showing only the report's HTML.
  setPdfPrinter(
    electronPdfPrinter(async () => {
      const printer = new BrowserWindow({
        show: false,
        webPreferences: { partition: 'isodesk-print', sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
      });
      return { contents: printer.webContents, close: () => printer.destroy() };
    }),
  );
  const devServerUrl = packaged ? undefined : process.env.ELECTRON_RENDERER_URL;
  const entry = rendererEntry({ packaged, devServerUrl });
  const trusted = trustedOrigins(entry);
  const csp = contentSecurityPolicy(entry === APP_ENTRY ? undefined : entry);

  hardenSession(session.defaultSession, { csp, trusted, log });
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, { trusted, log }));

  protocol.handle(APP_SCHEME, async (request) => {
    const hit = new URL(request.url).host === APP_HOST ? resolveAppFile(paths.rendererDir, request.url) : null;
    if (!hit) return new Response('Not found', { status: 404, headers: securityHeaders(csp) });
    const body = await readFile(hit.file);
    return new Response(body, { headers: { 'Content-Type': hit.type, 'Cache-Control': 'no-store', ...securityHeaders(csp) } });
  });

  ipcMain.handle(IPC.call, async (event, method: unknown, input: unknown): Promise<BridgeEnvelope> => {
    if (unauthorised(event, trusted)) return fail(new AppError('UNAUTHORISED'));
    return router.call(typeof method === 'string' ? method : String(method), input);
  });

  ipcMain.handle(IPC.dialog, async (event, raw: unknown): Promise<DialogResult> => {
    if (unauthorised(event, trusted)) return fail(new AppError('UNAUTHORISED'));
    const parsed = dialogRequestSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail(new AppError('INVALID_INPUT', { details: `${issue.path.join('.') || 'dialog'}: ${issue.message}` }));
    }
    const req = parsed.data;
    const owner = win!;
    try {
      const folder = app.getPath('documents');
      if (req.kind === 'saveFile') {
        const r = await dialog.showSaveDialog(owner, saveDialogOptions(req, folder));
        return { ok: true, value: { paths: r.canceled || !r.filePath ? [] : [r.filePath] } };
      }
      const r = await dialog.showOpenDialog(owner, openDialogOptions(req, folder));
      return { ok: true, value: { paths: r.canceled ? [] : r.filePaths } };
    } catch (err) {
      log.error('Dialog failed', err);
      return fail(err);
    }
  });

  ipcMain.on(IPC.ready, (event) => {
    const frame = event.senderFrame;
    if (!win || event.sender !== win.webContents || !frame || !isTrustedSender({ url: frame.url, isMainFrame: frame.parent === null }, trusted)) return;
    pending.markReady();
  });

  pending.add(launch.files);
  win = createMainWindow({
    dataDir: launch.dataDir,
    preload: paths.preload,
    entry,
    devTools: !packaged,
    icon: packaged ? undefined : join(app.getAppPath(), 'build', 'icons', '512x512.png'),
    log,
  });
  win.webContents.on('did-start-loading', () => pending.markNotReady());
  win.webContents.on('render-process-gone', (_event, details) => {
    reportCrash('Window process gone', new Error(`renderer ${details.reason} (exit code ${details.exitCode})`));
    if (details.reason !== 'clean-exit' && win && !win.isDestroyed()) win.webContents.reload();
  });
  win.on('closed', () => {
    win = null;
  });
}

app.on('child-process-gone', (_event, details) => {
  if (details.reason !== 'clean-exit') log.warn(`${details.type} process gone: ${details.reason} (exit code ${details.exitCode})`);
});

app.on('window-all-closed', () => app.quit());

app.on('will-quit', () => {
  try {
    workspace?.close();
  } catch (err) {
    log.error('Closing the database failed', err);
  }
  workspace = null;
  log.info('Stopped');
});
