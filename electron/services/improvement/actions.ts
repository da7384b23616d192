import { and, asc, eq, inArray } from 'drizzle-orm';
import { assessments, correctiveActions, findings, inspections, internalAudits, managementReviews, units } from '../../../db/schema';
import { addMonths, daysBetween, formatVnDate } from '../../common/dates';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';
import { deleteRow, getLiveRow, insertRow, rowShape, updateRow } from '../records';
import { cachedStatement } from '../statements';
import { requireNotFuture, requireOrder, requireText, today } from '../rules';
import { getUnit, subtreeOrAll } from '../units/units';
import { sameText } from './common';
import { INSPECTION_DEADLINE_MONTHS } from '../../common/rules';

export { findingSources } from '../../../db/schema';
export type Finding = typeof findings.$inferSelect;
export type CorrectiveAction = typeof correctiveActions.$inferSelect;
export type Inspection = typeof inspections.$inferSelect;
export type FindingSource = Finding['source'];
export type ActionStatus = CorrectiveAction['status'];

// ---- inspections ------------------------------------------------------------

export interface InspectionInput {
  unitId: string;
  inspector: string;
  inspectionDate: string;
  minutesNo?: string;
  minutesDate: string;
  onSite?: boolean;
  note?: string;
}

function checkInspection(ctx: ServiceContext, input: Omit<InspectionInput, 'unitId'>): void {
  requireText(input.inspector, 'inspector');
  requireNotFuture(ctx, input.inspectionDate, 'inspectionDate');
  requireOrder(input.inspectionDate, input.minutesDate, 'inspectionDate', 'minutesDate');
  requireNotFuture(ctx, input.minutesDate, 'minutesDate');
}

/** An inspection held: minutes on or after the inspection, neither in the future. */
export function recordInspection(ctx: ServiceContext, input: InspectionInput): Inspection {
  getUnit(ctx, input.unitId);
  checkInspection(ctx, input);
  return insertRow(ctx, inspections, {
    unitId: input.unitId,
    inspector: input.inspector.trim(),
    inspectionDate: input.inspectionDate,
    minutesNo: input.minutesNo ?? '',
    minutesDate: input.minutesDate,
    onSite: input.onSite ?? true,
    note: input.note ?? '',
  });
}

/** Findings raised by an inspection. */
function findingsOfInspection(ctx: ServiceContext, inspectionId: string): Finding[] {
  return ctx.db
    .select()
    .from(findings)
    .where(and(eq(findings.inspectionId, inspectionId), eq(findings.deleted, false)))
    .all();
}

/**
 * Corrects an inspection. Moving its minutes date moves the 2-month deadline,
 * so it is refused when an action still open on one of its findings would
 * then be due after the new deadline (change that action's due date first).
 */
export function updateInspection(ctx: ServiceContext, id: string, patch: Partial<Omit<InspectionInput, 'unitId'>>): Inspection {
  const old = getLiveRow(ctx, inspections, id, 'inspection');
  const merged = { ...old, ...patch, minutesNo: patch.minutesNo ?? old.minutesNo, note: patch.note ?? old.note };
  checkInspection(ctx, merged);
  if (merged.minutesDate !== old.minutesDate) {
    const deadline = addMonths(merged.minutesDate, INSPECTION_DEADLINE_MONTHS);
    for (const f of findingsOfInspection(ctx, id)) {
      for (const a of actionsOfFinding(ctx, f.id)) {
        if (!isClosed(a.status) && a.dueDate > deadline) {
          throw new AppError('INSPECTION_DEADLINE_MOVED', { title: a.title, due: formatVnDate(a.dueDate), deadline: formatVnDate(deadline) }, 'minutesDate');
        }
      }
    }
  }
  return updateRow(ctx, inspections, id, { ...patch, inspector: patch.inspector?.trim() });
}

/** Removes an inspection with the findings it raised and their actions (tombstones). */
export function deleteInspection(ctx: ServiceContext, id: string): void {
  getLiveRow(ctx, inspections, id, 'inspection');
  for (const f of findingsOfInspection(ctx, id)) deleteFinding(ctx, f.id);
  deleteRow(ctx, inspections, id);
}

