import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateData } from '../../../bench/generate/index';
import { createRouter } from '../../../electron/api/router';
import { openWorkspace } from '../../../electron/services/workspace';
import { call } from '../../support/workspace';

/**
 * The dashboard counts its figures without building the rows behind them (in
 * SQL, or from per-unit coverage); figures.get builds the rows. On ten years
 * of generated data, at days inside the rollout and after it, both must tell
 * the same story: each number the dashboard shows is the count of the rows a
 * click on it lists, and each slice the count of its own rows.
 */
const root = mkdtempSync(join(tmpdir(), 'isodesk-figures-generated-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** What a count figure's value counts in its rows: rows, or units (a unit may belong to two waves). */
const counted = (f: { key: string; rows: { unitId?: unknown }[] }) => (f.key.startsWith('waves.') ? new Set(f.rows.map((r) => r.unitId)).size : f.rows.length);

describe('dashboard numbers and the rows behind them, on generated data', () => {
  // Figures seen with a non-zero value on some day.
  const seen = new Set<string>();
  const days = ['2013-09-15', '2014-06-15', '2016-03-01', '2022-09-30'];
  beforeAll(async () => {
    await generateData({ out: root, scale: 'tiny', seed: 11 });
    // Also the day after a step that finished late was planned to end: a unit is behind plan then.
    const ws = openWorkspace(root);
    const planned = ws.sqlite.prepare("SELECT min(planned_end) FROM unit_steps WHERE status = 'done' AND actual_end > planned_end").pluck().get() as string;
    // And the very day a unit was certified or declared (its step 3 done that day counts).
    const declared = ws.sqlite
      .prepare("SELECT min(s.actual_end) FROM unit_steps s JOIN units u ON u.id = s.unit_id WHERE s.status = 'done' AND s.step = 3 AND u.status = 'active' AND u.type <> 'hq'")
      .pluck()
      .get() as string;
    ws.close();
    days.push(new Date(Date.parse(`${planned}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10), declared);
  }, 600_000);

  for (const [n, label] of ['2013-09-15', '2014-06-15', '2016-03-01', '2022-09-30', 'a day a unit is behind plan', 'the day the first unit declared'].entries()) {
    it(`agree on ${label}, for the whole tree, a province and a district, this year and past periods`, async () => {
      const now = days[n];
      const ws = openWorkspace(root, { now: () => new Date(`${now}T09:00:00Z`) });
      try {
        const router = createRouter(ws);
        const province = ws.sqlite.prepare("SELECT id FROM units WHERE type = 'province' AND deleted = 0 ORDER BY code LIMIT 1").pluck().get() as string;
        const district = ws.sqlite.prepare("SELECT id FROM units WHERE parent_id = ? AND deleted = 0 ORDER BY code LIMIT 1").pluck().get(province) as string;
        const year = Number(now.slice(0, 4));
        for (const scope of [{ mode: 'subtree' }, { mode: 'subtree', unitId: province }, { mode: 'unit', unitId: district }]) {
          for (const period of [
            { start: `${year}-01-01`, end: `${year}-12-31` },
            { start: `${year - 1}-07-01`, end: `${year - 1}-12-31` },
          ]) {
            const dashboard = await call(router, 'dashboard.get', { scope, period });
            for (const shown of dashboard.figures) {
              const f = await call(router, 'figures.get', { key: shown.key, scope, period });
              expect({ value: shown.value, part: shown.part, slices: shown.slices }, shown.key).toEqual({ value: f.value, part: f.part, slices: f.slices });
              if (shown.preview) expect(shown.preview, shown.key).toEqual(f.rows.slice(0, shown.preview.length));
              if (f.kind === 'count') expect(f.value, `${shown.key} ${JSON.stringify(scope)} ${period.start}`).toBe(counted(f));
              for (const s of f.slices ?? []) expect(s.value, `${f.key} slice ${s.key}`).toBe(f.rows.filter((r: { slice?: string }) => r.slice === s.key).length);
              if (f.value) seen.add(f.key);
            }
            const share = await call(router, 'figures.get', { key: 'steps.declaredShare', scope, period });
            expect(share.part).toEqual({ numerator: share.rows.filter((r: { slice: string }) => r.slice === 'declared').length, denominator: share.rows.length });
          }
        }
      } finally {
        ws.close();
      }
    }, 120_000);
  }

  it('saw every figure with something to count on some day (steps due soon aside: generated steps all end done)', () => {
    const all = ['units.inScope', 'units.withTeam', 'steps.byStep', 'steps.declared', 'steps.declaredShare', 'steps.declaredInPeriod', 'steps.completedInPeriod', 'steps.behindPlan'];
    const more = ['waves.unitsByWave', 'waves.behindByWave', 'training.coverage', 'training.peopleMissing', 'training.trainedInPeriod', 'procedures.inScope', 'actions.open', 'actions.overdue'];
    expect([...all, ...more].filter((k) => !seen.has(k))).toEqual([]);
  });
});
