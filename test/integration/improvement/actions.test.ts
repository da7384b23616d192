import { describe, expect, it } from 'vitest';
import { actionAging, listActions } from '../../../electron/services/improvement/actions';
import { call } from '../../support/workspace';
import { changes, codeOf, district } from './helpers';

const complaint = (unitId: string, extra: Record<string, unknown> = {}) => ({
  source: 'complaint',
  unitId,
  severity: 'minor',
  procedureCode: 'CSXH.05',
  description: 'Trả kết quả chế độ ốm đau chậm 5 ngày',
  foundDate: '2016-01-04',
  ...extra,
});

describe('corrective actions: statuses, verification, aging and deadlines', () => {
  it('goes open → in progress → done → verified, verified by someone else after it was done', async () => {
    const { ws, router, unitId } = await district('2016-03-01');
    const { action } = await call(router, 'findings.record', { ...complaint(unitId), correctiveAction: { owner: 'Phạm Thị Lan', dueDate: '2016-02-15', openedDate: '2016-01-05' } });
    const before = changes(ws);
    const notDone = await router.call('actions.verify', { id: action.id, verifiedBy: 'Nguyễn Văn An', verifiedDate: '2016-02-20', effective: true });
    expect(!notDone.ok && notDone.error.code).toBe('ACTION_VERIFY_NOT_DONE');
    if (!notDone.ok) expect(notDone.error.message.vi).toBe('Chỉ kiểm tra xác nhận hành động đã hoàn thành (hiện đang "Mở").');
    expect(await codeOf(router, 'actions.setStatus', { id: action.id, status: 'verified' })).toBe('ACTION_STATUS_ORDER');
    expect(changes(ws)).toBe(before);
    await call(router, 'actions.setStatus', { id: action.id, status: 'in_progress' });
    await call(router, 'actions.setStatus', { id: action.id, status: 'done', doneDate: '2016-02-10' });
    expect(await codeOf(router, 'actions.verify', { id: action.id, verifiedBy: 'phạm thị lan', verifiedDate: '2016-02-20', effective: true })).toBe('ACTION_VERIFIER_IS_OWNER');
    expect(await codeOf(router, 'actions.verify', { id: action.id, verifiedBy: 'Nguyễn Văn An', verifiedDate: '2016-02-01', effective: true })).toBe('DATE_ORDER');
    const verified = await call(router, 'actions.verify', { id: action.id, verifiedBy: 'Nguyễn Văn An', verifiedDate: '2016-02-20', effective: true, note: 'Không còn hồ sơ chậm' });
    expect(verified).toMatchObject({ status: 'verified', verifiedBy: 'Nguyễn Văn An', verifiedDate: '2016-02-20', effective: true });
    expect(await codeOf(router, 'actions.setStatus', { id: action.id, status: 'in_progress' })).toBe('ACTION_STATUS_ORDER');
  });

  it('sends an ineffective action back to in progress, keeping the verification', async () => {
    const { router, unitId } = await district('2016-03-01');
    const { action } = await call(router, 'findings.record', { ...complaint(unitId), correctiveAction: { owner: 'Lan', dueDate: '2016-02-15', openedDate: '2016-01-05' } });
    await call(router, 'actions.setStatus', { id: action.id, status: 'done', doneDate: '2016-02-01' });
    const back = await call(router, 'actions.verify', { id: action.id, verifiedBy: 'An', verifiedDate: '2016-02-05', effective: false });
    expect(back).toMatchObject({ status: 'in_progress', effective: false, verifiedBy: 'An', doneDate: null });
    // a second action cannot be opened while this one is not closed
    expect(await codeOf(router, 'actions.open', { findingId: action.findingId, owner: 'B', dueDate: '2016-04-01' })).toBe('ACTION_EXISTS');
  });

  it('ages open actions by bucket and lists the overdue ones', async () => {
    const { router, unitId } = await district('2016-06-30');
    const open = async (opened: string, due: string) =>
      (await call(router, 'findings.record', { ...complaint(unitId, { foundDate: opened }), correctiveAction: { owner: 'Lan', dueDate: due, openedDate: opened } })).action;
    await open('2016-06-10', '2016-07-30'); // 20 days, not due
    await open('2016-05-10', '2016-06-01'); // 51 days, overdue by 29
    await open('2016-02-01', '2016-09-30'); // 150 days
    const closed = await open('2016-01-01', '2016-03-01');
    await call(router, 'actions.setStatus', { id: closed.id, status: 'done', doneDate: '2016-01-21' });
    const { rows, aging } = await call(router, 'actions.list', { unitId });
    expect(aging).toEqual({ buckets: { '0-30': 1, '31-60': 1, '61-90': 0, '90+': 1 }, open: 3, overdue: 1, awaitingVerification: 1 });
    expect(rows.find((r: any) => r.id === closed.id)).toMatchObject({ ageDays: 20, overdue: false }); // age stops when done
    const overdue = (await call(router, 'actions.list', { unitId, overdue: true })).rows;
    expect(overdue.map((r: any) => [r.ageDays, r.daysOverdue])).toEqual([[51, 29]]);
  });

  it('lists only the filter’s actions while counting over the whole scope, as listing everything would', async () => {
    const { ws, router, unitId, province } = await district('2016-06-30');
    const other = (await call(router, 'units.create', { code: '3103', name: 'BHXH quận Lê Chân', type: 'district', parentId: province.id })).id;
    const [hq] = await call(router, 'units.list', { type: 'hq' });
    const elsewhere = (await call(router, 'units.create', { code: '48', name: 'BHXH thành phố Đà Nẵng', type: 'province', parentId: hq.id })).id;
    // Actions of every status and age, in two districts of Hải Phòng and another province.
    const statuses = ['open', 'in_progress', 'done', 'verified'];
    for (let i = 0; i < 24; i++) {
      const unit = [unitId, other, elsewhere][i % 3];
      const opened = `2016-0${1 + (i % 6)}-${String(1 + ((i * 7) % 27)).padStart(2, '0')}`;
      const due = `2016-0${2 + (i % 6) + (i % 3)}-28`;
      const { action } = await call(router, 'findings.record', { ...complaint(unit, { foundDate: opened }), correctiveAction: { owner: 'Lan', dueDate: due, openedDate: opened } });
      const status = statuses[(i * 3) % 4];
      if (status !== 'open') await call(router, 'actions.setStatus', { id: action.id, status: status === 'in_progress' ? 'in_progress' : 'done', doneDate: '2016-06-29' });
      if (status === 'verified') await call(router, 'actions.verify', { id: action.id, verifiedBy: 'An', verifiedDate: '2016-06-30', effective: true });
    }
    // Headquarters' board (the whole tree, read without a unit filter), a province, a district, another province.
    for (const scope of [{}, { rootId: hq.id }, { rootId: province.id }, { unitId: other }, { rootId: elsewhere }]) {
      const every = listActions(ws, scope);
      const counts = { ...actionAging(every), statuses: Object.fromEntries(statuses.map((st) => [st, every.filter((r) => r.status === st).length])) };
      for (const [filter, expected] of [
        [{ status: 'not_closed' }, every.filter((r) => r.status === 'open' || r.status === 'in_progress')],
        [{ overdue: true }, every.filter((r) => r.overdue)],
        [{ status: 'done' }, every.filter((r) => r.status === 'done')],
        [{}, every],
      ] as const) {
        const { rows, aging, statuses: perStatus } = await call(router, 'actions.list', { ...scope, ...filter });
        expect(rows).toEqual(expected);
        expect({ ...aging, statuses: perStatus }).toEqual(counts);
      }
    }
    expect(listActions(ws, { rootId: hq.id })).toHaveLength(24);
    // A row carries what the list shows, not the plan's texts nor the row's bookkeeping.
    expect(Object.keys(listActions(ws, {})[0]).sort()).toEqual(
      ['ageBucket', 'ageDays', 'auditId', 'clause', 'daysOverdue', 'doneDate', 'dueDate', 'effective', 'findingId', 'id', 'openedDate', 'overdue', 'owner', 'procedureCode', 'reviewId', 'severity', 'source', 'status', 'title', 'unitId', 'unitName', 'verifiedBy', 'verifiedDate'],
    );
    expect(listActions(ws, { status: 'verified' }).map((r) => r.effective)).toEqual([true, true, true, true, true, true]);
    // The board of Hải Phòng counts its two districts only.
    expect((await call(router, 'actions.list', { rootId: province.id, status: 'not_closed' })).statuses).toEqual({ open: 4, in_progress: 4, done: 4, verified: 4 });
  });

  it('limits an action after an inspection to two months from the minutes, and defaults to that deadline', async () => {
    const { ws, router, unitId } = await district('2016-06-30');
    const inspection = await call(router, 'inspections.record', { unitId, inspector: 'BHXH Việt Nam - Vụ Kiểm tra', inspectionDate: '2016-03-28', minutesNo: '15/BB-KT', minutesDate: '2016-03-31' });
    const finding = { source: 'inspection', inspectionId: inspection.id, severity: 'major', clause: '7.5.1', description: 'Không kiểm soát hồ sơ', foundDate: '2016-03-28' };
    const before = changes(ws);
    const late = await router.call('findings.record', { ...finding, correctiveAction: { owner: 'Lan', dueDate: '2016-06-15', openedDate: '2016-04-01' } });
    expect(!late.ok && late.error.code).toBe('ACTION_DUE_AFTER_DEADLINE');
    if (!late.ok) expect(late.error.message.vi).toContain('(31/05/2016)');
    expect(changes(ws)).toBe(before);
    const { action } = await call(router, 'findings.record', { ...finding, correctiveAction: { owner: 'Lan', openedDate: '2016-04-01' } });
    expect(action.dueDate).toBe('2016-05-31');
    expect(await codeOf(router, 'actions.update', { id: action.id, dueDate: '2016-06-01' })).toBe('ACTION_DUE_AFTER_DEADLINE');
    expect((await call(router, 'actions.list', { overdue: true })).rows).toHaveLength(1);
  });

  it('turns a management review’s decisions into tracked actions', async () => {
    const { router, unitId } = await district('2016-12-20');
    const { review, actions } = await call(router, 'reviews.record', {
      unitId,
      reviewDate: '2016-12-15',
      chair: 'Nguyễn Văn An',
      attendees: 'Ban chỉ đạo ISO',
      inputs: { auditResults: '2 điểm không phù hợp nhẹ', feedback: 'Không có khiếu nại', changes: 'Luật BHXH 2014' },
      decisions: [{ title: 'Cập nhật quy trình thu theo luật mới', owner: 'Phòng Thu', dueDate: '2017-03-15' }],
    });
    expect(actions[0]).toMatchObject({ source: 'management_review', reviewId: review.id, openedDate: '2016-12-15', status: 'open' });
    const [listed] = await call(router, 'reviews.list', { unitId });
    expect(listed.inputs.changes).toBe('Luật BHXH 2014');
    expect(listed.actions).toHaveLength(1);
    expect(await codeOf(router, 'reviews.record', { unitId, reviewDate: '2016-12-21', chair: 'A' })).toBe('DATE_IN_FUTURE');
    expect(await codeOf(router, 'reviews.record', { unitId, reviewDate: '2016-12-01', chair: '' })).toBe('REQUIRED');
  });
});