export function inspectionsOf(ctx: ServiceContext, unitId: string): (Inspection & { deadline: string })[] {
  return ctx.db
    .select()
    .from(inspections)
    .where(and(eq(inspections.unitId, unitId), eq(inspections.deleted, false)))
    .orderBy(asc(inspections.inspectionDate), asc(inspections.createdAt))
    .all()
    .map((i) => ({ ...i, deadline: addMonths(i.minutesDate, INSPECTION_DEADLINE_MONTHS) }));
}

// ---- findings ---------------------------------------------------------------

export interface ActionInput {
  title?: string;
  rootCause?: string;
  action?: string;
  owner: string;
  dueDate?: string | null;
  openedDate?: string;
}

export interface FindingInput {
  source: FindingSource;
  /** Required for complaints and management reviews; otherwise taken from the audit, assessment or inspection. */
  unitId?: string;
  auditId?: string | null;
  assessmentId?: string | null;
  inspectionId?: string | null;
  sourceRef?: string;
  severity: Finding['severity'];
  clause?: string;
  procedureCode?: string;
  department?: string;
  description: string;
  evidence?: string;
  foundDate: string;
  /** Opens the corrective action at once (nonconformities only). */
  correctiveAction?: ActionInput;
}

function sourceUnit(ctx: ServiceContext, input: FindingInput): string {
  const need = (value: string | null | undefined, field: string) => {
    if (!value) throw new AppError('FINDING_SOURCE_MISMATCH', { source: input.source, field }, field);
    return value;
  };
  switch (input.source) {
    case 'internal_audit': {
      const audit = getLiveRow(ctx, internalAudits, need(input.auditId, 'auditId'), 'audit');
      if (audit.status === 'cancelled') throw new AppError('AUDIT_CANCELLED', {}, 'auditId');
      return audit.unitId;
    }
    case 'external_assessment':
      return getLiveRow(ctx, assessments, need(input.assessmentId, 'assessmentId'), 'assessment').unitId;
    case 'inspection':
      return getLiveRow(ctx, inspections, need(input.inspectionId, 'inspectionId'), 'inspection').unitId;
    default:
      return getUnit(ctx, need(input.unitId, 'unitId')).id;
  }
}

/**
 * Records a nonconformity (major, minor) or an observation from its source.
 * It needs a clause or a procedure code and a description, and a date not in
 * the future; a corrective action can be opened with it in the same step.
 */
export function recordFinding(ctx: ServiceContext, input: FindingInput): { finding: Finding; action: CorrectiveAction | null } {
  const unitId = sourceUnit(ctx, input);
  const clause = input.clause?.trim() ?? '';
  const procedureCode = input.procedureCode?.trim() ?? '';
  if (!clause && !procedureCode) throw new AppError('FINDING_NEEDS_REFERENCE', {}, 'clause');
  const description = requireText(input.description, 'description');
  requireNotFuture(ctx, input.foundDate, 'foundDate');
  const finding = insertRow(ctx, findings, {
    unitId,
    source: input.source,
    auditId: input.source === 'internal_audit' ? input.auditId! : null,
    assessmentId: input.source === 'external_assessment' ? input.assessmentId! : null,
    inspectionId: input.source === 'inspection' ? input.inspectionId! : null,
    sourceRef: input.sourceRef ?? '',
    severity: input.severity,
    clause,
    procedureCode,
    department: input.department?.trim() ?? '',
    description,
    evidence: input.evidence ?? '',
    foundDate: input.foundDate,
  });
  const action = input.correctiveAction ? openAction(ctx, { ...input.correctiveAction, findingId: finding.id }) : null;
  return { finding, action };
}

