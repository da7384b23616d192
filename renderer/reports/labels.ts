import type { TFunction } from 'i18next';

/** "Năm 2025", "6 tháng đầu năm 2025", "Quý II/2025". */
export function periodText(t: TFunction, r: { periodKind: 'year' | 'half' | 'quarter'; year: number; periodNo: number }): string {
  if (r.periodKind === 'year') return `${t('reports:kind.year')} ${r.year}`;
  if (r.periodKind === 'half') return `${t(`reports:halves.${r.periodNo}`)} ${r.year}`;
  return `${t(`reports:quarters.${r.periodNo}`)}/${r.year}`;
}
