import { and, eq, inArray } from 'drizzle-orm';
import { unitSteps } from '../../../../db/schema';
import { AppError } from '../../../common/errors';
import type { ServiceContext } from '../../context';
import { readSetting } from '../../settings';
import { getUnit, listUnits, subtreeIds, type UnitListItem } from '../../units/units';
import type { UnitStep } from '../../units/steps';
import type { Scope } from './types';

/** The office this installation is (the default scope). */
export function officeId(ctx: ServiceContext): string {
  const id = readSetting(ctx, 'officeUnitId');
  if (!id) throw new AppError('NOT_SET_UP');
  return id;
}

/**
 * Units a scope counts: active, not headquarters. "office" is this office
 * alone, "unit" one unit alone, "subtree" a unit and everything below it.
 */
export function unitsInScope(ctx: ServiceContext, scope: Scope): UnitListItem[] {
  const rootId = scope.mode === 'office' ? officeId(ctx) : scope.unitId;
  getUnit(ctx, rootId);
  const ids = new Set(scope.mode === 'subtree' ? subtreeIds(ctx, rootId) : [rootId]);
  return listUnits(ctx).filter((u) => ids.has(u.id) && u.type !== 'hq');
}

/** Steps of the given units, grouped by unit and ordered 1..4. */
export function stepsByUnit(ctx: ServiceContext, unitIds: string[]): Map<string, UnitStep[]> {
  const out = new Map<string, UnitStep[]>();
  if (unitIds.length === 0) return out;
  const rows = ctx.db
    .select()
    .from(unitSteps)
    .where(and(inArray(unitSteps.unitId, unitIds), eq(unitSteps.deleted, false)))
    .all();
  for (const r of rows) out.set(r.unitId, [...(out.get(r.unitId) ?? []), r]);
  for (const list of out.values()) list.sort((a, b) => a.step - b.step);
  return out;
}

/** A step counts as done on a day when it is marked done with an actual end on or before that day. */
export function doneBy(step: UnitStep, day: string): boolean {
  return step.status === 'done' && !!step.actualEnd && step.actualEnd <= day;
}

/** The first step not done on that day; 5 when all four are done. */
export function currentStepOn(steps: UnitStep[], day: string): number {
  return steps.find((s) => !doneBy(s, day))?.step ?? (steps.length ? 5 : 1);
}

/** Behind plan on a day: a step not done by then whose planned end has passed. */
export function lateStepsOn(steps: UnitStep[], day: string): UnitStep[] {
  return steps.filter((s) => !doneBy(s, day) && !!s.plannedEnd && s.plannedEnd < day);
}
