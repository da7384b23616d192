import { backupBefore, startBackupBefore, type PendingBackup } from '../backup';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { knownSchemaVersion } from '../../../db/connection';
import { bundlesReceived, syncedTables } from '../../../db/schema';
import { claimedBundleSha256, openBundle, verifySignature, ZERO_SHA256, type BundleHeader, type OpenedBundle } from '../../bundle/bag';
import type { ExtractOptions } from '../../bundle/zipread';
import { fingerprint, keyIdHex, parsePublicKey } from '../../bundle/minisign';
import { readLinesSync, stableLine } from '../../bundle/ndjson';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';
import { putRemoteRow, type SyncTable } from '../records';
import { subtreeIds } from '../units/units';
import { attachmentStorePath, BAG_ATTACHMENT_PATH, isBagAttachment, moveIntoPlace, storeAttachment } from './attachments';
import { appliedHere, lastApplied, receivedWithSequence } from './bookkeeping';
import { exchangeDir } from './export';
import { isOwnKey, unlockOfficeKey } from './keys';
import { officeUnit } from './office';
import { receiptOfApplied, writeReceipt } from './receipts';
import { rowProblem } from './rows';
import { findTrustedKey, trustRotatedKey } from './trust';

/**
 * Receiving a bundle: verify everything, show what would change table by
 * table, then apply all of it in one transaction or nothing.
 *
 * Conflict rule (docs/exchange.md): a row is written when the incoming
 * version is newer (updated_at); on equal timestamps the version whose
 * canonical JSON line sorts higher wins, so every office settles the same
 * way. A difference is listed as a conflict when the local version was last
 * written by someone other than this issuer (a local edit or another office).
 */

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

export interface TablePreview {
  table: string;
  insert: number;
  update: number;
  delete: number;
  unchanged: number;
  keptLocal: number;
}

export interface Conflict {
  table: string;
  rowId: string;
  localUpdatedAt: string;
  incomingUpdatedAt: string;
  winner: 'incoming' | 'local';
}

export interface ProvenanceEntry {
  bundleId: string;
  issuerCode: string;
  sequence: number;
  bundleSha256: string;
  keyId: string;
  /** A different bundle with the same issuer and sequence is already known here. */
  fork: boolean;
}

export interface ImportPreview {
  bundleId: string;
  bundleSha256: string;
  issuer: { code: string; id: string; name: string };
  sequence: number;
  previousSha256: string;
  kind: string;
  baggingDate: string;
  schemaVersion: number;
  appVersion: string;
  keyId: string;
  fingerprint: string;
  /** new: next in sequence; already: imported before (no-op); gap: earlier bundles missing. */
  status: 'new' | 'already' | 'gap';
  missing: number[];
  tables: TablePreview[];
  conflicts: Conflict[];
  conflictCount: number;
  changes: number;
  attachments: { total: number; new: number };
  provenance: ProvenanceEntry[];
  announcedKey: string | null;
}

export interface ImportOptions {
  acceptGap?: boolean;
}

export interface ImportResult extends ImportPreview {
  applied: boolean;
  receiptFile: string | null;
}

interface Plan {
  bundle: OpenedBundle;
  preview: ImportPreview;
  /** Row ids to write, by table. */
  writes: Map<string, Set<string>>;
  provenanceFiles: { entry: ProvenanceEntry; header: BundleHeader; file: string }[];
  attachments: { sha256: string; path: string }[];
  /** The issuer's last applied sequence when the checks ran. */
  lastSeen: number;
  /** For a bundle already applied here: the summary recorded then. */
  appliedSummary: string | null;
}

const fromRecordsPath = (p: string) => /^data\/records\/([a-z0-9_]+)\.ndjson$/.exec(p)?.[1];

