import { call, tempWorkspace } from '../../support/workspace';

export type Router = ReturnType<typeof tempWorkspace>['router'];

/** A Hải Phòng office with two districts and the shipped course types, on a fixed day. */
export async function trainingWorkspace(now = '2016-01-15T08:00:00Z') {
  const t = tempWorkspace({ now });
  const [province] = await call(t.router, 'units.list', { type: 'province' });
  const hongBang = await call(t.router, 'units.create', { code: '3101', name: 'BHXH quận Hồng Bàng', type: 'district', parentId: province.id });
  const ngoQuyen = await call(t.router, 'units.create', { code: '3102', name: 'BHXH quận Ngô Quyền', type: 'district', parentId: province.id });
  const courses = await call(t.router, 'training.courses.list', {});
  const course = (code: string) => courses.find((c: any) => c.code === code);
  return { ...t, province, hongBang, ngoQuyen, courses, course };
}

export const count = (ws: { sqlite: any }, sql: string, ...args: unknown[]) => (ws.sqlite.prepare(sql).get(...args) as { n: number }).n;
