import { describe, expect, it } from 'vitest';
import { call } from '../../support/workspace';
import { changes, codeOf, count, district, lead } from './helpers';

const plan = (unitId: string, extra: Record<string, unknown> = {}) => ({
  unitId,
  title: 'Đánh giá nội bộ đợt 1 năm 2016',
  plannedStart: '2016-05-10',
  plannedEnd: '2016-05-12',
  clauses: ['8.2.2'],
  procedures: ['THU.01'],
  departments: ['Phòng Thu', 'Phòng Cấp sổ, thẻ'],
  checklist: ['Hồ sơ đăng ký thu có đủ chữ ký?'],
  team: [lead(), { role: 'member', fullName: 'Lê Thị Hoa', department: 'Phòng Thu', internalAuditCourse: true }],
  ...extra,
});

describe('internal audits: yearly programme, scope, team and independence', () => {
  it('puts each audit in its unit and year programme, one programme per year', async () => {
    const { router, unitId } = await district('2016-04-01');
    const a = await call(router, 'audits.plan', plan(unitId));
    const b = await call(router, 'audits.plan', plan(unitId, { title: 'Đợt 2', plannedStart: '2016-11-01', plannedEnd: null }));
    expect(a.programmeId).toBe(b.programmeId);
    expect(await codeOf(router, 'audits.createProgramme', { unitId, year: 2016 })).toBe('PROGRAMME_EXISTS');
    await call(router, 'audits.createProgramme', { unitId, year: 2017, approvedBy: 'Giám đốc' });
    const programmes = await call(router, 'audits.programmes', { unitId });
    expect(programmes.map((p: any) => [p.year, p.audits.length])).toEqual([
      [2016, 2],
      [2017, 0],
    ]);
    expect(await codeOf(router, 'audits.update', { id: a.id, plannedStart: '2017-01-10', plannedEnd: '2017-01-12' })).toBe('AUDIT_YEAR_MISMATCH');
  });

  it('warns when an auditor audits their own department or lacks the internal-audit course', async () => {
    const { router, unitId } = await district('2016-04-01');
    const a = await call(router, 'audits.plan', plan(unitId, {
      team: [lead(), { role: 'member', fullName: 'Lê Thị Hoa', department: 'phong thu', internalAuditCourse: false }],
    }));
    const got = await call(router, 'audits.get', { id: a.id });
    const hoa = got.team.find((m: any) => m.fullName === 'Lê Thị Hoa');
    expect(hoa.warnings).toEqual([{ kind: 'own_department', department: 'phong thu' }, { kind: 'no_course' }]);
    expect(got.team.find((m: any) => m.role === 'lead').warnings).toEqual([]);
    expect((await call(router, 'audits.list', { unitId }))[0]).toMatchObject({ lead: 'Trần Văn Bình', teamSize: 2, warnings: 2 });
  });

  it('asks the training register (when wired) whether an auditor with a staff id has the course', async () => {
    const { wireImprovementPorts, resetImprovementPorts } = await import('../../../electron/services/improvement/ports');
    const { router, unitId } = await district('2016-04-01');
    const a = await call(router, 'audits.plan', plan(unitId, {
      team: [lead({ staffId: 'NV-001', internalAuditCourse: true }), { role: 'member', fullName: 'Đỗ Minh', staffId: 'NV-002', department: 'Văn phòng' }],
    }));
    wireImprovementPorts({
      auditors: () => [
        { staffId: 'NV-001', fullName: 'Trần Văn Bình', department: 'Phòng KHTC', unitId, internalAuditCourse: false, certified: false },
        { staffId: 'NV-002', fullName: 'Đỗ Minh', department: 'Văn phòng', unitId, internalAuditCourse: true, certified: true },
      ],
    });
    try {
      const team = (await call(router, 'audits.get', { id: a.id })).team;
      expect(Object.fromEntries(team.map((m: any) => [m.fullName, m.warnings.map((w: any) => w.kind)]))).toEqual({
        'Trần Văn Bình': ['no_course'], // the register overrides what was declared
        'Đỗ Minh': [],
      });
    } finally {
      resetImprovementPorts();
    }
  });

  it('reads the training area’s register of certified auditors by staff id (the default wiring)', async () => {
    const { router, unitId, province } = await district('2016-04-01');
    const courses = await call(router, 'training.courses.list', {});
    const certifying = courses.find((c: any) => c.code === 'CGDG');
    const certified = await call(router, 'training.staff.create', { unitId: province.id, fullName: 'Đỗ Văn An', isoRole: 'internal_auditor', department: 'Văn phòng' });
    const untrained = await call(router, 'training.staff.create', { unitId: province.id, fullName: 'Vũ Thị Bích', isoRole: 'member', department: 'Phòng Thu' });
    const s = await call(router, 'training.sessions.create', { unitId: province.id, courseTypeId: certifying.id, startDate: '2015-02-01', endDate: '2015-02-05' });
    await call(router, 'training.attendance.add', { sessionId: s.id, entries: [{ staffId: certified.id, result: 'passed', certificateNo: 'CG-01', certificateDate: '2015-02-10' }] });
    const a = await call(router, 'audits.plan', plan(unitId, {
      team: [
        { role: 'lead', fullName: 'Đỗ Văn An', staffId: certified.id, department: 'Văn phòng' },
        { role: 'member', fullName: 'Vũ Thị Bích', staffId: untrained.id, department: 'Phòng Thu' },
      ],
    }));
    const team = (await call(router, 'audits.get', { id: a.id })).team;
    expect(Object.fromEntries(team.map((m: any) => [m.fullName, m.warnings.map((w: any) => w.kind)]))).toEqual({
      'Đỗ Văn An': [],
      'Vũ Thị Bích': ['own_department', 'no_course'],
    });
  });

  it('refuses an audit without scope, without exactly one lead, or with dates out of order, saving nothing', async () => {
    const { ws, router, unitId } = await district('2016-04-01');
    const before = changes(ws);
    expect(await codeOf(router, 'audits.plan', plan(unitId, { clauses: [], procedures: [], departments: [] }))).toBe('AUDIT_SCOPE_EMPTY');
    expect(await codeOf(router, 'audits.plan', plan(unitId, { team: [] }))).toBe('AUDIT_NEEDS_LEAD');
    expect(await codeOf(router, 'audits.plan', plan(unitId, { team: [lead(), lead({ fullName: 'B' })] }))).toBe('AUDIT_NEEDS_LEAD');
    expect(await codeOf(router, 'audits.plan', plan(unitId, { plannedEnd: '2016-05-01' }))).toBe('DATE_ORDER');
    expect(changes(ws)).toBe(before);
    const a = await call(router, 'audits.plan', plan(unitId));
    expect(await codeOf(router, 'audits.update', { id: a.id, status: 'done' })).toBe('AUDIT_DONE_NEEDS_DATE');
    expect(await codeOf(router, 'audits.update', { id: a.id, actualEnd: '2016-05-01', status: 'done' })).toBe('DATE_IN_FUTURE');
  });
});

