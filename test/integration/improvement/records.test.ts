import { describe, expect, it } from 'vitest';
import { call } from '../../support/workspace';
import { changes, codeOf, count, district } from './helpers';

describe('inspections: record, correct and remove, with the 2-month deadline after the minutes', () => {
  const inspection = (unitId: string, extra: Record<string, unknown> = {}) => ({
    unitId,
    inspector: 'BHXH Việt Nam - Văn phòng',
    inspectionDate: '2016-02-01',
    minutesNo: '15/BB-KT',
    minutesDate: '2016-02-03',
    ...extra,
  });
  const finding = (inspectionId: string, action: Record<string, unknown> = {}) => ({
    source: 'inspection',
    inspectionId,
    severity: 'minor',
    procedureCode: 'THU.02',
    description: 'Chưa niêm yết quy trình tại bộ phận một cửa',
    foundDate: '2016-02-01',
    correctiveAction: { owner: 'Phòng Thu', openedDate: '2016-02-03', ...action },
  });

  it('gives a finding’s action the deadline two months after the minutes, lists the inspection with it', async () => {
    const { router, unitId } = await district('2016-03-01');
    const i = await call(router, 'inspections.record', inspection(unitId));
    const { action } = await call(router, 'findings.record', finding(i.id));
    expect(action.dueDate).toBe('2016-04-03');
    const [listed] = await call(router, 'inspections.list', { unitId });
    expect(listed).toMatchObject({ id: i.id, deadline: '2016-04-03', minutesNo: '15/BB-KT', onSite: true });
    const found = await call(router, 'findings.list', { unitId });
    expect(found.map((f: any) => [f.inspectionId, f.actions.length])).toEqual([[i.id, 1]]);
  });

  it('corrects an inspection, but refuses to move the minutes so that an open action falls past the new deadline', async () => {
    const { ws, router, unitId } = await district('2016-03-01');
    const i = await call(router, 'inspections.record', inspection(unitId));
    const { action } = await call(router, 'findings.record', finding(i.id, { dueDate: '2016-04-01' }));
    const before = changes(ws);
    const bad = await router.call('inspections.update', { id: i.id, minutesDate: '2016-01-20' });
    expect(!bad.ok && bad.error.code).toBe('DATE_ORDER');
    expect(changes(ws)).toBe(before);
    const moved = await router.call('inspections.update', { id: i.id, inspectionDate: '2016-01-10', minutesDate: '2016-01-20' });
    expect(!moved.ok && moved.error.code).toBe('INSPECTION_DEADLINE_MOVED');
    if (!moved.ok) {
      expect(moved.error.message.vi).toBe(
        'Không thể đổi ngày biên bản: hành động "Chưa niêm yết quy trình tại bộ phận một cửa" có hạn 01/04/2016, quá thời hạn 2 tháng mới (20/03/2016). Hãy sửa hạn của hành động trước.',
      );
    }
    expect(await codeOf(router, 'inspections.update', { id: i.id, inspector: '  ' })).toBe('REQUIRED');
    expect(await codeOf(router, 'inspections.update', { id: i.id, minutesDate: '2016-03-02' })).toBe('DATE_IN_FUTURE');
    expect(changes(ws)).toBe(before);

    await call(router, 'actions.update', { id: action.id, dueDate: '2016-03-15' });
    const ok = await call(router, 'inspections.update', { id: i.id, inspectionDate: '2016-01-10', minutesDate: '2016-01-20', onSite: false, inspector: 'Đoàn kiểm tra BHXH tỉnh' });
    expect(ok).toMatchObject({ minutesDate: '2016-01-20', onSite: false, inspector: 'Đoàn kiểm tra BHXH tỉnh', minutesNo: '15/BB-KT' });
    const [listed] = await call(router, 'inspections.list', { unitId });
    expect(listed.deadline).toBe('2016-03-20');
  });

  it('removes an inspection with its findings and their actions', async () => {
    const { ws, router, unitId } = await district('2016-03-01');
    const i = await call(router, 'inspections.record', inspection(unitId));
    await call(router, 'findings.record', finding(i.id));
    await call(router, 'inspections.delete', { id: i.id });
    expect(await call(router, 'inspections.list', { unitId })).toEqual([]);
    expect(await call(router, 'findings.list', { unitId })).toEqual([]);
    expect((await call(router, 'actions.list', { unitId })).rows).toEqual([]);
    expect(count(ws, 'select count(*) n from corrective_actions where deleted = 1')).toBe(1);
    expect(await codeOf(router, 'inspections.delete', { id: i.id })).toBe('NOT_FOUND');
  });
});

