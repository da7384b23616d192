import { describe, expect, it } from 'vitest';
import { call, tempWorkspace } from '../../support/workspace';

const count = (ws: { sqlite: any }, sql: string) => (ws.sqlite.prepare(sql).get() as { n: number }).n;

describe('units: the tree, its history and its rules', () => {
  it('creates a district under its province with four steps, all in the change log', async () => {
    const { ws, router } = tempWorkspace({ now: '2013-06-01T08:00:00Z' });
    const province = (await call(router, 'units.list', { type: 'province' }))[0];
    const before = count(ws, 'select count(*) n from change_log');
    const d = await call(router, 'units.create', { code: '3116', name: 'BHXH huyện Mới', type: 'district', parentId: province.id });
    expect(d.region).toBe('north'); // inherited from the province
    const detail = await call(router, 'units.get', { id: d.id });
    expect(detail.steps.map((s: any) => s.status)).toEqual(['not_started', 'not_started', 'not_started', 'not_started']);
    expect(detail.parent.code).toBe('31');
    // unit + 4 steps + 'created' event
    expect(count(ws, 'select count(*) n from change_log') - before).toBe(6);
    const log = ws.sqlite.prepare("select actor, op, new_json from change_log where table_name='units' and row_id=?").get(d.id) as any;
    expect(log.actor).toBe('Thư ký ISO');
    expect(log.op).toBe('insert');
    expect(JSON.parse(log.new_json)).toMatchObject({ code: '3116', parent_id: province.id, deleted: 0 });
  });

  it('gives a unit the same id on every installation (id follows the code)', async () => {
    const a = tempWorkspace({ office: '31' });
    const b = tempWorkspace({ office: '3101' });
    const inA = (await call(a.router, 'units.list', { query: 'Hai Phong', type: 'province' }))[0];
    const inB = (await call(b.router, 'units.list', { query: 'Hai Phong', type: 'province' }))[0];
    expect(inA.id).toBe(inB.id);
  });

  it('refuses a duplicate code, a wrong parent type and a cycle, changing nothing', async () => {
    const { ws, router } = tempWorkspace();
    const [province] = await call(router, 'units.list', { type: 'province' });
    const [hq] = await call(router, 'units.list', { type: 'hq' });
    const before = count(ws, 'select count(*) n from change_log');
    const dup = await router.call('units.create', { code: '31', name: 'X', type: 'district', parentId: province.id });
    expect(dup.ok).toBe(false);
    if (!dup.ok) {
      expect(dup.error.code).toBe('UNIT_CODE_TAKEN');
      expect(dup.error.message.vi).toContain('BHXH Hải Phòng');
    }
    const wrongParent = await router.call('units.create', { code: '9901', name: 'X', type: 'district', parentId: hq.id });
    expect(wrongParent.ok || wrongParent.error.code).toBe('UNIT_PARENT_TYPE');
    const cycle = await router.call('units.update', { id: hq.id, parentId: province.id });
    expect(cycle.ok).toBe(false);
    expect(count(ws, 'select count(*) n from change_log')).toBe(before);
  });

  it('renames with a decision and keeps the old name in the history', async () => {
    const { router } = tempWorkspace({ now: '2025-07-01T08:00:00Z' });
    const [province] = await call(router, 'units.list', { type: 'province' });
    const bad = await router.call('units.update', { id: province.id, name: 'BHXH thành phố Hải Phòng', decisionNo: 'abc' });
    expect(!bad.ok && bad.error.code).toBe('DECISION_NO_FORMAT');
    await call(router, 'units.update', { id: province.id, name: 'BHXH thành phố Hải Phòng', decisionNo: '1234/QĐ-BHXH', eventDate: '2025-07-01' });
    const detail = await call(router, 'units.get', { id: province.id });
    const renamed = detail.events.find((e: any) => e.kind === 'renamed');
    expect(JSON.parse(renamed.details)).toEqual({ from: 'BHXH Hải Phòng', to: 'BHXH thành phố Hải Phòng' });
    expect(renamed.decisionNo).toBe('1234/QĐ-BHXH');
  });

  it('merges provinces (2025): the source keeps its records, its districts move to the target', async () => {
    const { ws, router } = tempWorkspace({ now: '2025-07-01T08:00:00Z', demo: true });
    const units = await call(router, 'units.list', { type: 'province' });
    const haiPhong = units.find((u: any) => u.code === '31');
    const haiDuong = units.find((u: any) => u.code === '30');
    const districtsOfHaiPhong = (await call(router, 'units.list', { parentId: haiPhong.id })).length;
    expect(districtsOfHaiPhong).toBe(15);
    const stepsBefore = count(ws, `select count(*) n from unit_steps where unit_id = '${haiDuong.id}'`);
    await call(router, 'units.merge', { sourceIds: [haiDuong.id], targetId: haiPhong.id, eventDate: '2025-07-01', decisionNo: '1500/QĐ-BHXH' });
    const merged = (await call(router, 'units.get', { id: haiDuong.id })).unit;
    expect(merged.status).toBe('merged');
    expect(merged.successorId).toBe(haiPhong.id);
    expect(count(ws, `select count(*) n from unit_steps where unit_id = '${haiDuong.id}'`)).toBe(stepsBefore);
    // The merged province is no longer on the board, but can be listed with status "all".
    const board = await call(router, 'board.get', {});
    expect(board.rows.some((r: any) => r.code === '30')).toBe(false);
    expect((await call(router, 'units.list', { status: 'all', query: 'hai duong' })).length).toBe(1);
    const again = await router.call('units.merge', { sourceIds: [haiDuong.id], targetId: haiPhong.id, eventDate: '2025-07-01', decisionNo: '1500/QĐ-BHXH' });
    expect(!again.ok && again.error.code).toBe('UNIT_INACTIVE');
  });

  it('splits a district into two new ones, all or nothing', async () => {
    const { ws, router } = tempWorkspace({ now: '2020-01-01T00:00:00Z', demo: true });
    const [d] = await call(router, 'units.list', { query: 'Thuy Nguyen' });
    const before = count(ws, 'select count(*) n from units');
    const clash = await router.call('units.split', {
      sourceId: d.id,
      parts: [
        { code: '3120', name: 'BHXH A' },
        { code: '3101', name: 'BHXH B' },
      ],
      eventDate: '2019-12-01',
      decisionNo: '10/QĐ-BHXH',
    });
    expect(!clash.ok && clash.error.code).toBe('UNIT_CODE_TAKEN');
    expect(count(ws, 'select count(*) n from units')).toBe(before); // the first part was rolled back
    const parts = await call(router, 'units.split', {
      sourceId: d.id,
      parts: [
        { code: '3120', name: 'BHXH A' },
        { code: '3121', name: 'BHXH B' },
      ],
      eventDate: '2019-12-01',
      decisionNo: '10/QĐ-BHXH',
    });
    expect(parts.map((p: any) => p.parentId)).toEqual([d.parentId, d.parentId]);
    expect((await call(router, 'units.get', { id: d.id })).unit.status).toBe('split');
  });
});

