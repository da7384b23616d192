import type Database from 'better-sqlite3';
import type { ServiceContext } from '../context';
import { today } from '../rules';
import { getUnit } from '../units/units';
import { type CourseType, isoRoles, listCourses, requirementsByRole, type Requirements } from './courses';
import { refreshTrainingDerived } from './derived';
import { EXPIRY_WINDOW_DAYS, inForce, qualifications, type Qualification } from './qualifications';
import { listStaff, scopeUnitIds, type IsoRole, type StaffListItem } from './staff';

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

/** Of one required course in a unit: how many people need it and how many hold it in force. */
export interface CourseCoverage {
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
  /** course id → coverage, for the courses someone in the unit needs. */
  courses: Record<string, CourseCoverage>;
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

type CourseHead = { id: string; code: string; name: string; kind: string };

/** The matrix at any scope (up to the whole nation): coverage per unit and per required course, and certificates expiring soon. */
export interface TrainingMatrix {
  onDate: string;
  windowDays: number;
  courses: CourseHead[];
  /** Ids of the courses someone in scope is required to hold, in course order. */
  requiredCourses: string[];
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

export interface MatrixFilter {
  unitId?: string;
  includeSubunits?: boolean;
  onDate?: string;
  windowDays?: number;
}

const scopeSql = (scope: string[] | null) => (scope ? ' AND p.unit_id IN (SELECT value FROM json_each(@scope))' : '');
/** Named parameters without the absent ones (SQLite refuses a value for a parameter the statement lacks). */
const bind = (p: Record<string, unknown>) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== null && v !== undefined));

/**
 * Active people with a role that needs something, each with the bits of their
 * role's required courses they hold in force on the day: one B-tree descent
 * per person into their best passes (not one per person and course). Per
 * role, its required courses are bits (exact up to 52 courses per role, far
 * beyond any requirement); `full` is every bit.
 */
function heldInForce(ctx: ServiceContext, scope: string[] | null, onDate: string) {
  const reqs = requirementsByRole(ctx);
  const roleCourses = new Map(isoRoles.map((role) => [role, requiredCourses(reqs, role)] as const).filter(([, cs]) => cs.length > 0));
  const roles = JSON.stringify([...roleCourses].map(([role, cs]) => [role, 2 ** cs.length - 1]));
  const need = JSON.stringify([...roleCourses].flatMap(([role, cs]) => cs.map((c, bit) => [role, c, bit])));
  const held = `need(role, course, bit) AS MATERIALIZED (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(@need)),
      roles(role, full) AS MATERIALIZED (SELECT value ->> 0, value ->> 1 FROM json_each(@roles)),
      held AS (SELECT p.id, p.unit_id, p.iso_role AS role, r.full,
                 (SELECT coalesce(sum(1 << n.bit), 0) FROM staff_qualifications q JOIN need n ON n.course = q.course_type_id AND n.role = p.iso_role
                   WHERE q.staff_id = p.id AND q.best_expiry >= @onDate) AS mask
                 FROM roles r CROSS JOIN staff p WHERE p.iso_role = r.role AND p.deleted = 0 AND p.status = 'active'${scopeSql(scope)})`;
  return { roleCourses, held, args: bind({ scope: scope && JSON.stringify(scope), onDate, need, roles }) };
}

/*
 * A scope's matrix on a day is kept per connection until the change log moves
 * on: the dashboard (the home screen) and the matrix page ask for the same one
 * again and again (the nation's costs ~45 ms of CPU), while training rows
 * change far more rarely. Everything it is computed from is a synchronised
 * row (people, passes, sessions, units, courses, requirements), and every
 * write of one (service, import, bundle, merge) appends to the change log.
 */
const matrixMemo = new WeakMap<Database.Database, { seq: number; byKey: Map<string, TrainingMatrix> }>();
const MEMO_ENTRIES = 16;

/**
 * The training matrix of a scope (a unit, its sub-units, or the whole
 * nation), computed in SQL: people per unit, (person, required course) pairs
 * and how many are in force, per unit and per course, people lacking
 * something, and certificates that expire within the window (90 days).
 * Person rows come one unit at a time from matrixPeople: at national scale
 * they are ~30,000 rows × every course. Callers share the answer: read it, never change it.
 */