/** Trust: a known, unrevoked key bound to the unit the bundle says it comes from. */
function checkTrust(ctx: ServiceContext, bundle: OpenedBundle) {
  const { header } = bundle;
  const keyId = keyIdHex(bundle.signature.keyId);
  if (isOwnKey(ctx, keyId) || header.issuer.id === officeUnit(ctx).id) throw new AppError('BUNDLE_OWN');
  const trusted = findTrustedKey(ctx, keyId);
  if (!trusted) throw new AppError('KEY_UNKNOWN', { keyId });
  if (trusted.revokedAt) throw new AppError('KEY_REVOKED', { keyId, unit: trusted.unitCode, date: trusted.revokedAt.slice(0, 10) });
  if (trusted.unitId !== header.issuer.id || trusted.unitCode !== header.issuer.code) {
    throw new AppError('KEY_UNIT_MISMATCH', { keyId, trusted: trusted.unitCode, claimed: header.issuer.code });
  }
  verifySignature(bundle, Buffer.from(trusted.publicKey, 'base64'));
}

/** Records a fork (two bundles, one issuer and sequence) so it stays visible after the refusal. */
function flagFork(ctx: ServiceContext, bundle: OpenedBundle): void {
  const h = bundle.header;
  const flagged = receivedWithSequence(ctx, h.issuer.id, h.sequence).some((r) => r.status === 'fork' && r.bundleSha256 === bundle.bundleSha256);
  if (flagged) return;
  ctx.sqlite.transaction(() => recordReceived(ctx, h, bundle.bundleSha256, { status: 'fork', receivedAt: ctx.now().toISOString() }))();
}

type ReceivedRow = typeof bundlesReceived.$inferInsert;

/** A bundles_received row: the bundle as its header and hash identify it, with what became of it. */
function recordReceived(
  ctx: ServiceContext,
  h: BundleHeader,
  bundleSha256: string,
  outcome: Omit<ReceivedRow, 'bundleId' | 'issuerUnitId' | 'issuerCode' | 'sequence' | 'bundleSha256' | 'previousSha256' | 'keyId'>,
): void {
  ctx.db
    .insert(bundlesReceived)
    .values({
      bundleId: h.bundleId,
      issuerUnitId: h.issuer.id,
      issuerCode: h.issuer.code,
      sequence: h.sequence,
      bundleSha256,
      previousSha256: h.previousSha256,
      keyId: h.issuerKey.keyId,
      ...outcome,
    })
    .run();
}

/** Sequence and chain: replay is a no-op, a fork or an older bundle is refused, a gap is reported. */
function checkSequence(ctx: ServiceContext, bundle: OpenedBundle): { status: 'new' | 'already' | 'gap'; missing: number[] } {
  const h = bundle.header;
  const same = receivedWithSequence(ctx, h.issuer.id, h.sequence).filter((r) => r.status !== 'fork');
  if (same.some((r) => r.bundleSha256 === bundle.bundleSha256 && r.status === 'applied')) return { status: 'already', missing: [] };
  if (same.some((r) => r.bundleSha256 !== bundle.bundleSha256)) {
    flagFork(ctx, bundle);
    throw new AppError('BUNDLE_FORK', { issuer: h.issuer.code, sequence: h.sequence });
  }
  const last = lastApplied(ctx, h.issuer.id);
  const lastSeq = last?.sequence ?? 0;
  if (h.sequence <= lastSeq) throw new AppError('BUNDLE_OUT_OF_ORDER', { issuer: h.issuer.code, sequence: h.sequence, last: lastSeq });
  if (h.sequence === lastSeq + 1) {
    const expected = last?.bundleSha256 ?? ZERO_SHA256;
    if (h.previousSha256 !== expected) {
      if (last) flagFork(ctx, bundle);
      throw new AppError('BUNDLE_CHAIN_BROKEN', { issuer: h.issuer.code, sequence: h.sequence, previous: lastSeq });
    }
    return { status: 'new', missing: [] };
  }
  const missing = Array.from({ length: h.sequence - lastSeq - 1 }, (_, i) => lastSeq + 1 + i);
  return { status: 'gap', missing };
}

/** The units the issuer owns: its subtree here, plus new units the bundle adds under it. */
function ownedUnits(ctx: ServiceContext, bundle: OpenedBundle): Set<string> {
  const allowed = new Set(subtreeIds(ctx, bundle.header.issuer.id));
  const file = bundle.payload.has('data/records/units.ndjson') ? bundle.pathOf('data/records/units.ndjson') : null;
  if (!file) return allowed;
  const incoming: { id: string; parent: string | null }[] = [];
  const exists = ctx.sqlite.prepare('SELECT 1 FROM units WHERE id = ?');
  for (const line of readLinesSync(file)) {
    try {
      const r = JSON.parse(line) as { id?: unknown; parent_id?: unknown };
      if (typeof r.id === 'string' && !exists.get(r.id)) incoming.push({ id: r.id, parent: typeof r.parent_id === 'string' ? r.parent_id : null });
    } catch {
      /* reported by the row pass */
    }
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const u of incoming) {
      if (!allowed.has(u.id) && u.parent && allowed.has(u.parent)) {
        allowed.add(u.id);
        grew = true;
      }
    }
  }
  return allowed;
}

