import type Database from 'better-sqlite3';
import { syncedTables } from '../../db/schema';

export interface IntegrityReport {
  ok: boolean;
  problems: string[];
  /** Rows per synchronised table. */
  rows: Record<string, number>;
  changes: number;
  /** First and last change-log timestamps. */
  span: { first: string | null; last: string | null; years: number };
}

/**
 * The app's own integrity rules, applied to a data folder: SQLite's checks,
 * foreign keys, and a change log that explains every synchronised row (each
 * row has a change, and its latest change carries exactly the row as stored).
 */
export function checkIntegrity(sqlite: Database.Database): IntegrityReport {
  const problems: string[] = [];
  const integrity = sqlite.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
  const fk = sqlite.pragma('foreign_key_check') as unknown[];
  if (fk.length > 0) problems.push(`foreign_key_check: ${fk.length} violations, first ${JSON.stringify(fk[0])}`);
  const rows: Record<string, number> = {};
  for (const name of Object.keys(syncedTables)) {
    const all = sqlite
      .prepare(
        `SELECT t.*, (SELECT c.new_json FROM change_log c WHERE c.table_name = ? AND c.row_id = t.id ORDER BY c.seq DESC LIMIT 1) AS _last
         FROM "${name}" t`,
      )
      .all(name) as Record<string, unknown>[];
    rows[name] = all.length;
    let missing = 0;
    let stale = 0;
    for (const row of all) {
      const { _last, ...stored } = row;
      if (typeof _last !== 'string') {
        missing++;
        continue;
      }
      const logged = JSON.parse(_last) as Record<string, unknown>;
      if (Object.entries(stored).some(([k, v]) => logged[k] !== v)) stale++;
    }
    if (missing) problems.push(`${name}: ${missing} rows without any change-log entry`);
    if (stale) problems.push(`${name}: ${stale} rows differ from their latest change-log entry`);
  }
  const span = sqlite.prepare('SELECT min(at) AS first, max(at) AS last, count(*) AS n FROM change_log').get() as {
    first: string | null;
    last: string | null;
    n: number;
  };
  const years = span.first && span.last ? (Date.parse(span.last) - Date.parse(span.first)) / (365.25 * 86_400_000) : 0;
  const unordered = sqlite
    .prepare('SELECT count(*) AS n FROM change_log a JOIN change_log b ON b.seq = a.seq + 1 WHERE b.at < a.at')
    .get() as { n: number };
  if (unordered.n) problems.push(`change_log: ${unordered.n} entries older than the one before them`);
  return { ok: problems.length === 0, problems, rows, changes: span.n, span: { first: span.first, last: span.last, years: Math.round(years * 100) / 100 } };
}
