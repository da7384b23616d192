import { AppError } from '../../common/errors';
import { fold } from '../../common/text';

/** Helpers shared by the improvement services. */

/** A list of codes as stored (JSON array), trimmed, without blanks or duplicates. */
export function codeList(values: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const v of values ?? []) {
    const t = v.trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

export const toJson = (values: readonly string[] | undefined): string => JSON.stringify(codeList(values));

export function fromJson(value: string | null | undefined): string[] {
  try {
    const parsed = JSON.parse(value ?? '[]');
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

/** Same text for people: case and diacritics ignored ("Phòng Thu" = "phong thu"). */
export const sameText = (a: string, b: string): boolean => fold(a.trim()) === fold(b.trim());

/** Year of an ISO date. */
export const yearOf = (iso: string): number => Number(iso.slice(0, 4));

export function requireNonEmpty(list: string[], code: 'SCOPE_EMPTY' | 'AUDIT_SCOPE_EMPTY', field: string): void {
  if (list.length === 0) throw new AppError(code, {}, field);
}

/** Latest of the given ISO dates (nulls ignored). */
export function latest(...dates: (string | null | undefined)[]): string | null {
  return dates.filter((d): d is string => !!d).sort().at(-1) ?? null;
}
