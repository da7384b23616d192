/**
 * The victim of the crash harness (crash.test.ts): opens a data folder like
 * the app does and writes as fast as it can until it is SIGKILLed —
 * single edits through the real router, real Excel staff imports, bulk
 * import-like transactions of many rows, and now and then the automatic backup before an import. After each commit it appends an
 * acknowledgement line to a side file; everything acknowledged must survive.
 *
 * With mode "restore" it instead restores two backups (A, B) in turn, so the
 * kill lands inside restores.
 *
 * With mode "bundle" it receives a district's signed bundles (ISODESK_CRASH_BUNDLES:
 * their files, in sequence order, and the passphrase of the office key) through the
 * router method the app uses — verification, the verified pre-import backup,
 * attachments, rows, bookkeeping, receipt — with one edit of its own before each
 * round; once all are applied it keeps re-importing them (no-ops that hand back
 * the receipt). ISODESK_CRASH_ONCE makes it stop after the first round and print
 * how long that took, so the parent can aim its kills at the imports.
 *
 * argv: dataDir ackFile runId migrationsFolder [mode]
 */
import { appendFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { createRouter } from '../../../electron/api/router';
import { backupBefore, restore } from '../../../electron/services/backup';
import { completeSetup, setupState } from '../../../electron/services/setup';
import { createUnit } from '../../../electron/services/units/units';
import { openWorkspace } from '../../../electron/services/workspace';

const [dataDir, ackFile, runId, migrationsFolder, mode] = process.argv.slice(2);
const ws = openWorkspace(dataDir, { instance: 'test', migrationsFolder });
if (!setupState(ws).done) {
  ws.sqlite.transaction(() => completeSetup(ws, { office: { code: '31' }, operator: 'Máy thử', demo: false }))();
}
const router = createRouter(ws);
const office = setupState(ws).office!;
const ack = (entry: Record<string, unknown>) => appendFileSync(ackFile, `${JSON.stringify(entry)}\n`);
process.stdout.write('ready\n');

let rng = Number(runId) * 2654435761 + 1;
const random = () => {
  rng = (rng * 1103515245 + 12345) % 2147483648;
  return rng / 2147483648;
};

async function main(): Promise<void> {
  const mine: string[] = [];
  for (let n = 0; ; n++) {
    const r = random();
    if (r < 0.4 || mine.length === 0) {
      const code = `K${runId}-${n}`;
      const env = await router.call('units.create', { code, name: `Đơn vị thử ${code}`, type: 'district', parentId: office.id });
      if (!env.ok) throw new Error(env.error.message.en);
      mine.push((env.value as { id: string }).id);
      ack({ op: 'create', code });
    } else if (r < 0.75) {
      const id = mine[Math.floor(random() * mine.length)];
      const version = Date.now() * 1000 + (n % 1000);
      const env = await router.call('units.update', { id, note: `v${version}` });
      if (!env.ok) throw new Error(env.error.message.en);
      ack({ op: 'update', id, version });
    } else if (r < 0.82) {
      // A real Excel staff import through the router: all rows or none.
      const batch = `${runId}-${n}`;
      const size = 3 + Math.floor(random() * 10);
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('Cán bộ');
      sheet.addRow(['Mã cán bộ', 'Họ và tên (*)', 'Ngày sinh (dd/mm/yyyy)', 'Đơn vị (mã hoặc tên)', 'Ghi chú']);
      for (let i = 0; i < size; i++) sheet.addRow([`X${batch}-${i}`, `Nguyễn Văn Thử ${batch} ${i}`, '01/01/1980', '31', `excel:${batch}:${size}`]);
      const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
      const env = await router.call('training.excel.import', { kind: 'staff', fileName: `${batch}.xlsx`, base64, mode: 'all' });
      if (!env.ok) throw new Error(env.error.message.en);
      ack({ op: 'excel', batch, size });
    } else {
      // A bulk import (Excel rows, a bundle): many rows in one transaction, all
      // or nothing; now and then preceded by its automatic backup.
      if (r > 0.97) await backupBefore(ws, 'bundle-import');
      const batch = `${runId}-${n}`;
      const size = 5 + Math.floor(random() * 20);
      ws.sqlite.transaction(() => {
        for (let i = 0; i < size; i++) {
          createUnit(ws, { code: `B${batch}-${i}`, name: `Nhập hàng loạt ${batch}`, type: 'district', parentId: office.id, note: `batch:${batch}:${size}` });
        }
      })();
      ack({ op: 'batch', batch, size });
    }
    // Let the event loop breathe so the kill lands anywhere, not only between ticks.
    if (n % 5 === 0) await new Promise((done) => setImmediate(done));
  }
}

async function restoreLoop(): Promise<void> {
  const { a, b } = JSON.parse(process.env.ISODESK_CRASH_BACKUPS ?? '{}') as { a: string; b: string };
  for (let n = 0; ; n++) {
    const target = n % 2 === 0 ? a : b;
    await restore(ws, target, { migrationsFolder });
    ack({ op: 'restore', backup: target });
  }
}

async function bundleLoop(): Promise<void> {
  const { files, passphrase } = JSON.parse(process.env.ISODESK_CRASH_BUNDLES ?? '{}') as { files: string[]; passphrase: string };
  const started = Date.now();
  for (let n = 0; ; n++) {
    const code = `K${runId}-${n}`;
    const env = await router.call('units.create', { code, name: `Đơn vị thử ${code}`, type: 'district', parentId: office.id });
    if (!env.ok) throw new Error(env.error.message.en);
    ack({ op: 'create', code });
    for (const [i, path] of files.entries()) {
      const got = await router.call('exchange.bundle.import', { path, passphrase });
      if (!got.ok) throw new Error(`bundle ${i + 1}: ${got.error.code} ${got.error.message.en}`);
      const r = got.value as { applied: boolean; bundleSha256: string; receiptText: string | null };
      ack({ op: 'bundle', seq: i + 1, applied: r.applied, sha: r.bundleSha256, receipt: r.receiptText !== null });
    }
    if (process.env.ISODESK_CRASH_ONCE) {
      process.stdout.write(`round ${Date.now() - started}\n`);
      process.exit(0);
    }
  }
}

const loops: Record<string, () => Promise<void>> = { restore: restoreLoop, bundle: bundleLoop };
(loops[mode] ?? main)().catch((err) => {
  process.stderr.write(`crash-child failed: ${String(err)}\n`);
  process.exit(3);
});