describe('objectives and feedback to headquarters', () => {
  it('judges an objective achieved only at year end or with results', async () => {
    const { router, unitId } = await district('2016-06-30');
    const o = await call(router, 'objectives.create', { unitId, year: 2016, title: 'Trả kết quả đúng hẹn', target: '≥ 98% hồ sơ', measure: 'Sổ theo dõi' });
    expect(await codeOf(router, 'objectives.setAchieved', { id: o.id, achieved: true })).toBe('OBJECTIVE_YEAR_OPEN');
    await call(router, 'objectives.addResult', { objectiveId: o.id, resultDate: '2016-06-30', value: '98,7%' });
    await call(router, 'objectives.setAchieved', { id: o.id, achieved: true });
    const { objectives } = await call(router, 'objectives.list', { unitId, year: 2016 });
    expect(objectives[0]).toMatchObject({ achieved: true, results: [{ value: '98,7%' }] });
  });

  it('records feedback and requires the answer and its date when answered', async () => {
    const { router, unitId } = await district('2016-06-30');
    const f = await call(router, 'feedback.raise', { unitId, raisedDate: '2016-03-01', category: 'procedure', title: 'Quy trình khung chưa có mẫu biểu thu BHYT HSSV' });
    expect(await codeOf(router, 'feedback.update', { id: f.id, status: 'answered' })).toBe('FEEDBACK_ANSWER_NEEDED');
    expect(await codeOf(router, 'feedback.update', { id: f.id, status: 'answered', answer: 'Đã bổ sung', answeredDate: '2016-02-01' })).toBe('DATE_ORDER');
    await call(router, 'feedback.update', { id: f.id, status: 'answered', answer: 'Đã bổ sung tại CV 1234/BHXH-VP', answeredDate: '2016-04-02', answeredBy: 'Văn phòng BHXH VN' });
    const [row] = await call(router, 'feedback.list', { unitId });
    expect(row).toMatchObject({ status: 'answered', unitName: 'BHXH quận Ngô Quyền' });
  });
});
