import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMigrationsFolder } from '../../../db/connection';
import { syncedTables } from '../../../db/schema';
import { createRouter } from '../../../electron/api/router';
import { backupNow, listBackups, verifyBackupFolder } from '../../../electron/services/backup';
import { exportBundle, importBundle, importReceipt, listReceived, parseReceipt, passphraseSealer, provideSealer } from '../../../electron/services/exchange';
import { checkIntegrity } from '../../../electron/services/integrity';
import { completeSetup } from '../../../electron/services/setup';
import { createUnit, unitIdForCode } from '../../../electron/services/units/units';
import { readManifest } from '../../../electron/services/backup/store';
import { openWorkspace, type Workspace } from '../../../electron/services/workspace';
import { fileBytes, recordEveryArea, staffWorkbook } from '../../fixtures/records';
import { giveOfficeKey, trustKey } from '../../support/keys';
import { procedureWithFiles } from '../../support/procedures';
import { call, office } from '../bundle/offices';

/**
 * The crash harness. A child process (crash-child.ts) edits through the real
 * router and runs bulk import-like transactions (with the automatic backup
 * before an import) on a real data folder; it is SIGKILLed at a random moment
 * — sometimes while still opening — again and again. After every kill the
 * folder must open normally (stale lock taken over, quick check passes),
 * pass integrity_check and foreign_key_check, hold every acknowledged change,
 * hold no partial bulk write, and log every row it holds.
 *
 * Three series: edits and Excel/bulk imports, restores, and real signed
 * bundle imports (see "crash safety of bundle imports" below).
 * `npm test` runs a short series of each (20 + 8 + 8 kills); `npm run test:crash`
 * the long one (200 + 50 + 100 = 350 kills). CRASH_KILLS, CRASH_RESTORE_KILLS
 * and CRASH_BUNDLE_KILLS override them.
 */
const LONG = process.env.npm_lifecycle_event === 'test:crash';
const KILLS = Number(process.env.CRASH_KILLS ?? (LONG ? 200 : 20));
/** A fresh data folder every so many kills keeps the database small enough to check quickly. */
const KILLS_PER_FOLDER = 25;

const root = join(process.cwd(), 'test-output', 'crash');
const childBundle = join(root, 'crash-child.mjs');
let work: string;

beforeAll(async () => {
  // Bundled once so each start costs milliseconds, not a TypeScript compile.
  mkdirSync(root, { recursive: true });
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(import.meta.dirname, 'crash-child.ts')],
    outfile: childBundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  // Beside the bundle, as the packaged app ships them: code that asks for the schema version finds them there.
  cpSync(defaultMigrationsFolder, join(root, 'migrations'), { recursive: true });
  work = mkdtempSync(join(tmpdir(), 'isodesk-crash-'));
});

afterAll(() => {
  if (work && !process.env.KEEP) rmSync(work, { recursive: true, force: true });
});

interface Ack {
  op: 'create' | 'update' | 'batch' | 'excel' | 'restore' | 'bundle';
  code?: string;
  id?: string;
  version?: number;
  batch?: string;
  size?: number;
  seq?: number;
  applied?: boolean;
  receipt?: boolean;
}

