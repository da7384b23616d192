import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceCourses } from '../../../db/reference/courses';
import { createRouter } from '../../../electron/api/router';
import { exportBundle, importBundle, provideSealer } from '../../../electron/services/exchange';
import { unitIdForCode } from '../../../electron/services/units/units';
import { openWorkspace, type Workspace } from '../../../electron/services/workspace';
import { call, office, testSealer, trust, type Office } from './offices';

/**
 * Story (issue 9): the Hồng Bàng district (3101) trains its people and sends
 * its bundle to the Hải Phòng province (31), whose secretary has never opened
 * the training pages. Course types are owned by headquarters, so the bundle
 * does not carry them: its sessions refer to them by id, and the province
 * must already hold the same course types — once, not twice.
 */
const DISTRICT = unitIdForCode('3101');
const PROVINCE = unitIdForCode('31');

const courseRows = (ws: Workspace) =>
  ws.sqlite.prepare('SELECT id, code, unit_id AS unitId FROM course_types ORDER BY code').all() as { id: string; code: string; unitId: string }[];
const count = (ws: Workspace, sql: string) => ws.sqlite.prepare(sql).pluck().get() as number;

/** The district's training: three people, an awareness session, two passes and an absence. */
async function districtWithTraining() {
  const district = office('3101');
  const { router } = district;
  const courses = await call(router, 'training.courses.list', {});
  const nt = courses.find((c: { code: string }) => c.code === 'NT');
  const people = [];
  for (const [fullName, isoRole] of [
    ['Nguyễn Thị Lan', 'member'],
    ['Trần Văn Hùng', 'leader'],
    ['Phạm Thị Mai', 'secretary'],
  ]) {
    people.push(await call(router, 'training.staff.create', { unitId: DISTRICT, fullName, isoRole }));
  }
  const session = await call(router, 'training.sessions.create', { unitId: DISTRICT, courseTypeId: nt.id, startDate: '2013-03-04', endDate: '2013-03-05', place: 'Hội trường quận' });
  await call(router, 'training.attendance.add', {
    sessionId: session.id,
    entries: [
      { staffId: people[0].id, result: 'passed' },
      { staffId: people[1].id, result: 'passed' },
      { staffId: people[2].id, result: 'absent' },
    ],
  });
  const bundle = await exportBundle(district.ws, { output: join(district.dir, 'hong-bang-1.zip') });
  return { district, bundle, nt, session };
}

/** What the province must see after importing: the district's course references resolved, nothing duplicated, its people in the matrix. */
async function expectTrainingArrived(ws: Workspace, district: Office, ntId: string, sessionId: string) {
  const router = createRouter(ws);
  // The very rows the district has: same ids, owned by headquarters, one per code.
  expect(courseRows(ws)).toEqual(courseRows(district.ws));
  expect(courseRows(ws).map((c) => c.code).sort()).toEqual(referenceCourses.map((c) => c.code).sort());
  expect(count(ws, 'SELECT count(*) FROM role_requirements')).toBe(count(district.ws, 'SELECT count(*) FROM role_requirements'));
  expect(ws.sqlite.prepare('SELECT course_type_id FROM training_sessions WHERE id = ?').pluck().get(sessionId)).toBe(ntId);
  expect(ws.sqlite.pragma('foreign_key_check')).toEqual([]);
  // The training pages at the province show the district's people.
  const matrix = await call(router, 'training.matrix', { unitId: PROVINCE, includeSubunits: true });
  // Shipped requirements: leader → NT; member, secretary → NT + VTL. Lan and Hùng passed NT; Mai was absent.
  expect(matrix.units.find((u: { unitCode: string }) => u.unitCode === '3101')).toMatchObject({ staff: 3, required: 5, satisfied: 2 });
  const people = await call(router, 'training.matrix.people', { unitId: DISTRICT });
  const cells = Object.fromEntries(people.rows.map((r: { fullName: string; cells: Record<string, { state: string }> }) => [r.fullName, r.cells[ntId].state]));
  expect(cells).toEqual({ 'Nguyễn Thị Lan': 'valid', 'Trần Văn Hùng': 'valid', 'Phạm Thị Mai': 'missing' });
  // Opening the training pages afterwards adds nothing.
  expect((await call(router, 'training.courses.list', {})).length).toBe(referenceCourses.length);
  expect(courseRows(ws)).toHaveLength(referenceCourses.length);
}

describe('training sessions in a district bundle', () => {
  it('are accepted by a province that has never opened its training pages, with the course types it already has', async () => {
    const { district, bundle, nt, session } = await districtWithTraining();
    const province = office('31');
    trust(province, district);
    // Set up, never used for training: the course types are there from setup on.
    expect(courseRows(province.ws)).toHaveLength(referenceCourses.length);
    expect(count(province.ws, "SELECT count(*) FROM change_log WHERE table_name = 'course_types' AND op = 'insert'")).toBe(referenceCourses.length);

    const result = await importBundle(province.ws, bundle.file);
    expect(result.applied).toBe(true);
    expect(result.tables.find((t) => t.table === 'course_types')).toMatchObject({ insert: 0, update: 0 });
    expect(result.tables.find((t) => t.table === 'training_sessions')).toMatchObject({ insert: 1 });
    await expectTrainingArrived(province.ws, district, nt.id, session.id);
  });

  it('are accepted by a province whose folder an older version set up (no course types until training was used): opening it adds them', async () => {
    const { district, bundle, nt, session } = await districtWithTraining();
    const province = office('31');
    trust(province, district);
    // What an older version's setup left: no course type, no requirement.
    province.ws.sqlite.exec('DELETE FROM role_requirements; DELETE FROM course_types;');
    const before = count(province.ws, 'SELECT count(*) FROM change_log');
    province.ws.close();

    // Opened read-only, the folder opens as it is and nothing is written: the records come at the next ordinary open.
    const readOnly = openWorkspace(province.dir, { readonly: true });
    expect(count(readOnly, 'SELECT count(*) FROM course_types')).toBe(0);
    readOnly.close();

    const ws = openWorkspace(province.dir);
    try {
      provideSealer(ws, testSealer);
      expect(courseRows(ws)).toEqual(courseRows(district.ws));
      // Written as this office's own records, each with its change log entry, by the operator.
      const logged = ws.sqlite.prepare('SELECT table_name AS t, op, actor, origin FROM change_log ORDER BY seq LIMIT -1 OFFSET ?').all(before) as { t: string; op: string; actor: string; origin: string | null }[];
      expect(logged.filter((l) => l.t === 'course_types')).toHaveLength(referenceCourses.length);
      expect(new Set(logged.map((l) => `${l.op} ${l.actor} ${l.origin}`))).toEqual(new Set(['insert Thư ký ISO null']));
      // Opening again writes nothing more.
      ws.close();
      const again = openWorkspace(province.dir);
      expect(count(again, 'SELECT count(*) FROM change_log')).toBe(before + logged.length);
      again.close();
    } finally {
      ws.close();
    }
    const reopened = openWorkspace(province.dir);
    try {
      provideSealer(reopened, testSealer);
      expect((await importBundle(reopened, bundle.file)).applied).toBe(true);
      await expectTrainingArrived(reopened, district, nt.id, session.id);
    } finally {
      reopened.close();
    }
  });
});
