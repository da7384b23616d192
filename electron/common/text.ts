/**
 * Text rules shared by every layer: input is NFC-normalised and trimmed on the
 * way in (Unikey "tổ hợp" and macOS produce NFD), and search compares folded
 * text so that "dang ky" finds "Đăng ký".
 */
export function nfc(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Lower-case, strip diacritics, đ→d: the key every search compares. */
export function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when every word of the query occurs in the folded haystack. */
export function matchesQuery(haystack: string, query: string): boolean {
  const words = fold(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const h = fold(haystack);
  return words.every((w) => h.includes(w));
}

/** NFC-normalise every string inside a JSON-like value (deeply). */
export function normaliseStrings<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map((v) => normaliseStrings(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = normaliseStrings(v);
    return out as T;
  }
  return value;
}
