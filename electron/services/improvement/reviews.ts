import { and, asc, eq } from 'drizzle-orm';
import { correctiveActions, managementReviews } from '../../../db/schema';
import type { ServiceContext } from '../context';
import { deleteRow, getLiveRow, insertRow, updateRow } from '../records';
import { requireNotFuture, requireText } from '../rules';
import { getUnit } from '../units/units';
import { openAction, type CorrectiveAction } from './actions';
import { applyDerivedSteps } from './rollout';

export type ManagementReview = typeof managementReviews.$inferSelect;

/** The inputs a management review must consider (ISO 9001 9.3.2 / 2008 5.6.2), as free text. */
export const reviewInputKeys = [
  'auditResults',
  'feedback',
  'processPerformance',
  'actionsStatus',
  'previousReviews',
  'changes',
  'improvements',
] as const;
export type ReviewInputs = Partial<Record<(typeof reviewInputKeys)[number], string>>;

export interface ReviewDecision {
  title: string;
  owner: string;
  dueDate: string;
}

export interface ReviewInput {
  unitId: string;
  reviewDate: string;
  chair: string;
  attendees?: string;
  inputs?: ReviewInputs;
  conclusions?: string;
  minutesNo?: string;
  decisions?: ReviewDecision[];
}

/** Records a management review held (not in the future, with its chair); each decision becomes a tracked action. */
export function recordReview(ctx: ServiceContext, input: ReviewInput): { review: ManagementReview; actions: CorrectiveAction[] } {
  getUnit(ctx, input.unitId);
  requireNotFuture(ctx, input.reviewDate, 'meetingDate');
  const review = insertRow(ctx, managementReviews, {
    unitId: input.unitId,
    reviewDate: input.reviewDate,
    chair: requireText(input.chair, 'chair'),
    attendees: input.attendees ?? '',
    inputs: JSON.stringify(input.inputs ?? {}),
    conclusions: input.conclusions ?? '',
    minutesNo: input.minutesNo ?? '',
  });
  const actions = (input.decisions ?? []).map((d) => addReviewDecision(ctx, review.id, d));
  applyDerivedSteps(ctx, input.unitId);
  return { review, actions };
}

/** A decision of the review, tracked as an action due by its date. */
export function addReviewDecision(ctx: ServiceContext, reviewId: string, decision: ReviewDecision): CorrectiveAction {
  const review = getLiveRow(ctx, managementReviews, reviewId, 'review');
  return openAction(ctx, { reviewId, title: decision.title, owner: decision.owner, dueDate: decision.dueDate, openedDate: review.reviewDate });
}

export function updateReview(ctx: ServiceContext, id: string, patch: Partial<Omit<ReviewInput, 'unitId' | 'decisions'>>): ManagementReview {
  const old = getLiveRow(ctx, managementReviews, id, 'review');
  requireNotFuture(ctx, patch.reviewDate, 'meetingDate');
  if (patch.chair !== undefined) requireText(patch.chair, 'chair');
  const row = updateRow(ctx, managementReviews, id, { ...patch, inputs: patch.inputs ? JSON.stringify(patch.inputs) : undefined });
  applyDerivedSteps(ctx, old.unitId);
  return row;
}

export function deleteReview(ctx: ServiceContext, id: string): void {
  getLiveRow(ctx, managementReviews, id, 'review');
  deleteRow(ctx, managementReviews, id);
}

function parseInputs(value: string): ReviewInputs {
  try {
    return JSON.parse(value) as ReviewInputs;
  } catch {
    return {};
  }
}

/** The unit's reviews, newest last, each with its decided actions. */
export function reviewsOf(ctx: ServiceContext, unitId: string) {
  const reviews = ctx.db
    .select()
    .from(managementReviews)
    .where(and(eq(managementReviews.unitId, unitId), eq(managementReviews.deleted, false)))
    .orderBy(asc(managementReviews.reviewDate), asc(managementReviews.createdAt), asc(managementReviews.id))
    .all();
  const actions = ctx.db
    .select()
    .from(correctiveActions)
    .where(and(eq(correctiveActions.unitId, unitId), eq(correctiveActions.deleted, false)))
    .all();
  return reviews.map((r) => ({ ...r, inputs: parseInputs(r.inputs), actions: actions.filter((a) => a.reviewId === r.id) }));
}