export function trainingMatrix(ctx: ServiceContext, filter: MatrixFilter = {}): TrainingMatrix {
  const seq = refreshTrainingDerived(ctx);
  const onDate = filter.onDate ?? today(ctx);
  const windowDays = filter.windowDays ?? EXPIRY_WINDOW_DAYS;
  const compute = () => computeMatrix(ctx, filter.unitId, filter.includeSubunits ?? true, onDate, windowDays);
  // Inside a write's transaction the rows read may yet be rolled back, and the log positions reused by later writes.
  if (ctx.sqlite.inTransaction) return compute();
  const scope = filter.unitId ? [filter.unitId, filter.includeSubunits ?? true] : null;
  const key = JSON.stringify([scope, onDate, windowDays]);
  let memo = matrixMemo.get(ctx.sqlite);
  if (memo?.seq !== seq) matrixMemo.set(ctx.sqlite, (memo = { seq, byKey: new Map() }));
  let matrix = memo.byKey.get(key);
  if (!matrix) {
    matrix = compute();
    if (memo.byKey.size >= MEMO_ENTRIES) memo.byKey.delete(memo.byKey.keys().next().value!);
    memo.byKey.set(key, matrix);
  }
  return matrix;
}

function computeMatrix(ctx: ServiceContext, unitId: string | undefined, includeSubunits: boolean, onDate: string, windowDays: number): TrainingMatrix {
  const courses = listCourses(ctx);
  const scope = scopeUnitIds(ctx, unitId, includeSubunits);
  const staffPerUnit = ctx.sqlite
    .prepare(
      `WITH n AS (SELECT p.unit_id, count(*) AS staff FROM staff p WHERE p.deleted = 0 AND p.status = 'active'${scopeSql(scope)} GROUP BY p.unit_id)
       SELECT n.unit_id AS unitId, u.code AS unitCode, u.name AS unitName, n.staff FROM n JOIN units u ON u.id = n.unit_id`,
    )
    .all(bind({ scope: scope && JSON.stringify(scope) })) as { unitId: string; unitCode: string; unitName: string; staff: number }[];
  const { roleCourses, held, args } = heldInForce(ctx, scope, onDate);
  // People grouped by unit, role and what they hold.
  const groups = ctx.sqlite
    .prepare(`WITH ${held} SELECT unit_id, role, mask, count(*) FROM held GROUP BY unit_id, role, mask`)
    .raw()
    .all(args) as [string, IsoRole, number, number][];
  const units = new Map<string, UnitCoverage>(
    staffPerUnit.map((u) => [u.unitId, { ...u, required: 0, satisfied: 0, coverage: null, peopleMissing: 0, courses: {} }]),
  );
  const needed = new Set<string>();
  for (const [unitId, role, mask, people] of groups) {
    const u = units.get(unitId)!;
    const cs = roleCourses.get(role)!;
    cs.forEach((course, bit) => {
      const c = (u.courses[course] ??= { required: 0, satisfied: 0 });
      const ok = Math.floor(mask / 2 ** bit) % 2 === 1;
      c.required += people;
      u.required += people;
      if (ok) {
        c.satisfied += people;
        u.satisfied += people;
      }
      needed.add(course);
    });
    if (mask !== 2 ** cs.length - 1) u.peopleMissing += people;
  }
  const list = [...units.values()].sort((a, b) => a.unitCode.localeCompare(b.unitCode));
  const total: TrainingMatrix['total'] = { staff: 0, required: 0, satisfied: 0, coverage: null, peopleMissing: 0, courses: {} };
  for (const u of list) {
    u.coverage = percent(u.satisfied, u.required);
    total.staff += u.staff;
    total.required += u.required;
    total.satisfied += u.satisfied;
    total.peopleMissing += u.peopleMissing;
    for (const [id, c] of Object.entries(u.courses)) {
      const t = (total.courses[id] ??= { required: 0, satisfied: 0 });
      t.required += c.required;
      t.satisfied += c.satisfied;
    }
  }
  total.coverage = percent(total.satisfied, total.required);
  return {
    onDate,
    windowDays,
    courses: courses.map((c) => ({ id: c.id, code: c.code, name: c.name, kind: c.kind })),
    requiredCourses: courses.filter((c) => needed.has(c.id)).map((c) => c.id),
    units: list,
    total,
    expiring: expiringCertificates(ctx, courses, scope, onDate, windowDays),
  };
}

/** The ids of the scope's people lacking a required course on the day, those the matrix counts in peopleMissing (reports list them by name). */
export function lackingStaffIds(ctx: ServiceContext, filter: Omit<MatrixFilter, 'windowDays'> = {}): string[] {
  refreshTrainingDerived(ctx);
  const { held, args } = heldInForce(ctx, scopeUnitIds(ctx, filter.unitId, filter.includeSubunits ?? true), filter.onDate ?? today(ctx));
  return ctx.sqlite.prepare(`WITH ${held} SELECT id FROM held WHERE mask != full`).pluck().all(args) as string[];
}

