import type { ServiceContext } from '../context';
import { daysBetween } from '../../common/dates';
import { MATRIX_PAGE } from '../../common/limits';
import { today } from '../rules';
import { getUnit } from '../units/units';
import { type CourseType, isoRoles, listCourses, requirementsByRole, type Requirements } from './courses';
import { REBUILD_FROM, refreshTrainingDerived, trainingPeopleChanged } from './derived';
import { cachedStatement } from '../statements';
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

const scopeSql = (scope: string[] | null, column = 'p.unit_id') => (scope ? ` AND ${column} IN (SELECT value FROM json_each(@scope))` : '');
/** Named parameters without the absent ones (SQLite refuses a value for a parameter the statement lacks). */
const bind = (p: Record<string, unknown>) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== null && v !== undefined));

/*
 * STANDING — the place in the matrix on a day of every active person whose
 * ISO role needs a course: unit, role, and the bits of the role's required
 * courses they hold in force (`mask`; `full` is every bit). Per role, its
 * required courses are bits (exact up to 52 courses per role, far beyond any
 * requirement). Most people need nothing (no ISO role): they are only counted
 * per unit, live from an index.
 *
 * Working it out takes one B-tree descent per person into their best passes.
 * The dashboard (the home screen) and the matrix page ask again after every
 * edit anywhere, while an edit changes one person or a few. So the standing
 * is kept in a temporary table of the connection, per day, with the
 * change-log position it reflects, and brought forward like the derived
 * tables: only the people whose staff row, passes or sessions changed are
 * worked out again. It is built whole for a day not kept yet, when the
 * requirements change (the bits would mean other courses), or when more than
 * REBUILD_FROM people changed. Being a table, it follows the transaction it
 * is written in: a rollback takes the rows and the position back together.
 * The people per unit, role and mask are kept counted beside it, so a read
 * is a few thousand counts rather than every person.
 */
const STANDING_SCHEMA = `
  CREATE TEMP TABLE IF NOT EXISTS matrix_standing (on_date TEXT NOT NULL, staff_id TEXT NOT NULL, unit_id TEXT NOT NULL,
    role TEXT NOT NULL, mask INTEGER NOT NULL, full INTEGER NOT NULL, PRIMARY KEY (on_date, staff_id)) WITHOUT ROWID;
  CREATE TEMP TABLE IF NOT EXISTS matrix_groups (on_date TEXT NOT NULL, unit_id TEXT NOT NULL, role TEXT NOT NULL, mask INTEGER NOT NULL,
    full INTEGER NOT NULL, people INTEGER NOT NULL, PRIMARY KEY (on_date, unit_id, role, mask)) WITHOUT ROWID;
  CREATE TEMP TABLE IF NOT EXISTS matrix_standing_state (on_date TEXT PRIMARY KEY, seq INTEGER NOT NULL, need TEXT NOT NULL, kept INTEGER NOT NULL);`;

/** Days kept at once: today's (dashboard, matrix page), a report's or the scoring's year end. */
const STANDING_DAYS = 4;

interface RoleBits {
  /** role → its required courses, in bit order. */
  roleCourses: Map<IsoRole, string[]>;
  need: string;
  roles: string;
}

function roleBits(ctx: ServiceContext): RoleBits {
  const reqs = requirementsByRole(ctx);
  const roleCourses = new Map(isoRoles.map((role) => [role, requiredCourses(reqs, role)] as const).filter(([, cs]) => cs.length > 0));
  return {
    roleCourses,
    need: JSON.stringify([...roleCourses].flatMap(([role, cs]) => cs.map((c, bit) => [role, c, bit]))),
    roles: JSON.stringify([...roleCourses].map(([role, cs]) => [role, 2 ** cs.length - 1])),
  };
}

