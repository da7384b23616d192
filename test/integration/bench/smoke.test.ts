import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatTable, runBenchmark } from '../../../bench/benchmark';
import { describeResult, generateData, type GenerateResult } from '../../../bench/generate/index';
import { checkIntegrity } from '../../../bench/generate/integrity';
import { checkIntegrity as checkAttachments, readAttachment } from '../../../electron/services/procedures/attachments';
import { actionAging, listActions } from '../../../electron/services/improvement/actions';
import { DB_FILE, openWorkspace } from '../../../electron/services/workspace';

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

  it('writes ten years of history through the services that passes the integrity checks', async () => {
    first = await generateData({ out: join(root, 'a'), scale: 'tiny', seed: 7 });
    expect(first.integrity.problems).toEqual([]);
    expect(first.integrity.ok).toBe(true);
    // Every synchronised table the generated areas own has rows, each explained by the change log.
    for (const table of [
      ...['units', 'unit_events', 'unit_steps', 'waves', 'wave_members', 'iso_teams', 'team_members', 'course_types', 'staff', 'training_sessions', 'attendance'],
      ...['procedures', 'procedure_versions', 'legal_changes', 'attachments', 'adoptions', 'unit_checklists', 'checklist_items'],
      ...['organisations', 'engagements', 'assessments', 'certificates', 'declarations', 'unit_scope_codes', 'audit_programmes', 'internal_audits'],
      ...['audit_auditors', 'inspections', 'findings', 'management_reviews', 'corrective_actions', 'quality_policies', 'quality_objectives', 'objective_results', 'hq_feedback'],
    ]) {
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

  it('lists the areas it generated and counts the attachments it stored', () => {
    expect(first.areas.map((a) => [a.area, a.status])).toEqual([
      ['units', 'generated'],
      ['procedures', 'generated'],
      ['training', 'generated'],
      ['improvement', 'generated'],
    ]);
    const text = describeResult(first);
    expect(text).not.toContain('PENDING');
    expect(text).toContain('Integrity: ok');
    expect(first.attachments.mode).toBe('all');
    expect(first.attachments.files).toBeGreaterThan(100);
    expect(text).toContain(`Attachments (all): ${first.attachments.rows} rows`);
  });

  it('procedures: framework versions over ten years, legal changes folded in, every unit adopting, checklists moved to 2015', () => {
    const db = new Database(join(root, 'a', DB_FILE), { readonly: true });
    const one = <T>(sql: string) => db.prepare(sql).get() as T;
    // About forty headquarters procedures, about five versions each, one in force (QT-NB-06 withdrawn at the 2015 transition).
    const hq = one<{ n: number; versions: number; inForce: number }>(
      `SELECT count(DISTINCT p.id) AS n, count(v.id) AS versions, count(DISTINCT p.current_version_id) AS inForce
       FROM procedures p JOIN procedure_versions v ON v.procedure_id = p.id WHERE p.origin = 'hq'`,
    );
    expect(hq.n).toBeGreaterThanOrEqual(40);
    expect(hq.versions / hq.n).toBeGreaterThan(4);
    expect(hq.inForce).toBe(hq.n - 1);
    expect(one(`SELECT min(issue_date) AS first FROM procedure_versions`)).toEqual({ first: expect.stringMatching(/^201[23]-/) });
    expect(one<{ n: number }>(`SELECT count(*) AS n FROM procedure_versions WHERE summary LIKE '%9001:2015%' AND issue_date BETWEEN '2018-01-01' AND '2019-12-31'`).n).toBeGreaterThan(30);
    // Legal changes: most folded into a version within 3 months, some late, the newest still open.
    const legal = one<{ n: number; resolved: number; inTime: number; open: number }>(
      `SELECT count(*) AS n, count(resolved_version_id) AS resolved, sum(resolved_date <= due_date) AS inTime, sum(resolved_version_id IS NULL) AS open FROM legal_changes`,
    );
    expect(legal.inTime / legal.n).toBeGreaterThan(0.6);
    expect(legal.resolved).toBeGreaterThan(legal.inTime);
    expect(legal.open).toBeGreaterThan(0);
    // Every unit that built its system applies the framework; each applies only approved versions, not before their issue.
    const units = one<{ n: number }>(`SELECT count(*) AS n FROM units u JOIN unit_steps s ON s.unit_id = u.id AND s.step = 1 AND s.status = 'done' WHERE u.type != 'hq'`);
    expect(one(`SELECT count(DISTINCT unit_id) AS n FROM adoptions WHERE deleted = 0`)).toEqual(units);
    expect(one(`SELECT count(*) AS n FROM adoptions a JOIN procedure_versions v ON v.id = a.version_id WHERE a.deleted = 0 AND (a.since < v.issue_date OR v.status NOT IN ('approved', 'superseded'))`)).toEqual({ n: 0 });
    // Units that built their system moved their checklist to 2015 (the 2008 one archived).
    expect(one(`SELECT count(*) AS n FROM unit_checklists WHERE standard = '2015' AND migrated_from IS NOT NULL`)).toEqual({
      n: one<{ n: number }>(`SELECT count(*) AS n FROM unit_checklists WHERE standard = '2008' AND status = 'archived'`).n,
    });
    db.close();
  });

  it('procedures: attachments are real PDFs stored under their SHA-256 by the attachment service', async () => {
    const ws = openWorkspace(join(root, 'a'));
    try {
      const report = await checkAttachments(ws);
      expect(report.missing).toEqual([]);
      expect(report.corrupt).toEqual([]);
      expect(report.ok).toBe(report.checked);
      const rows = ws.sqlite.prepare(`SELECT id, name, mime_type AS type, subject_type AS subject FROM attachments ORDER BY id LIMIT 20`).all() as { id: string; name: string; type: string; subject: string }[];
      for (const row of rows) {
        expect(row.name.endsWith('.pdf')).toBe(true);
        expect(row.type).toBe('application/pdf');
        const { bytes } = await readAttachment(ws, row.id);
        expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
        expect(bytes.subarray(-6).toString('latin1')).toBe('%%EOF\n');
      }
      expect(new Set(rows.map((r) => r.subject)).size).toBeGreaterThan(0);
    } finally {
      ws.close();
    }
  });

  it('improvement: a yearly audit on the dates step 4 records, led by a certified auditor, with actions mostly closed in time', () => {
    const db = new Database(join(root, 'a', DB_FILE), { readonly: true });
    const one = <T>(sql: string) => db.prepare(sql).get() as T;
    // Each internal audit date noted on step 4 ("Đánh giá nội bộ dd/mm/yyyy") is an audit held that day.
    const notes = db.prepare(`SELECT unit_id, note FROM unit_steps WHERE step = 4 AND note LIKE 'Đánh giá nội bộ %'`).all() as { unit_id: string; note: string }[];
    expect(notes.length).toBeGreaterThan(0);
    const held = db.prepare(`SELECT count(*) AS n FROM internal_audits WHERE unit_id = ? AND actual_start = ? AND status = 'done'`);
    for (const { unit_id, note } of notes) {
      const [d, m, y] = /(\d\d)\/(\d\d)\/(\d{4})/.exec(note)!.slice(1);
      expect(held.get(unit_id, `${y}-${m}-${d}`), note).toEqual({ n: 1 });
    }
    // One programme per unit and year; a management review after each audit held (but one held just before the end).
    expect(one(`SELECT count(*) AS n FROM (SELECT unit_id, year FROM audit_programmes GROUP BY 1, 2 HAVING count(*) > 1)`)).toEqual({ n: 0 });
    const reviewed = one<{ audits: number; reviews: number }>(
      `SELECT (SELECT count(*) FROM internal_audits WHERE status = 'done' AND actual_end < '2022-09-01') AS audits,
              (SELECT count(*) FROM management_reviews WHERE review_date < '2022-09-01') AS reviews`,
    );
    expect(reviewed.reviews).toBe(reviewed.audits);
    // Leads come from the training register: most hold a certified-auditor certificate from a course they attended.
    const leads = one<{ n: number; certified: number }>(
      `SELECT count(*) AS n, sum(EXISTS (SELECT 1 FROM attendance t JOIN training_sessions s ON s.id = t.session_id JOIN course_types c ON c.id = s.course_type_id
                                       WHERE t.staff_id = a.staff_id AND c.kind = 'certified_auditor' AND t.result = 'passed')) AS certified
       FROM audit_auditors a WHERE a.role = 'lead'`,
    );
    expect(leads.certified / leads.n).toBeGreaterThan(0.5);
    // The step-3 certificate named in the evidence is in the certificates register.
    const certs = db.prepare(`SELECT evidence FROM unit_steps WHERE step = 3 AND evidence LIKE 'Giấy chứng nhận%'`).all() as { evidence: string }[];
    for (const { evidence } of certs) {
      const [, number, issuer] = /số (HT [\d.]+) do (.+) cấp$/.exec(evidence)!;
      expect(one(`SELECT count(*) AS n FROM certificates WHERE number = '${number}' AND issuer = '${issuer}'`), evidence).toEqual({ n: 1 });
    }
    db.close();
    // The action board at the end of the history: most actions closed, some overdue.
    const ws = openWorkspace(join(root, 'a'), { now: () => new Date('2022-09-30T09:00:00Z') });
    try {
      const rows = listActions(ws);
      const aging = actionAging(rows);
      expect(rows.length).toBeGreaterThan(200);
      expect(aging.overdue).toBeGreaterThan(0);
      expect(aging.open).toBeLessThan(rows.length * 0.15);
      const closedInTime = rows.filter((r) => r.doneDate && r.doneDate <= r.dueDate).length;
      expect(closedInTime / rows.length).toBeGreaterThan(0.6);
    } finally {
      ws.close();
    }
  });

  it('is repeatable: the same seed gives the same change log, another seed another one', async () => {
    await generateData({ out: join(root, 'b'), scale: 'tiny', seed: 7 });
    await generateData({ out: join(root, 'c'), scale: 'tiny', seed: 8 });
    expect(history(join(root, 'b'))).toEqual(history(join(root, 'a')));
    expect(history(join(root, 'c'))).not.toEqual(history(join(root, 'a')));
  });

  it('refuses to write into a folder that already holds data', async () => {
    await expect(generateData({ out: join(root, 'a'), scale: 'tiny' })).rejects.toThrow(/not empty/);
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

  it('measures only the operations asked for (--only), a renderer row without the other two', async () => {
    const result = await runBenchmark({ data: join(root, 'a'), runs: 1, uiRuns: 1, only: /^(search\.units|ui\.unitsFirstRows)$/ });
    expect(result.rows.map((r) => r.id)).toEqual(['search.units', 'ui.unitsFirstRows']);
    expect(result.rows.every((r) => r.status === 'measured')).toBe(true);
  }, 120_000);
});
