import { and, eq, inArray } from 'drizzle-orm';
import { attendance, staff, trainingSessions } from '../../../db/schema';
import { AppError } from '../../common/errors';
import { addMonths } from '../../common/dates';
import type { ServiceContext } from '../context';
import { deleteRow, getLiveRow, insertRow, updateRow } from '../records';
import { requireNotFuture, requireOrder } from '../rules';
import { getUnit, listUnits } from '../units/units';
import { getCourse, listCourses } from './courses';
import { getStaff, scopeUnitIds } from './staff';

export type TrainingSession = typeof trainingSessions.$inferSelect;
export type Attendance = typeof attendance.$inferSelect;
export type AttendanceResult = Attendance['result'];

export interface SessionInput {
  unitId: string;
  courseTypeId: string;
  title?: string;
  startDate: string;
  endDate: string;
  place?: string;
  provider?: string;
  trainers?: string;
  budgetSpent?: number;
  note?: string;
}

function checkSession(ctx: ServiceContext, s: { unitId: string; courseTypeId: string; startDate: string; endDate: string; budgetSpent?: number }) {
  getUnit(ctx, s.unitId);
  getCourse(ctx, s.courseTypeId);
  requireOrder(s.startDate, s.endDate, 'startDate', 'endDate');
  requireNotFuture(ctx, s.startDate, 'startDate');
  if (s.budgetSpent !== undefined && (!Number.isInteger(s.budgetSpent) || s.budgetSpent < 0)) {
    throw new AppError('INVALID_INPUT', { details: 'budgetSpent' }, 'budgetSpent');
  }
}

/** Records a session held by an organising unit; it cannot start in the future or end before it starts. */
export function createSession(ctx: ServiceContext, input: SessionInput): TrainingSession {
  checkSession(ctx, input);
  return insertRow(ctx, trainingSessions, {
    unitId: input.unitId,
    courseTypeId: input.courseTypeId,
    title: input.title ?? '',
    startDate: input.startDate,
    endDate: input.endDate,
    place: input.place ?? '',
    provider: input.provider ?? '',
    trainers: input.trainers ?? '',
    budgetSpent: input.budgetSpent ?? 0,
    note: input.note ?? '',
  });
}

/** A live session, or NOT_FOUND naming the session. */
export function getSession(ctx: ServiceContext, id: string): TrainingSession {
  return getLiveRow(ctx, trainingSessions, id, 'session');
}

/** Edits a session under the same rules; the organising unit stays (it owns the records). */
export function updateSession(ctx: ServiceContext, id: string, patch: Partial<Omit<SessionInput, 'unitId'>>): TrainingSession {
  const current = getSession(ctx, id);
  const next = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as TrainingSession;
  checkSession(ctx, next);
  const { id: _id, unitId: _u, createdAt: _c, updatedAt: _up, deleted: _d, ...values } = next;
  return updateRow(ctx, trainingSessions, id, values);
}

/** Tombstones a session and its attendance list. */
export function deleteSession(ctx: ServiceContext, id: string): void {
  getSession(ctx, id);
  for (const a of attendanceRows(ctx, [id])) deleteRow(ctx, attendance, a.id);
  deleteRow(ctx, trainingSessions, id);
}

function attendanceRows(ctx: ServiceContext, sessionIds: string[]): Attendance[] {
  if (sessionIds.length === 0) return [];
  return ctx.db
    .select()
    .from(attendance)
    .where(and(inArray(attendance.sessionId, sessionIds), eq(attendance.deleted, false)))
    .all();
}

export interface SessionFilter {
  unitId?: string;
  includeSubunits?: boolean;
  courseTypeId?: string;
  from?: string;
  to?: string;
}

export interface SessionListItem extends TrainingSession {
  courseCode: string;
  courseName: string;
  unitName: string;
  attendees: number;
  passed: number;
}

/** Sessions, newest first, with course, organiser and head counts. */
export function listSessions(ctx: ServiceContext, filter: SessionFilter = {}): SessionListItem[] {
  const scope = scopeUnitIds(ctx, filter.unitId, filter.includeSubunits);
  const courses = new Map(listCourses(ctx, { includeInactive: true }).map((c) => [c.id, c]));
  const unitNames = new Map(listUnits(ctx, { status: 'all' }).map((u) => [u.id, u.name]));
  const sessions = ctx.db
    .select()
    .from(trainingSessions)
    .where(and(eq(trainingSessions.deleted, false), scope ? inArray(trainingSessions.unitId, scope) : undefined))
    .all()
    .filter((s) => !filter.courseTypeId || s.courseTypeId === filter.courseTypeId)
    .filter((s) => !filter.from || s.endDate >= filter.from)
    .filter((s) => !filter.to || s.startDate <= filter.to);
  const rows = attendanceRows(
    ctx,
    sessions.map((s) => s.id),
  );
  return sessions
    .map((s) => {
      const mine = rows.filter((a) => a.sessionId === s.id);
      return {
        ...s,
        courseCode: courses.get(s.courseTypeId)?.code ?? '',
        courseName: courses.get(s.courseTypeId)?.name ?? '',
        unitName: unitNames.get(s.unitId) ?? '',
        attendees: mine.filter((a) => a.result !== 'absent').length,
        passed: mine.filter((a) => a.result === 'passed').length,
      };
    })
    .sort((a, b) => b.startDate.localeCompare(a.startDate));
}

