import { eq, getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { AppError } from '../common/errors';
import type { ServiceContext } from './context';
import { newId } from './ids';
import { cachedStatement } from './statements';

/**
 * The one way synchronised rows are written. Each write stamps timestamps,
 * never hard-deletes (tombstones), and appends the change to the change log
 * with the full old and new row, keyed by SQL column names (the same shape
 * bundles carry).
 *
 * Every write goes through here, so the SQL is built once per table and the
 * statements are prepared once per connection (statements.ts): building the
 * query with drizzle and preparing it again on every insert, re-read and
 * change-log entry was most of the cost of a write. Values are converted
 * exactly as drizzle converts them (the columns' own mapToDriverValue /
 * mapFromDriverValue, drizzle's defaults for omitted columns), so rows and
 * change-log entries are the same as before, byte for byte.
 */

// A synchronised table: any drizzle SQLite table with the sync columns.
export type SyncTable = SQLiteTable & {
  id: any;
  unitId: any;
  createdAt: any;
  updatedAt: any;
  deleted: any;
};
type Row<T extends SyncTable> = T['$inferSelect'];
type Insert<T extends SyncTable> = Omit<T['$inferInsert'], 'id' | 'createdAt' | 'updatedAt' | 'deleted'> & {
  id?: string;
};
type Patch<T extends SyncTable> = Partial<Omit<T['$inferInsert'], 'id' | 'createdAt' | 'updatedAt'>>;

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface Col {
  /** Property name in drizzle rows. */
  key: string;
  /** SQL column name. */
  name: string;
  column: SQLiteColumn;
}

interface TableInfo {
  name: string;
  /** In drizzle's order (the schema's), which is the key order of rows and change-log JSON. */
  columns: Col[];
  selectById: string;
  insertable: Col[];
  insert: string;
  /** A column whose default is an SQL expression: inserts then take drizzle's path. */
  sqlDefault: boolean;
}

const infos = new WeakMap<SQLiteTable, TableInfo>();

function tableInfo(table: SQLiteTable): TableInfo {
  let t = infos.get(table);
  if (!t) {
    const name = getTableName(table);
    const columns = Object.entries(getTableColumns(table)).map(([key, column]) => ({ key, name: column.name, column: column as SQLiteColumn }));
    // Generated columns are left out of inserts, as drizzle does (shouldDisableInsert is internal to drizzle's types).
    const insertable = columns.filter((c) => !(c.column as unknown as { shouldDisableInsert(): boolean }).shouldDisableInsert());
    t = {
      name,
      columns,
      selectById: `SELECT ${columns.map((c) => q(c.name)).join(', ')} FROM ${q(name)} WHERE "id" = ?`,
      insertable,
      insert: `INSERT INTO ${q(name)} (${insertable.map((c) => q(c.name)).join(', ')}) VALUES (${insertable.map(() => '?').join(', ')})`,
      sqlDefault: insertable.some((c) => typeof c.column.default === 'object' && c.column.default !== null),
    };
    infos.set(table, t);
  }
  return t;
}

const CHANGE_LOG_INSERT =
  'INSERT INTO "change_log" ("at", "actor", "table_name", "row_id", "unit_id", "op", "old_json", "new_json", "origin") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';

const toDriver = (c: Col, v: unknown): unknown => (v === null ? null : c.column.mapToDriverValue(v));

/** A value only drizzle knows how to write (an SQL expression, a Date…): such writes take drizzle's path. */
const needsDrizzle = (values: Record<string, unknown>): boolean =>
  Object.values(values).some((v) => typeof v === 'object' && v !== null);

/** Row with SQL column names, as stored in the change log and bundles. */
export function toSqlRow(table: SyncTable, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of tableInfo(table).columns) {
    const v = row[c.key];
    out[c.name] = typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? null);
  }
  return out;
}

function appendChange(
  ctx: ServiceContext,
  tableName: string,
  rowId: string,
  unitId: string,
  op: 'insert' | 'update' | 'delete',
  oldJson: string | null,
  newJson: string,
): void {
  cachedStatement(ctx.sqlite, CHANGE_LOG_INSERT).run(ctx.now().toISOString(), ctx.actor(), tableName, rowId, unitId, op, oldJson, newJson, ctx.origin ?? null);
}

