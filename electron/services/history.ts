import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import { changeLog } from '../../db/schema';
import type { ServiceContext } from './context';

export type Change = typeof changeLog.$inferSelect;

export interface HistoryFilter {
  /** All changes to rows owned by these units. */
  unitIds?: string[];
  table?: string;
  rowId?: string;
  /** Page backwards from this sequence number. */
  beforeSeq?: number;
  limit?: number;
}

/** The change log, newest first: the audit trail shown per record and per unit. */
export function listChanges(ctx: ServiceContext, filter: HistoryFilter = {}): Change[] {
  const where = [
    filter.unitIds ? inArray(changeLog.unitId, filter.unitIds) : undefined,
    filter.table ? eq(changeLog.tableName, filter.table) : undefined,
    filter.rowId ? eq(changeLog.rowId, filter.rowId) : undefined,
    filter.beforeSeq ? lt(changeLog.seq, filter.beforeSeq) : undefined,
  ].filter(Boolean);
  return ctx.db
    .select()
    .from(changeLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(changeLog.seq))
    .limit(Math.min(filter.limit ?? 200, 1000))
    .all();
}
