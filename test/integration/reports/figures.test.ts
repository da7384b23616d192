import { describe, expect, it } from 'vitest';
import { call } from '../../support/workspace';
import { reportsFixture, YEAR_2025 } from './fixture';

const value = (figs: any[], key: string) => figs.find((f) => f.key === key);

/** Story: the secretary sees where every unit stands, and each number opens the list behind it. */
describe('figures from known data', () => {
  it('counts the province and its five districts for 2025 exactly', async () => {
    const { router } = await reportsFixture();
    const d = await call(router, 'dashboard.get', { scope: { mode: 'subtree' }, period: YEAR_2025 });
    // The dashboard receives numbers; the rows behind a figure come from figures.get.
    const rows = async (key: string) => (await call(router, 'figures.get', { key, scope: { mode: 'subtree' }, period: YEAR_2025 })).rows;
    expect(d.asOf).toBe('2025-12-31');
    expect(d.unitCount).toBe(6);
    const f = d.figures;
    expect(value(f, 'units.inScope').value).toBe(6);
    expect(value(f, 'units.withTeam').value).toBe(1);
    const byStep = value(f, 'steps.byStep');
    expect(Object.fromEntries(byStep.slices.map((s: any) => [s.key, s.value]))).toEqual({ '1': 1, '2': 1, '3': 1, '4': 3, '5': 0 });
    expect((await rows('steps.byStep')).find((r: any) => r.code === '3103').currentStep).toBe('Bước 2 – Áp dụng');
    expect(value(f, 'steps.declared').value).toBe(3);
    expect((await rows('steps.declared')).map((r: any) => [r.code, r.declaredOn])).toEqual([
      ['31', '2025-09-10'],
      ['3101', '2025-10-15'],
      ['3105', '2024-09-01'],
    ]);
    const share = value(f, 'steps.declaredShare');
    expect(share.value).toBe(50);
    expect(share.part).toEqual({ numerator: 3, denominator: 6 });
    expect(value(f, 'steps.declaredInPeriod').value).toBe(2);
    expect(value(f, 'steps.completedInPeriod').value).toBe(9);
    const behind = value(f, 'steps.behindPlan');
    expect(behind.value).toBe(2);
    expect((await rows('steps.behindPlan')).map((r: any) => [r.code, r.plannedEnd, r.daysLate])).toEqual([
      ['3102', '2025-09-30', 92],
      ['3103', '2025-06-30', 184],
    ]);
    expect(behind.slices.find((s: any) => s.key === 'north').value).toBe(2);
    // Due within 90 days of today (15/02/2026): step 4 of the four units planned to 31/03/2026.
    const due = value(f, 'steps.dueSoon');
    expect(due.value).toBe(4);
    expect((await rows('steps.dueSoon')).map((r: any) => r.code).sort()).toEqual(['31', '3101', '3102', '3103']);
    // The dashboard lists the first steps falling due beside the number, and carries no other rows.
    expect(due.preview.map((r: any) => r.code)).toEqual((await rows('steps.dueSoon')).map((r: any) => r.code));
    expect(due.preview[0].daysLeft).toBe(44);
    expect(f.filter((x: any) => 'rows' in x || 'columns' in x)).toEqual([]);
    expect(f.filter((x: any) => x.preview).map((x: any) => x.key)).toEqual(['steps.dueSoon']);
    const waves = value(f, 'waves.behindByWave');
    expect(waves.value).toBe(2);
    expect(waves.slices.map((s: any) => [s.label.vi, s.value])).toEqual([
      ['Đợt 1', 1],
      ['Đợt 2', 1],
      ['Chưa xếp đợt', 0],
    ]);
    // Areas not installed yet are announced, not silently missing.
    expect(d.missingAreas.map((a: any) => a.area)).toEqual([]);
  });

  it('reads the past as it was: on 30/06/2025 only 3105 had declared and nobody was late yet', async () => {
    const { router } = await reportsFixture();
    const h1 = { start: '2025-01-01', end: '2025-06-30' };
    const f = (await call(router, 'dashboard.get', { scope: { mode: 'subtree' }, period: h1 })).figures;
    expect(Object.fromEntries(value(f, 'steps.byStep').slices.map((s: any) => [s.key, s.value]))).toEqual({ '1': 1, '2': 2, '3': 2, '4': 1, '5': 0 });
    expect(value(f, 'steps.declared').value).toBe(1);
    // Step 2 of 3102 and 3103 is planned for 30/06 itself: due that day, not late yet.
    expect(value(f, 'steps.behindPlan').value).toBe(0);
    expect((await call(router, 'figures.get', { key: 'steps.behindPlan', scope: { mode: 'subtree' }, period: h1 })).rows).toEqual([]);
  });

  it('narrows to one office or one unit, and drills into a single figure', async () => {
    const { router, ids } = await reportsFixture();
    const office = await call(router, 'dashboard.get', { scope: { mode: 'office' }, period: YEAR_2025 });
    expect(office.unitCount).toBe(1);
    expect(value(office.figures, 'steps.declared').value).toBe(1);
    const one = await call(router, 'figures.get', { key: 'steps.behindPlan', scope: { mode: 'unit', unitId: ids['3102'] }, period: YEAR_2025, lang: 'en' });
    expect(one.value).toBe(1);
    expect(one.rows).toEqual([
      { unitId: ids['3102'], code: '3102', name: 'BHXH quận Ngô Quyền', slice: 'north', region: 'North', step: 'Step 3 – Certify / Declare', plannedEnd: '2025-09-30', daysLate: 92 },
    ]);
    const unknown = await router.call('figures.get', { key: 'nope', scope: { mode: 'subtree' } });
    expect(!unknown.ok && unknown.error.message.vi).toBe('Không có số liệu "nope".');
    const badPeriod = await router.call('dashboard.get', { scope: { mode: 'subtree' }, period: { start: '2025-12-31', end: '2025-01-01' } });
    expect(!badPeriod.ok && badPeriod.error.code).toBe('DATE_ORDER');
  });

  it('counts a unit with two step-3 rows by the first one, as its list does', async () => {
    const { ws, router, ids } = await reportsFixture();
    // Never written by the app, but a row is a row: an older, not done step 3 for 3105 (declared in 2024).
    ws.sqlite
      .prepare(
        `INSERT INTO unit_steps (rowid, id, unit_id, created_at, updated_at, deleted, step, status, evidence, note)
         VALUES (-1, 'duplicate-step-3', ?, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', 0, 3, 'in_progress', '', '')`,
      )
      .run(ids['3105']);
    const d = await call(router, 'dashboard.get', { scope: { mode: 'subtree' }, period: YEAR_2025 });
    const rows = (await call(router, 'figures.get', { key: 'steps.declared', scope: { mode: 'subtree' }, period: YEAR_2025 })).rows;
    expect(rows.map((r: any) => r.code)).toEqual(['31', '3101']);
    expect(value(d.figures, 'steps.declared').value).toBe(2);
    expect(value(d.figures, 'steps.declaredShare').part).toEqual({ numerator: 2, denominator: 6 });
  });
});