function planRows(ctx: ServiceContext, bundle: OpenedBundle, allowed: Set<string>) {
  const issuer = bundle.header.issuer;
  const issuerBundles = new Set(
    ctx.db
      .select({ id: bundlesReceived.bundleId })
      .from(bundlesReceived)
      .where(eq(bundlesReceived.issuerUnitId, issuer.id))
      .all()
      .map((r) => r.id),
  );
  const lastWriter = ctx.sqlite.prepare('SELECT origin FROM change_log WHERE table_name = ? AND row_id = ? ORDER BY seq DESC LIMIT 1');
  const tables: TablePreview[] = [];
  const conflicts: Conflict[] = [];
  let conflictCount = 0;
  const writes = new Map<string, Set<string>>();
  for (const [name, table] of Object.entries(syncedTables) as [string, SyncTable][]) {
    const path = `data/records/${name}.ndjson`;
    const t: TablePreview = { table: name, insert: 0, update: 0, delete: 0, unchanged: 0, keptLocal: 0 };
    const ids = new Set<string>();
    writes.set(name, ids);
    tables.push(t);
    if (!bundle.payload.has(path)) continue;
    const get = ctx.sqlite.prepare(`SELECT * FROM ${q(name)} WHERE id = ?`);
    let lineNo = 0;
    let previousId = '';
    for (const line of readLinesSync(bundle.pathOf(path))) {
      lineNo++;
      let row: Record<string, unknown>;
      try {
        row = JSON.parse(line);
      } catch {
        throw new AppError('BUNDLE_ROW_INVALID', { file: path, line: lineNo, details: 'not JSON' });
      }
      const problem = rowProblem(table, row);
      if (problem) throw new AppError('BUNDLE_ROW_INVALID', { file: path, line: lineNo, details: problem });
      const id = String(row.id);
      if (id <= previousId) throw new AppError('BUNDLE_ROW_INVALID', { file: path, line: lineNo, details: 'rows out of order or repeated' });
      previousId = id;
      const local = get.get(id) as Record<string, unknown> | undefined;
      const outside = !allowed.has(String(row.unit_id)) || (local && !allowed.has(String(local.unit_id)));
      if (outside) throw new AppError('BUNDLE_OUTSIDE_SUBTREE', { issuer: issuer.code, table: name, rowId: id });
      if (!local) {
        t.insert++;
        ids.add(id);
        continue;
      }
      const projected: Record<string, unknown> = {};
      for (const k of Object.keys(row)) projected[k] = local[k];
      const a = stableLine(row);
      const b = stableLine(projected);
      if (a === b) {
        t.unchanged++;
        continue;
      }
      const inc = String(row.updated_at);
      const loc = String(local.updated_at);
      const incomingWins = inc > loc || (inc === loc && a > b);
      const writer = (lastWriter.get(name, id) as { origin: string | null } | undefined)?.origin ?? null;
      const conflict = !(writer && issuerBundles.has(writer));
      if (conflict) {
        conflictCount++;
        if (conflicts.length < 500) conflicts.push({ table: name, rowId: id, localUpdatedAt: loc, incomingUpdatedAt: inc, winner: incomingWins ? 'incoming' : 'local' });
      }
      if (!incomingWins) {
        if (conflict) t.keptLocal++;
        else t.unchanged++; // a stale copy of the issuer's own earlier version
        continue;
      }
      if (row.deleted === 1 && !local.deleted) t.delete++;
      else t.update++;
      ids.add(id);
    }
  }
  return { tables, conflicts, conflictCount, writes };
}

