import { and, eq } from 'drizzle-orm';
import { assessments, certificates, declarations, internalAudits, managementReviews } from '../../../db/schema';
import { formatVnDate } from '../../common/dates';
import type { ServiceContext } from '../context';
import { today } from '../rules';
import { stepsOf, updateStep, type StepStatus } from '../units/steps';

/**
 * Steps 3 and 4 of a unit's rollout follow from this area's records:
 * - step 3 is done on the first certificate's issue date or the first
 *   self-declaration's decision date, in progress once an external assessment
 *   was held;
 * - step 4 (maintain and improve) is in progress once an internal audit or a
 *   management review is recorded after step 3, and done when both a completed
 *   internal audit and a management review followed step 3.
 */

export interface DerivedStep {
  status: StepStatus;
  actualStart: string | null;
  actualEnd: string | null;
  evidence: string;
}

const rank: Record<StepStatus, number> = { not_started: 0, in_progress: 1, done: 2 };
const minDate = (dates: string[]): string | null => [...dates].sort()[0] ?? null;

/** Steps 3 and 4 as the unit's certification, audit and review records say they are. */
export function derivedStepStatus(ctx: ServiceContext, unitId: string): { 3: DerivedStep; 4: DerivedStep } {
  const live = <T extends { deleted: any; unitId: any }>(t: T) => and(eq(t.unitId, unitId), eq(t.deleted, false));
  const certs = ctx.db.select().from(certificates).where(live(certificates)).all();
  const decls = ctx.db.select().from(declarations).where(live(declarations)).all();
  const held = ctx.db.select().from(assessments).where(live(assessments)).all();
  const candidates = [
    ...certs.map((c) => ({ date: c.issueDate, evidence: `Chứng chỉ ${c.number} (${c.issuer}), ${formatVnDate(c.issueDate)}` })),
    ...decls.map((d) => ({ date: d.decisionDate, evidence: `Công bố ${d.decisionNo}, ${formatVnDate(d.decisionDate)}` })),
  ].sort((a, b) => a.date.localeCompare(b.date));
  const firstAssessment = minDate(held.map((a) => a.startDate));
  let step3: DerivedStep;
  if (candidates.length) {
    const first = candidates[0];
    step3 = { status: 'done', actualStart: minDate([first.date, ...(firstAssessment ? [firstAssessment] : [])]), actualEnd: first.date, evidence: first.evidence };
  } else if (firstAssessment) {
    step3 = { status: 'in_progress', actualStart: firstAssessment, actualEnd: null, evidence: '' };
  } else {
    step3 = { status: 'not_started', actualStart: null, actualEnd: null, evidence: '' };
  }

  let step4: DerivedStep = { status: 'not_started', actualStart: null, actualEnd: null, evidence: '' };
  const since = step3.status === 'done' ? step3.actualEnd! : null;
  if (since) {
    const audits = ctx.db.select().from(internalAudits).where(live(internalAudits)).all();
    const doneAudits = audits.filter((a) => a.status === 'done' && a.actualEnd && a.actualEnd >= since).map((a) => a.actualEnd!);
    const startedAudits = audits.filter((a) => a.status !== 'cancelled' && (a.actualStart ?? a.actualEnd) && (a.actualStart ?? a.actualEnd)! >= since);
    const reviews = ctx.db
      .select()
      .from(managementReviews)
      .where(live(managementReviews))
      .all()
      .filter((r) => r.reviewDate >= since)
      .map((r) => r.reviewDate);
    const firstAudit = minDate(doneAudits);
    const firstReview = minDate(reviews);
    const start = minDate([...startedAudits.map((a) => (a.actualStart ?? a.actualEnd)!), ...reviews]);
    if (firstAudit && firstReview) {
      const end = firstAudit > firstReview ? firstAudit : firstReview;
      step4 = {
        status: 'done',
        actualStart: start,
        actualEnd: end,
        evidence: `Đánh giá nội bộ ${formatVnDate(firstAudit)}; xem xét của lãnh đạo ${formatVnDate(firstReview)}`,
      };
    } else if (start) {
      step4 = { status: 'in_progress', actualStart: start, actualEnd: null, evidence: '' };
    }
  }
  return { 3: step3, 4: step4 };
}

/**
 * Moves steps 3 and 4 forward to what the records say, through the units
 * area's own `updateStep` (so its rules hold and the board shows it). A step
 * is never moved back here, and is completed only when the step before it is
 * done on or before that date; otherwise it is marked in progress.
 */
export function applyDerivedSteps(ctx: ServiceContext, unitId: string): void {
  const derived = derivedStepStatus(ctx, unitId);
  const onDate = today(ctx);
  for (const step of [3, 4] as const) {
    const want = derived[step];
    const steps = stepsOf(ctx, unitId);
    const current = steps.find((s) => s.step === step);
    if (!current || rank[want.status] <= rank[current.status]) continue;
    const previous = steps.find((s) => s.step === step - 1);
    const start = want.actualStart && want.actualStart <= onDate ? want.actualStart : null;
    const actualStart = current.actualStart && (!want.actualEnd || current.actualStart <= want.actualEnd) ? current.actualStart : start;
    const canComplete =
      want.status === 'done' &&
      want.actualEnd! <= onDate &&
      (!previous || (previous.status === 'done' && (!previous.actualEnd || previous.actualEnd <= want.actualEnd!)));
    if (canComplete) {
      updateStep(ctx, { unitId, step, status: 'done', actualStart, actualEnd: want.actualEnd, evidence: want.evidence || current.evidence });
    } else if (current.status === 'not_started') {
      updateStep(ctx, { unitId, step, status: 'in_progress', actualStart });
    }
  }
}
