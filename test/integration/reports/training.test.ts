import { describe, expect, it } from 'vitest';
import { courseIdForCode } from '../../../electron/services/training/courses';
import { call } from '../../support/workspace';
import { reportsFixture, YEAR_2025 } from './fixture';

/** Training plugs into the figure registry: coverage of required courses and who was trained, per scope. */
describe('training figures and the training criterion', () => {
  async function withTraining() {
    const f = await reportsFixture();
    const { router, ids } = f;
    const a = await call(router, 'training.staff.create', { unitId: ids['3101'], fullName: 'Trần Văn An', isoRole: 'member' });
    const b = await call(router, 'training.staff.create', { unitId: ids['3101'], fullName: 'Lê Thị Bình', isoRole: 'leader' });
    const c = await call(router, 'training.staff.create', { unitId: ids['3102'], fullName: 'Phạm Văn Cường', isoRole: 'member' });
    const nt = await call(router, 'training.sessions.create', { unitId: ids['31'], courseTypeId: courseIdForCode('NT'), startDate: '2025-05-08', endDate: '2025-05-10' });
    await call(router, 'training.attendance.add', {
      sessionId: nt.id,
      entries: [
        { staffId: a.id, result: 'passed' },
        { staffId: b.id, result: 'passed' },
        { staffId: c.id, result: 'failed' },
      ],
    });
    const vtl = await call(router, 'training.sessions.create', { unitId: ids['31'], courseTypeId: courseIdForCode('VTL'), startDate: '2025-11-18', endDate: '2025-11-20' });
    await call(router, 'training.attendance.add', { sessionId: vtl.id, entries: [{ staffId: a.id, result: 'passed' }] });
    return f;
  }

  it('counts coverage 3/5, one person lacking a course and three passes in 2025', async () => {
    const { router } = await withTraining();
    const d = await call(router, 'dashboard.get', { scope: { mode: 'subtree' }, period: YEAR_2025 });
    const fig = (k: string) => d.figures.find((f: any) => f.key === k);
    expect(fig('training.coverage')).toMatchObject({ value: 60, part: { numerator: 3, denominator: 5 } });
    expect(fig('training.peopleMissing').value).toBe(1);
    const lacking = await call(router, 'figures.get', { key: 'training.peopleMissing', scope: { mode: 'subtree' }, period: YEAR_2025 });
    expect(lacking.rows).toHaveLength(1);
    expect(lacking.rows[0]).toMatchObject({ fullName: 'Phạm Văn Cường', missing: 'Nhận thức chung về ISO 9001; Viết tài liệu, xây dựng quy trình' });
    expect(fig('training.trainedInPeriod').value).toBe(3);
    // The first half of 2025 saw only the awareness course.
    const h1 = await call(router, 'figures.get', { key: 'training.trainedInPeriod', scope: { mode: 'subtree' }, period: { start: '2025-01-01', end: '2025-06-30' } });
    expect(h1.value).toBe(2);
  });

  it('counts again as soon as training rows change (the coverage is kept only while nothing is written)', async () => {
    const { router, ids } = await withTraining();
    const coverage = async () => (await call(router, 'dashboard.get', { scope: { mode: 'subtree' }, period: YEAR_2025 })).figures.filter((f: any) => f.area === 'training');
    expect((await coverage()).map((f: any) => f.value)).toEqual([60, 1, 3]);
    expect((await coverage()).map((f: any) => f.value)).toEqual([60, 1, 3]);
    // A new member needs both courses: 3 of 7 required courses held, two people lacking one.
    await call(router, 'training.staff.create', { unitId: ids['3102'], fullName: 'Đỗ Thị Dung', isoRole: 'member' });
    expect((await coverage()).map((f: any) => [f.value, f.part?.numerator, f.part?.denominator])).toEqual([
      [42.9, 3, 7],
      [2, undefined, undefined],
      [3, undefined, undefined],
    ]);
    const unitTable = await call(router, 'figures.get', { key: 'training.coverage', scope: { mode: 'subtree' }, period: YEAR_2025 });
    expect(unitTable.rows.find((r: any) => r.code === '3102')).toMatchObject({ staff: 2, peopleMissing: 2, coverage: 0 });
  });

  it('scores the training criterion from the matrix, with evidence', async () => {
    const { router } = await withTraining();
    await call(router, 'scoring.saveSet', { year: 2025, name: 'Đào tạo', criteria: [{ key: 'training', label: 'Đào tạo', weight: 1, metric: 'training_coverage' }] });
    const r = await call(router, 'scoring.get', { year: 2025 });
    expect(r.results.map((x: any) => [x.code, x.score, x.rank])).toEqual([
      ['3101', 100, 1],
      ['3102', 0, 2],
      ['3103', null, null],
      ['3104', null, null],
      ['3105', null, null],
    ]);
    expect(r.results[1].criteria[0].evidence).toBe('0/2 khóa bắt buộc đã hoàn thành (1 cán bộ, 1 người còn thiếu)');
  });
});
