import { call, tempWorkspace } from '../../support/workspace';

export const count = (ws: { sqlite: any }, sql: string) => (ws.sqlite.prepare(sql).get() as { n: number }).n;
export const changes = (ws: { sqlite: any }) => count(ws, 'select count(*) n from change_log');

/** A workspace set up for Hải Phòng with one district, on a fixed date. */
export async function district(now: string) {
  const t = tempWorkspace({ now: `${now}T08:00:00Z` });
  const [province] = await call(t.router, 'units.list', { type: 'province' });
  const unit = await call(t.router, 'units.create', { code: '3102', name: 'BHXH quận Ngô Quyền', type: 'district', parentId: province.id });
  return { ...t, province, unitId: unit.id as string };
}

/** Steps 1 and 2 completed by hand, as the units area records them. */
export async function stepsOneTwoDone(router: any, unitId: string, step1 = '2014-03-01', step2 = '2014-06-01') {
  await call(router, 'steps.update', { unitId, step: 1, status: 'done', actualEnd: step1 });
  await call(router, 'steps.update', { unitId, step: 2, status: 'done', actualEnd: step2 });
}

export const lead = (extra: Record<string, unknown> = {}) => ({
  role: 'lead',
  fullName: 'Trần Văn Bình',
  department: 'Phòng Kế hoạch - Tài chính',
  internalAuditCourse: true,
  ...extra,
});

/** Errors of a failed call: its code, or 'ok'. */
export async function codeOf(router: any, method: string, input: unknown): Promise<string> {
  const res = await router.call(method, input);
  return res.ok ? 'ok' : res.error.code;
}
