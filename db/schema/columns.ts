import { type AnySQLiteColumn, integer, text } from 'drizzle-orm/sqlite-core';
import { units } from './units';

/**
 * Columns every synchronised table carries. Bundles, the audit trail and the
 * conflict rule all rely on them: a stable UUID, the unit that owns the row,
 * ISO-8601 timestamps (UTC) and a tombstone instead of a hard delete.
 */
export const syncColumns = () => ({
  id: text('id').primaryKey(),
  unitId: text('unit_id')
    .notNull()
    .references((): AnySQLiteColumn => units.id),
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
  deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
});
