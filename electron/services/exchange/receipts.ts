import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { bundlesSent } from '../../../db/schema';
import type { BundleHeader, OpenedBundle } from '../../bundle/bag';
import { MinisignFormatError, keyIdHex, parseSignature, signMinisign, verifyMinisign } from '../../bundle/minisign';
import { stableLine } from '../../bundle/ndjson';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';
import { exchangeDir } from './export';
import { unlockOfficeKey } from './keys';
import { officeUnit } from './office';
import { findTrustedKey } from './trust';

/**
 * A receipt says "office R applied bundle B (hash H)". It is a text file:
 * line 1 is the receipt as canonical JSON, lines 2–5 a minisign signature
 * of line 1 (with its newline) by the receiving office's key. The sender
 * imports it to mark the bundle delivered.
 */
export interface ReceiptBody {
  format: 'isodesk-receipt/1';
  bundle_id: string;
  bundle_sha256: string;
  issuer_code: string;
  issuer_unit_id: string;
  sequence: number;
  receiver_code: string;
  receiver_unit_id: string;
  receiver_key_id: string;
  received_at: string;
  status: 'applied';
  changes: number;
}

export function writeReceipt(ctx: ServiceContext, bundle: OpenedBundle, summary: { changes: number }): string {
  const office = officeUnit(ctx);
  const key = unlockOfficeKey(ctx);
  const h = bundle.header;
  const body: ReceiptBody = {
    format: 'isodesk-receipt/1',
    bundle_id: h.bundleId,
    bundle_sha256: bundle.bundleSha256,
    issuer_code: h.issuer.code,
    issuer_unit_id: h.issuer.id,
    sequence: h.sequence,
    receiver_code: office.code,
    receiver_unit_id: office.id,
    receiver_key_id: key.keyIdHex,
    received_at: ctx.now().toISOString(),
    status: 'applied',
    changes: summary.changes,
  };
  const line = stableLine(body as unknown as Record<string, unknown>);
  const sig = signMinisign(Buffer.from(line), key, `isodesk-receipt bundle=${h.bundleId} receiver=${office.code}`);
  key.privateKey.fill(0);
  const file = receiptPath(ctx, h);
  // Written aside and renamed: a crash never leaves a cut-short receipt under the real name.
  writeFileSync(`${file}.part`, line + sig);
  renameSync(`${file}.part`, file);
  return file;
}

const safe = (code: string) => code.replace(/[^A-Za-z0-9_-]/g, '_');

/** Where the receipt for a received bundle is kept (one per issuer and sequence). */
function receiptPath(ctx: ServiceContext, h: BundleHeader): string {
  return join(exchangeDir(ctx, 'receipts'), `receipt-${safe(h.issuer.code)}-${String(h.sequence).padStart(6, '0')}-${safe(officeUnit(ctx).code)}.txt`);
}

/**
 * The receipt of a bundle applied here before. A crash between the import's
 * commit and its receipt leaves none: it is written now, when the office key
 * can be opened (otherwise null, as before).
 */
export function receiptOfApplied(ctx: ServiceContext, bundle: OpenedBundle, summary: { changes: number }): string | null {
  const file = receiptPath(ctx, bundle.header);
  try {
    if (existsSync(file) && parseReceipt(readFileSync(file, 'utf8')).body.bundle_sha256 === bundle.bundleSha256) return file;
  } catch {
    // Not a receipt of this bundle: written again below.
  }
  try {
    return writeReceipt(ctx, bundle, summary);
  } catch (err) {
    if (err instanceof AppError && err.code.startsWith('KEY_')) return null;
    throw err;
  }
}

export function parseReceipt(text: string): { body: ReceiptBody; line: string; sigText: string } {
  const nl = text.indexOf('\n');
  if (nl < 0) throw new AppError('RECEIPT_INVALID', { details: 'not a receipt file' });
  const line = text.slice(0, nl + 1);
  let body: ReceiptBody;
  try {
    body = JSON.parse(line);
  } catch {
    throw new AppError('RECEIPT_INVALID', { details: 'the first line is not JSON' });
  }
  if (body?.format !== 'isodesk-receipt/1') throw new AppError('RECEIPT_INVALID', { details: 'unknown format' });
  return { body, line, sigText: text.slice(nl + 1) };
}

/** Marks an issued bundle delivered, once the receiver's signed receipt checks out. */
export function importReceipt(ctx: ServiceContext, file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new AppError('FILE_NOT_FOUND', { path: file });
  }
  return importReceiptText(ctx, text);
}

export function importReceiptText(ctx: ServiceContext, text: string) {
  const { body, line, sigText } = parseReceipt(text);
  let sig;
  try {
    sig = parseSignature(sigText);
  } catch (e) {
    if (e instanceof MinisignFormatError) throw new AppError('RECEIPT_INVALID', { details: e.reason });
    throw e;
  }
  const keyId = keyIdHex(sig.keyId);
  const trusted = findTrustedKey(ctx, keyId);
  if (!trusted) throw new AppError('KEY_UNKNOWN', { keyId });
  if (trusted.revokedAt) throw new AppError('KEY_REVOKED', { keyId, unit: trusted.unitCode, date: trusted.revokedAt.slice(0, 10) });
  if (trusted.unitId !== body.receiver_unit_id || keyId !== body.receiver_key_id) {
    throw new AppError('KEY_UNIT_MISMATCH', { keyId, trusted: trusted.unitCode, claimed: String(body.receiver_code) });
  }
  if (!verifyMinisign(Buffer.from(line), sig, Buffer.from(trusted.publicKey, 'base64'))) throw new AppError('SIGNATURE_INVALID', { keyId });
  if (sig.trustedComment !== `isodesk-receipt bundle=${body.bundle_id} receiver=${body.receiver_code}`) throw new AppError('SIGNATURE_COMMENT_MISMATCH');
  const sent = ctx.db.select().from(bundlesSent).where(eq(bundlesSent.bundleId, String(body.bundle_id))).get();
  if (!sent || sent.bundleSha256 !== body.bundle_sha256) throw new AppError('RECEIPT_UNKNOWN_BUNDLE', { bundleId: String(body.bundle_id) });
  if (!sent.acknowledgedAt) {
    ctx.db
      .update(bundlesSent)
      .set({ acknowledgedAt: body.received_at, acknowledgedBy: body.receiver_code, receipt: text })
      .where(eq(bundlesSent.bundleId, sent.bundleId))
      .run();
  }
  return { bundleId: sent.bundleId, sequence: sent.sequence, acknowledgedBy: body.receiver_code, acknowledgedAt: sent.acknowledgedAt ?? body.received_at, already: !!sent.acknowledgedAt };
}
