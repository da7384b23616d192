import { describe, expect, it } from 'vitest';
import { clauses2008, clauses2015, mapping2008to2015 } from '../../../db/reference/procedures';
import { leafClauses, scoreOf } from '../../../electron/services/procedures/checklists';
import { call, tempWorkspace } from '../../support/workspace';

const count = (ws: { sqlite: any }, sql: string) => (ws.sqlite.prepare(sql).get() as { n: number }).n;

describe('requirement checklists', () => {
  it('ships both clause trees, and the mapping names only real leaf clauses', () => {
    expect(clauses2008.filter((c) => c.parent === null).map((c) => c.clause)).toEqual(['4', '5', '6', '7', '8']);
    expect(clauses2015.filter((c) => c.parent === null).map((c) => c.clause)).toEqual(['4', '5', '6', '7', '8', '9', '10']);
    expect(clauses2008.filter((c) => c.documented === 'procedure').map((c) => c.clause)).toEqual(['4.2.3', '4.2.4', '8.2.2', '8.3', '8.5.2', '8.5.3']);
    const leaves08 = new Set(leafClauses('2008').map((c) => c.clause));
    const leaves15 = new Set(leafClauses('2015').map((c) => c.clause));
    for (const [from, tos] of Object.entries(mapping2008to2015)) {
      expect(leaves08.has(from), from).toBe(true);
      for (const to of tos) expect(leaves15.has(to), `${from}→${to}`).toBe(true);
    }
    // Every 2008 leaf goes somewhere.
    expect([...leaves08].filter((c) => !mapping2008to2015[c])).toEqual([]);
    for (const c of [...clauses2008, ...clauses2015]) {
      expect(c.vi.trim()).not.toBe('');
      expect(c.en.trim()).not.toBe('');
    }
  });

  it('scores a unit: conforms counts 1, partly ½, not applicable leaves the count', () => {
    expect(scoreOf(['conforms', 'partly', 'not_started', 'not_applicable'])).toMatchObject({ percent: 50, applicable: 3 });
    expect(scoreOf(['not_applicable']).percent).toBe(0);
    expect(scoreOf(['conforms', 'conforms']).percent).toBe(100);
  });

  it('a unit assesses 2008 clauses with evidence, then moves to 2015 with what carries over pre-filled', async () => {
    const { ws, router } = tempWorkspace({ now: '2018-06-01T08:00:00Z' });
    const office = (await call(router, 'setup.state', {})).office;
    const none = await router.call('checklists.setStatus', { unitId: office.id, clause: '4.2.3', status: 'conforms' });
    expect(!none.ok && none.error.code).toBe('CHECKLIST_NONE');
    await call(router, 'checklists.select', { unitId: office.id, standard: '2008', startedDate: '2013-01-01' });
    const p = await call(router, 'procedures.create', { code: 'QT-NB-01', title: 'Kiểm soát tài liệu', domain: 'noi_bo', origin: 'province' });
    const v = await call(router, 'versions.createDraft', { procedureId: p.id });
    await call(router, 'checklists.setStatus', { unitId: office.id, clause: '4.2.3', status: 'conforms', evidenceVersionIds: [v.id], note: 'QT-NB-01' });
    await call(router, 'checklists.setStatus', { unitId: office.id, clause: '4.2.4', status: 'partly' });
    await call(router, 'checklists.setStatus', { unitId: office.id, clause: '7.3.1', status: 'not_applicable' });
    await call(router, 'checklists.setStatus', { unitId: office.id, clause: '8.5.3', status: 'conforms' });
    const unknown = await router.call('checklists.setStatus', { unitId: office.id, clause: '9.1', status: 'conforms' });
    expect(!unknown.ok && unknown.error.message.vi).toBe('Không có điều khoản 9.1 trong TCVN ISO 9001:2008.');
    const parent = await router.call('checklists.setStatus', { unitId: office.id, clause: '4.2', status: 'conforms' });
    expect(!parent.ok && parent.error.code).toBe('CLAUSE_HAS_SUBCLAUSES');
    const switchDirect = await router.call('checklists.select', { unitId: office.id, standard: '2015' });
    expect(!switchDirect.ok && switchDirect.error.code).toBe('CHECKLIST_USE_MIGRATE');

    const list08 = await call(router, 'checklists.get', { unitId: office.id });
    const leaves = leafClauses('2008').length;
    expect(list08.score.applicable).toBe(leaves - 1);
    expect(list08.score.percent).toBe(Math.round((2.5 / (leaves - 1)) * 1000) / 10);
    const c423 = list08.clauses.find((c: any) => c.clause === '4.2.3');
    expect(c423).toMatchObject({ status: 'conforms', documented: 'procedure', leaf: true, evidenceVersionIds: [v.id] });

    const moved = await call(router, 'checklists.migrate', { unitId: office.id, startedDate: '2018-06-01' });
    expect(moved.prefilled).toBeGreaterThan(0);
    const list15 = await call(router, 'checklists.get', { unitId: office.id });
    expect(list15.checklist.standard).toBe('2015');
    const by = (c: string) => list15.clauses.find((x: any) => x.clause === c);
    // 7.5.2/7.5.3 are fed by 4.2.3 (conforms) and 4.2.4 (partly): the weaker wins, evidence carries.
    expect(by('7.5.3')).toMatchObject({ status: 'partly', evidenceVersionIds: [v.id] });
    expect(by('7.5.3').note).toContain('4.2.3');
    expect(by('6.1').status).toBe('conforms'); // preventive action → risks and opportunities
    expect(by('8.3.2').status).toBe('not_applicable');
    expect(by('4.1').status).toBe('not_started'); // new in 2015
    // The 2008 checklist is kept, archived.
    expect(count(ws, `select count(*) n from unit_checklists where unit_id='${office.id}' and standard='2008' and status='archived'`)).toBe(1);
    const overview = await call(router, 'checklists.overview', {});
    expect(overview).toHaveLength(1);
    expect(overview[0]).toMatchObject({ code: '31', standard: '2015', percent: list15.score.percent });
    const again = await router.call('checklists.migrate', { unitId: office.id });
    expect(!again.ok && again.error.code).toBe('CHECKLIST_NOT_2008');
  });
});

