import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBundle, importBundle } from '../../../electron/services/exchange';
import { office, trust } from '../bundle/offices';
import { call, tempWorkspace } from '../../support/workspace';
import { district } from '../improvement/helpers';

const figure = (d: any, key: string) => d.figures.find((f: any) => f.key === key);
/** The rows behind a figure, as the dashboard's drawer asks for them. */
const rowsOf = async (router: any, key: string, scope: any, period: any) => (await call(router, 'figures.get', { key, scope, period })).rows;

describe('dashboard figures from the improvement and exchange areas', () => {
  it('counts open and overdue corrective actions in scope, with the actions behind them', async () => {
    const { router, unitId } = await district('2016-03-01');
    const finding = (due: string, description: string) => ({
      source: 'complaint',
      unitId,
      severity: 'minor',
      procedureCode: 'CSXH.05',
      description,
      foundDate: '2016-01-04',
      correctiveAction: { owner: 'Phạm Thị Lan', dueDate: due, openedDate: '2016-01-05' },
    });
    await call(router, 'findings.record', finding('2016-02-15', 'Trả kết quả chậm')); // overdue on 01/03/2016
    await call(router, 'findings.record', finding('2016-04-30', 'Thiếu sổ theo dõi')); // still in time
    const { action } = await call(router, 'findings.record', finding('2016-02-20', 'Hồ sơ sai mẫu'));
    await call(router, 'actions.setStatus', { id: action.id, status: 'in_progress' });
    await call(router, 'actions.setStatus', { id: action.id, status: 'done', doneDate: '2016-02-18' }); // closed: counts nowhere
    const d = await call(router, 'dashboard.get', { scope: { mode: 'subtree' }, period: { start: '2016-01-01', end: '2016-12-31' } });
    expect(figure(d, 'actions.open').value).toBe(2);
    expect(figure(d, 'actions.overdue').value).toBe(1);
    const year2016 = { start: '2016-01-01', end: '2016-12-31' };
    expect((await rowsOf(router, 'actions.overdue', { mode: 'subtree' }, year2016)).map((r: any) => [r.dueDate, r.unitId])).toEqual([['2016-02-15', unitId]]);
    expect((await rowsOf(router, 'actions.open', { mode: 'subtree' }, year2016)).map((r: any) => [r.dueDate, r.ageDays])).toEqual([
      ['2016-02-15', 56],
      ['2016-04-30', 56],
    ]);
    // Only this office: the district's actions are outside.
    const office = await call(router, 'dashboard.get', { scope: { mode: 'office' }, period: { start: '2016-01-01', end: '2016-12-31' } });
    expect(figure(office, 'actions.open').value).toBe(0);
  });

  it('lists the bundles sent and received in the period, newest first', async () => {
    const d = office('3101');
    const p = office('31');
    trust(p, d);
    const first = await exportBundle(d.ws, { output: join(d.dir, 'b1.zip') });
    await importBundle(p.ws, first.file);
    const year = { start: `${new Date().getFullYear()}-01-01`, end: `${new Date().getFullYear()}-12-31` };
    const atDistrict = await call(d.router, 'dashboard.get', { scope: { mode: 'office' }, period: year });
    expect(figure(atDistrict, 'bundles.sent').value).toBe(1);
    expect((await rowsOf(d.router, 'bundles.sent', { mode: 'office' }, year))[0].sequence).toBe(1);
    const atProvince = await call(p.router, 'dashboard.get', { scope: { mode: 'office' }, period: year });
    expect(figure(atProvince, 'bundles.received').value).toBe(1);
    expect((await rowsOf(p.router, 'bundles.received', { mode: 'office' }, year))[0].issuer).toBe('3101');
    const lastYear = await call(p.router, 'dashboard.get', { scope: { mode: 'office' }, period: { start: '2020-01-01', end: '2020-12-31' } });
    expect(figure(lastYear, 'bundles.received').value).toBe(0);
  });
});

