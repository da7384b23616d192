import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateData } from '../../../bench/generate/index';
import { staff } from '../../../db/schema';
import { createRouter } from '../../../electron/api/router';
import { exportBundle, importBundle } from '../../../electron/services/exchange';
import { insertRow } from '../../../electron/services/records';
import { rebuildTrainingDerived, refreshTrainingDerived } from '../../../electron/services/training/derived';
import { coverageTotals, lackingStaffIds, matrixPeople, trainingMatrix } from '../../../electron/services/training/matrix';
import { unitIdForCode } from '../../../electron/services/units/units';
import { openWorkspace } from '../../../electron/services/workspace';
import { office, trust } from '../bundle/offices';
import { call } from '../../support/workspace';
import { trainingWorkspace } from './helpers';

const names = (rows: { fullName: string }[]) => rows.map((r) => r.fullName);
const derived = (ws: { sqlite: any }) => ({
  search: ws.sqlite.prepare('SELECT * FROM staff_search ORDER BY staff_id').all(),
  quals: ws.sqlite.prepare('SELECT * FROM staff_qualifications ORDER BY staff_id, course_type_id').all(),
});

describe('staff search keys and best passes follow every write', () => {
  it('finds people without diacritics by name, code, position, department or unit, after edits, direct writes and deletions', async () => {
    const t = await trainingWorkspace();
    const { router, ws, hongBang, ngoQuyen, course } = t;
    const lan = await call(router, 'training.staff.create', { unitId: hongBang.id, fullName: 'Nguyễn Thị Lan', staffCode: 'HB-01', position: 'Phó Giám đốc', isoRole: 'member' });
    await call(router, 'training.staff.create', { unitId: ngoQuyen.id, fullName: 'Đặng Văn Đức', department: 'Phòng Thu' });
    const search = async (query: string, extra: object = {}) => names(await call(router, 'training.staff.list', { query, status: 'all', ...extra }));
    expect(await search('nguyen thi lan')).toEqual(['Nguyễn Thị Lan']);
    expect(await search('dang duc')).toEqual(['Đặng Văn Đức']); // đ folds to d
    expect(await search('hb-01')).toEqual(['Nguyễn Thị Lan']);
    expect(await search('pho giam')).toEqual(['Nguyễn Thị Lan']);
    expect(await search('phong thu')).toEqual(['Đặng Văn Đức']);
    expect(await search('ngo quyen')).toEqual(['Đặng Văn Đức']); // the unit's name
    expect(await search('lan ngo quyen')).toEqual([]); // every word must match
    expect(await search('duc', { unitId: hongBang.id })).toEqual([]);
    // The list carries its columns only; the whole record comes with training.staff.get.
    const [row] = await call(router, 'training.staff.list', { query: 'lan' });
    expect(Object.keys(row).sort()).toEqual(['birthDate', 'department', 'fullName', 'id', 'isoRole', 'position', 'staffCode', 'status', 'unitName']);

    // An edit re-keys the person; a renamed unit is found by its new name at once.
    await call(router, 'training.staff.update', { id: lan.id, fullName: 'Nguyễn Thị Lành' });
    expect(await search('thi lanh')).toEqual(['Nguyễn Thị Lành']);
    await call(router, 'units.update', { id: ngoQuyen.id, name: 'BHXH quận Mới Đổi' });
    expect(await search('moi doi')).toEqual(['Đặng Văn Đức']);
    // A row written by another path (as a bundle or a merge does) is found too.
    ws.sqlite.transaction(() => insertRow(ws, staff, { unitId: hongBang.id, fullName: 'Trương Thị Ánh' }))();
    expect(await search('truong anh')).toEqual(['Trương Thị Ánh']);
    // The limit bounds the answer, in list order.
    expect(names(await call(router, 'training.staff.list', { limit: 1, status: 'all' }))).toEqual(['Trương Thị Ánh']); // by given name: Ánh before Lành

    // Best passes follow attendance and sessions: a deleted session no longer counts.
    const nt = await call(router, 'training.sessions.create', { unitId: t.province.id, courseTypeId: course('NT').id, startDate: '2013-01-10', endDate: '2013-01-11' });
    await call(router, 'training.attendance.add', { sessionId: nt.id, entries: [{ staffId: lan.id, result: 'passed' }] });
    const cov = async () => (await call(router, 'training.matrix', { unitId: hongBang.id })).total.courses[course('NT').id];
    expect(await cov()).toEqual({ required: 1, satisfied: 1 });
    await call(router, 'training.sessions.delete', { id: nt.id });
    expect(await cov()).toEqual({ required: 1, satisfied: 0 });

    // Following the change log leaves the tables exactly as a rebuild from the rows does.
    refreshTrainingDerived(ws);
    const followed = derived(ws);
    rebuildTrainingDerived(ws);
    expect(derived(ws)).toEqual(followed);
    expect(followed.search).toHaveLength(3);
  });

  it('keys the staff that arrive in a signed bundle, so the receiving office finds and counts them', async () => {
    const district = office('3101');
    const province = office('31');
    trust(province, district);
    const D = unitIdForCode('3101');
    const atDistrict = createRouter(district.ws);
    await call(atDistrict, 'training.staff.create', { unitId: D, fullName: 'Võ Thị Hằng', position: 'Chuyên viên', isoRole: 'member' });
    await call(atDistrict, 'training.staff.create', { unitId: D, fullName: 'Lưu Quang Vũ', isoRole: 'none' });
    // The province has searched before: its tables are built and must follow the import.
    const atProvince = createRouter(province.ws);
    expect(await call(atProvince, 'training.staff.list', { query: 'hang' })).toEqual([]);
    expect((await call(atProvince, 'training.matrix', {})).units.find((u: any) => u.unitId === D)).toBeUndefined();
    const bundle = await exportBundle(district.ws, { output: join(district.dir, 'd1.zip') });
    expect((await importBundle(province.ws, bundle.file)).applied).toBe(true);
    expect(names(await call(atProvince, 'training.staff.list', { query: 'vo thi hang' }))).toEqual(['Võ Thị Hằng']);
    expect(names(await call(atProvince, 'training.staff.list', { query: 'quang vu', unitId: D }))).toEqual(['Lưu Quang Vũ']);
    const m = await call(atProvince, 'training.matrix', {});
    expect(m.units.find((u: any) => u.unitId === D)).toMatchObject({ staff: 2, required: 2, satisfied: 0, peopleMissing: 1 });
  });
});