/** The sub-units' original bundles carried by a roll-up: each must verify with its own key. */
async function checkProvenance(ctx: ServiceContext, bundle: OpenedBundle, allowed: Set<string>, work: string) {
  const out: Plan['provenanceFiles'] = [];
  const indexPath = 'data/provenance/index.ndjson';
  const listed = new Set<string>();
  if (bundle.payload.has(indexPath)) {
    let i = 0;
    for (const line of readLinesSync(bundle.pathOf(indexPath))) {
      i++;
      const fail = (details: string): never => {
        throw new AppError('BUNDLE_NESTED_INVALID', { name: `#${i}`, details });
      };
      let e: Record<string, unknown> = {};
      try {
        e = JSON.parse(line);
      } catch {
        fail('index line is not JSON');
      }
      const file = String(e.file ?? '');
      if (!bundle.payload.has(file) || !file.startsWith('data/provenance/')) fail(`${file.slice(0, 80)} is not in the bundle`);
      listed.add(file);
      if (typeof e.public_key !== 'string') fail('no public key given');
      let nested: OpenedBundle;
      try {
        // Only checked: its rows and files travel in the roll-up itself.
        nested = await openBundle(bundle.pathOf(file), join(work, `nested-${i}`), { skip: isBagAttachment });
        const pub = parsePublicKey(String(e.public_key));
        if (keyIdHex(pub.keyId) !== nested.header.issuerKey.keyId) fail('key id does not match the signature');
        verifySignature(nested, pub.publicKey);
        if (fingerprint(pub.publicKey) !== nested.header.issuerKey.fingerprint) fail('fingerprint');
      } catch (err) {
        if (err instanceof AppError && err.code === 'BUNDLE_NESTED_INVALID') throw err;
        throw new AppError('BUNDLE_NESTED_INVALID', { name: file, details: err instanceof Error ? err.message : String(err) });
      }
      const h = nested.header;
      // When this office trusts keys of that unit itself, the carried bundle must be signed by one of them.
      const own = ctx.sqlite.prepare('SELECT key_id FROM trusted_keys WHERE unit_id = ?').pluck().all(h.issuer.id) as string[];
      if (own.length && !own.includes(h.issuerKey.keyId)) fail(`${file}: signed by ${h.issuerKey.keyId}, not by the key trusted here for ${h.issuer.code}`);
      if (nested.bundleSha256 !== e.bundle_sha256 || h.bundleId !== e.bundle_id || h.sequence !== e.sequence || h.issuer.code !== e.issuer_code) {
        fail(`${file}: index does not match the bundle`);
      }
      if (!allowed.has(h.issuer.id)) throw new AppError('BUNDLE_OUTSIDE_SUBTREE', { issuer: bundle.header.issuer.code, table: 'provenance', rowId: h.issuer.code });
      const known = receivedWithSequence(ctx, h.issuer.id, h.sequence);
      out.push({
        entry: {
          bundleId: h.bundleId,
          issuerCode: h.issuer.code,
          sequence: h.sequence,
          bundleSha256: nested.bundleSha256,
          keyId: h.issuerKey.keyId,
          fork: known.some((r) => r.bundleSha256 !== nested.bundleSha256 && r.status !== 'fork'),
        },
        header: h,
        file,
      });
    }
  }
  for (const p of bundle.payload.keys()) {
    if (p.startsWith('data/provenance/') && p !== indexPath && !listed.has(p)) {
      throw new AppError('BUNDLE_NESTED_INVALID', { name: p, details: 'not listed in data/provenance/index.ndjson' });
    }
  }
  return out;
}