describe('organisations: names, edits and engagements', () => {
  it('refuses a second organisation of the same kind with the same name, ignoring case and diacritics', async () => {
    const { ws, router, province } = await district('2013-06-01');
    const org = await call(router, 'orgs.create', { kind: 'certifier', name: 'Trung tâm Chứng nhận Phù hợp QUACERT' });
    const before = changes(ws);
    const bad = await router.call('orgs.create', { kind: 'certifier', name: 'trung tam chung nhan phu hop quacert' });
    expect(!bad.ok && bad.error.code).toBe('ORG_NAME_TAKEN');
    if (!bad.ok) expect(bad.error.message.vi).toBe('Đã có tổ chức cùng loại tên "Trung tâm Chứng nhận Phù hợp QUACERT".');
    expect(changes(ws)).toBe(before);
    // A consultant may share the name of a certification body.
    const consultant = await call(router, 'orgs.create', { kind: 'consultant', name: 'Trung tâm Chứng nhận Phù hợp QUACERT' });
    expect(await codeOf(router, 'orgs.update', { id: consultant.id, kind: 'certifier' })).toBe('ORG_NAME_TAKEN');
    const renamed = await call(router, 'orgs.update', { id: org.id, name: 'QUACERT', registrationNo: '123/TĐC-HCHQ' });
    expect(renamed).toMatchObject({ name: 'QUACERT', registrationNo: '123/TĐC-HCHQ' });

    const e = await call(router, 'orgs.addEngagement', { organisationId: org.id, unitId: province.id, service: 'certification', contractNo: '05/2012/HĐ', contractValue: 38_500_000, startDate: '2012-10-01' });
    expect((await call(router, 'orgs.engagements', { unitId: province.id })).map((x: any) => x.organisationName)).toEqual(['QUACERT']);
    await call(router, 'orgs.deleteEngagement', { id: e.id });
    expect(await call(router, 'orgs.engagements', { organisationId: org.id })).toEqual([]);
    await call(router, 'orgs.addEngagement', { organisationId: org.id, unitId: province.id, service: 'certification' });
    await call(router, 'orgs.delete', { id: org.id });
    expect(await call(router, 'orgs.engagements', {})).toEqual([]);
    expect((await call(router, 'orgs.list', {})).map((o: any) => o.kind)).toEqual(['consultant']);
  });
});

describe('quality policy versions and management reviews after the meeting', () => {
  it('keeps every issued policy, the latest in force', async () => {
    const { router, unitId } = await district('2016-03-01');
    await call(router, 'objectives.setPolicy', { unitId, issuedDate: '2014-01-10', decisionNo: '05/QĐ-BHXH', body: 'Chính sách 2014' });
    await call(router, 'objectives.setPolicy', { unitId, issuedDate: '2016-01-04', body: 'Chính sách 2016' });
    const got = await call(router, 'objectives.list', { unitId });
    expect(got.policy.body).toBe('Chính sách 2016');
    expect(got.policies.map((p: any) => p.body)).toEqual(['Chính sách 2016', 'Chính sách 2014']);
    expect(await codeOf(router, 'objectives.setPolicy', { unitId, issuedDate: '2016-01-04', decisionNo: 'QĐ5', body: 'x' })).toBe('DECISION_NO_FORMAT');
    expect(await codeOf(router, 'objectives.setPolicy', { unitId, issuedDate: '2016-01-04', body: ' ' })).toBe('REQUIRED');
  });

  it('edits a saved review and adds a decision that becomes a tracked action from the meeting date', async () => {
    const { ws, router, unitId } = await district('2016-03-01');
    const { review } = await call(router, 'reviews.record', { unitId, reviewDate: '2015-12-20', chair: 'Nguyễn Văn An' });
    await call(router, 'reviews.update', { id: review.id, minutesNo: '09/BB-XXLĐ', conclusions: 'HTQLCL phù hợp, có hiệu lực', inputs: { auditResults: '2 KPH nhẹ' } });
    const action = await call(router, 'reviews.addDecision', { reviewId: review.id, title: 'Rà soát quy trình thu', owner: 'Phòng Thu', dueDate: '2016-04-30' });
    expect(action).toMatchObject({ source: 'management_review', reviewId: review.id, openedDate: '2015-12-20', status: 'open' });
    const [listed] = await call(router, 'reviews.list', { unitId });
    expect(listed).toMatchObject({ minutesNo: '09/BB-XXLĐ', conclusions: 'HTQLCL phù hợp, có hiệu lực', inputs: { auditResults: '2 KPH nhẹ' } });
    expect(listed.actions.map((a: any) => a.title)).toEqual(['Rà soát quy trình thu']);
    expect((await call(router, 'actions.list', { unitId })).rows.map((a: any) => a.title)).toEqual(['Rà soát quy trình thu']);

    const before = changes(ws);
    expect(await codeOf(router, 'reviews.update', { id: review.id, chair: '' })).toBe('REQUIRED');
    const future = await router.call('reviews.update', { id: review.id, reviewDate: '2016-03-02' });
    expect(!future.ok && future.error.message.vi).toBe('Ngày họp xem xét của lãnh đạo không được sau ngày hôm nay.');
    expect(await codeOf(router, 'reviews.addDecision', { reviewId: review.id, title: 'X', owner: 'Y', dueDate: '2015-12-01' })).toBe('DATE_ORDER');
    expect(changes(ws)).toBe(before);
  });
});
