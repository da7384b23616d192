import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DB_FILE } from '../../electron/services/workspace';
import { rawExport, rawImport, subtreeRows } from './bundle-baseline';

/**
 * One export or import in a fresh process, so its peak RSS is its own.
 * Prints `{"ms":…,"peakRssMb":…}`.
 *
 *   tsx bench/ops/bundle-child.ts export DATA_DIR UNIT_ID          raw baseline: zip + SHA-256
 *   tsx bench/ops/bundle-child.ts import DATA_DIR UNIT_ID BUNDLE TARGET_DB
 *                                 raw baseline: insert into TARGET_DB (prepared by the caller)
 *   tsx bench/ops/bundle-child.ts bundle-export OFFICE_DIR OUTPUT  exportBundle of that office
 *   tsx bench/ops/bundle-child.ts bundle-import HQ_DIR BUNDLE      importBundle into that folder
 */
const [mode, a, b, c, d] = process.argv.slice(2);
const tmp = mkdtempSync(join(tmpdir(), 'isodesk-bench-child-'));
try {
  let ms = 0;
  if (mode === 'export' || mode === 'import') {
    const sqlite = new Database(join(a, DB_FILE), { readonly: true });
    if (mode === 'export') {
      const t0 = performance.now();
      await rawExport(sqlite, a, b, join(tmp, 'bundle.zip'));
      ms = performance.now() - t0;
    } else {
      const tables = subtreeRows(sqlite, b);
      const t0 = performance.now();
      await rawImport(c, tables, d);
      ms = performance.now() - t0;
    }
    sqlite.close();
  } else if (mode === 'bundle-export' || mode === 'bundle-import') {
    // Loaded only here: the raw baselines' RSS must not include the app's modules.
    const { exportProvinceBundle, importAtHeadquarters, openOffice } = await import('./bundle-offices');
    const ws = openOffice(a);
    try {
      const t0 = performance.now();
      if (mode === 'bundle-export') await exportProvinceBundle(ws, b);
      else await importAtHeadquarters(ws, b);
      ms = performance.now() - t0;
    } finally {
      ws.close();
    }
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  process.stdout.write(`${JSON.stringify({ ms, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
