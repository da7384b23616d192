import type { ServiceContext } from '../context';
import { fromJson } from './common';

/**
 * What a unit's health, the health overview and the calendar need to know about many units,
 * each read with one grouped query per table for the whole set of units
 * (rather than a handful of queries per unit). The set of units travels as a
 * single JSON parameter, so its size is not bound by SQLite's variable limit.
 */

const inUnits = 'unit_id IN (SELECT value FROM json_each(?))';
const idsParam = (ids: readonly string[]) => JSON.stringify(ids);

function rows<T>(ctx: ServiceContext, sql: string, ...params: unknown[]): T[] {
  return ctx.sqlite.prepare(sql).all(...params) as T[];
}

function byUnit<T extends { unitId: string }>(list: T[]): Map<string, T> {
  return new Map(list.map((r) => [r.unitId, r]));
}

function groupByUnit<T extends { unitId: string }>(list: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of list) {
    const group = out.get(r.unitId);
    if (group) group.push(r);
    else out.set(r.unitId, [r]);
  }
  return out;
}

/** Units whose step 3 is done: they are maintaining their system, so yearly audits and reviews are due. */
export function maintainingUnits(ctx: ServiceContext, ids: readonly string[]): Set<string> {
  const list = rows<{ unitId: string }>(
    ctx,
    `SELECT DISTINCT unit_id AS unitId FROM unit_steps WHERE deleted = 0 AND step = 3 AND status = 'done' AND ${inUnits}`,
    idsParam(ids),
  );
  return new Set(list.map((r) => r.unitId));
}

export interface LatestCertificate {
  unitId: string;
  id: string;
  number: string;
  issuer: string;
  issueDate: string;
  expiryDate: string;
}

/** Each unit's latest certificate (by issue date, then as recorded), as the unit's own page picks it. */
export function latestCertificates(ctx: ServiceContext, ids: readonly string[]): Map<string, LatestCertificate> {
  return byUnit(
    rows<LatestCertificate>(
      ctx,
      `SELECT unitId, id, number, issuer, issueDate, expiryDate FROM (
         SELECT unit_id AS unitId, id, number, issuer, issue_date AS issueDate, expiry_date AS expiryDate,
                row_number() OVER (PARTITION BY unit_id ORDER BY issue_date DESC, created_at DESC, id DESC) AS rn
         FROM certificates WHERE deleted = 0 AND ${inUnits})
       WHERE rn = 1`,
      idsParam(ids),
    ),
  );
}

export interface LatestDeclaration {
  unitId: string;
  id: string;
  decisionNo: string;
  decisionDate: string;
  scope: string[];
}

/** Each unit's latest self-declaration with its scope. */
export function latestDeclarations(ctx: ServiceContext, ids: readonly string[]): Map<string, LatestDeclaration> {
  const list = rows<Omit<LatestDeclaration, 'scope'> & { scope: string }>(
    ctx,
    `SELECT unitId, id, decisionNo, decisionDate, scope FROM (
       SELECT unit_id AS unitId, id, decision_no AS decisionNo, decision_date AS decisionDate, scope,
              row_number() OVER (PARTITION BY unit_id ORDER BY decision_date DESC, created_at DESC, id DESC) AS rn
       FROM declarations WHERE deleted = 0 AND ${inUnits})
     WHERE rn = 1`,
    idsParam(ids),
  );
  return byUnit(list.map((d) => ({ ...d, scope: fromJson(d.scope) })));
}

/** Start dates of each unit's surveillance assessments, ascending. */
export function surveillanceStarts(ctx: ServiceContext, ids: readonly string[]): Map<string, string[]> {
  const list = rows<{ unitId: string; startDate: string }>(
    ctx,
    `SELECT unit_id AS unitId, start_date AS startDate FROM assessments
     WHERE deleted = 0 AND kind = 'surveillance' AND ${inUnits} ORDER BY unit_id, start_date`,
    idsParam(ids),
  );
  return new Map([...groupByUnit(list)].map(([unitId, group]) => [unitId, group.map((a) => a.startDate)]));
}