/** Writes the standing on the day of the active people whose role needs a course (those of @ids only, when given). */
function writeStanding(ctx: ServiceContext, bits: RoleBits, onDate: string, ids: string[] | null): void {
  cachedStatement(
    ctx.sqlite,
    `WITH need(role, course, bit) AS MATERIALIZED (SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(@need)),
          roles(role, full) AS MATERIALIZED (SELECT value ->> 0, value ->> 1 FROM json_each(@roles))
     INSERT INTO matrix_standing (on_date, staff_id, unit_id, role, mask, full)
     SELECT @onDate, p.id, p.unit_id, p.iso_role,
            (SELECT coalesce(sum(1 << n.bit), 0) FROM staff_qualifications q JOIN need n ON n.course = q.course_type_id AND n.role = p.iso_role
              WHERE q.staff_id = p.id AND q.best_expiry >= @onDate),
            r.full
       FROM roles r CROSS JOIN staff p ON p.iso_role = r.role
      WHERE p.deleted = 0 AND p.status = 'active'${ids ? ' AND p.id IN (SELECT value FROM json_each(@ids))' : ''}`,
  ).run(bind({ onDate, need: bits.need, roles: bits.roles, ids: ids && JSON.stringify(ids) }));
}

/** Brings the day's standing up to the change log's position; returns the role bits it is written with. */
function standing(ctx: ServiceContext, onDate: string): RoleBits {
  const seq = refreshTrainingDerived(ctx);
  const bits = roleBits(ctx);
  ctx.sqlite.exec(STANDING_SCHEMA);
  const state = cachedStatement(ctx.sqlite, 'SELECT seq, need FROM matrix_standing_state WHERE on_date = ?').get(onDate) as
    | { seq: number; need: string }
    | undefined;
  if (state && state.seq === seq && state.need === bits.need) return bits;
  ctx.sqlite.transaction(() => {
    const touched = state && state.need === bits.need && state.seq < seq ? trainingPeopleChanged(ctx, state.seq, seq) : null;
    if (touched && touched.length <= REBUILD_FROM) {
      const ids = JSON.stringify(touched);
      // Out of their groups as they stood, back in as they stand now.
      countIn(ctx, onDate, ids, -1);
      cachedStatement(ctx.sqlite, 'DELETE FROM matrix_standing WHERE on_date = ? AND staff_id IN (SELECT value FROM json_each(?))').run(onDate, ids);
      writeStanding(ctx, bits, onDate, touched);
      countIn(ctx, onDate, ids, 1);
      cachedStatement(ctx.sqlite, 'DELETE FROM matrix_groups WHERE on_date = ? AND people = 0').run(onDate);
    } else {
      forgetDay(ctx, onDate);
      writeStanding(ctx, bits, onDate, null);
      countIn(ctx, onDate, null, 1);
    }
    const kept = (cachedStatement(ctx.sqlite, 'SELECT coalesce(max(kept), 0) + 1 FROM matrix_standing_state').pluck().get() as number);
    cachedStatement(ctx.sqlite, 'INSERT OR REPLACE INTO matrix_standing_state (on_date, seq, need, kept) VALUES (?, ?, ?, ?)').run(onDate, seq, bits.need, kept);
    // The days brought up to date longest ago go (a day's standing is ~30,000 rows at national scale).
    const dropped = cachedStatement(ctx.sqlite, 'SELECT on_date FROM matrix_standing_state ORDER BY kept DESC LIMIT -1 OFFSET ?').pluck().all(STANDING_DAYS) as string[];
    for (const day of dropped) {
      forgetDay(ctx, day);
      cachedStatement(ctx.sqlite, 'DELETE FROM matrix_standing_state WHERE on_date = ?').run(day);
    }
  })();
  return bits;
}

function forgetDay(ctx: ServiceContext, onDate: string): void {
  cachedStatement(ctx.sqlite, 'DELETE FROM matrix_standing WHERE on_date = ?').run(onDate);
  cachedStatement(ctx.sqlite, 'DELETE FROM matrix_groups WHERE on_date = ?').run(onDate);
}

