import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { AppError } from '../../common/errors';

/**
 * How backups are laid out on disk. A backup is a folder:
 *
 *   <dataDir>/backups/isodesk_2026-11-23_07-45-12_daily/
 *     isodesk.db       the database (a plain rollback-journal SQLite file)
 *     attachments/     the attachment store as it was (may be absent)
 *     manifest.json    written last: what is inside, row counts, hashes
 *
 * A folder is only a backup once its manifest exists; backups are written
 * under a `.partial` name and renamed at the end, so a crash never leaves a
 * half backup that looks whole.
 */

export const BACKUPS_DIR = 'backups';
export const BACKUP_DB = 'isodesk.db';
export const MANIFEST = 'manifest.json';
export const ATTACHMENTS_DIR = 'attachments';
export const PARTIAL_SUFFIX = '.partial';

/** The hidden name a backup folder has while written or removed: never listed, removed at the next open. */
export const partialFolder = (root: string, name: string): string => join(root, `.${name}${PARTIAL_SUFFIX}`);

export interface AttachmentEntry {
  /** Path inside the attachments folder, with forward slashes. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface BackupManifest {
  format: 1;
  app: 'ISO Desk';
  name: string;
  /** daily, manual, pre-migration, pre-bundle-import, pre-restore, … */
  reason: string;
  createdAt: string;
  schemaVersion: number;
  dbBytes: number;
  dbSha256: string;
  /** Rows per table at the moment of the backup; checked when verifying and restoring. */
  counts: Record<string, number>;
  attachments: AttachmentEntry[];
  /** False only for emergency copies of a damaged database. */
  verified: boolean;
}

export interface BackupInfo {
  /** The folder name; what `backup.restore` and the CLI take. */
  id: string;
  path: string;
  reason: string;
  createdAt: string;
  schemaVersion: number;
  dbBytes: number;
  attachmentCount: number;
  attachmentBytes: number;
  rows: number;
  verified: boolean;
}

export const backupsRoot = (dataDir: string): string => join(dataDir, BACKUPS_DIR);

const NAME = /^isodesk_\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2}(?:-\d+)?_[a-z0-9-]{1,40}$/;

export const isBackupName = (name: string): boolean => NAME.test(name);

/** A reason as it may appear in a folder name. */
export function cleanReason(reason: string): string {
  const r = reason
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return r || 'backup';
}

/** A fresh folder name in `root` for a backup taken at `at`. */
export function backupName(root: string, at: Date, reason: string): string {
  const stamp = at.toISOString().slice(0, 19).replace('T', '_').replace(/:/g, '-');
  const base = `isodesk_${stamp}`;
  const r = cleanReason(reason);
  let name = `${base}_${r}`;
  for (let n = 2; existsSync(join(root, name)) || existsSync(partialFolder(root, name)); n++) {
    name = `${base}-${n}_${r}`;
  }
  return name;
}

/** Read in 1 MiB chunks: a headquarters database is hundreds of megabytes (whole, it set the import's peak memory). */
export function sha256File(file: string): string {
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(1024 * 1024);
  const fd = openSync(file, 'r');
  try {
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) hash.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

export function readManifest(folder: string): BackupManifest | null {
  try {
    const m = JSON.parse(readFileSync(join(folder, MANIFEST), 'utf8')) as BackupManifest;
    return m && m.format === 1 && typeof m.createdAt === 'string' ? m : null;
  } catch {
    return null;
  }
}

export function infoOf(id: string, path: string, m: BackupManifest): BackupInfo {
  return {
    id,
    path,
    reason: m.reason,
    createdAt: m.createdAt,
    schemaVersion: m.schemaVersion,
    dbBytes: m.dbBytes,
    attachmentCount: m.attachments.length,
    attachmentBytes: m.attachments.reduce((s, a) => s + a.bytes, 0),
    rows: Object.values(m.counts).reduce((s, n) => s + n, 0),
    verified: m.verified,
  };
}

/** The backups in a folder, newest first (folders without a manifest are not backups). */
export function listBackupsIn(root: string): BackupInfo[] {
  if (!existsSync(root)) return [];
  const out: BackupInfo[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || !isBackupName(entry.name)) continue;
    const path = join(root, entry.name);
    const m = readManifest(path);
    if (m) out.push(infoOf(entry.name, path, m));
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? 1 : -1));
}

/** The newest backup that passed verification, if any: the way out of a damaged database. */
export function latestGoodBackup(dataDir: string): BackupInfo | undefined {
  return listBackupsIn(backupsRoot(dataDir)).find((b) => b.verified);
}

/**
 * Finds a backup given by the user: an id from the list (a folder name in
 * the data folder's backups) or the absolute path of a backup folder
 * elsewhere (a USB stick). Nothing but a folder holding a manifest and a
 * database is ever accepted.
 */
export function resolveBackup(dataDir: string, ref: string): { path: string; manifest: BackupManifest; id: string } {
  let path: string;
  if (isBackupName(ref)) path = join(backupsRoot(dataDir), ref);
  else if (isAbsolute(ref) && !ref.includes('\0')) path = resolve(ref);
  else throw new AppError('BACKUP_NOT_FOUND', { backup: ref.slice(0, 200) });
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) throw new AppError('BACKUP_NOT_FOUND', { backup: ref.slice(0, 200) });
  const manifest = readManifest(path);
  if (!manifest) throw new AppError('BACKUP_INVALID', { backup: ref, details: MANIFEST });
  if (!existsSync(join(path, BACKUP_DB))) throw new AppError('BACKUP_INVALID', { backup: ref, details: BACKUP_DB });
  return { path, manifest, id: path.split(/[/\\]/).pop()! };
}
