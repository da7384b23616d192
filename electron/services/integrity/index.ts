import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { AppError } from '../../common/errors';
import { latestGoodBackup } from '../backup/store';
import type { ServiceContext } from '../context';

export interface IntegrityReport {
  ok: boolean;
  kind: 'quick' | 'full';
  checkedAt: string;
  /** "ok" or SQLite's messages. */
  database: string[];
  /** Rows whose parent is missing. */
  foreignKeys: { table: string; rowid: number; parent: string }[];
  attachments: {
    checked: number;
    /** Files whose bytes no longer hash to their name. */
    damaged: string[];
    /** Hashes the records refer to with no file in the store. */
    missing: string[];
  };
  /** The way out when something is wrong. */
  latestBackup: string | null;
}

const HASH_NAME = /^[0-9a-f]{64}$/;

/** `PRAGMA quick_check` (start-up) or `integrity_check` (full): "ok" or the problems. */
export function sqliteCheck(sqlite: Database.Database, kind: 'quick' | 'full'): string[] {
  const rows = sqlite.pragma(kind === 'quick' ? 'quick_check(20)' : 'integrity_check(100)') as Record<string, string>[];
  return rows.map((r) => Object.values(r)[0]);
}

/**
 * The start-up check: a damaged database is never silently used. Throws
 * DB_DAMAGED naming the latest good backup as the way out.
 */
export function requireHealthyDatabase(sqlite: Database.Database, dataDir: string, file: string): void {
  let result: string[];
  try {
    result = sqliteCheck(sqlite, 'quick');
  } catch (err) {
    result = [err instanceof Error ? err.message : String(err)];
  }
  if (result.length === 1 && result[0] === 'ok') return;
  throw damaged(dataDir, file, result.slice(0, 2).join('; '));
}

export function damaged(dataDir: string, file: string, details: string): AppError {
  return new AppError('DB_DAMAGED', { file, details: details.slice(0, 300), backup: latestGoodBackup(dataDir)?.id ?? '—' });
}

function hashFile(file: string): Promise<string> {
  return new Promise((ok, fail) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('data', (c) => h.update(c))
      .on('error', fail)
      .on('end', () => ok(h.digest('hex')));
  });
}

function storeFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...storeFiles(p));
    else if (e.isFile() && HASH_NAME.test(e.name)) out.push(p);
  }
  return out;
}

/**
 * Hashes the records point to: any table describing stored files, that is
 * with a `sha256` and a `size` column (the attachments of every area). A
 * lone `sha256` only fingerprints something not kept in the store (the
 * Excel file behind a training import).
 */
function referencedHashes(sqlite: Database.Database): Set<string> {
  const out = new Set<string>();
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  for (const t of tables) {
    const q = `"${t.replace(/"/g, '""')}"`;
    const cols = (sqlite.prepare(`PRAGMA table_info(${q})`).all() as { name: string }[]).map((c) => c.name);
    if (!cols.includes('sha256') || !cols.includes('size')) continue;
    const live = cols.includes('deleted') ? ' WHERE deleted = 0' : '';
    for (const h of sqlite.prepare(`SELECT DISTINCT sha256 FROM ${q}${live}`).pluck().all()) {
      if (typeof h === 'string' && HASH_NAME.test(h)) out.add(h);
    }
  }
  return out;
}

/**
 * The check on demand. Quick: SQLite's quick_check and the foreign keys.
 * Full: integrity_check, foreign keys, and every attachment re-hashed with
 * SHA-256 against its name, plus the files records refer to but are missing.
 */
export async function checkIntegrity(ctx: ServiceContext, kind: 'quick' | 'full'): Promise<IntegrityReport> {
  const database = sqliteCheck(ctx.sqlite, kind);
  const foreignKeys = (ctx.sqlite.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[])
    .slice(0, 100)
    .map((r) => ({ table: r.table, rowid: r.rowid, parent: r.parent }));
  const attachments = { checked: 0, damaged: [] as string[], missing: [] as string[] };
  if (kind === 'full') {
    const store = join(ctx.dataDir, 'attachments');
    const present = new Set<string>();
    for (const file of storeFiles(store)) {
      const name = file.split(sep).pop()!;
      present.add(name);
      attachments.checked++;
      if ((await hashFile(file)) !== name) attachments.damaged.push(relative(store, file).split(sep).join('/'));
    }
    for (const h of referencedHashes(ctx.sqlite)) if (!present.has(h)) attachments.missing.push(h);
  }
  const ok =
    database.length === 1 &&
    database[0] === 'ok' &&
    foreignKeys.length === 0 &&
    attachments.damaged.length === 0 &&
    attachments.missing.length === 0;
  return {
    ok,
    kind,
    checkedAt: ctx.now().toISOString(),
    database,
    foreignKeys,
    attachments,
    latestBackup: latestGoodBackup(ctx.dataDir)?.id ?? null,
  };
}
