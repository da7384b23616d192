import { renameSync, rmSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { backupsRoot, listBackupsIn, partialFolder, type BackupInfo } from './store';

export const KEEP = { newest: 3, daily: 7, weekly: 4, monthly: 12 } as const;

const dayOf = (iso: string) => iso.slice(0, 10);
const monthOf = (iso: string) => iso.slice(0, 7);
/** The Monday (UTC) of the ISO week holding the date. */
function weekOf(iso: string): string {
  const d = new Date(`${dayOf(iso)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** Newest backup in each of the `count` most recent periods. */
function newestPerPeriod(backups: BackupInfo[], key: (iso: string) => string, count: number): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const b of backups) {
    const k = key(b.createdAt);
    if (seen.has(k)) continue;
    seen.add(k);
    kept.push(b.id);
    if (seen.size === count) break;
  }
  return kept;
}

/**
 * Which backups rotation keeps (grandfather-father-son): the newest of each
 * of the last 7 days, 4 weeks and 12 months that have backups, and the 3
 * newest whatever they are. Manual backups and emergency copies of damaged
 * databases are never removed automatically. `backups` is newest first.
 */
export function backupsToKeep(backups: BackupInfo[]): Set<string> {
  const keep = new Set<string>();
  for (const b of backups) if (b.reason === 'manual' || !b.verified) keep.add(b.id);
  const automatic = backups.filter((b) => !keep.has(b.id));
  automatic.slice(0, KEEP.newest).forEach((b) => keep.add(b.id));
  newestPerPeriod(automatic, dayOf, KEEP.daily).forEach((id) => keep.add(id));
  newestPerPeriod(automatic, weekOf, KEEP.weekly).forEach((id) => keep.add(id));
  newestPerPeriod(automatic, monthOf, KEEP.monthly).forEach((id) => keep.add(id));
  return keep;
}

/**
 * Deletes a backup folder without ever leaving a half-deleted one that still
 * looks like a backup: it is first renamed to a partial name (which is not
 * listed, and is removed at the next start if a crash comes first).
 */
export function removeBackupFolder(path: string): void {
  const doomed = partialFolder(dirname(path), basename(path));
  renameSync(path, doomed);
  rmSync(doomed, { recursive: true, force: true });
}

/** Deletes the automatic backups rotation no longer keeps; returns their ids. */
export function rotateBackups(dataDir: string): string[] {
  const backups = listBackupsIn(backupsRoot(dataDir));
  const keep = backupsToKeep(backups);
  const removed: string[] = [];
  for (const b of backups) {
    if (keep.has(b.id)) continue;
    removeBackupFolder(b.path);
    removed.push(b.id);
  }
  return removed;
}
