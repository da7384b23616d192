import { and, desc, eq, isNotNull, max } from 'drizzle-orm';
import { bundlesReceived, bundlesSent } from '../../../db/schema';
import type { ServiceContext } from '../context';
import { cachedStatement } from '../statements';

/** What this office issued and received, for the exchange page and the chain rules. */

export const lastSent = (ctx: ServiceContext) => ctx.db.select().from(bundlesSent).orderBy(desc(bundlesSent.sequence)).limit(1).get();

export const lastAcknowledged = (ctx: ServiceContext) =>
  ctx.db.select().from(bundlesSent).where(isNotNull(bundlesSent.acknowledgedAt)).orderBy(desc(bundlesSent.sequence)).limit(1).get();

export function listSent(ctx: ServiceContext) {
  return ctx.db
    .select()
    .from(bundlesSent)
    .orderBy(desc(bundlesSent.sequence))
    .all()
    .map(({ receipt, ...r }) => ({ ...r, acknowledged: !!r.acknowledgedAt, hasReceipt: !!receipt }));
}

export function listReceived(ctx: ServiceContext) {
  const nameOf = ctx.sqlite.prepare('SELECT name FROM units WHERE id = ?');
  return ctx.db
    .select()
    .from(bundlesReceived)
    .orderBy(desc(bundlesReceived.id))
    .all()
    .map((r) => ({
      ...r,
      issuerName: (nameOf.get(r.issuerUnitId) as { name: string } | undefined)?.name ?? r.issuerCode,
      summary: JSON.parse(r.summary) as Record<string, unknown>,
    }));
}

/** The last bundle applied from an issuer (its sequence and hash), for the chain check. */
export function lastApplied(ctx: ServiceContext, issuerUnitId: string) {
  const row = ctx.db
    .select({ seq: max(bundlesReceived.sequence) })
    .from(bundlesReceived)
    .where(and(eq(bundlesReceived.issuerUnitId, issuerUnitId), eq(bundlesReceived.status, 'applied')))
    .get();
  if (!row?.seq) return null;
  return ctx.db
    .select()
    .from(bundlesReceived)
    .where(and(eq(bundlesReceived.issuerUnitId, issuerUnitId), eq(bundlesReceived.status, 'applied'), eq(bundlesReceived.sequence, row.seq)))
    .get()!;
}

/** Whether a bundle with this hash was applied here (before the checks, a hint: see claimedBundleSha256). */
export const appliedHere = (ctx: ServiceContext, bundleSha256: string): boolean =>
  cachedStatement(ctx.sqlite, "SELECT 1 FROM bundles_received WHERE bundle_sha256 = ? AND status = 'applied'").get(bundleSha256) !== undefined;

export const receivedWithSequence = (ctx: ServiceContext, issuerUnitId: string, sequence: number) =>
  ctx.db
    .select()
    .from(bundlesReceived)
    .where(and(eq(bundlesReceived.issuerUnitId, issuerUnitId), eq(bundlesReceived.sequence, sequence)))
    .all();