describe('the four steps', () => {
  const setup = async () => {
    const t = tempWorkspace({ now: '2013-06-01T08:00:00Z' });
    const [province] = await call(t.router, 'units.list', { type: 'province' });
    return { ...t, id: province.id as string };
  };

  it('cannot complete a step before the previous one, nor on an earlier date', async () => {
    const { router, id } = await setup();
    const early = await router.call('steps.update', { unitId: id, step: 2, status: 'done', actualEnd: '2013-03-01' });
    expect(!early.ok && early.error.code).toBe('STEP_ORDER');
    if (!early.ok) expect(early.error.message.vi).toBe('Chưa thể hoàn thành bước 2 khi bước 1 chưa hoàn thành.');
    await call(router, 'steps.update', { unitId: id, step: 1, status: 'done', actualEnd: '2013-02-01' });
    const before = await router.call('steps.update', { unitId: id, step: 2, status: 'done', actualEnd: '2013-01-15' });
    expect(!before.ok && before.error.code).toBe('STEP_BEFORE_PREVIOUS');
    if (!before.ok) expect(before.error.message.vi).toContain('15/01/2013');
    const ok = await call(router, 'steps.update', { unitId: id, step: 2, status: 'done', actualEnd: '2013-03-01' });
    expect(ok.status).toBe('done');
    const reopen = await router.call('steps.update', { unitId: id, step: 1, status: 'in_progress' });
    expect(!reopen.ok && reopen.error.code).toBe('STEP_REOPEN_BLOCKED');
  });

  it('validates dates: real dates, order, not in the future, end date when done', async () => {
    const { ws, router, id } = await setup();
    const before = count(ws, 'select count(*) n from change_log');
    const cases: [Record<string, unknown>, string][] = [
      [{ plannedStart: '2013-02-30' }, 'BAD_DATE'],
      [{ plannedStart: '2013-05-01', plannedEnd: '2013-04-01' }, 'DATE_ORDER'],
      [{ actualStart: '2014-01-01' }, 'DATE_IN_FUTURE'],
      [{ status: 'done' }, 'STEP_DONE_NEEDS_DATE'],
      [{ step: 5 }, 'INVALID_INPUT'],
    ];
    for (const [patch, code] of cases) {
      const res = await router.call('steps.update', { unitId: id, step: 1, ...patch });
      expect(res.ok ? 'ok' : res.error.code, JSON.stringify(patch)).toBe(code);
    }
    const order = await router.call('steps.update', { unitId: id, step: 1, plannedStart: '2013-05-01', plannedEnd: '2013-04-01' });
    if (!order.ok) expect(order.error.message.vi).toBe('Ngày kết thúc kế hoạch không được trước Ngày bắt đầu kế hoạch.');
    expect(count(ws, 'select count(*) n from change_log')).toBe(before);
  });

  it('computes overdue from the plan and summarises the board by step', async () => {
    const { router, id } = await setup();
    await call(router, 'steps.update', { unitId: id, step: 1, plannedStart: '2013-01-01', plannedEnd: '2013-05-31', status: 'in_progress' });
    let board = await call(router, 'board.get', {});
    expect(board.rows[0].overdue).toBe(true);
    expect(board.overdueUnits).toBe(1);
    expect(board.atStep[1]).toBe(1);
    await call(router, 'steps.update', { unitId: id, step: 1, status: 'done', actualEnd: '2013-05-30' });
    board = await call(router, 'board.get', {});
    expect(board.rows[0].overdue).toBe(false);
    expect(board.atStep).toEqual({ 1: 0, 2: 1, 3: 0, 4: 0, 5: 0 });
    expect((await call(router, 'board.get', { status: 'overdue' })).rows).toHaveLength(0);
  });
});

