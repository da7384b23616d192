import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase, SchemaTooNewError, type OpenOptions } from '../../db/connection';
import { AppError } from '../common/errors';
import type { ServiceContext } from './context';
import { readSetting } from './settings';

export const DB_FILE = 'isodesk.db';

/**
 * Where the data lives when nothing says otherwise: the same folder
 * Electron's userData uses for "ISO Desk", so the desktop app, the browser
 * preview and the CLI share one database.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.ISODESK_DATA_DIR) return resolve(env.ISODESK_DATA_DIR);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'ISO Desk');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'ISO Desk');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'ISO Desk');
}

export interface Workspace extends ServiceContext {
  close(): void;
}

export interface WorkspaceOptions extends OpenOptions {
  /** A fixed clock for tests and demos. */
  now?: () => Date;
}

/** Opens a data folder: creates it, opens and migrates its database. */
export function openWorkspace(dataDir: string, options: WorkspaceOptions = {}): Workspace {
  mkdirSync(dataDir, { recursive: true });
  let conn;
  try {
    conn = openDatabase(join(dataDir, DB_FILE), options);
  } catch (err) {
    if (err instanceof SchemaTooNewError) throw new AppError('SCHEMA_TOO_NEW', { found: err.found, known: err.known });
    throw err;
  }
  const ctx: Workspace = {
    db: conn.db,
    sqlite: conn.sqlite,
    dataDir,
    actor: () => readSetting(ctx, 'operator') ?? 'system',
    now: options.now ?? (() => new Date()),
    close: () => conn.close(),
  };
  return ctx;
}
