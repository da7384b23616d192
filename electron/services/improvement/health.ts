import { addMonths, daysBetween } from '../../common/dates';
import type { ServiceContext } from '../context';
import { today } from '../rules';
import { stepsOf } from '../units/steps';
import { getUnit, listUnits, subtreeIds } from '../units/units';
import { actionAging, isClosed, listActions } from './actions';
import { listAudits } from './audits';
import {
  alertsFrom,
  type CertificateAlert,
  certificateAlerts,
  certificatesOf,
  declarationsOf,
  redeclarationState,
  replacedByDeclaration,
  scheduleFrom,
  undeclaredCodes,
} from './certification';
import {
  lastAuditEnds,
  latestCertificates,
  latestDeclarations,
  latestReviews,
  maintainingUnits,
  objectiveCounts,
  openActionCounts,
  plannedAudits,
  surveillanceStarts,
} from './facts';
import { scopeOfUnits } from './ports';
import { yearOf } from './common';
import { objectivesOf, policyOf } from './objectives';
import { derivedStepStatus } from './rollout';
import { reviewsOf } from './reviews';

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

/** Whether the unit is in maintenance (step 3 done): only then are yearly audits and reviews required. */
export function maintaining(ctx: ServiceContext, unitId: string): boolean {
  return stepsOf(ctx, unitId).some((s) => s.step === 3 && s.status === 'done');
}

