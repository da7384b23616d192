import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween } from '../../../electron/common/dates';
import type { ServiceContext } from '../../../electron/services/context';
import { actionAging, listActions } from '../../../electron/services/improvement/actions';
import { listAudits } from '../../../electron/services/improvement/audits';
import { assessmentsOf, certificatesOf, certificationOf, declarationsOf, scheduleFrom } from '../../../electron/services/improvement/certification';
import { type CalendarItem, healthIssues } from '../../../electron/services/improvement/health';
import { objectivesOf } from '../../../electron/services/improvement/objectives';
import { reviewsOf } from '../../../electron/services/improvement/reviews';
import { today } from '../../../electron/services/rules';
import { stepsOf } from '../../../electron/services/units/steps';
import { listUnits, subtreeIds } from '../../../electron/services/units/units';
import { call } from '../../support/workspace';
import { district, lead, stepsOneTwoDone } from './helpers';

/**
 * The calendar as it was computed before the grouped queries: unit by unit,
 * through each unit's own lists. Kept here as the reference the grouped
 * version must match.
 */
function calendarUnitByUnit(ctx: ServiceContext, filter: { rootId?: string; unitId?: string }): CalendarItem[] {
  const onDate = today(ctx);
  const until = addMonths(onDate, 12);
  const ids = filter.unitId ? [filter.unitId] : filter.rootId ? subtreeIds(ctx, filter.rootId) : null;
  const unitList = listUnits(ctx).filter((u) => u.type !== 'hq' && (!ids || ids.includes(u.id)));
  const items: CalendarItem[] = [];
  const push = (date: string, kind: CalendarItem['kind'], unit: { id: string; name: string }, title: string, refId: string | null) => {
    if (date > until) return;
    items.push({ date, kind, unitId: unit.id, unitName: unit.name, title, refId, overdue: date < onDate, daysLeft: daysBetween(onDate, date) });
  };
  for (const u of unitList) {
    const audits = listAudits(ctx, { unitId: u.id });
    for (const a of audits.filter((x) => x.status === 'planned')) push(a.plannedStart, 'audit', u, a.title, a.id);
    if (stepsOf(ctx, u.id).some((s) => s.step === 3 && s.status === 'done')) {
      const lastAudit = audits.filter((a) => a.status === 'done' && a.actualEnd).map((a) => a.actualEnd!).sort().at(-1);
      if (!audits.some((a) => a.status === 'planned')) push(lastAudit ? addMonths(lastAudit, 12) : onDate, 'audit_due', u, '', null);
      const lastReview = reviewsOf(ctx, u.id).at(-1);
      push(lastReview ? addMonths(lastReview.reviewDate, 12) : onDate, 'review_due', u, '', lastReview?.id ?? null);
    }
    const cert = certificatesOf(ctx, u.id).at(-1);
    if (cert && !declarationsOf(ctx, u.id).some((d) => d.decisionDate >= cert.issueDate)) {
      if (cert.expiryDate >= onDate) {
        const starts = assessmentsOf(ctx, u.id).filter((a) => a.kind === 'surveillance').map((a) => a.startDate);
        for (const slot of scheduleFrom(cert, starts)) if (!slot.doneOn) push(slot.due, 'surveillance', u, cert.number, cert.id);
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

/**
 * A unit's health as it was judged before the grouped queries: through the
 * unit's own lists (its certification page, audits, reviews, actions and
 * objectives). Kept here as the reference the grouped reads must match.
 */
function healthThroughLists(ctx: ServiceContext, unitId: string) {
  const onDate = today(ctx);
  const c = certificationOf(ctx, unitId);
  const lastAudit = listAudits(ctx, { unitId }).filter((a) => a.status === 'done').sort((a, b) => (a.actualEnd ?? '').localeCompare(b.actualEnd ?? '')).at(-1);
  const aging = actionAging(listActions(ctx, { unitId }));
  return healthIssues(
    {
      alerts: c.alerts,
      undeclared: c.redeclaration.newCodes.length,
      maintaining: stepsOf(ctx, unitId).some((s) => s.step === 3 && s.status === 'done'),
      lastAuditEnd: lastAudit?.actualEnd ?? null,
      lastReviewDate: reviewsOf(ctx, unitId).at(-1)?.reviewDate ?? null,
      objectives: objectivesOf(ctx, unitId, Number(onDate.slice(0, 4))).length,
      openActions: aging.open,
      overdueActions: aging.overdue,
    },
    onDate,
  );
}

/**
 * Hải Phòng with eight districts, each in a different state, and Đà Nẵng with
 * one district outside the subtree, on 1 March 2016.
 */
async function province() {
  const t = await district('2016-03-01');
  const { router, province: hp } = t;
  const add = async (code: string, name: string, parentId = hp.id, type = 'district') =>
    (await call(router, 'units.create', { code, name, type, parentId })).id as string;
  const cert = (unitId: string, number: string, issueDate: string) =>
    call(router, 'certificates.record', { unitId, number, issuer: 'QUACERT', standard: '2008', scope: ['THU'], issueDate });
  const surveillance = (unitId: string, startDate: string) => call(router, 'assessments.record', { unitId, kind: 'surveillance', startDate });
  const complaint = (unitId: string, dueDate: string) =>
    call(router, 'findings.record', {
      source: 'complaint', unitId, severity: 'minor', procedureCode: 'THU.02', description: 'Sai mẫu biểu', foundDate: '2016-01-05',
      correctiveAction: { owner: 'Lan', dueDate, openedDate: '2016-01-05' },
    });

  const expired = t.unitId; // 3102
  await cert(expired, 'HT-EXP', '2013-01-10');
  await surveillance(expired, '2014-01-05');
  await surveillance(expired, '2015-01-05');

  const expiring = await add('3103', 'BHXH quận Lê Chân');
  await cert(expiring, 'HT-SOON', '2013-04-01');
  await surveillance(expiring, '2014-03-20');
  await surveillance(expiring, '2015-03-25');

  const surveillanceDue = await add('3104', 'BHXH quận Hải An');
  await cert(surveillanceDue, 'HT-DUE', '2014-05-01');
  await surveillance(surveillanceDue, '2015-04-20');

  const surveillanceMissed = await add('3105', 'BHXH quận Kiến An');
  await cert(surveillanceMissed, 'HT-MISS', '2014-01-10');
  await complaint(surveillanceMissed, '2016-06-30');

  const redeclare = await add('3106', 'BHXH quận Hồng Bàng');
  await stepsOneTwoDone(router, redeclare);
  await call(router, 'scopeCodes.add', { unitId: redeclare, code: 'THU', addedDate: '2014-12-01' });
  await call(router, 'declarations.record', { unitId: redeclare, decisionNo: '12/QĐ-BHXH', decisionDate: '2015-01-15', standard: '2008', scope: ['THU'] });
  await call(router, 'scopeCodes.add', { unitId: redeclare, code: 'CHI.02', addedDate: '2015-06-01' });
  const audit = await call(router, 'audits.plan', { unitId: redeclare, title: 'ĐGNB 2015', plannedStart: '2015-09-01', clauses: ['8.2.2'], team: [lead()] });
  await call(router, 'audits.update', { id: audit.id, actualStart: '2015-09-01', actualEnd: '2015-09-03', status: 'done' });
  await call(router, 'reviews.record', {
    unitId: redeclare, reviewDate: '2015-12-20', chair: 'Nguyễn Văn An',
    decisions: [{ title: 'Bổ sung mẫu biểu', owner: 'Phòng Thu', dueDate: '2016-01-31' }],
  });
  await call(router, 'objectives.create', { unitId: redeclare, year: 2016, title: 'Đúng hẹn', target: '100%' });

  const lapsed = await add('3107', 'BHXH huyện An Dương');
  await stepsOneTwoDone(router, lapsed);
  await call(router, 'declarations.record', { unitId: lapsed, decisionNo: '30/QĐ-BHXH', decisionDate: '2014-06-01', standard: '2008', scope: ['THU'] });
  await call(router, 'audits.plan', { unitId: lapsed, title: 'ĐGNB 2016', plannedStart: '2016-05-01', clauses: ['9.2'], team: [lead()] });
  // Two reviews on the same day: both paths must pick the same one as the latest.
  await call(router, 'reviews.record', { unitId: lapsed, reviewDate: '2014-11-20', chair: 'A' });
  await call(router, 'reviews.record', { unitId: lapsed, reviewDate: '2014-11-20', chair: 'B' });

  const replaced = await add('3108', 'BHXH huyện An Lão');
  await cert(replaced, 'HT-OLD', '2012-03-01');
  await call(router, 'declarations.record', { unitId: replaced, decisionNo: '44/QĐ-BHXH', decisionDate: '2014-09-01', standard: '2015', scope: ['THU'] });

  const quiet = await add('3109', 'BHXH huyện Vĩnh Bảo');

  const [hq] = await call(router, 'units.list', { type: 'hq' });
  const danang = await add('48', 'BHXH thành phố Đà Nẵng', hq.id, 'province');
  const haichau = await add('4801', 'BHXH quận Hải Châu', danang);
  await cert(haichau, 'HT-DN', '2013-06-01');
  await complaint(haichau, '2016-02-01');

  return { ...t, hp, units: { expired, expiring, surveillanceDue, surveillanceMissed, redeclare, lapsed, replaced, quiet }, danang, haichau };
}

/** The overview row a unit's own health page implies. */
async function rowFromUnitPage(router: any, unitId: string) {
  const h = await call(router, 'health.get', { unitId });
  return {
    unitId,
    code: h.unit.code,
    name: h.unit.name,
    status: h.status,
    issues: h.issues,
    mode: h.declaration ? 'declaration' : h.certificate ? 'certificate' : 'none',
    lastAudit: h.lastAudit?.actualEnd ?? null,
    lastReview: h.lastReview?.reviewDate ?? null,
    openActions: h.aging.open,
    overdueActions: h.aging.overdue,
  };
}

describe('health overview and calendar, read with grouped queries for the whole subtree', () => {
  it('gives every unit of a subtree exactly the health its own page gives, and leaves out other provinces', async () => {
    const { ws, router, hp, units, haichau } = await province();
    const overview = await call(router, 'health.overview', { rootId: hp.id });
    expect(overview.map((r: any) => r.code)).toEqual(['31', '3102', '3103', '3104', '3105', '3106', '3107', '3108', '3109']);
    expect(overview.some((r: any) => r.unitId === haichau)).toBe(false);
    for (const row of overview) {
      const { parentName, ...rest } = row;
      expect(rest, row.name).toEqual(await rowFromUnitPage(router, row.unitId));
      expect({ status: row.status, issues: row.issues }, row.name).toEqual(healthThroughLists(ws, row.unitId));
    }
    // The states are varied enough for the comparison to mean something.
    const codes = (unitId: string) => overview.find((r: any) => r.unitId === unitId).issues.map((i: any) => i.code);
    expect(codes(units.expired)).toEqual(['cert_expired']);
    expect(codes(units.expiring)).toEqual(['cert_expiring']);
    expect(codes(units.surveillanceDue)).toEqual(['surveillance_due']);
    expect(codes(units.surveillanceMissed)).toEqual(['surveillance_missed', 'surveillance_missed', 'actions_open']); // 2015 and 2016
    expect(codes(units.redeclare)).toEqual(['redeclaration_needed', 'actions_overdue']);
    expect(codes(units.lapsed)).toEqual(['audit_overdue', 'review_overdue', 'objectives_missing']);
    expect(codes(units.replaced)).toEqual([]);
    expect(codes(units.quiet)).toEqual([]);
    expect(overview.find((r: any) => r.unitId === units.replaced).mode).toBe('declaration');
    expect(overview.find((r: any) => r.unitId === units.redeclare)).toMatchObject({ lastAudit: '2015-09-03', lastReview: '2015-12-20', openActions: 1, overdueActions: 1 });
  });

  it('gives the whole nation, including the other province, the same health as each unit page', async () => {
    const { ws, router, haichau } = await province();
    const overview = await call(router, 'health.overview', {});
    expect(overview).toHaveLength(11);
    for (const row of overview) {
      const { parentName, ...rest } = row;
      expect(rest, row.name).toEqual(await rowFromUnitPage(router, row.unitId));
      expect({ status: row.status, issues: row.issues }, row.name).toEqual(healthThroughLists(ws, row.unitId));
    }
    expect(overview.find((r: any) => r.unitId === haichau)).toMatchObject({ status: 'critical', parentName: 'BHXH thành phố Đà Nẵng', overdueActions: 1 });
  });

  it('lists the same calendar as reading unit by unit, for a subtree, each unit and the whole nation', async () => {
    const { ws, router, hp, units, danang } = await province();
    const subtree = await call(router, 'calendar.get', { rootId: hp.id });
    expect(subtree).toEqual(calendarUnitByUnit(ws, { rootId: hp.id }));
    expect(new Set(subtree.map((i: any) => i.kind))).toEqual(new Set(['audit', 'audit_due', 'review_due', 'surveillance', 'expiry', 'action']));
    for (const unitId of Object.values(units)) {
      expect(await call(router, 'calendar.get', { unitId })).toEqual(calendarUnitByUnit(ws, { unitId }));
    }
    expect(await call(router, 'calendar.get', { rootId: danang })).toEqual(calendarUnitByUnit(ws, { rootId: danang }));
    expect(await call(router, 'calendar.get', {})).toEqual(calendarUnitByUnit(ws, {}));
    const lapsedReview = subtree.find((i: any) => i.unitId === units.lapsed && i.kind === 'review_due');
    expect(lapsedReview).toMatchObject({ date: '2015-11-20', overdue: true });
  });
});
