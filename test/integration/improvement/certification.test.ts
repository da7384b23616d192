import { describe, expect, it } from 'vitest';
import { call, tempWorkspace } from '../../support/workspace';
import { changes, codeOf, district } from './helpers';

const cert = (unitId: string, extra: Record<string, unknown> = {}) => ({
  unitId,
  number: 'HT 2012-0101',
  issuer: 'QUACERT',
  standard: '2008',
  scope: ['THU', 'CAP_SO_THE'],
  issueDate: '2012-10-15',
  ...extra,
});

const alertsAt = async (now: string, setup: (router: any, unitId: string) => Promise<void>) => {
  const t = await district(now);
  await setup(t.router, t.unitId);
  return (await call(t.router, 'certification.get', { unitId: t.unitId })).alerts.map((a: any) => `${a.kind}@${a.date}`);
};

describe('certificates: three-year validity, yearly surveillance, alerts 90 days ahead', () => {
  it('defaults the expiry to three years after issue and schedules two surveillance audits', async () => {
    const { router, unitId } = await district('2013-01-10');
    const c = await call(router, 'certificates.record', cert(unitId));
    expect(c.expiryDate).toBe('2015-10-15');
    const got = await call(router, 'certification.get', { unitId });
    expect(got.certificates[0].surveillance).toEqual([
      { due: '2013-10-15', doneOn: null },
      { due: '2014-10-15', doneOn: null },
    ]);
    expect(got.certificates[0].scope).toEqual(['THU', 'CAP_SO_THE']);
    expect(got.alerts).toEqual([]); // first surveillance is more than 90 days away
  });

  it('warns of a surveillance audit due within 90 days, then that it was missed, and stops once it is held', async () => {
    expect(await alertsAt('2013-07-20', async (r, u) => void (await call(r, 'certificates.record', cert(u))))).toEqual([
      'surveillance_due@2013-10-15',
    ]);
    expect(await alertsAt('2013-10-16', async (r, u) => void (await call(r, 'certificates.record', cert(u))))).toEqual([
      'surveillance_missed@2013-10-15',
    ]);
    expect(
      await alertsAt('2013-10-16', async (r, u) => {
        await call(r, 'certificates.record', cert(u));
        await call(r, 'assessments.record', { unitId: u, kind: 'surveillance', startDate: '2013-10-10', leadAssessor: 'Lê Hùng' });
      }),
    ).toEqual([]);
  });

  it('warns 90 days before expiry and after it, unless the unit has since self-declared', async () => {
    const held = async (r: any, u: string) => {
      await call(r, 'certificates.record', cert(u));
      await call(r, 'assessments.record', { unitId: u, kind: 'surveillance', startDate: '2013-10-01' });
      await call(r, 'assessments.record', { unitId: u, kind: 'surveillance', startDate: '2014-10-01' });
    };
    expect(await alertsAt('2015-07-16', held)).toEqual([]); // 91 days before
    expect(await alertsAt('2015-07-17', held)).toEqual(['expiring@2015-10-15']);
    expect(await alertsAt('2015-10-16', held)).toEqual(['expired@2015-10-15']);
    expect(
      await alertsAt('2015-10-16', async (r, u) => {
        await held(r, u);
        await call(r, 'declarations.record', { unitId: u, decisionNo: '45/QĐ-BHXH', decisionDate: '2015-09-01', standard: '2008', scope: ['THU'] });
      }),
    ).toEqual([]);
  });

  it('refuses an expiry before the issue date, a missing scope and a duplicate number, saving nothing', async () => {
    const { ws, router, unitId } = await district('2013-06-01');
    const before = changes(ws);
    const bad = await router.call('certificates.record', cert(unitId, { expiryDate: '2012-10-01' }));
    expect(!bad.ok && bad.error.code).toBe('CERT_EXPIRY_BEFORE_ISSUE');
    if (!bad.ok) expect(bad.error.message.vi).toBe('Ngày hết hạn (01/10/2012) của chứng chỉ phải sau ngày cấp (15/10/2012).');
    expect(await codeOf(router, 'certificates.record', cert(unitId, { scope: [] }))).toBe('SCOPE_EMPTY');
    expect(await codeOf(router, 'certificates.record', cert(unitId, { issueDate: '2013-07-01' }))).toBe('DATE_IN_FUTURE');
    expect(changes(ws)).toBe(before);
    await call(router, 'certificates.record', cert(unitId));
    expect(await codeOf(router, 'certificates.record', cert(unitId, { number: 'ht 2012-0101' }))).toBe('CERT_NUMBER_TAKEN');
  });
});

