import { addMonths, daysBetween } from '../../common/dates';
import type { ServiceContext } from '../context';
import { today } from '../rules';
import { stepsOf } from '../units/steps';
import { getUnit, listUnits, subtreeIds } from '../units/units';
import { actionCounts, actionScopeSql, listActions } from './actions';
import { alertsFrom, type CertificateAlert, replacedByDeclaration, scheduleFrom, undeclaredCodes } from './certification';
import { yearOf } from './common';
import {
  latestCertificates,
  latestDeclarations,
  latestDoneAudits,
  latestReviews,
  maintainingUnits,
  objectiveCounts,
  openActionCounts,
  plannedAudits,
  surveillanceStarts,
} from './facts';
import { scopeOfUnits } from './ports';

/** Internal audits and management reviews are due at least once a year. */
export const AUDIT_EVERY_MONTHS = 12;
export const REVIEW_EVERY_MONTHS = 12;

export type HealthLevel = 'critical' | 'warning';
export interface HealthIssue {
  level: HealthLevel;
  code:
    | 'cert_expired'
    | 'cert_expiring'
    | 'surveillance_missed'
    | 'surveillance_due'
    | 'redeclaration_needed'
    | 'audit_overdue'
    | 'review_overdue'
    | 'actions_overdue'
    | 'actions_open'
    | 'objectives_missing';
  date?: string;
  count?: number;
}

/** What a unit's health is judged on. */
export interface HealthInputs {
  alerts: CertificateAlert[];
  /** Codes in the scope the last declaration does not cover. */
  undeclared: number;
  /** Step 3 done: only then are yearly audits and reviews required. */
  maintaining: boolean;
  lastAuditEnd: string | null;
  lastReviewDate: string | null;
  /** Quality objectives for the current year. */
  objectives: number;
  openActions: number;
  overdueActions: number;
}

export type HealthStatus = 'good' | 'attention' | 'critical';

/**
 * The issues that need attention and the resulting status. Critical: an
 * expired certificate, a missed surveillance audit, an overdue action, or no
 * audit/review for over a year while maintaining.
 */
export function healthIssues(i: HealthInputs, onDate: string): { status: HealthStatus; issues: HealthIssue[] } {
  const issues: HealthIssue[] = [];
  for (const a of i.alerts) {
    const code = a.kind === 'expired' ? 'cert_expired' : a.kind === 'expiring' ? 'cert_expiring' : a.kind;
    issues.push({ level: a.kind === 'expired' || a.kind === 'surveillance_missed' ? 'critical' : 'warning', code, date: a.date });
  }
  if (i.undeclared > 0) issues.push({ level: 'warning', code: 'redeclaration_needed', count: i.undeclared });
  if (i.maintaining) {
    const auditDue = i.lastAuditEnd ? addMonths(i.lastAuditEnd, AUDIT_EVERY_MONTHS) : null;
    if (!auditDue || auditDue < onDate) issues.push({ level: 'critical', code: 'audit_overdue', date: auditDue ?? undefined });
    const reviewDue = i.lastReviewDate ? addMonths(i.lastReviewDate, REVIEW_EVERY_MONTHS) : null;
    if (!reviewDue || reviewDue < onDate) issues.push({ level: 'critical', code: 'review_overdue', date: reviewDue ?? undefined });
    if (i.objectives === 0) issues.push({ level: 'warning', code: 'objectives_missing' });
  }
  if (i.overdueActions) issues.push({ level: 'critical', code: 'actions_overdue', count: i.overdueActions });
  if (i.openActions - i.overdueActions > 0) issues.push({ level: 'warning', code: 'actions_open', count: i.openActions - i.overdueActions });
  const status: HealthStatus = issues.some((x) => x.level === 'critical') ? 'critical' : issues.length ? 'attention' : 'good';
  return { status, issues };
}

/** The dated facts both the health checks and the calendar read: one grouped query per table for all the units. */
function datedFacts(ctx: ServiceContext, ids: readonly string[]) {
  return {
    certs: latestCertificates(ctx, ids),
    decls: latestDeclarations(ctx, ids),
    starts: surveillanceStarts(ctx, ids),
    inMaintenance: maintainingUnits(ctx, ids),
    audits: latestDoneAudits(ctx, ids),
    reviews: latestReviews(ctx, ids),
  };
}

/**
 * The health of many units, read with one grouped query per table for all of
 * them: one unit's page and the overview of a subtree judge the same way.
 * `actions` gives each unit's open and overdue actions.
 */
function healthOfUnits(ctx: ServiceContext, ids: readonly string[], onDate: string, actions: (unitId: string) => { open: number; overdue: number }) {
  const f = datedFacts(ctx, ids);
  const objectives = objectiveCounts(ctx, ids, yearOf(onDate));
  const scopes = scopeOfUnits(ctx, [...f.decls.keys()]);
  return (unitId: string) => {
    const certificate = f.certs.get(unitId) ?? null;
    const declaration = f.decls.get(unitId) ?? null;
    const lastAudit = f.audits.get(unitId) ?? null;
    const lastReview = f.reviews.get(unitId) ?? null;
    const goals = objectives.get(unitId) ?? { total: 0, achieved: 0, notAchieved: 0 };
    const open = actions(unitId);
    const judged = healthIssues(
      {
        alerts: alertsFrom(certificate, declaration?.decisionDate ?? null, f.starts.get(unitId) ?? [], onDate),
        undeclared: declaration ? undeclaredCodes(declaration.scope, scopes.get(unitId) ?? []).length : 0,
        maintaining: f.inMaintenance.has(unitId),
        lastAuditEnd: lastAudit?.actualEnd ?? null,
        lastReviewDate: lastReview?.reviewDate ?? null,
        objectives: goals.total,
        openActions: open.open,
        overdueActions: open.overdue,
      },
      onDate,
    );
    return { ...judged, certificate, declaration, lastAudit, lastReview, objectives: goals, open };
  };
}

