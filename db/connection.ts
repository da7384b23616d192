import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, readFileSync } from 'node:fs';
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

export const defaultMigrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** The schema version this build writes: the number of migrations it ships. */
export function knownSchemaVersion(migrationsFolder = defaultMigrationsFolder): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

function applyPragmas(sqlite: Database.Database): void {
  sqlite.pragma('journal_mode = WAL');
  // FULL: a power cut may lose nothing that was acknowledged (offices lose power).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
}

/**
 * Opens (creating if needed) the database file, refuses a newer schema before
 * touching anything, then applies pending migrations in one transaction and
 * stamps `user_version` with the schema version.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Connection {
  const migrationsFolder = options.migrationsFolder ?? defaultMigrationsFolder;
  const known = knownSchemaVersion(migrationsFolder);
  const nativeBinding = options.nativeBinding;
  if (existsSync(file)) {
    // Look before we write: a read-only peek cannot alter a newer app's file.
    const peek = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
    const found = peek.pragma('user_version', { simple: true }) as number;
    peek.close();
    if (found > known) throw new SchemaTooNewError(found, known);
  }
  const sqlite = new Database(file, { nativeBinding, readonly: options.readonly ?? false });
  if (!options.readonly) {
    applyPragmas(sqlite);
    const db = drizzle(sqlite, { schema });
    const current = sqlite.pragma('user_version', { simple: true }) as number;
    if (current < known) {
      migrate(db, { migrationsFolder });
      sqlite.pragma(`user_version = ${known}`);
    }
  }
  const db = drizzle(sqlite, { schema });
  return { db, sqlite, file, close: () => sqlite.close() };
}
