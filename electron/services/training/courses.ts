import { and, asc, eq } from 'drizzle-orm';
import { referenceCourses, referenceRequirements } from '../../../db/reference/courses';
import { HQ_CODE } from '../../../db/reference/units';
import { courseTypes, roleRequirements, type requirementRoles } from '../../../db/schema';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';
import { stableId } from '../ids';
import { deleteRow, findRow, getLiveRow, insertRow, updateRow } from '../records';
import { requireText } from '../rules';
import { findUnitByCode, unitIdForCode } from '../units/units';

/** The enumerations the API validates against, as the schema defines them. */
export { attendanceResults, courseKinds, isoRoles, requirementRoles } from '../../../db/schema';

export type CourseType = typeof courseTypes.$inferSelect;
export type CourseKind = CourseType['kind'];
export type RequirementRole = (typeof requirementRoles)[number];

export const courseIdForCode = (code: string): string => stableId(`course:${code}`);
const requirementId = (role: string, courseTypeId: string): string => stableId(`requirement:${role}:${courseTypeId}`);

/**
 * Puts the shipped course types and role requirements in place: at setup
 * (electron/services/setup.ts), and for folders set up before that, when
 * they are opened or a backup is restored. They are owned by
 * headquarters, so no office's bundle carries them: a district's sessions
 * refer to them by id, and ids follow the codes, so every office that seeds
 * them separately holds the very same rows (nothing duplicated on import).
 * Does nothing once any course type exists.
 */
export function ensureCourseTypes(ctx: ServiceContext): void {
  const hq = findUnitByCode(ctx, HQ_CODE);
  if (!hq) return;
  if (ctx.db.select({ id: courseTypes.id }).from(courseTypes).limit(1).get()) return;
  const owner = unitIdForCode(HQ_CODE);
  referenceCourses.forEach((c, i) =>
    insertRow(ctx, courseTypes, {
      id: courseIdForCode(c.code),
      unitId: owner,
      code: c.code,
      name: c.name,
      kind: c.kind,
      validityMonths: c.validityMonths,
      sortOrder: (i + 1) * 10,
      description: c.description,
    }),
  );
  for (const [role, codes] of Object.entries(referenceRequirements)) {
    for (const code of codes) {
      const courseTypeId = courseIdForCode(code);
      insertRow(ctx, roleRequirements, { id: requirementId(role, courseTypeId), unitId: owner, role: role as RequirementRole, courseTypeId });
    }
  }
}

/** Course types in their display order (inactive ones only when asked). */
export function listCourses(ctx: ServiceContext, options: { includeInactive?: boolean } = {}): CourseType[] {
  return ctx.db
    .select()
    .from(courseTypes)
    .where(eq(courseTypes.deleted, false))
    .orderBy(asc(courseTypes.sortOrder), asc(courseTypes.code))
    .all()
    .filter((c) => options.includeInactive || c.active);
}

/** A live course type, or NOT_FOUND naming the course. */
export function getCourse(ctx: ServiceContext, id: string): CourseType {
  return getLiveRow(ctx, courseTypes, id, 'course');
}

export interface CourseInput {
  code: string;
  name: string;
  kind: CourseKind;
  validityMonths?: number | null;
  sortOrder?: number;
  active?: boolean;
  description?: string;
}

/** Adds a course type; its code is unique and gives it its id. */
export function createCourse(ctx: ServiceContext, input: CourseInput): CourseType {
  const code = requireText(input.code, 'code').toUpperCase();
  const taken = ctx.db.select().from(courseTypes).where(and(eq(courseTypes.code, code), eq(courseTypes.deleted, false))).get();
  if (taken) throw new AppError('COURSE_CODE_TAKEN', { code, name: taken.name }, 'code');
  const id = courseIdForCode(code);
  const values = {
    unitId: unitIdForCode(HQ_CODE),
    code,
    name: requireText(input.name, 'name'),
    kind: input.kind,
    validityMonths: input.validityMonths ?? null,
    sortOrder: input.sortOrder ?? (listCourses(ctx, { includeInactive: true }).at(-1)?.sortOrder ?? 0) + 10,
    active: input.active ?? true,
    description: input.description ?? '',
  };
  // A course deleted earlier comes back under the same id.
  if (findRow(ctx, courseTypes, id)) return updateRow(ctx, courseTypes, id, { ...values, deleted: false });
  return insertRow(ctx, courseTypes, { id, ...values });
}

/** Edits a course type's name, kind, validity, order or whether it is offered (the code stays). */
export function updateCourse(ctx: ServiceContext, id: string, patch: Partial<Omit<CourseInput, 'code'>>): CourseType {
  getCourse(ctx, id);
  return updateRow(ctx, courseTypes, id, {
    name: patch.name === undefined ? undefined : requireText(patch.name, 'name'),
    kind: patch.kind,
    validityMonths: patch.validityMonths,
    sortOrder: patch.sortOrder,
    active: patch.active,
    description: patch.description,
  });
}

export type Requirements = Record<RequirementRole, string[]>;

/** role → ids of the courses it requires. */
export function requirementsByRole(ctx: ServiceContext): Requirements {
  const out: Requirements = { all: [], leader: [], secretary: [], member: [], internal_auditor: [] };
  const live = new Set(listCourses(ctx).map((c) => c.id));
  for (const r of ctx.db.select().from(roleRequirements).where(eq(roleRequirements.deleted, false)).all()) {
    if (live.has(r.courseTypeId)) out[r.role].push(r.courseTypeId);
  }
  return out;
}

/** Sets exactly which courses a role requires: adds the missing rows, tombstones the dropped ones. */
export function setRequirements(ctx: ServiceContext, role: RequirementRole, courseTypeIds: string[]): Requirements {
  const wanted = new Set(courseTypeIds);
  for (const cid of wanted) getCourse(ctx, cid);
  const current = ctx.db
    .select()
    .from(roleRequirements)
    .where(eq(roleRequirements.role, role))
    .all();
  for (const row of current) {
    if (!row.deleted && !wanted.has(row.courseTypeId)) deleteRow(ctx, roleRequirements, row.id);
    if (row.deleted && wanted.has(row.courseTypeId)) updateRow(ctx, roleRequirements, row.id, { deleted: false });
  }
  const known = new Set(current.map((r) => r.courseTypeId));
  for (const cid of wanted) {
    if (!known.has(cid)) insertRow(ctx, roleRequirements, { id: requirementId(role, cid), unitId: unitIdForCode(HQ_CODE), role, courseTypeId: cid });
  }
  return requirementsByRole(ctx);
}
