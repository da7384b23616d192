import { call, tempWorkspace } from '../../support/workspace';

type Plan = [string | null, string | null][];
const PLAN_2025: Plan = [
  ['2025-01-01', '2025-03-31'],
  ['2025-04-01', '2025-06-30'],
  ['2025-07-01', '2025-09-30'],
  ['2025-10-01', '2026-03-31'],
];
const PLAN_2024: Plan = [
  ['2024-01-01', '2024-03-31'],
  ['2024-04-01', '2024-06-30'],
  ['2024-07-01', '2024-09-30'],
  ['2024-10-01', '2025-12-31'],
];

/**
 * Hải Phòng and five districts with known progress; "today" is 15/02/2026 so
 * the annual report 2025 reads the state on 31/12/2025.
 *
 * | unit | plan | done                                   | on 31/12/2025          |
 * |------|------|----------------------------------------|------------------------|
 * | 31   | 2025 | 1: 20/03, 2: 15/06, 3: 10/09/2025      | step 4, declared       |
 * | 3101 | 2025 | 1: 31/03, 2: 30/06, 3: 15/10/2025      | step 4, declared late  |
 * | 3102 | 2025 | 1: 15/03, 2: 20/07/2025                | step 3, 92 days late   |
 * | 3103 | 2025 | 1: 10/04/2025                          | step 2, 184 days late  |
 * | 3104 | none | —                                      | step 1, no plan        |
 * | 3105 | 2024 | 1: 01/03, 2: 01/06, 3: 01/09/2024      | step 4, declared 2024  |
 */
export async function reportsFixture() {
  const t = tempWorkspace({ now: '2026-02-15T09:00:00+07:00', office: '31' });
  const { router } = t;
  const units = await call(router, 'units.list', { type: 'province' });
  const province = units.find((u: any) => u.code === '31');
  const ids: Record<string, string> = { '31': province.id };
  const names: Record<string, string> = {
    '3101': 'BHXH quận Hồng Bàng',
    '3102': 'BHXH quận Ngô Quyền',
    '3103': 'BHXH quận Lê Chân',
    '3104': 'BHXH huyện Bạch Long Vĩ',
    '3105': 'BHXH huyện Thủy Nguyên',
  };
  for (const [code, name] of Object.entries(names)) {
    ids[code] = (await call(router, 'units.create', { code, name, type: 'district', parentId: province.id })).id;
  }
  const progress = async (code: string, plan: Plan | null, done: string[]) => {
    for (let step = 1; step <= 4; step++) {
      const [plannedStart, plannedEnd] = plan ? plan[step - 1] : [null, null];
      const actualEnd = done[step - 1] ?? null;
      await call(router, 'steps.update', {
        unitId: ids[code],
        step,
        plannedStart,
        plannedEnd,
        actualStart: actualEnd ? plannedStart : null,
        actualEnd,
        status: actualEnd ? 'done' : step === done.length + 1 && plan ? 'in_progress' : 'not_started',
        evidence: step === 3 && actualEnd ? `Quyết định công bố ${code}/QĐ-BHXH` : '',
      });
    }
  };
  await progress('31', PLAN_2025, ['2025-03-20', '2025-06-15', '2025-09-10']);
  await progress('3101', PLAN_2025, ['2025-03-31', '2025-06-30', '2025-10-15']);
  await progress('3102', PLAN_2025, ['2025-03-15', '2025-07-20']);
  await progress('3103', PLAN_2025, ['2025-04-10']);
  await progress('3104', null, []);
  await progress('3105', PLAN_2024, ['2024-03-01', '2024-06-01', '2024-09-01']);
  const w1 = await call(router, 'waves.create', { name: 'Đợt 1', plannedStart: '2025-01-01', plannedEnd: '2025-12-31' });
  const w2 = await call(router, 'waves.create', { name: 'Đợt 2', plannedStart: '2025-01-01', plannedEnd: '2025-12-31' });
  await call(router, 'waves.addMembers', { waveId: w1.id, unitIds: [ids['31'], ids['3101'], ids['3102']] });
  await call(router, 'waves.addMembers', { waveId: w2.id, unitIds: [ids['3103']] });
  const team = await call(router, 'teams.save', { unitId: ids['31'], decisionNo: '15/QĐ-BHXH', decisionDate: '2025-01-10', signer: 'Giám đốc' });
  await call(router, 'teams.addMember', { teamId: team.id, fullName: 'Nguyễn Văn An', position: 'Giám đốc', role: 'head' });
  return { ...t, ids, waves: { w1: w1.id, w2: w2.id } };
}

export const YEAR_2025 = { start: '2025-01-01', end: '2025-12-31' };