describe('dashboard figures from the procedures area', () => {
  it('counts procedures applied in scope and legal changes folded in within 3 months', async () => {
    const { router } = tempWorkspace({ now: '2016-06-30T08:00:00Z', demo: true });
    const approve = async (code: string) => {
      const p = await call(router, 'procedures.create', { code, title: `Quy trình ${code}`, domain: 'thu', origin: 'province' });
      const v = await call(router, 'versions.createDraft', { procedureId: p.id });
      await call(router, 'versions.submit', { id: v.id });
      await call(router, 'versions.approve', { id: v.id, decisionNo: '10/QĐ-BHXH', decisionDate: '2016-01-10', signer: 'Giám đốc' });
      return { p, v };
    };
    const a = await approve('QT-THU-91');
    const b = await approve('QT-THU-92');
    await approve('QT-THU-93'); // approved, applied nowhere: not in scope
    const districts = (await call(router, 'units.list', { query: 'quan', type: 'district' })).slice(0, 3).map((u: any) => u.id);
    await call(router, 'adoption.applyToUnits', { versionId: a.v.id, unitIds: districts, since: '2016-02-01' });
    await call(router, 'adoption.applyToUnits', { versionId: b.v.id, unitIds: districts.slice(0, 1), since: '2016-02-01' });
    // Two legal changes in 2016: one folded in on time by a new version, one still open.
    const late = await call(router, 'legalChanges.record', { procedureId: a.p.id, reference: 'Nghị định 115/2015/NĐ-CP', effectiveDate: '2016-01-01' });
    await call(router, 'legalChanges.record', { procedureId: b.p.id, reference: 'Thông tư 59/2015/TT-BLĐTBXH', effectiveDate: '2016-05-01' });
    const v2 = await call(router, 'versions.createDraft', { procedureId: a.p.id, reason: 'legal_change', legalChangeId: late.id, summary: 'Cập nhật' });
    await call(router, 'versions.submit', { id: v2.id });
    await call(router, 'versions.approve', { id: v2.id, decisionNo: '30/QĐ-BHXH', decisionDate: '2016-03-15', signer: 'Giám đốc' });

    const d = await call(router, 'dashboard.get', { scope: { mode: 'subtree' }, period: { start: '2016-01-01', end: '2016-12-31' } });
    expect(figure(d, 'procedures.inScope').value).toBe(2);
    expect((await rowsOf(router, 'procedures.inScope', { mode: 'subtree' }, { start: '2016-01-01', end: '2016-12-31' })).map((r: any) => [r.code, r.units])).toEqual([
      ['QT-THU-91', 3],
      ['QT-THU-92', 1],
    ]);
    expect(figure(d, 'procedures.legalUpdates').value).toBe(2);
    expect(figure(d, 'procedures.legalUpdatesInTime').part).toEqual({ numerator: 1, denominator: 2 });
    expect(figure(d, 'procedures.legalUpdatesInTime').value).toBe(50);
    expect(d.missingAreas).toEqual([]);
  });
});

describe('year-end scoring from the improvement records', () => {
  it('scores audit-and-review held and corrective actions closed in time, with evidence', async () => {
    const { ws, router, unitId } = await district('2016-12-30');
    const { auditReviewHeld, actionsClosedInTime } = await import('../../../electron/services/reports/scoring/improvement-metrics');
    const finding = (due: string) => ({
      source: 'complaint',
      unitId,
      severity: 'minor',
      procedureCode: 'CSXH.05',
      description: 'Trả kết quả chậm',
      foundDate: '2016-01-04',
      correctiveAction: { owner: 'Phạm Thị Lan', dueDate: due, openedDate: '2016-01-05' },
    });
    const { action: onTime } = await call(router, 'findings.record', finding('2016-03-01'));
    await call(router, 'findings.record', finding('2016-04-01')); // never done
    await call(router, 'actions.setStatus', { id: onTime.id, status: 'in_progress' });
    await call(router, 'actions.setStatus', { id: onTime.id, status: 'done', doneDate: '2016-02-20' });
    let held = auditReviewHeld.evaluate(ws, [unitId], 2016).get(unitId)!;
    expect(held.value).toBe(0);
    await call(router, 'reviews.record', { unitId, reviewDate: '2016-12-20', chair: 'Nguyễn Văn An' });
    held = auditReviewHeld.evaluate(ws, [unitId], 2016).get(unitId)!;
    expect(held).toEqual({ value: 0.5, evidence: 'Chưa đánh giá nội bộ; xem xét của lãnh đạo ngày 20/12/2016' });
    expect(auditReviewHeld.evaluate(ws, [unitId], 2015).get(unitId)!.value).toBe(0);
    expect(actionsClosedInTime.evaluate(ws, [unitId], 2016).get(unitId)).toEqual({ value: 0.5, evidence: '1/2 hành động đến hạn trong năm hoàn thành đúng hạn' });
    expect(actionsClosedInTime.evaluate(ws, [unitId], 2015).get(unitId)!.value).toBeNull();
  });
});
