import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../db/connection';
import { createRouter, type Router } from '../electron/api/router';
import { openWorkspace } from '../electron/services/workspace';
import { bundleHooks } from './bundle-hooks';
import { MANIFEST } from './generate/index';
import { prepareTargetDb, rawExport, rawImport, subtreeRows } from './ops/bundle-baseline';
import { measureRenderer } from './ops/renderer';
import { summarise, timeRuns, type Summary } from './stats';
import { describeTarget, type Target, TARGETS } from './targets';

export interface BenchOptions {
  data: string;
  /** Repetitions of each data-layer operation (default 30). */
  runs?: number;
  /** Repetitions of each renderer measure (default 5; each is a fresh browser context). */
  uiRuns?: number;
  renderer?: boolean;
  log?: (line: string) => void;
}

export interface BenchRow {
  id: string;
  label: string;
  status: 'measured' | 'pending';
  target: Target;
  summary?: Summary;
  /** For throughput rows: the raw baseline measured in the same run, and value ÷ baseline (medians). */
  baselineId?: string;
  ratio?: number;
  peakRssMb?: number;
  pass: boolean | null;
  note?: string;
}

export interface BenchResult {
  date: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; platform: string; loadAverage: number[] };
  data: { dir: string; scale?: string; seed?: number; areas?: { area: string; status: string }[] };
  rows: BenchRow[];
}

