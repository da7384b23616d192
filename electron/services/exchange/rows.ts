import { getTableColumns } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { SyncTable } from '../records';

type Columns = Map<string, SQLiteColumn>;
const columnsOf = new WeakMap<SyncTable, Columns>();

/** The table's columns by SQL name, built once per table (this runs for every row of a bundle). */
function columns(table: SyncTable): Columns {
  let cols = columnsOf.get(table);
  if (!cols) {
    cols = new Map(Object.values(getTableColumns(table)).map((c) => [c.name, c as SQLiteColumn]));
    columnsOf.set(table, cols);
  }
  return cols;
}

const UUID = /^[0-9a-f-]{36}$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/;

/**
 * Checks a record read from a bundle against the table it claims to belong
 * to: an object with known SQL columns only, the sync columns present, and
 * each value of the column's type. Returns a reason, or null when valid.
 */
export function rowProblem(table: SyncTable, row: unknown): string | null {
  if (!row || typeof row !== 'object' || Array.isArray(row)) return 'not a JSON object';
  const cols = columns(table);
  const r = row as Record<string, unknown>;
  for (const key of Object.keys(r)) if (!cols.has(key)) return `unknown column "${key.slice(0, 40)}"`;
  for (const required of ['id', 'unit_id', 'created_at', 'updated_at', 'deleted']) {
    if (!(required in r)) return `missing column "${required}"`;
  }
  for (const [name, col] of cols) {
    if (!(name in r)) continue; // an older schema's bundle: the column keeps its local value or default
    const v = r[name];
    if (v === null) {
      if (col.notNull) return `"${name}" cannot be empty`;
      continue;
    }
    switch (col.columnType) {
      case 'SQLiteBoolean':
        if (v !== 0 && v !== 1) return `"${name}" must be 0 or 1`;
        break;
      case 'SQLiteInteger':
        if (typeof v !== 'number' || !Number.isSafeInteger(v)) return `"${name}" must be an integer`;
        break;
      case 'SQLiteReal':
        if (typeof v !== 'number' || !Number.isFinite(v)) return `"${name}" must be a number`;
        break;
      default:
        if (typeof v !== 'string') return `"${name}" must be text`;
        if (col.enumValues && col.enumValues.length && !col.enumValues.includes(v)) return `"${name}" has an unknown value "${v.slice(0, 40)}"`;
    }
  }
  if (!UUID.test(String(r.id))) return '"id" is not a UUID';
  if (!ISO_TIMESTAMP.test(String(r.updated_at))) return '"updated_at" is not an ISO timestamp';
  return null;
}
