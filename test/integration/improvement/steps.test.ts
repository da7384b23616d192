import { describe, expect, it } from 'vitest';
import { call } from '../../support/workspace';
import { codeOf, district, lead, stepsOneTwoDone } from './helpers';

const boardRow = async (router: any, unitId: string) => (await call(router, 'board.get', {})).rows.find((r: any) => r.unitId === unitId);

describe('steps 3 and 4 follow the records and show on the rollout board', () => {
  it('a self-declaration completes step 3; an audit and a review after it complete step 4', async () => {
    const { router, unitId } = await district('2016-03-01');
    await stepsOneTwoDone(router, unitId);
    let row = await boardRow(router, unitId);
    expect(row.currentStep).toBe(3);

    await call(router, 'declarations.record', {
      unitId,
      decisionNo: '125/QĐ-BHXH',
      decisionDate: '2015-01-15',
      signer: 'Nguyễn Văn An',
      standard: '2008',
      scope: ['THU', 'CSXH'],
      notifiedDate: '2015-01-20',
    });
    row = await boardRow(router, unitId);
    expect(row.steps[2]).toMatchObject({ step: 3, status: 'done', actualEnd: '2015-01-15' });
    expect(row.currentStep).toBe(4);
    expect(row.steps[3].status).toBe('not_started');
    const detail = await call(router, 'units.get', { id: unitId });
    expect(detail.steps[2].evidence).toContain('125/QĐ-BHXH');

    const audit = await call(router, 'audits.plan', {
      unitId,
      title: 'Đánh giá nội bộ năm 2015',
      plannedStart: '2015-10-05',
      clauses: ['4.2.3', '8.2.2'],
      team: [lead()],
    });
    row = await boardRow(router, unitId);
    expect(row.steps[3].status).toBe('not_started'); // a plan is not yet maintenance work
    await call(router, 'audits.update', { id: audit.id, actualStart: '2015-10-05', actualEnd: '2015-10-07', status: 'done' });
    row = await boardRow(router, unitId);
    expect(row.steps[3]).toMatchObject({ status: 'in_progress', actualEnd: null });

    await call(router, 'reviews.record', { unitId, reviewDate: '2015-12-10', chair: 'Nguyễn Văn An' });
    row = await boardRow(router, unitId);
    expect(row.steps[3]).toMatchObject({ status: 'done', actualEnd: '2015-12-10' });
    expect(row.currentStep).toBe(5);
    const board = await call(router, 'board.get', {});
    expect(board.atStep[5]).toBe(1);
  });

  it('a pre-2014 certificate completes step 3 on its issue date; an external assessment alone puts it in progress', async () => {
    const { router, unitId } = await district('2013-06-01');
    await stepsOneTwoDone(router, unitId, '2012-12-01', '2013-03-01');
    const certifier = await call(router, 'orgs.create', { kind: 'certifier', name: 'Trung tâm Chứng nhận Phù hợp QUACERT', registrationNo: '01/TĐC' });
    await call(router, 'assessments.record', { unitId, organisationId: certifier.id, kind: 'stage1', startDate: '2013-04-02', leadAssessor: 'Phạm Minh' });
    let row = await boardRow(router, unitId);
    expect(row.steps[2]).toMatchObject({ status: 'in_progress' });
    await call(router, 'certificates.record', {
      unitId,
      organisationId: certifier.id,
      number: 'HT 2013-0412',
      issuer: 'QUACERT',
      standard: '2008',
      scope: ['THU'],
      issueDate: '2013-05-20',
    });
    row = await boardRow(router, unitId);
    expect(row.steps[2]).toMatchObject({ status: 'done', actualEnd: '2013-05-20' });
  });

  it('does not complete step 3 before step 2 is done: it is marked in progress, and completes when synced later', async () => {
    const { router, unitId } = await district('2016-03-01');
    await call(router, 'declarations.record', { unitId, decisionNo: '12/QĐ-BHXH', decisionDate: '2015-02-01', standard: '2008', scope: ['THU'] });
    let row = await boardRow(router, unitId);
    expect(row.steps[2].status).toBe('in_progress');
    await stepsOneTwoDone(router, unitId);
    await call(router, 'improvement.syncSteps', { unitId });
    row = await boardRow(router, unitId);
    expect(row.steps[2]).toMatchObject({ status: 'done', actualEnd: '2015-02-01' });
  });

  it('never moves a step back: step 3 done by hand stays done without records', async () => {
    const { router, unitId } = await district('2016-03-01');
    await stepsOneTwoDone(router, unitId);
    await call(router, 'steps.update', { unitId, step: 3, status: 'done', actualEnd: '2015-01-01' });
    expect(await codeOf(router, 'improvement.syncSteps', { unitId })).toBe('ok');
    expect((await boardRow(router, unitId)).steps[2].status).toBe('done');
  });
});