export function updateFinding(ctx: ServiceContext, id: string, patch: Partial<Pick<FindingInput, 'severity' | 'clause' | 'procedureCode' | 'department' | 'description' | 'evidence' | 'foundDate' | 'sourceRef'>>) {
  const old = getLiveRow(ctx, findings, id, 'finding');
  const clause = (patch.clause ?? old.clause).trim();
  const procedureCode = (patch.procedureCode ?? old.procedureCode).trim();
  if (!clause && !procedureCode) throw new AppError('FINDING_NEEDS_REFERENCE', {}, 'clause');
  if (patch.description !== undefined) requireText(patch.description, 'description');
  requireNotFuture(ctx, patch.foundDate, 'foundDate');
  return updateRow(ctx, findings, id, { ...patch, clause, procedureCode, description: patch.description?.trim() });
}

/** Removes a finding and its actions (tombstones). */
export function deleteFinding(ctx: ServiceContext, id: string): void {
  getLiveRow(ctx, findings, id, 'finding');
  for (const a of actionsOfFinding(ctx, id)) deleteRow(ctx, correctiveActions, a.id);
  deleteRow(ctx, findings, id);
}

function actionsOfFinding(ctx: ServiceContext, findingId: string): CorrectiveAction[] {
  return ctx.db
    .select()
    .from(correctiveActions)
    .where(and(eq(correctiveActions.findingId, findingId), eq(correctiveActions.deleted, false)))
    .all();
}

// ---- corrective actions -----------------------------------------------------

export interface OpenActionInput extends ActionInput {
  findingId?: string | null;
  /** For an action decided by a management review. */
  reviewId?: string | null;
  /** For an action with neither finding nor review. */
  unitId?: string;
  source?: FindingSource;
}

/** The latest date an action may be due: two months after the minutes when it answers an inspection. */
export function actionDeadline(ctx: ServiceContext, finding: Pick<Finding, 'source' | 'inspectionId'> | null): string | null {
  if (!finding || finding.source !== 'inspection' || !finding.inspectionId) return null;
  const inspection = getLiveRow(ctx, inspections, finding.inspectionId, 'inspection');
  return addMonths(inspection.minutesDate, INSPECTION_DEADLINE_MONTHS);
}

function checkDue(deadline: string | null, due: string): void {
  if (deadline && due > deadline) {
    throw new AppError('ACTION_DUE_AFTER_DEADLINE', { due: formatVnDate(due), deadline: formatVnDate(deadline) }, 'dueDate');
  }
}

/**
 * Opens a corrective action: an owner and a due date (by default, and at the
 * latest, two months after an inspection's minutes), one open action per
 * nonconformity, none for observations.
 */
export function openAction(ctx: ServiceContext, input: OpenActionInput): CorrectiveAction {
  const finding = input.findingId ? getLiveRow(ctx, findings, input.findingId, 'finding') : null;
  const review = input.reviewId ? getLiveRow(ctx, managementReviews, input.reviewId, 'review') : null;
  if (finding?.severity === 'observation') throw new AppError('FINDING_OBSERVATION_NO_ACTION', {}, 'findingId');
  if (finding && actionsOfFinding(ctx, finding.id).some((a) => a.status !== 'verified')) {
    throw new AppError('ACTION_EXISTS', {}, 'findingId');
  }
  const unitId = finding?.unitId ?? review?.unitId ?? getUnit(ctx, requireText(input.unitId, 'unitId')).id;
  const source: FindingSource = finding?.source ?? (review ? 'management_review' : (input.source ?? 'complaint'));
  const owner = requireText(input.owner, 'owner');
  const title = (input.title?.trim() || finding?.description.slice(0, 200) || '').trim();
  requireText(title, 'actionTitle');
  const openedDate = input.openedDate ?? today(ctx);
  requireNotFuture(ctx, openedDate, 'openedDate');
  const deadline = actionDeadline(ctx, finding);
  const dueDate = input.dueDate ?? deadline;
  if (!dueDate) throw new AppError('REQUIRED', { field: 'dueDate' }, 'dueDate');
  requireOrder(openedDate, dueDate, 'openedDate', 'dueDate');
  checkDue(deadline, dueDate);
  return insertRow(ctx, correctiveActions, {
    unitId,
    source,
    findingId: finding?.id ?? null,
    reviewId: review?.id ?? null,
    title,
    rootCause: input.rootCause ?? '',
    action: input.action ?? '',
    owner,
    openedDate,
    dueDate,
  });
}

