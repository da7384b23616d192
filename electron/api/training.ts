import { z } from 'zod';
import { auditorRegister } from '../services/training/auditors';
import { courseKinds, createCourse, isoRoles, requirementRoles, listCourses, requirementsByRole, setRequirements, updateCourse } from '../services/training/courses';
import { commitImport, previewImport } from '../services/training/excel/importer';
import { buildTemplate, exportAttendance, exportMatrix, exportStaff } from '../services/training/excel/writer';
import { trainingFigureNames, trainingFigures } from '../services/training/figures';
import { trainingMatrix, unitMatrixPage } from '../services/training/matrix';
import {
  addAttendance,
  createSession,
  deleteSession,
  getSession,
  listSessions,
  removeAttendance,
  sessionAttendance,
  staffHistory,
  updateAttendance,
  updateSession,
} from '../services/training/sessions';
import { createStaff, findDuplicates, getStaff, mergeStaff, staffPage, staffRows, staffSortKeys, updateStaff } from '../services/training/staff';
import { getCourse } from '../services/training/courses';
import { MATRIX_PEOPLE_MAX, STAFF_PAGE_MAX } from '../common/limits';
import { getUnit } from '../services/units/units';
import { job, mutation, query } from './define';
import { id, isoDate, optionalDate, requiredText, text } from './schemas';

const isoRole = z.enum(isoRoles);
const result = z.enum(['passed', 'failed', 'absent']);
const scope = { unitId: id.optional(), includeSubunits: z.boolean().optional() };
const staffFields = {
  fullName: requiredText(200),
  staffCode: text(50).optional(),
  birthDate: optionalDate,
  position: text(200).optional(),
  department: text(200).optional(),
  isoRole: isoRole.optional(),
  phone: text(50).optional(),
  email: text(200).optional(),
  status: z.enum(['active', 'left']).optional(),
  note: text(2000).optional(),
};
const sessionFields = {
  courseTypeId: id,
  title: text(300).optional(),
  startDate: isoDate,
  endDate: isoDate,
  place: text(300).optional(),
  provider: text(300).optional(),
  trainers: text(500).optional(),
  budgetSpent: z.number().int().min(0).max(1e13).optional(),
  note: text(2000).optional(),
};
const attendanceFields = {
  result,
  certificateNo: text(100).optional(),
  certificateDate: optionalDate,
  certificateExpiry: optionalDate,
  note: text(2000).optional(),
};
const courseFields = {
  name: requiredText(200),
  kind: z.enum(courseKinds),
  validityMonths: z.number().int().min(1).max(600).nullable().optional(),
  sortOrder: z.number().int().optional(),
  active: z.boolean().optional(),
  description: text(2000).optional(),
};
const figureFilter = {
  groupBy: z.enum(['unit', 'province', 'wave', 'year']),
  rootId: id.optional(),
  waveId: id.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
};
/** An uploaded file: name and content in base64 (≤ 10 MB once decoded). */
const upload = z
  .object({
    kind: z.enum(['staff', 'attendance']),
    fileName: requiredText(260),
    base64: z.string().min(1, 'REQUIRED').max(14_000_000).regex(/^[A-Za-z0-9+/=\r\n]*$/, 'INVALID_INPUT'),
    sessionId: id.optional(),
    defaultUnitId: id.optional(),
  })
  .strict();
const decode = ({ base64, ...rest }: z.output<typeof upload>) => ({ ...rest, bytes: Buffer.from(base64, 'base64') });

