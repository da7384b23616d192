import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../common/errors';

/**
 * One app instance per data folder. The desktop app, the browser preview and
 * CLI commands that open the database all take `<dataDir>/isodesk.lock`
 * (created exclusively); a second opener is refused with a message naming the
 * holder. A lock left by a process that died (power cut, kill) is taken over:
 * its process id no longer runs on this machine.
 */

export const LOCK_FILE = 'isodesk.lock';

export type InstanceKind = 'desktop' | 'web' | 'cli' | 'test';

interface LockInfo {
  pid: number;
  host: string;
  kind: InstanceKind;
  since: string;
}

export interface FolderLock {
  release(): void;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockInfo>;
    return typeof info.pid === 'number' ? (info as LockInfo) : null;
  } catch {
    return null;
  }
}

/** Whether a lock file is stale: unreadable (crash while writing) or its process is gone from this machine. */
function isStale(info: LockInfo | null): boolean {
  if (!info) return true;
  if (info.host !== hostname()) return false; // a shared folder used from another PC: never steal it
  if (info.pid === process.pid) return false; // a second open inside this very process is still a second instance
  return !processAlive(info.pid);
}

/** Takes the data folder's lock or throws DATA_FOLDER_IN_USE naming who holds it. */
export function lockDataFolder(dataDir: string, kind: InstanceKind = 'cli'): FolderLock {
  const file = join(dataDir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, host: hostname(), kind, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
        throw new AppError('READ_ONLY_FOLDER', { details: dataDir });
      }
      if (code === 'ENOSPC') throw new AppError('DISK_FULL');
      if (code !== 'EEXIST') throw err;
      const holder = readLock(file);
      if (isStale(holder)) {
        rmSync(file, { force: true });
        continue;
      }
      throw new AppError('DATA_FOLDER_IN_USE', {
        dir: dataDir,
        holder: holder!.kind,
        pid: holder!.pid,
        since: holder!.since,
      });
    }
    try {
      writeSync(fd, JSON.stringify(info));
    } finally {
      closeSync(fd);
    }
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        // Only remove a lock that is still ours.
        if (readLock(file)?.pid === process.pid) rmSync(file, { force: true });
      },
    };
  }
  throw new AppError('DATA_FOLDER_IN_USE', { dir: dataDir, holder: '?', pid: '?', since: '?' });
}
