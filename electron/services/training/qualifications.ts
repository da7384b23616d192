import { and, eq, sql } from 'drizzle-orm';
import { attendance, trainingSessions } from '../../../db/schema';
import { daysBetween } from '../../common/dates';
import type { ServiceContext } from '../context';

/** A person's best pass of one course: the one valid longest (no expiry beats any expiry). */
export interface Qualification {
  attendanceId: string;
  sessionId: string;
  courseTypeId: string;
  startDate: string;
  endDate: string;
  certificateNo: string;
  certificateDate: string | null;
  certificateExpiry: string | null;
  /** valid: in force beyond the alert window; expiring: ends within it; expired: ended before onDate. */
  state: 'valid' | 'expiring' | 'expired';
  daysLeft: number | null;
}

export const EXPIRY_WINDOW_DAYS = 90;

/** Rank for "best": never-expiring first, then the latest expiry. */
const expiryRank = (q: { certificateExpiry: string | null }) => q.certificateExpiry ?? '9999-12-31';

/**
 * staff id → course id → best qualification, from every passed attendance of
 * a live session (of these people only, when given). A certificate past its
 * expiry date counts as expired.
 */
export function qualifications(
  ctx: ServiceContext,
  onDate: string,
  windowDays = EXPIRY_WINDOW_DAYS,
  staffIds?: string[],
): Map<string, Map<string, Qualification>> {
  const rows = ctx.db
    .select({
      attendanceId: attendance.id,
      staffId: attendance.staffId,
      sessionId: attendance.sessionId,
      courseTypeId: trainingSessions.courseTypeId,
      startDate: trainingSessions.startDate,
      endDate: trainingSessions.endDate,
      certificateNo: attendance.certificateNo,
      certificateDate: attendance.certificateDate,
      certificateExpiry: attendance.certificateExpiry,
    })
    .from(attendance)
    .innerJoin(trainingSessions, eq(trainingSessions.id, attendance.sessionId))
    .where(
      and(
        eq(attendance.deleted, false),
        eq(trainingSessions.deleted, false),
        eq(attendance.result, 'passed'),
        staffIds ? sql`${attendance.staffId} IN (SELECT value FROM json_each(${JSON.stringify(staffIds)}))` : undefined,
      ),
    )
    .all();
  const out = new Map<string, Map<string, Qualification>>();
  for (const r of rows) {
    const daysLeft = r.certificateExpiry ? daysBetween(onDate, r.certificateExpiry) : null;
    const state: Qualification['state'] = daysLeft === null || daysLeft > windowDays ? 'valid' : daysLeft >= 0 ? 'expiring' : 'expired';
    const q: Qualification = { ...r, state, daysLeft };
    const byCourse = out.get(r.staffId) ?? new Map<string, Qualification>();
    const prev = byCourse.get(r.courseTypeId);
    if (!prev || expiryRank(q) > expiryRank(prev) || (expiryRank(q) === expiryRank(prev) && q.endDate > prev.endDate)) {
      byCourse.set(r.courseTypeId, q);
    }
    out.set(r.staffId, byCourse);
  }
  return out;
}

/** True when the qualification is in force on the day (expiring ones still count). */
export const inForce = (q: Qualification | undefined): boolean => !!q && q.state !== 'expired';
