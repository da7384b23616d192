import { eq, getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { changeLog } from '../../db/schema';
import { AppError } from '../common/errors';
import type { ServiceContext } from './context';
import { newId } from './ids';

/**
 * The one way synchronised rows are written. Each write stamps timestamps,
 * never hard-deletes (tombstones), and appends the change to the change log
 * with the full old and new row, keyed by SQL column names (the same shape
 * bundles carry).
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

/** Row with SQL column names, as stored in the change log and bundles. */
export function toSqlRow(table: SyncTable, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, col] of Object.entries(getTableColumns(table))) {
    const v = row[key];
    out[col.name] = typeof v === 'boolean' ? (v ? 1 : 0) : (v ?? null);
  }
  return out;
}

function logChange(
  ctx: ServiceContext,
  table: SyncTable,
  op: 'insert' | 'update' | 'delete',
  oldRow: Record<string, unknown> | null,
  newRow: Record<string, unknown>,
): void {
  ctx.db
    .insert(changeLog)
    .values({
      at: ctx.now().toISOString(),
      actor: ctx.actor(),
      tableName: getTableName(table),
      rowId: String(newRow.id),
      unitId: String(newRow.unitId),
      op,
      oldJson: oldRow ? JSON.stringify(toSqlRow(table, oldRow)) : null,
      newJson: JSON.stringify(toSqlRow(table, newRow)),
      origin: ctx.origin ?? null,
    })
    .run();
}

export function findRow<T extends SyncTable>(ctx: ServiceContext, table: T, id: string): Row<T> | undefined {
  return ctx.db.select().from(table as SQLiteTable).where(eq(table.id, id)).get() as Row<T> | undefined;
}

/** The live (not tombstoned) row, or NOT_FOUND naming the entity. */
export function getLiveRow<T extends SyncTable>(ctx: ServiceContext, table: T, id: string, entity: string): Row<T> {
  const row = findRow(ctx, table, id);
  if (!row || (row as { deleted: boolean }).deleted) throw new AppError('NOT_FOUND', { entity });
  return row;
}

export function insertRow<T extends SyncTable>(ctx: ServiceContext, table: T, values: Insert<T>): Row<T> {
  const at = ctx.now().toISOString();
  const row = { ...values, id: values.id ?? newId(), createdAt: at, updatedAt: at, deleted: false };
  ctx.db.insert(table).values(row as T['$inferInsert']).run();
  const stored = findRow(ctx, table, row.id)!;
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
  const values = { ...Object.fromEntries(changed), updatedAt: ctx.now().toISOString() };
  ctx.db
    .update(table)
    .set(values as Partial<T['$inferInsert']>)
    .where(eq(table.id, id))
    .run();
  const stored = findRow(ctx, table, id)!;
  logChange(ctx, table, patch.deleted === true ? 'delete' : 'update', before, stored as Record<string, unknown>);
  return stored;
}

/** Tombstones a row: it stays for history and travels in bundles as a deletion. */
export function deleteRow<T extends SyncTable>(ctx: ServiceContext, table: T, id: string): Row<T> {
  return updateRow(ctx, table, id, { deleted: true } as Patch<T>);
}

/**
 * Writes a row received in a bundle exactly as its owner sent it (SQL
 * column names, timestamps included) and logs the change with ctx.origin,
 * the bundle's id. The caller has already decided the row may and should be
 * written (ownership and conflict rule).
 */
export function putRemoteRow(ctx: ServiceContext, table: SyncTable, row: Record<string, unknown>): 'insert' | 'update' | 'delete' {
  const name = getTableName(table);
  const q = (c: string) => `"${c.replace(/"/g, '""')}"`;
  const old = ctx.sqlite.prepare(`SELECT * FROM ${q(name)} WHERE id = ?`).get(row.id) as Record<string, unknown> | undefined;
  const cols = Object.keys(row);
  if (old) {
    const sets = cols.filter((c) => c !== 'id').map((c) => `${q(c)} = @${c}`);
    ctx.sqlite.prepare(`UPDATE ${q(name)} SET ${sets.join(', ')} WHERE id = @id`).run(row);
  } else {
    ctx.sqlite.prepare(`INSERT INTO ${q(name)} (${cols.map(q).join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  }
  const stored = ctx.sqlite.prepare(`SELECT * FROM ${q(name)} WHERE id = ?`).get(row.id) as Record<string, unknown>;
  const op = !old ? 'insert' : stored.deleted && !old.deleted ? 'delete' : 'update';
  ctx.db
    .insert(changeLog)
    .values({
      at: ctx.now().toISOString(),
      actor: ctx.actor(),
      tableName: name,
      rowId: String(stored.id),
      unitId: String(stored.unit_id),
      op,
      oldJson: old ? JSON.stringify(old) : null,
      newJson: JSON.stringify(stored),
      origin: ctx.origin ?? null,
    })
    .run();
  return op;
}