export interface AttendanceRow extends Attendance {
  fullName: string;
  birthDate: string | null;
  staffCode: string;
  position: string;
  department: string;
  staffUnitId: string;
  staffUnitCode: string;
  staffUnitName: string;
}

/** A session's attendance list with each attendee's details, by name. */
export function sessionAttendance(ctx: ServiceContext, sessionId: string): AttendanceRow[] {
  const rows = attendanceRows(ctx, [sessionId]);
  const people = new Map(
    (rows.length ? ctx.db.select().from(staff).where(inArray(staff.id, rows.map((r) => r.staffId))).all() : []).map((p) => [p.id, p]),
  );
  const units = new Map(listUnits(ctx, { status: 'all' }).map((u) => [u.id, u]));
  return rows
    .map((a) => {
      const p = people.get(a.staffId)!;
      const u = units.get(p.unitId);
      return {
        ...a,
        fullName: p.fullName,
        birthDate: p.birthDate,
        staffCode: p.staffCode,
        position: p.position,
        department: p.department,
        staffUnitId: p.unitId,
        staffUnitCode: u?.code ?? '',
        staffUnitName: u?.name ?? '',
      };
    })
    .sort((a, b) => a.staffUnitCode.localeCompare(b.staffUnitCode) || a.fullName.localeCompare(b.fullName, 'vi'));
}

export interface AttendanceInput {
  staffId: string;
  result: AttendanceResult;
  certificateNo?: string;
  certificateDate?: string | null;
  /** When left out and the course's certificates expire, it follows from the certificate date. */
  certificateExpiry?: string | null;
  note?: string;
}

/** The values an attendance row will hold, checked: certificates only for a pass, dates in order. */
export function attendanceValues(ctx: ServiceContext, session: TrainingSession, input: AttendanceInput, name: string) {
  const course = getCourse(ctx, session.courseTypeId);
  const certificateNo = (input.certificateNo ?? '').trim();
  if ((certificateNo || input.certificateDate) && input.result !== 'passed') {
    throw new AppError('CERTIFICATE_NEEDS_PASS', { name }, 'certificateNo');
  }
  requireNotFuture(ctx, input.certificateDate, 'certificateDate');
  requireOrder(session.startDate, input.certificateDate, 'startDate', 'certificateDate');
  let certificateExpiry = input.certificateExpiry ?? null;
  if (input.certificateExpiry === undefined && course.validityMonths && input.result === 'passed') {
    certificateExpiry = addMonths(input.certificateDate ?? session.endDate, course.validityMonths);
  }
  requireOrder(input.certificateDate ?? session.endDate, certificateExpiry, 'certificateDate', 'certificateExpiry');
  return {
    result: input.result,
    certificateNo,
    certificateDate: input.certificateDate ?? null,
    certificateExpiry,
    note: input.note ?? '',
  };
}

/** Adds many attendees to a session at once; someone already on the list is refused by name. */
export function addAttendance(ctx: ServiceContext, sessionId: string, entries: AttendanceInput[]): Attendance[] {
  const session = getSession(ctx, sessionId);
  const present = new Set(attendanceRows(ctx, [sessionId]).map((a) => a.staffId));
  return entries.map((e) => {
    const person = getStaff(ctx, e.staffId);
    if (present.has(person.id)) throw new AppError('ATTENDANCE_DUPLICATE', { name: person.fullName }, 'staffId');
    present.add(person.id);
    return insertRow(ctx, attendance, {
      unitId: session.unitId,
      sessionId,
      staffId: person.id,
      ...attendanceValues(ctx, session, e, person.fullName),
    });
  });
}

/** Edits one attendee's result or certificate under the same rules; a new certificate date re-derives an expiry left out. */
export function updateAttendance(ctx: ServiceContext, id: string, patch: Partial<Omit<AttendanceInput, 'staffId'>>): Attendance {
  const row = getLiveRow(ctx, attendance, id, 'attendance');
  const session = getSession(ctx, row.sessionId);
  const person = getStaff(ctx, row.staffId);
  const merged: AttendanceInput = {
    staffId: row.staffId,
    result: patch.result ?? row.result,
    certificateNo: patch.certificateNo ?? row.certificateNo,
    certificateDate: patch.certificateDate === undefined ? row.certificateDate : patch.certificateDate,
    certificateExpiry: patch.certificateExpiry === undefined ? (patch.certificateDate === undefined ? row.certificateExpiry : undefined) : patch.certificateExpiry,
    note: patch.note ?? row.note,
  };
  return updateRow(ctx, attendance, id, attendanceValues(ctx, session, merged, person.fullName));
}

/** Takes someone off a session's list (tombstoned, logged). */
export function removeAttendance(ctx: ServiceContext, id: string): void {
  getLiveRow(ctx, attendance, id, 'attendance');
  deleteRow(ctx, attendance, id);
}

/** A person's training history: every attendance with its session and course, newest first. */
export function staffHistory(ctx: ServiceContext, staffId: string) {
  const rows = ctx.db.select().from(attendance).where(and(eq(attendance.staffId, staffId), eq(attendance.deleted, false))).all();
  const sessions = listSessions(ctx);
  return rows
    .map((a) => {
      const s = sessions.find((x) => x.id === a.sessionId);
      return { ...a, courseName: s?.courseName ?? '', courseCode: s?.courseCode ?? '', startDate: s?.startDate ?? '', endDate: s?.endDate ?? '', organiser: s?.unitName ?? '' };
    })
    .sort((a, b) => b.startDate.localeCompare(a.startDate));
}