type Ws = ReturnType<typeof openWorkspace>;

/** The matrix of a scope on a day against the person rows (the reference); returns how many expiring certificates it saw. */
function expectMatrixOfPeople(ws: Ws, scope: { unitId?: string; includeSubunits?: boolean }, onDate: string): number {
  const m = trainingMatrix(ws, { ...scope, onDate });
  const rows = matrixPeople(ws, { ...scope, onDate });
  expect(rows.length).toBeGreaterThan(0);
  expect(m.total.staff).toBe(rows.length);
  const byUnit = new Map<string, typeof rows>();
  for (const r of rows) byUnit.set(r.unitId, [...(byUnit.get(r.unitId) ?? []), r]);
  expect(m.units.map((u) => u.unitId).sort()).toEqual([...byUnit.keys()].sort());
  for (const u of m.units) {
    const rs = byUnit.get(u.unitId)!;
    const courses: Record<string, { required: number; satisfied: number }> = {};
    for (const r of rs) {
      for (const [id, cell] of Object.entries(r.cells)) {
        if (!cell.required) continue;
        const c = (courses[id] ??= { required: 0, satisfied: 0 });
        c.required++;
        if (cell.state === 'valid' || cell.state === 'expiring') c.satisfied++;
      }
    }
    expect({ unit: u.unitCode, ...u, courses: u.courses }).toEqual({
      unit: u.unitCode,
      ...u,
      unitName: rs[0].unitName,
      staff: rs.length,
      required: rs.reduce((n, r) => n + r.required, 0),
      satisfied: rs.reduce((n, r) => n + r.satisfied, 0),
      peopleMissing: rs.filter((r) => r.missing.length > 0).length,
      courses,
    });
  }
  // The dashboard's sums over some of the units equal the matrix's per-unit counts summed.
  const some = m.units.filter((_, i) => i % 2 === 0);
  expect(coverageTotals(ws, some.map((u) => u.unitId), onDate)).toEqual({
    required: some.reduce((n, u) => n + u.required, 0),
    satisfied: some.reduce((n, u) => n + u.satisfied, 0),
    peopleMissing: some.reduce((n, u) => n + u.peopleMissing, 0),
  });
  expect(lackingStaffIds(ws, { ...scope, onDate }).sort()).toEqual(rows.filter((r) => r.missing.length > 0).map((r) => r.staffId).sort());
  // Expiring certificates: exactly the person cells in their last 90 days.
  const expiring = rows.flatMap((r) => Object.entries(r.cells).filter(([, c]) => c.state === 'expiring').map(([id]) => `${r.staffId}|${id}`));
  expect(m.expiring.map((e) => `${e.staffId}|${e.courseTypeId}`).sort()).toEqual(expiring.sort());
  return expiring.length;
}