/** What a unit's health is judged on, however it was read (one unit, or many at once). */
export interface HealthInputs {
  alerts: CertificateAlert[];
  /** Codes in the scope the last declaration does not cover. */
  undeclared: number;
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

/**
 * A unit's health: certificate or declaration state, last audit and review,
 * open and overdue actions, this year's objectives, and the issues that need
 * attention.
 */
export function unitHealth(ctx: ServiceContext, unitId: string) {
  const unit = getUnit(ctx, unitId);
  const onDate = today(ctx);
  const year = yearOf(onDate);
  const certificate = certificatesOf(ctx, unitId).at(-1) ?? null;
  const declaration = declarationsOf(ctx, unitId).at(-1) ?? null;
  const alerts = certificateAlerts(ctx, unitId, onDate);
  const redeclaration = redeclarationState(ctx, unitId);
  const audits = listAudits(ctx, { unitId });
  const lastAudit = audits.filter((a) => a.status === 'done').sort((a, b) => (a.actualEnd ?? '').localeCompare(b.actualEnd ?? '')).at(-1) ?? null;
  const nextAudit = audits.find((a) => a.status === 'planned') ?? null;
  const lastReview = reviewsOf(ctx, unitId).at(-1) ?? null;
  const actions = listActions(ctx, { unitId });
  const aging = actionAging(actions);
  const objectives = objectivesOf(ctx, unitId, year);
  const { status, issues } = healthIssues(
    {
      alerts,
      undeclared: redeclaration.newCodes.length,
      maintaining: maintaining(ctx, unitId),
      lastAuditEnd: lastAudit?.actualEnd ?? null,
      lastReviewDate: lastReview?.reviewDate ?? null,
      objectives: objectives.length,
      openActions: aging.open,
      overdueActions: aging.overdue,
    },
    onDate,
  );
  return {
    unit,
    status,
    issues,
    certificate,
    declaration,
    alerts,
    redeclaration,
    lastAudit,
    nextAudit,
    lastReview: lastReview ? { id: lastReview.id, reviewDate: lastReview.reviewDate, chair: lastReview.chair } : null,
    aging,
    actions: actions.filter((a) => !isClosed(a.status)),
    policy: policyOf(ctx, unitId),
    objectives: {
      year,
      total: objectives.length,
      achieved: objectives.filter((o) => o.achieved === true).length,
      notAchieved: objectives.filter((o) => o.achieved === false).length,
      list: objectives,
    },
    steps: stepsOf(ctx, unitId).filter((s) => s.step >= 3),
    derived: derivedStepStatus(ctx, unitId),
  };
}

/** Active units (not headquarters) of a subtree, or of one unit, or all; in code order. */
function unitsIn(ctx: ServiceContext, filter: { rootId?: string; unitId?: string }) {
  const ids = filter.unitId ? new Set([filter.unitId]) : filter.rootId ? new Set(subtreeIds(ctx, filter.rootId)) : null;
  return listUnits(ctx).filter((u) => u.type !== 'hq' && (!ids || ids.has(u.id)));
}

/**
 * The health of every active unit (not headquarters) in a subtree, judged
 * exactly as each unit's own page judges it, but read with one grouped query
 * per table for all the units together.
 */
export function healthOverview(ctx: ServiceContext, rootId?: string) {
  const onDate = today(ctx);
  const list = unitsIn(ctx, { rootId });
  const ids = list.map((u) => u.id);
  const certs = latestCertificates(ctx, ids);
  const decls = latestDeclarations(ctx, ids);
  const starts = surveillanceStarts(ctx, ids);
  const inMaintenance = maintainingUnits(ctx, ids);
  const audits = lastAuditEnds(ctx, ids);
  const reviews = latestReviews(ctx, ids);
  const objectives = objectiveCounts(ctx, ids, yearOf(onDate));
  const actions = openActionCounts(ctx, ids, onDate);
  const scopes = scopeOfUnits(ctx, [...decls.keys()]);
  return list.map((u) => {
    const cert = certs.get(u.id) ?? null;
    const decl = decls.get(u.id) ?? null;
    const open = actions.get(u.id) ?? { open: 0, overdue: 0 };
    const lastAudit = audits.get(u.id) ?? null;
    const lastReview = reviews.get(u.id)?.reviewDate ?? null;
    const { status, issues } = healthIssues(
      {
        alerts: alertsFrom(cert, decl?.decisionDate ?? null, starts.get(u.id) ?? [], onDate),
        undeclared: decl ? undeclaredCodes(decl.scope, scopes.get(u.id) ?? []).length : 0,
        maintaining: inMaintenance.has(u.id),
        lastAuditEnd: lastAudit,
        lastReviewDate: lastReview,
        objectives: objectives.get(u.id) ?? 0,
        openActions: open.open,
        overdueActions: open.overdue,
      },
      onDate,
    );
    return {
      unitId: u.id,
      code: u.code,
      name: u.name,
      parentName: u.parentName,
      status,
      issues,
      mode: decl ? ('declaration' as const) : cert ? ('certificate' as const) : ('none' as const),
      lastAudit,
      lastReview,
      openActions: open.open,
      overdueActions: open.overdue,
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
  const inMaintenance = maintainingUnits(ctx, ids);
  const audits = lastAuditEnds(ctx, ids);
  const reviews = latestReviews(ctx, ids);
  const certs = latestCertificates(ctx, ids);
  const decls = latestDeclarations(ctx, ids);
  const starts = surveillanceStarts(ctx, ids);
  const items: CalendarItem[] = [];
  const push = (date: string, kind: CalendarKind, unit: { id: string; name: string }, title: string, refId: string | null) => {
    if (date > until) return;
    items.push({ date, kind, unitId: unit.id, unitName: unit.name, title, refId, overdue: date < onDate, daysLeft: daysBetween(onDate, date) });
  };
  for (const u of unitList) {
    const plans = planned.get(u.id) ?? [];
    for (const a of plans) push(a.plannedStart, 'audit', u, a.title, a.id);
    if (inMaintenance.has(u.id)) {
      const lastAudit = audits.get(u.id);
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
  const allowed = new Set(ids);
  for (const a of listActions(ctx, { status: 'not_closed', unitId: filter.unitId, rootId: filter.unitId ? undefined : filter.rootId })) {
    if (allowed.has(a.unitId)) push(a.dueDate, 'action', { id: a.unitId, name: a.unitName }, a.title, a.id);
  }
  return items.sort((a, b) => a.date.localeCompare(b.date) || a.unitName.localeCompare(b.unitName));
}
