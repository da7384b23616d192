import { describe, expect, it } from 'vitest';
import { call } from '../../support/workspace';
import { district, lead, stepsOneTwoDone } from './helpers';

describe('unit health and the calendar of what is due', () => {
  it('moves from good to attention with an open action, critical when overdue, good again once closed', async () => {
    const { router, unitId } = await district('2016-03-01');
    expect((await call(router, 'health.get', { unitId })).status).toBe('good');
    const { action } = await call(router, 'findings.record', {
      source: 'complaint', unitId, severity: 'minor', procedureCode: 'THU.02', description: 'Sai mẫu biểu', foundDate: '2016-02-01',
      correctiveAction: { owner: 'Lan', dueDate: '2016-03-15', openedDate: '2016-02-01' },
    });
    let h = await call(router, 'health.get', { unitId });
    expect(h.status).toBe('attention');
    expect(h.issues).toEqual([{ level: 'warning', code: 'actions_open', count: 1 }]);
    await call(router, 'actions.update', { id: action.id, dueDate: '2016-02-20' });
    h = await call(router, 'health.get', { unitId });
    expect(h.status).toBe('critical');
    expect(h.issues).toEqual([{ level: 'critical', code: 'actions_overdue', count: 1 }]);
    await call(router, 'actions.setStatus', { id: action.id, status: 'done', doneDate: '2016-02-28' });
    h = await call(router, 'health.get', { unitId });
    expect(h.status).toBe('good');
    expect(h.aging.awaitingVerification).toBe(1);
  });

  it('requires a yearly audit and review once the unit has declared, and lists what falls due in 12 months', async () => {
    const { router, unitId, province } = await district('2016-03-01');
    await stepsOneTwoDone(router, unitId);
    await call(router, 'declarations.record', { unitId, decisionNo: '12/QĐ-BHXH', decisionDate: '2015-01-15', standard: '2008', scope: ['THU'] });
    let h = await call(router, 'health.get', { unitId });
    expect(h.issues.map((i: any) => i.code)).toEqual(['audit_overdue', 'review_overdue', 'objectives_missing']);
    const audit = await call(router, 'audits.plan', { unitId, title: 'ĐGNB 2015', plannedStart: '2015-09-01', clauses: ['8.2.2'], team: [lead()] });
    await call(router, 'audits.update', { id: audit.id, actualStart: '2015-09-01', actualEnd: '2015-09-03', status: 'done' });
    await call(router, 'reviews.record', { unitId, reviewDate: '2015-12-20', chair: 'Nguyễn Văn An' });
    await call(router, 'objectives.create', { unitId, year: 2016, title: 'Đúng hẹn', target: '100%' });
    await call(router, 'audits.plan', { unitId, title: 'ĐGNB 2016', plannedStart: '2016-08-15', clauses: ['8.2.2'], team: [lead()] });
    h = await call(router, 'health.get', { unitId });
    expect(h.status).toBe('good');
    expect(h.lastAudit.actualEnd).toBe('2015-09-03');
    expect(h.nextAudit.title).toBe('ĐGNB 2016');

    const cal = await call(router, 'calendar.get', { rootId: province.id });
    expect(cal.map((i: any) => [i.kind, i.date])).toEqual([
      ['audit', '2016-08-15'],
      ['review_due', '2016-12-20'],
    ]);
    const overview = await call(router, 'health.overview', { rootId: province.id });
    expect(overview.find((r: any) => r.unitId === unitId)).toMatchObject({ status: 'good', mode: 'declaration', lastAudit: '2015-09-03' });
  });

  it('shows surveillance, expiry and action due dates in the calendar, and past-due items as overdue', async () => {
    const { router, unitId } = await district('2013-06-01');
    await call(router, 'certificates.record', { unitId, number: 'HT-1', issuer: 'QUACERT', standard: '2008', scope: ['THU'], issueDate: '2012-05-20' });
    await call(router, 'findings.record', {
      source: 'complaint', unitId, severity: 'major', clause: '8.5.2', description: 'X', foundDate: '2013-05-01',
      correctiveAction: { owner: 'Lan', dueDate: '2013-05-25', openedDate: '2013-05-01' },
    });
    const cal = await call(router, 'calendar.get', { unitId });
    expect(cal.map((i: any) => [i.kind, i.date, i.overdue])).toEqual([
      ['surveillance', '2013-05-20', true],
      ['action', '2013-05-25', true],
      ['surveillance', '2014-05-20', false],
    ]);
    expect((await call(router, 'health.get', { unitId })).issues.map((i: any) => i.code)).toEqual(['surveillance_missed', 'actions_overdue']);
  });
});