describe('matrix aggregates on generated data', () => {
  const root = mkdtempSync(join(tmpdir(), 'isodesk-matrix-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('equal the counts derived from person rows, per unit and per course, on several days and scopes, and after every kind of edit', async () => {
    await generateData({ out: root, scale: 'tiny', seed: 11 });
    const ws = openWorkspace(root);
    const router = createRouter(ws);
    try {
      const province = ws.sqlite.prepare("SELECT id FROM units WHERE type = 'province' ORDER BY code LIMIT 1").pluck().get() as string;
      // A day 30 days before some certificate ends, so that the expiring branch is exercised too.
      const expiry = ws.sqlite.prepare("SELECT max(certificate_expiry) FROM attendance WHERE result = 'passed' AND deleted = 0").pluck().get() as string;
      const soon = new Date(Date.parse(`${expiry}T00:00:00Z`) - 30 * 86_400_000).toISOString().slice(0, 10);
      const days = ['2014-06-30', '2018-12-31', '2022-09-30', soon];
      const scopes = [{}, { unitId: province, includeSubunits: true }];
      const checkAll = () => days.flatMap((onDate) => scopes.map((scope) => expectMatrixOfPeople(ws, scope, onDate))).reduce((a, b) => a + b, 0);
      // Some of those days must exercise every branch: people lacking, and certificates expiring.
      expect(checkAll()).toBeGreaterThan(0);
      const late = trainingMatrix(ws, { onDate: '2022-09-30' });
      expect(late.total.peopleMissing).toBeGreaterThan(0);
      expect(late.total.satisfied).toBeGreaterThan(0);

      // Every kind of edit, then the same days again: each day's kept standing is brought forward person by person.
      const people = ws.sqlite.prepare("SELECT id, unit_id FROM staff WHERE deleted = 0 AND status = 'active' AND iso_role != 'none' ORDER BY id LIMIT 6").all() as {
        id: string;
        unit_id: string;
      }[];
      const otherUnit = ws.sqlite.prepare('SELECT unit_id FROM staff WHERE unit_id != ? LIMIT 1').pluck().get(people[0].unit_id) as string;
      await call(router, 'training.staff.update', { id: people[0].id, unitId: otherUnit });
      await call(router, 'training.staff.update', { id: people[1].id, isoRole: 'internal_auditor' });
      await call(router, 'training.staff.update', { id: people[2].id, status: 'left' });
      await call(router, 'training.staff.create', { unitId: otherUnit, fullName: 'Đặng Thị Thu Hà', isoRole: 'member' });
      const pass = ws.sqlite
        .prepare("SELECT a.id, a.session_id FROM attendance a WHERE a.deleted = 0 AND a.result = 'passed' AND a.staff_id = ? LIMIT 1")
        .get(people[3].id) as { id: string; session_id: string } | undefined;
      if (pass) await call(router, 'training.attendance.remove', { id: pass.id });
      const session = ws.sqlite.prepare('SELECT id FROM training_sessions WHERE deleted = 0 ORDER BY end_date DESC LIMIT 1').pluck().get() as string;
      await call(router, 'training.sessions.delete', { id: session });
      const course = ws.sqlite.prepare("SELECT id FROM course_types WHERE deleted = 0 AND code = 'NT'").pluck().get() as string;
      const fresh = await call(router, 'training.sessions.create', { unitId: province, courseTypeId: course, startDate: '2022-09-01', endDate: '2022-09-02' });
      await call(router, 'training.attendance.add', { sessionId: fresh.id, entries: people.slice(3).map((p) => ({ staffId: p.id, result: 'passed' })) });
      await call(router, 'training.staff.merge', { keepId: people[4].id, mergeIds: [people[5].id] });
      checkAll();
      // A fifth day pushes the least recently asked one out; asked again, it is worked out whole.
      expectMatrixOfPeople(ws, {}, '2020-01-01');
      expectMatrixOfPeople(ws, {}, days[0]);
    } finally {
      ws.close();
    }
  });
});
