import { describe, expect, it } from 'vitest';
import { call, tempWorkspace } from '../../support/workspace';

const count = (ws: { sqlite: any }, sql: string) => (ws.sqlite.prepare(sql).get() as { n: number }).n;

async function approve(router: any, procedureId: string, decisionNo: string, decisionDate: string) {
  const v = await call(router, 'versions.createDraft', { procedureId });
  await call(router, 'versions.submit', { id: v.id });
  return call(router, 'versions.approve', { id: v.id, decisionNo, decisionDate, signer: 'Giám đốc' });
}

describe('adoption matrix: which version each unit applies', () => {
  it('applies a version to all districts of a wave in one action, and flags them when a new version is approved', { timeout: 90_000 }, async () => {
    const { ws, router } = tempWorkspace({ now: '2015-01-01T08:00:00Z', demo: true });
    await call(router, 'procedures.loadStarter', {});
    const [thu] = await call(router, 'procedures.list', { query: 'QT-THU-01' });
    const v1 = await approve(router, thu.id, '10/QĐ-BHXH', '2013-01-15');
    const waves = await call(router, 'waves.list', {});
    const pilot = waves.find((w: any) => /điểm/.test(w.name));
    const before = count(ws, 'select count(*) n from change_log');
    const res = await call(router, 'adoption.applyToWave', { versionId: v1.id, waveId: pilot.id, since: '2013-02-01' });
    expect(res.applied).toBe(30); // the 30 pilot districts of Hải Phòng, Bà Rịa - Vũng Tàu and Đà Nẵng
    expect(count(ws, 'select count(*) n from change_log') - before).toBe(30);
    // Doing it again changes nothing.
    expect(await call(router, 'adoption.applyToWave', { versionId: v1.id, waveId: pilot.id, since: '2013-02-01' })).toEqual({ applied: 0, unchanged: 30 });

    let matrix = await call(router, 'adoption.matrix', { unitType: 'district', waveId: pilot.id });
    expect(matrix.units).toHaveLength(30);
    expect(matrix.cells.filter((c: any) => c.procedureId === thu.id).every((c: any) => c.state === 'current' && c.versionNo === 1)).toBe(true);
    expect(matrix.units[0]).toMatchObject({ current: 1, outdated: 0, missing: matrix.procedures.length - 1 });

    // Version 2 is approved: every district still on version 1 is out of date.
    const v2 = await approve(router, thu.id, '20/QĐ-BHXH', '2014-06-01');
    matrix = await call(router, 'adoption.matrix', { unitType: 'district', waveId: pilot.id });
    expect(matrix.cells.filter((c: any) => c.state === 'outdated')).toHaveLength(30);
    expect(matrix.procedures.find((p: any) => p.id === thu.id).currentVersionNo).toBe(2);
    expect((await call(router, 'procedures.alerts', {})).outdatedAdoptions).toBe(30);
    // One district moves to version 2 with a local note.
    const d = matrix.units[0];
    await call(router, 'adoption.apply', { unitId: d.id, versionId: v2.id, since: '2014-07-01', localNote: 'Bổ sung bước tiếp nhận qua bưu điện' });
    const adoptions = (await call(router, 'procedures.get', { id: thu.id })).adoptions;
    expect(adoptions.find((a: any) => a.unitId === d.id)).toMatchObject({ versionNo: 2, state: 'current', localNote: 'Bổ sung bước tiếp nhận qua bưu điện' });
    expect(adoptions.filter((a: any) => a.state === 'outdated')).toHaveLength(29);
    // One row per unit and procedure, whatever the number of versions applied.
    expect(count(ws, `select count(*) n from adoptions where procedure_id='${thu.id}'`)).toBe(30);
  });

  it('refuses drafts, superseded versions, dates before issue and waves with no such units', { timeout: 90_000 }, async () => {
    const { ws, router } = tempWorkspace({ now: '2015-01-01T08:00:00Z', demo: true });
    const p = await call(router, 'procedures.create', { code: 'QT-CT-09', title: 'Chi trả', domain: 'chi_tra', origin: 'province' });
    const v1 = await approve(router, p.id, '1/QĐ-BHXH', '2013-01-01');
    const draft = await call(router, 'versions.createDraft', { procedureId: p.id });
    const [district] = await call(router, 'units.list', { type: 'district' });
    const before = count(ws, 'select count(*) n from change_log');
    const e1 = await router.call('adoption.apply', { unitId: district.id, versionId: draft.id, since: '2014-01-01' });
    expect(!e1.ok && e1.error.code).toBe('VERSION_NOT_APPROVED');
    const e2 = await router.call('adoption.apply', { unitId: district.id, versionId: v1.id, since: '2012-12-31' });
    expect(!e2.ok && e2.error.message.vi).toBe('Áp dụng từ ngày không được trước Ngày ban hành.');
    const waves = await call(router, 'waves.list', {});
    const wave2 = waves.find((w: any) => /Đợt 2/.test(w.name));
    const e3 = await router.call('adoption.applyToWave', { versionId: v1.id, waveId: wave2.id, unitType: 'affiliated', since: '2014-01-01' });
    expect(!e3.ok && e3.error.code).toBe('WAVE_NO_UNITS');
    expect(count(ws, 'select count(*) n from change_log')).toBe(before);
  });
});
