/**
 * The navigation, in the order people use it. A feature adds its entry here
 * (label is an i18n key "namespace:key") and its route in routes.tsx.
 */
export interface NavEntry {
  path: string;
  label: string;
}

export const nav: NavEntry[] = [
  { path: '/', label: 'dashboard:nav.dashboard' },
  { path: '/board', label: 'units:nav.board' },
  { path: '/units', label: 'units:nav.units' },
  { path: '/waves', label: 'units:nav.waves' },
  { path: '/procedures', label: 'procedures:nav.catalogue' },
  { path: '/adoption', label: 'procedures:nav.matrix' },
  { path: '/checklists', label: 'procedures:nav.checklists' },
  { path: '/training/staff', label: 'training:nav.staff' },
  { path: '/training/sessions', label: 'training:nav.sessions' },
  { path: '/training/matrix', label: 'training:nav.matrix' },
  { path: '/training/auditors', label: 'training:nav.auditors' },
  { path: '/training/figures', label: 'training:nav.figures' },
  { path: '/training/courses', label: 'training:nav.courses' },
  { path: '/audit', label: 'safety:nav.audit' },
  { path: '/backups', label: 'safety:nav.backups' },
  // reports (issue 7)
  { path: '/reports', label: 'reports:nav.reports' },
  { path: '/scoring', label: 'reports:nav.scoring' },
  { path: '/exchange', label: 'exchange:nav.exchange' },
  { path: '/improvement', label: 'improvement:nav.health' },
  { path: '/audits', label: 'improvement:nav.audits' },
  { path: '/actions', label: 'improvement:nav.actions' },
  { path: '/calendar', label: 'improvement:nav.calendar' },
  { path: '/organisations', label: 'improvement:orgs.nav' },
];
