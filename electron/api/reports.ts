import { z } from 'zod';
import { periodOf } from '../common/reports';
import { today } from '../services/rules';
import { computeFigure, dashboardFigures, figureDefinitions, figureQuery, missingAreas, unitColumnDefinitions } from '../services/reports/figures';
import { officeId } from '../services/reports/figures/scope';
import { computeSnapshot, reportDocument } from '../services/reports/document';
import { exportReport, exportScores } from '../services/reports/export';
import { reportBodyHtml, REPORT_CSS } from '../services/reports/html';
import { createReport, deleteReport, finaliseReport, getReport, listReports, markReportSent, sectionsOf, updateReport } from '../services/reports/reports';
import { MANUAL, scoringMetrics } from '../services/reports/scoring/metrics';
import { computeScores, listCriteriaSets, lockCriteriaSet, saveCriteriaSet, setManualScore } from '../services/reports/scoring/scoring';
import { deleteTemplate, listTemplates, saveTemplate } from '../services/reports/templates';
import { job, mutation, query } from './define';
import { id, isoDate, requiredText, text } from './schemas';

const scope = z.object({ mode: z.enum(['office', 'unit', 'subtree']), unitId: id.optional() }).strict();
const period = z.object({ start: isoDate, end: isoDate }).strict();
const lang = z.enum(['vi', 'en']).optional();
const year = z.number().int().min(2000).max(2100);
const templateId = z.union([z.literal('builtin'), id]);

type ScopeInput = z.output<typeof scope>;
const resolveScope = (ctx: Parameters<typeof officeId>[0], s: ScopeInput) => ({ mode: s.mode, unitId: s.unitId ?? officeId(ctx) });
/** The dashboard's default period: the current year up to today. */
const yearToDate = (ctx: Parameters<typeof officeId>[0]) => {
  const y = Number(today(ctx).slice(0, 4));
  return periodOf('year', y);
};

