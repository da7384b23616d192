import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultDataDir } from '../services/workspace';

/**
 * What the desktop app was asked to do on the command line, as pure logic:
 * which data folder, and which bundle files to open. Used for the first
 * launch and, through the single-instance lock's message, for a second
 * launch that hands its files to the running window.
 */

/** The extension registered with the OS for bundle files (electron-builder fileAssociations). */
export const BUNDLE_EXTENSION = 'isodesk';
/** Extensions accepted as bundles on the command line: the registered one and the plain zip the exchange writes. */
export const BUNDLE_EXTENSIONS = [BUNDLE_EXTENSION, 'zip'] as const;

export interface LaunchRequest {
  /** Absolute data folder: --data-dir, else ISODESK_DATA_DIR, else the per-OS default. */
  dataDir: string;
  /** Absolute paths of bundle files to open (existence is checked later, by the import preview). */
  files: string[];
  /** Arguments that were neither switches nor bundle files (reported in the log, otherwise ignored). */
  ignored: string[];
}

export interface LaunchContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /**
   * True when run as `electron .` / `electron out/main/index.js` (process.defaultApp):
   * then argv[1] is the app path, not a user argument.
   */
  defaultApp: boolean;
}

export function isBundlePath(p: string): boolean {
  const lower = p.toLowerCase();
  return BUNDLE_EXTENSIONS.some((ext) => lower.endsWith(`.${ext}`) && lower.length > ext.length + 1);
}

/** A file argument as the OS hands it over: a path (relative to the launch folder) or a file:// URL (Linux desktops). */
function toPath(arg: string, cwd: string): string | null {
  if (/^file:\/\//i.test(arg)) {
    try {
      return fileURLToPath(arg);
    } catch {
      return null;
    }
  }
  return isAbsolute(arg) ? resolve(arg) : resolve(cwd, arg);
}

/** Reads argv (process.argv of this or of a second instance). Unknown switches (Chromium's, macOS -psn_…) are skipped. */
export function parseLaunchArgs(argv: readonly string[], ctx: LaunchContext): LaunchRequest {
  const args = argv.slice(ctx.defaultApp ? 2 : 1);
  const files: string[] = [];
  const ignored: string[] = [];
  let dataDir: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') continue;
    if (arg === '--data-dir') {
      const value = args[i + 1];
      if (value !== undefined && !value.startsWith('--')) {
        dataDir = value;
        i++;
      }
      continue;
    }
    if (arg.startsWith('--data-dir=')) {
      dataDir = arg.slice('--data-dir='.length) || undefined;
      continue;
    }
    if (arg.startsWith('-')) continue; // --inspect, --no-sandbox, -psn_0_12345 …
    const path = isBundlePath(arg) ? toPath(arg, ctx.cwd) : null;
    if (path && !files.includes(path)) files.push(path);
    else if (!path) ignored.push(arg);
  }
  const env = dataDir ? { ...ctx.env, ISODESK_DATA_DIR: resolve(ctx.cwd, dataDir) } : ctx.env;
  return { dataDir: defaultDataDir(env, ctx.platform ?? process.platform), files, ignored };
}

/**
 * Chromium's profile folder for a data folder. Electron's single-instance
 * lock is per profile folder, so putting the profile inside the data folder
 * makes the lock "one app per data folder".
 */
export function profileDirFor(dataDir: string): string {
  return join(dataDir, 'electron-profile');
}

/** The message a second launch sends to the first (app.requestSingleInstanceLock's additionalData). */
export interface SecondInstanceMessage {
  files: string[];
}

/** Checks a message from another process: only absolute bundle paths get through, at most 20. */
export function readSecondInstanceMessage(data: unknown): SecondInstanceMessage {
  const raw = data && typeof data === 'object' && Array.isArray((data as { files?: unknown }).files) ? (data as { files: unknown[] }).files : [];
  const files = raw
    .filter((f): f is string => typeof f === 'string' && f.length < 4096 && isAbsolute(f) && isBundlePath(f))
    .slice(0, 20);
  return { files };
}

/**
 * Files waiting for the window: a bundle opened before the renderer listens
 * (first launch, macOS open-file before ready) is queued and handed over
 * when the renderer says it is ready.
 */
export class PendingFiles {
  private queue: string[] = [];
  private ready = false;
  constructor(private readonly deliver: (files: string[]) => void) {}

  add(files: readonly string[]): void {
    const fresh = files.filter((f) => !this.queue.includes(f));
    if (fresh.length === 0) return;
    if (this.ready) this.deliver([...fresh]);
    else this.queue.push(...fresh);
  }

  /** The renderer listens (again, after a reload): flush the queue. */
  markReady(): void {
    this.ready = true;
    const files = this.queue.splice(0);
    if (files.length) this.deliver(files);
  }

  /** The window went away or reloads: queue until it is ready again. */
  markNotReady(): void {
    this.ready = false;
  }
}
