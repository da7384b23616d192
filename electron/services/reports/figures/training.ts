import { listCourses } from '../../training/courses';
import type { ServiceContext } from '../../context';
import { cachedStatement } from '../../statements';
import { coverageOfUnits, coverageTotals, lackingStaffIds, matrixPeople } from '../../training/matrix';
import { unitsByIds } from '../../units/units';
import { msg } from './labels';
import type { FigureProvider, FigureQuery, FigureRow, LazyFigure } from './types';

const coverage = {
  key: 'training.coverage',
  label: msg('Tỷ lệ khóa đào tạo bắt buộc cán bộ đã hoàn thành', 'Required training completed'),
  kind: 'percent',
} as const;
const missing = { key: 'training.peopleMissing', label: msg('Số cán bộ còn thiếu khóa đào tạo bắt buộc', 'Staff still lacking a required course'), kind: 'count' } as const;
const trained = { key: 'training.trainedInPeriod', label: msg('Số lượt cán bộ được đào tạo trong kỳ', 'Staff trained during the period (passes)'), kind: 'count' } as const;

const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

const columns = {
  coverage: [
    { key: 'code', label: msg('Mã', 'Code') },
    { key: 'name', label: msg('Đơn vị', 'Unit') },
    { key: 'staff', label: msg('Số cán bộ', 'Staff'), type: 'number' as const },
    { key: 'coverage', label: msg('Tỷ lệ hoàn thành (%)', 'Completed (%)'), type: 'number' as const },
    { key: 'peopleMissing', label: msg('Cán bộ còn thiếu', 'Staff lacking'), type: 'number' as const },
  ],
  missing: [
    { key: 'fullName', label: msg('Họ và tên', 'Full name') },
    { key: 'unit', label: msg('Đơn vị', 'Unit') },
    { key: 'missing', label: msg('Khóa còn thiếu', 'Missing courses') },
  ],
  trained: [
    { key: 'fullName', label: msg('Họ và tên', 'Full name') },
    { key: 'unit', label: msg('Đơn vị', 'Unit') },
    { key: 'course', label: msg('Khóa học', 'Course') },
    { key: 'endDate', label: msg('Ngày kết thúc', 'Ended'), type: 'date' as const },
  ],
};

// Passes of the scope's people in sessions that ended during the period. CROSS JOIN keeps the sessions of the period
// outermost: starting from the scope's people (SQLite's choice) reads every attendance of the nation.
const PASSES_IN_PERIOD = `FROM training_sessions s CROSS JOIN attendance a ON a.session_id = s.id CROSS JOIN staff p ON p.id = a.staff_id
  WHERE s.deleted = 0 AND s.end_date >= ? AND s.end_date <= ? AND a.deleted = 0 AND a.result = 'passed' AND p.unit_id IN (SELECT value FROM json_each(?))`;

/** The people of the scope lacking a required course on the day, by name: built only for a drill-down or an export. */
function lackingRows(ctx: ServiceContext, q: FigureQuery) {
  const lacking = lackingStaffIds(ctx, { onDate: q.asOf, unitIds: q.unitIds });
  const courseName = new Map(listCourses(ctx).map((c) => [c.id, c.name]));
  const rows = lacking.length ? matrixPeople(ctx, { ids: lacking, onDate: q.asOf }) : [];
  return rows.map((r) => ({ unitId: r.unitId, fullName: r.fullName, unit: r.unitName, missing: r.missing.map((id) => courseName.get(id) ?? id).join('; ') }));
}

/** Every pass of the period in the scope, by end date. */
function passRows(ctx: ServiceContext, q: FigureQuery) {
  const passes = cachedStatement(
    ctx.sqlite,
    `SELECT p.unit_id AS unitId, p.full_name AS fullName, s.course_type_id AS courseTypeId, s.end_date AS endDate ${PASSES_IN_PERIOD} ORDER BY s.end_date`,
  ).all(q.period.start, q.period.end, JSON.stringify(q.unitIds)) as { unitId: string; fullName: string; courseTypeId: string; endDate: string }[];
  const names = new Map(unitsByIds(ctx, q.unitIds).map((u) => [u.id, u]));
  const allCourses = new Map(listCourses(ctx, { includeInactive: true }).map((c) => [c.id, c.name]));
  return passes.map((p) => ({ unitId: p.unitId, fullName: p.fullName, unit: names.get(p.unitId)?.name ?? '', course: allCourses.get(p.courseTypeId) ?? '', endDate: p.endDate }));
}

/**
 * Training (issue 4), read through its own services: coverage of required
 * courses on the day (the matrix's per-unit coverage, computed in SQL), who
 * still lacks a course, and who passed a course during the period. The
 * values are counts; the people behind them are listed only when asked for.
 */
export const trainingFigures: FigureProvider = {
  area: 'training',
  label: msg('Đào tạo', 'Training'),
  definitions: [coverage, missing, trained],
  compute(ctx, q): LazyFigure[] {
    // Sums of the matrix's kept counts over the scope's units (training/matrix.ts): the home screen asks after every edit.
    const { required, satisfied, peopleMissing } = coverageTotals(ctx, q.unitIds, q.asOf);
    const coverageRows = () =>
      coverageOfUnits(ctx, q.asOf, q.unitIds).map((u) => ({
        unitId: u.unitId,
        code: u.unitCode,
        name: u.unitName,
        staff: u.staff,
        coverage: u.coverage,
        peopleMissing: u.peopleMissing,
      }));
    const passes = q.unitIds.length ? (cachedStatement(ctx.sqlite, `SELECT count(*) ${PASSES_IN_PERIOD}`).pluck().get(q.period.start, q.period.end, JSON.stringify(q.unitIds)) as number) : 0;
    return [
      {
        ...coverage,
        area: 'training',
        value: pct(satisfied, required),
        part: { numerator: satisfied, denominator: required },
        columns: columns.coverage,
        rows: coverageRows,
      },
      { ...missing, area: 'training', value: peopleMissing, columns: columns.missing, rows: () => lackingRows(ctx, q) },
      { ...trained, area: 'training', value: passes, columns: columns.trained, rows: () => passRows(ctx, q) },
    ];
  },
  unitColumns: [{ key: 'trainingCoverage', label: msg('Đào tạo bắt buộc (%)', 'Required training (%)'), type: 'number' }],
  unitValues(ctx, q) {
    const coverageOf = new Map(coverageOfUnits(ctx, q.asOf, q.unitIds).map((u) => [u.unitId, u.coverage]));
    const out = new Map<string, FigureRow>();
    for (const id of q.unitIds) out.set(id, { trainingCoverage: coverageOf.get(id) ?? null });
    return out;
  },
};