function readAcks(file: string): Ack[] {
  if (!existsSync(file)) return [];
  const out: Ack[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    try {
      out.push(JSON.parse(line) as Ack);
    } catch {
      // The kill can cut the very last acknowledgement line short: it was never complete.
    }
  }
  return out;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

interface ChildOptions {
  mode?: 'restore' | 'bundle';
  env?: Record<string, string>;
  /** After start-up, the kill comes within this many ms (default 50–1250). */
  killWithinMs?: number;
}

function startChild(dataDir: string, ackFile: string, run: number, options: ChildOptions) {
  const args = [childBundle, dataDir, ackFile, String(run), defaultMigrationsFolder, ...(options.mode ? [options.mode] : [])];
  return spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
}

/** Starts the child and kills it at a random moment; resolves when it is dead. */
async function runAndKill(dataDir: string, ackFile: string, run: number, options: ChildOptions = {}): Promise<{ phase: string; stderr: string }> {
  const child = startChild(dataDir, ackFile, run, options);
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const ready = new Promise<void>((done) => child.stdout.on('data', (c) => String(c).includes('ready') && done()));
  let phase: string;
  if (Math.random() < 0.2) {
    // Anywhere, including while opening, migrating and taking over the lock.
    await Promise.race([sleep(Math.random() * 400), exited]);
    phase = 'start-up';
  } else {
    await Promise.race([ready, exited]);
    await Promise.race([sleep(options.killWithinMs ? Math.random() * options.killWithinMs : 50 + Math.random() * 1200), exited]);
    phase = 'writing';
  }
  if (child.exitCode !== null) throw new Error(`the child stopped by itself (${child.exitCode}): ${stderr}`);
  child.kill('SIGKILL');
  await exited;
  return { phase, stderr };
}

/** Everything that must hold after a kill. */
function verify(dataDir: string, ackFile: string): { units: number; acks: number } {
  const ws = openWorkspace(dataDir, { instance: 'test' });
  try {
    const db = ws.sqlite;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const acks = readAcks(ackFile);
    const codes = new Set(db.prepare("SELECT code FROM units WHERE code LIKE 'K%'").pluck().all() as string[]);
    const notes = new Map(
      (db.prepare('SELECT id, note FROM units').all() as { id: string; note: string }[]).map((r) => [r.id, r.note]),
    );
    const batches = new Map(
      (db.prepare("SELECT note, count(*) AS n FROM units WHERE note LIKE 'batch:%' GROUP BY note").all() as { note: string; n: number }[]).map(
        (r) => [r.note, r.n],
      ),
    );
    const imported = new Map(
      (db.prepare("SELECT note, count(*) AS n FROM staff WHERE note LIKE 'excel:%' GROUP BY note").all() as { note: string; n: number }[]).map(
        (r) => [r.note, r.n],
      ),
    );
    for (const a of acks) {
      if (a.op === 'excel') expect(imported.get(`excel:${a.batch}:${a.size}`), `acknowledged Excel import ${a.batch} lost`).toBe(a.size);
      if (a.op === 'create') expect(codes.has(a.code!), `acknowledged unit ${a.code} lost`).toBe(true);
      if (a.op === 'update') {
        // The acknowledged value, or a later one written after it.
        expect(Number((notes.get(a.id!) ?? 'v0').slice(1)), `acknowledged update of ${a.id} lost`).toBeGreaterThanOrEqual(a.version!);
      }
      if (a.op === 'batch') expect(batches.get(`batch:${a.batch}:${a.size}`), `acknowledged batch ${a.batch} lost`).toBe(a.size);
    }
    // No partial bulk write or Excel import, acknowledged or not.
    for (const [note, n] of imported) expect(n, `partial Excel import ${note}`).toBe(Number(note.split(':')[2]));
    for (const [note, n] of batches) expect(n, `partial batch ${note}`).toBe(Number(note.split(':')[2]));
    // Every row is in the change log and every logged insert is a row: the log was written in the same transaction.
    expect(db.prepare("SELECT count(*) FROM units u WHERE NOT EXISTS (SELECT 1 FROM change_log c WHERE c.row_id = u.id AND c.op = 'insert')").pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM change_log c WHERE c.table_name = 'units' AND NOT EXISTS (SELECT 1 FROM units u WHERE u.id = c.row_id)").pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM unit_steps').pluck().get()).toBe(4 * (db.prepare('SELECT count(*) FROM units').pluck().get() as number));
    // Backups: no half backup is left behind, and the newest one is whole.
    const folder = join(dataDir, 'backups');
    if (existsSync(folder)) expect(readdirSync(folder).filter((f) => f.startsWith('.'))).toEqual([]);
    const newest = listBackups(ws)[0];
    if (newest) expect(verifyBackupFolder(newest.path, readManifest(newest.path)!)).toEqual([]);
    return { units: codes.size, acks: acks.length };
  } finally {
    ws.close();
  }
}

describe('crash safety', () => {
  it(
    `survives ${KILLS} SIGKILLs at random moments with nothing acknowledged lost and nothing half-written`,
    async () => {
      let dataDir = '';
      let ackFile = '';
      const phases: Record<string, number> = {};
      let acks = 0;
      let acknowledged = 0;
      for (let run = 0; run < KILLS; run++) {
        if (run % KILLS_PER_FOLDER === 0) {
          dataDir = join(work, `data-${run}`);
          ackFile = join(work, `acks-${run}.jsonl`);
          writeFileSync(ackFile, '');
        }
        const { phase } = await runAndKill(dataDir, ackFile, run);
        phases[phase] = (phases[phase] ?? 0) + 1;
        const before = acks;
        acks = verify(dataDir, ackFile).acks;
        acknowledged += run % KILLS_PER_FOLDER === 0 ? acks : acks - before;
      }
      console.log(`crash harness: ${KILLS} kills (${JSON.stringify(phases)}), ${acknowledged} acknowledged writes checked`);
      expect(phases.writing).toBeGreaterThan(0);
      expect(acks).toBeGreaterThan(0);
    },
    LONG ? 3_600_000 : 300_000,
  );
});

const RESTORE_KILLS = Number(process.env.CRASH_RESTORE_KILLS ?? (LONG ? 50 : 8));

/** Puts a content-addressed attachment into the folder's store. */
function attach(dataDir: string, content: string): string {
  const sha = createHash('sha256').update(content).digest('hex');
  mkdirSync(join(dataDir, 'attachments', sha.slice(0, 2)), { recursive: true });
  writeFileSync(join(dataDir, 'attachments', sha.slice(0, 2), sha), content);
  return sha;
}

function storeContents(dataDir: string): string[] {
  const store = join(dataDir, 'attachments');
  if (!existsSync(store)) return [];
  return readdirSync(store, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
}

describe('crash safety of restore', () => {
  it(
    `survives ${RESTORE_KILLS} SIGKILLs in the middle of restores: always exactly one of the two states, database and attachments alike`,
    async () => {
      const dataDir = join(work, 'restore');
      const ackFile = join(work, 'restore-acks.jsonl');
      writeFileSync(ackFile, '');
      // State A: the office and 3 districts, one attachment; state B: 10 more districts and a second attachment.
      const ws = openWorkspace(dataDir, { instance: 'test' });
      const states: Record<string, { units: number; files: string[] }> = {};
      let a: string;
      let b: string;
      try {
        const office = ws.sqlite.transaction(() => completeSetup(ws, { office: { code: '31' }, operator: 'Máy thử', demo: false }))().office!;
        const add = (from: number, to: number) =>
          ws.sqlite.transaction(() => {
            for (let i = from; i < to; i++) createUnit(ws, { code: `R${i}`, name: `Huyện ${i}`, type: 'district', parentId: office.id });
          })();
        add(0, 3);
        const shaA = attach(dataDir, 'tệp A');
        a = (await backupNow(ws)).id;
        states[a] = { units: ws.sqlite.prepare('SELECT count(*) FROM units').pluck().get() as number, files: [shaA] };
        add(3, 13);
        const shaB = attach(dataDir, 'tệp B');
        b = (await backupNow(ws)).id;
        states[b] = { units: ws.sqlite.prepare('SELECT count(*) FROM units').pluck().get() as number, files: [shaA, shaB].sort() };
      } finally {
        ws.close();
      }
      let restores = 0;
      for (let run = 0; run < RESTORE_KILLS; run++) {
        await runAndKill(dataDir, ackFile, run, { mode: 'restore', env: { ISODESK_CRASH_BACKUPS: JSON.stringify({ a, b }) } });
        const after = openWorkspace(dataDir, { instance: 'test' });
        try {
          expect(after.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
          expect(after.sqlite.pragma('foreign_key_check')).toEqual([]);
          const units = after.sqlite.prepare('SELECT count(*) FROM units').pluck().get() as number;
          const state = Object.values(states).find((s) => s.units === units);
          expect(state, `${units} units: neither state A nor state B`).toBeDefined();
          // The attachments belong to the same state as the database.
          expect(storeContents(dataDir)).toEqual(state!.files);
          expect(readdirSync(dataDir).filter((f) => f.includes('.restoring') || f.endsWith('.old'))).toEqual([]);
        } finally {
          after.close();
        }
        restores = readAcks(ackFile).length;
      }
      console.log(`restore crash harness: ${RESTORE_KILLS} kills, ${restores} restores acknowledged`);
      expect(restores).toBeGreaterThan(0);
    },
    LONG ? 3_600_000 : 300_000,
  );
});

/*
 * Bundle imports. A real district office (3101, its own key) with records in
 * every area sends two signed bundles — hundreds of rows and a dozen files,
 * then a delta — to a real province (31) that trusts its key. The child
 * imports them through the router method the app uses and is killed at
 * random moments within the time one round of imports takes here. After
 * every kill: the district's rows, their change log and the bookkeeping are
 * exactly as before an import or after it (never in between); acknowledged
 * imports are there with their receipts; the files in the store are whole
 * and the ones no record knows yet are the bundle's own (the next import
 * adopts them); every listed backup is whole and verified; the app opens and
 * answers. The next run imports again on the killed folder.
 */

const BUNDLE_KILLS = Number(process.env.CRASH_BUNDLE_KILLS ?? (LONG ? 100 : 8));
const PASSPHRASE = 'mật khẩu thử nghiệm của tỉnh';
const HASH_NAME = /^[0-9a-f]{64}$/;

interface BundleScene {
  /** The province's data folder before any import: its key, the district's key trusted. */
  template: string;
  files: string[];
  bundleIds: string[];
  shas: string[];
  /** What the district's records look like at the province: before, after bundle 1, after bundle 2. */
  states: string[];
  /** Every attachment either bundle carries. */
  attachmentShas: Set<string>;
  districtId: string;
}

/** The district's records as the province holds them: rows per table, their log, the bookkeeping. */
function bundleState(db: Workspace['sqlite'], scene: Pick<BundleScene, 'districtId' | 'bundleIds'>): string {
  const rows: Record<string, number> = {};
  for (const name of Object.keys(syncedTables)) {
    rows[name] = db.prepare(`SELECT count(*) FROM "${name}" WHERE unit_id = ?`).pluck().get(scene.districtId) as number;
  }
  const marks = scene.bundleIds.map(() => '?').join(', ');
  return JSON.stringify({
    rows,
    logged: db.prepare(`SELECT table_name, op, count(*) AS n FROM change_log WHERE origin IN (${marks}) GROUP BY 1, 2 ORDER BY 1, 2`).all(...scene.bundleIds),
    received: db.prepare('SELECT issuer_code, sequence, status, bundle_sha256 FROM bundles_received ORDER BY sequence').all(),
    updated: db.prepare("SELECT count(*) FROM staff WHERE note = 'Cập nhật ở gói 2'").pluck().get(),
  });
}

/**
 * Once: a real district office (3101) with records in every area — hundreds of
 * staff, a dozen signed procedure files — exports bundle 1; the province (31)
 * imports it in a reference copy, its receipt goes back, the district changes
 * things and exports bundle 2 (a delta). The reference run gives the only
 * states a kill may leave.
 */
async function prepareBundleScene(dir: string): Promise<BundleScene> {
  const district = office('3101');
  const D = unitIdForCode('3101');
  await recordEveryArea(district.router, { unitId: D, unitCode: '3101', staff: 600, files: 12, fileBytes: 192 * 1024, hasTable: () => true, tag: 'HB' });
  const b1 = await exportBundle(district.ws, { output: join(dir, 'district-1.zip') });

  // The province, set up as the app sets it up (with the reference course types the district's sessions refer to).
  const template = join(dir, 'province');
  const ws = openWorkspace(template, { instance: 'test' });
  try {
    ws.sqlite.transaction(() => completeSetup(ws, { office: { code: '31' }, operator: 'Văn thư tỉnh', demo: false }))();
    const key = giveOfficeKey(ws, passphraseSealer(PASSPHRASE));
    trustKey(ws, district.key, '3101');
    // Setup wrote the reference course types the district's sessions refer to.
    const courses = await createRouter(ws).call('training.courses.list', {});
    expect(courses.ok).toBe(true);
    expect(courses.ok && (courses.value as unknown[]).length).toBeGreaterThan(0);
    // The district trusts the province's key, to take its receipts.
    trustKey(district.ws, key, '31');
  } finally {
    ws.close();
  }

  const reference = join(dir, 'reference');
  cpSync(template, reference, { recursive: true });
  const ref = openWorkspace(reference, { instance: 'test' });
  try {
    provideSealer(ref, passphraseSealer(PASSPHRASE));
    const partial = { districtId: D, bundleIds: [b1.bundleId] };
    const s0 = bundleState(ref.sqlite, partial);
    const r1 = await importBundle(ref, b1.file);
    expect(r1.applied).toBe(true);
    importReceipt(district.ws, r1.receiptFile!);

    // Bundle 2: more staff, 150 updated, a new procedure with two more files.
    await call(district.router, 'training.excel.import', { kind: 'staff', fileName: 'bo-sung.xlsx', base64: await staffWorkbook('3101', 'HB2', 150), mode: 'all' });
    const staff = district.ws.sqlite.prepare("SELECT id FROM staff WHERE staff_code LIKE 'HB-%' ORDER BY staff_code LIMIT 150").pluck().all() as string[];
    for (const id of staff) await call(district.router, 'training.staff.update', { id, note: 'Cập nhật ở gói 2' });
    await procedureWithFiles(
      district.router,
      ['to-trinh.pdf', 'phu-luc.pdf'].map((name) => ({ name, bytes: fileBytes(`HB2:${name}`, 192 * 1024) })),
      { code: 'QT-HB-99', title: 'Quy trình cấp sổ BHXH', domain: 'so_the', origin: 'district' },
    );
    const b2 = await exportBundle(district.ws, { output: join(dir, 'district-2.zip') });
    expect(b2).toMatchObject({ sequence: 2, kind: 'delta' });
    const scene = { districtId: D, bundleIds: [b1.bundleId, b2.bundleId] };
    const s1 = bundleState(ref.sqlite, scene);
    expect((await importBundle(ref, b2.file)).applied).toBe(true);
    const s2 = bundleState(ref.sqlite, scene);
    // Three different states (no logged rows before bundle 1, whichever ids are asked), and bundle 1 is hundreds of rows with files.
    expect(new Set([s0, s1, s2]).size).toBe(3);
    const attachmentShas = new Set(ref.sqlite.prepare('SELECT sha256 FROM attachments WHERE unit_id = ?').pluck().all(D) as string[]);
    expect(attachmentShas.size).toBe(14);
    expect(r1.changes).toBeGreaterThan(600);
    return {
      template,
      files: [b1.file, b2.file],
      bundleIds: scene.bundleIds,
      shas: [b1.bundleSha256, b2.bundleSha256],
      states: [s0, s1, s2],
      attachmentShas,
      districtId: D,
    };
  } finally {
    ref.close();
  }
}

/** The bundle state of a closed data folder, read without opening it as the app does. */
function stateOf(dataDir: string, scene: BundleScene): string {
  const db = new Database(join(dataDir, 'isodesk.db'), { readonly: true });
  try {
    return bundleState(db, scene);
  } finally {
    db.close();
  }
}

interface BundleRunReport {
  state: number;
  /** Store files no record refers to yet: a kill after the files were stored, before the commit. */
  orphans: number;
  /** Working copies of imports cut short, found before the folder was opened again (opening removes them). */
  staging: number;
}

const receiptFile = (dataDir: string, seq: number) => join(dataDir, 'exchange', 'receipts', `receipt-3101-${String(seq).padStart(6, '0')}-31.txt`);

function dirEntries(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** Everything that must hold after a kill during bundle imports (on top of verify()). */
async function verifyBundleRun(dataDir: string, ackFile: string, scene: BundleScene): Promise<BundleRunReport> {
  const staging = dirEntries(join(dataDir, 'exchange', 'staging')).length;
  verify(dataDir, ackFile);
  const ws = openWorkspace(dataDir, { instance: 'test' });
  try {
    expect(dirEntries(join(dataDir, 'exchange', 'staging')), 'working copies left after opening').toEqual([]);
    // All of an import or none of it: the district's rows, their log and the bookkeeping move together.
    const state = scene.states.indexOf(bundleState(ws.sqlite, scene));
    expect(state, 'a partial bundle import').toBeGreaterThanOrEqual(0);
    // Every acknowledged import is there, with its signed receipt for the district.
    for (const a of readAcks(ackFile)) {
      if (a.op !== 'bundle') continue;
      expect(state, `acknowledged bundle ${a.seq} lost`).toBeGreaterThanOrEqual(a.seq!);
      expect(a.receipt, `bundle ${a.seq} handed back no receipt`).toBe(true);
      expect(parseReceipt(readFileSync(receiptFile(dataDir, a.seq!), 'utf8')).body.bundle_sha256).toBe(scene.shas[a.seq! - 1]);
    }
    // Applied bundles are kept; their files are all in the store, whole (full check re-hashes every file).
    for (const r of listReceived(ws)) expect(existsSync(join(dataDir, r.storedFile!)), r.storedFile!).toBe(true);
    const report = await checkIntegrity(ws, 'full');
    expect(report, 'full integrity check').toMatchObject({ ok: true, attachments: { damaged: [], missing: [] } });
    // Files stored before a kill, not yet known to the database, are the bundle's own (hash-named, whole): the next import adopts them.
    const known = new Set(ws.sqlite.prepare('SELECT sha256 FROM attachments').pluck().all() as string[]);
    const stored = dirEntries(join(dataDir, 'attachments')).flatMap((d) => dirEntries(join(dataDir, 'attachments', d)));
    const orphans = stored.filter((f) => HASH_NAME.test(f) && !known.has(f));
    for (const f of orphans) expect(scene.attachmentShas.has(f), `stray file ${f} in the store`).toBe(true);
    // Every backup listed is whole and verified: a kill during the pre-import backup left no half backup looking good.
    expect(dirEntries(join(dataDir, 'backups')).filter((f) => f.startsWith('.'))).toEqual([]);
    const backups = listBackups(ws);
    for (const b of backups) {
      expect(b.verified, b.id).toBe(true);
      expect(verifyBackupFolder(b.path, readManifest(b.path)!), b.id).toEqual([]);
    }
    if (state > 0) expect(backups.some((b) => b.reason === 'pre-bundle-import'), 'no backup before the import').toBe(true);
    // The app opens normally on it.
    const router = createRouter(ws);
    for (const method of ['setup.state', 'exchange.overview', 'board.get']) {
      const env = await router.call(method, {});
      expect(env.ok, `${method} after the kill`).toBe(true);
    }
    return { state, orphans: orphans.length, staging };
  } finally {
    ws.close();
  }
}

describe('crash safety of bundle imports', () => {
  it(
    `survives ${BUNDLE_KILLS} SIGKILLs during real signed bundle imports: all of an import or none, re-importing works`,
    async () => {
      const dir = join(work, 'bundles');
      mkdirSync(dir, { recursive: true });
      const scene = await prepareBundleScene(dir);
      const env = { ISODESK_CRASH_BUNDLES: JSON.stringify({ files: scene.files, passphrase: PASSPHRASE }) };

      // One undisturbed round on a copy says how long the imports take here: the kills are aimed at that window.
      const timing = join(dir, 'timing');
      cpSync(scene.template, timing, { recursive: true });
      const round = await new Promise<number>((done, fail) => {
        const child = startChild(timing, join(dir, 'timing.jsonl'), 0, { mode: 'bundle', env: { ...env, ISODESK_CRASH_ONCE: '1' } });
        let out = '';
        let err = '';
        child.stdout.on('data', (c) => (out += c));
        child.stderr.on('data', (c) => (err += c));
        child.once('exit', (code) => (code === 0 ? done(Number(/round (\d+)/.exec(out)?.[1])) : fail(new Error(`timing round failed (${code}): ${err}`))));
      });
      expect(round).toBeGreaterThan(0);

      let folder = 0;
      let dataDir = '';
      let ackFile = '';
      let done = true;
      const landed = { committed: 0, filesBeforeCommit: 0, insideImport: 0, reimports: 0, receiptsWrittenAgain: 0 };
      for (let run = 0; run < BUNDLE_KILLS; run++) {
        if (done) {
          // Both bundles are in and acknowledged: start again from the province before any import.
          folder++;
          dataDir = join(dir, `province-${folder}`);
          ackFile = join(dir, `acks-${folder}.jsonl`);
          cpSync(scene.template, dataDir, { recursive: true });
          writeFileSync(ackFile, '');
        } else {
          landed.reimports++;
        }
        const before = scene.states.indexOf(stateOf(dataDir, scene));
        const receiptsBefore = [1, 2].map((seq) => existsSync(receiptFile(dataDir, seq)));
        const acksBefore = readAcks(ackFile).length;
        await runAndKill(dataDir, ackFile, run, { mode: 'bundle', env, killWithinMs: round * 1.3 });
        const r = await verifyBundleRun(dataDir, ackFile, scene);
        if (r.state > before) landed.committed++;
        if (r.orphans) landed.filesBeforeCommit++;
        if (r.staging) landed.insideImport++;
        const acks = readAcks(ackFile);
        // A receipt lost to a kill between the commit and the receipt comes back with the next import.
        for (const seq of [1, 2]) {
          const handedBack = acks.slice(acksBefore).some((a) => a.op === 'bundle' && a.seq === seq && !a.applied && a.receipt);
          if (before >= seq && !receiptsBefore[seq - 1] && handedBack) landed.receiptsWrittenAgain++;
        }
        done = acks.some((a) => a.op === 'bundle' && a.seq === 2);
      }
      // After all that, importing again on the last killed folder completes, and once is enough.
      const last = await new Promise<number | null>((done) => {
        const child = startChild(dataDir, ackFile, BUNDLE_KILLS, { mode: 'bundle', env: { ...env, ISODESK_CRASH_ONCE: '1' } });
        child.once('exit', done);
      });
      expect(last).toBe(0);
      expect((await verifyBundleRun(dataDir, ackFile, scene)).state).toBe(2);
      console.log(
        `bundle crash harness: ${BUNDLE_KILLS} kills on ${folder} folders (one round of imports ≈ ${round} ms), ` +
          `${landed.insideImport} inside an import, ${landed.filesBeforeCommit} leaving stored files not yet committed, ` +
          `${landed.committed} with an import committed, ${landed.reimports} runs re-importing after a kill, ` +
          `${landed.receiptsWrittenAgain} receipts lost to a kill and written again`,
      );
    },
    LONG ? 3_600_000 : 300_000,
  );
});