function logChange(
  ctx: ServiceContext,
  table: SyncTable,
  op: 'insert' | 'update' | 'delete',
  oldRow: Record<string, unknown> | null,
  newRow: Record<string, unknown>,
): void {
  appendChange(
    ctx,
    tableInfo(table).name,
    String(newRow.id),
    String(newRow.unitId),
    op,
    oldRow ? JSON.stringify(toSqlRow(table, oldRow)) : null,
    JSON.stringify(toSqlRow(table, newRow)),
  );
}

export function findRow<T extends SyncTable>(ctx: ServiceContext, table: T, id: string): Row<T> | undefined {
  const t = tableInfo(table);
  const raw = cachedStatement(ctx.sqlite, t.selectById).get(id) as Record<string, unknown> | undefined;
  if (!raw) return undefined;
  // As drizzle maps a selected row: in column order, each value through its column.
  const row: Record<string, unknown> = {};
  for (const c of t.columns) {
    const v = raw[c.name];
    row[c.key] = v === null || v === undefined ? null : c.column.mapFromDriverValue(v);
  }
  return row as Row<T>;
}

// Column types whose drizzle value is the SQLite value itself.
const AS_STORED = new Set(['SQLiteText', 'SQLiteInteger', 'SQLiteReal']);

export interface RowShape<T> {
  /** The table's columns for a SELECT list, read from `alias` and named as drizzle names them. */
  select: string;
  /** Turns such a selected row into the table's drizzle row (booleans and the like converted), in place. */
  read(raw: Record<string, unknown>): T;
}

/**
 * For hand-written queries over many rows (lists, boards): the table's
 * columns (or only `keys`) under drizzle's property names and the
 * conversions drizzle would apply, so the rows are exactly those of
 * ctx.db.select() without building the query each time.
 */
export function rowShape<T extends SyncTable>(table: T, alias: string, keys?: readonly string[]): RowShape<Row<T>> {
  const columns = tableInfo(table).columns.filter((c) => !keys || keys.includes(c.key));
  const converted = columns.filter((c) => !AS_STORED.has(c.column.columnType));
  return {
    select: columns.map((c) => `${alias}.${q(c.name)} AS ${q(c.key)}`).join(', '),
    read(raw) {
      for (const c of converted) {
        const v = raw[c.key];
        if (v !== null && v !== undefined) raw[c.key] = c.column.mapFromDriverValue(v);
      }
      return raw as Row<T>;
    },
  };
}

/** The live (not tombstoned) row, or NOT_FOUND naming the entity. */
export function getLiveRow<T extends SyncTable>(ctx: ServiceContext, table: T, id: string, entity: string): Row<T> {
  const row = findRow(ctx, table, id);
  if (!row || (row as { deleted: boolean }).deleted) throw new AppError('NOT_FOUND', { entity });
  return row;
}

/** Omitted columns get what drizzle's insert gives them: the column's default, its default function, or NULL. */
function insertValue(c: Col, values: Record<string, unknown>): unknown {
  const v = values[c.key];
  if (v !== undefined) return toDriver(c, v);
  const col = c.column;
  if (col.default !== null && col.default !== undefined) return toDriver(c, col.default);
  if (col.defaultFn !== undefined) return toDriver(c, col.defaultFn());
  if (col.onUpdateFn !== undefined) return toDriver(c, col.onUpdateFn());
  return null;
}

export function insertRow<T extends SyncTable>(ctx: ServiceContext, table: T, values: Insert<T>): Row<T> {
  const at = ctx.now().toISOString();
  const row = { ...values, id: values.id ?? newId(), createdAt: at, updatedAt: at, deleted: false } as Record<string, unknown>;
  const t = tableInfo(table);
  if (t.sqlDefault || needsDrizzle(row)) {
    ctx.db.insert(table).values(row as T['$inferInsert']).run();
  } else {
    cachedStatement(ctx.sqlite, t.insert).run(t.insertable.map((c) => insertValue(c, row)));
  }
  const stored = findRow(ctx, table, String(row.id))!;
  logChange(ctx, table, 'insert', null, stored as Record<string, unknown>);
  return stored;
}

