import { and, desc, eq, inArray } from 'drizzle-orm';
import { hqFeedback, units } from '../../../db/schema';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';
import { deleteRow, getLiveRow, insertRow, updateRow } from '../records';
import { requireNotFuture, requireOrder, requireText } from '../rules';
import { getUnit, subtreeIds } from '../units/units';

export type Feedback = typeof hqFeedback.$inferSelect;

export interface FeedbackInput {
  unitId: string;
  raisedDate: string;
  category: Feedback['category'];
  title: string;
  details?: string;
}

/** A difficulty or recommendation a unit raises to headquarters. */
export function raiseFeedback(ctx: ServiceContext, input: FeedbackInput): Feedback {
  getUnit(ctx, input.unitId);
  requireNotFuture(ctx, input.raisedDate, 'raisedDate');
  return insertRow(ctx, hqFeedback, {
    unitId: input.unitId,
    raisedDate: input.raisedDate,
    category: input.category,
    title: requireText(input.title, 'feedbackTitle'),
    details: input.details ?? '',
  });
}

export interface FeedbackPatch extends Partial<Omit<FeedbackInput, 'unitId'>> {
  status?: Feedback['status'];
  answer?: string;
  answeredDate?: string | null;
  answeredBy?: string;
}

/** Updates a feedback item; "answered" needs the answer and its date, not before it was raised. */
export function updateFeedback(ctx: ServiceContext, id: string, patch: FeedbackPatch): Feedback {
  const old = getLiveRow(ctx, hqFeedback, id, 'feedback');
  const next = { ...old, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as Feedback;
  if (patch.title !== undefined) requireText(patch.title, 'feedbackTitle');
  requireNotFuture(ctx, next.raisedDate, 'raisedDate');
  requireNotFuture(ctx, next.answeredDate, 'answeredDate');
  requireOrder(next.raisedDate, next.answeredDate, 'raisedDate', 'answeredDate');
  if ((next.status === 'answered' || patch.answer) && (!next.answer.trim() || !next.answeredDate)) {
    throw new AppError('FEEDBACK_ANSWER_NEEDED', {}, next.answer.trim() ? 'answeredDate' : 'answer');
  }
  return updateRow(ctx, hqFeedback, id, patch);
}

export function deleteFeedback(ctx: ServiceContext, id: string): void {
  getLiveRow(ctx, hqFeedback, id, 'feedback');
  deleteRow(ctx, hqFeedback, id);
}

export function listFeedback(ctx: ServiceContext, filter: { unitId?: string; rootId?: string; status?: Feedback['status'] } = {}) {
  const allowed = filter.rootId ? subtreeIds(ctx, filter.rootId) : null;
  return ctx.db
    .select({ f: hqFeedback, unitName: units.name })
    .from(hqFeedback)
    .innerJoin(units, eq(units.id, hqFeedback.unitId))
    .where(
      and(
        eq(hqFeedback.deleted, false),
        filter.unitId ? eq(hqFeedback.unitId, filter.unitId) : undefined,
        allowed ? inArray(hqFeedback.unitId, allowed) : undefined,
        filter.status ? eq(hqFeedback.status, filter.status) : undefined,
      ),
    )
    .orderBy(desc(hqFeedback.raisedDate))
    .all()
    .map(({ f, unitName }) => ({ ...f, unitName }));
}
