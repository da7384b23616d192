/**
 * The targets of issue 8. Query and renderer targets are on the p95 of
 * repeated runs; throughput targets are ratios against a raw baseline
 * measured in the same run; memory is peak RSS.
 */
export type Target =
  | { kind: 'p95'; ms: number }
  | { kind: 'ratio'; max: number }
  | { kind: 'rss'; mb: number }
  | { kind: 'none' };

export const TARGETS = {
  query: { kind: 'p95', ms: 50 },
  search: { kind: 'p95', ms: 100 },
  exportRatio: { kind: 'ratio', max: 1.5 },
  importRatio: { kind: 'ratio', max: 3 },
  bundleRss: { kind: 'rss', mb: 300 },
  boardVisible: { kind: 'p95', ms: 1500 },
  firstRows: { kind: 'p95', ms: 300 },
  none: { kind: 'none' },
} as const satisfies Record<string, Target>;

export function describeTarget(t: Target): string {
  if (t.kind === 'p95') return `p95 < ${t.ms} ms`;
  if (t.kind === 'ratio') return `≤ ${t.max}× raw`;
  if (t.kind === 'rss') return `< ${t.mb} MB`;
  return '—';
}
