import { describe, expect, it } from 'vitest';
import { auditorRegister } from '../../../electron/services/training/auditors';
import { trainingMatrix } from '../../../electron/services/training/matrix';
import { createStaff } from '../../../electron/services/training/staff';
import { call } from '../../support/workspace';
import { trainingWorkspace } from './helpers';

async function person(router: any, unitId: string, fullName: string, isoRole = 'none', extra: object = {}) {
  return call(router, 'training.staff.create', { unitId, fullName, isoRole, ...extra });
}

describe('training matrix: who lacks what, coverage, expiring certificates', () => {
  it('computes coverage per unit from role requirements and counts only passes in force', async () => {
    const t = await trainingWorkspace();
    const { router, hongBang, ngoQuyen, course } = t;
    // Shipped requirements: member → NT + VTL; internal_auditor → NT + DGNB; 'none' needs nothing.
    const lan = await person(router, hongBang.id, 'Nguyễn Thị Lan', 'member');
    const hung = await person(router, hongBang.id, 'Trần Văn Hùng', 'internal_auditor');
    await person(router, hongBang.id, 'Phạm Thị Mai'); // no role, needs nothing
    const binh = await person(router, ngoQuyen.id, 'Lê Văn Bình', 'member');

    const nt = await call(router, 'training.sessions.create', { unitId: t.province.id, courseTypeId: course('NT').id, startDate: '2012-10-15', endDate: '2012-10-16' });
    await call(router, 'training.attendance.add', {
      sessionId: nt.id,
      entries: [
        { staffId: lan.id, result: 'passed' },
        { staffId: hung.id, result: 'failed' },
        { staffId: binh.id, result: 'passed' },
      ],
    });
    const m = await call(router, 'training.matrix', { unitId: t.province.id, includeSubunits: true });
    const hb = m.units.find((u: any) => u.unitCode === '3101');
    // Hồng Bàng: Lan 1 of 2 (NT ok, VTL missing), Hùng 0 of 2 (NT failed) → 1/4 = 25 %.
    expect(hb).toMatchObject({ staff: 3, required: 4, satisfied: 1, coverage: 25, peopleMissing: 2 });
    const nq = m.units.find((u: any) => u.unitCode === '3102');
    expect(nq).toMatchObject({ required: 2, satisfied: 1, coverage: 50 });
    expect(m.total).toMatchObject({ required: 6, satisfied: 2, coverage: 33.3 });
    // Per required course: NT needed by all three, held by Lan and Bình; VTL by the two members, held by neither; DGNB by Hùng.
    expect(m.requiredCourses).toEqual([course('NT').id, course('VTL').id, course('DGNB').id]);
    expect(m.total.courses).toEqual({
      [course('NT').id]: { required: 3, satisfied: 2 },
      [course('VTL').id]: { required: 2, satisfied: 0 },
      [course('DGNB').id]: { required: 1, satisfied: 0 },
    });
    expect(hb.courses[course('NT').id]).toEqual({ required: 2, satisfied: 1 });
    // No person rows at this scope: they come per unit, on drill-down.
    expect(m).not.toHaveProperty('rows');
    const people = await call(router, 'training.matrix.people', { unitId: hongBang.id });
    expect(people).toMatchObject({ unit: { code: '3101' }, total: 3 });
    const hungRow = people.rows.find((r: any) => r.staffId === hung.id);
    expect(hungRow.missing.sort()).toEqual([course('NT').id, course('DGNB').id].sort());
    expect(hungRow.cells[course('NT').id].state).toBe('missing');
    const maiRow = people.rows.find((r: any) => r.fullName === 'Phạm Thị Mai');
    expect(Object.values(maiRow.cells).every((c: any) => c.state === 'none')).toBe(true);
    // Drill-down is bounded and can show only who lacks something.
    const missingOnly = await call(router, 'training.matrix.people', { unitId: hongBang.id, onlyMissing: true });
    expect(missingOnly.rows.map((r: any) => r.fullName).sort()).toEqual(['Nguyễn Thị Lan', 'Trần Văn Hùng']);
    const page = await call(router, 'training.matrix.people', { unitId: hongBang.id, offset: 1, limit: 1 });
    expect([page.total, page.rows.length, page.rows[0].staffId]).toEqual([3, 1, people.rows[1].staffId]);
    const tooMany = await router.call('training.matrix.people', { unitId: hongBang.id, limit: 5000 });
    expect(tooMany.ok).toBe(false);

    // Changing a requirement changes the maths: nobody needs VTL any more.
    await call(router, 'training.requirements.set', { role: 'member', courseTypeIds: [course('NT').id] });
    const after = await call(router, 'training.matrix', { unitId: hongBang.id });
    expect(after.units[0]).toMatchObject({ required: 3, satisfied: 1 });
    // Someone who left no longer counts.
    await call(router, 'training.staff.update', { id: hung.id, status: 'left' });
    expect((await call(router, 'training.matrix', { unitId: hongBang.id })).units[0]).toMatchObject({ staff: 2, required: 1, satisfied: 1, coverage: 100 });
    // The matrix is kept until a synchronised row changes, whatever its table: a renamed unit shows at once.
    await call(router, 'units.update', { id: hongBang.id, name: 'BHXH quận Hồng Bàng (mới)' });
    expect((await call(router, 'training.matrix', { unitId: hongBang.id })).units[0].unitName).toBe('BHXH quận Hồng Bàng (mới)');
  });

  it('does not keep a matrix read inside a write that is then rolled back', async () => {
    const t = await trainingWorkspace();
    const { ws, hongBang } = t;
    await person(t.router, hongBang.id, 'Nguyễn Thị Lan', 'member');
    const staffIn = () => trainingMatrix(ws, { unitId: hongBang.id }).total.staff;
    expect(staffIn()).toBe(1);
    // A write that reads the matrix and then fails: its change-log position is given again to the next write.
    expect(() =>
      ws.sqlite.transaction(() => {
        createStaff(ws, { unitId: hongBang.id, fullName: 'Trần Văn Hùng' });
        expect(staffIn()).toBe(2);
        throw new Error('cancelled');
      })(),
    ).toThrow('cancelled');
    ws.sqlite.transaction(() => createStaff(ws, { unitId: t.ngoQuyen.id, fullName: 'Lê Văn Bình' }))();
    expect(staffIn()).toBe(1);
  });

  it('alerts certificates expiring within 90 days and treats expired ones as missing', async () => {
    const t = await trainingWorkspace('2016-01-15T08:00:00Z');
    const { router, hongBang, course } = t;
    const a = await person(router, hongBang.id, 'Đỗ Văn An', 'internal_auditor');
    const b = await person(router, hongBang.id, 'Vũ Thị Bích', 'internal_auditor');
    const c = await person(router, hongBang.id, 'Hoàng Văn Cường', 'internal_auditor');
    const s = await call(router, 'training.sessions.create', { unitId: t.province.id, courseTypeId: course('CGDG').id, startDate: '2013-02-01', endDate: '2013-02-05' });
    await call(router, 'training.attendance.add', {
      sessionId: s.id,
      entries: [
        // validity 36 months from the certificate date → 2016-02-10: 26 days left
        { staffId: a.id, result: 'passed', certificateNo: 'CG-01', certificateDate: '2013-02-10' },
        { staffId: b.id, result: 'passed', certificateNo: 'CG-02', certificateDate: '2013-02-10', certificateExpiry: '2016-06-30' },
        { staffId: c.id, result: 'passed', certificateNo: 'CG-03', certificateDate: '2013-02-10', certificateExpiry: '2015-12-31' },
      ],
    });
    const m = await call(router, 'training.matrix', { unitId: hongBang.id });
    expect(m.expiring.map((e: any) => [e.fullName, e.certificateExpiry, e.daysLeft])).toEqual([['Đỗ Văn An', '2016-02-10', 26]]);
    const people = await call(router, 'training.matrix.people', { unitId: hongBang.id });
    const cell = (id: string) => people.rows.find((r: any) => r.staffId === id).cells[course('CGDG').id].state;
    expect([cell(a.id), cell(b.id), cell(c.id)]).toEqual(['expiring', 'valid', 'expired']);
    // The register holds Bích and An (expiring soon), not Cường whose certificate ended.
    const reg = await call(router, 'training.auditors', {});
    expect(reg.map((r: any) => [r.fullName, r.expiringSoon])).toEqual([
      ['Đỗ Văn An', true],
      ['Vũ Thị Bích', false],
    ]);
    expect(reg[0]).toMatchObject({ unitCode: '3101', certificateNo: 'CG-01', courseName: course('CGDG').name, sessionId: s.id, internalAuditTrained: false });
    // The improvement area calls the service directly, filtered by unit.
    expect(auditorRegister(t.ws, { unitIds: [t.ngoQuyen.id] })).toEqual([]);
    expect(auditorRegister(t.ws, { unitIds: [t.province.id], includeSubunits: true })).toHaveLength(2);
    expect(auditorRegister(t.ws, { onDate: '2016-03-01' }).map((r) => r.fullName)).toEqual(['Vũ Thị Bích']);
  });

  it('refuses certificates for a fail and sessions in the wrong order, changing nothing', async () => {
    const t = await trainingWorkspace();
    const { router, ws, hongBang, course } = t;
    const p = await person(router, hongBang.id, 'Ngô Thị Hoa');
    const bad = await router.call('training.sessions.create', { unitId: hongBang.id, courseTypeId: course('NT').id, startDate: '2013-05-10', endDate: '2013-05-01' });
    expect(!bad.ok && bad.error.message.vi).toBe('Ngày kết thúc không được trước Ngày bắt đầu.');
    const s = await call(router, 'training.sessions.create', { unitId: hongBang.id, courseTypeId: course('NT').id, startDate: '2013-05-10', endDate: '2013-05-11' });
    const before = (ws.sqlite.prepare('select count(*) n from change_log').get() as any).n;
    const cert = await router.call('training.attendance.add', { sessionId: s.id, entries: [{ staffId: p.id, result: 'failed', certificateNo: 'X1' }] });
    expect(!cert.ok && cert.error.code).toBe('CERTIFICATE_NEEDS_PASS');
    const twice = await router.call('training.attendance.add', { sessionId: s.id, entries: [{ staffId: p.id, result: 'passed' }, { staffId: p.id, result: 'passed' }] });
    expect(!twice.ok && twice.error.message.vi).toBe('Ngô Thị Hoa đã có trong danh sách học viên của lớp này.');
    expect((ws.sqlite.prepare('select count(*) n from change_log').get() as any).n).toBe(before);
  });
});

