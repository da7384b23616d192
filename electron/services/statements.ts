import type Database from 'better-sqlite3';

/**
 * Prepared statements kept per connection, keyed by their SQL. Preparing
 * (and, through drizzle, building the SQL) on every call was most of the
 * cost of a write; a statement prepared once is reused until the connection
 * goes away (a restore swaps the connection: its statements go with it).
 * SQLite re-prepares a cached statement by itself after a schema change.
 * The statement is shared by every caller of the same SQL. A mode (pluck,
 * raw) sticks to it, so a caller that reads plucked or raw sets that mode on
 * each call, as the callers do; and none may iterate it while another call
 * may use it.
 */
const byConnection = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** Beyond this many statements on one connection the cache starts again (SQL built from varying column sets). */
const MAX_STATEMENTS = 1000;

export function cachedStatement(sqlite: Database.Database, sql: string): Database.Statement {
  let cache = byConnection.get(sqlite);
  if (!cache) {
    cache = new Map();
    byConnection.set(sqlite, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    if (cache.size >= MAX_STATEMENTS) cache.clear();
    stmt = sqlite.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}