/** Dashboard figures, periodic reports (PDF, DOCX, XLSX), templates and year-end scoring. */
export const reportsApi = {
  'dashboard.get': query(z.object({ scope, period: period.optional(), lang }).strict(), (ctx, input) => {
    const p = input.period ?? yearToDate(ctx);
    const q = figureQuery(ctx, { scope: resolveScope(ctx, input.scope), period: { start: p.start, end: p.end }, lang: input.lang });
    // Values and slices only (and the first rows of the few figures the page lists): the drawer asks figures.get for the rows.
    return { figures: dashboardFigures(ctx, q), missingAreas: missingAreas(), asOf: q.asOf, period: q.period, unitCount: q.unitIds.length };
  }),
  'figures.get': query(z.object({ key: requiredText(80), scope, period: period.optional(), lang }).strict(), (ctx, input) => {
    const p = input.period ?? yearToDate(ctx);
    const q = figureQuery(ctx, { scope: resolveScope(ctx, input.scope), period: { start: p.start, end: p.end }, lang: input.lang });
    return computeFigure(ctx, q, input.key);
  }),
  'figures.catalogue': query(z.object({}).strict(), () => ({ figures: figureDefinitions(), unitColumns: unitColumnDefinitions() })),

  'reports.list': query(z.object({ year: year.optional(), status: z.enum(['draft', 'final']).optional() }).strict(), (ctx, input) => listReports(ctx, input)),
  'reports.get': query(z.object({ id }).strict(), (ctx, input) => {
    const report = getReport(ctx, input.id);
    const now = today(ctx);
    return { report, sections: sectionsOf(report), document: reportDocument(ctx, input.id), own: report.unitId === officeId(ctx), asOf: report.periodEnd < now ? report.periodEnd : now };
  }),
  'reports.preview': query(z.object({ id }).strict(), (ctx, input) => ({ css: REPORT_CSS, body: reportBodyHtml(reportDocument(ctx, input.id)) })),
  'reports.create': mutation(
    z
      .object({
        periodKind: z.enum(['quarter', 'half', 'year']),
        year,
        periodNo: z.number().int().min(0).max(4).optional(),
        scopeMode: z.enum(['office', 'unit', 'subtree']),
        scopeUnitId: id.nullable().optional(),
        templateId: templateId.nullable().optional(),
      })
      .strict(),
    (ctx, input) => createReport(ctx, input),
  ),
  'reports.update': mutation(
    z
      .object({
        id,
        title: requiredText(300).optional(),
        documentNo: text(50).optional(),
        place: text(100).optional(),
        docDate: isoDate.nullable().optional(),
        addressee: text(300).optional(),
        signerTitle: text(100).optional(),
        signer: text(200).optional(),
        // Multi-line fields keep their line breaks (text() would fold them).
        recipients: z.string().max(2000).optional(),
        sections: z
          .object({ results: z.string().max(50_000).optional(), difficulties: z.string().max(50_000).optional(), recommendations: z.string().max(50_000).optional() })
          .strict()
          .optional(),
        templateId: templateId.nullable().optional(),
      })
      .strict(),
    (ctx, { id, ...patch }) => updateReport(ctx, id, patch),
  ),
  'reports.finalise': mutation(z.object({ id }).strict(), (ctx, input) => finaliseReport(ctx, input.id, computeSnapshot(ctx, getReport(ctx, input.id)))),
  'reports.delete': mutation(z.object({ id }).strict(), (ctx, input) => deleteReport(ctx, input.id)),
  'reports.markSent': mutation(z.object({ id, bundleId: requiredText(100) }).strict(), (ctx, input) => markReportSent(ctx, input.id, input.bundleId)),
  'reports.export': job(z.object({ id, format: z.enum(['pdf', 'docx', 'xlsx']) }).strict(), (ctx, input) => exportReport(ctx, input.id, input.format)),

  'reports.templates': query(z.object({}).strict(), (ctx) => listTemplates(ctx)),
  'reports.saveTemplate': mutation(
    z
      .object({
        id: templateId.optional(),
        name: requiredText(300),
        figures: z.array(z.object({ key: requiredText(80), label: text(300).optional() }).strict()).max(100),
        unitColumns: z.array(requiredText(80)).max(30),
        note: text(2000).optional(),
      })
      .strict(),
    (ctx, input) => saveTemplate(ctx, input),
  ),
  'reports.deleteTemplate': mutation(z.object({ id }).strict(), (ctx, input) => deleteTemplate(ctx, input.id)),

  'scoring.metrics': query(z.object({}).strict(), () => [{ key: MANUAL, area: 'manual', label: { vi: 'Chấm tay, kèm minh chứng', en: 'Scored by hand, with evidence' } }, ...scoringMetrics.map(({ key, area, label }) => ({ key, area, label }))]),
  'scoring.sets': query(z.object({}).strict(), (ctx) => listCriteriaSets(ctx)),
  'scoring.get': query(z.object({ year }).strict(), (ctx, input) => computeScores(ctx, input.year)),
  'scoring.saveSet': mutation(
    z
      .object({
        year,
        name: requiredText(300),
        criteria: z
          .array(z.object({ key: requiredText(50), label: requiredText(300), weight: z.number(), metric: requiredText(50), note: text(1000).optional() }).strict())
          .max(50),
      })
      .strict(),
    (ctx, input) => saveCriteriaSet(ctx, input.year, input.name, input.criteria),
  ),
  'scoring.setManual': mutation(
    z.object({ criterionId: id, subjectId: id, value: z.number().nullable(), evidence: text(2000) }).strict(),
    (ctx, input) => setManualScore(ctx, input),
  ),
  'scoring.lock': mutation(z.object({ year }).strict(), (ctx, input) => lockCriteriaSet(ctx, input.year)),
  'scoring.export': job(z.object({ year }).strict(), (ctx, input) => exportScores(ctx, input.year)),
};
