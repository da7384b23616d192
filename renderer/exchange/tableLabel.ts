import type { TFunction } from 'i18next';
import { catalogues } from '../i18n/catalogues';

/** A synchronised table's name for people: every area labels its own tables under `tables` in its catalogue. */
export function tableLabel(t: TFunction, name: string): string {
  const ns = ['exchange', ...Object.keys(catalogues).filter((n) => n !== 'exchange')];
  return (t as unknown as (key: string, options: object) => string)(`tables.${name}`, { ns, defaultValue: name });
}
