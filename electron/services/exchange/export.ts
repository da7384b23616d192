import { createHash, randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { eq, inArray, isNull, and } from 'drizzle-orm';
import { knownSchemaVersion } from '../../../db/connection';
import { bundlesReceived, bundlesSent, reports, syncedTables } from '../../../db/schema';
import pkg from '../../../package.json';
import { sha256OfFile, writeBundle, ZERO_SHA256, type BundleHeader, type PayloadFile } from '../../bundle/bag';
import { formatPublicKey, keyIdFromHex } from '../../bundle/minisign';
import { stableLine } from '../../bundle/ndjson';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';
import { markReportSent } from '../reports/reports';
import { getUnit, subtreeIds } from '../units/units';
import { attachmentsFor, bagPathOfAttachment } from './attachments';
import { lastAcknowledged, lastSent } from './bookkeeping';
import { completeRotation, pendingOfficeKey, unlockOfficeKey } from './keys';
import { officeUnit } from './office';
import { findTrustedKey } from './trust';

export const APP_VERSION: string = pkg.version;

export interface ExportOptions {
  /** Where to write the .zip; default: the data folder's exchange/outbox. */
  output?: string;
  full?: boolean;
  onProgress?: (p: { phase: 'records' | 'zip'; done: number; total: number }) => void;
}

export interface ExportResult {
  bundleId: string;
  sequence: number;
  bundleSha256: string;
  file: string;
  kind: 'full' | 'delta';
  rows: number;
  attachments: number;
  provenance: number;
}

export const exchangeDir = (ctx: Pick<ServiceContext, 'dataDir'>, sub: string): string => {
  const dir = join(ctx.dataDir, 'exchange', sub);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** Working copies of bundles being imported (staging) or exported (tmp): nothing keeps them once the work is done. */
const WORK_FOLDERS = ['staging', 'tmp'];

/**
 * Removes the working copies of bundles. Called at open, under the folder
 * lock, when none is in use: whatever is there was left by a crash (a kill
 * mid-import leaves the whole extracted bundle).
 */
export function removeExchangeWork(dataDir: string): void {
  for (const sub of WORK_FOLDERS) {
    try {
      rmSync(join(dataDir, 'exchange', sub), { recursive: true, force: true });
    } catch {
      // Tidying only: a read-only medium keeps them, and nothing reads them.
    }
  }
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * A hashing, counting file writer: payload is written once, to disk, never
 * held whole. Lines are gathered into writes of about 256 KB (one system
 * call per row was most of the cost of writing a table).
 */
function payloadWriter(file: string) {
  const fd = openSync(file, 'w');
  const hash = createHash('sha256');
  let size = 0;
  let pending: string[] = [];
  let pendingLength = 0;
  const flush = () => {
    if (pending.length === 0) return;
    const b = Buffer.from(pending.join(''), 'utf8');
    writeSync(fd, b);
    hash.update(b);
    size += b.length;
    pending = [];
    pendingLength = 0;
  };
  return {
    write(text: string) {
      pending.push(text);
      pendingLength += text.length;
      if (pendingLength >= 256 * 1024) flush();
    },
    finish(path: string): PayloadFile {
      flush();
      closeSync(fd);
      return { path, sha256: hash.digest('hex'), size, source: { file } };
    },
  };
}

function checkOutput(output: string): string {
  const abs = resolve(output);
  if (!abs.toLowerCase().endsWith('.zip')) throw new AppError('FILE_NOT_ZIP_NAME', {}, 'output');
  if (existsSync(abs)) throw new AppError('FILE_EXISTS', { path: abs }, 'output');
  if (!existsSync(dirname(abs)) || !statSync(dirname(abs)).isDirectory()) throw new AppError('FILE_NOT_FOUND', { path: dirname(abs) }, 'output');
  return abs;
}

/**
 * Writes this office's next bundle: its subtree's rows (all of them, or
 * those changed since the last bundle the receiver acknowledged, tombstones
 * included), the attachments they refer to and, for a roll-up, the original
 * bundles received from sub-units not yet forwarded. Rows are sorted by id
 * and keys ordered, so the same data gives the same payload bytes.
 */
export async function exportBundle(ctx: ServiceContext, options: ExportOptions = {}): Promise<ExportResult> {
  const office = officeUnit(ctx);
  const key = unlockOfficeKey(ctx);
  const pending = pendingOfficeKey(ctx);
  const previous = lastSent(ctx);
  const acked = options.full ? undefined : lastAcknowledged(ctx);
  const sequence = (previous?.sequence ?? 0) + 1;
  const changeFrom = acked?.changeTo ?? 0;
  const changeTo = (ctx.sqlite.prepare('SELECT COALESCE(MAX(seq), 0) AS m FROM change_log').get() as { m: number }).m;
  const full = !acked;
  const subtree = new Set(subtreeIds(ctx, office.id));
  const root = `isodesk-${office.code}-${String(sequence).padStart(6, '0')}`;
  const output = options.output ? checkOutput(options.output) : join(exchangeDir(ctx, 'outbox'), `${root}.zip`);
  const work = join(exchangeDir(ctx, 'tmp'), randomUUID());
  mkdirSync(work, { recursive: true });
  try {
    const payload: PayloadFile[] = [];
    const rowIds = new Map<string, Set<string>>();
    let rows = 0;
    const tables = Object.entries(syncedTables);
    // Only what this office owns travels; filtered in SQL, so rows of other offices held here are never read.
    // "ORDER BY +id": sort the rows that travel, rather than walk the id index and look up every row of
    // the table (a folder holding other offices' attendance read 150,000 rows one lookup at a time).
    const owned = JSON.stringify([...subtree]);
    tables.forEach(([name], i) => {
      const writer = payloadWriter(join(work, `${name}.ndjson`));
      const ids = new Set<string>();
      const mine = `unit_id IN (SELECT value FROM json_each(?))`;
      // Columns selected in sorted order: each row then serialises straight to its stable line (see stableLine).
      const cols = (ctx.sqlite.prepare(`SELECT * FROM ${q(name)} LIMIT 0`).columns() as { name: string }[])
        .map((c) => c.name)
        .sort()
        .map(q)
        .join(', ');
      const iter = (
        full
          ? ctx.sqlite.prepare(`SELECT ${cols} FROM ${q(name)} WHERE ${mine} ORDER BY +id`).iterate(owned)
          : ctx.sqlite
              .prepare(`SELECT ${cols} FROM ${q(name)} WHERE ${mine} AND id IN (SELECT row_id FROM change_log WHERE table_name = ? AND seq > ? AND seq <= ?) ORDER BY +id`)
              .iterate(owned, name, changeFrom, changeTo)
      ) as IterableIterator<Record<string, unknown>>;
      for (const row of iter) {
        writer.write(`${JSON.stringify(row)}\n`);
        ids.add(String(row.id));
        rows++;
      }
      rowIds.set(name, ids);
      payload.push(writer.finish(`data/records/${name}.ndjson`));
      options.onProgress?.({ phase: 'records', done: i + 1, total: tables.length });
    });
    const files = attachmentsFor(ctx, { unitIds: subtree, rowIds, full });
    for (const f of files) payload.push({ path: bagPathOfAttachment(f.sha256), sha256: f.sha256, size: f.size, source: { file: f.file } });
    // Roll-up: the sub-units' own signed bundles, so the receiver can check their signatures too.
    const carried = ctx.db
      .select()
      .from(bundlesReceived)
      .where(full ? eq(bundlesReceived.status, 'applied') : and(eq(bundlesReceived.status, 'applied'), isNull(bundlesReceived.forwardedIn)))
      .all()
      .filter((r) => r.storedFile && existsSync(join(ctx.dataDir, r.storedFile)));
    if (carried.length) {
      const index = payloadWriter(join(work, 'provenance.ndjson'));
      for (const r of [...carried].sort((a, b) => (a.bundleSha256 < b.bundleSha256 ? -1 : 1))) {
        const trusted = findTrustedKey(ctx, r.keyId);
        const file = join(ctx.dataDir, r.storedFile!);
        const path = `data/provenance/${basename(r.storedFile!)}`;
        payload.push({ path, ...sha256OfFile(file), source: { file } });
        index.write(
          stableLine({
            bundle_id: r.bundleId,
            bundle_sha256: r.bundleSha256,
            file: path,
            issuer_code: r.issuerCode,
            issuer_unit_id: r.issuerUnitId,
            key_id: r.keyId,
            previous_sha256: r.previousSha256,
            public_key: trusted ? formatPublicKey(keyIdFromHex(r.keyId), Buffer.from(trusted.publicKey, 'base64')).split('\n')[1] : null,
            sequence: r.sequence,
          }),
        );
      }
      payload.push(index.finish('data/provenance/index.ndjson'));
    }
    if (!full && rows === 0 && carried.length === 0 && files.length === 0 && !pending) throw new AppError('NOTHING_TO_EXPORT');
    const receiver = office.parentId ? getUnit(ctx, office.parentId) : null;
    const bundleId = randomUUID();
    const now = ctx.now();
    const header: BundleHeader = {
      sourceOrganization: office.name,
      baggingDate: now.toISOString().slice(0, 10),
      bundleId,
      issuer: { code: office.code, id: office.id },
      issuerKey: { fingerprint: activeFingerprint(ctx, key.keyIdHex), keyId: key.keyIdHex },
      sequence,
      previousSha256: previous?.bundleSha256 ?? ZERO_SHA256,
      kind: full ? { type: 'full' } : { type: 'delta', sinceSequence: acked!.sequence },
      schemaVersion: knownSchemaVersion(),
      appVersion: APP_VERSION,
      receiver: receiver ? { code: receiver.code, id: receiver.id } : null,
      nextIssuerKey: pending ? pending.publicKeyFile.split('\n')[1] : null,
    };
    const part = `${output}.part`;
    rmSync(part, { force: true });
    let sealed;
    try {
      sealed = await writeBundle({
        output: part,
        root,
        header,
        payload,
        key,
        onProgress: (done, total) => options.onProgress?.({ phase: 'zip', done, total }),
      });
    } catch (err) {
      rmSync(part, { force: true });
      throw err;
    }
    renameSync(part, output);
    ctx.sqlite.transaction(() => {
      ctx.db
        .insert(bundlesSent)
        .values({
          bundleId,
          sequence,
          bundleSha256: sealed.bundleSha256,
          previousSha256: header.previousSha256,
          kind: full ? 'full' : 'delta',
          sinceSequence: full ? null : acked!.sequence,
          changeFrom: full ? 0 : changeFrom,
          changeTo,
          rowCount: rows,
          keyId: key.keyIdHex,
          fileName: output,
          createdAt: now.toISOString(),
        })
        .run();
      const ids = carried.filter((r) => !r.forwardedIn).map((r) => r.id);
      if (ids.length) ctx.db.update(bundlesReceived).set({ forwardedIn: bundleId }).where(inArray(bundlesReceived.id, ids)).run();
      // Final reports of this office that go out for the first time: reports history shows this bundle.
      for (const id of rowIds.get('reports') ?? []) {
        const r = ctx.db.select({ status: reports.status, bundleId: reports.bundleId, unitId: reports.unitId }).from(reports).where(eq(reports.id, id)).get();
        if (r?.status === 'final' && !r.bundleId && r.unitId === office.id) markReportSent(ctx, id, bundleId, now.toISOString());
      }
      if (pending) completeRotation(ctx);
    })();
    return { bundleId, sequence, bundleSha256: sealed.bundleSha256, file: output, kind: full ? 'full' : 'delta', rows, attachments: files.length, provenance: carried.length };
  } finally {
    key.privateKey.fill(0);
    rmSync(work, { recursive: true, force: true });
  }
}

function activeFingerprint(ctx: ServiceContext, keyId: string): string {
  const row = ctx.sqlite.prepare('SELECT fingerprint FROM office_keys WHERE key_id = ?').get(keyId) as { fingerprint: string };
  return row.fingerprint;
}

export const sentBundle = (ctx: ServiceContext, bundleId: string) => ctx.db.select().from(bundlesSent).where(eq(bundlesSent.bundleId, bundleId)).get();
