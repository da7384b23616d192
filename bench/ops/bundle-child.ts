import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DB_FILE } from '../../electron/services/workspace';
import { prepareTargetDb, rawExport, rawImport, subtreeRows } from './bundle-baseline';

/**
 * One raw export or import in a fresh process, so its peak RSS is its own:
 * `tsx bench/ops/bundle-child.ts export|import DATA_DIR UNIT_ID [BUNDLE]` (import
 * reads the bundle written by the export baseline). Prints
 * `{"ms":…,"peakRssMb":…}`.
 */
const [mode, dataDir, unitId, bundle] = process.argv.slice(2);
const tmp = mkdtempSync(join(tmpdir(), 'isodesk-bench-child-'));
try {
  const sqlite = new Database(join(dataDir, DB_FILE), { readonly: true });
  const file = join(tmp, 'bundle.zip');
  let ms = 0;
  if (mode === 'export') {
    const t0 = performance.now();
    await rawExport(sqlite, dataDir, unitId, file);
    ms = performance.now() - t0;
  } else {
    const tables = subtreeRows(sqlite, unitId);
    const dbFile = join(tmp, 'hq.db');
    prepareTargetDb(sqlite, unitId, dbFile);
    const t0 = performance.now();
    await rawImport(bundle, tables, dbFile);
    ms = performance.now() - t0;
  }
  sqlite.close();
  process.stdout.write(`${JSON.stringify({ ms, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
