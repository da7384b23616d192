import { AppError } from '../../../common/errors';
import type { Message } from '../../../common/errors/types';
import type { ServiceContext } from '../../context';
import { today } from '../../rules';
import { msg } from './labels';
import { rememberUnits, unitsInScope } from './scope';
import { stepsFigures } from './steps';
import type { CellValue, Figure, FigureDefinition, FigureProvider, FigureQuery, FigureRow, FigureValue, LazyFigure, Scope, UnitColumnDefinition } from './types';
import { trainingFigures } from './training';
import { exchangeFigures } from './exchange';
import { improvementFigures } from './improvement';
import { proceduresFigures } from './procedures';
import { unitsFigures } from './units';
import { wavesFigures } from './waves';

export type * from './types';

/**
 * THE FIGURE REGISTRY — one provider per area.
 *
 * Merge hooks (the lead wires these when the areas land; nothing else changes):
 *   - procedures (issue 3): `proceduresFigures` in ./procedures.ts — e.g.
 *     "procedures.inScope" (administrative procedures in scope),
 *     "procedures.legalUpdates" / "procedures.legalUpdatesInTime" (3-month rule).
 *   - training (issue 4): wired — ./training.ts ("training.coverage",
 *     "training.peopleMissing", "training.trainedInPeriod").
 *   - improvement (issue 5): `improvementFigures` in ./improvement.ts —
 *     "actions.open", "actions.overdue", "audits.held", "reviews.held",
 *     "nonconformities.opened" / ".closed", "inspections.done".
 *   - exchange (issue 6): `exchangeFigures` in ./exchange.ts —
 *     "bundles.lastSent", "bundles.lastReceived".
 * Write the provider against ./types.ts (the value of every figure, and a
 * function building the rows behind it, with `unitId` on rows that are about
 * a unit), then add it to `figureProviders`
 * below. The dashboard shows a placeholder for every area in `expectedAreas`
 * that has no provider yet, and the report template picker lists its
 * definitions as soon as it is registered.
 */
export const figureProviders: FigureProvider[] = [unitsFigures, stepsFigures, wavesFigures, trainingFigures, proceduresFigures, improvementFigures, exchangeFigures];

/** Areas the dashboard expects; those without a provider show as "not installed yet". */
export const expectedAreas: { area: string; label: Message }[] = [
  { area: 'procedures', label: msg('Quy trình, thủ tục hành chính', 'Procedures') },
  { area: 'training', label: msg('Đào tạo (tỷ lệ cán bộ đã được đào tạo)', 'Training coverage') },
  { area: 'improvement', label: msg('Đánh giá nội bộ, hành động khắc phục (đang mở, quá hạn)', 'Audits and corrective actions (open, overdue)') },
  { area: 'exchange', label: msg('Gói dữ liệu gửi / nhận gần nhất', 'Last bundle sent and received') },
];

/** Adds (or replaces, by area) a provider at run time — for areas wired outside this folder. */
export function registerFigureProvider(provider: FigureProvider): void {
  const i = figureProviders.findIndex((p) => p.area === provider.area);
  if (i >= 0) figureProviders[i] = provider;
  else figureProviders.push(provider);
}

export function missingAreas(): { area: string; label: Message }[] {
  return expectedAreas.filter((a) => !figureProviders.some((p) => p.area === a.area));
}

export function figureDefinitions(): (FigureDefinition & { area: string })[] {
  return figureProviders.flatMap((p) => p.definitions.map((d) => ({ ...d, area: p.area })));
}

export function unitColumnDefinitions(): (UnitColumnDefinition & { area: string })[] {
  return figureProviders.flatMap((p) => (p.unitColumns ?? []).map((c) => ({ ...c, area: p.area })));
}

export interface FigureRequest {
  scope: Scope;
  period: { start: string; end: string };
  lang?: 'vi' | 'en';
}

