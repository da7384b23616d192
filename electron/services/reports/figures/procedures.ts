import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import { legalChanges, procedures } from '../../../../db/schema';
import { cachedStatement } from '../../statements';
import { msg } from './labels';
import type { Figure, FigureProvider } from './types';

const inScope = { key: 'procedures.inScope', label: msg('Số quy trình đang áp dụng', 'Procedures applied'), kind: 'count' } as const;
const legal = { key: 'procedures.legalUpdates', label: msg('Thay đổi pháp lý phát sinh trong kỳ', 'Legal changes in the period'), kind: 'count' } as const;
const inTime = {
  key: 'procedures.legalUpdatesInTime',
  label: msg('Thay đổi pháp lý được cập nhật trong 3 tháng', 'Legal changes folded in within 3 months'),
  kind: 'percent',
} as const;

const APPLIED = `SELECT p.id, p.code, p.title, count(*) AS units
  FROM adoptions a JOIN procedures p ON p.id = a.procedure_id
  WHERE a.deleted = 0 AND p.deleted = 0 AND a.since <= ? AND a.unit_id IN (SELECT value FROM json_each(?))
  GROUP BY p.id`;

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
  compute(ctx, q): Figure[] {
    const units = q.unitIds;
    // Counted in SQL: at national scope every unit adopts every procedure (tens of thousands of rows).
    const applied = units.length
      ? (cachedStatement(ctx.sqlite, APPLIED).all(q.asOf, JSON.stringify(units)) as { id: string; code: string; title: string; units: number }[])
      : [];
    const byProcedure = new Map(applied.map((p) => [p.id, p]));
    const changes = units.length
      ? ctx.db
          .select({ change: legalChanges, code: procedures.code })
          .from(legalChanges)
          .innerJoin(procedures, eq(procedures.id, legalChanges.procedureId))
          .where(
            and(
              eq(legalChanges.deleted, false),
              inArray(legalChanges.unitId, units),
              gte(legalChanges.effectiveDate, q.period.start),
              lte(legalChanges.effectiveDate, q.period.end),
            ),
          )
          .all()
      : [];
    const folded = changes.filter(({ change }) => change.resolvedDate && change.resolvedDate <= change.dueDate);
    const legalColumns = [
      { key: 'procedure', label: msg('Quy trình', 'Procedure') },
      { key: 'reference', label: msg('Văn bản', 'Document') },
      { key: 'effectiveDate', label: msg('Ngày có hiệu lực', 'Effective'), type: 'date' as const },
      { key: 'dueDate', label: msg('Hạn cập nhật', 'Due'), type: 'date' as const },
      { key: 'resolvedDate', label: msg('Ngày đã cập nhật', 'Folded in'), type: 'date' as const },
    ];
    const legalRow = ({ change, code }: (typeof changes)[number]) => ({
      unitId: change.unitId,
      procedure: code,
      reference: change.reference,
      effectiveDate: change.effectiveDate,
      dueDate: change.dueDate,
      resolvedDate: change.resolvedDate,
    });
    return [
      {
        ...inScope,
        area: 'procedures',
        value: byProcedure.size,
        columns: [
          { key: 'code', label: msg('Mã', 'Code') },
          { key: 'title', label: msg('Tên quy trình', 'Title') },
          { key: 'units', label: msg('Số đơn vị áp dụng', 'Units applying'), type: 'number' },
        ],
        rows: [...byProcedure.values()].sort((a, b) => a.code.localeCompare(b.code)).map((p) => ({ code: p.code, title: p.title, units: p.units })),
      },
      { ...legal, area: 'procedures', value: changes.length, columns: legalColumns, rows: changes.map(legalRow) },
      {
        ...inTime,
        area: 'procedures',
        value: pct(folded.length, changes.length),
        part: { numerator: folded.length, denominator: changes.length },
        columns: legalColumns,
        rows: folded.map(legalRow),
      },
    ];
  },
};
