import { and, desc, eq, gte, like, lt, or, sql, type SQL } from 'drizzle-orm';
import { changeLog } from '../../db/schema';
import type { ServiceContext } from './context';

/**
 * The audit trail: the change log read as a searchable list (who, when,
 * which table and row, what changed, from which bundle). Read-only by
 * construction: there is no function here, nor an API method anywhere, that
 * edits it, and the database refuses UPDATE and DELETE on it (triggers).
 */

export interface AuditFilter {
  /** Free text: matched in who, table, row id, origin and the changed values. */
  query?: string;
  table?: string;
  actor?: string;
  op?: 'insert' | 'update' | 'delete';
  /** 'local' = changes made here; otherwise a bundle id. */
  origin?: string;
  rowId?: string;
  unitId?: string;
  /** yyyy-mm-dd, inclusive. */
  from?: string;
  to?: string;
  beforeSeq?: number;
  limit?: number;
}

export interface FieldChange {
  /** SQL column name. */
  field: string;
  before: unknown;
  after: unknown;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  table: string;
  rowId: string;
  unitId: string;
  op: 'insert' | 'update' | 'delete';
  origin: string | null;
  /** What people call the record: its name, code or title as it stood after the change. */
  record: string;
  /** For rollout steps, which of the four. */
  step: number | null;
  changes: FieldChange[];
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as beforeSeq for the next (older) page; null at the end. */
  next: number | null;
}

const BOOKKEEPING = new Set(['updated_at', 'created_at']);

function parse(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const LABEL_FIELDS = ['name', 'full_name', 'title', 'code', 'decision_no'];

function recordLabel(newJson: string | null, oldJson: string | null): string {
  const row = { ...parse(oldJson), ...parse(newJson) };
  for (const f of LABEL_FIELDS) if (typeof row[f] === 'string' && row[f]) return row[f] as string;
  return '';
}

function stepOf(newJson: string | null): number | null {
  const step = parse(newJson).step;
  return typeof step === 'number' ? step : null;
}

/** The fields a logged change touched, old and new (inserts: every non-empty field). */
export function fieldChanges(op: string, oldJson: string | null, newJson: string | null): FieldChange[] {
  const before = parse(oldJson);
  const after = parse(newJson);
  const out: FieldChange[] = [];
  for (const field of Object.keys(after)) {
    if (BOOKKEEPING.has(field)) continue;
    if (op === 'insert') {
      if (after[field] !== null && after[field] !== '') out.push({ field, before: null, after: after[field] });
    } else if (before[field] !== after[field]) {
      out.push({ field, before: before[field] ?? null, after: after[field] });
    }
  }
  return out;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const contains = (col: Parameters<typeof like>[0], q: string) => sql`${col} LIKE ${`%${escapeLike(q)}%`} ESCAPE '\\'`;

/** A page of the audit trail, newest first, narrowed by the filter. */
export function searchAudit(ctx: ServiceContext, filter: AuditFilter = {}): AuditPage {
  const limit = Math.min(Math.max(filter.limit ?? 200, 1), 500);
  const where: (SQL | undefined)[] = [
    filter.table ? eq(changeLog.tableName, filter.table) : undefined,
    filter.actor ? eq(changeLog.actor, filter.actor) : undefined,
    filter.op ? eq(changeLog.op, filter.op) : undefined,
    filter.origin === 'local' ? sql`${changeLog.origin} IS NULL` : filter.origin ? eq(changeLog.origin, filter.origin) : undefined,
    filter.rowId ? eq(changeLog.rowId, filter.rowId) : undefined,
    filter.unitId ? eq(changeLog.unitId, filter.unitId) : undefined,
    filter.from ? gte(changeLog.at, filter.from) : undefined,
    // `at` is an ISO timestamp: everything before the next day.
    filter.to ? lt(changeLog.at, `${filter.to}\uffff`) : undefined,
    filter.beforeSeq ? lt(changeLog.seq, filter.beforeSeq) : undefined,
  ];
  const q = filter.query?.trim();
  if (q) {
    where.push(
      or(
        contains(changeLog.actor, q),
        contains(changeLog.tableName, q),
        contains(changeLog.rowId, q),
        contains(changeLog.origin, q),
        contains(changeLog.newJson, q),
        contains(changeLog.oldJson, q),
      ),
    );
  }
  const defined = where.filter((w): w is SQL => !!w);
  const rows = ctx.db
    .select()
    .from(changeLog)
    .where(defined.length ? and(...defined) : undefined)
    .orderBy(desc(changeLog.seq))
    .limit(limit + 1)
    .all();
  const page = rows.slice(0, limit);
  return {
    entries: page.map((r) => ({
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      table: r.tableName,
      rowId: r.rowId,
      unitId: r.unitId,
      op: r.op,
      origin: r.origin,
      record: recordLabel(r.newJson, r.oldJson),
      step: stepOf(r.newJson),
      changes: fieldChanges(r.op, r.oldJson, r.newJson),
    })),
    next: rows.length > limit ? page[page.length - 1].seq : null,
  };
}

/** The values the filters offer: tables, people and bundles that appear in the log. */
export function auditFacets(ctx: ServiceContext): { tables: string[]; actors: string[]; origins: string[] } {
  const distinct = (col: string) =>
    ctx.sqlite.prepare(`SELECT DISTINCT ${col} FROM change_log WHERE ${col} IS NOT NULL ORDER BY ${col} LIMIT 500`).pluck().all() as string[];
  return { tables: distinct('table_name'), actors: distinct('actor'), origins: distinct('origin') };
}
