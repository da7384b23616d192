import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatTable, runBenchmark } from '../../../bench/benchmark';
import { describeResult, generateData, type GenerateResult } from '../../../bench/generate/index';
import { checkIntegrity } from '../../../bench/generate/integrity';
import { DB_FILE } from '../../../electron/services/workspace';

/**
 * Smoke test of the performance tooling at tiny scale: the generator writes a
 * folder that passes the app's integrity rules, repeatably, and the benchmark
 * runs end to end on it. Nothing here is timed; targets are for `npm run bench`.
 */
const root = mkdtempSync(join(tmpdir(), 'isodesk-bench-smoke-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const history = (dir: string) => {
  const db = new Database(join(dir, DB_FILE), { readonly: true });
  const rows = db.prepare('SELECT at, actor, table_name, row_id, unit_id, op, old_json, new_json FROM change_log ORDER BY seq').all();
  db.close();
  return rows;
};

describe('bench data generator and benchmark (tiny scale, not timed)', () => {
  let first: GenerateResult;

  it('writes ten years of history through the services that passes the integrity checks', () => {
    first = generateData({ out: join(root, 'a'), scale: 'tiny', seed: 7 });
    expect(first.integrity.problems).toEqual([]);
    expect(first.integrity.ok).toBe(true);
    // Every synchronised table the generated areas own has rows, each explained by the change log.
    for (const table of ['units', 'unit_events', 'unit_steps', 'waves', 'wave_members', 'iso_teams', 'team_members', 'course_types', 'staff', 'training_sessions', 'attendance']) {
      expect(first.integrity.rows[table], table).toBeGreaterThan(0);
    }
    expect(first.integrity.span.years).toBeGreaterThan(9);
    expect(first.integrity.span.first?.startsWith('2012-10-01')).toBe(true);
    // Vietnamese names, and the merge of one district (the source keeps its records).
    const db = new Database(join(root, 'a', DB_FILE), { readonly: true });
    const names = db.prepare('SELECT full_name FROM team_members').all() as { full_name: string }[];
    expect(names.some((n) => /^(Nguyễn|Trần|Lê|Phạm) /.test(n.full_name))).toBe(true);
    expect(db.prepare("SELECT count(*) AS n FROM units WHERE status = 'merged' AND successor_id IS NOT NULL").get()).toEqual({ n: 1 });
    // The merged district keeps its people but holds no session after its merge.
    const late = db
      .prepare(
        `SELECT count(*) AS n FROM training_sessions s JOIN units u ON u.id = s.unit_id JOIN unit_events e ON e.subject_id = u.id AND e.kind = 'merged'
         WHERE u.status = 'merged' AND s.start_date >= e.event_date`,
      )
      .get();
    expect(late).toEqual({ n: 0 });
    // The folder's own checks agree with the generator's report.
    expect(checkIntegrity(db).ok).toBe(true);
    db.close();
  });

  it('lists which areas were generated and which are still pending', () => {
    expect(first.areas.filter((a) => a.status === 'generated').map((a) => a.area)).toEqual(['units', 'training']);
    expect(first.areas.filter((a) => a.status === 'pending').map((a) => a.area)).toEqual(['procedures', 'improvement']);
    const text = describeResult(first);
    expect(text).toContain('PENDING    procedures');
    expect(text).toContain('Integrity: ok');
  });

  it('is repeatable: the same seed gives the same change log, another seed another one', () => {
    generateData({ out: join(root, 'b'), scale: 'tiny', seed: 7 });
    generateData({ out: join(root, 'c'), scale: 'tiny', seed: 8 });
    expect(history(join(root, 'b'))).toEqual(history(join(root, 'a')));
    expect(history(join(root, 'c'))).not.toEqual(history(join(root, 'a')));
  });

  it('refuses to write into a folder that already holds data', () => {
    expect(() => generateData({ out: join(root, 'a'), scale: 'tiny' })).toThrow(/not empty/);
  });

  it('runs the benchmark end to end: every operation measured, bundles through the exchange services', async () => {
    const result = await runBenchmark({ data: join(root, 'a'), runs: 2, uiRuns: 1 });
    const byId = new Map(result.rows.map((r) => [r.id, r]));
    const ids = [
      'open.existing',
      'open.migrate',
      'query.board',
      'query.dashboard',
      'query.trainingMatrix',
      'query.actionBoard',
      'search.units',
      'search.documents',
      'search.staff',
      'bundle.export.raw',
      'bundle.import.raw',
      'bundle.export',
      'bundle.import',
      'ui.boardVisible',
      'ui.unitsFirstRows',
      'ui.staffFirstRows',
    ];
    for (const id of ids) {
      const row = byId.get(id);
      expect(row?.status, id).toBe('measured');
      expect(row?.summary?.runs, id).toBeGreaterThan(0);
      expect(row?.summary?.median, id).toBeGreaterThan(0);
    }
    expect(result.rows.filter((r) => r.status === 'pending').map((r) => r.id)).toEqual([]);
    for (const id of ['bundle.export.raw', 'bundle.import.raw', 'bundle.export', 'bundle.import', 'bundle.rss']) {
      expect(byId.get(id)?.peakRssMb, id).toBeGreaterThan(0);
    }
    // The bundle rows are judged against the raw baselines of the same run.
    expect(byId.get('bundle.export')).toMatchObject({ baselineId: 'bundle.export.raw', ratio: expect.any(Number) });
    expect(byId.get('bundle.import')).toMatchObject({ baselineId: 'bundle.import.raw', ratio: expect.any(Number) });
    // The bundle went through exportBundle and importBundle: its rows reached headquarters.
    expect(byId.get('bundle.import')?.label).toMatch(/importBundle into headquarters, [1-9]\d* rows/);
    const table = formatTable(result);
    expect(table).toContain('Rollout board');
    expect(table).toContain('Dashboard, whole nation');
    expect(table).toContain('Export province bundle');
  }, 240_000);
});
