import { cachedStatement } from '../../statements';
import { msg } from './labels';
import type { FigureProvider, LazyFigure } from './types';

const inScope = { key: 'procedures.inScope', label: msg('Số quy trình đang áp dụng', 'Procedures applied'), kind: 'count' } as const;
const legal = { key: 'procedures.legalUpdates', label: msg('Thay đổi pháp lý phát sinh trong kỳ', 'Legal changes in the period'), kind: 'count' } as const;
const inTime = {
  key: 'procedures.legalUpdatesInTime',
  label: msg('Thay đổi pháp lý được cập nhật trong 3 tháng', 'Legal changes folded in within 3 months'),
  kind: 'percent',
} as const;

// One row per procedure (grouped by its id).
const APPLIED = `SELECT p.code, p.title, count(*) AS units
  FROM adoptions a JOIN procedures p ON p.id = a.procedure_id
  WHERE a.deleted = 0 AND p.deleted = 0 AND a.since <= ? AND a.unit_id IN (SELECT value FROM json_each(?))
  GROUP BY p.id`;
/*
 * The value alone: a procedure counts as soon as one unit of the scope applies it, so its adoptions
 * are searched only until the first one. For a few units, look each of them up (unit, procedure);
 * for many, walk the procedure's adoptions (`+` keeps SQLite off the unit index), which stops at
 * once when most units apply it. Either way a few index look-ups per procedure, where the rows'
 * query reads every adoption of the scope (30,000 at national scale).
 */
const appliedCount = (byUnit: boolean) => `SELECT count(*) FROM procedures p WHERE p.deleted = 0 AND EXISTS (SELECT 1 FROM adoptions a
  WHERE a.procedure_id = p.id AND a.deleted = 0 AND a.since <= ? AND ${byUnit ? '' : '+'}a.unit_id IN (SELECT value FROM json_each(?)))`;
const FEW_UNITS = 50;

// Legal changes of the scope that took effect during the period, in the order they were recorded.
const CHANGES = `SELECT l.unit_id AS unitId, p.code, l.reference, l.effective_date AS effectiveDate, l.due_date AS dueDate, l.resolved_date AS resolvedDate
  FROM legal_changes l JOIN procedures p ON p.id = l.procedure_id
  WHERE l.deleted = 0 AND l.unit_id IN (SELECT value FROM json_each(?)) AND l.effective_date >= ? AND l.effective_date <= ? ORDER BY l.rowid`;

type LegalChange = { unitId: string; code: string; reference: string; effectiveDate: string; dueDate: string; resolvedDate: string | null };

const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

/**
 * Procedures (issue 3): how many procedures the units in scope apply on the
 * day, and the legal changes that took effect during the period with whether
 * each was folded into a new version within its 3-month deadline.
 */
export const proceduresFigures: FigureProvider = {
  area: 'procedures',
  label: msg('Quy trình, tài liệu', 'Procedures'),
  definitions: [inScope, legal, inTime],
  compute(ctx, q): LazyFigure[] {
    const units = q.unitIds;
    // Counted in SQL: at national scope every unit adopts every procedure (tens of thousands of rows).
    const applied = units.length ? (cachedStatement(ctx.sqlite, appliedCount(units.length <= FEW_UNITS)).pluck().get(q.asOf, JSON.stringify(units)) as number) : 0;
    const appliedRows = () => {
      const perProcedure = units.length
        ? (cachedStatement(ctx.sqlite, APPLIED).all(q.asOf, JSON.stringify(units)) as { code: string; title: string; units: number }[])
        : [];
      return perProcedure.sort((a, b) => a.code.localeCompare(b.code)).map((p) => ({ code: p.code, title: p.title, units: p.units }));
    };
    const changes = units.length ? (cachedStatement(ctx.sqlite, CHANGES).all(JSON.stringify(units), q.period.start, q.period.end) as LegalChange[]) : [];
    const folded = changes.filter((change) => change.resolvedDate && change.resolvedDate <= change.dueDate);
    const legalColumns = [
      { key: 'procedure', label: msg('Quy trình', 'Procedure') },
      { key: 'reference', label: msg('Văn bản', 'Document') },
      { key: 'effectiveDate', label: msg('Ngày có hiệu lực', 'Effective'), type: 'date' as const },
      { key: 'dueDate', label: msg('Hạn cập nhật', 'Due'), type: 'date' as const },
      { key: 'resolvedDate', label: msg('Ngày đã cập nhật', 'Folded in'), type: 'date' as const },
    ];
    const legalRow = (change: LegalChange) => ({
      unitId: change.unitId,
      procedure: change.code,
      reference: change.reference,
      effectiveDate: change.effectiveDate,
      dueDate: change.dueDate,
      resolvedDate: change.resolvedDate,
    });
    return [
      {
        ...inScope,
        area: 'procedures',
        value: applied,
        columns: [
          { key: 'code', label: msg('Mã', 'Code') },
          { key: 'title', label: msg('Tên quy trình', 'Title') },
          { key: 'units', label: msg('Số đơn vị áp dụng', 'Units applying'), type: 'number' },
        ],
        rows: appliedRows,
      },
      { ...legal, area: 'procedures', value: changes.length, columns: legalColumns, rows: () => changes.map(legalRow) },
      {
        ...inTime,
        area: 'procedures',
        value: pct(folded.length, changes.length),
        part: { numerator: folded.length, denominator: changes.length },
        columns: legalColumns,
        rows: () => folded.map(legalRow),
      },
    ];
  },
};