export interface DoneAudit {
  unitId: string;
  id: string;
  title: string;
  actualEnd: string | null;
}

/** Each unit's latest completed internal audit, by its end date (units with none are absent). */
export function latestDoneAudits(ctx: ServiceContext, ids: readonly string[]): Map<string, DoneAudit> {
  return byUnit(
    rows<DoneAudit>(
      ctx,
      `SELECT unitId, id, title, actualEnd FROM (
         SELECT unit_id AS unitId, id, title, actual_end AS actualEnd,
                row_number() OVER (PARTITION BY unit_id ORDER BY actual_end DESC, created_at DESC, id DESC) AS rn
         FROM internal_audits WHERE deleted = 0 AND status = 'done' AND ${inUnits})
       WHERE rn = 1`,
      idsParam(ids),
    ),
  );
}

export interface PlannedAudit {
  unitId: string;
  id: string;
  title: string;
  plannedStart: string;
}

/** Each unit's audits still planned, by planned start. */
export function plannedAudits(ctx: ServiceContext, ids: readonly string[]): Map<string, PlannedAudit[]> {
  return groupByUnit(
    rows<PlannedAudit>(
      ctx,
      `SELECT unit_id AS unitId, id, title, planned_start AS plannedStart FROM internal_audits
       WHERE deleted = 0 AND status = 'planned' AND ${inUnits} ORDER BY unit_id, planned_start, created_at, id`,
      idsParam(ids),
    ),
  );
}

export interface LatestReview {
  unitId: string;
  id: string;
  reviewDate: string;
  chair: string;
}

/** Each unit's latest management review. */
export function latestReviews(ctx: ServiceContext, ids: readonly string[]): Map<string, LatestReview> {
  return byUnit(
    rows<LatestReview>(
      ctx,
      `SELECT unitId, id, reviewDate, chair FROM (
         SELECT unit_id AS unitId, id, review_date AS reviewDate, chair,
                row_number() OVER (PARTITION BY unit_id ORDER BY review_date DESC, created_at DESC, id DESC) AS rn
         FROM management_reviews WHERE deleted = 0 AND ${inUnits})
       WHERE rn = 1`,
      idsParam(ids),
    ),
  );
}

export interface ObjectiveCounts {
  total: number;
  achieved: number;
  notAchieved: number;
}

/** How many quality objectives each unit has for the year, and how many were judged achieved or not. */
export function objectiveCounts(ctx: ServiceContext, ids: readonly string[], year: number): Map<string, ObjectiveCounts> {
  const list = rows<ObjectiveCounts & { unitId: string }>(
    ctx,
    `SELECT unit_id AS unitId, count(*) AS total, coalesce(sum(achieved = 1), 0) AS achieved, coalesce(sum(achieved = 0), 0) AS notAchieved
     FROM quality_objectives WHERE deleted = 0 AND year = ? AND ${inUnits} GROUP BY unit_id`,
    year,
    idsParam(ids),
  );
  return new Map(list.map(({ unitId, ...counts }) => [unitId, counts]));
}

/** Each unit's actions not yet done, and of those how many are past their due date. */
export function openActionCounts(ctx: ServiceContext, ids: readonly string[], onDate: string): Map<string, { open: number; overdue: number }> {
  const list = rows<{ unitId: string; open: number; overdue: number }>(
    ctx,
    `SELECT unit_id AS unitId, count(*) AS open, sum(due_date < ?) AS overdue FROM corrective_actions
     WHERE deleted = 0 AND status IN ('open', 'in_progress') AND ${inUnits} GROUP BY unit_id`,
    onDate,
    idsParam(ids),
  );
  return new Map(list.map((r) => [r.unitId, { open: r.open, overdue: r.overdue }]));
}
