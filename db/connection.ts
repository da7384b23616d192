import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;

export interface Connection {
  db: Db;
  sqlite: Database.Database;
  file: string;
  close(): void;
}

export interface OpenOptions {
  /** Folder of drizzle-kit migrations; defaults to the one next to this file. */
  migrationsFolder?: string;
  /** Path of a better-sqlite3 binary built for another ABI (Electron's). */
  nativeBinding?: string;
  readonly?: boolean;
  /**
   * Called with the open connection before pending migrations are applied to
   * a database that already holds a schema (user_version > 0): the place to
   * take a backup. Throwing aborts the open without touching the file.
   */
  beforeMigrate?: (sqlite: Database.Database, from: number, to: number) => void;
  /** Called with the open connection before anything is written (the start-up integrity check). */
  verify?: (sqlite: Database.Database) => void;
}

/** Raised when the file was written by a newer schema than this build knows. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`database schema ${found} is newer than this build's ${known}`);
    this.name = 'SchemaTooNewError';
  }
}

/** Raised when a migration fails; the transaction was rolled back and the file is as it was. */
export class MigrationFailedError extends Error {
  constructor(
    readonly from: number,
    readonly to: number,
    readonly cause: unknown,
  ) {
    super(`migration from schema ${from} to ${to} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'MigrationFailedError';
  }
}

export const defaultMigrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** The schema version this build writes: the number of migrations it ships. */
export function knownSchemaVersion(migrationsFolder = defaultMigrationsFolder): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/**
 * The schema version without opening the file for writing: read from the
 * header (bytes 60–63) when no WAL holds newer pages, which leaves not even
 * a -wal/-shm file behind; otherwise through a read-only connection.
 */
function peekUserVersion(file: string, nativeBinding?: string): number {
  const wal = statSync(`${file}-wal`, { throwIfNoEntry: false });
  if (!wal || wal.size === 0) {
    const header = Buffer.alloc(100);
    const fd = openSync(file, 'r');
    const read = (() => {
      try {
        return readSync(fd, header, 0, 100, 0);
      } finally {
        closeSync(fd);
      }
    })();
    if (read === 100 && header.toString('latin1', 0, 16) === 'SQLite format 3\0') return header.readUInt32BE(60);
    if (read === 0) return 0;
  }
  const peek = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
  try {
    return peek.pragma('user_version', { simple: true }) as number;
  } finally {
    peek.close();
  }
}

function applyPragmas(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  // FULL: a power cut may lose nothing that was acknowledged (offices lose power).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
}

/**
 * Applies the pending drizzle-kit migrations and stamps user_version in ONE
 * transaction (drizzle's own migrator commits before user_version is set):
 * a crash or a failing statement leaves the file exactly as it was. Keeps
 * drizzle's `__drizzle_migrations` bookkeeping so drizzle-kit stays happy.
 */
function applyMigrations(sqlite: Database.Database, migrationsFolder: string, known: number): void {
  const migrations = readMigrationFiles({ migrationsFolder });
  sqlite.transaction(() => {
    sqlite.exec('CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)');
    const last = sqlite.prepare('SELECT created_at FROM "__drizzle_migrations" ORDER BY created_at DESC LIMIT 1').get() as
      | { created_at: number }
      | undefined;
    const insert = sqlite.prepare('INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES (?, ?)');
    for (const m of migrations) {
      if (last && Number(last.created_at) >= m.folderMillis) continue;
      for (const statement of m.sql) if (statement.trim()) sqlite.exec(statement);
      insert.run(m.hash, m.folderMillis);
    }
    sqlite.pragma(`user_version = ${known}`);
  })();
}

/**
 * Opens (creating if needed) the database file, refuses a newer schema before
 * touching anything, then (after `beforeMigrate`, the backup hook) applies
 * pending migrations and stamps `user_version` in one transaction.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Connection {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder;
  const known = knownSchemaVersion(migrationsFolder);
  const nativeBinding = options.nativeBinding;
  if (existsSync(file)) {
    // Look before we write: a newer app's file must not be altered at all.
    const found = peekUserVersion(file, nativeBinding);
    if (found > known) throw new SchemaTooNewError(found, known);
  }
  const sqlite = new Database(file, { nativeBinding, readonly: options.readonly ?? false });
  if (!options.readonly) {
    try {
      applyPragmas(sqlite);
      options.verify?.(sqlite);
    } catch (err) {
      sqlite.close();
      throw err;
    }
    const current = sqlite.pragma('user_version', { simple: true }) as number;
    if (current < known) {
      try {
        if (current > 0) options.beforeMigrate?.(sqlite, current, known);
      } catch (err) {
        sqlite.close();
        throw err;
      }
      try {
        applyMigrations(sqlite, migrationsFolder, known);
      } catch (err) {
        sqlite.close();
        throw current === 0 ? err : new MigrationFailedError(current, known, err);
      }
    }
  }
  const db = drizzle(sqlite, { schema });
  return { db, sqlite, file, close: () => sqlite.close() };
}
