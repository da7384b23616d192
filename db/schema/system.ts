import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Local settings of this installation (never synchronised). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * Every change to a synchronised row: the audit trail and the source of delta
 * bundles. Rows are only ever appended; the app has no way to edit them.
 */
export const changeLog = sqliteTable(
  'change_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    unitId: text('unit_id').notNull(),
    op: text('op', { enum: ['insert', 'update', 'delete'] }).notNull(),
    oldJson: text('old_json'),
    newJson: text('new_json'),
    origin: text('origin'),
  },
  (t) => [index('change_log_row_idx').on(t.tableName, t.rowId), index('change_log_unit_idx').on(t.unitId)],
);