describe('findings', () => {
  it('records a nonconformity with its corrective action in one step; the audit page shows both', async () => {
    const { router, unitId } = await district('2016-06-01');
    const a = await call(router, 'audits.plan', plan(unitId));
    await call(router, 'audits.update', { id: a.id, actualStart: '2016-05-10', actualEnd: '2016-05-12', status: 'done' });
    const { finding, action } = await call(router, 'findings.record', {
      source: 'internal_audit',
      auditId: a.id,
      severity: 'minor',
      clause: '4.2.4',
      procedureCode: 'THU.01',
      department: 'Phòng Thu',
      description: 'Hồ sơ lưu không có danh mục',
      evidence: 'Tủ hồ sơ 2015',
      foundDate: '2016-05-11',
      correctiveAction: { owner: 'Phạm Thị Lan', dueDate: '2016-07-11', rootCause: 'Chưa phổ biến biểu mẫu' },
    });
    expect(finding.unitId).toBe(unitId);
    expect(action).toMatchObject({ source: 'internal_audit', status: 'open', title: 'Hồ sơ lưu không có danh mục', dueDate: '2016-07-11' });
    const page = await call(router, 'audits.get', { id: a.id });
    expect(page.findings).toHaveLength(1);
    expect(page.findings[0].actions[0].owner).toBe('Phạm Thị Lan');
    expect((await call(router, 'audits.list', { unitId }))[0].nonconformities).toBe(1);
  });

  it('refuses a finding without clause or procedure, without its audit, or on a cancelled audit, saving nothing', async () => {
    const { ws, router, unitId } = await district('2016-06-01');
    const a = await call(router, 'audits.plan', plan(unitId));
    const base = { source: 'internal_audit', auditId: a.id, severity: 'major', description: 'Không có kế hoạch', foundDate: '2016-05-11' };
    const before = changes(ws);
    const res = await router.call('findings.record', { ...base, correctiveAction: { owner: 'X', dueDate: '2016-07-01' } });
    expect(!res.ok && res.error.code).toBe('FINDING_NEEDS_REFERENCE');
    if (!res.ok) expect(res.error.message.vi).toBe('Phát hiện cần ghi điều khoản tiêu chuẩn hoặc mã thủ tục.');
    expect(await codeOf(router, 'findings.record', { ...base, clause: '8.2.2', auditId: undefined })).toBe('FINDING_SOURCE_MISMATCH');
    expect(await codeOf(router, 'findings.record', { ...base, source: 'complaint', clause: '8.2.2' })).toBe('FINDING_SOURCE_MISMATCH');
    expect(await codeOf(router, 'findings.record', { ...base, clause: '8.2.2', correctiveAction: { owner: 'X', dueDate: '2016-04-01' } })).toBe('DATE_ORDER');
    expect(changes(ws)).toBe(before);
    expect(count(ws, 'select count(*) n from findings')).toBe(0);
    await call(router, 'audits.update', { id: a.id, status: 'cancelled' });
    expect(await codeOf(router, 'findings.record', { ...base, clause: '8.2.2' })).toBe('AUDIT_CANCELLED');
  });

  it('takes no corrective action for an observation', async () => {
    const { router, unitId } = await district('2016-06-01');
    const { finding } = await call(router, 'findings.record', {
      source: 'complaint', unitId, sourceRef: 'Đơn thư 12/2016', severity: 'observation', procedureCode: 'CSXH.05', description: 'Chậm trả kết quả', foundDate: '2016-05-01',
    });
    expect(await codeOf(router, 'actions.open', { findingId: finding.id, owner: 'A', dueDate: '2016-06-30' })).toBe('FINDING_OBSERVATION_NO_ACTION');
  });
});