export type ActionPatch = Partial<Pick<OpenActionInput, 'title' | 'rootCause' | 'action' | 'owner' | 'dueDate'>>;

/** Edits an action's plan; the inspection deadline still holds. */
export function updateAction(ctx: ServiceContext, id: string, patch: ActionPatch): CorrectiveAction {
  const old = getLiveRow(ctx, correctiveActions, id, 'action');
  if (patch.title !== undefined) requireText(patch.title, 'actionTitle');
  if (patch.owner !== undefined) requireText(patch.owner, 'owner');
  if (patch.dueDate) {
    requireOrder(old.openedDate, patch.dueDate, 'openedDate', 'dueDate');
    const finding = old.findingId ? getLiveRow(ctx, findings, old.findingId, 'finding') : null;
    checkDue(actionDeadline(ctx, finding), patch.dueDate);
  }
  return updateRow(ctx, correctiveActions, id, {
    title: patch.title?.trim(),
    rootCause: patch.rootCause,
    action: patch.action,
    owner: patch.owner?.trim(),
    dueDate: patch.dueDate ?? undefined,
  });
}

const moves: Record<ActionStatus, ActionStatus[]> = {
  open: ['in_progress', 'done'],
  in_progress: ['open', 'done'],
  done: ['in_progress'],
  verified: [],
};

/** Moves an action along open → in progress → done (and back while not verified); done needs its date. */
export function setActionStatus(ctx: ServiceContext, id: string, status: ActionStatus, doneDate?: string | null): CorrectiveAction {
  const old = getLiveRow(ctx, correctiveActions, id, 'action');
  if (!moves[old.status].includes(status)) {
    throw new AppError('ACTION_STATUS_ORDER', { from: old.status, to: status }, 'status');
  }
  if (status === 'done') {
    const date = doneDate ?? today(ctx);
    requireNotFuture(ctx, date, 'doneDate');
    requireOrder(old.openedDate, date, 'openedDate', 'doneDate');
    return updateRow(ctx, correctiveActions, id, { status, doneDate: date });
  }
  return updateRow(ctx, correctiveActions, id, { status, doneDate: null });
}

export interface VerificationInput {
  verifiedBy: string;
  verifiedDate: string;
  effective: boolean;
  note?: string;
}

/**
 * Verifies a completed action, by someone other than its owner, on or after
 * the day it was done. Effective closes it (verified); not effective sends it
 * back to in progress with the verification kept.
 */
export function verifyAction(ctx: ServiceContext, id: string, input: VerificationInput): CorrectiveAction {
  const old = getLiveRow(ctx, correctiveActions, id, 'action');
  if (old.status !== 'done') throw new AppError('ACTION_VERIFY_NOT_DONE', { status: old.status }, 'status');
  const verifiedBy = requireText(input.verifiedBy, 'verifiedBy');
  if (sameText(verifiedBy, old.owner)) throw new AppError('ACTION_VERIFIER_IS_OWNER', { owner: old.owner }, 'verifiedBy');
  requireNotFuture(ctx, input.verifiedDate, 'verifiedDate');
  requireOrder(old.doneDate, input.verifiedDate, 'doneDate', 'verifiedDate');
  return updateRow(ctx, correctiveActions, id, {
    status: input.effective ? 'verified' : 'in_progress',
    doneDate: input.effective ? old.doneDate : null,
    verifiedBy,
    verifiedDate: input.verifiedDate,
    effective: input.effective,
    verificationNote: input.note ?? '',
  });
}

export function deleteAction(ctx: ServiceContext, id: string): void {
  getLiveRow(ctx, correctiveActions, id, 'action');
  deleteRow(ctx, correctiveActions, id);
}

// ---- aging and lists --------------------------------------------------------

export type AgeBucket = '0-30' | '31-60' | '61-90' | '90+';

export function ageBucket(days: number): AgeBucket {
  return days <= 30 ? '0-30' : days <= 60 ? '31-60' : days <= 90 ? '61-90' : '90+';
}