function machine(): BenchResult['machine'] {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    cpuModel = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpuModel;
  } catch {
    // not Linux: keep os.cpus()
  }
  return {
    cpus: availableParallelism(),
    cpuModel,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

const judge = (target: Target, s?: Summary, ratio?: number, rss?: number): boolean | null => {
  if (target.kind === 'p95') return s ? s.p95 < target.ms : null;
  if (target.kind === 'ratio') return ratio === undefined ? null : ratio <= target.max;
  if (target.kind === 'rss') return rss === undefined ? null : rss < target.mb;
  return null;
};

function measured(id: string, label: string, target: Target, summary: Summary, note?: string): BenchRow {
  return { id, label, status: 'measured', target, summary, pass: judge(target, summary), note };
}

function pending(id: string, label: string, target: Target, note: string): BenchRow {
  return { id, label, status: 'pending', target, pass: null, note };
}

async function call(router: Router, method: string, input: unknown): Promise<unknown> {
  const env = await router.call(method, input);
  if (!env.ok) throw new Error(`${method}: ${env.error.code} ${env.error.message.en}`);
  return env.value;
}

/** Runs `tsx bench/ops/bundle-child.ts …` in a fresh process and returns its timing and peak RSS. */
function child(args: string[]): { ms: number; peakRssMb: number } {
  const script = fileURLToPath(new URL('./ops/bundle-child.ts', import.meta.url));
  const res = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`bundle child failed: ${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').at(-1)!);
}

/** The biggest province of the folder (most units below it): the bundle the benchmark moves. */
function biggestProvince(ws: { sqlite: import('better-sqlite3').Database }): { id: string; name: string } | undefined {
  return ws.sqlite
    .prepare(
      `SELECT p.id, p.name FROM units p LEFT JOIN units d ON d.parent_id = p.id
       WHERE p.type = 'province' AND p.deleted = 0 GROUP BY p.id ORDER BY count(d.id) DESC, p.code LIMIT 1`,
    )
    .get() as { id: string; name: string } | undefined;
}

/**
 * The benchmark of issue 8 on a generated data folder: each operation's
 * median and p95 over repeated runs beside its target; bundle rows beside
 * the raw baselines measured in the same run. Areas not built yet print as
 * pending, never as passed.
 */
export async function runBenchmark(options: BenchOptions): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  const runs = options.runs ?? 30;
  const uiRuns = options.uiRuns ?? 5;
  const manifestFile = join(options.data, MANIFEST);
  const manifest = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : {};
  const rows: BenchRow[] = [];
  const host = machine();
  const scratch = mkdtempSync(join(tmpdir(), 'isodesk-bench-'));
  try {
    // Cold start of the data layer: a new connection, schema check, first read.
    log('data layer: open');
    rows.push(
      measured(
        'open.existing',
        'Open data folder (schema check + first read)',
        TARGETS.none,
        await timeRuns(runs, () => {
          const ws = openWorkspace(options.data);
          ws.sqlite.prepare('SELECT count(*) FROM units').get();
          ws.close();
        }),
      ),
    );
    rows.push(
      measured(
        'open.migrate',
        'Create + apply all migrations (empty folder)',
        TARGETS.none,
        await timeRuns(runs, (i) => {
          const file = join(scratch, `migrate-${i}.db`);
          openDatabase(file).close();
          rmSync(file, { force: true });
        }),
      ),
    );

    const ws = openWorkspace(options.data);
    const router = createRouter(ws);
    try {
      log('queries');
      const board = (await call(router, 'board.get', {})) as { total: number };
      rows.push(
        measured('query.board', `Rollout board, whole nation (board.get, ${board.total} units)`, TARGETS.query, await timeRuns(runs, () => call(router, 'board.get', {}))),
      );
      rows.push(pending('query.dashboard', 'Dashboard, whole nation', TARGETS.query, 'pending: dashboard (issue 7)'));
      const staffCount = (ws.sqlite.prepare('SELECT count(*) AS n FROM staff WHERE deleted = 0').get() as { n: number }).n;
      rows.push(
        measured(
          'query.trainingMatrix',
          `Training matrix, whole nation (training.matrix, ${staffCount} staff)`,
          TARGETS.query,
          await timeRuns(runs, () => call(router, 'training.matrix', {})),
        ),
      );
      rows.push(pending('query.actionBoard', 'Action board, whole nation', TARGETS.query, 'pending: improvement (issue 5)'));

      const queries = ['thi xa', 'thanh pho', 'ha noi', 'binh', 'huyen dong', 'song'];
      rows.push(
        measured(
          'search.units',
          'Search units without diacritics (units.list)',
          TARGETS.search,
          await timeRuns(runs, (i) => call(router, 'units.list', { query: queries[Math.abs(i) % queries.length], status: 'all' })),
          `queries: ${queries.join(' | ')}`,
        ),
      );
      rows.push(pending('search.documents', 'Search documents without diacritics', TARGETS.search, 'pending: procedures (issue 3)'));
      const staffQueries = ['nguyen thi', 'tran van hung', 'pho giam doc', 'to thu', 'le thi lan', 'hoang'];
      rows.push(
        measured(
          'search.staff',
          `Search staff without diacritics (training.staff.list, ${staffCount} staff)`,
          TARGETS.search,
          await timeRuns(runs, (i) => call(router, 'training.staff.list', { query: staffQueries[Math.abs(i) % staffQueries.length], status: 'all' })),
          `queries: ${staffQueries.join(' | ')}`,
        ),
      );

      // Bundles: raw baselines now; the bundle functions once issue 6 plugs them in.
      const province = biggestProvince(ws);
      if (province) {
        log(`bundle baselines (${province.name})`);
        const rowsCount = subtreeRows(ws.sqlite, province.id).reduce((s, t) => s + t.rows.length, 0);
        const bundleFile = join(scratch, 'raw.zip');
        const exportRaw = await timeRuns(runs, () => rawExport(ws.sqlite, options.data, province.id, bundleFile));
        const tables = subtreeRows(ws.sqlite, province.id);
        const importSamples: number[] = [];
        for (let i = -1; i < Math.min(runs, 10); i++) {
          const dbFile = join(scratch, `import-${i}.db`);
          prepareTargetDb(ws.sqlite, province.id, dbFile);
          const t0 = performance.now();
          await rawImport(bundleFile, tables, dbFile);
          if (i >= 0) importSamples.push(performance.now() - t0);
          for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) rmSync(f, { force: true });
        }
        const exportChild = child(['export', options.data, province.id]);
        const importChild = child(['import', options.data, province.id, bundleFile]);
        const what = `${province.name}: ${rowsCount} rows + attachments`;
        rows.push({ ...measured('bundle.export.raw', `Raw baseline: zip + SHA-256 (${what})`, TARGETS.none, exportRaw), peakRssMb: exportChild.peakRssMb });
        rows.push({
          ...measured('bundle.import.raw', 'Raw baseline: insert same rows in one transaction + SHA-256', TARGETS.none, summarise(importSamples)),
          peakRssMb: importChild.peakRssMb,
        });
        if (bundleHooks) {
          const hooks = bundleHooks;
          const out = join(scratch, 'bundle.isodesk');
          const exp = await timeRuns(runs, () => hooks.exportUnitBundle(ws, province.id, out));
          const imp: number[] = [];
          for (let i = 0; i < Math.min(runs, 10); i++) {
            const hq = openWorkspace(join(scratch, `hq-${i}`));
            const t0 = performance.now();
            await hooks.importBundle(hq, out);
            imp.push(performance.now() - t0);
            hq.close();
          }
          const impS = summarise(imp);
          const er = exp.median / exportRaw.median;
          const ir = impS.median / summarise(importSamples).median;
          rows.push({ ...measured('bundle.export', 'Export province bundle', TARGETS.exportRatio, exp), baselineId: 'bundle.export.raw', ratio: er, pass: judge(TARGETS.exportRatio, exp, er) });
          rows.push({ ...measured('bundle.import', 'Verify + import province bundle', TARGETS.importRatio, impS), baselineId: 'bundle.import.raw', ratio: ir, pass: judge(TARGETS.importRatio, impS, ir) });
          rows.push(pending('bundle.rss', 'Peak RSS, export + import of the bundle', TARGETS.bundleRss, 'pending: measure the bundle functions in a child process'));
        } else {
          rows.push({ ...pending('bundle.export', 'Export province bundle', TARGETS.exportRatio, 'pending: signed bundles (issue 6), see bench/bundle-hooks.ts'), baselineId: 'bundle.export.raw' });
          rows.push({ ...pending('bundle.import', 'Verify + import province bundle', TARGETS.importRatio, 'pending: signed bundles (issue 6)'), baselineId: 'bundle.import.raw' });
          rows.push(pending('bundle.rss', 'Peak RSS, export + import of the 500 MB bundle', TARGETS.bundleRss, 'pending: bundles (issue 6) and attachments (issue 3)'));
        }
      }

      if (options.renderer !== false) {
        log('renderer (Chromium)');
        const ui = await measureRenderer(router, uiRuns);
        const b = ui.breakdown;
        rows.push(
          measured(
            'ui.boardVisible',
            `Load → rollout board visible (${board.total} units)`,
            TARGETS.boardVisible,
            ui.boardVisible,
            `medians: scripts done ${b.scriptsDone.toFixed(0)} ms, board data received ${b.boardDataReceived.toFixed(0)} ms`,
          ),
        );
        rows.push(
          measured(
            'ui.unitsFirstRows',
            `Open units list → first rows (${ui.unitsRows} rows, ${ui.unitsRowsInDom} in DOM)`,
            TARGETS.firstRows,
            ui.unitsFirstRows,
            `median: list data received ${b.unitsDataReceived.toFixed(0)} ms after opening`,
          ),
        );
        rows.push(
          measured(
            'ui.staffFirstRows',
            `Open staff list → first rows (${ui.staffRows} rows, ${ui.staffRowsInDom} in DOM)`,
            TARGETS.firstRows,
            ui.staffFirstRows,
            `median: staff data received ${b.staffDataReceived.toFixed(0)} ms after opening`,
          ),
        );
      }
    } finally {
      ws.close();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return {
    date: new Date().toISOString(),
    machine: host,
    data: { dir: options.data, scale: manifest.scale, seed: manifest.seed, areas: manifest.areas?.map((a: { area: string; status: string }) => ({ area: a.area, status: a.status })) },
    rows,
  };
}

const fmt = (v?: number) => (v === undefined ? '' : v >= 100 ? v.toFixed(0) : v.toFixed(1));

/** One table: operation, median, p95, target, result. */
export function formatTable(result: BenchResult): string {
  const head = ['Operation', 'median ms', 'p95 ms', 'cpu ms', 'peak RSS', 'target', 'result'];
  const body = result.rows.map((r) => [
    r.label,
    fmt(r.summary?.median),
    fmt(r.summary?.p95),
    fmt(r.summary?.cpuMedian),
    r.peakRssMb === undefined ? '' : `${r.peakRssMb} MB`,
    describeTarget(r.target) + (r.ratio === undefined ? '' : ` (is ${r.ratio.toFixed(2)}×)`),
    r.status === 'pending' ? (r.note ?? 'pending') : r.pass === null ? 'info' : r.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 6 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const m = result.machine;
  return [
    `ISO Desk benchmark — ${result.date} — ${m.cpus} CPU (${m.cpuModel}), ${m.memoryGb} GB, Node ${m.node}`,
    `Data: ${result.data.dir} (${result.data.scale ?? '?'}; areas ${(result.data.areas ?? []).map((a) => `${a.area}:${a.status}`).join(', ')})`,
    `Load average at start ${result.machine.loadAverage.join(' / ')} (1/5/15 min). cpu ms = median CPU time of this process per run; median/p95 are wall clock.`,
    line(head),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...body.map(line),
    ...result.rows.filter((r) => r.status === 'measured' && r.note).map((r) => `  · ${r.label}: ${r.note}`),
  ].join('\n');
}