/** Applies a patch; a patch that changes nothing writes nothing and logs nothing. */
export function updateRow<T extends SyncTable>(ctx: ServiceContext, table: T, id: string, patch: Patch<T>): Row<T> {
  const old = findRow(ctx, table, id);
  if (!old) throw new AppError('NOT_FOUND', { entity: getTableName(table) });
  const before = old as Record<string, unknown>;
  const changed = Object.entries(patch).filter(([k, v]) => v !== undefined && before[k] !== v);
  if (changed.length === 0) return old;
  const values: Record<string, unknown> = { ...Object.fromEntries(changed), updatedAt: ctx.now().toISOString() };
  const t = tableInfo(table);
  if (needsDrizzle(values)) {
    ctx.db
      .update(table)
      .set(values as Partial<T['$inferInsert']>)
      .where(eq(table.id, id))
      .run();
  } else {
    // As drizzle's update: known columns only, plus any column that sets itself on update.
    const set = t.columns.filter((c) => values[c.key] !== undefined || c.column.onUpdateFn !== undefined);
    const params = set.map((c) => toDriver(c, values[c.key] !== undefined ? values[c.key] : c.column.onUpdateFn!()));
    const sql = `UPDATE ${q(t.name)} SET ${set.map((c) => `${q(c.name)} = ?`).join(', ')} WHERE "id" = ?`;
    cachedStatement(ctx.sqlite, sql).run(...params, id);
  }
  const stored = findRow(ctx, table, id)!;
  logChange(ctx, table, patch.deleted === true ? 'delete' : 'update', before, stored as Record<string, unknown>);
  return stored;
}

/** Tombstones a row: it stays for history and travels in bundles as a deletion. */
export function deleteRow<T extends SyncTable>(ctx: ServiceContext, table: T, id: string): Row<T> {
  return updateRow(ctx, table, id, { deleted: true } as Patch<T>);
}

interface RemoteSql {
  insert: string;
  select: string;
  update: string;
}

// The SQL for a table and a bundle's column set, built once (bundles carry the same columns on every line).
const remoteSql = new WeakMap<SQLiteTable, Map<string, RemoteSql>>();

function remoteSqlFor(table: SyncTable, cols: string[]): RemoteSql {
  let byCols = remoteSql.get(table);
  if (!byCols) {
    byCols = new Map();
    remoteSql.set(table, byCols);
  }
  const key = cols.join(',');
  let sql = byCols.get(key);
  if (!sql) {
    const name = q(tableInfo(table).name);
    sql = {
      insert: `INSERT INTO ${name} (${cols.map(q).join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')}) ON CONFLICT ("id") DO NOTHING RETURNING *`,
      select: `SELECT * FROM ${name} WHERE "id" = ?`,
      update: `UPDATE ${name} SET ${cols
        .filter((c) => c !== 'id')
        .map((c) => `${q(c)} = @${c}`)
        .join(', ')} WHERE "id" = @id RETURNING *`,
    };
    byCols.set(key, sql);
  }
  return sql;
}

/**
 * Writes a row received in a bundle exactly as its owner sent it (SQL
 * column names, timestamps included) and logs the change with ctx.origin,
 * the bundle's id. The caller has already decided the row may and should be
 * written (ownership and conflict rule).
 */
export function putRemoteRow(ctx: ServiceContext, table: SyncTable, row: Record<string, unknown>): 'insert' | 'update' | 'delete' {
  const sql = remoteSqlFor(table, Object.keys(row));
  // Most rows of a bundle are new here: one statement inserts and returns the row as stored.
  let stored = cachedStatement(ctx.sqlite, sql.insert).get(row) as Record<string, unknown> | undefined;
  let old: Record<string, unknown> | undefined;
  if (!stored) {
    old = cachedStatement(ctx.sqlite, sql.select).get(row.id) as Record<string, unknown>;
    stored = cachedStatement(ctx.sqlite, sql.update).get(row) as Record<string, unknown>;
  }
  const op = !old ? 'insert' : stored.deleted && !old.deleted ? 'delete' : 'update';
  appendChange(ctx, tableInfo(table).name, String(stored.id), String(stored.unit_id), op, old ? JSON.stringify(old) : null, JSON.stringify(stored));
  return op;
}