/** Adds (sign 1) or takes away (sign -1) the day's standing of these people (all, for null) to the counts per group. */
function countIn(ctx: ServiceContext, onDate: string, ids: string | null, sign: 1 | -1): void {
  cachedStatement(
    ctx.sqlite,
    `INSERT INTO matrix_groups (on_date, unit_id, role, mask, full, people)
     SELECT on_date, unit_id, role, mask, full, @sign * count(*) FROM matrix_standing
      WHERE on_date = @onDate${ids ? ' AND staff_id IN (SELECT value FROM json_each(@ids))' : ''} GROUP BY unit_id, role, mask
     ON CONFLICT DO UPDATE SET people = people + excluded.people`,
  ).run(bind({ onDate, ids, sign }));
}

/**
 * Coverage per unit of these units (null: every unit) on a day, by unit code:
 * head counts live from an index (~4 ms for the nation), the people who need
 * a course from the day's kept counts, spread over the role's courses.
 */
export function coverageOfUnits(ctx: ServiceContext, onDate: string, scope: string[] | null): UnitCoverage[] {
  const { roleCourses } = standing(ctx, onDate);
  const args = bind({ onDate, scope: scope && JSON.stringify(scope) });
  const staffPerUnit = cachedStatement(
    ctx.sqlite,
    `WITH n AS (SELECT p.unit_id, count(*) AS staff FROM staff p INDEXED BY staff_active_role_idx WHERE p.deleted = 0 AND p.status = 'active'${scopeSql(scope)}
                GROUP BY p.unit_id)
     SELECT n.unit_id AS unitId, u.code AS unitCode, u.name AS unitName, n.staff FROM n JOIN units u ON u.id = n.unit_id`,
  ).all(args) as { unitId: string; unitCode: string; unitName: string; staff: number }[];
  const units = new Map<string, UnitCoverage>(
    staffPerUnit.map((u) => [u.unitId, { ...u, required: 0, satisfied: 0, coverage: null, peopleMissing: 0, courses: {} }]),
  );
  // The people who need a course, counted by unit, role and what they hold.
  const groups = cachedStatement(ctx.sqlite, `SELECT unit_id, role, mask, full, people FROM matrix_groups WHERE on_date = @onDate${scopeSql(scope, 'unit_id')}`)
    .raw()
    .all(args) as [string, IsoRole, number, number, number][];
  for (const [unitId, role, mask, full, people] of groups) {
    const u = units.get(unitId)!;
    roleCourses.get(role)!.forEach((course, bit) => {
      const c = (u.courses[course] ??= { required: 0, satisfied: 0 });
      const ok = Math.floor(mask / 2 ** bit) % 2 === 1;
      c.required += people;
      u.required += people;
      if (ok) {
        c.satisfied += people;
        u.satisfied += people;
      }
    });
    if (mask !== full) u.peopleMissing += people;
  }
  for (const u of units.values()) u.coverage = percent(u.satisfied, u.required);
  return [...units.values()].sort((a, b) => a.unitCode.localeCompare(b.unitCode));
}

/**
 * The training matrix of a scope (a unit, its sub-units, or the whole
 * nation): people per unit, (person, required course) pairs and how many are
 * in force, per unit and per course, people lacking something, and
 * certificates that expire within the window (90 days). Counted in SQL from
 * the day's standing. Person rows come one unit at a time from matrixPeople:
 * at national scale they are ~30,000 rows × every course.
 */
