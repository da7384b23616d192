import type { ServiceContext } from '../context';
import { today } from '../rules';
import { listUnits } from '../units/units';
import { listCourses, requirementsByRole, type Requirements } from './courses';
import { EXPIRY_WINDOW_DAYS, inForce, qualifications, type Qualification } from './qualifications';
import { listStaff, type IsoRole, type StaffListItem } from './staff';

export type CellState = 'valid' | 'expiring' | 'expired' | 'missing' | 'none';

export interface MatrixCell {
  required: boolean;
  /** valid/expiring/expired from the best pass; missing = required and not in force; none = neither. */
  state: CellState;
  endDate: string | null;
  certificateNo: string;
  certificateExpiry: string | null;
}

export interface MatrixRow {
  staffId: string;
  fullName: string;
  staffCode: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  position: string;
  department: string;
  isoRole: IsoRole;
  cells: Record<string, MatrixCell>;
  /** Ids of required courses not in force. */
  missing: string[];
  required: number;
  satisfied: number;
}

export interface UnitCoverage {
  unitId: string;
  unitCode: string;
  unitName: string;
  staff: number;
  /** Number of (person, required course) pairs. */
  required: number;
  satisfied: number;
  /** satisfied / required × 100, one decimal; null when nobody in the unit needs any course. */
  coverage: number | null;
  peopleMissing: number;
}

export interface ExpiringCertificate {
  staffId: string;
  fullName: string;
  unitName: string;
  courseTypeId: string;
  courseName: string;
  certificateNo: string;
  certificateExpiry: string;
  daysLeft: number;
}

export interface TrainingMatrix {
  onDate: string;
  windowDays: number;
  courses: { id: string; code: string; name: string; kind: string }[];
  rows: MatrixRow[];
  units: UnitCoverage[];
  total: Omit<UnitCoverage, 'unitId' | 'unitCode' | 'unitName'>;
  expiring: ExpiringCertificate[];
}

/** Courses a person needs: those of every staff member plus those of their ISO role. */
export function requiredCourses(reqs: Requirements, role: IsoRole): string[] {
  return [...new Set([...reqs.all, ...(role === 'none' ? [] : reqs[role])])];
}

const percent = (satisfied: number, required: number): number | null =>
  required === 0 ? null : Math.round((satisfied / required) * 1000) / 10;

function cellOf(q: Qualification | undefined, required: boolean): MatrixCell {
  const state: CellState = q ? q.state : required ? 'missing' : 'none';
  return { required, state, endDate: q?.endDate ?? null, certificateNo: q?.certificateNo ?? '', certificateExpiry: q?.certificateExpiry ?? null };
}

/**
 * The training matrix of a unit (and its sub-units when asked): every active
 * person × every offered course, coverage of required courses per unit, who
 * lacks what, and certificates that expire within the window (90 days).
 */
export function trainingMatrix(
  ctx: ServiceContext,
  filter: { unitId?: string; includeSubunits?: boolean; onDate?: string; windowDays?: number } = {},
): TrainingMatrix {
  const onDate = filter.onDate ?? today(ctx);
  const windowDays = filter.windowDays ?? EXPIRY_WINDOW_DAYS;
  const courses = listCourses(ctx);
  const reqs = requirementsByRole(ctx);
  const quals = qualifications(ctx, onDate, windowDays);
  const people = listStaff(ctx, { unitId: filter.unitId, includeSubunits: filter.includeSubunits ?? true, status: 'active' });
  const rows: MatrixRow[] = people.map((p) => {
    const needs = new Set(requiredCourses(reqs, p.isoRole));
    const mine = quals.get(p.id);
    const cells: Record<string, MatrixCell> = {};
    for (const c of courses) cells[c.id] = cellOf(mine?.get(c.id), needs.has(c.id));
    const missing = courses.filter((c) => needs.has(c.id) && !inForce(mine?.get(c.id))).map((c) => c.id);
    const required = courses.filter((c) => needs.has(c.id)).length;
    return { ...pick(p), cells, missing, required, satisfied: required - missing.length };
  });
  const unitMeta = new Map(listUnits(ctx, { status: 'all' }).map((u) => [u.id, u]));
  const byUnit = new Map<string, MatrixRow[]>();
  for (const r of rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);
  const units: UnitCoverage[] = [...byUnit.entries()]
    .map(([unitId, rs]) => ({ unitId, unitCode: unitMeta.get(unitId)?.code ?? '', unitName: unitMeta.get(unitId)?.name ?? '', ...summary(rs) }))
    .sort((a, b) => a.unitCode.localeCompare(b.unitCode));
  const courseName = new Map(courses.map((c) => [c.id, c.name]));
  const expiring: ExpiringCertificate[] = [];
  for (const p of people) {
    for (const q of quals.get(p.id)?.values() ?? []) {
      if (q.state === 'expiring' && courseName.has(q.courseTypeId)) {
        expiring.push({
          staffId: p.id,
          fullName: p.fullName,
          unitName: p.unitName,
          courseTypeId: q.courseTypeId,
          courseName: courseName.get(q.courseTypeId)!,
          certificateNo: q.certificateNo,
          certificateExpiry: q.certificateExpiry!,
          daysLeft: q.daysLeft!,
        });
      }
    }
  }
  expiring.sort((a, b) => a.daysLeft - b.daysLeft);
  return {
    onDate,
    windowDays,
    courses: courses.map((c) => ({ id: c.id, code: c.code, name: c.name, kind: c.kind })),
    rows,
    units,
    total: summary(rows),
    expiring,
  };
}

function pick(p: StaffListItem) {
  return {
    staffId: p.id,
    fullName: p.fullName,
    staffCode: p.staffCode,
    unitId: p.unitId,
    unitCode: p.unitCode,
    unitName: p.unitName,
    position: p.position,
    department: p.department,
    isoRole: p.isoRole,
  };
}

function summary(rows: MatrixRow[]) {
  const required = rows.reduce((n, r) => n + r.required, 0);
  const satisfied = rows.reduce((n, r) => n + r.satisfied, 0);
  return { staff: rows.length, required, satisfied, coverage: percent(satisfied, required), peopleMissing: rows.filter((r) => r.missing.length > 0).length };
}
