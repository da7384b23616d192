import { desc, eq } from 'drizzle-orm';
import { officeKeys } from '../../../db/schema';
import { fingerprint, formatPublicKey, generateKeyPair, keyIdFromHex, keyIdHex } from '../../bundle/minisign';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';
import { officeUnit } from './office';
import { requireSealer } from './sealer';

export interface OfficeKeyInfo {
  keyId: string;
  fingerprint: string;
  publicKeyFile: string;
  createdAt: string;
  status: 'active' | 'pending' | 'retired';
  sealer: string;
}

const info = (row: typeof officeKeys.$inferSelect, comment: string): OfficeKeyInfo => ({
  keyId: row.keyId,
  fingerprint: row.fingerprint,
  publicKeyFile: formatPublicKey(keyIdFromHex(row.keyId), Buffer.from(row.publicKey, 'base64'), comment),
  createdAt: row.createdAt,
  status: row.status,
  sealer: row.sealer,
});

const pubComment = (ctx: ServiceContext, keyId: string): string => {
  const office = officeUnit(ctx);
  return `ISO Desk office key ${keyId} of ${office.code} ${office.id}`;
};

/** The office's key in use for signing, or null before one was made. */
export function activeOfficeKey(ctx: ServiceContext): OfficeKeyInfo | null {
  const row = ctx.db.select().from(officeKeys).where(eq(officeKeys.status, 'active')).get();
  return row ? info(row, pubComment(ctx, row.keyId)) : null;
}

export function listOfficeKeys(ctx: ServiceContext): OfficeKeyInfo[] {
  return ctx.db
    .select()
    .from(officeKeys)
    .orderBy(desc(officeKeys.createdAt))
    .all()
    .map((r) => info(r, pubComment(ctx, r.keyId)));
}

function createKey(ctx: ServiceContext, status: 'active' | 'pending'): OfficeKeyInfo {
  const sealer = requireSealer(ctx);
  const pair = generateKeyPair();
  const row = {
    keyId: keyIdHex(pair.keyId),
    publicKey: pair.publicKey.toString('base64'),
    fingerprint: fingerprint(pair.publicKey),
    sealedPrivateKey: sealer.seal(pair.privateKey).toString('base64'),
    sealer: sealer.kind,
    createdAt: ctx.now().toISOString(),
    status,
  };
  ctx.db.insert(officeKeys).values(row).run();
  pair.privateKey.fill(0);
  return info({ ...row, retiredAt: null }, pubComment(ctx, row.keyId));
}

/** Creates the office's signing key, sealed at rest; an office has one active key. */
export function generateOfficeKey(ctx: ServiceContext): OfficeKeyInfo {
  officeUnit(ctx);
  const existing = activeOfficeKey(ctx);
  if (existing) throw new AppError('KEY_EXISTS', { fingerprint: existing.fingerprint });
  return createKey(ctx, 'active');
}

/**
 * Starts a key rotation: the new key waits as "pending", is announced in the
 * next bundle (signed by the current key) and replaces it once that bundle is written.
 */
export function rotateOfficeKey(ctx: ServiceContext): OfficeKeyInfo {
  if (!activeOfficeKey(ctx)) throw new AppError('KEY_MISSING');
  const pending = ctx.db.select().from(officeKeys).where(eq(officeKeys.status, 'pending')).get();
  if (pending) return info(pending, pubComment(ctx, pending.keyId));
  return createKey(ctx, 'pending');
}

export function pendingOfficeKey(ctx: ServiceContext): OfficeKeyInfo | null {
  const row = ctx.db.select().from(officeKeys).where(eq(officeKeys.status, 'pending')).get();
  return row ? info(row, pubComment(ctx, row.keyId)) : null;
}

/** Opens the active private key with the context's sealer, for one signature. */
export function unlockOfficeKey(ctx: ServiceContext): { keyId: Buffer; publicKey: Buffer; privateKey: Buffer; keyIdHex: string } {
  const row = ctx.db.select().from(officeKeys).where(eq(officeKeys.status, 'active')).get();
  if (!row) throw new AppError('KEY_MISSING');
  const sealer = requireSealer(ctx);
  if (sealer.kind !== row.sealer) throw new AppError('KEY_SEALER_MISMATCH', { sealer: row.sealer, current: sealer.kind });
  const privateKey = sealer.open(Buffer.from(row.sealedPrivateKey, 'base64'));
  if (privateKey.length !== 32) throw new AppError('KEY_WRONG_PASSPHRASE');
  return { keyId: keyIdFromHex(row.keyId), publicKey: Buffer.from(row.publicKey, 'base64'), privateKey, keyIdHex: row.keyId };
}

/** Makes the pending key the active one (after the announcing bundle was written). */
export function completeRotation(ctx: ServiceContext): void {
  const pending = pendingOfficeKey(ctx);
  if (!pending) return;
  const at = ctx.now().toISOString();
  ctx.db.update(officeKeys).set({ status: 'retired', retiredAt: at }).where(eq(officeKeys.status, 'active')).run();
  ctx.db.update(officeKeys).set({ status: 'active' }).where(eq(officeKeys.keyId, pending.keyId)).run();
}

export const isOwnKey = (ctx: ServiceContext, keyId: string): boolean =>
  !!ctx.db.select().from(officeKeys).where(eq(officeKeys.keyId, keyId)).get();
