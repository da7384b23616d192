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
  { path: '/training/staff', label: 'training:nav.staff' },
  { path: '/training/sessions', label: 'training:nav.sessions' },
  { path: '/training/matrix', label: 'training:nav.matrix' },
  { path: '/training/auditors', label: 'training:nav.auditors' },
  { path: '/training/figures', label: 'training:nav.figures' },
  { path: '/training/courses', label: 'training:nav.courses' },
];