describe('search over procedures, versions and attachment names', () => {
  it('ignores diacritics and case, đ/Đ included, and finds NFD input as NFC', async () => {
    const { router } = tempWorkspace({ now: '2016-01-01T08:00:00Z' });
    await call(router, 'procedures.loadStarter', {});
    const hit = async (q: string) => (await call(router, 'procedures.search', { query: q })).map((h: any) => `${h.kind}:${h.procedureCode}`);
    expect(await hit('dang ky bhxh tu nguyen')).toEqual(['procedure:QT-THU-04']);
    expect(await hit('ĐĂNG KÝ tự nguyện')).toEqual(['procedure:QT-THU-04']);
    expect(await hit('DANG KY TU NGUYEN')).toEqual(['procedure:QT-THU-04']);
    // NFD (macOS, Unikey "tổ hợp") finds NFC text.
    expect(await hit('đăng ký tự nguyện'.normalize('NFD'))).toEqual(['procedure:QT-THU-04']);
    expect(await hit('ủy quyền lĩnh thay')).toEqual(['procedure:QT-CT-02']);
    expect(await hit('uy quyen linh')).toEqual(['procedure:QT-CT-02']);
    expect(await hit('QT-NB-03')).toEqual(['procedure:QT-NB-03']);
    expect(await hit('khong co gi nhu the')).toEqual([]);
    expect(await hit('  "*()  ')).toEqual([]);

    // Versions (summary, decision) and attachment names are found too, and follow edits.
    const [p] = await call(router, 'procedures.list', { query: 'QT-CSXH-02' });
    const v = await call(router, 'versions.createDraft', { procedureId: p.id, summary: 'Điều chỉnh theo Luật BHXH 2014' });
    await call(router, 'attachments.upload', {
      subjectType: 'procedure_version',
      subjectId: v.id,
      name: 'Quyết định đính kèm thai sản.pdf',
      contentBase64: Buffer.from('%PDF').toString('base64'),
    });
    expect(await hit('luat bhxh 2014')).toEqual(['version:QT-CSXH-02']);
    expect(await hit('dinh kem thai san')).toEqual(['attachment:QT-CSXH-02']);
    await call(router, 'versions.update', { id: v.id, summary: 'Sửa đổi khác' });
    expect(await hit('luat bhxh 2014')).toEqual([]);
    await call(router, 'procedures.update', { id: p.id, title: 'Quy trình giải quyết chế độ thai sản (đã đổi tên)' });
    expect(await hit('da doi ten')).toEqual(['procedure:QT-CSXH-02']);
  });

  it('finds the one document among thousands rebuilt from the tables (speed is measured by npm run bench, not here)', { timeout: 120_000 }, async () => {
    const { ws, router } = tempWorkspace();
    const office = (await call(router, 'setup.state', {})).office;
    const words = ['đăng ký', 'điều chỉnh', 'cấp lại', 'thanh toán', 'giải quyết', 'truy đóng', 'ủy quyền', 'di chuyển'];
    // Bulk rows straight into the table (as a restored backup would arrive); the index is rebuilt from the tables.
    const insert = ws.sqlite.prepare(
      `INSERT INTO procedures (id, unit_id, created_at, updated_at, code, title, domain, origin) VALUES (?, ?, '2020-01-01', '2020-01-01', ?, ?, 'thu', 'district')`,
    );
    ws.sqlite.transaction(() => {
      for (let i = 0; i < 5000; i++) insert.run(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, office.id, `QT-X-${i}`, `Quy trình ${words[i % 8]} hồ sơ số ${i}`);
    })();
    const { rebuildSearchIndex } = await import('../../../electron/services/procedures/search');
    expect(rebuildSearchIndex(ws)).toBe(5000);
    const hits = await call(router, 'procedures.search', { query: 'dieu chinh ho so 4993' });
    expect(hits.map((h: any) => h.procedureCode)).toEqual(['QT-X-4993']);
    expect((await call(router, 'procedures.search', { query: 'uy quyen', limit: 200 })).length).toBe(200);
  });
});
