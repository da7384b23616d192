import crypto from 'node:crypto';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { completeSetup, type SetupInput } from '../../electron/services/setup';
import { openWorkspace } from '../../electron/services/workspace';
import { HistoryClock } from './clock';
import { type FilePolicy, Timeline, type GenContext } from './context';
import { type Scale, unitTree } from './geography';
import { HQ_CODE } from '../../db/reference/units';
import { checkIntegrity, type IntegrityReport } from './integrity';
import { areaModules } from './modules';
import { Rng } from './random';

export const MANIFEST = 'bench-data.json';

export interface GenerateOptions {
  out: string;
  scale: Scale;
  seed?: number;
  /** History runs from `start` for `years` years (default 2012-10-01, 10 years). */
  start?: string;
  years?: number;
  /**
   * Which units get attachment files (see FilePolicy): by default every
   * unit at tiny and province scale, and at national scale only headquarters
   * and the province-scale province (01) with its districts.
   */
  attachments?: FilePolicy['mode'];
  log?: (line: string) => void;
}

export interface GenerateResult {
  out: string;
  scale: Scale;
  seed: number;
  history: { start: string; end: string };
  areas: { area: string; issue: number; status: 'generated' | 'pending'; volume: string }[];
  integrity: IntegrityReport;
  /** Attachment files as stored: rows, distinct files and their bytes. */
  attachments: { mode: FilePolicy['mode']; rows: number; files: number; bytes: number };
  seconds: number;
}

const OFFICES: Record<Scale, SetupInput['office']> = {
  national: { code: 'VN' },
  province: { code: '01', name: 'BHXH Hà Nội', type: 'province', region: 'north', parentCode: 'VN' },
  tiny: { code: '31' },
};

/**
 * Row ids that the services draw at random (waves, team members, events)
 * come from the seed while generating, so the same seed gives the same
 * folder byte for byte in content. Restored afterwards.
 */
function seedRandomIds(rng: Rng): () => void {
  const original = crypto.randomUUID;
  crypto.randomUUID = (() => rng.uuid()) as typeof crypto.randomUUID;
  syncBuiltinESMExports();
  return () => {
    crypto.randomUUID = original;
    syncBuiltinESMExports();
  };
}

/** The province the province scale generates; at national scale the one whose files are written. */
export const FILES_PROVINCE = '01';

function filePolicy(scale: Scale, mode: FilePolicy['mode'] | undefined): FilePolicy {
  const chosen = mode ?? (scale === 'national' ? 'province' : 'all');
  return {
    mode: chosen,
    // Tiny folders are for tests: files of a few kilobytes.
    scale: scale === 'tiny' ? 1 / 200 : 1,
    wants: (code, parentCode) =>
      chosen === 'all' || (chosen === 'province' && (code === HQ_CODE || code === FILES_PROVINCE || parentCode === FILES_PROVINCE)),
  };
}

/**
 * Writes a realistic data folder through the app's own services: setup of
 * the office, then every ready area's ten years of history in time order.
 */
export async function generateData(options: GenerateOptions): Promise<GenerateResult> {
  const began = performance.now();
  const log = options.log ?? (() => {});
  const seed = options.seed ?? 20121101;
  if (existsSync(options.out) && readdirSync(options.out).length > 0) {
    throw new Error(`${options.out} is not empty: generate into a new folder`);
  }
  const start = options.start ?? '2012-10-01';
  const years = options.years ?? 10;
  const endDate = new Date(`${start}T00:00:00Z`);
  endDate.setUTCFullYear(endDate.getUTCFullYear() + years);
  endDate.setUTCDate(endDate.getUTCDate() - 1);
  const history = { start, end: endDate.toISOString().slice(0, 10) };

  const rng = new Rng(seed);
  const restoreIds = seedRandomIds(rng.fork('ids'));
  const clock = new HistoryClock(`${start}T01:00:00Z`);
  const ws = openWorkspace(options.out, { now: clock.now });
  try {
    const office = OFFICES[options.scale];
    const tree = unitTree(rng.fork('tree'), options.scale);
    const operator = 'Thư ký ISO';
    ws.sqlite.transaction(() => completeSetup(ws, { office, operator, language: 'vi', demo: false }))();
    // The operator is fixed for the whole run: no settings read per change-log entry.
    ws.actor = () => operator;
    const g: GenContext = {
      ws,
      clock,
      rng,
      scale: options.scale,
      history,
      timeline: new Timeline(),
      tree,
      officeCode: office.code,
      activeUntil: new Map(),
      unitHistory: new Map(),
      staff: new Map(),
      files: filePolicy(options.scale, options.attachments),
    };
    const areas: GenerateResult['areas'] = [];
    for (const m of areaModules) {
      if (m.status === 'ready') m.schedule(g);
      areas.push({ area: m.area, issue: m.issue, status: m.status === 'ready' ? 'generated' : 'pending', volume: m.volume });
    }
    log(`${options.scale}: ${tree.length} units, ${g.timeline.size} scheduled writes over ${history.start} … ${history.end}`);
    let lastLog = 0;
    await g.timeline.run(ws, clock, 5000, (done, total) => {
      if (done === total || performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        log(`  ${done}/${total} writes`);
      }
    });
    ws.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    ws.sqlite.exec('ANALYZE');
    const integrity = checkIntegrity(ws.sqlite);
    const files = ws.sqlite
      .prepare('SELECT count(*) AS rows, count(DISTINCT sha256) AS files, (SELECT coalesce(sum(size), 0) FROM (SELECT DISTINCT sha256, size FROM attachments)) AS bytes FROM attachments')
      .get() as { rows: number; files: number; bytes: number };
    const result: GenerateResult = {
      out: options.out,
      scale: options.scale,
      seed,
      history,
      areas,
      integrity,
      attachments: { mode: g.files.mode, ...files },
      seconds: Math.round((performance.now() - began) / 10) / 100,
    };
    writeFileSync(join(options.out, MANIFEST), `${JSON.stringify({ ...result, out: undefined }, null, 2)}\n`);
    return result;
  } finally {
    ws.close();
    restoreIds();
  }
}

/** The module list as printed after a run: what was generated and what is pending. */
export function describeResult(r: GenerateResult): string {
  const lines = [
    `Data folder ${r.out} (${r.scale}, seed ${r.seed}, history ${r.history.start} … ${r.history.end}) in ${r.seconds} s`,
    'Areas:',
    ...r.areas.map((a) => `  ${a.status === 'generated' ? 'generated' : 'PENDING  '}  ${a.area.padEnd(12)} (issue ${a.issue}) ${a.volume}`),
    'Rows:',
    ...Object.entries(r.integrity.rows).map(([t, n]) => `  ${t.padEnd(14)} ${n}`),
    `  change_log     ${r.integrity.changes} (${r.integrity.span.first} … ${r.integrity.span.last}, ${r.integrity.span.years} years)`,
    `Attachments (${r.attachments.mode}): ${r.attachments.rows} rows, ${r.attachments.files} files, ${(r.attachments.bytes / 1024 / 1024).toFixed(1)} MB`,
    r.integrity.ok ? 'Integrity: ok (integrity_check, foreign keys, change log explains every row)' : `Integrity: FAILED\n  ${r.integrity.problems.join('\n  ')}`,
  ];
  return lines.join('\n');
}
