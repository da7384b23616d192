import { describe, expect, it } from 'vitest';
import { staff } from '../../../db/schema';
import { insertRow } from '../../../electron/services/records';
import { call } from '../../support/workspace';
import { count, trainingWorkspace } from './helpers';

describe('staff registry: duplicates are caught and merged without losing training', () => {
  it('refuses the same staff code or the same name and birth date in one unit, naming the existing record', async () => {
    const { router, ws, hongBang, ngoQuyen } = await trainingWorkspace();
    await call(router, 'training.staff.create', { unitId: hongBang.id, fullName: 'Nguyễn Thị Lan', birthDate: '1980-10-15', staffCode: 'HB01' });
    const before = count(ws, 'select count(*) n from staff');
    const byCode = await router.call('training.staff.create', { unitId: hongBang.id, fullName: 'Lê Văn Khác', staffCode: 'HB01' });
    expect(!byCode.ok && byCode.error.message.vi).toBe('Mã cán bộ "HB01" đã được dùng cho Nguyễn Thị Lan tại BHXH quận Hồng Bàng.');
    // NFD input (macOS, Unikey "tổ hợp") and stray spaces are the same name.
    const byName = await router.call('training.staff.create', { unitId: hongBang.id, fullName: '  Nguyễn   Thị Lan '.normalize('NFD'), birthDate: '1980-10-15' });
    expect(!byName.ok && byName.error.code).toBe('STAFF_DUPLICATE');
    expect(count(ws, 'select count(*) n from staff')).toBe(before);
    // Another unit may have its own Nguyễn Thị Lan born the same day.
    await call(router, 'training.staff.create', { unitId: ngoQuyen.id, fullName: 'Nguyễn Thị Lan', birthDate: '1980-10-15' });
    const future = await router.call('training.staff.create', { unitId: hongBang.id, fullName: 'Bé Mới', birthDate: '2020-01-01' });
    expect(!future.ok && future.error.field).toBe('birthDate');
  });

  it('finds look-alike records and merges them: attendance moves, the better result stays, the duplicate points at the kept one', async () => {
    const { router, ws, hongBang, province, course } = await trainingWorkspace();
    const kept = await call(router, 'training.staff.create', { unitId: hongBang.id, fullName: 'Trần Văn Hùng', birthDate: '1975-03-02', isoRole: 'member' });
    // The same person recorded by the district without diacritics, arriving in its bundle (written as the exchange does).
    const dup = ws.sqlite.transaction(() =>
      insertRow(ws, staff, { unitId: hongBang.id, fullName: 'Tran Van Hung', birthDate: '1975-03-02', staffCode: 'HB07', phone: '0912' }),
    )();
    const other = await call(router, 'training.staff.create', { unitId: hongBang.id, fullName: 'Trần Văn Hùng', birthDate: '1990-01-01' });
    const nt = await call(router, 'training.sessions.create', { unitId: province.id, courseTypeId: course('NT').id, startDate: '2012-10-15', endDate: '2012-10-16' });
    const vtl = await call(router, 'training.sessions.create', { unitId: province.id, courseTypeId: course('VTL').id, startDate: '2012-11-15', endDate: '2012-11-16' });
    await call(router, 'training.attendance.add', { sessionId: nt.id, entries: [{ staffId: kept.id, result: 'absent' }, { staffId: dup.id, result: 'passed' }] });
    await call(router, 'training.attendance.add', { sessionId: vtl.id, entries: [{ staffId: dup.id, result: 'passed' }] });

    const groups = await call(router, 'training.staff.duplicates', { unitId: hongBang.id });
    expect(groups).toHaveLength(1);
    expect(groups[0].reason).toBe('nameBirth');
    expect(groups[0].members.map((m: any) => [m.fullName, m.attendanceCount]).sort()).toEqual([
      ['Trần Văn Hùng', 1],
      ['Tran Van Hung', 2],
    ].sort());
    expect(groups[0].members.some((m: any) => m.id === other.id)).toBe(false);

    const self = await router.call('training.staff.merge', { keepId: kept.id, mergeIds: [kept.id] });
    expect(!self.ok && self.error.code).toBe('STAFF_MERGE_SELF');

    const merged = await call(router, 'training.staff.merge', { keepId: kept.id, mergeIds: [dup.id] });
    expect(merged).toMatchObject({ fullName: 'Trần Văn Hùng', staffCode: 'HB07', phone: '0912', isoRole: 'member' });
    const history = (await call(router, 'training.staff.get', { id: kept.id })).history;
    expect(history.map((h: any) => [h.courseCode, h.result]).sort()).toEqual([
      ['NT', 'passed'],
      ['VTL', 'passed'],
    ]);
    expect(count(ws, 'select count(*) n from attendance where deleted = 0')).toBe(2);
    const gone = ws.sqlite.prepare('select deleted, merged_into_id from staff where id = ?').get(dup.id);
    expect(gone).toEqual({ deleted: 1, merged_into_id: kept.id });
    expect(await call(router, 'training.staff.duplicates', { unitId: hongBang.id })).toEqual([]);
    const again = await router.call('training.staff.get', { id: dup.id });
    expect(!again.ok && again.error.message.vi).toBe('Hồ sơ cán bộ Tran Van Hung đã được gộp vào hồ sơ khác.');
    // Every step is in the change log.
    expect(count(ws, "select count(*) n from change_log where table_name = 'attendance' and op in ('update','delete')")).toBe(3);
    // The matrix now sees Hùng as trained in awareness.
    const m = await call(router, 'training.matrix.people', { unitId: hongBang.id });
    expect(m.rows.find((r: any) => r.staffId === kept.id).cells[course('NT').id].state).toBe('valid');
    expect((await call(router, 'training.matrix', { unitId: hongBang.id })).total.courses[course('NT').id]).toEqual({ required: 1, satisfied: 1 });
  });
});
