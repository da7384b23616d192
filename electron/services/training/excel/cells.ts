import { isValidIsoDate, parseVnDate } from '../../../common/dates';
import { fold, nfc } from '../../../common/text';

/** Text of a cell whatever Excel stored: rich text, formula results, hyperlinks, numbers; NFC, single-spaced. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return nfc(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string };
    if (Array.isArray(v.richText)) return nfc(v.richText.map((r) => r.text).join(''));
    if ('result' in v) return cellText(v.result);
    if ('text' in v) return cellText(v.text);
  }
  return '';
}

/** Header text as compared: folded, without "(…)" notes, "*" or punctuation. */
export function headerKey(value: string): string {
  return fold(value.replace(/\([^)]*\)/g, ' '))
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A date cell as ISO: an Excel date (exceljs gives a UTC Date), a serial
 * number, or text typed as 15/10/2012, 15-10-2012, 15.10.2012 or 2012-10-15.
 * `ok: false` keeps the text as the user sees it for the problem list.
 */
export function cellDate(value: unknown): { ok: true; iso: string | null } | { ok: false; text: string } {
  if (value && typeof value === 'object' && !(value instanceof Date) && 'result' in (value as object)) {
    return cellDate((value as { result: unknown }).result);
  }
  if (value instanceof Date) {
    if (isNaN(value.getTime())) return { ok: false, text: String(value) };
    // Dates stored with a time of day just before midnight are rounded to the nearest day.
    const rounded = new Date(Math.round(value.getTime() / 86_400_000) * 86_400_000);
    return { ok: true, iso: rounded.toISOString().slice(0, 10) };
  }
  if (typeof value === 'number') {
    if (value < 1 || value > 2_958_465) return { ok: false, text: String(value) };
    return { ok: true, iso: new Date(EXCEL_EPOCH + Math.round(value) * 86_400_000).toISOString().slice(0, 10) };
  }
  const text = cellText(value);
  if (!text) return { ok: true, iso: null };
  const vn = parseVnDate(text.replace(/\s/g, ''));
  if (vn) return { ok: true, iso: vn };
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (iso) {
    const candidate = `${iso[1]}-${iso[2].padStart(2, '0')}-${iso[3].padStart(2, '0')}`;
    if (isValidIsoDate(candidate)) return { ok: true, iso: candidate };
  }
  return { ok: false, text };
}

/** The canonical key of a choice cell, or null when the text is not one of the accepted spellings. */
export function cellChoice<K extends string>(text: string, options: Record<K, readonly string[]>): K | null {
  const key = headerKey(text);
  for (const [k, spellings] of Object.entries(options) as [K, readonly string[]][]) {
    if (spellings.some((s) => headerKey(s) === key)) return k;
  }
  return null;
}

/** Column number (1-based) → Excel letters. */
export function columnLetter(n: number): string {
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
