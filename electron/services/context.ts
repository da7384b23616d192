import type Database from 'better-sqlite3';
import type { Db } from '../../db/connection';

/** What every service function works with: the database, who acts, and the clock. */
export interface ServiceContext {
  db: Db;
  sqlite: Database.Database;
  /** The folder holding the database, attachments, keys and backups. */
  dataDir: string;
  /** Operator name recorded in the change log. */
  actor(): string;
  now(): Date;
  /** Set while applying a bundle: its id is recorded as the origin of each change. */
  origin?: string | null;
}
