/**
 * Pure rules of periodic reports shared by the services and the screens:
 * which dates a period covers, and how an official document writes its date
 * line (Decree 30/2020: "Hải Phòng, ngày 05 tháng 3 năm 2020").
 */
export type PeriodKind = 'quarter' | 'half' | 'year';

export interface Period {
  kind: PeriodKind;
  year: number;
  /** 1–4 for a quarter, 1–2 for a half-year, 0 for a year. */
  no: number;
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The first and last day of a quarter, half-year or year. */
export function periodOf(kind: PeriodKind, year: number, no = 0): Period {
  const months = kind === 'quarter' ? 3 : kind === 'half' ? 6 : 12;
  const index = kind === 'year' ? 0 : no - 1;
  const max = kind === 'quarter' ? 4 : kind === 'half' ? 2 : 0;
  if (kind !== 'year' && (!Number.isInteger(no) || no < 1 || no > max)) throw new RangeError(`period ${kind} ${no}`);
  const m1 = index * months + 1;
  const m2 = m1 + months - 1;
  return { kind, year, no: kind === 'year' ? 0 : no, start: `${year}-${pad(m1)}-01`, end: `${year}-${pad(m2)}-${pad(lastDay(year, m2))}` };
}

const ROMAN = ['I', 'II', 'III', 'IV'];

/** "năm 2026", "quý II năm 2026", "6 tháng đầu năm 2026" — as the report title says it. */
export function periodLabel(p: Pick<Period, 'kind' | 'year' | 'no'>, lang: 'vi' | 'en' = 'vi'): string {
  if (lang === 'en') {
    if (p.kind === 'year') return `year ${p.year}`;
    if (p.kind === 'half') return `${p.no === 1 ? 'first' : 'second'} half of ${p.year}`;
    return `Q${p.no} ${p.year}`;
  }
  if (p.kind === 'year') return `năm ${p.year}`;
  if (p.kind === 'half') return p.no === 1 ? `6 tháng đầu năm ${p.year}` : `6 tháng cuối năm ${p.year}`;
  return `quý ${ROMAN[p.no - 1]} năm ${p.year}`;
}

/**
 * The date line of an official document. Decree 30/2020 writes days below 10
 * and the months January and February with a leading zero.
 */
export function documentDateLine(place: string, iso: string | null | undefined): string {
  const where = place.trim() || '…';
  if (!iso) return `${where}, ngày … tháng … năm …`;
  const [y, m, d] = iso.split('-').map(Number);
  const month = m < 3 ? pad(m) : String(m);
  return `${where}, ngày ${pad(d)} tháng ${month} năm ${y}`;
}

/** "BHXH tỉnh Hải Phòng" / "BHXH Hải Phòng" / "BHXH huyện An Lão" → the place name of the date line. */
export function placeFromUnitName(name: string): string {
  return name
    .replace(/^(Bảo hiểm xã hội|BHXH)\s+/i, '')
    .replace(/^(tỉnh|thành phố|TP\.?|huyện|quận|thị xã|thành phố|khu vực|cơ sở)\s+/i, '')
    .trim();
}

/** Vietnamese number formatting: "." for thousands, "," for decimals. */
export function formatNumber(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const fixed = value.toFixed(decimals);
  const [int, frac] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return frac ? `${grouped},${frac}` : grouped;
}