describe('training figures: per unit, province, wave and year, drillable to names', () => {
  it('counts distinct people who passed each course and lists the names behind a figure', async () => {
    const t = await trainingWorkspace();
    const { router, hongBang, ngoQuyen, course } = t;
    const people = [];
    for (const [unit, name] of [
      [hongBang, 'Nguyễn Văn Một'],
      [hongBang, 'Nguyễn Văn Hai'],
      [ngoQuyen, 'Nguyễn Văn Ba'],
    ] as const) {
      people.push(await person(router, unit.id, name));
    }
    const s2012 = await call(router, 'training.sessions.create', { unitId: t.province.id, courseTypeId: course('NT').id, startDate: '2012-11-01', endDate: '2012-11-02' });
    const s2013 = await call(router, 'training.sessions.create', { unitId: t.province.id, courseTypeId: course('NT').id, startDate: '2013-03-01', endDate: '2013-03-02' });
    const audit = await call(router, 'training.sessions.create', { unitId: t.province.id, courseTypeId: course('DGNB').id, startDate: '2013-04-01', endDate: '2013-04-03' });
    await call(router, 'training.attendance.add', { sessionId: s2012.id, entries: people.map((p) => ({ staffId: p.id, result: 'passed' })) });
    // Một attends awareness twice: still one person trained.
    await call(router, 'training.attendance.add', { sessionId: s2013.id, entries: [{ staffId: people[0].id, result: 'passed' }] });
    await call(router, 'training.attendance.add', { sessionId: audit.id, entries: [{ staffId: people[2].id, result: 'passed' }, { staffId: people[1].id, result: 'failed' }] });

    const byProvince = await call(router, 'training.figures', { groupBy: 'province' });
    expect(byProvince.rows).toHaveLength(1);
    expect(byProvince.rows[0].label).toBe('31 · BHXH Hải Phòng');
    expect(byProvince.rows[0].counts[course('NT').id]).toBe(3);
    expect(byProvince.rows[0].counts[course('DGNB').id]).toBe(1);
    const byUnit = await call(router, 'training.figures', { groupBy: 'unit' });
    expect(byUnit.rows.map((r: any) => [r.label, r.counts[course('NT').id], r.people])).toEqual([
      ['3101 · BHXH quận Hồng Bàng', 2, 2],
      ['3102 · BHXH quận Ngô Quyền', 1, 1],
    ]);
    const byYear = await call(router, 'training.figures', { groupBy: 'year' });
    expect(byYear.rows.map((r: any) => [r.key, r.counts[course('NT').id]])).toEqual([
      ['2012', 3],
      ['2013', 1],
    ]);
    const period = await call(router, 'training.figures', { groupBy: 'province', from: '2013-01-01', to: '2013-12-31' });
    expect(period.total.counts[course('NT').id]).toBe(1);
    const names = await call(router, 'training.figures.names', { groupBy: 'unit', groupKey: hongBang.id, courseTypeId: course('NT').id });
    expect(names.map((n: any) => n.fullName).sort()).toEqual(['Nguyễn Văn Hai', 'Nguyễn Văn Một']);
    const auditNames = await call(router, 'training.figures.names', { groupBy: 'province', groupKey: '*', courseTypeId: course('DGNB').id });
    expect(auditNames.map((n: any) => n.fullName)).toEqual(['Nguyễn Văn Ba']);

    // Waves: a district with no membership of its own counts in its province's wave.
    const wave = await call(router, 'waves.create', { name: 'Triển khai điểm', plannedStart: '2012-11-01', plannedEnd: '2013-04-30' });
    await call(router, 'waves.addMembers', { waveId: wave.id, unitIds: [t.province.id] });
    const byWave = await call(router, 'training.figures', { groupBy: 'wave', waveId: wave.id });
    expect(byWave.rows.map((r: any) => [r.label, r.counts[course('NT').id]])).toEqual([['Triển khai điểm', 3]]);
  });
});
