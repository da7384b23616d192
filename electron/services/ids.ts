import { createHash, randomUUID } from 'node:crypto';

/** A fresh random UUID (v4) for rows that have no natural key. */
export const newId = (): string => randomUUID();

const NAMESPACE = Buffer.from('5f0c8d2e4b7a4c1e9a3d6b2f8e1c7a90', 'hex');

/**
 * A name-based UUID (v5) for rows with a natural key, such as a unit's code or
 * "unit X, step 2": every installation that creates the same thing gives it
 * the same id, so bundles from district and province agree on it.
 */
export function stableId(name: string): string {
  const h = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
