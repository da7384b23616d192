/**
 * The navigation, in the order people use it. A feature adds its entry here
 * (label is an i18n key "namespace:key") and its route in routes.tsx.
 */
export interface NavEntry {
  path: string;
  label: string;
}

export const nav: NavEntry[] = [
  { path: '/', label: 'units:nav.board' },
  { path: '/units', label: 'units:nav.units' },
  { path: '/waves', label: 'units:nav.waves' },
  { path: '/procedures', label: 'procedures:nav.catalogue' },
  { path: '/adoption', label: 'procedures:nav.matrix' },
  { path: '/checklists', label: 'procedures:nav.checklists' },
];