describe('self-declaration and re-declaration', () => {
  it('flags a re-declaration when a procedure enters the scope after the declaration, and clears it on re-declaring', async () => {
    const { router, unitId } = await district('2017-05-01');
    await call(router, 'scopeCodes.add', { unitId, code: 'THU', addedDate: '2014-12-01' });
    await call(router, 'declarations.record', {
      unitId,
      decisionNo: '88/QĐ-BHXH',
      decisionDate: '2015-03-05',
      signer: 'Nguyễn Văn An',
      standard: '2008',
      scope: ['THU'],
      notifiedDate: '2015-03-06',
      postedDate: '2015-03-06',
    });
    let state = (await call(router, 'certification.get', { unitId })).redeclaration;
    expect(state.required).toBe(false);
    await call(router, 'scopeCodes.add', { unitId, code: 'CSXH.01', addedDate: '2016-07-01' });
    state = (await call(router, 'certification.get', { unitId })).redeclaration;
    expect(state.required).toBe(true);
    expect(state.newCodes.map((c: any) => c.code)).toEqual(['CSXH.01']);
    const health = await call(router, 'health.get', { unitId });
    expect(health.issues.map((i: any) => i.code)).toContain('redeclaration_needed');
    await call(router, 'declarations.record', { unitId, decisionNo: '210/QĐ-BHXH', decisionDate: '2016-08-01', standard: '2008', scope: ['THU', 'CSXH.01'] });
    state = (await call(router, 'certification.get', { unitId })).redeclaration;
    expect(state.required).toBe(false);
    expect(state.declaration.decisionNo).toBe('210/QĐ-BHXH');
  });

  it('uses a wired scope source (the procedures area) instead of its own list', async () => {
    const { wireImprovementPorts, resetImprovementPorts } = await import('../../../electron/services/improvement/ports');
    const { router, unitId } = await district('2017-05-01');
    await call(router, 'declarations.record', { unitId, decisionNo: '88/QĐ-BHXH', decisionDate: '2015-03-05', standard: '2008', scope: ['THU'] });
    wireImprovementPorts({ scope: () => [{ code: 'THU', addedDate: '2014-01-01' }, { code: 'CHI.02', addedDate: '2016-01-01' }] });
    try {
      const state = (await call(router, 'certification.get', { unitId })).redeclaration;
      expect(state.newCodes.map((c: any) => c.code)).toEqual(['CHI.02']);
    } finally {
      resetImprovementPorts();
    }
  });

  it('refuses a declaration before 2014, a bad decision number, notice before the decision, and a duplicate scope code', async () => {
    const { ws, router, unitId } = await district('2015-06-01');
    const base = { unitId, decisionNo: '12/QĐ-BHXH', decisionDate: '2015-02-01', standard: '2008', scope: ['THU'] };
    const before = changes(ws);
    expect(await codeOf(router, 'declarations.record', { ...base, decisionDate: '2013-12-31' })).toBe('DECLARATION_BEFORE_2014');
    expect(await codeOf(router, 'declarations.record', { ...base, decisionNo: 'QĐ 12' })).toBe('DECISION_NO_FORMAT');
    expect(await codeOf(router, 'declarations.record', { ...base, notifiedDate: '2015-01-20' })).toBe('DATE_ORDER');
    expect(await codeOf(router, 'declarations.record', { ...base, scope: [] })).toBe('SCOPE_EMPTY');
    expect(changes(ws)).toBe(before);
    await call(router, 'scopeCodes.add', { unitId, code: 'THU', addedDate: '2015-01-01' });
    expect(await codeOf(router, 'scopeCodes.add', { unitId, code: 'thu', addedDate: '2015-01-01' })).toBe('SCOPE_CODE_DUPLICATE');
  });
});

describe('organisations', () => {
  it('records a consultant, the units it serves with contract value, and refuses an end before the start', async () => {
    const { router } = tempWorkspace({ now: '2013-06-01T08:00:00Z' });
    const [p] = await call(router, 'units.list', { type: 'province' });
    const org = await call(router, 'orgs.create', { kind: 'consultant', name: 'Công ty Tư vấn ISO Việt', contacts: '0225 3 123 456' });
    await call(router, 'orgs.addEngagement', { organisationId: org.id, unitId: p.id, service: 'consulting', contractValue: 45_000_000, startDate: '2012-11-01', endDate: '2013-04-30' });
    expect(await codeOf(router, 'orgs.addEngagement', { organisationId: org.id, unitId: p.id, service: 'consulting', startDate: '2013-05-01', endDate: '2013-04-30' })).toBe('DATE_ORDER');
    const [listed] = await call(router, 'orgs.list', { kind: 'consultant' });
    expect(listed.engagements).toHaveLength(1);
    expect(listed.engagements[0]).toMatchObject({ unitName: 'BHXH Hải Phòng', contractValue: 45_000_000 });
  });
});