export function trainingMatrix(ctx: ServiceContext, filter: MatrixFilter = {}): TrainingMatrix {
  const onDate = filter.onDate ?? today(ctx);
  const windowDays = filter.windowDays ?? EXPIRY_WINDOW_DAYS;
  const courses = listCourses(ctx);
  const scope = scopeUnitIds(ctx, filter.unitId, filter.includeSubunits ?? true);
  const list = coverageOfUnits(ctx, onDate, scope);
  const needed = new Set(list.flatMap((u) => Object.keys(u.courses)));
  const total: TrainingMatrix['total'] = { staff: 0, required: 0, satisfied: 0, coverage: null, peopleMissing: 0, courses: {} };
  for (const u of list) {
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

/**
 * The required (person, course) pairs, those held in force and the people lacking something, summed
 * over the day's people of these units: the dashboard's training figures, read from the kept counts
 * alone (no head counts, no per-course split, no certificates: those are the matrix page's).
 */
export function coverageTotals(ctx: ServiceContext, unitIds: string[], onDate: string = today(ctx)): { required: number; satisfied: number; peopleMissing: number } {
  const { roleCourses } = standing(ctx, onDate);
  // Bits set in a mask, as a sum of its bits up to the widest role's.
  const width = Math.max(0, ...[...roleCourses.values()].map((cs) => cs.length));
  const bitsOf = (column: string) => (width ? Array.from({ length: width }, (_, i) => `((${column} >> ${i}) & 1)`).join(' + ') : '0');
  return cachedStatement(
    ctx.sqlite,
    `SELECT coalesce(sum(people * (${bitsOf('full')})), 0) AS required, coalesce(sum(people * (${bitsOf('mask')})), 0) AS satisfied,
            coalesce(sum(CASE WHEN mask != full THEN people ELSE 0 END), 0) AS peopleMissing
       FROM matrix_groups WHERE on_date = @onDate AND unit_id IN (SELECT value FROM json_each(@units))`,
  ).get({ onDate, units: JSON.stringify(unitIds) }) as { required: number; satisfied: number; peopleMissing: number };
}

/** The ids of the scope's people lacking a required course on the day, those the matrix counts in peopleMissing (reports list them by name). */
export function lackingStaffIds(ctx: ServiceContext, filter: Omit<MatrixFilter, 'windowDays'> & { unitIds?: string[] } = {}): string[] {
  const onDate = filter.onDate ?? today(ctx);
  standing(ctx, onDate);
  const scope = filter.unitIds ?? scopeUnitIds(ctx, filter.unitId, filter.includeSubunits ?? true);
  return cachedStatement(ctx.sqlite, `SELECT staff_id FROM matrix_standing WHERE on_date = @onDate AND mask != full${scopeSql(scope, 'unit_id')}`)
    .pluck()
    .all(bind({ onDate, scope: scope && JSON.stringify(scope) })) as string[];
}

/**
 * Certificates in force whose best pass ends within the window, in one read: the best passes from
 * the derived table (its index on best expiry), the certificate number from the pass that gives it
 * (the later session when two end on the same day, as qualifications() chooses).
 */
function expiringCertificates(ctx: ServiceContext, courses: CourseType[], scope: string[] | null, onDate: string, windowDays: number): ExpiringCertificate[] {
  const until = new Date(Date.parse(`${onDate}T00:00:00Z`) + windowDays * 86_400_000).toISOString().slice(0, 10);
  const rows = cachedStatement(
    ctx.sqlite,
    // CROSS JOIN keeps the range on best expiry outermost, whatever the statistics say.
    `SELECT p.id AS staffId, p.full_name AS fullName, u.name AS unitName, q.course_type_id AS courseTypeId, q.best_expiry AS certificateExpiry,
            coalesce((SELECT a.certificate_no FROM attendance a CROSS JOIN training_sessions s ON s.id = a.session_id
                       WHERE a.staff_id = p.id AND a.deleted = 0 AND a.result = 'passed' AND a.certificate_expiry = q.best_expiry
                         AND s.deleted = 0 AND s.course_type_id = q.course_type_id
                       ORDER BY s.end_date DESC LIMIT 1), '') AS certificateNo
       FROM staff_qualifications q CROSS JOIN staff p ON p.id = q.staff_id JOIN units u ON u.id = p.unit_id
      WHERE q.best_expiry BETWEEN @onDate AND @until AND p.deleted = 0 AND p.status = 'active'${scopeSql(scope)}
      ORDER BY q.best_expiry, p.full_name`,
  ).all(bind({ onDate, until, scope: scope && JSON.stringify(scope) })) as Omit<ExpiringCertificate, 'courseName' | 'daysLeft'>[];
  const courseName = new Map(courses.map((c) => [c.id, c.name]));
  return rows
    .filter((r) => courseName.has(r.courseTypeId))
    .map((r) => ({ ...r, courseName: courseName.get(r.courseTypeId)!, daysLeft: daysBetween(onDate, r.certificateExpiry) }));
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
