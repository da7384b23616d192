import { and, eq, inArray } from 'drizzle-orm';
import { attendance, staff, trainingSessions } from '../../../../db/schema';
import { listCourses } from '../../training/courses';
import { matrixCoverage, matrixPeople, trainingMatrix } from '../../training/matrix';
import { unitsByIds } from '../../units/units';
import { msg } from './labels';
import type { Figure, FigureProvider } from './types';

const coverage = {
  key: 'training.coverage',
  label: msg('Tỷ lệ khóa đào tạo bắt buộc cán bộ đã hoàn thành', 'Required training completed'),
  kind: 'percent',
} as const;
const missing = { key: 'training.peopleMissing', label: msg('Số cán bộ còn thiếu khóa đào tạo bắt buộc', 'Staff still lacking a required course'), kind: 'count' } as const;
const trained = { key: 'training.trainedInPeriod', label: msg('Số lượt cán bộ được đào tạo trong kỳ', 'Staff trained during the period (passes)'), kind: 'count' } as const;

const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

/**
 * Training (issue 4), read through its own services: coverage of required
 * courses on the day (the training matrix), who still lacks a course, and who
 * passed a course during the period.
 */
export const trainingFigures: FigureProvider = {
  area: 'training',
  label: msg('Đào tạo', 'Training'),
  definitions: [coverage, missing, trained],
  compute(ctx, q): Figure[] {
    const inScope = new Set(q.unitIds);
    const matrix = matrixCoverage(ctx, { onDate: q.asOf }, { lacking: true });
    const units = matrix.units.filter((u) => inScope.has(u.unitId));
    const required = units.reduce((s, u) => s + u.required, 0);
    const satisfied = units.reduce((s, u) => s + u.satisfied, 0);
    const courseName = new Map(matrix.courses.map((c) => [c.id, c.name]));
    const lacking = matrix.lacking.length ? matrixPeople(ctx, { ids: matrix.lacking, onDate: q.asOf }).filter((r) => inScope.has(r.unitId)) : [];
    const passes = q.unitIds.length
      ? ctx.db
          .select({ staffId: attendance.staffId, fullName: staff.fullName, unitId: staff.unitId, courseTypeId: trainingSessions.courseTypeId, endDate: trainingSessions.endDate })
          .from(attendance)
          .innerJoin(trainingSessions, eq(trainingSessions.id, attendance.sessionId))
          .innerJoin(staff, eq(staff.id, attendance.staffId))
          .where(and(eq(attendance.deleted, false), eq(trainingSessions.deleted, false), eq(attendance.result, 'passed'), inArray(staff.unitId, q.unitIds)))
          .all()
          .filter((p) => p.endDate >= q.period.start && p.endDate <= q.period.end)
      : [];
    const names = new Map(unitsByIds(ctx, q.unitIds).map((u) => [u.id, u]));
    const allCourses = new Map(listCourses(ctx, { includeInactive: true }).map((c) => [c.id, c.name]));
    return [
      {
        ...coverage,
        area: 'training',
        value: pct(satisfied, required),
        part: { numerator: satisfied, denominator: required },
        columns: [
          { key: 'code', label: msg('Mã', 'Code') },
          { key: 'name', label: msg('Đơn vị', 'Unit') },
          { key: 'staff', label: msg('Số cán bộ', 'Staff'), type: 'number' },
          { key: 'coverage', label: msg('Tỷ lệ hoàn thành (%)', 'Completed (%)'), type: 'number' },
          { key: 'peopleMissing', label: msg('Cán bộ còn thiếu', 'Staff lacking'), type: 'number' },
        ],
        rows: units.map((u) => ({ unitId: u.unitId, code: u.unitCode, name: u.unitName, staff: u.staff, coverage: u.coverage, peopleMissing: u.peopleMissing })),
      },
      {
        ...missing,
        area: 'training',
        value: lacking.length,
        columns: [
          { key: 'fullName', label: msg('Họ và tên', 'Full name') },
          { key: 'unit', label: msg('Đơn vị', 'Unit') },
          { key: 'missing', label: msg('Khóa còn thiếu', 'Missing courses') },
        ],
        rows: lacking.map((r) => ({ unitId: r.unitId, fullName: r.fullName, unit: r.unitName, missing: r.missing.map((id) => courseName.get(id) ?? id).join('; ') })),
      },
      {
        ...trained,
        area: 'training',
        value: passes.length,
        columns: [
          { key: 'fullName', label: msg('Họ và tên', 'Full name') },
          { key: 'unit', label: msg('Đơn vị', 'Unit') },
          { key: 'course', label: msg('Khóa học', 'Course') },
          { key: 'endDate', label: msg('Ngày kết thúc', 'Ended'), type: 'date' },
        ],
        rows: passes
          .sort((a, b) => a.endDate.localeCompare(b.endDate))
          .map((p) => ({ unitId: p.unitId, fullName: p.fullName, unit: names.get(p.unitId)?.name ?? '', course: allCourses.get(p.courseTypeId) ?? '', endDate: p.endDate })),
      },
    ];
  },
  unitColumns: [{ key: 'trainingCoverage', label: msg('Đào tạo bắt buộc (%)', 'Required training (%)'), type: 'number' }],
  unitValues(ctx, q) {
    const matrix = trainingMatrix(ctx, { onDate: q.asOf });
    const out = new Map<string, Record<string, string | number | null>>();
    for (const id of q.unitIds) out.set(id, { trainingCoverage: matrix.units.find((u) => u.unitId === id)?.coverage ?? null });
    return out;
  },
};
