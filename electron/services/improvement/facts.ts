import type { ServiceContext } from '../context';
import { cachedStatement } from '../statements';
import { OPEN } from './actions';
import { fromJson } from './common';

/**
 * What a unit's health, the health overview and the calendar need to know about many units,
 * each read with one grouped query per table for the whole set of units
 * (rather than a handful of queries per unit). The set of units travels as a
 * single JSON parameter, so its size is not bound by SQLite's variable limit.
 */

const inUnits = 'unit_id IN (SELECT value FROM json_each(?))';
const idsParam = (ids: readonly string[]) => JSON.stringify(ids);

// The overview and the calendar ask the same few statements again and again: prepared once per connection.
function rows<T>(ctx: ServiceContext, sql: string, ...params: unknown[]): T[] {
  return cachedStatement(ctx.sqlite, sql).all(...params) as T[];
}

function byUnit<T extends { unitId: string }>(list: T[]): Map<string, T> {
  return new Map(list.map((r) => [r.unitId, r]));
}

/**
 * Each unit's latest live row of a table (newest first by `newest`, then the
 * last recorded), with `columns` (name → SQL column) under their names.
 */
function latestPerUnit<T extends { unitId: string }>(
  ctx: ServiceContext,
  ids: readonly string[],
  from: { table: string; newest: string; where?: string },
  columns: Record<Exclude<keyof T, 'unitId'>, string>,
): T[] {
  const names = Object.keys(columns);
  const select = Object.entries<string>(columns).map(([name, column]) => `${column} AS ${name}`);
  return rows<T>(
    ctx,
    `SELECT unitId, ${names.join(', ')} FROM (
       SELECT unit_id AS unitId, ${select.join(', ')},
              row_number() OVER (PARTITION BY unit_id ORDER BY ${from.newest} DESC, created_at DESC, id DESC) AS rn
       FROM ${from.table} WHERE deleted = 0${from.where ? ` AND ${from.where}` : ''} AND ${inUnits})
     WHERE rn = 1`,
    idsParam(ids),
  );
}

/** Rows grouped by their unit, in the order read. */
export function groupByUnit<T extends { unitId: string }>(list: T[]): Map<string, T[]> {
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
    latestPerUnit<LatestCertificate>(ctx, ids, { table: 'certificates', newest: 'issue_date' }, {
      id: 'id',
      number: 'number',
      issuer: 'issuer',
      issueDate: 'issue_date',
      expiryDate: 'expiry_date',
    }),
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
  const list = latestPerUnit<Omit<LatestDeclaration, 'scope'> & { scope: string }>(ctx, ids, { table: 'declarations', newest: 'decision_date' }, {
    id: 'id',
    decisionNo: 'decision_no',
    decisionDate: 'decision_date',
    scope: 'scope',
  });
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
    latestPerUnit<DoneAudit>(ctx, ids, { table: 'internal_audits', newest: 'actual_end', where: "status = 'done'" }, {
      id: 'id',
      title: 'title',
      actualEnd: 'actual_end',
    }),
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
  return byUnit(latestPerUnit<LatestReview>(ctx, ids, { table: 'management_reviews', newest: 'review_date' }, { id: 'id', reviewDate: 'review_date', chair: 'chair' }));
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
     WHERE deleted = 0 AND status IN ${OPEN} AND ${inUnits} GROUP BY unit_id`,
    onDate,
    idsParam(ids),
  );
  return new Map(list.map((r) => [r.unitId, { open: r.open, overdue: r.overdue }]));
}
