import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateData } from '../../../bench/generate/index';
import { staff } from '../../../db/schema';
import { createRouter } from '../../../electron/api/router';
import { fold } from '../../../electron/common/text';
import { insertRow } from '../../../electron/services/records';
import { nameSortKey } from '../../../electron/services/training/derived';
import { openWorkspace } from '../../../electron/services/workspace';
import { call } from '../../support/workspace';
import { trainingWorkspace } from './helpers';

const names = (rows: { fullName: string }[]) => rows.map((r) => r.fullName);

/** Every row of a list, read a window at a time as the screen does. */
async function readAll(router: ReturnType<typeof createRouter>, input: object, limit: number) {
  const rows: any[] = [];
  for (;;) {
    const page = await call(router, 'training.staff.page', { ...input, offset: rows.length, limit });
    rows.push(...page.rows);
    if (page.rows.length < limit) return { rows, total: page.total, all: page.all };
  }
}

describe('staff list pages: the host searches, sorts and windows the list', () => {
  const root = mkdtempSync(join(tmpdir(), 'isodesk-pages-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('gives the whole list in windows, in the list order, with the counts, for every scope and status', async () => {
    await generateData({ out: root, scale: 'tiny', seed: 7 });
    const ws = openWorkspace(root);
    try {
      const router = createRouter(ws);
      const province = ws.sqlite.prepare("SELECT id FROM units WHERE type = 'province' ORDER BY code LIMIT 1").pluck().get() as string;
      const national = ws.sqlite.prepare('SELECT id FROM units WHERE parent_id IS NULL').pluck().get() as string;
      for (const scope of [{}, { unitId: province, includeSubunits: true }, { unitId: province }, { unitId: national, includeSubunits: true }]) {
        for (const status of ['active', 'left', 'all'] as const) {
          const list = await call(router, 'training.staff.list', { ...scope, status });
          const paged = await readAll(router, { ...scope, status }, 37);
          expect(paged.rows).toEqual(list);
          expect(paged.total).toBe(list.length);
          expect(paged.all).toBe(list.length);
        }
      }
      const everyone = await call(router, 'training.staff.list', { status: 'all' });
      expect(everyone.length).toBeGreaterThan(50);
      // The list order, worked out here from the rows: unit code, then given name, then whole name.
      const people = ws.sqlite.prepare('SELECT s.id, s.full_name AS name, u.code FROM staff s JOIN units u ON u.id = s.unit_id WHERE s.deleted = 0').all() as { id: string; name: string; code: string }[];
      const byList = (a: (typeof people)[number], b: (typeof people)[number]) =>
        a.code < b.code ? -1 : a.code > b.code ? 1 : nameSortKey(a.name) < nameSortKey(b.name) ? -1 : nameSortKey(a.name) > nameSortKey(b.name) ? 1 : a.id < b.id ? -1 : 1;
      expect(everyone.map((r: any) => r.id)).toEqual(people.sort(byList).map((p) => p.id));
      // The scope of the national root is every unit: the same people as no scope.
      expect(await call(router, 'training.staff.list', { unitId: national, includeSubunits: true, status: 'all' })).toEqual(everyone);

      // A search folds diacritics; its total counts the matches, `all` the list without it, and it pages like the list.
      const someone = everyone[everyone.length >> 1];
      const query = fold(someone.fullName).split(' ').slice(-2).join(' ');
      const expected = everyone.filter((r: any) => fold(`${r.fullName} ${r.staffCode} ${r.position} ${r.department} ${r.unitName}`).includes(query.split(' ')[0]) && fold(`${r.fullName} ${r.staffCode} ${r.position} ${r.department} ${r.unitName}`).includes(query.split(' ')[1]));
      expect(expected.length).toBeGreaterThan(0);
      const found = await readAll(router, { query, status: 'all' }, 3);
      expect(found.rows).toEqual(await call(router, 'training.staff.list', { query, status: 'all' }));
      expect(found.rows.map((r: any) => r.id).sort()).toEqual(expected.map((r: any) => r.id).sort());
      expect(found).toMatchObject({ total: expected.length, all: everyone.length });
      // Past the end: no rows, still the counts.
      expect(await call(router, 'training.staff.page', { query, status: 'all', offset: 100_000, limit: 10 })).toEqual({ total: expected.length, all: everyone.length, offset: 100_000, rows: [] });
      expect(await call(router, 'training.staff.page', { query: 'khong ai ten nay', status: 'all', limit: 10 })).toEqual({ total: 0, all: everyone.length, offset: 0, rows: [] });

      // Each sort is a total order: windows join up, descending is ascending reversed, and the column is in order.
      const collator = new Intl.Collator('vi', { numeric: true });
      const text = (v: string) => fold(v);
      for (const key of ['fullName', 'birthDate', 'staffCode', 'unit', 'department', 'position', 'isoRole', 'status'] as const) {
        const asc = (await readAll(router, { status: 'all', sort: { key, dir: 'asc' } }, 50)).rows;
        const desc = (await readAll(router, { status: 'all', sort: { key, dir: 'desc' } }, 50)).rows;
        expect(asc.map((r: any) => r.id).sort()).toEqual(everyone.map((r: any) => r.id).sort());
        expect(desc).toEqual([...asc].reverse());
        const value = (r: any) =>
          ({ fullName: null, birthDate: r.birthDate, staffCode: r.staffCode, unit: r.unitName, department: r.department, position: r.position, isoRole: null, status: r.status })[key];
        for (let i = 1; i < asc.length; i++) {
          const [a, b] = [value(asc[i - 1]), value(asc[i])];
          if (a === null || b === null) continue;
          if (b === '' || a === '') expect(a === '' ? b : '', `${key}: empty values last`).toBe('');
          else expect(collator.compare(text(a), text(b)), `${key}: ${a} before ${b}`).toBeLessThanOrEqual(0);
        }
      }
      const byRole = (await readAll(router, { status: 'all', sort: { key: 'isoRole', dir: 'asc' } }, 500)).rows.map((r: any) => r.isoRole);
      expect(byRole.at(-1)).toBe('none');
      expect(byRole.indexOf('leader')).toBeLessThan(byRole.indexOf('member'));
    } finally {
      ws.close();
    }
  });

  it('sorts codes by their numbers and names by given name, and refuses bad windows', async () => {
    const { router, ws, hongBang } = await trainingWorkspace();
    for (const [fullName, staffCode] of [['Nguyễn Thị Lan', 'NV10'], ['Trần Văn Bình', 'NV2'], ['Lê Thị Ánh', ''], ['Đặng Văn Đức', 'NV1']]) {
      await call(router, 'training.staff.create', { unitId: hongBang.id, fullName, staffCode });
    }
    ws.sqlite.transaction(() => insertRow(ws, staff, { unitId: hongBang.id, fullName: 'Phạm Thị Ánh', staffCode: 'nv3' }))();
    const sorted = async (key: string, dir = 'asc') => names((await call(router, 'training.staff.page', { sort: { key, dir }, limit: 10 })).rows);
    expect(await sorted('staffCode')).toEqual(['Đặng Văn Đức', 'Trần Văn Bình', 'Phạm Thị Ánh', 'Nguyễn Thị Lan', 'Lê Thị Ánh']);
    expect(await sorted('staffCode', 'desc')).toEqual(['Lê Thị Ánh', 'Nguyễn Thị Lan', 'Phạm Thị Ánh', 'Trần Văn Bình', 'Đặng Văn Đức']);
    expect(await sorted('fullName')).toEqual(['Lê Thị Ánh', 'Phạm Thị Ánh', 'Trần Văn Bình', 'Đặng Văn Đức', 'Nguyễn Thị Lan']);
    // The page's rows carry the list's columns only.
    const [row] = (await call(router, 'training.staff.page', { limit: 1 })).rows;
    expect(Object.keys(row).sort()).toEqual(['birthDate', 'department', 'fullName', 'id', 'isoRole', 'position', 'staffCode', 'status', 'unitName']);
    for (const bad of [{ limit: 0 }, { limit: 5001 }, { limit: 10, offset: -1 }, { limit: 10, sort: { key: 'phone', dir: 'asc' } }, {}]) {
      const res = await router.call('training.staff.page', bad);
      expect(res.ok, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('duplicates check', () => {
  it('groups the same code, or the same name and birth date, within a unit only', async () => {
    const { router, ws, hongBang, ngoQuyen } = await trainingWorkspace();
    const put = (unitId: string, fullName: string, staffCode = '', birthDate: string | null = null) =>
      ws.sqlite.transaction(() => insertRow(ws, staff, { unitId, fullName, staffCode, birthDate }))();
    put(hongBang.id, 'Nguyễn Văn A', 'HB01');
    put(hongBang.id, 'Nguyễn Văn Á', 'HB01'); // same code in the unit
    put(ngoQuyen.id, 'Trần Thị B', 'HB01'); // same code, another unit: not a duplicate
    put(hongBang.id, 'Lê Thị Cúc', '', '1980-01-02');
    put(hongBang.id, 'Le Thi Cuc', 'HB09', '1980-01-02'); // same folded name and birth date
    put(hongBang.id, 'Lê Thị Cúc', '', '1981-01-02'); // same name, other birth date
    put(ngoQuyen.id, 'Lê Thị Cúc', '', '1980-01-02'); // another unit
    put(hongBang.id, 'Hoàng Văn D', '', null);
    put(hongBang.id, 'Hoàng Văn D', '', null); // no birth date: not matched by name
    const groups = await call(router, 'training.staff.duplicates', {});
    const summary = groups.map((g: any) => [g.reason, g.unitName, names(g.members).sort()]).sort();
    expect(summary).toEqual([
      ['code', 'BHXH quận Hồng Bàng', ['Nguyễn Văn A', 'Nguyễn Văn Á']],
      ['nameBirth', 'BHXH quận Hồng Bàng', ['Le Thi Cuc', 'Lê Thị Cúc']],
    ]);
    expect(await call(router, 'training.staff.duplicates', { unitId: ngoQuyen.id })).toEqual([]);
  });
});