async function examine(ctx: ServiceContext, file: string, work: string, extract: ExtractOptions): Promise<Plan> {
  const bundle = await openBundle(file, work, extract);
  const h = bundle.header;
  const known = knownSchemaVersion();
  if (h.schemaVersion > known) throw new AppError('BUNDLE_SCHEMA_NEWER', { found: h.schemaVersion, known });
  // Every payload file must be something we understand.
  const attachments: Plan['attachments'] = [];
  for (const [p, f] of bundle.payload) {
    const table = fromRecordsPath(p);
    if (table !== undefined) {
      if (!Object.hasOwn(syncedTables, table)) throw new AppError('BUNDLE_UNKNOWN_TABLE', { table });
      continue;
    }
    const att = BAG_ATTACHMENT_PATH.exec(p);
    if (att) {
      if (att[2].slice(0, 2) !== att[1] || f.sha256 !== att[2]) throw new AppError('BAG_HASH_MISMATCH', { path: p });
      attachments.push({ sha256: att[2], path: p });
      continue;
    }
    if (p.startsWith('data/provenance/')) continue;
    throw new AppError('BAG_LAYOUT', { details: `unexpected payload file ${p}` });
  }
  const applied = receivedWithSequence(ctx, h.issuer.id, h.sequence).find((r) => r.bundleSha256 === bundle.bundleSha256 && r.status === 'applied');
  const already = applied !== undefined;
  // A bundle already applied is identified by the hash of its verified tag files: nothing to trust again.
  if (!already) checkTrust(ctx, bundle);
  const seq = already ? { status: 'already' as const, missing: [] } : checkSequence(ctx, bundle);
  const lastSeen = lastApplied(ctx, h.issuer.id)?.sequence ?? 0;
  const allowed = ownedUnits(ctx, bundle);
  const rows = planRows(ctx, bundle, allowed);
  const provenanceFiles = await checkProvenance(ctx, bundle, allowed, work);
  const issuerName = (ctx.sqlite.prepare('SELECT name FROM units WHERE id = ?').get(h.issuer.id) as { name: string } | undefined)?.name ?? h.sourceOrganization;
  const announced = h.nextIssuerKey ? (() => {
    try {
      return fingerprint(parsePublicKey(h.nextIssuerKey!).publicKey);
    } catch {
      throw new AppError('BAG_INFO_INVALID', { label: 'Next-Issuer-Key', value: h.nextIssuerKey!.slice(0, 60) });
    }
  })() : null;
  const preview: ImportPreview = {
    bundleId: h.bundleId,
    bundleSha256: bundle.bundleSha256,
    issuer: { ...h.issuer, name: issuerName },
    sequence: h.sequence,
    previousSha256: h.previousSha256,
    kind: h.kind.type === 'full' ? 'full' : `delta since ${h.kind.sinceSequence}`,
    baggingDate: h.baggingDate,
    schemaVersion: h.schemaVersion,
    appVersion: h.appVersion,
    keyId: h.issuerKey.keyId,
    fingerprint: h.issuerKey.fingerprint,
    status: seq.status,
    missing: seq.missing,
    tables: rows.tables,
    conflicts: rows.conflicts,
    conflictCount: rows.conflictCount,
    changes: rows.tables.reduce((s, t) => s + t.insert + t.update + t.delete, 0),
    attachments: { total: attachments.length, new: attachments.filter((a) => !existsSync(attachmentStorePath(ctx, a.sha256))).length },
    provenance: provenanceFiles.map((p) => p.entry),
    announcedKey: announced,
  };
  return { bundle, preview, writes: rows.writes, provenanceFiles, attachments, lastSeen, appliedSummary: applied?.summary ?? null };
}

/**
 * References that the rows written by an import break, by "table → parent":
 * only written rows can break one (nothing is ever hard-deleted), so only
 * they are checked, each foreign key by one query over the written ids.
 */
function missingReferences(ctx: ServiceContext, writes: Map<string, Set<string>>): Map<string, number> {
  const missing = new Map<string, number>();
  for (const [name, ids] of writes) {
    if (!ids.size) continue;
    const fks = ctx.sqlite.pragma(`foreign_key_list(${q(name)})`) as { id: number; seq: number; table: string; from: string; to: string | null }[];
    const single = fks.every((f) => f.seq === 0 && f.to) && new Set(fks.map((f) => f.id)).size === fks.length;
    if (!single) {
      // A key this check does not know how to read: SQLite's own check of the whole table.
      for (const v of ctx.sqlite.pragma(`foreign_key_check(${q(name)})`) as { table: string; parent: string }[]) {
        const k = `${v.table} → ${v.parent}`;
        missing.set(k, (missing.get(k) ?? 0) + 1);
      }
      continue;
    }
    const written = JSON.stringify([...ids]);
    for (const f of fks) {
      const n = (
        ctx.sqlite
          .prepare(
            `SELECT count(*) AS n FROM ${q(name)} c WHERE c."id" IN (SELECT value FROM json_each(?)) AND c.${q(f.from)} IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM ${q(f.table)} p WHERE p.${q(f.to!)} = c.${q(f.from)})`,
          )
          .get(written) as { n: number }
      ).n;
      if (n) missing.set(`${name} → ${f.table}`, (missing.get(`${name} → ${f.table}`) ?? 0) + n);
    }
  }
  return missing;
}

