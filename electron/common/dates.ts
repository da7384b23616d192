/**
 * Dates travel as ISO `yyyy-mm-dd` strings (sortable, time-zone free) and are
 * shown and typed as dd/mm/yyyy, the Vietnamese office convention.
 */
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const VN = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;

export function isValidIsoDate(value: string): boolean {
  const m = ISO.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** `15/10/2012` → `2012-10-15`; null when it is not a real date. */
export function parseVnDate(value: string): string | null {
  const m = VN.exec(value.trim());
  if (!m) return null;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return isValidIsoDate(iso) ? iso : null;
}

/** `2012-10-15` → `15/10/2012`; empty for null. */
export function formatVnDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = ISO.exec(iso.slice(0, 10));
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** Local calendar date of an instant, as ISO. */
export function isoDateOf(instant: Date): string {
  const y = instant.getFullYear();
  const m = String(instant.getMonth() + 1).padStart(2, '0');
  const d = String(instant.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Whole days from a to b (b − a), both ISO dates. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** ISO date plus n months, clamped to the month's last day (31/01 + 1 → 28/02). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}