/** Staff registry, courses and requirements, sessions and attendance, matrix, auditor register, figures, Excel. */
export const trainingApi = {
  'training.courses.list': query(z.object({ includeInactive: z.boolean().optional() }).strict(), (ctx, i) => listCourses(ctx, i)),
  'training.courses.create': mutation(
    z.object({ code: requiredText(20), ...courseFields }).strict(),
    (ctx, i) => createCourse(ctx, i),
  ),
  'training.courses.update': mutation(
    z.object({ id, ...courseFields, name: requiredText(200).optional(), kind: z.enum(courseKinds).optional() }).strict(),
    (ctx, { id, ...patch }) => updateCourse(ctx, id, patch),
  ),
  'training.requirements.get': query(z.object({}).strict(), (ctx) => requirementsByRole(ctx)),
  'training.requirements.set': mutation(
    z.object({ role: z.enum(requirementRoles), courseTypeIds: z.array(id).max(100) }).strict(),
    (ctx, i) => setRequirements(ctx, i.role, i.courseTypeIds),
  ),

  // List columns only: the national list is ~30,000 people; a person's other fields come with training.staff.get.
  'training.staff.list': query(
    z.object({ ...scope, query: text(200).optional(), status: z.enum(['active', 'left', 'all']).optional(), limit: z.number().int().min(1).max(100_000).optional() }).strict(),
    (ctx, i) => staffRows(ctx, i),
  ),
  // The staff screen: one window of the list, searched and sorted by the host, with the counts.
  'training.staff.page': query(
    z
      .object({
        ...scope,
        query: text(200).optional(),
        status: z.enum(['active', 'left', 'all']).optional(),
        sort: z.object({ key: z.enum(staffSortKeys), dir: z.enum(['asc', 'desc']) }).strict().optional(),
        offset: z.number().int().min(0).max(10_000_000).optional(),
        limit: z.number().int().min(1).max(STAFF_PAGE_MAX),
      })
      .strict(),
    (ctx, i) => staffPage(ctx, i),
  ),
  'training.staff.get': query(z.object({ id }).strict(), (ctx, { id }) => {
    const person = getStaff(ctx, id);
    return { staff: person, unit: getUnit(ctx, person.unitId), history: staffHistory(ctx, id) };
  }),
  'training.staff.create': mutation(z.object({ unitId: id, ...staffFields }).strict(), (ctx, i) => createStaff(ctx, i)),
  'training.staff.update': mutation(
    z.object({ id, unitId: id.optional(), ...staffFields, fullName: requiredText(200).optional() }).strict(),
    (ctx, { id, ...patch }) => updateStaff(ctx, id, patch),
  ),
  'training.staff.duplicates': query(z.object(scope).strict(), (ctx, i) => findDuplicates(ctx, i)),
  'training.staff.merge': mutation(z.object({ keepId: id, mergeIds: z.array(id).min(1).max(50) }).strict(), (ctx, i) =>
    mergeStaff(ctx, i.keepId, i.mergeIds),
  ),

  'training.sessions.list': query(
    z.object({ ...scope, courseTypeId: id.optional(), from: isoDate.optional(), to: isoDate.optional() }).strict(),
    (ctx, i) => listSessions(ctx, i),
  ),
  'training.sessions.get': query(
    z.object({ id }).strict(),
    (ctx, { id }) => {
      const session = getSession(ctx, id);
      return { session, course: getCourse(ctx, session.courseTypeId), unit: getUnit(ctx, session.unitId), attendance: sessionAttendance(ctx, id) };
    },
  ),
  'training.sessions.create': mutation(z.object({ unitId: id, ...sessionFields }).strict(), (ctx, i) => createSession(ctx, i)),
  'training.sessions.update': mutation(
    z.object({ id, ...sessionFields, courseTypeId: id.optional(), startDate: isoDate.optional(), endDate: isoDate.optional() }).strict(),
    (ctx, { id, ...patch }) => updateSession(ctx, id, patch),
  ),
  'training.sessions.delete': mutation(z.object({ id }).strict(), (ctx, { id }) => deleteSession(ctx, id)),
  'training.attendance.add': mutation(
    z.object({ sessionId: id, entries: z.array(z.object({ staffId: id, ...attendanceFields }).strict()).min(1).max(2000) }).strict(),
    (ctx, i) => addAttendance(ctx, i.sessionId, i.entries),
  ),
  'training.attendance.update': mutation(
    z.object({ id, ...attendanceFields, result: result.optional() }).strict(),
    (ctx, { id, ...patch }) => updateAttendance(ctx, id, patch),
  ),
  'training.attendance.remove': mutation(z.object({ id }).strict(), (ctx, { id }) => removeAttendance(ctx, id)),

  'training.matrix': query(
    z.object({ ...scope, onDate: isoDate.optional(), windowDays: z.number().int().min(1).max(3650).optional() }).strict(),
    (ctx, i) => trainingMatrix(ctx, i),
  ),
  // Drill-down: one unit's people × courses, a bounded page at a time.
  'training.matrix.people': query(
    z
      .object({
        unitId: id,
        onDate: isoDate.optional(),
        windowDays: z.number().int().min(1).max(3650).optional(),
        onlyMissing: z.boolean().optional(),
        offset: z.number().int().min(0).optional(),
        limit: z.number().int().min(1).max(MATRIX_PEOPLE_MAX).optional(),
      })
      .strict(),
    (ctx, i) => unitMatrixPage(ctx, i),
  ),
  'training.auditors': query(
    z.object({ unitIds: z.array(id).max(2000).optional(), includeSubunits: z.boolean().optional(), onDate: isoDate.optional() }).strict(),
    (ctx, i) => auditorRegister(ctx, i),
  ),
  'training.figures': query(z.object(figureFilter).strict(), (ctx, i) => trainingFigures(ctx, i)),
  'training.figures.names': query(
    z.object({ ...figureFilter, groupKey: z.string().max(100), courseTypeId: id.optional() }).strict(),
    (ctx, i) => trainingFigureNames(ctx, i),
  ),

  'training.excel.template': job(z.object({ kind: z.enum(['staff', 'attendance']) }).strict(), (_ctx, { kind }) => buildTemplate(kind)),
  'training.excel.preview': job(upload, (ctx, i) => previewImport(ctx, decode(i))),
  'training.excel.import': job(upload.extend({ mode: z.enum(['all', 'valid']) }).strict(), (ctx, i) =>
    commitImport(ctx, { ...decode(i), mode: i.mode }),
  ),
  'training.excel.exportStaff': job(
    z.object({ ...scope, status: z.enum(['active', 'left', 'all']).optional() }).strict(),
    (ctx, i) => exportStaff(ctx, i),
  ),
  'training.excel.exportAttendance': job(z.object({ sessionId: id }).strict(), (ctx, i) => exportAttendance(ctx, i.sessionId)),
  'training.excel.exportMatrix': job(z.object(scope).strict(), (ctx, i) => exportMatrix(ctx, i)),
};
