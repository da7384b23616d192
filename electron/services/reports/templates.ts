import { and, eq } from 'drizzle-orm';
import { reports, reportTemplates } from '../../../db/schema';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';
import { deleteRow, getLiveRow, insertRow, updateRow } from '../records';
import { requireText } from '../rules';
import { figureDefinitions, unitColumnDefinitions } from './figures';
import { officeId } from './figures/scope';

export interface TemplateFigure {
  key: string;
  /** Overrides the figure's own label in the printed report. */
  label?: string;
}

export interface Template {
  id: string;
  name: string;
  figures: TemplateFigure[];
  unitColumns: string[];
  note: string;
  builtin: boolean;
}

export const BUILTIN_TEMPLATE_ID = 'builtin';

/**
 * The built-in template: the annual report's figures seen across the rules
 * (units in scope, declared, behind plan, …). Headquarters' current columns
 * are unverified, which is why templates are editable copies of this one.
 */
export const builtinTemplate: Template = {
  id: BUILTIN_TEMPLATE_ID,
  name: 'Mẫu mặc định – Báo cáo tình hình xây dựng, áp dụng, duy trì và cải tiến HTQLCL',
  figures: [
    { key: 'units.inScope' },
    { key: 'units.withTeam' },
    { key: 'steps.declared' },
    { key: 'steps.declaredShare' },
    { key: 'steps.declaredInPeriod' },
    { key: 'steps.completedInPeriod' },
    { key: 'steps.behindPlan' },
    { key: 'steps.dueSoon' },
    // Figures of other areas print once their provider is registered (unknown keys are skipped).
    { key: 'training.coverage' },
    { key: 'training.trainedInPeriod' },
    { key: 'actions.open' },
    { key: 'actions.overdue' },
  ],
  unitColumns: ['code', 'name', 'currentStep', 'declaredOn', 'behind'],
  note: '',
  builtin: true,
};

/** The built-in template as it stands: only figures whose area is installed. */
function builtin(): Template {
  const known = new Set(figureDefinitions().map((d) => d.key));
  return { ...builtinTemplate, figures: builtinTemplate.figures.filter((f) => known.has(f.key)) };
}

type Row = typeof reportTemplates.$inferSelect;

function toTemplate(row: Row): Template {
  return {
    id: row.id,
    name: row.name,
    figures: JSON.parse(row.figures) as TemplateFigure[],
    unitColumns: JSON.parse(row.unitColumns) as string[],
    note: row.note,
    builtin: false,
  };
}

export function listTemplates(ctx: ServiceContext): Template[] {
  const rows = ctx.db.select().from(reportTemplates).where(eq(reportTemplates.deleted, false)).all();
  return [builtin(), ...rows.map(toTemplate).sort((a, b) => a.name.localeCompare(b.name, 'vi'))];
}

export function getTemplate(ctx: ServiceContext, id: string | null | undefined): Template {
  if (!id || id === BUILTIN_TEMPLATE_ID) return builtin();
  return toTemplate(getLiveRow(ctx, reportTemplates, id, 'template'));
}

export interface TemplateInput {
  id?: string;
  name: string;
  figures: TemplateFigure[];
  unitColumns: string[];
  note?: string;
}

/** Saves a template; every figure and column must exist in the registry, and at least one figure is needed. */
export function saveTemplate(ctx: ServiceContext, input: TemplateInput): Template {
  const name = requireText(input.name, 'name');
  if (input.figures.length === 0) throw new AppError('REPORT_TEMPLATE_EMPTY', {}, 'figures');
  const known = new Set(figureDefinitions().map((d) => d.key));
  for (const f of input.figures) if (!known.has(f.key)) throw new AppError('REPORT_FIGURE_UNKNOWN', { key: f.key }, 'figures');
  const columns = new Set(unitColumnDefinitions().map((c) => c.key));
  for (const c of input.unitColumns) if (!columns.has(c)) throw new AppError('REPORT_COLUMN_UNKNOWN', { key: c }, 'unitColumns');
  const values = {
    name,
    figures: JSON.stringify(input.figures.map((f) => (f.label?.trim() ? { key: f.key, label: f.label.trim() } : { key: f.key }))),
    unitColumns: JSON.stringify(input.unitColumns),
    note: input.note ?? '',
  };
  if (input.id && input.id !== BUILTIN_TEMPLATE_ID) {
    getLiveRow(ctx, reportTemplates, input.id, 'template');
    return toTemplate(updateRow(ctx, reportTemplates, input.id, values));
  }
  return toTemplate(insertRow(ctx, reportTemplates, { unitId: officeId(ctx), ...values }));
}

/** Deletes a template no report uses (reports keep pointing at their template). */
export function deleteTemplate(ctx: ServiceContext, id: string): void {
  const row = getLiveRow(ctx, reportTemplates, id, 'template');
  const used = ctx.db.select({ id: reports.id }).from(reports).where(and(eq(reports.templateId, id), eq(reports.deleted, false))).all();
  if (used.length) throw new AppError('REPORT_TEMPLATE_IN_USE', { name: row.name, count: used.length });
  deleteRow(ctx, reportTemplates, id);
}