/** Resolves a scope and period into the query every provider receives. */
export function figureQuery(ctx: ServiceContext, req: FigureRequest): FigureQuery {
  if (req.period.end < req.period.start) throw new AppError('DATE_ORDER', { earlier: 'periodStart', later: 'periodEnd' }, 'periodEnd');
  const now = today(ctx);
  const units = unitsInScope(ctx, req.scope);
  const q: FigureQuery = {
    unitIds: units.map((u) => u.id),
    period: req.period,
    asOf: req.period.end < now ? req.period.end : now,
    today: now,
    lang: req.lang ?? 'vi',
  };
  rememberUnits(q, units);
  return q;
}

/** The providers that compute the given keys (all of them without keys): a drill-down runs one provider, not seven. */
function providersOf(keys?: string[]): FigureProvider[] {
  return keys ? figureProviders.filter((p) => p.definitions.some((d) => keys.includes(d.key))) : figureProviders;
}

/** The figures (optionally only the given keys, in that order), rows still unbuilt. */
function lazyFigures(ctx: ServiceContext, q: FigureQuery, keys?: string[]): LazyFigure[] {
  const all = providersOf(keys).flatMap((p) => p.compute(ctx, q));
  if (!keys) return all;
  return keys.map((k) => all.find((f) => f.key === k)).filter((f): f is LazyFigure => !!f);
}

const valueOf = ({ columns: _columns, rows: _rows, ...value }: LazyFigure): FigureValue => value;

/** Values of every figure (optionally only the given keys, in that order), without the rows behind them. */
export function computeFigureValues(ctx: ServiceContext, q: FigureQuery, keys?: string[]): FigureValue[] {
  return lazyFigures(ctx, q, keys).map(valueOf);
}

/** Every figure with the rows behind it (optionally only the given keys, in that order). */
export function computeFigures(ctx: ServiceContext, q: FigureQuery, keys?: string[]): Figure[] {
  return lazyFigures(ctx, q, keys).map((f) => ({ ...valueOf(f), columns: f.columns, rows: f.rows() }));
}

/** One figure with the rows behind it (drill-down); NOT_FOUND for an unknown key. */
export function computeFigure(ctx: ServiceContext, q: FigureQuery, key: string): Figure {
  const f = computeFigures(ctx, q, [key])[0];
  if (!f) throw new AppError('REPORT_FIGURE_UNKNOWN', { key }, 'key');
  return f;
}

/** Figures whose first rows the dashboard lists beside the number, and how many (the steps falling due). */
const DASHBOARD_PREVIEWS: Record<string, number> = { 'steps.dueSoon': 6 };

export type DashboardFigure = FigureValue & { preview?: FigureRow[] };

/** What the dashboard shows: every figure's value and slices, and the first rows of the few it lists. */
export function dashboardFigures(ctx: ServiceContext, q: FigureQuery): DashboardFigure[] {
  return lazyFigures(ctx, q).map((f) => {
    const n = DASHBOARD_PREVIEWS[f.key];
    return n ? { ...valueOf(f), preview: f.rows().slice(0, n) } : valueOf(f);
  });
}

/** The per-unit table of a report: one row per unit in scope, with the chosen columns. */
export function unitTable(ctx: ServiceContext, q: FigureQuery, columns: string[]): { columns: (UnitColumnDefinition & { area: string })[]; rows: Record<string, CellValue>[] } {
  const defs = unitColumnDefinitions();
  const chosen = columns.map((k) => defs.find((d) => d.key === k)).filter((d): d is UnitColumnDefinition & { area: string } => !!d);
  const merged = new Map<string, FigureRow>();
  for (const p of figureProviders) {
    if (!p.unitValues || (p.area !== 'units' && !chosen.some((c) => c.area === p.area))) continue;
    for (const [unitId, values] of p.unitValues(ctx, q)) merged.set(unitId, { ...(merged.get(unitId) ?? { unitId }), ...values });
  }
  const rows = [...merged.values()].sort((a, b) => String(a.code ?? '').localeCompare(String(b.code ?? '')));
  return { columns: chosen, rows: rows.map((r) => Object.fromEntries([['unitId', r.unitId], ...chosen.map((c) => [c.key, r[c.key] ?? null])])) };
}
