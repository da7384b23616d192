import { units as unitsTable } from '../../../../db/schema';
import { AppError } from '../../../common/errors';
import type { ServiceContext } from '../../context';
import { rowShape } from '../../records';
import { readSetting } from '../../settings';
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

const unitShape = rowShape(unitsTable, 'u');
// A unit and everything below it (as subtreeIds walks it), active and not headquarters, in listUnits' order.
const UNITS_IN_SUBTREE = `WITH RECURSIVE t(id) AS (SELECT ? UNION SELECT c.id FROM units c JOIN t ON c.parent_id = t.id)
  SELECT ${unitShape.select} FROM units u JOIN t ON t.id = u.id WHERE u.deleted = 0 AND u.status = 'active' AND u.type <> 'hq' ORDER BY u.code`;
const UNIT_ALONE = `SELECT ${unitShape.select} FROM units u WHERE u.id = ? AND u.deleted = 0 AND u.status = 'active' AND u.type <> 'hq'`;

/**
 * Units a scope counts: active, not headquarters. "office" is this office
 * alone, "unit" one unit alone, "subtree" a unit and everything below it.
 * One statement: every dashboard request starts here.
 */
export function unitsInScope(ctx: ServiceContext, scope: Scope): Unit[] {
  const rootId = scope.mode === 'office' ? officeId(ctx) : scope.unitId;
  getUnit(ctx, rootId);
  const rows = cachedStatement(ctx.sqlite, scope.mode === 'subtree' ? UNITS_IN_SUBTREE : UNIT_ALONE).all(rootId) as Record<string, unknown>[];
  return rows.map((r) => unitShape.read(r) as Unit);
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

function byUnit<S extends StepState>(rows: S[]): Map<string, S[]> {
  const out = new Map<string, S[]>();
  for (const r of rows) {
    const list = out.get(r.unitId);
    if (list) list.push(r);
    else out.set(r.unitId, [r]);
  }
  return out;
}

/** Steps of the given units, grouped by unit and ordered 1..4. */
export function stepsByUnit(ctx: ServiceContext, unitIds: string[]): Map<string, StepFacts[]> {
  if (unitIds.length === 0) return new Map();
  return byUnit(cachedStatement(ctx.sqlite, STEPS_OF_UNITS).all(JSON.stringify(unitIds)) as StepFacts[]);
}

/** Like stepsByUnit, with only what the figures count (the national dashboard reads every step of the country). */
function stepStatesByUnit(ctx: ServiceContext, unitIds: string[]): Map<string, StepState[]> {
  if (unitIds.length === 0) return new Map();
  return byUnit(cachedStatement(ctx.sqlite, STEP_STATES_OF_UNITS).all(JSON.stringify(unitIds)) as StepState[]);
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

/** Orders unit codes as String#localeCompare does, with one collator instead of one per comparison. */
export const compareCodes = new Intl.Collator().compare;

/*
 * Every provider of one dashboard or report reads the same units and steps:
 * they are loaded once per figure query (the query object is made per
 * request, so nothing outlives it).
 */
const unitsMemo = new WeakMap<FigureQuery, Unit[]>();
const stepsMemo = new WeakMap<FigureQuery, Map<string, StepState[]>>();

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
