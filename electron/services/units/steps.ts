import { and, asc, eq } from 'drizzle-orm';
import { unitSteps } from '../../../db/schema';
import { AppError } from '../../common/errors';
import { formatVnDate } from '../../common/dates';
import type { ServiceContext } from '../context';
import { updateRow } from '../records';
import { requireNotFuture, requireOrder } from '../rules';
import { getUnit, stepIdFor } from './units';

export type UnitStep = typeof unitSteps.$inferSelect;
export type StepStatus = UnitStep['status'];

export function stepsOf(ctx: ServiceContext, unitId: string): UnitStep[] {
  return ctx.db
    .select()
    .from(unitSteps)
    .where(and(eq(unitSteps.unitId, unitId), eq(unitSteps.deleted, false)))
    .orderBy(asc(unitSteps.step))
    .all();
}

/** Overdue: not done and the planned end has passed. */
export function isOverdue(step: Pick<UnitStep, 'status' | 'plannedEnd'>, onDate: string): boolean {
  return step.status !== 'done' && !!step.plannedEnd && step.plannedEnd < onDate;
}

export interface StepPatch {
  unitId: string;
  step: number;
  plannedStart?: string | null;
  plannedEnd?: string | null;
  actualStart?: string | null;
  actualEnd?: string | null;
  status?: StepStatus;
  evidence?: string;
  note?: string;
}

/**
 * Updates one of a unit's four steps. A step is completed only after the one
 * before it, never on an earlier date than it, with its actual end date; a
 * step cannot be reopened while the next one is done.
 */
export function updateStep(ctx: ServiceContext, patch: StepPatch): UnitStep {
  getUnit(ctx, patch.unitId);
  const steps = stepsOf(ctx, patch.unitId);
  const current = steps.find((s) => s.step === patch.step);
  if (!current) throw new AppError('NOT_FOUND', { entity: 'step' });
  const next: UnitStep = { ...current };
  for (const key of ['plannedStart', 'plannedEnd', 'actualStart', 'actualEnd', 'status', 'evidence', 'note'] as const) {
    if (patch[key] !== undefined) (next as Record<string, unknown>)[key] = patch[key];
  }
  requireOrder(next.plannedStart, next.plannedEnd, 'plannedStart', 'plannedEnd');
  requireOrder(next.actualStart, next.actualEnd, 'actualStart', 'actualEnd');
  requireNotFuture(ctx, next.actualStart, 'actualStart');
  requireNotFuture(ctx, next.actualEnd, 'actualEnd');
  if (next.status === 'done') {
    if (!next.actualEnd) throw new AppError('STEP_DONE_NEEDS_DATE', {}, 'actualEnd');
    const previous = steps.find((s) => s.step === patch.step - 1);
    if (previous && previous.status !== 'done') {
      throw new AppError('STEP_ORDER', { step: patch.step, previous: previous.step }, 'status');
    }
    if (previous?.actualEnd && next.actualEnd < previous.actualEnd) {
      throw new AppError(
        'STEP_BEFORE_PREVIOUS',
        {
          step: patch.step,
          date: formatVnDate(next.actualEnd),
          previous: previous.step,
          previousDate: formatVnDate(previous.actualEnd),
        },
        'actualEnd',
      );
    }
  } else {
    const following = steps.find((s) => s.step === patch.step + 1);
    if (current.status === 'done' && following?.status === 'done') {
      throw new AppError('STEP_REOPEN_BLOCKED', { step: patch.step, next: following.step }, 'status');
    }
  }
  return updateRow(ctx, unitSteps, stepIdFor(patch.unitId, patch.step), {
    plannedStart: next.plannedStart,
    plannedEnd: next.plannedEnd,
    actualStart: next.actualStart,
    actualEnd: next.actualEnd,
    status: next.status,
    evidence: next.evidence,
    note: next.note,
  });
}