/** Certificates in force whose best pass ends within the window: candidates from the index on best expiry, details from the attendance. */
function expiringCertificates(ctx: ServiceContext, courses: CourseType[], scope: string[] | null, onDate: string, windowDays: number): ExpiringCertificate[] {
  const until = new Date(Date.parse(`${onDate}T00:00:00Z`) + windowDays * 86_400_000).toISOString().slice(0, 10);
  const candidates = ctx.sqlite
    .prepare(
      // CROSS JOIN keeps the range on best expiry outermost, whatever the statistics say.
      `SELECT DISTINCT q.staff_id FROM staff_qualifications q CROSS JOIN staff p ON p.id = q.staff_id
        WHERE q.best_expiry BETWEEN @onDate AND @until AND p.deleted = 0 AND p.status = 'active'${scopeSql(scope)}`,
    )
    .pluck()
    .all({ onDate, until, ...(scope ? { scope: JSON.stringify(scope) } : {}) }) as string[];
  if (candidates.length === 0) return [];
  const quals = qualifications(ctx, onDate, windowDays, candidates);
  const courseName = new Map(courses.map((c) => [c.id, c.name]));
  const expiring: ExpiringCertificate[] = [];
  for (const p of listStaff(ctx, { ids: candidates, status: 'active' })) {
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
  return expiring.sort((a, b) => a.daysLeft - b.daysLeft);
}

/**
 * Person rows of the matrix: every active person of the units × every
 * offered course, with who lacks what. For one unit on screen (bounded by
 * the API), for a scope in exports and reports.
 */
export function matrixPeople(ctx: ServiceContext, filter: MatrixFilter & { ids?: string[] } = {}): MatrixRow[] {
  const onDate = filter.onDate ?? today(ctx);
  const windowDays = filter.windowDays ?? EXPIRY_WINDOW_DAYS;
  const courses = listCourses(ctx);
  const reqs = requirementsByRole(ctx);
  const people = listStaff(ctx, { unitId: filter.unitId, includeSubunits: filter.includeSubunits ?? true, ids: filter.ids, status: 'active' });
  // Only these people's passes when the scope is narrower than the nation.
  const quals = qualifications(ctx, onDate, windowDays, filter.unitId || filter.ids ? people.map((p) => p.id) : undefined);
  return people.map((p) => {
    const needs = new Set(requiredCourses(reqs, p.isoRole));
    const mine = quals.get(p.id);
    const cells: Record<string, MatrixCell> = {};
    for (const c of courses) cells[c.id] = cellOf(mine?.get(c.id), needs.has(c.id));
    const missing = courses.filter((c) => needs.has(c.id) && !inForce(mine?.get(c.id))).map((c) => c.id);
    const required = courses.filter((c) => needs.has(c.id)).length;
    return { ...pick(p), cells, missing, required, satisfied: required - missing.length };
  });
}

/** One unit's people in the matrix (drill-down), a page at a time. */
export function unitMatrixPage(
  ctx: ServiceContext,
  filter: { unitId: string; onDate?: string; windowDays?: number; onlyMissing?: boolean; offset?: number; limit?: number },
): { onDate: string; windowDays: number; courses: CourseHead[]; unit: { id: string; code: string; name: string }; total: number; rows: MatrixRow[] } {
  const unit = getUnit(ctx, filter.unitId);
  const onDate = filter.onDate ?? today(ctx);
  const windowDays = filter.windowDays ?? EXPIRY_WINDOW_DAYS;
  const all = matrixPeople(ctx, { unitId: unit.id, includeSubunits: false, onDate, windowDays }).filter((r) => !filter.onlyMissing || r.missing.length > 0);
  const offset = filter.offset ?? 0;
  return {
    onDate,
    windowDays,
    courses: listCourses(ctx).map((c) => ({ id: c.id, code: c.code, name: c.name, kind: c.kind })),
    unit: { id: unit.id, code: unit.code, name: unit.name },
    total: all.length,
    rows: all.slice(offset, offset + (filter.limit ?? MATRIX_PAGE)),
  };
}

/** People per drill-down page: a unit rarely has more; the screen asks for the next page when it does. */
const MATRIX_PAGE = 500;

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