describe('waves and ISO teams', () => {
  it('plans waves with members and filters the board by wave and region', async () => {
    const { router } = tempWorkspace({ now: '2014-01-01T00:00:00Z', demo: true });
    const waves = await call(router, 'waves.list');
    expect(waves.map((w: any) => w.name)).toContain('Triển khai điểm 2012–2013');
    const pilot = waves.find((w: any) => w.name.startsWith('Triển khai điểm'));
    expect(pilot.memberCount).toBe(42); // 12 provinces + 30 districts
    const south = await call(router, 'board.get', { waveId: pilot.id, region: 'south' });
    expect(south.rows.every((r: any) => r.region === 'south')).toBe(true);
    expect(south.total).toBe(5 + 8);
    const bad = await router.call('waves.create', { name: 'Đợt 4', plannedStart: '2015-06-01', plannedEnd: '2015-01-01' });
    expect(!bad.ok && bad.error.code).toBe('DATE_ORDER');
    const [hp] = await call(router, 'units.list', { query: 'hai phong', type: 'province' });
    const dup = await router.call('waves.addMembers', { waveId: pilot.id, unitIds: [hp.id] });
    expect(!dup.ok && dup.error.message.vi).toContain('đã thuộc đợt');
  });

  it('records the team decision and its members; the decision number has the official form', async () => {
    const { router } = tempWorkspace({ now: '2013-01-01T00:00:00Z' });
    const [province] = await call(router, 'units.list', { type: 'province' });
    const bad = await router.call('teams.save', { unitId: province.id, decisionNo: 'QĐ 12', decisionDate: '2012-11-05' });
    expect(!bad.ok && bad.error.code).toBe('DECISION_NO_FORMAT');
    const team = await call(router, 'teams.save', { unitId: province.id, decisionNo: '123/QĐ-BHXH', decisionDate: '2012-11-05', signer: 'Giám đốc' });
    expect(team.kind).toBe('steering');
    await call(router, 'teams.addMember', { teamId: team.id, fullName: '  Nguyễn   Văn An ', role: 'head' });
    const detail = await call(router, 'units.get', { id: province.id });
    expect(detail.members.map((m: any) => m.fullName)).toEqual(['Nguyễn Văn An']);
    await call(router, 'teams.removeMember', { id: detail.members[0].id });
    expect((await call(router, 'units.get', { id: province.id })).members).toHaveLength(0);
  });
});

describe('text on the way in', () => {
  it('stores NFC and finds it without diacritics (đ → d)', async () => {
    const { ws, router } = tempWorkspace();
    const [province] = await call(router, 'units.list', { type: 'province' });
    const nfd = 'BHXH huyện Đông Đăng'.normalize('NFD');
    await call(router, 'units.create', { code: '3190', name: nfd, type: 'district', parentId: province.id });
    const stored = ws.sqlite.prepare("select name from units where code='3190'").get() as { name: string };
    expect(stored.name).toBe('BHXH huyện Đông Đăng'.normalize('NFC'));
    expect(stored.name).not.toBe(nfd);
    expect((await call(router, 'units.list', { query: 'dong dang' })).map((u: any) => u.code)).toEqual(['3190']);
  });
});
