import { and, asc, desc, eq } from 'drizzle-orm';
import { objectiveResults, qualityObjectives, qualityPolicies } from '../../../db/schema';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';
import { deleteRow, getLiveRow, insertRow, updateRow } from '../records';
import { requireDecisionNo, requireNotFuture, requireText, today } from '../rules';
import { getUnit } from '../units/units';
import { yearOf } from './common';

export type QualityObjective = typeof qualityObjectives.$inferSelect;

/** Issues (a new version of) the unit's quality policy; the latest one is current. */
export function setPolicy(ctx: ServiceContext, input: { unitId: string; issuedDate: string; decisionNo?: string; body: string }) {
  getUnit(ctx, input.unitId);
  requireNotFuture(ctx, input.issuedDate, 'issuedDate');
  return insertRow(ctx, qualityPolicies, {
    unitId: input.unitId,
    issuedDate: input.issuedDate,
    decisionNo: input.decisionNo ? requireDecisionNo(input.decisionNo) : '',
    body: requireText(input.body, 'body'),
  });
}

/** Every version of the unit's quality policy, newest first. */
export function policiesOf(ctx: ServiceContext, unitId: string) {
  return ctx.db
    .select()
    .from(qualityPolicies)
    .where(and(eq(qualityPolicies.unitId, unitId), eq(qualityPolicies.deleted, false)))
    .orderBy(desc(qualityPolicies.issuedDate), desc(qualityPolicies.createdAt), desc(qualityPolicies.id))
    .all();
}

export interface ObjectiveInput {
  unitId: string;
  year: number;
  title: string;
  target: string;
  measure?: string;
  note?: string;
}

/** An objective of the unit for a year, with a target and how it is measured. */
export function createObjective(ctx: ServiceContext, input: ObjectiveInput): QualityObjective {
  getUnit(ctx, input.unitId);
  return insertRow(ctx, qualityObjectives, {
    unitId: input.unitId,
    year: input.year,
    title: requireText(input.title, 'objectiveTitle'),
    target: requireText(input.target, 'target'),
    measure: input.measure ?? '',
    note: input.note ?? '',
  });
}

export function updateObjective(ctx: ServiceContext, id: string, patch: Partial<Omit<ObjectiveInput, 'unitId'>>): QualityObjective {
  getLiveRow(ctx, qualityObjectives, id, 'objective');
  if (patch.title !== undefined) requireText(patch.title, 'objectiveTitle');
  if (patch.target !== undefined) requireText(patch.target, 'target');
  return updateRow(ctx, qualityObjectives, id, patch);
}

export function deleteObjective(ctx: ServiceContext, id: string): void {
  getLiveRow(ctx, qualityObjectives, id, 'objective');
  deleteRow(ctx, qualityObjectives, id);
}

/** A measured result of an objective, dated within its year and not in the future. */
export function addResult(ctx: ServiceContext, input: { objectiveId: string; resultDate: string; value: string; note?: string }) {
  const objective = getLiveRow(ctx, qualityObjectives, input.objectiveId, 'objective');
  requireNotFuture(ctx, input.resultDate, 'resultDate');
  return insertRow(ctx, objectiveResults, {
    unitId: objective.unitId,
    objectiveId: objective.id,
    resultDate: input.resultDate,
    value: requireText(input.value, 'value'),
    note: input.note ?? '',
  });
}

export function deleteResult(ctx: ServiceContext, id: string): void {
  getLiveRow(ctx, objectiveResults, id, 'result');
  deleteRow(ctx, objectiveResults, id);
}

function resultsOf(ctx: ServiceContext, objectiveId: string) {
  return ctx.db
    .select()
    .from(objectiveResults)
    .where(and(eq(objectiveResults.objectiveId, objectiveId), eq(objectiveResults.deleted, false)))
    .orderBy(asc(objectiveResults.resultDate))
    .all();
}

/** Achieved or not is judged at year end, or earlier once results are recorded; null clears it. */
export function setAchieved(ctx: ServiceContext, id: string, achieved: boolean | null): QualityObjective {
  const objective = getLiveRow(ctx, qualityObjectives, id, 'objective');
  if (achieved !== null && yearOf(today(ctx)) <= objective.year && resultsOf(ctx, id).length === 0) {
    throw new AppError('OBJECTIVE_YEAR_OPEN', { year: objective.year }, 'achieved');
  }
  return updateRow(ctx, qualityObjectives, id, { achieved });
}

/** The unit's objectives (optionally for one year) with their results. */
export function objectivesOf(ctx: ServiceContext, unitId: string, year?: number) {
  return ctx.db
    .select()
    .from(qualityObjectives)
    .where(and(eq(qualityObjectives.unitId, unitId), eq(qualityObjectives.deleted, false), year ? eq(qualityObjectives.year, year) : undefined))
    .orderBy(desc(qualityObjectives.year), asc(qualityObjectives.title))
    .all()
    .map((o) => ({ ...o, results: resultsOf(ctx, o.id) }));
}
