import { addMonths, daysBetween } from '../../common/dates';
import type { ServiceContext } from '../context';
import { today } from '../rules';
import { stepsOf } from '../units/steps';
import { getUnit, listUnits, subtreeIds } from '../units/units';
import { actionAging, isClosed, listActions } from './actions';
import { listAudits } from './audits';
import { certificateAlerts, certificatesOf, declarationsOf, redeclarationState, surveillanceSchedule } from './certification';
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
function maintaining(ctx: ServiceContext, unitId: string): boolean {
  return stepsOf(ctx, unitId).some((s) => s.step === 3 && s.status === 'done');
}

/**
 * A unit's health: certificate or declaration state, last audit and review,
 * open and overdue actions, this year's objectives, and the issues that need
 * attention. Critical: an expired certificate, a missed surveillance audit,
 * an overdue action, or no audit/review for over a year while maintaining.
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
  const issues: HealthIssue[] = [];
  for (const a of alerts) {
    const code = a.kind === 'expired' ? 'cert_expired' : a.kind === 'expiring' ? 'cert_expiring' : a.kind;
    issues.push({ level: a.kind === 'expired' || a.kind === 'surveillance_missed' ? 'critical' : 'warning', code, date: a.date });
  }
  if (redeclaration.required) issues.push({ level: 'warning', code: 'redeclaration_needed', count: redeclaration.newCodes.length });
  if (maintaining(ctx, unitId)) {
    const auditDue = lastAudit?.actualEnd ? addMonths(lastAudit.actualEnd, AUDIT_EVERY_MONTHS) : null;
    if (!auditDue || auditDue < onDate) issues.push({ level: 'critical', code: 'audit_overdue', date: auditDue ?? undefined });
    const reviewDue = lastReview ? addMonths(lastReview.reviewDate, REVIEW_EVERY_MONTHS) : null;
    if (!reviewDue || reviewDue < onDate) issues.push({ level: 'critical', code: 'review_overdue', date: reviewDue ?? undefined });
    if (objectives.length === 0) issues.push({ level: 'warning', code: 'objectives_missing' });
  }
  if (aging.overdue) issues.push({ level: 'critical', code: 'actions_overdue', count: aging.overdue });
  if (aging.open - aging.overdue > 0) issues.push({ level: 'warning', code: 'actions_open', count: aging.open - aging.overdue });
  const status: 'good' | 'attention' | 'critical' = issues.some((i) => i.level === 'critical')
    ? 'critical'
    : issues.length
      ? 'attention'
      : 'good';
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

/** The health status of every active unit (not headquarters) in a subtree. */
export function healthOverview(ctx: ServiceContext, rootId?: string) {
  const allowed = rootId ? new Set(subtreeIds(ctx, rootId)) : null;
  return listUnits(ctx)
    .filter((u) => u.type !== 'hq' && (!allowed || allowed.has(u.id)))
    .map((u) => {
      const h = unitHealth(ctx, u.id);
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
        openActions: h.aging.open,
        overdueActions: h.aging.overdue,
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
 * audits, certificate expiries and corrective-action due dates.
 */
export function dueCalendar(ctx: ServiceContext, filter: { rootId?: string; unitId?: string } = {}): CalendarItem[] {
  const onDate = today(ctx);
  const until = addMonths(onDate, 12);
  const ids = filter.unitId ? [filter.unitId] : filter.rootId ? subtreeIds(ctx, filter.rootId) : null;
  const unitList = listUnits(ctx).filter((u) => u.type !== 'hq' && (!ids || ids.includes(u.id)));
  const items: CalendarItem[] = [];
  const push = (date: string, kind: CalendarKind, unit: { id: string; name: string }, title: string, refId: string | null) => {
    if (date > until) return;
    items.push({ date, kind, unitId: unit.id, unitName: unit.name, title, refId, overdue: date < onDate, daysLeft: daysBetween(onDate, date) });
  };
  for (const u of unitList) {
    const audits = listAudits(ctx, { unitId: u.id });
    for (const a of audits.filter((x) => x.status === 'planned')) push(a.plannedStart, 'audit', u, a.title, a.id);
    if (maintaining(ctx, u.id)) {
      const lastAudit = audits.filter((a) => a.status === 'done' && a.actualEnd).map((a) => a.actualEnd!).sort().at(-1);
      if (!audits.some((a) => a.status === 'planned')) {
        push(lastAudit ? addMonths(lastAudit, AUDIT_EVERY_MONTHS) : onDate, 'audit_due', u, '', null);
      }
      const lastReview = reviewsOf(ctx, u.id).at(-1);
      push(lastReview ? addMonths(lastReview.reviewDate, REVIEW_EVERY_MONTHS) : onDate, 'review_due', u, '', lastReview?.id ?? null);
    }
    const cert = certificatesOf(ctx, u.id).at(-1);
    if (cert && !declarationsOf(ctx, u.id).some((d) => d.decisionDate >= cert.issueDate)) {
      if (cert.expiryDate >= onDate) {
        for (const slot of surveillanceSchedule(ctx, cert)) if (!slot.doneOn) push(slot.due, 'surveillance', u, cert.number, cert.id);
      }
      push(cert.expiryDate, 'expiry', u, cert.number, cert.id);
    }
  }
  const allowed = new Set(unitList.map((u) => u.id));
  for (const a of listActions(ctx, { status: 'not_closed' })) {
    if (allowed.has(a.unitId)) push(a.dueDate, 'action', { id: a.unitId, name: a.unitName }, a.title, a.id);
  }
  return items.sort((a, b) => a.date.localeCompare(b.date) || a.unitName.localeCompare(b.unitName));
}
