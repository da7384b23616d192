import { AppError } from '../../../common/errors';
import type { ServiceContext } from '../../context';
import { readSetting } from '../../settings';
import { cachedStatement } from '../../statements';
import { getUnit, listUnits, subtreeIds, unitsByIds, type Unit, type UnitListItem } from '../../units/units';
import type { UnitStep } from '../../units/steps';
import type { FigureQuery, Scope } from './types';

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

/** What the figures read of a step (not its note, nor its row bookkeeping). */
export type StepFacts = Pick<UnitStep, 'unitId' | 'step' | 'status' | 'plannedStart' | 'plannedEnd' | 'actualStart' | 'actualEnd' | 'evidence'>;

// One statement for any number of units: the ids go in as one JSON array.
const STEPS_OF_UNITS = `SELECT unit_id AS unitId, step, status, planned_start AS plannedStart, planned_end AS plannedEnd,
  actual_start AS actualStart, actual_end AS actualEnd, evidence
  FROM unit_steps WHERE deleted = 0 AND unit_id IN (SELECT value FROM json_each(?)) ORDER BY unit_id, step`;

/** Steps of the given units, grouped by unit and ordered 1..4. */
export function stepsByUnit(ctx: ServiceContext, unitIds: string[]): Map<string, StepFacts[]> {
  const out = new Map<string, StepFacts[]>();
  if (unitIds.length === 0) return out;
  for (const r of cachedStatement(ctx.sqlite, STEPS_OF_UNITS).all(JSON.stringify(unitIds)) as StepFacts[]) {
    const list = out.get(r.unitId);
    if (list) list.push(r);
    else out.set(r.unitId, [r]);
  }
  return out;
}

/** Orders unit codes as String#localeCompare does, with one collator instead of one per comparison. */
export const compareCodes = new Intl.Collator().compare;

/*
 * Every provider of one dashboard or report reads the same units and steps:
 * they are loaded once per figure query (the query object is made per
 * request, so nothing outlives it).
 */
const unitsMemo = new WeakMap<FigureQuery, Unit[]>();
const stepsMemo = new WeakMap<FigureQuery, Map<string, StepFacts[]>>();

/** figureQuery has just listed the scope's units: the providers reuse that list rather than read it again. */
export function rememberUnits(q: FigureQuery, units: Unit[]): void {
  unitsMemo.set(q, [...units].sort((a, b) => compareCodes(a.code, b.code)));
}

/** The units in scope, ordered by code. Shared by the providers: do not modify. */
export function unitsOfQuery(ctx: ServiceContext, q: FigureQuery): readonly Unit[] {
  let units = unitsMemo.get(q);
  if (!units) {
    units = unitsByIds(ctx, q.unitIds).sort((a, b) => compareCodes(a.code, b.code));
    unitsMemo.set(q, units);
  }
  return units;
}

/** stepsByUnit of the units in scope. Shared by the providers: do not modify. */
export function stepsOfQuery(ctx: ServiceContext, q: FigureQuery): ReadonlyMap<string, readonly StepFacts[]> {
  let steps = stepsMemo.get(q);
  if (!steps) {
    steps = stepsByUnit(ctx, q.unitIds);
    stepsMemo.set(q, steps);
  }
  return steps;
}

/** A step counts as done on a day when it is marked done with an actual end on or before that day. */
export function doneBy(step: StepFacts, day: string): boolean {
  return step.status === 'done' && !!step.actualEnd && step.actualEnd <= day;
}

/** The first step not done on that day; 5 when all four are done. */
export function currentStepOn(steps: readonly StepFacts[], day: string): number {
  return steps.find((s) => !doneBy(s, day))?.step ?? (steps.length ? 5 : 1);
}

/** Behind plan on a day: a step not done by then whose planned end has passed. */
export function lateStepsOn<S extends StepFacts>(steps: readonly S[], day: string): S[] {
  return steps.filter((s) => !doneBy(s, day) && !!s.plannedEnd && s.plannedEnd < day);
}
