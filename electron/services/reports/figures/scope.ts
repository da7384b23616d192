import { AppError } from '../../../common/errors';
import type { ServiceContext } from '../../context';
import { readSetting } from '../../settings';
import { groupByUnit } from '../../improvement/facts';
import { cachedStatement } from '../../statements';
import { getUnit, unitsByIds, type Unit } from '../../units/units';
import type { UnitStep } from '../../units/steps';
import type { FigureQuery, Scope } from './types';

/** The office this installation is (the default scope). */
export function officeId(ctx: ServiceContext): string {
  const id = readSetting(ctx, 'officeUnitId');
  if (!id) throw new AppError('NOT_SET_UP');
  return id;
}

/** What the figures and scores read of a unit. */
export type ScopeUnit = Pick<Unit, 'id' | 'code' | 'name' | 'type' | 'region' | 'parentId'>;

const UNIT_COLUMNS = 'u.id, u.code, u.name, u.type, u.region, u.parent_id AS parentId';
// A unit and everything below it (as subtreeIds walks it), active and not headquarters, in listUnits' order.
const UNITS_IN_SUBTREE = `WITH RECURSIVE t(id) AS (SELECT ? UNION SELECT c.id FROM units c JOIN t ON c.parent_id = t.id)
  SELECT ${UNIT_COLUMNS} FROM units u JOIN t ON t.id = u.id WHERE u.deleted = 0 AND u.status = 'active' AND u.type <> 'hq' ORDER BY u.code`;
const UNIT_ALONE = `SELECT ${UNIT_COLUMNS} FROM units u WHERE u.id = ? AND u.deleted = 0 AND u.status = 'active' AND u.type <> 'hq'`;

/**
 * Units a scope counts: active, not headquarters. "office" is this office
 * alone, "unit" one unit alone, "subtree" a unit and everything below it.
 * One statement: every dashboard request starts here.
 */
export function unitsInScope(ctx: ServiceContext, scope: Scope): ScopeUnit[] {
  const rootId = scope.mode === 'office' ? officeId(ctx) : scope.unitId;
  getUnit(ctx, rootId);
  return cachedStatement(ctx.sqlite, scope.mode === 'subtree' ? UNITS_IN_SUBTREE : UNIT_ALONE).all(rootId) as ScopeUnit[];
}

/** What the figures count of a step: where it stands and when it was planned and done. */
export type StepState = Pick<UnitStep, 'unitId' | 'step' | 'status' | 'plannedEnd' | 'actualEnd'>;

/** What a report or a score reads of a step (not its note, nor its row bookkeeping). */
export type StepFacts = StepState & Pick<UnitStep, 'plannedStart' | 'actualStart' | 'evidence'>;

// One statement for any number of units: the ids go in as one JSON array.
const STEPS_OF_UNITS = `SELECT unit_id AS unitId, step, status, planned_start AS plannedStart, planned_end AS plannedEnd,
  actual_start AS actualStart, actual_end AS actualEnd, evidence
  FROM unit_steps WHERE deleted = 0 AND unit_id IN (SELECT value FROM json_each(?)) ORDER BY unit_id, step`;
const STEP_STATES_OF_UNITS = `SELECT unit_id AS unitId, step, status, planned_end AS plannedEnd, actual_end AS actualEnd
  FROM unit_steps WHERE deleted = 0 AND unit_id IN (SELECT value FROM json_each(?)) ORDER BY unit_id, step`;
const EVIDENCE_OF_STEP = `SELECT unit_id, evidence FROM unit_steps WHERE deleted = 0 AND step = ? AND unit_id IN (SELECT value FROM json_each(?)) ORDER BY unit_id, step`;

/** Steps of the given units, grouped by unit and ordered 1..4. */
export function stepsByUnit(ctx: ServiceContext, unitIds: string[]): Map<string, StepFacts[]> {
  if (unitIds.length === 0) return new Map();
  return groupByUnit(cachedStatement(ctx.sqlite, STEPS_OF_UNITS).all(JSON.stringify(unitIds)) as StepFacts[]);
}

/** Like stepsByUnit, with only what the figures count (the national dashboard reads every step of the country). */
function stepStatesByUnit(ctx: ServiceContext, unitIds: string[]): Map<string, StepState[]> {
  if (unitIds.length === 0) return new Map();
  return groupByUnit(cachedStatement(ctx.sqlite, STEP_STATES_OF_UNITS).all(JSON.stringify(unitIds)) as StepState[]);
}

/** The evidence of one step of each given unit (the first such step, as `steps.find` would pick it). */
export function stepEvidence(ctx: ServiceContext, unitIds: string[], step: number): Map<string, string> {
  const out = new Map<string, string>();
  if (unitIds.length === 0) return out;
  for (const [unitId, evidence] of cachedStatement(ctx.sqlite, EVIDENCE_OF_STEP).raw().all(step, JSON.stringify(unitIds)) as [string, string][]) {
    if (!out.has(unitId)) out.set(unitId, evidence);
  }
  return out;
}

/** Where a unit stands on the query's day, counted in SQL (the rows behind the figures come from the steps themselves). */
export interface UnitProgress {
  /** The first step not done (doneBy) on asOf; 5 when all are done, 1 when the unit has no steps. */
  current: number;
  /** A step is behind plan on asOf (lateStepsOn is not empty). */
  late: boolean;
  /** The day its step 3 was done, when done by asOf (certified or declared). */
  declaredOn: string | null;
  /** Steps done (by the period's end) during the period. */
  completed: number;
  /** Steps not done whose planned end falls within 90 days of today. */
  dueSoon: number;
}

