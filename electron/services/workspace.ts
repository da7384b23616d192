import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { MigrationFailedError, openDatabase, SchemaTooNewError, type OpenOptions } from '../../db/connection';
import { AppError } from '../common/errors';
import { useNativeBinding } from './backup/native';
import { recoverInterruptedRestore } from './backup/restore';
import { removePartialBackups, writeBackupSync } from './backup/write';
import type { ServiceContext } from './context';
import { removeExchangeWork } from './exchange/export';
import { damaged, requireHealthyDatabase } from './integrity';
import { storageError } from './integrity/storage-errors';
import { lockDataFolder, type InstanceKind } from './lock';
import { readSetting } from './settings';
import { ensureReferenceRecords } from './setup';

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

export interface WorkspaceOptions extends Omit<OpenOptions, 'beforeMigrate' | 'verify'> {
  /** A fixed clock for tests and demos. */
  now?: () => Date;
  /** Who opens the folder, shown to a second opener (one instance per data folder). */
  instance?: InstanceKind;
}

/**
 * Opens a data folder: takes its lock (one app instance per folder), tidies
 * what a crash may have left (half backups, an interrupted restore, bundle
 * working copies), checks
 * the database (quick_check: a damaged file is refused with the way out),
 * backs it up if migrations are pending, then migrates; last, a folder set
 * up by an older version gets the reference records it lacks (setup.ts: a
 * few one-row reads when they are there).
 */
export function openWorkspace(dataDir: string, options: WorkspaceOptions = {}): Workspace {
  const now = options.now ?? (() => new Date());
  try {
    mkdirSync(dataDir, { recursive: true });
  } catch (err) {
    throw storageError(err) ?? err;
  }
  useNativeBinding(options.nativeBinding);
  const lock = lockDataFolder(dataDir, options.instance ?? 'cli');
  const file = join(dataDir, DB_FILE);
  let preMigration = '—';
  let conn;
  try {
    recoverInterruptedRestore(dataDir);
    removePartialBackups(dataDir);
    removeExchangeWork(dataDir);
    conn = openDatabase(file, {
      ...options,
      verify: (sqlite) => requireHealthyDatabase(sqlite, dataDir, file),
      beforeMigrate: (sqlite) => {
        preMigration = writeBackupSync({ sqlite, dataDir, now }, { reason: 'pre-migration' }).id;
      },
    });
  } catch (err) {
    lock.release();
    if (err instanceof SchemaTooNewError) throw new AppError('SCHEMA_TOO_NEW', { found: err.found, known: err.known });
    if (err instanceof MigrationFailedError) {
      const cause = err.cause instanceof Error ? err.cause.message : String(err.cause);
      throw new AppError('MIGRATION_FAILED', { details: cause.slice(0, 300), backup: preMigration });
    }
    const mapped = storageError(err);
    if (mapped?.code === 'DB_DAMAGED') throw damaged(dataDir, file, String(mapped.params.details));
    throw mapped ?? err;
  }
  const ctx: Workspace = {
    db: conn.db,
    sqlite: conn.sqlite,
    dataDir,
    actor: () => readSetting(ctx, 'operator') ?? 'system',
    now,
    // A restore swaps ctx.sqlite: close whichever connection is current.
    close: () => {
      if (ctx.sqlite.open) ctx.sqlite.close();
      lock.release();
    },
  };
  // A read-only open writes nothing (as it migrates nothing): the records come at the next ordinary open.
  if (!options.readonly) {
    try {
      ensureReferenceRecords(ctx);
    } catch (err) {
      ctx.close();
      throw storageError(err) ?? err;
    }
  }
  return ctx;
}
