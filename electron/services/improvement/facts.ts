import type { ServiceContext } from '../context';
import { fromJson } from './common';

/**
 * What the health overview and the calendar need to know about many units,
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
  issueDate: string;
  expiryDate: string;
}

/** Each unit's latest certificate (by issue date, then as recorded), as the unit's own page picks it. */
export function latestCertificates(ctx: ServiceContext, ids: readonly string[]): Map<string, LatestCertificate> {
  return byUnit(
    rows<LatestCertificate>(
      ctx,
      `SELECT unitId, id, number, issueDate, expiryDate FROM (
         SELECT unit_id AS unitId, id, number, issue_date AS issueDate, expiry_date AS expiryDate,
                row_number() OVER (PARTITION BY unit_id ORDER BY issue_date DESC, created_at DESC, id DESC) AS rn
         FROM certificates WHERE deleted = 0 AND ${inUnits})
       WHERE rn = 1`,
      idsParam(ids),
    ),
  );
}

export interface LatestDeclaration {
  unitId: string;
  decisionDate: string;
  scope: string[];
}

/** Each unit's latest self-declaration with its scope. */
export function latestDeclarations(ctx: ServiceContext, ids: readonly string[]): Map<string, LatestDeclaration> {
  const list = rows<{ unitId: string; decisionDate: string; scope: string }>(
    ctx,
    `SELECT unitId, decisionDate, scope FROM (
       SELECT unit_id AS unitId, decision_date AS decisionDate, scope,
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

/** The end date of each unit's latest completed internal audit (units with none are absent). */
export function lastAuditEnds(ctx: ServiceContext, ids: readonly string[]): Map<string, string | null> {
  const list = rows<{ unitId: string; lastEnd: string | null }>(
    ctx,
    `SELECT unit_id AS unitId, max(actual_end) AS lastEnd FROM internal_audits
     WHERE deleted = 0 AND status = 'done' AND ${inUnits} GROUP BY unit_id`,
    idsParam(ids),
  );
  return new Map(list.map((r) => [r.unitId, r.lastEnd]));
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
}

/** Each unit's latest management review. */
export function latestReviews(ctx: ServiceContext, ids: readonly string[]): Map<string, LatestReview> {
  return byUnit(
    rows<LatestReview>(
      ctx,
      `SELECT unitId, id, reviewDate FROM (
         SELECT unit_id AS unitId, id, review_date AS reviewDate,
                row_number() OVER (PARTITION BY unit_id ORDER BY review_date DESC, created_at DESC, id DESC) AS rn
         FROM management_reviews WHERE deleted = 0 AND ${inUnits})
       WHERE rn = 1`,
      idsParam(ids),
    ),
  );
}

/** How many quality objectives each unit has for the year. */
export function objectiveCounts(ctx: ServiceContext, ids: readonly string[], year: number): Map<string, number> {
  const list = rows<{ unitId: string; n: number }>(
    ctx,
    `SELECT unit_id AS unitId, count(*) AS n FROM quality_objectives WHERE deleted = 0 AND year = ? AND ${inUnits} GROUP BY unit_id`,
    year,
    idsParam(ids),
  );
  return new Map(list.map((r) => [r.unitId, r.n]));
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