// doneBy in SQL: marked done with an actual end on or before the day.
const DONE = (t: string, day: string) => `(${t}.status = 'done' AND coalesce(${t}.actual_end, '') <> '' AND ${t}.actual_end <= ${day})`;
/*
 * One row per unit (its place in the JSON array of ids), the same answers as currentStepOn,
 * lateStepsOn, doneBy of the first step 3, the period's completed steps and the steps due soon give over
 * stepsByUnit's rows, without reading those rows into JavaScript: the national dashboard
 * counts 3,000 steps of 767 units on every request. Tests compare both on generated data.
 */
const PROGRESS_OF_UNITS = `SELECT j.key AS i,
    coalesce(min(CASE WHEN NOT ${DONE('s', '@asOf')} THEN s.step END), CASE WHEN count(s.step) > 0 THEN 5 ELSE 1 END) AS current,
    coalesce(max(NOT ${DONE('s', '@asOf')} AND coalesce(s.planned_end, '') <> '' AND s.planned_end < @asOf), 0) AS late,
    coalesce(sum(${DONE('s', '@end')} AND s.actual_end >= @start), 0) AS completed,
    coalesce(sum(s.status <> 'done' AND coalesce(s.planned_end, '') <> '' AND s.planned_end >= @today AND s.planned_end <= @horizon), 0) AS dueSoon,
    count(CASE WHEN s.step = 3 THEN 1 END) AS steps3,
    max(CASE WHEN s.step = 3 AND ${DONE('s', '@asOf')} THEN s.actual_end END) AS declaredOn
  FROM json_each(@units) j LEFT JOIN unit_steps s ON s.unit_id = j.value AND s.deleted = 0 GROUP BY j.key`;

/** "Falls due soon": a planned end between today and 90 days from today. */
export const DUE_SOON_DAYS = 90;
export function dueHorizon(q: FigureQuery): string {
  return new Date(Date.parse(`${q.today}T00:00:00Z`) + DUE_SOON_DAYS * 86_400_000).toISOString().slice(0, 10);
}

const progressMemo = new WeakMap<FigureQuery, Map<string, UnitProgress>>();

/** Each unit's progress on the query's day and during its period. Shared by the providers: do not modify. */
export function progressOfQuery(ctx: ServiceContext, q: FigureQuery): ReadonlyMap<string, UnitProgress> {
  let progress = progressMemo.get(q);
  if (!progress) {
    progress = new Map();
    if (q.unitIds.length) {
      const rows = cachedStatement(ctx.sqlite, PROGRESS_OF_UNITS)
        .raw()
        .all({ units: JSON.stringify(q.unitIds), asOf: q.asOf, start: q.period.start, end: q.period.end, today: q.today, horizon: dueHorizon(q) }) as [
        number,
        number,
        number,
        number,
        number,
        number,
        string | null,
      ][];
      const twoSteps3: string[] = [];
      for (const [i, current, late, completed, dueSoon, steps3, declaredOn] of rows) {
        progress.set(q.unitIds[i], { current, late: late === 1, declaredOn, completed, dueSoon });
        if (steps3 > 1) twoSteps3.push(q.unitIds[i]);
      }
      // A unit with two step-3 rows (never written by the app, but a row is a row): the first one counts, as steps.find picks it.
      for (const [unitId, steps] of stepStatesByUnit(ctx, twoSteps3)) {
        const s3 = steps.find((s) => s.step === 3)!;
        progress.get(unitId)!.declaredOn = doneBy(s3, q.asOf) ? s3.actualEnd : null;
      }
    }
    progressMemo.set(q, progress);
  }
  return progress;
}

/** Orders unit codes as String#localeCompare does, with one collator instead of one per comparison. */
export const compareCodes = new Intl.Collator().compare;

/*
 * Every provider of one dashboard or report reads the same units and steps:
 * they are loaded once per figure query (the query object is made per
 * request, so nothing outlives it).
 */
const unitsMemo = new WeakMap<FigureQuery, ScopeUnit[]>();
const stepsMemo = new WeakMap<FigureQuery, Map<string, StepState[]>>();

/** figureQuery has just listed the scope's units: the providers reuse that list rather than read it again. */
export function rememberUnits(q: FigureQuery, units: ScopeUnit[]): void {
  unitsMemo.set(q, [...units].sort((a, b) => compareCodes(a.code, b.code)));
}

/** The units in scope, ordered by code. Shared by the providers: do not modify. */
export function unitsOfQuery(ctx: ServiceContext, q: FigureQuery): readonly ScopeUnit[] {
  let units = unitsMemo.get(q);
  if (!units) {
    units = unitsByIds(ctx, q.unitIds).sort((a, b) => compareCodes(a.code, b.code));
    unitsMemo.set(q, units);
  }
  return units;
}

/** The step states of the units in scope. Shared by the providers: do not modify. */
export function stepsOfQuery(ctx: ServiceContext, q: FigureQuery): ReadonlyMap<string, readonly StepState[]> {
  let steps = stepsMemo.get(q);
  if (!steps) {
    steps = stepStatesByUnit(ctx, q.unitIds);
    stepsMemo.set(q, steps);
  }
  return steps;
}

/** A step counts as done on a day when it is marked done with an actual end on or before that day. */
export function doneBy(step: StepState, day: string): boolean {
  return step.status === 'done' && !!step.actualEnd && step.actualEnd <= day;
}

/** The first step not done on that day; 5 when all four are done. */
export function currentStepOn(steps: readonly StepState[], day: string): number {
  return steps.find((s) => !doneBy(s, day))?.step ?? (steps.length ? 5 : 1);
}

/** Behind plan on a day: a step not done by then whose planned end has passed. */
export function lateStepsOn<S extends StepState>(steps: readonly S[], day: string): S[] {
  return steps.filter((s) => !doneBy(s, day) && !!s.plannedEnd && s.plannedEnd < day);
}
