import { asc, eq } from 'drizzle-orm';
import { trustedKeys } from '../../../db/schema';
import { fingerprint, formatPublicKey, keyIdHex, MinisignFormatError, parsePublicKey } from '../../bundle/minisign';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';
import { findUnitByCode, getUnit, unitIdForCode } from '../units/units';
import { isOwnKey } from './keys';

export type TrustedKey = typeof trustedKeys.$inferSelect & { unitName: string; publicKeyFile: string };

export interface PeerKey {
  keyId: string;
  fingerprint: string;
  publicKey: Buffer;
}

/** Reads a pasted or loaded minisign public key and shows what to confirm by phone. */
export function inspectPublicKey(text: string): PeerKey {
  try {
    const { keyId, publicKey } = parsePublicKey(text);
    return { keyId: keyIdHex(keyId), fingerprint: fingerprint(publicKey), publicKey };
  } catch (e) {
    if (e instanceof MinisignFormatError) throw new AppError('PUBLIC_KEY_INVALID', { details: e.reason }, 'publicKey');
    throw e;
  }
}

const normFp = (s: string) => s.toUpperCase().replace(/[^A-Z2-7]/g, '');

export interface TrustInput {
  publicKey: string;
  unitCode?: string;
  unitId?: string;
  /** The fingerprint the user read back with the sender; must match. */
  confirmFingerprint: string;
  note?: string;
}

/** Trusts a peer's key for one unit, after its fingerprint was confirmed with the sender. */
export function addTrustedKey(ctx: ServiceContext, input: TrustInput): TrustedKey {
  const peer = inspectPublicKey(input.publicKey);
  if (normFp(input.confirmFingerprint) !== normFp(peer.fingerprint)) {
    throw new AppError('FINGERPRINT_MISMATCH', { fingerprint: peer.fingerprint }, 'confirmFingerprint');
  }
  if (isOwnKey(ctx, peer.keyId)) throw new AppError('TRUST_OWN_KEY');
  // A unit not yet known here (headquarters before its first province bundle) is bound by its code's stable id.
  const unit = input.unitId
    ? getUnit(ctx, input.unitId)
    : input.unitCode
      ? (findUnitByCode(ctx, input.unitCode) ?? { id: unitIdForCode(input.unitCode), code: input.unitCode })
      : undefined;
  if (!unit) throw new AppError('NOT_FOUND', { entity: 'unit' }, 'unitId');
  const existing = ctx.db.select().from(trustedKeys).where(eq(trustedKeys.keyId, peer.keyId)).get();
  if (existing && !existing.revokedAt) {
    throw new AppError('TRUST_EXISTS', { keyId: peer.keyId, unit: `${existing.unitCode}` });
  }
  const row = {
    keyId: peer.keyId,
    publicKey: peer.publicKey.toString('base64'),
    fingerprint: peer.fingerprint,
    unitId: unit.id,
    unitCode: unit.code,
    addedAt: ctx.now().toISOString(),
    addedBy: ctx.actor(),
    source: 'manual',
    revokedAt: null,
    note: input.note ?? '',
  };
  ctx.db.insert(trustedKeys).values(row).onConflictDoUpdate({ target: trustedKeys.keyId, set: row }).run();
  return withUnit(ctx, ctx.db.select().from(trustedKeys).where(eq(trustedKeys.keyId, peer.keyId)).get()!);
}

/** Adds a key announced by a trusted peer in a signed bundle (key rotation). */
export function trustRotatedKey(ctx: ServiceContext, announced: string, unit: { id: string; code: string }, bundleId: string, oldKeyId: string): void {
  const peer = inspectPublicKey(announced);
  const at = ctx.now().toISOString();
  if (!ctx.db.select().from(trustedKeys).where(eq(trustedKeys.keyId, peer.keyId)).get()) {
    ctx.db
      .insert(trustedKeys)
      .values({
        keyId: peer.keyId,
        publicKey: peer.publicKey.toString('base64'),
        fingerprint: peer.fingerprint,
        unitId: unit.id,
        unitCode: unit.code,
        addedAt: at,
        addedBy: ctx.actor(),
        source: `rotation:${bundleId}`,
        note: `replaces ${oldKeyId}`,
      })
      .run();
  }
  ctx.db.update(trustedKeys).set({ revokedAt: at, note: `superseded by ${peer.keyId}` }).where(eq(trustedKeys.keyId, oldKeyId)).run();
}

/** Revokes a key: bundles it signs are refused from now on. */
export function revokeTrustedKey(ctx: ServiceContext, keyId: string): TrustedKey {
  const row = ctx.db.select().from(trustedKeys).where(eq(trustedKeys.keyId, keyId.toUpperCase())).get();
  if (!row) throw new AppError('TRUST_NOT_FOUND', { keyId });
  if (!row.revokedAt) ctx.db.update(trustedKeys).set({ revokedAt: ctx.now().toISOString() }).where(eq(trustedKeys.keyId, row.keyId)).run();
  return withUnit(ctx, ctx.db.select().from(trustedKeys).where(eq(trustedKeys.keyId, row.keyId)).get()!);
}

function withUnit(ctx: ServiceContext, row: typeof trustedKeys.$inferSelect): TrustedKey {
  let unitName = row.unitCode;
  try {
    unitName = getUnit(ctx, row.unitId).name;
  } catch {
    /* unit not known here: show its code */
  }
  const pub = Buffer.from(row.publicKey, 'base64');
  const raw = Buffer.from(row.keyId, 'hex').reverse();
  return { ...row, unitName, publicKeyFile: formatPublicKey(raw, pub, `trusted key ${row.keyId} of ${row.unitCode}`) };
}

export function listTrustedKeys(ctx: ServiceContext): TrustedKey[] {
  return ctx.db
    .select()
    .from(trustedKeys)
    .orderBy(asc(trustedKeys.unitCode), asc(trustedKeys.addedAt))
    .all()
    .map((r) => withUnit(ctx, r));
}

export function findTrustedKey(ctx: ServiceContext, keyId: string) {
  return ctx.db.select().from(trustedKeys).where(eq(trustedKeys.keyId, keyId)).get();
}
