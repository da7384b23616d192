import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';
import { ensureReferenceRecords } from '../setup';
import { restoreBackup, type RestoreOptions, type RestoreResult } from './restore';
import { removeBackupFolder, rotateBackups } from './rotate';
import { backupsRoot, listBackupsIn, type BackupInfo } from './store';
import { writeBackup, writeBackupSync, writeMark, writeMarkedBackup, type BackupCheck } from './write';

export type { BackupInfo } from './store';
export type { RestoreResult } from './restore';
export { latestGoodBackup, listBackupsIn } from './store';
export { recoverInterruptedRestore, restoreBackup } from './restore';
export { removePartialBackups, verifyBackupFolder, writeBackup, writeBackupSync, type BackupCheck } from './write';
export { rotateBackups, backupsToKeep } from './rotate';

/** The backups kept in the data folder, newest first. */
export function listBackups(ctx: Pick<ServiceContext, 'dataDir'>): BackupInfo[] {
  return listBackupsIn(backupsRoot(ctx.dataDir));
}

/** A folder the user chose for a backup: absolute, existing, a folder. */
function chosenFolder(path: string): string {
  if (!isAbsolute(path) || path.includes('\0')) throw new AppError('BACKUP_FOLDER_INVALID', { path: path.slice(0, 200), details: 'not an absolute path' });
  const full = resolve(path);
  const stat = statSync(full, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) throw new AppError('BACKUP_FOLDER_INVALID', { path: full, details: 'no such folder' });
  return full;
}

/**
 * "Back up now": a verified backup into the data folder's backups or into a
 * folder the user chose (a USB stick). Manual backups are never rotated away.
 */
export async function backupNow(ctx: ServiceContext, input: { folder?: string } = {}): Promise<BackupInfo> {
  const folder = input.folder ? chosenFolder(input.folder) : undefined;
  return writeBackup(ctx, { reason: 'manual', folder });
}

/**
 * A verified automatic backup before a risky operation, then rotation.
 * The exchange (bundle) area calls `await backupBefore(ctx, 'bundle-import', { check: 'quick' })`
 * before applying a bundle, outside its import transaction. The reason
 * becomes part of the folder name ("pre-bundle-import"). `check`: see BackupCheck.
 */
export async function backupBefore(ctx: ServiceContext, reason: string, options: { check?: BackupCheck } = {}): Promise<BackupInfo> {
  const info = await writeBackup(ctx, { reason: `pre-${reason}`, check: options.check });
  rotateBackups(ctx.dataDir);
  return info;
}

/** A backup before an operation, started ahead of it: see startBackupBefore. */
export interface PendingBackup {
  /** Settles once the backup is written and verified, or has failed. */
  readonly done: Promise<BackupInfo>;
  /**
   * After `done`: the backup, kept (and rotation run) if nothing has been
   * written to the database since its copy was completed, so that it holds
   * exactly the state the operation starts from; null otherwise (the caller
   * then takes a new one with backupBefore). Synchronous: nothing can write
   * between this check and the caller's next synchronous step.
   */
  take(): BackupInfo | null;
  /** Removes the backup (once settled) unless it was taken. */
  discard(): Promise<void>;
}

/**
 * backupBefore, started ahead of the operation, so that the copy is made
 * while the caller does other work (the bundle import reads and checks its
 * bundle meanwhile). A backup the operation does not go on to use (the
 * bundle is refused) is discarded, never rotated in.
 */
export function startBackupBefore(ctx: ServiceContext, reason: string, options: { check?: BackupCheck } = {}): PendingBackup {
  const work = writeMarkedBackup(ctx, { reason: `pre-${reason}`, check: options.check });
  let settled: { info: BackupInfo; mark: string } | null = null;
  let used = false;
  const done = work.then((w) => {
    settled = w;
    return w.info;
  });
  done.catch(() => {}); // the caller hears of a failure when it awaits done; until then it is not unhandled
  return {
    done,
    take() {
      if (!settled) throw new Error('take() before the backup is done');
      if (used || writeMark(ctx.sqlite) !== settled.mark) return null;
      used = true;
      rotateBackups(ctx.dataDir);
      return settled.info;
    },
    async discard() {
      await done.catch(() => {});
      if (settled && !used) removeBackupFolder(settled.info.path);
      used = true;
    },
  };
}

/**
 * The same for synchronous callers (VACUUM INTO); must be called outside any
 * open transaction.
 */
export function backupBeforeSync(ctx: ServiceContext, reason: string): BackupInfo {
  const info = writeBackupSync(ctx, { reason: `pre-${reason}` });
  rotateBackups(ctx.dataDir);
  return info;
}

/** Restores a backup into the running workspace; the current state is backed up first. */
export async function restore(ctx: ServiceContext, ref: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const result = await restoreBackup({ dataDir: ctx.dataDir, now: () => ctx.now(), live: ctx }, ref, options);
  rotateBackups(ctx.dataDir);
  // A backup from an older version may lack them, as an older folder does at open.
  ensureReferenceRecords(ctx);
  return result;
}

/** Takes today's automatic backup unless one exists; rotates. Resolves to the new backup or null. */
export async function dailyBackupIfDue(ctx: ServiceContext): Promise<BackupInfo | null> {
  const today = ctx.now().toISOString().slice(0, 10);
  if (listBackups(ctx).some((b) => b.verified && b.createdAt.slice(0, 10) === today)) return null;
  const info = await writeBackup(ctx, { reason: 'daily' });
  rotateBackups(ctx.dataDir);
  return info;
}

/**
 * Daily backups while the app is open: checks now and then every hour.
 * The desktop app and `isodesk serve` start it; it never keeps the process
 * alive. Returns a function that stops it.
 */
export function startAutomaticBackups(
  ctx: ServiceContext,
  options: { everyMs?: number; onError?: (err: unknown) => void; onBackup?: (b: BackupInfo) => void } = {},
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const b = await dailyBackupIfDue(ctx);
      if (b) options.onBackup?.(b);
    } catch (err) {
      options.onError?.(err);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), options.everyMs ?? 60 * 60 * 1000);
  timer.unref?.();
  return () => clearInterval(timer);
}
