import { and, desc, eq } from 'drizzle-orm';
import { reports, units } from '../../../db/schema';
import { AppError } from '../../common/errors';
import { periodLabel, periodOf, placeFromUnitName, type PeriodKind } from '../../common/reports';
import type { ServiceContext } from '../context';
import { deleteRow, getLiveRow, insertRow, updateRow } from '../records';
import { requireDecisionNo, requireText, today } from '../rules';
import { getUnit } from '../units/units';
import { teamOf } from '../units/teams';
import { officeId } from './figures/scope';
import { BUILTIN_TEMPLATE_ID, getTemplate } from './templates';

export type Report = typeof reports.$inferSelect;

export interface Sections {
  results: string;
  difficulties: string;
  recommendations: string;
}

export const emptySections: Sections = { results: '', difficulties: '', recommendations: '' };

export function sectionsOf(report: Report): Sections {
  return { ...emptySections, ...(JSON.parse(report.sections || '{}') as Partial<Sections>) };
}

export const REPORT_TITLE = 'Tình hình xây dựng, áp dụng, duy trì và cải tiến HTQLCL';

export interface NewReport {
  periodKind: PeriodKind;
  year: number;
  periodNo?: number;
  scopeMode: 'office' | 'unit' | 'subtree';
  scopeUnitId?: string | null;
  templateId?: string | null;
}

function period(kind: PeriodKind, year: number, no: number) {
  try {
    return periodOf(kind, year, no);
  } catch {
    throw new AppError('REPORT_PERIOD_INVALID', {}, 'periodNo');
  }
}

/**
 * Starts a draft report for a period and scope, pre-filled with what the
 * office already knows: place from its name, today's date, the head of its
 * ISO team as signer, and headquarters or the province as addressee.
 */
export function createReport(ctx: ServiceContext, input: NewReport): Report {
  const office = getUnit(ctx, officeId(ctx));
  const p = period(input.periodKind, input.year, input.periodNo ?? 0);
  const scopeUnitId = input.scopeMode === 'office' ? office.id : (input.scopeUnitId ?? office.id);
  getUnit(ctx, scopeUnitId);
  const template = getTemplate(ctx, input.templateId);
  const parent = office.parentId ? getUnit(ctx, office.parentId) : null;
  const head = teamOf(ctx, office.id).members.find((m) => m.role === 'head');
  return insertRow(ctx, reports, {
    unitId: office.id,
    templateId: template.id === BUILTIN_TEMPLATE_ID ? null : template.id,
    periodKind: p.kind,
    year: p.year,
    periodNo: p.no,
    periodStart: p.start,
    periodEnd: p.end,
    scopeMode: input.scopeMode,
    scopeUnitId,
    title: `${REPORT_TITLE} ${periodLabel(p)}`,
    place: placeFromUnitName(office.name),
    docDate: today(ctx),
    addressee: parent ? parent.name.replace(/^BHXH\b/, 'Bảo hiểm xã hội') : '',
    signerTitle: 'GIÁM ĐỐC',
    signer: head?.fullName ?? '',
    recipients: parent ? `${parent.name}${parent.type === 'hq' ? ' (Văn phòng)' : ''};\nBan Chỉ đạo ISO` : 'Ban Chỉ đạo ISO',
    sections: JSON.stringify(emptySections),
  });
}

export interface ReportPatch {
  title?: string;
  documentNo?: string;
  place?: string;
  docDate?: string | null;
  addressee?: string;
  signerTitle?: string;
  signer?: string;
  recipients?: string;
  sections?: Partial<Sections>;
  templateId?: string | null;
}

/** A report is changed only by the office that issued it, and only while it is a draft. */
function requireDraft(report: Report, ctx?: ServiceContext): void {
  if (ctx && report.unitId !== officeId(ctx)) throw new AppError('REPORT_NOT_OWN', { owner: getUnit(ctx, report.unitId).name });
  if (report.status === 'final') throw new AppError('REPORT_FINAL_LOCKED', { documentNo: report.documentNo });
}

/** Edits a draft; a final report is what was signed and cannot change. */
export function updateReport(ctx: ServiceContext, id: string, patch: ReportPatch): Report {
  const report = getLiveRow(ctx, reports, id, 'report');
  requireDraft(report, ctx);
  const templateId = patch.templateId === undefined ? undefined : getTemplate(ctx, patch.templateId).builtin ? null : patch.templateId;
  return updateRow(ctx, reports, id, {
    title: patch.title === undefined ? undefined : requireText(patch.title, 'reportTitle'),
    documentNo: patch.documentNo,
    place: patch.place,
    docDate: patch.docDate,
    addressee: patch.addressee,
    signerTitle: patch.signerTitle,
    signer: patch.signer,
    recipients: patch.recipients,
    sections: patch.sections ? JSON.stringify({ ...sectionsOf(report), ...patch.sections }) : undefined,
    templateId,
  });
}

/**
 * Finalises a report: it needs its official number (e.g. 12/BC-BHXH), date,
 * place and signer; the figures are frozen as printed so the report reads
 * the same forever, whatever the data does later.
 */
export function finaliseReport(ctx: ServiceContext, id: string, snapshot: unknown): Report {
  const report = getLiveRow(ctx, reports, id, 'report');
  requireDraft(report, ctx);
  requireDecisionNo(report.documentNo, 'documentNo');
  requireText(report.docDate, 'docDate');
  requireText(report.place, 'place');
  requireText(report.signer, 'signer');
  requireText(report.signerTitle, 'signerTitle');
  return updateRow(ctx, reports, id, { status: 'final', finalisedAt: ctx.now().toISOString(), snapshot: JSON.stringify(snapshot) });
}

/** Deletes a draft (tombstone). Final reports stay. */
export function deleteReport(ctx: ServiceContext, id: string): void {
  requireDraft(getLiveRow(ctx, reports, id, 'report'), ctx);
  deleteRow(ctx, reports, id);
}

/**
 * HOOK for the exchange area (issue 6): records which bundle a final report
 * went out in. Call it from the bundle export for every report it carries.
 */
export function markReportSent(ctx: ServiceContext, id: string, bundleId: string, sentAt = ctx.now().toISOString()): Report {
  const report = getLiveRow(ctx, reports, id, 'report');
  if (report.status !== 'final') throw new AppError('REPORT_NOT_FINAL');
  return updateRow(ctx, reports, id, { bundleId, sentAt });
}

export function getReport(ctx: ServiceContext, id: string): Report {
  return getLiveRow(ctx, reports, id, 'report');
}

export interface ReportListItem extends Report {
  ownerName: string;
  scopeName: string;
}

/** Reports history: newest period first; includes reports received from other units by bundle. */
export function listReports(ctx: ServiceContext, filter: { year?: number; status?: 'draft' | 'final' } = {}): ReportListItem[] {
  const conditions = [eq(reports.deleted, false)];
  if (filter.year) conditions.push(eq(reports.year, filter.year));
  if (filter.status) conditions.push(eq(reports.status, filter.status));
  const rows = ctx.db.select().from(reports).where(and(...conditions)).orderBy(desc(reports.periodEnd), desc(reports.createdAt)).all();
  const names = new Map(ctx.db.select({ id: units.id, name: units.name }).from(units).all().map((u) => [u.id, u.name]));
  return rows.map((r) => ({ ...r, ownerName: names.get(r.unitId) ?? '', scopeName: names.get(r.scopeUnitId) ?? '' }));
}
