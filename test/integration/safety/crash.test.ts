import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultMigrationsFolder } from '../../../db/connection';
import { backupNow, listBackups, verifyBackupFolder } from '../../../electron/services/backup';
import { completeSetup } from '../../../electron/services/setup';
import { createUnit } from '../../../electron/services/units/units';
import { readManifest } from '../../../electron/services/backup/store';
import { openWorkspace } from '../../../electron/services/workspace';

/**
 * The crash harness. A child process (crash-child.ts) edits through the real
 * router and runs bulk import-like transactions (with the automatic backup
 * before an import) on a real data folder; it is SIGKILLed at a random moment
 * — sometimes while still opening — again and again. After every kill the
 * folder must open normally (stale lock taken over, quick check passes),
 * pass integrity_check and foreign_key_check, hold every acknowledged change,
 * hold no partial bulk write, and log every row it holds.
 *
 * `npm test` runs a short series; `npm run test:crash` runs 200 kills
 * (CRASH_KILLS overrides both).
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
  work = mkdtempSync(join(tmpdir(), 'isodesk-crash-'));
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Ack {
  op: 'create' | 'update' | 'batch' | 'excel' | 'restore';
  code?: string;
  id?: string;
  version?: number;
  batch?: string;
  size?: number;
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

/** Starts the child and kills it at a random moment; resolves when it is dead. */
async function runAndKill(
  dataDir: string,
  ackFile: string,
  run: number,
  restoring?: { a: string; b: string },
): Promise<{ phase: string; stderr: string }> {
  const args = [childBundle, dataDir, ackFile, String(run), defaultMigrationsFolder, ...(restoring ? ['restore'] : [])];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ISODESK_CRASH_BACKUPS: JSON.stringify(restoring ?? {}) },
  });
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
    await Promise.race([sleep(50 + Math.random() * 1200), exited]);
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
        await runAndKill(dataDir, ackFile, run, { a, b });
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
