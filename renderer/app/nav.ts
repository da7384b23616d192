/**
 * The navigation, grouped by the work people do, in the order they use it.
 * A feature adds its entries here (label is an i18n key "namespace:key")
 * and its routes in routes.tsx.
 */
export type NavSection = 'overview' | 'rollout' | 'documents' | 'training' | 'improvement' | 'reporting' | 'system';

export interface NavEntry {
  path: string;
  label: string;
  section: NavSection;
}

export const navSections: NavSection[] = ['overview', 'rollout', 'documents', 'training', 'improvement', 'reporting', 'system'];

export const nav: NavEntry[] = [
  { path: '/', label: 'dashboard:nav.dashboard', section: 'overview' },
  { path: '/board', label: 'units:nav.board', section: 'rollout' },
  { path: '/units', label: 'units:nav.units', section: 'rollout' },
  { path: '/waves', label: 'units:nav.waves', section: 'rollout' },
  { path: '/procedures', label: 'procedures:nav.catalogue', section: 'documents' },
  { path: '/adoption', label: 'procedures:nav.matrix', section: 'documents' },
  { path: '/checklists', label: 'procedures:nav.checklists', section: 'documents' },
  { path: '/training/staff', label: 'training:nav.staff', section: 'training' },
  { path: '/training/sessions', label: 'training:nav.sessions', section: 'training' },
  { path: '/training/matrix', label: 'training:nav.matrix', section: 'training' },
  { path: '/training/auditors', label: 'training:nav.auditors', section: 'training' },
  { path: '/training/figures', label: 'training:nav.figures', section: 'training' },
  { path: '/training/courses', label: 'training:nav.courses', section: 'training' },
  { path: '/improvement', label: 'improvement:nav.health', section: 'improvement' },
  { path: '/audits', label: 'improvement:nav.audits', section: 'improvement' },
  { path: '/actions', label: 'improvement:nav.actions', section: 'improvement' },
  { path: '/calendar', label: 'improvement:nav.calendar', section: 'improvement' },
  { path: '/organisations', label: 'improvement:orgs.nav', section: 'improvement' },
  { path: '/reports', label: 'reports:nav.reports', section: 'reporting' },
  { path: '/scoring', label: 'reports:nav.scoring', section: 'reporting' },
  { path: '/exchange', label: 'exchange:nav.exchange', section: 'reporting' },
  { path: '/audit', label: 'safety:nav.audit', section: 'system' },
  { path: '/backups', label: 'safety:nav.backups', section: 'system' },
];
