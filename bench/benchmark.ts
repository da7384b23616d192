import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../db/connection';
import { createRouter, type Router } from '../electron/api/router';
import { openWorkspace, type Workspace } from '../electron/services/workspace';
import type { ExportResult, ImportResult } from '../electron/services/exchange';
import { MANIFEST } from './generate/index';
import { attachmentFiles, prepareTargetDb, rawExport, rawImport, subtreeRows } from './ops/bundle-baseline';
import { exportProvinceBundle, freshHeadquarters, importAtHeadquarters, openOffice, prepareBundleFixture } from './ops/bundle-offices';
import { measureRenderer } from './ops/renderer';
import { timeRuns, type Summary } from './stats';
import { describeTarget, type Target, TARGETS } from './targets';

export interface BenchOptions {
  data: string;
  /** Repetitions of each data-layer operation (default 30). */
  runs?: number;
  /** Repetitions of each renderer measure (default 5; each is a fresh browser context). */
  uiRuns?: number;
  renderer?: boolean;
  /**
   * Only the operations whose id (query.board, bundle.import…) matches are in
   * the result; the others are not measured, except within a group measured
   * together: the bundle rows (ratios need the baselines) and the renderer's
   * three.
   */
  only?: RegExp;
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

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

function removeDb(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
}

/**
 * Export and verify + import through the exchange services (bench/ops/bundle-offices.ts),
 * each beside its raw baseline, and the peak RSS of each in its own process.
 */
async function benchBundles(
  ws: Workspace,
  dataDir: string,
  provinceId: string,
  scratch: string,
  runs: number,
  exportRaw: Summary,
  importRaw: Summary,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  log('bundles: preparing a province office and a headquarters folder');
  const fixture = prepareBundleFixture(ws.sqlite, dataDir, provinceId, scratch);
  const office = openOffice(fixture.provinceDir);
  // Sequence 1 of the province, as headquarters expects it first: kept for the imports.
  const first = join(scratch, 'bundle-1.zip');
  let exported: ExportResult;
  let imported: ImportResult | undefined;
  let hq: Workspace | undefined;
  try {
    exported = await exportProvinceBundle(office, first);
    const out = join(scratch, 'bundle-n.zip');
    const exp = await timeRuns(runs, () => exportProvinceBundle(office, out), { setup: () => rmSync(out, { force: true }) });
    rmSync(out, { force: true });
    office.close(); // the RSS child opens this folder below
    const impS = await timeRuns(
      Math.min(runs, 10),
      async () => {
        imported = await importAtHeadquarters(hq!, first);
      },
      {
        setup: () => {
          hq?.close();
          hq = openOffice(freshHeadquarters(fixture, join(scratch, 'hq')));
        },
      },
    );
    hq?.close();
    const er = exp.median / exportRaw.median;
    const ir = impS.median / importRaw.median;
    log('bundles: peak RSS in child processes');
    const rssExport = child(['bundle-export', fixture.provinceDir, join(scratch, 'bundle-child.zip')]);
    const hqDir = freshHeadquarters(fixture, join(scratch, 'hq'));
    const rssImport = child(['bundle-import', hqDir, first]);
    const peak = Math.max(rssExport.peakRssMb, rssImport.peakRssMb);
    const size = statSync(first).size;
    const what = `${exported.rows} rows + ${exported.attachments} files, ${mb(size)}`;
    return [
      {
        ...measured('bundle.export', `Export province bundle (exportBundle, ${what})`, TARGETS.exportRatio, exp),
        baselineId: 'bundle.export.raw',
        ratio: er,
        pass: judge(TARGETS.exportRatio, exp, er),
        peakRssMb: rssExport.peakRssMb,
      },
      {
        ...measured('bundle.import', `Verify + import province bundle (importBundle into headquarters, ${imported!.changes} rows)`, TARGETS.importRatio, impS),
        baselineId: 'bundle.import.raw',
        ratio: ir,
        pass: judge(TARGETS.importRatio, impS, ir),
        peakRssMb: rssImport.peakRssMb,
        note: 'includes the verified backup of the headquarters database taken before every import',
      },
      {
        id: 'bundle.rss',
        label: `Peak RSS, export + import of the province bundle (${mb(size)}), each in its own process`,
        status: 'measured',
        target: TARGETS.bundleRss,
        peakRssMb: peak,
        pass: judge(TARGETS.bundleRss, undefined, undefined, peak),
        note: `export ${rssExport.peakRssMb} MB, import ${rssImport.peakRssMb} MB`,
      },
    ];
  } finally {
    hq?.close();
    office.close();
  }
}

/**
 * The benchmark of issue 8 on a generated data folder: each operation's
 * median and p95 over repeated runs beside its target; bundle rows beside
 * the raw baselines measured in the same run.
 */
export async function runBenchmark(options: BenchOptions): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  const runs = options.runs ?? 30;
  const uiRuns = options.uiRuns ?? 5;
  const manifestFile = join(options.data, MANIFEST);
  const manifest = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : {};
  const rows: BenchRow[] = [];
  const want = (id: string) => !options.only || options.only.test(id);
  const host = machine();
  const scratch = mkdtempSync(join(tmpdir(), 'isodesk-bench-'));
  try {
    // Cold start of the data layer: a new connection, schema check, first read.
    log('data layer: open');
    if (want('open.existing')) rows.push(
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
    if (want('open.migrate')) rows.push(
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
      if (want('query.board')) rows.push(
        measured('query.board', `Rollout board, whole nation (board.get, ${board.total} units)`, TARGETS.query, await timeRuns(runs, () => call(router, 'board.get', {}))),
      );
      // The training matrix (and the dashboard's coverage) are kept until the change log moves: each timed run
      // follows an untimed edit of one person, so the figure is the first answer after a change, never a kept one.
      const someone = ws.sqlite.prepare('SELECT id FROM staff WHERE deleted = 0 ORDER BY id LIMIT 1').pluck().get() as string;
      const editSomeone = (i: number) => call(router, 'training.staff.update', { id: someone, note: `benchmark ${i}` });
      // As the dashboard opens: the office's whole subtree, this year, in Vietnamese.
      const year = new Date().getFullYear();
      const dashboardInput = { scope: { mode: 'subtree' }, period: { start: `${year}-01-01`, end: `${year}-12-31` }, lang: 'vi' };
      if (want('query.dashboard')) {
        const dashboard = (await call(router, 'dashboard.get', dashboardInput)) as { unitCount: number; figures: unknown[] };
        rows.push(
          measured(
            'query.dashboard',
            `Dashboard, whole nation (dashboard.get, ${dashboard.figures.length} figures over ${dashboard.unitCount} units)`,
            TARGETS.query,
            await timeRuns(runs, () => call(router, 'dashboard.get', dashboardInput), { setup: editSomeone }),
          ),
        );
      }
      const staffCount = (ws.sqlite.prepare('SELECT count(*) AS n FROM staff WHERE deleted = 0').get() as { n: number }).n;
      if (want('query.trainingMatrix')) rows.push(
        measured(
          'query.trainingMatrix',
          `Training matrix, whole nation (training.matrix, ${staffCount} staff)`,
          TARGETS.query,
          await timeRuns(runs, () => call(router, 'training.matrix', {}), { setup: editSomeone }),
        ),
      );
      // A day not asked for yet (the first matrix after the app starts, or of a new day) works out everyone's standing.
      if (want('query.trainingMatrixNewDay')) rows.push(
        measured(
          'query.trainingMatrixNewDay',
          `Training matrix, whole nation, first of a day (standing built whole: once per day and start)`,
          TARGETS.none,
          await timeRuns(runs, (i) => call(router, 'training.matrix', { onDate: new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10) })),
        ),
      );
      if (want('query.actionBoard')) {
        // What the board asks for as it opens: the office's actions not yet closed, with aging and status counts over all of them.
        const rootId = (ws.sqlite.prepare("SELECT value FROM settings WHERE key = 'officeUnitId'").get() as { value: string }).value;
        const opening = { rootId, status: 'not_closed' as const };
        const actions = (await call(router, 'actions.list', opening)) as { rows: unknown[] };
        const total = (ws.sqlite.prepare('SELECT count(*) AS n FROM corrective_actions WHERE deleted = 0').get() as { n: number }).n;
        rows.push(
          measured(
            'query.actionBoard',
            `Action board, whole nation (actions.list: ${actions.rows.length} not closed of ${total} actions)`,
            TARGETS.query,
            await timeRuns(runs, () => call(router, 'actions.list', opening)),
          ),
        );
      }

      const queries = ['thi xa', 'thanh pho', 'ha noi', 'binh', 'huyen dong', 'song'];
      if (want('search.units')) rows.push(
        measured(
          'search.units',
          'Search units without diacritics (units.list)',
          TARGETS.search,
          await timeRuns(runs, (i) => call(router, 'units.list', { query: queries[Math.abs(i) % queries.length], status: 'all' })),
          `queries: ${queries.join(' | ')}`,
        ),
      );
      // The first search brings the search index up to date with the change log (untimed warm-up).
      const docQueries = ['quy trinh', 'thu bao hiem', 'cap so', 'giai quyet che do', 'quyet dinh', 'ho so'];
      if (want('search.documents')) {
        await call(router, 'procedures.search', { query: docQueries[0] });
        const docs = (ws.sqlite.prepare('SELECT count(*) AS n FROM procedure_search_docs').get() as { n: number }).n;
        rows.push(
          measured(
            'search.documents',
            `Search documents without diacritics (procedures.search, ${docs} documents)`,
            TARGETS.search,
            await timeRuns(runs, (i) => call(router, 'procedures.search', { query: docQueries[Math.abs(i) % docQueries.length] })),
            `queries: ${docQueries.join(' | ')}`,
          ),
        );
      }
      const staffQueries = ['nguyen thi', 'tran van hung', 'pho giam doc', 'to thu', 'le thi lan', 'hoang'];
      if (want('search.staff')) rows.push(
        measured(
          'search.staff',
          `Search staff without diacritics (training.staff.page, ${staffCount} staff)`,
          TARGETS.search,
          // As the staff list searches: matches counted over everyone, the first window of rows returned.
          await timeRuns(runs, (i) => call(router, 'training.staff.page', { query: staffQueries[Math.abs(i) % staffQueries.length], status: 'all', limit: 100 })),
          `queries: ${staffQueries.join(' | ')}`,
        ),
      );

      // Bundles: the exchange services beside raw baselines that move the same bytes.
      // The bundle rows depend on each other (ratios, the exported bundle): all of them or none.
      const province = ['bundle.export.raw', 'bundle.import.raw', 'bundle.export', 'bundle.import', 'bundle.rss'].some(want) ? biggestProvince(ws) : undefined;
      if (province) {
        log(`bundle baselines (${province.name})`);
        const tables = subtreeRows(ws.sqlite, province.id);
        const rowsCount = tables.reduce((s, t) => s + t.rows.length, 0);
        const bundleFile = join(scratch, 'raw.zip');
        const exportRaw = await timeRuns(runs, () => rawExport(ws.sqlite, options.data, province.id, bundleFile));
        const rawBytes = statSync(bundleFile).size;
        // Each import into a fresh database holding the rest of the nation (prepared untimed).
        const targetDb = join(scratch, 'import.db');
        const freshTarget = () => {
          removeDb(targetDb);
          prepareTargetDb(ws.sqlite, province.id, targetDb);
        };
        const importRaw = await timeRuns(Math.min(runs, 10), () => rawImport(bundleFile, tables, targetDb), { setup: freshTarget });
        const exportChild = child(['export', options.data, province.id]);
        freshTarget();
        const importChild = child(['import', options.data, province.id, bundleFile, targetDb]);
        removeDb(targetDb);
        const what = `${province.name}: ${rowsCount} rows + ${attachmentFiles(ws.sqlite, options.data).length} files, ${mb(rawBytes)}`;
        rows.push({ ...measured('bundle.export.raw', `Raw baseline: zip + SHA-256 (${what})`, TARGETS.none, exportRaw), peakRssMb: exportChild.peakRssMb });
        rows.push({
          ...measured('bundle.import.raw', 'Raw baseline: insert same rows in one transaction + SHA-256', TARGETS.none, importRaw),
          peakRssMb: importChild.peakRssMb,
        });
        rows.push(...(await benchBundles(ws, options.data, province.id, scratch, runs, exportRaw, importRaw, log)));
      }

      if (options.renderer !== false && ['ui.boardVisible', 'ui.unitsFirstRows', 'ui.staffFirstRows'].some(want)) {
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
    // Groups measured together (bundles, renderer) may have produced rows that were not asked for.
    rows: rows.filter((r) => want(r.id)),
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