/**
 * A unit's health: certificate or declaration state, last and next audit,
 * last review, the aging of its actions, this year's objectives, steps 3 and
 * 4, and the issues that need attention.
 */
export function unitHealth(ctx: ServiceContext, unitId: string) {
  const unit = getUnit(ctx, unitId);
  const onDate = today(ctx);
  // The board's counts over the unit's actions; they also judge its health.
  const { statuses: _statuses, ...aging } = actionCounts(ctx, actionScopeSql(ctx, { unitId }));
  const h = healthOfUnits(ctx, [unitId], onDate, () => aging)(unitId);
  return {
    unit,
    status: h.status,
    issues: h.issues,
    certificate: h.certificate,
    declaration: h.declaration,
    lastAudit: h.lastAudit,
    nextAudit: plannedAudits(ctx, [unitId]).get(unitId)?.[0] ?? null,
    lastReview: h.lastReview,
    aging,
    objectives: { year: yearOf(onDate), ...h.objectives },
    steps: stepsOf(ctx, unitId).filter((s) => s.step >= 3),
  };
}

/** Active units (not headquarters) of a subtree, or of one unit, or all; in code order. */
function unitsIn(ctx: ServiceContext, filter: { rootId?: string; unitId?: string }) {
  const ids = filter.unitId ? new Set([filter.unitId]) : filter.rootId ? new Set(subtreeIds(ctx, filter.rootId)) : null;
  return listUnits(ctx).filter((u) => u.type !== 'hq' && (!ids || ids.has(u.id)));
}

/** The health of every active unit (not headquarters) in a subtree, judged exactly as each unit's own page judges it. */
export function healthOverview(ctx: ServiceContext, rootId?: string) {
  const onDate = today(ctx);
  const list = unitsIn(ctx, { rootId });
  const ids = list.map((u) => u.id);
  const actions = openActionCounts(ctx, ids, onDate);
  const healthOf = healthOfUnits(ctx, ids, onDate, (unitId) => actions.get(unitId) ?? { open: 0, overdue: 0 });
  return list.map((u) => {
    const h = healthOf(u.id);
    return {
      unitId: u.id,
      code: u.code,
      name: u.name,
      parentName: u.parentName,
      status: h.status,
      issues: h.issues,
      mode: h.declaration ? ('declaration' as const) : h.certificate ? ('certificate' as const) : ('none' as const),
      lastAudit: h.lastAudit?.actualEnd ?? null,
      lastReview: h.lastReview?.reviewDate ?? null,
      openActions: h.open.open,
      overdueActions: h.open.overdue,
    };
  });
}

export type CalendarKind = 'audit' | 'audit_due' | 'review_due' | 'surveillance' | 'expiry' | 'action';

export interface CalendarItem {
  date: string;
  kind: CalendarKind;
  unitId: string;
  unitName: string;
  title: string;
  refId: string | null;
  /** Already past its date and still pending. */
  overdue: boolean;
  daysLeft: number;
}

/**
 * What falls due in the next 12 months (and what is already overdue): planned
 * audits, the yearly audit and review of maintaining units, surveillance
 * audits, certificate expiries and corrective-action due dates. Read with one
 * grouped query per table for all the units together.
 */
export function dueCalendar(ctx: ServiceContext, filter: { rootId?: string; unitId?: string } = {}): CalendarItem[] {
  const onDate = today(ctx);
  const until = addMonths(onDate, 12);
  const unitList = unitsIn(ctx, filter);
  const ids = unitList.map((u) => u.id);
  const planned = plannedAudits(ctx, ids);
  const { certs, decls, starts, inMaintenance, audits, reviews } = datedFacts(ctx, ids);
  const items: CalendarItem[] = [];
  const push = (date: string, kind: CalendarKind, unit: { id: string; name: string }, title: string, refId: string | null) => {
    if (date > until) return;
    items.push({ date, kind, unitId: unit.id, unitName: unit.name, title, refId, overdue: date < onDate, daysLeft: daysBetween(onDate, date) });
  };
  for (const u of unitList) {
    const plans = planned.get(u.id) ?? [];
    for (const a of plans) push(a.plannedStart, 'audit', u, a.title, a.id);
    if (inMaintenance.has(u.id)) {
      const lastAudit = audits.get(u.id)?.actualEnd;
      if (plans.length === 0) push(lastAudit ? addMonths(lastAudit, AUDIT_EVERY_MONTHS) : onDate, 'audit_due', u, '', null);
      const lastReview = reviews.get(u.id);
      push(lastReview ? addMonths(lastReview.reviewDate, REVIEW_EVERY_MONTHS) : onDate, 'review_due', u, '', lastReview?.id ?? null);
    }
    const cert = certs.get(u.id);
    if (cert && !replacedByDeclaration(cert, decls.get(u.id)?.decisionDate ?? null)) {
      if (cert.expiryDate >= onDate) {
        for (const slot of scheduleFrom(cert, starts.get(u.id) ?? [])) if (!slot.doneOn) push(slot.due, 'surveillance', u, cert.number, cert.id);
      }
      push(cert.expiryDate, 'expiry', u, cert.number, cert.id);
    }
  }
  for (const a of listActions(ctx, { status: 'not_closed', unitIds: ids })) push(a.dueDate, 'action', { id: a.unitId, name: a.unitName }, a.title, a.id);
  return items.sort((a, b) => a.date.localeCompare(b.date) || a.unitName.localeCompare(b.unitName));
}
