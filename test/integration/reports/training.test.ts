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
    expect(fig('training.peopleMissing').rows[0]).toMatchObject({ fullName: 'Phạm Văn Cường', missing: 'Nhận thức chung về ISO 9001; Viết tài liệu, xây dựng quy trình' });
    expect(fig('training.trainedInPeriod').value).toBe(3);
    // The first half of 2025 saw only the awareness course.
    const h1 = await call(router, 'figures.get', { key: 'training.trainedInPeriod', scope: { mode: 'subtree' }, period: { start: '2025-01-01', end: '2025-06-30' } });
    expect(h1.value).toBe(2);
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
