import Database from 'better-sqlite3';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import '../../electron/api/procedures'; // registers the procedures area's attachment lister, as the app does
import {
  activeOfficeKey,
  addTrustedKey,
  exportBundle,
  generateOfficeKey,
  importBundle,
  provideSealer,
  safeStorageSealer,
  type ExportResult,
  type ImportResult,
  type SecretSealer,
} from '../../electron/services/exchange';
import { writeSetting } from '../../electron/services/settings';
import { DB_FILE, openWorkspace, type Workspace } from '../../electron/services/workspace';
import { prepareTargetDb } from './bundle-baseline';

/**
 * The signed-bundle functions (issue 6) in the benchmark. A province's
 * bundle is exported from a copy of the data folder that works as that
 * province's office, and verified + imported into a headquarters-like folder
 * that holds the rest of the nation and trusts the province's key. Folders
 * and keys are prepared outside the timing; only exportBundle and
 * importBundle are timed.
 */

/**
 * The office key is sealed the way the desktop app seals it (the OS
 * keychain: a symmetric cipher, no key derivation), with a fixed key so a
 * child process can reopen it. A passphrase sealer would add ~0.1 s of
 * scrypt to every export and import, which is not bundle work.
 */
const BENCH_SECRET = createHash('sha256').update('isodesk-bench-keychain').digest();
const benchSealer: SecretSealer = safeStorageSealer({
  isEncryptionAvailable: () => true,
  encryptString(plain) {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', BENCH_SECRET, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]);
  },
  decryptString(sealed) {
    const d = createDecipheriv('aes-256-gcm', BENCH_SECRET, sealed.subarray(0, 12));
    d.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8');
  },
})!;

export function openOffice(dir: string): Workspace {
  const ws = openWorkspace(dir);
  provideSealer(ws, benchSealer);
  return ws;
}

/** Hard-links a content-addressed attachments store into another folder (no bytes copied). */
function linkStore(from: string, to: string): void {
  if (!existsSync(from)) return;
  mkdirSync(to, { recursive: true });
  for (const e of readdirSync(from, { withFileTypes: true })) {
    if (e.isDirectory()) linkStore(join(from, e.name), join(to, e.name));
    else if (e.isFile() && !e.name.startsWith('.')) linkSync(join(from, e.name), join(to, e.name));
  }
}

export interface BundleFixture {
  /** The province office's data folder (a copy of the benchmark's folder, its office set to the province). */
  provinceDir: string;
  /** A headquarters folder to copy for each import: everything outside the province, trusting its key. */
  hqTemplate: string;
}

/**
 * Prepares both folders. The province folder is a consistent copy of the
 * source database (VACUUM INTO) with the attachments store hard-linked, its
 * office switched to the province and a fresh signing key; the headquarters
 * folder holds every synchronised row outside the province (as the raw import
 * baseline's target does), is set up as the root unit's office with its own
 * key, and trusts the province's key.
 */
export function prepareBundleFixture(source: Database.Database, dataDir: string, provinceId: string, scratch: string): BundleFixture {
  const provinceDir = join(scratch, 'province-office');
  mkdirSync(provinceDir, { recursive: true });
  source.prepare('VACUUM INTO ?').run(join(provinceDir, DB_FILE));
  linkStore(join(dataDir, 'attachments'), join(provinceDir, 'attachments'));
  const province = openOffice(provinceDir);
  let publicKey: string;
  let fingerprint: string;
  let code: string;
  let rootId: string;
  try {
    province.sqlite.prepare('DELETE FROM office_keys').run();
    writeSetting(province, 'officeUnitId', provinceId);
    province.sqlite.transaction(() => generateOfficeKey(province))();
    ({ publicKeyFile: publicKey, fingerprint } = activeOfficeKey(province)!);
    code = (province.sqlite.prepare('SELECT code FROM units WHERE id = ?').get(provinceId) as { code: string }).code;
    rootId = (
      province.sqlite
        .prepare('WITH RECURSIVE up(id, parent) AS (SELECT id, parent_id FROM units WHERE id = ? UNION SELECT u.id, u.parent_id FROM units u JOIN up ON u.id = up.parent) SELECT id FROM up WHERE parent IS NULL')
        .get(provinceId) as { id: string }
    ).id;
  } finally {
    province.close();
  }

  const hqTemplate = join(scratch, 'hq-template');
  mkdirSync(hqTemplate, { recursive: true });
  prepareTargetDb(source, provinceId, join(hqTemplate, DB_FILE));
  const hq = openOffice(hqTemplate);
  try {
    writeSetting(hq, 'officeUnitId', rootId);
    writeSetting(hq, 'operator', 'Văn phòng Trung ương');
    hq.sqlite.transaction(() => {
      generateOfficeKey(hq);
      addTrustedKey(hq, { publicKey, unitCode: code, confirmFingerprint: fingerprint });
    })();
    hq.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    hq.close();
  }
  return { provinceDir, hqTemplate };
}

/** A fresh headquarters folder for one import (the template's database file, copied). */
export function freshHeadquarters(fixture: BundleFixture, dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(fixture.hqTemplate, DB_FILE), join(dir, DB_FILE));
  return dir;
}

/** What the benchmark times as export: a full bundle of the province office's records and files, written to `file` (.zip). */
export function exportProvinceBundle(province: Workspace, file: string): Promise<ExportResult> {
  return exportBundle(province, { output: file, full: true });
}

/** What the benchmark times as verify + import: the whole import (backup first, all rows in one transaction, receipt). */
export async function importAtHeadquarters(hq: Workspace, file: string): Promise<ImportResult> {
  const result = await importBundle(hq, file);
  if (!result.applied) throw new Error(`bundle not applied (${result.status})`);
  return result;
}