export const isClosed = (status: ActionStatus): boolean => status === 'done' || status === 'verified';

export interface ActionFilter {
  unitId?: string;
  rootId?: string;
  /** These units only (a scope already resolved: a figure's units, a calendar's). */
  unitIds?: readonly string[];
  status?: ActionStatus | 'not_closed';
  overdue?: boolean;
}

/** What a list of actions shows (the board, a unit's page, the health checks): not the texts of the plan nor the row's bookkeeping. */
const LIST_FIELDS = ['id', 'unitId', 'source', 'findingId', 'reviewId', 'title', 'owner', 'openedDate', 'dueDate', 'status', 'doneDate', 'verifiedBy', 'verifiedDate', 'effective'] as const;
const actionShape = rowShape(correctiveActions, 'a', LIST_FIELDS);
export type ActionListFields = Pick<CorrectiveAction, (typeof LIST_FIELDS)[number]>;
const CLOSED = `('done', 'verified')`;
// Not closed, written as the statuses it keeps so that an index on open actions can serve it.
export const OPEN = `('open', 'in_progress')`;
/** Days open until done, or until the day given as the statement's first parameter (as daysBetween counts). */
const AGE_DAYS = `CAST(round(julianday(CASE WHEN a.status IN ${CLOSED} AND COALESCE(a.done_date, '') <> '' THEN a.done_date ELSE ? END)
        - julianday(a.opened_date)) AS INTEGER)`;

/**
 * Actions with their age (days open until done, or until today), age bucket,
 * and overdue flag (not done and past the due date).
 *
 * One statement filters, joins and counts the days in SQL, reading only the
 * four fields of the finding that the list shows: the board of the whole
 * nation reads tens of thousands of actions.
 */
export function listActions(ctx: ServiceContext, filter: ActionFilter = {}, scope: ScopeSql = actionScopeSql(ctx, filter)) {
  const onDate = today(ctx);
  const where = ['a.deleted = 0', ...scope.where];
  const params: unknown[] = [onDate, ...scope.params];
  if (filter.status === 'not_closed') where.push(`a.status IN ${OPEN}`);
  else if (filter.status) {
    where.push('a.status = ?');
    params.push(filter.status);
  }
  if (filter.overdue) {
    where.push(`a.status IN ${OPEN} AND a.due_date < ?`);
    params.push(onDate);
  }
  const sql = `SELECT ${actionShape.select}, u.name AS unitName, f.severity AS severity, COALESCE(f.clause, '') AS clause,
      COALESCE(f.procedure_code, '') AS procedureCode, f.audit_id AS auditId, ${AGE_DAYS} AS ageDays
    FROM corrective_actions a JOIN units u ON u.id = a.unit_id LEFT JOIN findings f ON f.id = a.finding_id
    WHERE ${where.join(' AND ')} ORDER BY a.due_date, a.rowid`;
  const rows = cachedStatement(ctx.sqlite, sql).all(...params) as (ActionListFields & {
    unitName: string;
    severity: Finding['severity'] | null;
    clause: string;
    procedureCode: string;
    auditId: string | null;
    ageDays: number;
  })[];
  return rows.map((raw) => {
    // Converts the fields that drizzle converts (effective: 0/1 → boolean); the others are as stored.
    const r = actionShape.read(raw) as unknown as typeof raw & { ageBucket: AgeBucket; overdue: boolean; daysOverdue: number };
    const overdue = !isClosed(r.status) && r.dueDate < onDate;
    r.ageBucket = ageBucket(r.ageDays);
    r.overdue = overdue;
    r.daysOverdue = overdue ? daysBetween(r.dueDate, onDate) : 0;
    return r;
  });
}

export type ActionRow = ReturnType<typeof listActions>[number];

export type ActionAging = ReturnType<typeof actionAging>;

/** Open (not done) actions by age bucket, and how many are overdue. */
export function actionAging(rows: ActionRow[]) {
  const buckets: Record<AgeBucket, number> = { '0-30': 0, '31-60': 0, '61-90': 0, '90+': 0 };
  const open = rows.filter((r) => !isClosed(r.status));
  for (const r of open) buckets[r.ageBucket]++;
  return { buckets, open: open.length, overdue: open.filter((r) => r.overdue).length, awaitingVerification: rows.filter((r) => r.status === 'done').length };
}