/**
 * Where a received bundle is kept, relative to the data folder: named by
 * issuer, sequence and hash (content-addressed, so never overwritten), with
 * the code reduced to safe characters since it comes from the bundle.
 */
function storedName(h: BundleHeader, bundleSha256: string): string {
  const code = h.issuer.code.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 20);
  return join('exchange', 'received', `${code}-${String(h.sequence).padStart(6, '0')}-${bundleSha256.slice(0, 16)}.zip`);
}


function workDir(ctx: ServiceContext): string {
  const dir = join(exchangeDir(ctx, 'staging'), randomUUID());
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Verifies a bundle completely and says what importing it would change; writes nothing. */
export async function previewBundle(ctx: ServiceContext, file: string): Promise<ImportPreview> {
  const work = workDir(ctx);
  try {
    // Attachments are checked (hashed) but not unpacked: a preview does not use their bytes.
    return (await examine(ctx, file, work, { skip: isBagAttachment })).preview;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Imports a verified bundle: all its rows in one transaction (the references
 * of the rows written checked before commit), its attachments into the store, its bookkeeping, and
 * a signed receipt for the sender. Re-importing is a no-op; a gap needs acceptGap.
 */
export async function importBundle(ctx: ServiceContext, file: string, options: ImportOptions = {}): Promise<ImportResult> {
  const work = workDir(ctx);
  // The signed original is kept whole (a roll-up forwards it): written while the bundle is read
  // and checked, from the very bytes checked, instead of copied again afterwards.
  const original = join(work, 'original.zip');
  // The verified backup before every import is the way back if the sender's data was wrong.
  // It is taken while the bundle is read and checked rather than after: mostly SQLite copying
  // pages beside mostly hashing and disk writes, the two share the time (at headquarters,
  // about 0.8 s of a 4 s import). Not for a file that is no bundle, nor for one this office already
  // applied (re-importing is a no-op); a backup for a bundle the checks then refuse is discarded.
  // Checked with quick_check: a page-by-page copy, checked in full before any restore
  // (backup/write.ts, BackupCheck).
  const claimed = claimedBundleSha256(file);
  let backup: PendingBackup | null =
    claimed && !appliedHere(ctx, claimed) ? startBackupBefore(ctx, 'bundle-import', { check: 'quick' }) : null;
  try {
    const plan = await examine(ctx, file, work, {
      copyTo: original,
      // A file the store already holds (content-addressed) is checked, not unpacked again.
      skip: (rel) => {
        const m = BAG_ATTACHMENT_PATH.exec(rel);
        return m ? existsSync(attachmentStorePath(ctx, m[2])) : false;
      },
    });
    const { bundle, preview } = plan;
    const h = bundle.header;
    if (preview.status === 'already') {
      const changes = Number((JSON.parse(plan.appliedSummary ?? '{}') as { changes?: number }).changes ?? 0);
      return { ...preview, applied: false, receiptFile: receiptOfApplied(ctx, bundle, { changes }) };
    }
    if (preview.status === 'gap' && !options.acceptGap) {
      throw new AppError('BUNDLE_GAP', { issuer: h.issuer.code, sequence: h.sequence, missing: preview.missing.join(', ') });
    }
    unlockOfficeKey(ctx).privateKey.fill(0); // the receipt must be signable before anything is written
    // The backup must hold exactly the state the import starts from: if anything was written
    // since its copy was made (or none was started), one is taken now. From the backup to the
    // commit nothing awaits, so nothing else can write in between.
    if (backup) await backup.done;
    if (backup?.take()) backup = null;
    else await backupBefore(ctx, 'bundle-import', { check: 'quick' });
    // Verified while unpacked into our staging folder: moved into the store, not copied again
    // (a file the store already held was not unpacked; storeAttachment leaves it as it is).
    for (const a of plan.attachments) storeAttachment(ctx, a.sha256, bundle.pathOf(a.path), { move: true });
    const storedRel = storedName(h, bundle.bundleSha256);
    const storedAbs = join(ctx.dataDir, storedRel);
    mkdirSync(join(ctx.dataDir, 'exchange', 'received'), { recursive: true });
    const existedBefore = existsSync(storedAbs);
    if (!existedBefore) moveIntoPlace(original, storedAbs);
    const summary = { tables: preview.tables, conflicts: preview.conflictCount, changes: preview.changes, kind: preview.kind };
    const storedNested: string[] = [];
    let raced = false;
    try {
      // One operator for the whole transaction: read once, not for every change-log entry.
      const actor = ctx.actor();
      const applyCtx: ServiceContext = { ...ctx, origin: h.bundleId, actor: () => actor };
      const lastSeen = plan.lastSeen;
      // Rows are applied with foreign keys off and the written rows checked before commit
      // (missingReferences). Enforced while inserting, every unit inserted after one of its
      // children (rows travel sorted by id) made SQLite search each table that refers to units
      // for it: seconds at headquarters, where attendance alone holds 150,000 rows. No await
      // until it is back on, so nothing else runs on this connection meanwhile.
      const enforced = ctx.sqlite.pragma('foreign_keys', { simple: true }) === 1;
      ctx.sqlite.pragma('foreign_keys = OFF');
      try {
        raced = ctx.sqlite.transaction(() => {
          // Another import of this issuer may have finished since the checks: the same bundle is then a no-op.
          const now = lastApplied(ctx, h.issuer.id);
          if (now?.bundleSha256 === bundle.bundleSha256) return true;
          if ((now?.sequence ?? 0) !== lastSeen) {
            throw new AppError('BUNDLE_OUT_OF_ORDER', { issuer: h.issuer.code, sequence: h.sequence, last: lastApplied(ctx, h.issuer.id)!.sequence });
          }
          for (const [name, table] of Object.entries(syncedTables) as [string, SyncTable][]) {
            const ids = plan.writes.get(name)!;
            if (!ids.size) continue;
            for (const line of readLinesSync(bundle.pathOf(`data/records/${name}.ndjson`))) {
              const row = JSON.parse(line) as Record<string, unknown>;
              if (ids.has(String(row.id))) putRemoteRow(applyCtx, table, row);
            }
          }
          // Say which references are missing, naming them.
          const missing = missingReferences(ctx, plan.writes);
          if (missing.size) {
            throw new AppError('BUNDLE_REFERENCES', { details: [...missing].map(([k, n]) => `${k}: ${n}`).join('; ') });
          }
          const at = ctx.now().toISOString();
          recordReceived(ctx, h, bundle.bundleSha256, {
            status: 'applied',
            receivedAt: at,
            summary: JSON.stringify(summary),
            storedFile: storedRel,
            gapAccepted: preview.status === 'gap',
          });
          for (const p of plan.provenanceFiles) {
            if (receivedWithSequence(ctx, p.header.issuer.id, p.header.sequence).some((r) => r.bundleSha256 === p.entry.bundleSha256)) continue;
            const nestedRel = storedName(p.header, p.entry.bundleSha256);
            if (!existsSync(join(ctx.dataDir, nestedRel))) {
              moveIntoPlace(bundle.pathOf(p.file), join(ctx.dataDir, nestedRel));
              storedNested.push(join(ctx.dataDir, nestedRel));
            }
            recordReceived(ctx, p.header, p.entry.bundleSha256, { status: 'via', viaBundleId: h.bundleId, receivedAt: at, storedFile: nestedRel });
          }
          if (h.nextIssuerKey) trustRotatedKey(ctx, h.nextIssuerKey, h.issuer, h.bundleId, h.issuerKey.keyId);
          return false;
        })();
      } finally {
        if (enforced) ctx.sqlite.pragma('foreign_keys = ON');
      }
    } catch (err) {
      if (!existedBefore) rmSync(storedAbs, { force: true });
      for (const f of storedNested) rmSync(f, { force: true });
      throw err;
    }
    if (raced) return { ...preview, status: 'already', applied: false, receiptFile: null };
    const receiptFile = writeReceipt(ctx, bundle, summary);
    return { ...preview, applied: true, receiptFile };
  } finally {
    await backup?.discard();
    rmSync(work, { recursive: true, force: true });
  }
}

