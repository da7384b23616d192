import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBundle, importBundle } from '../../../electron/services/exchange';
import { office, trust } from '../bundle/offices';
import { call } from '../../support/workspace';
import { district } from '../improvement/helpers';

const figure = (d: any, key: string) => d.figures.find((f: any) => f.key === key);

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
    expect(figure(d, 'actions.overdue').rows.map((r: any) => [r.dueDate, r.unitId])).toEqual([['2016-02-15', unitId]]);
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
    expect(figure(atDistrict, 'bundles.sent').rows[0].sequence).toBe(1);
    const atProvince = await call(p.router, 'dashboard.get', { scope: { mode: 'office' }, period: year });
    expect(figure(atProvince, 'bundles.received').value).toBe(1);
    expect(figure(atProvince, 'bundles.received').rows[0].issuer).toBe('3101');
    const lastYear = await call(p.router, 'dashboard.get', { scope: { mode: 'office' }, period: { start: '2020-01-01', end: '2020-12-31' } });
    expect(figure(lastYear, 'bundles.received').value).toBe(0);
  });
});
