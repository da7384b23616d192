import { copyFileSync, cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { knownSchemaVersion, openDatabase } from '../../../db/connection';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';
import { storageError } from '../integrity/storage-errors';
import { sideNativeBinding } from './native';
import { ATTACHMENTS_DIR, BACKUP_DB, resolveBackup, type BackupInfo } from './store';
import { copyRawFiles, verifyBackupFolder, writeBackup } from './write';

/**
 * Restoring swaps whole files, so it is as crash-safe as a rename:
 *   1. the chosen backup is checked (integrity, row counts, attachment hashes);
 *   2. the current state is backed up first (reason "pre-restore");
 *   3. the backup's database is staged as `isodesk.db.restoring` and brought
 *      up to this build's schema; its attachments as `attachments.restoring`;
 *   4. the live connection is closed, `isodesk.db.restoring` renamed over
 *      `isodesk.db` (the commit point), the attachment folders swapped and the
 *      connection reopened.
 * A crash before the commit point leaves the old data (the stage is thrown
 * away at next start); after it, the next start finishes the attachments swap.
 */

const DB_FILE = 'isodesk.db';
const STAGED_DB = 'isodesk.db.restoring';
const STAGED_ATTACHMENTS = 'attachments.restoring';
const OLD_ATTACHMENTS = 'attachments.old';

export interface RestoreOptions {
  migrationsFolder?: string;
}

export interface RestoreResult {
  restored: string;
  restoredCreatedAt: string;
  /** The backup of the state that was replaced. */
  safetyBackup: string | null;
  rows: number;
}

function removeDbFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

/** Makes the attachments folder the staged one (the second half of a commit). */
function swapAttachments(dataDir: string): void {
  const staged = join(dataDir, STAGED_ATTACHMENTS);
  if (!existsSync(staged)) return;
  const current = join(dataDir, ATTACHMENTS_DIR);
  const old = join(dataDir, OLD_ATTACHMENTS);
  if (existsSync(current)) {
    rmSync(old, { recursive: true, force: true });
    renameSync(current, old);
  }
  renameSync(staged, current);
  rmSync(old, { recursive: true, force: true });
}

/** Finishes or discards a restore a crash interrupted (called at start, under the folder lock). */
export function recoverInterruptedRestore(dataDir: string): void {
  const stagedDb = join(dataDir, STAGED_DB);
  if (existsSync(stagedDb)) {
    // Not committed: the old data is still in place.
    removeDbFiles(stagedDb);
    rmSync(join(dataDir, STAGED_ATTACHMENTS), { recursive: true, force: true });
    return;
  }
  swapAttachments(dataDir);
  rmSync(join(dataDir, OLD_ATTACHMENTS), { recursive: true, force: true });
}

/** The live workspace whose connection the restore replaces. */
type Live = Pick<ServiceContext, 'sqlite' | 'db' | 'dataDir' | 'now'>;

/**
 * Restores a backup (an id from the list or the path of a backup folder) into
 * a data folder. With `live`, the running workspace's connection is swapped
 * in place; without it (the database is damaged and cannot be opened), the
 * current files are kept as an unverified emergency copy first.
 */
export async function restoreBackup(
  target: { dataDir: string; now(): Date; live?: Live },
  ref: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const { dataDir, live } = target;
  const source = resolveBackup(dataDir, ref);
  const { manifest } = source;
  if (!manifest.verified) throw new AppError('BACKUP_INVALID', { backup: source.id, details: 'unverified emergency copy' });
  const known = knownSchemaVersion(options.migrationsFolder);
  if (manifest.schemaVersion > known) {
    throw new AppError('BACKUP_TOO_NEW', { backup: source.id, found: manifest.schemaVersion, known });
  }
  const problems = verifyBackupFolder(source.path, manifest, { rehashAll: true });
  if (problems.length) throw new AppError('BACKUP_INVALID', { backup: source.id, details: problems.slice(0, 3).join('; ') });

  const dbFile = join(dataDir, DB_FILE);
  let safety: BackupInfo | null;
  if (live) {
    try {
      safety = await writeBackup({ sqlite: live.sqlite, dataDir, now: target.now }, { reason: 'pre-restore' });
    } catch (err) {
      // A state too damaged to back up properly is still kept, byte for byte.
      if (err instanceof AppError && err.code !== 'BACKUP_VERIFY_FAILED' && err.code !== 'DB_DAMAGED') throw err;
      safety = copyRawFiles(dataDir, dbFile, target.now(), 'pre-restore-damaged');
    }
  } else {
    safety = copyRawFiles(dataDir, dbFile, target.now(), 'pre-restore-damaged');
  }

  const stagedDb = join(dataDir, STAGED_DB);
  const stagedAttachments = join(dataDir, STAGED_ATTACHMENTS);
  try {
    removeDbFiles(stagedDb);
    rmSync(stagedAttachments, { recursive: true, force: true });
    copyFileSync(join(source.path, BACKUP_DB), stagedDb);
    // Brings an older backup up to this build's schema; closing folds the WAL back in.
    openDatabase(stagedDb, { migrationsFolder: options.migrationsFolder, nativeBinding: sideNativeBinding() }).close();
    const from = join(source.path, ATTACHMENTS_DIR);
    if (existsSync(from)) cpSync(from, stagedAttachments, { recursive: true });
    else mkdirSync(stagedAttachments);
  } catch (err) {
    removeDbFiles(stagedDb);
    rmSync(stagedAttachments, { recursive: true, force: true });
    throw storageError(err) ?? err;
  }

  // The swap: synchronous, so no API call runs against a closed connection.
  if (live) live.sqlite.close();
  // The old file's WAL must not be replayed onto the new file; the rename replaces the file itself atomically.
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(dbFile + suffix, { force: true });
  renameSync(stagedDb, dbFile);
  swapAttachments(dataDir);
  if (live) {
    const conn = openDatabase(dbFile, { migrationsFolder: options.migrationsFolder, nativeBinding: sideNativeBinding() });
    live.sqlite = conn.sqlite;
    live.db = conn.db;
  }
  return {
    restored: source.id,
    restoredCreatedAt: manifest.createdAt,
    safetyBackup: safety?.id ?? null,
    rows: Object.values(manifest.counts).reduce((s, n) => s + n, 0),
  };
}