export type ActionScope = Pick<ActionFilter, 'unitId' | 'rootId' | 'unitIds'>;

/** A scope resolved once per request: the terms it adds to a WHERE clause over `corrective_actions a`, and their parameters. */
export interface ScopeSql {
  where: string[];
  params: unknown[];
}

/**
 * One unit, a unit and everything below it, given units, or every unit. The
 * subtree of the root of the whole tree (headquarters' board) holds every
 * unit, so it adds no term: every action is in it, and SQLite need not check
 * 30,000 actions against 700 units.
 */
export function actionScopeSql(ctx: ServiceContext, scope: ActionScope): ScopeSql {
  const out: ScopeSql = { where: [], params: [] };
  const inUnits = (ids: readonly string[]) => {
    out.where.push('a.unit_id IN (SELECT value FROM json_each(?))');
    out.params.push(JSON.stringify(ids));
  };
  if (scope.unitId) {
    out.where.push('a.unit_id = ?');
    out.params.push(scope.unitId);
  }
  if (scope.unitIds) inUnits(scope.unitIds);
  if (scope.rootId) {
    const ids = subtreeOrAll(ctx, scope.rootId);
    if (ids) inUnits(ids);
  }
  return out;
}

const AGE_OPEN = `CAST(round(julianday(?) - julianday(a.opened_date)) AS INTEGER)`;

/**
 * What the action board counts over its whole scope, whichever filter lists
 * the rows: the open (not done) actions by age bucket, the overdue ones, those
 * awaiting verification (actionAging's figures), and the actions per status.
 * Two statements that read only the index on (status, unit, due date, opened
 * date): the board of the whole nation no longer lists 30,000 actions to
 * count them.
 */
export function actionCounts(ctx: ServiceContext, scope: ScopeSql): ActionAging & { statuses: Record<ActionStatus, number> } {
  const onDate = today(ctx);
  const where = ['a.deleted = 0', ...scope.where];
  const params = scope.params;
  const open = cachedStatement(
    ctx.sqlite,
    `SELECT coalesce(sum(age <= 30), 0) AS b0, coalesce(sum(age > 30 AND age <= 60), 0) AS b1, coalesce(sum(age > 60 AND age <= 90), 0) AS b2,
       coalesce(sum(age > 90), 0) AS b3, count(*) AS open, coalesce(sum(due_date < ?), 0) AS overdue
     FROM (SELECT ${AGE_OPEN} AS age, a.due_date FROM corrective_actions a WHERE ${where.join(' AND ')} AND a.status IN ${OPEN})`,
  ).get(onDate, onDate, ...params) as { b0: number; b1: number; b2: number; b3: number; open: number; overdue: number };
  const statuses: Record<ActionStatus, number> = { open: 0, in_progress: 0, done: 0, verified: 0 };
  const perStatus = cachedStatement(
    ctx.sqlite,
    `SELECT a.status, count(*) FROM corrective_actions a WHERE ${where.join(' AND ')} AND a.status IN ('open', 'in_progress', 'done', 'verified') GROUP BY a.status`,
  )
    .raw()
    .all(...params) as [ActionStatus, number][];
  for (const [status, n] of perStatus) statuses[status] = n;
  return {
    buckets: { '0-30': open.b0, '31-60': open.b1, '61-90': open.b2, '90+': open.b3 },
    open: open.open,
    overdue: open.overdue,
    awaitingVerification: statuses.done,
    statuses,
  };
}

/** Findings of a unit from any source, with their actions. */
export function findingsOf(ctx: ServiceContext, unitId: string) {
  const list = ctx.db
    .select()
    .from(findings)
    .where(and(eq(findings.unitId, unitId), eq(findings.deleted, false)))
    .orderBy(asc(findings.foundDate))
    .all();
  return list.map((f) => ({ ...f, actions: actionsOfFinding(ctx, f.id) }));
}
