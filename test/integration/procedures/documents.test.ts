import { describe, expect, it } from 'vitest';
import { call, tempWorkspace } from '../../support/workspace';

const count = (ws: { sqlite: any }, sql: string) => (ws.sqlite.prepare(sql).get() as { n: number }).n;
const changes = (ws: { sqlite: any }) => count(ws, 'select count(*) n from change_log');

async function procedureWithApprovedVersion(router: any, code = 'QT-THU-09') {
  const p = await call(router, 'procedures.create', { code, title: 'Quy trình thu thử nghiệm', domain: 'thu', origin: 'province', ownerRole: 'Phòng Thu' });
  const v1 = await call(router, 'versions.createDraft', { procedureId: p.id, summary: 'Ban hành lần đầu' });
  await call(router, 'versions.submit', { id: v1.id });
  await call(router, 'versions.approve', { id: v1.id, decisionNo: '100/QĐ-BHXH', decisionDate: '2013-01-10', signer: 'Nguyễn Văn An' });
  return { p, v1 };
}

describe('procedures: catalogue and document control', () => {
  it('loads the starter catalogue once, with the six mandatory 2008 internal procedures, as reference', async () => {
    const { router } = tempWorkspace();
    const first = await call(router, 'procedures.loadStarter', {});
    expect(first.added).toBeGreaterThanOrEqual(23);
    const again = await call(router, 'procedures.loadStarter', {});
    expect(again.added).toBe(0);
    const internal = await call(router, 'procedures.list', { domain: 'noi_bo' });
    expect(internal.map((p: any) => p.title)).toEqual([
      'Quy trình kiểm soát tài liệu',
      'Quy trình kiểm soát hồ sơ',
      'Quy trình đánh giá nội bộ',
      'Quy trình kiểm soát sản phẩm không phù hợp',
      'Quy trình hành động khắc phục',
      'Quy trình hành động phòng ngừa',
    ]);
    expect(internal.every((p: any) => p.reference && p.origin === 'hq' && p.status === 'none')).toBe(true);
    const domains = new Set((await call(router, 'procedures.list', {})).map((p: any) => p.domain));
    expect([...domains].sort()).toEqual(['chi_tra', 'cs_bhxh', 'cs_bhyt', 'noi_bo', 'so_the', 'thu']);
  });

  it('approving a version supersedes the previous one: never two approved versions at once', async () => {
    const { ws, router } = tempWorkspace({ now: '2014-06-01T08:00:00Z' });
    const { p, v1 } = await procedureWithApprovedVersion(router);
    let detail = await call(router, 'procedures.get', { id: p.id });
    expect(detail.procedure.currentVersionId).toBe(v1.id);
    expect(detail.versions[0]).toMatchObject({ versionNo: 1, status: 'approved', issueDate: '2013-01-10', reviewDue: '2014-01-10' });

    const v2 = await call(router, 'versions.createDraft', { procedureId: p.id, summary: 'Rút ngắn thời hạn giải quyết' });
    expect(v2.versionNo).toBe(2);
    // Only one open revision at a time.
    const second = await router.call('versions.createDraft', { procedureId: p.id });
    expect(!second.ok && second.error.code).toBe('VERSION_OPEN_EXISTS');
    // Approval needs the review step first.
    const early = await router.call('versions.approve', { id: v2.id, decisionNo: '200/QĐ-BHXH', decisionDate: '2014-03-01', signer: 'Nguyễn Văn An' });
    expect(!early.ok && early.error.code).toBe('VERSION_NOT_IN_REVIEW');
    await call(router, 'versions.submit', { id: v2.id });
    await call(router, 'versions.approve', { id: v2.id, decisionNo: '200/QĐ-BHXH', decisionDate: '2014-03-01', signer: 'Nguyễn Văn An', reviewDue: '2014-09-01' });
    detail = await call(router, 'procedures.get', { id: p.id });
    expect(detail.versions.map((v: any) => [v.versionNo, v.status])).toEqual([
      [2, 'approved'],
      [1, 'superseded'],
    ]);
    expect(detail.versions[1].endDate).toBe('2014-03-01');
    expect(count(ws, `select count(*) n from procedure_versions where procedure_id='${p.id}' and status='approved'`)).toBe(1);
    // Approved history is not rewritten.
    const edit = await router.call('versions.update', { id: v1.id, summary: 'khác' });
    expect(!edit.ok && edit.error.code).toBe('VERSION_LOCKED');
    // The metadata diff between versions.
    const diff = await call(router, 'versions.diff', { fromId: v1.id, toId: v2.id });
    const fields = Object.fromEntries(diff.changes.map((c: any) => [c.field, [c.before, c.after]]));
    expect(fields.decisionNo).toEqual(['100/QĐ-BHXH', '200/QĐ-BHXH']);
    expect(fields.status).toEqual(['superseded', 'approved']);
    expect(fields.summary).toEqual(['Ban hành lần đầu', 'Rút ngắn thời hạn giải quyết']);
    expect(fields.signer).toBeUndefined();
  });

  it('withdraws: the procedure has no version in force and superseded versions cannot be withdrawn', async () => {
    const { router } = tempWorkspace({ now: '2014-06-01T08:00:00Z' });
    const { p, v1 } = await procedureWithApprovedVersion(router);
    const v2 = await call(router, 'versions.createDraft', { procedureId: p.id });
    await call(router, 'versions.submit', { id: v2.id });
    await call(router, 'versions.approve', { id: v2.id, decisionNo: '201/QĐ-BHXH', decisionDate: '2014-02-01', signer: 'A' });
    const old = await router.call('versions.withdraw', { id: v1.id, date: '2014-05-01' });
    expect(!old.ok && old.error.code).toBe('VERSION_NOT_WITHDRAWABLE');
    const before = await router.call('versions.withdraw', { id: v2.id, date: '2014-01-01' });
    expect(!before.ok && before.error.code).toBe('DATE_ORDER');
    await call(router, 'versions.withdraw', { id: v2.id, date: '2014-05-01', note: 'Bãi bỏ thủ tục' });
    const detail = await call(router, 'procedures.get', { id: p.id });
    expect(detail.procedure.currentVersionId).toBeNull();
    expect(detail.versions[0].status).toBe('withdrawn');
    const list = await call(router, 'procedures.list', { status: 'withdrawn' });
    expect(list.map((x: any) => x.code)).toEqual(['QT-THU-09']);
  });

  it('bad input on approval gets a clear, specific error and saves nothing', async () => {
    const { ws, router } = tempWorkspace({ now: '2014-06-01T08:00:00Z' });
    const p = await call(router, 'procedures.create', { code: 'qt thu 10', title: 'Thu', domain: 'thu', origin: 'district' });
    expect(p.code).toBe('QTTHU10');
    const v = await call(router, 'versions.createDraft', { procedureId: p.id });
    await call(router, 'versions.submit', { id: v.id });
    const before = changes(ws);
    const noNumber = await router.call('versions.approve', { id: v.id, decisionNo: '', decisionDate: '2014-01-10', signer: 'A' });
    expect(!noNumber.ok && noNumber.error.message).toEqual({ vi: 'Cần nhập Số quyết định.', en: 'Decision number is required.' });
    expect(!noNumber.ok && noNumber.error.field).toBe('decisionNo');
    const missing = await router.call('versions.approve', { id: v.id, decisionDate: '2014-01-10', signer: 'A' });
    expect(!missing.ok && missing.error.code).toBe('REQUIRED');
    const reviewBeforeIssue = await router.call('versions.approve', {
      id: v.id,
      decisionNo: '5/QĐ-BHXH',
      decisionDate: '2014-01-10',
      signer: 'A',
      reviewDue: '2013-12-31',
    });
    expect(!reviewBeforeIssue.ok && reviewBeforeIssue.error.message.vi).toBe('Hạn rà soát không được trước Ngày ban hành.');
    const future = await router.call('versions.approve', { id: v.id, decisionNo: '5/QĐ-BHXH', decisionDate: '2015-01-10', signer: 'A' });
    expect(!future.ok && future.error.code).toBe('DATE_IN_FUTURE');
    const noSigner = await router.call('versions.approve', { id: v.id, decisionNo: '5/QĐ-BHXH', decisionDate: '2014-01-10', signer: ' ' });
    expect(!noSigner.ok && noSigner.error.field).toBe('signer');
    const noCode = await router.call('procedures.create', { code: '', title: 'X', domain: 'thu', origin: 'hq' });
    expect(!noCode.ok && noCode.error.message.vi).toBe('Cần nhập Mã quy trình.');
    const dup = await router.call('procedures.create', { code: 'QTTHU10', title: 'X', domain: 'thu', origin: 'hq' });
    expect(!dup.ok && dup.error.code).toBe('PROCEDURE_CODE_TAKEN');
    expect(changes(ws)).toBe(before);
    expect((await call(router, 'procedures.get', { id: p.id })).versions[0].status).toBe('in_review');
  });

  it('counts down 3 months from a legal change and marks it folded in when the revision is approved', async () => {
    const { router } = tempWorkspace({ now: '2016-02-15T08:00:00Z' });
    const { p } = await procedureWithApprovedVersion(router);
    const change = await call(router, 'legalChanges.record', {
      procedureId: p.id,
      reference: 'Nghị định 115/2015/NĐ-CP',
      title: 'Quy định chi tiết về BHXH bắt buộc',
      effectiveDate: '2016-01-01',
    });
    expect(change.dueDate).toBe('2016-04-01');
    let alerts = await call(router, 'procedures.alerts', {});
    expect(alerts.legalChanges).toHaveLength(1);
    expect(alerts.legalChanges[0]).toMatchObject({ daysLeft: 46, overdue: false, procedureCode: 'QT-THU-09' });
    // The first version's review (issued 10/01/2013, 12 months) is long overdue.
    expect(alerts.reviewsDue[0]).toMatchObject({ code: 'QT-THU-09', reviewDue: '2014-01-10', overdue: true });

    const noRef = await router.call('versions.createDraft', { procedureId: p.id, reason: 'legal_change' });
    expect(!noRef.ok && noRef.error.code).toBe('LEGAL_CHANGE_REQUIRED');
    const v2 = await call(router, 'versions.createDraft', { procedureId: p.id, reason: 'legal_change', legalChangeId: change.id, summary: 'Cập nhật NĐ 115' });
    await call(router, 'versions.submit', { id: v2.id });
    await call(router, 'versions.approve', { id: v2.id, decisionNo: '300/QĐ-BHXH', decisionDate: '2016-02-10', signer: 'B' });
    alerts = await call(router, 'procedures.alerts', {});
    expect(alerts.legalChanges).toHaveLength(0);
    const all = await call(router, 'legalChanges.list', { procedureId: p.id });
    expect(all[0]).toMatchObject({ open: false, resolvedDate: '2016-02-10', overdue: false });
    // The review countdown restarted with the new version.
    expect(alerts.reviewsDue).toHaveLength(0);
    await call(router, 'versions.review', { id: v2.id, date: '2016-02-15' });
    expect((await call(router, 'procedures.get', { id: p.id })).versions[0]).toMatchObject({ lastReviewed: '2016-02-15', reviewDue: '2017-02-15' });
  });
});
