import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/index';
import {
  backupBefore,
  backupsToKeep,
  dailyBackupIfDue,
  listBackups,
  recoverInterruptedRestore,
  rotateBackups,
  startBackupBefore,
  verifyBackupFolder,
  type BackupInfo,
} from '../../../electron/services/backup';
import { readManifest } from '../../../electron/services/backup/store';
import { ensureReferenceRecords } from '../../../electron/services/setup';
import { openWorkspace } from '../../../electron/services/workspace';
import { call, tempWorkspace } from '../../support/workspace';

const extraDirs: string[] = [];
afterEach(() => {
  for (const d of extraDirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const scratch = () => {
  const d = mkdtempSync(join(tmpdir(), 'isodesk-usb-'));
  extraDirs.push(d);
  return d;
};

function putAttachment(dir: string, content: string): string {
  const sha = createHash('sha256').update(content).digest('hex');
  mkdirSync(join(dir, 'attachments', sha.slice(0, 2)), { recursive: true });
  writeFileSync(join(dir, 'attachments', sha.slice(0, 2), sha), content);
  return sha;
}

const count = (ws: { sqlite: any }, table: string) => ws.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('backups', () => {
  it('"back up now" writes a verified copy of the database and the attachments', async () => {
    const { ws, dir, router } = tempWorkspace({ demo: true });
    const sha = putAttachment(dir, 'Quyết định 123/QĐ-BHXH');
    const b = await call<BackupInfo>(router, 'backup.now', {});
    expect(b.verified).toBe(true);
    expect(b.reason).toBe('manual');
    expect(b.attachmentCount).toBe(1);
    const manifest = JSON.parse(readFileSync(join(b.path, 'manifest.json'), 'utf8'));
    expect(manifest.counts.units).toBe(count(ws, 'units'));
    expect(manifest.counts.change_log).toBe(count(ws, 'change_log'));
    expect(readFileSync(join(b.path, 'attachments', sha.slice(0, 2), sha), 'utf8')).toBe('Quyết định 123/QĐ-BHXH');
    // A backup is one self-contained file: no WAL beside it.
    expect(readdirSync(b.path).sort()).toEqual(['attachments', 'isodesk.db', 'manifest.json']);
    const listed = await call<{ backups: BackupInfo[] }>(router, 'backup.list');
    expect(listed.backups.map((x) => x.id)).toEqual([b.id]);
  });

  it('backs up to a chosen folder (a USB stick) with every attachment copied and hashed', async () => {
    const { dir, router } = tempWorkspace();
    putAttachment(dir, 'a');
    const usb = scratch();
    const b = await call<BackupInfo>(router, 'backup.now', { folder: usb });
    expect(b.path.startsWith(usb)).toBe(true);
    expect(listBackups({ dataDir: dir })).toEqual([]); // not in the data folder's list
    const bad = await router.call('backup.now', { folder: 'relative/path' });
    expect(!bad.ok && bad.error.code).toBe('BACKUP_FOLDER_INVALID');
    const missing = await router.call('backup.now', { folder: join(usb, 'nope') });
    expect(!missing.ok && missing.error.code).toBe('BACKUP_FOLDER_INVALID');
  });

  it('restores a backup after the current state is backed up first', async () => {
    const { ws, dir, router } = tempWorkspace({ demo: true });
    const keep = putAttachment(dir, 'kept');
    const b = await call<BackupInfo>(router, 'backup.now', {});
    const units = count(ws, 'units');
    const newer = putAttachment(dir, 'added after the backup');
    await call(router, 'units.create', { code: '31999', name: 'Đơn vị mới', type: 'district', parentId: (await call(router, 'setup.state')).office.id });
    expect(count(ws, 'units')).toBe(units + 1);

    const r = await call<{ restored: string; safetyBackup: string }>(router, 'backup.restore', { backup: b.id });
    expect(r.restored).toBe(b.id);
    expect(count(ws, 'units')).toBe(units);
    expect(existsSync(join(dir, 'attachments', keep.slice(0, 2), keep))).toBe(true);
    expect(existsSync(join(dir, 'attachments', newer.slice(0, 2), newer))).toBe(false);
    // The replaced state is itself a verified backup holding the new unit.
    const safety = listBackups(ws).find((x) => x.id === r.safetyBackup)!;
    expect(safety.reason).toBe('pre-restore');
    expect(safety.attachmentCount).toBe(2);
    // The app keeps working on the restored data, and writes still log.
    await call(router, 'units.create', { code: '31998', name: 'Sau khôi phục', type: 'district', parentId: (await call(router, 'setup.state')).office.id });
    expect(count(ws, 'units')).toBe(units + 1);
    ws.close();
    const again = openWorkspace(dir);
    expect(count(again, 'units')).toBe(units + 1);
    again.close();
  });

  it('a restored backup from an older version gets the reference course types, as an older folder does at open', async () => {
    const { ws, router } = tempWorkspace();
    const courses = count(ws, 'course_types');
    expect(courses).toBeGreaterThan(0);
    // What an older version's backup holds: no course type, no requirement (seeded when training was first used).
    ws.sqlite.exec('DELETE FROM role_requirements; DELETE FROM course_types;');
    const old = await call<BackupInfo>(router, 'backup.now', {});
    ensureReferenceRecords(ws);
    await call(router, 'backup.restore', { backup: old.id });
    expect(count(ws, 'course_types')).toBe(courses);
    expect((await call<unknown[]>(router, 'training.courses.list', {})).length).toBe(courses);
    ws.close();
  });

  it('refuses a damaged or unknown backup and changes nothing', async () => {
    const { ws, router } = tempWorkspace({ demo: true });
    const b = await call<BackupInfo>(router, 'backup.now', {});
    const units = count(ws, 'units');
    const unknown = await router.call('backup.restore', { backup: 'isodesk_2020-01-01_00-00-00_daily' });
    expect(!unknown.ok && unknown.error.code).toBe('BACKUP_NOT_FOUND');
    const traversal = await router.call('backup.restore', { backup: '../../etc' });
    expect(!traversal.ok && traversal.error.code).toBe('BACKUP_NOT_FOUND');
    const notBackup = await router.call('backup.restore', { backup: tmpdir() });
    expect(!notBackup.ok && notBackup.error.code).toBe('BACKUP_INVALID');
    // Flip bytes in the middle of the copy: the check before restoring catches it.
    const file = join(b.path, 'isodesk.db');
    const bytes = readFileSync(file);
    bytes.fill(0x55, 8192, 16384);
    writeFileSync(file, bytes);
    const before = listBackups(ws).length;
    const damaged = await router.call('backup.restore', { backup: b.id });
    expect(!damaged.ok && damaged.error.code).toBe('BACKUP_INVALID');
    expect(count(ws, 'units')).toBe(units);
    expect(listBackups(ws).length).toBe(before); // nothing was even backed up
  });

  it('refuses a backup written by a newer schema', async () => {
    const { router } = tempWorkspace();
    const b = await call<BackupInfo>(router, 'backup.now', {});
    const mf = join(b.path, 'manifest.json');
    writeFileSync(mf, JSON.stringify({ ...JSON.parse(readFileSync(mf, 'utf8')), schemaVersion: 999 }));
    const env = await router.call('backup.restore', { backup: b.id });
    expect(!env.ok && env.error.code).toBe('BACKUP_TOO_NEW');
  });

  it('takes one automatic backup a day and one before a bundle import', async () => {
    let now = new Date('2026-03-02T08:00:00Z');
    const { ws } = tempWorkspace();
    ws.now = () => now;
    expect((await dailyBackupIfDue(ws))?.reason).toBe('daily');
    expect(await dailyBackupIfDue(ws)).toBeNull();
    now = new Date('2026-03-03T08:00:00Z');
    expect((await dailyBackupIfDue(ws))?.reason).toBe('daily');
    const pre = await backupBefore(ws, 'bundle-import');
    expect(pre.reason).toBe('pre-bundle-import');
    expect(listBackups(ws).map((b) => b.reason)).toEqual(['pre-bundle-import', 'daily', 'daily']);
  });

  it('a backup started ahead of an import is kept only if nothing was written after its copy; else removed whole', async () => {
    const { ws, dir, router } = tempWorkspace({ demo: true });
    const parentId = (await call(router, 'setup.state')).office.id;
    const units = count(ws, 'units');
    const first = startBackupBefore(ws, 'bundle-import', { check: 'quick' });
    // Written before the copy is complete: in the backup (the copy follows its own connection's writes).
    await call(router, 'units.create', { code: '31901', name: 'Huyện trong lúc sao lưu', type: 'district', parentId });
    const kept = await first.done;
    expect(first.take()?.id).toBe(kept.id);
    await first.discard(); // taken: stays
    expect(readManifest(kept.path)!.counts.units).toBe(units + 1);

    const second = startBackupBefore(ws, 'bundle-import', { check: 'quick' });
    await second.done;
    // Written after the copy: the backup no longer holds the state the import would start from.
    await call(router, 'units.create', { code: '31902', name: 'Huyện sau khi sao lưu', type: 'district', parentId });
    expect(second.take()).toBeNull();
    await second.discard();
    expect(listBackups(ws).map((b) => b.id)).toEqual([kept.id]);
    expect(readdirSync(join(dir, 'backups'))).toEqual([kept.id]); // nothing half-removed left behind
  });

  it('the quick check of a pre-import backup still finds a damaged copy; restoring checks in full', async () => {
    const { ws } = tempWorkspace({ demo: true });
    const b = await backupBefore(ws, 'bundle-import', { check: 'quick' });
    expect(b.verified).toBe(true);
    const manifest = readManifest(b.path)!;
    expect(verifyBackupFolder(b.path, manifest, { check: 'quick' })).toEqual([]);
    const file = join(b.path, 'isodesk.db');
    const bytes = readFileSync(file);
    bytes.fill(0x55, 8192, 16384);
    writeFileSync(file, bytes);
    expect(verifyBackupFolder(b.path, manifest, { check: 'quick' }).length).toBeGreaterThan(0);
    expect(verifyBackupFolder(b.path, manifest).length).toBeGreaterThan(0);
  });

  it('rotates automatic backups: 7 daily, 4 weekly, 12 monthly; manual ones stay', () => {
    const backups: BackupInfo[] = [];
    // Two backups a day for 500 days, newest first.
    for (let i = 0; i < 1000; i++) {
      const at = new Date(Date.UTC(2026, 10, 23, 20) - i * 12 * 3600 * 1000).toISOString();
      backups.push({ id: `b${i}`, path: '', reason: i === 999 ? 'manual' : 'daily', createdAt: at, schemaVersion: 1, dbBytes: 0, attachmentCount: 0, attachmentBytes: 0, rows: 0, verified: true });
    }
    const keep = backupsToKeep(backups);
    const days = new Set([...keep].map((id) => backups.find((b) => b.id === id)!.createdAt.slice(0, 10)));
    expect(keep.has('b0') && keep.has('b1') && keep.has('b2')).toBe(true); // the newest three
    expect(keep.has('b999')).toBe(true); // manual
    // 7 days + up to 4 weekly + 12 monthly (overlapping) + the newest 3 + manual
    expect(keep.size).toBeGreaterThanOrEqual(19);
    expect(keep.size).toBeLessThanOrEqual(7 + 4 + 12 + 3 + 1);
    expect(days.has('2026-11-17')).toBe(true); // 7th day back
    expect([...days].some((d) => d.startsWith('2025-12'))).toBe(true); // 12th month back
    expect([...days].some((d) => d < '2025-12-01' && !d.startsWith('2025-07'))).toBe(false);
  });

  it('rotation deletes folders on disk', async () => {
    const { ws } = tempWorkspace();
    for (let d = 1; d <= 10; d++) {
      ws.now = () => new Date(`2026-05-${String(d).padStart(2, '0')}T09:00:00Z`);
      await dailyBackupIfDue(ws);
    }
    expect(listBackups(ws).length).toBe(7 + 1); // 7 last days + the newest of the first week (week of 4 May vs 27 Apr)
    expect(rotateBackups(ws.dataDir)).toEqual([]);
  });

  it('finishes or discards a restore interrupted by a crash', () => {
    const dir = scratch();
    // Crash before the commit point: the staged copy is thrown away.
    writeFileSync(join(dir, 'isodesk.db.restoring'), 'half');
    mkdirSync(join(dir, 'attachments.restoring'));
    mkdirSync(join(dir, 'attachments'));
    writeFileSync(join(dir, 'attachments', 'x'), 'current');
    recoverInterruptedRestore(dir);
    expect(existsSync(join(dir, 'isodesk.db.restoring'))).toBe(false);
    expect(readFileSync(join(dir, 'attachments', 'x'), 'utf8')).toBe('current');
    // Crash after the database was swapped: the attachments follow.
    mkdirSync(join(dir, 'attachments.restoring'));
    writeFileSync(join(dir, 'attachments.restoring', 'y'), 'restored');
    recoverInterruptedRestore(dir);
    expect(readdirSync(join(dir, 'attachments'))).toEqual(['y']);
    expect(existsSync(join(dir, 'attachments.old'))).toBe(false);
  });

  it('the CLI backs up, lists and restores, even a damaged database', async () => {
    const dir = scratch();
    const out: string[] = [];
    const io = { out: (l: string) => out.push(l), err: (l: string) => out.push(l) };
    expect(await runCli(['--data-dir', dir, 'init', '--office', '31', '--demo'], io)).toBe(0);
    expect(await runCli(['--data-dir', dir, 'backup', 'now'], io)).toBe(0);
    expect(await runCli(['--data-dir', dir, 'backup', 'list'], io)).toBe(0);
    const id = out.join('\n').match(/isodesk_[\w-]+_manual/)![0];
    expect(await runCli(['--data-dir', dir, 'check', '--full'], io)).toBe(0);

    // Damage the database: opening it is refused with the way out.
    const db = join(dir, 'isodesk.db');
    const bytes = readFileSync(db);
    bytes.fill(0x42, 4096, bytes.length - 4096);
    writeFileSync(db, bytes);
    out.length = 0;
    expect(await runCli(['--data-dir', dir, 'call', 'units.list'], io)).toBe(1);
    expect(out.join('\n')).toMatch(/damaged/);
    expect(out.join('\n')).toContain(`isodesk backup restore ${id}`);

    out.length = 0;
    expect(await runCli(['--data-dir', dir, 'backup', 'restore', id], io)).toBe(0);
    expect(out.join('\n')).toMatch(/Restored/);
    const ws = openWorkspace(dir);
    expect(count(ws, 'units')).toBeGreaterThan(10);
    ws.close();
    // The damaged state was kept, unverified, and is never rotated away.
    expect(listBackups({ dataDir: dir }).some((b) => !b.verified && b.reason === 'pre-restore-damaged')).toBe(true);
  });
});
