import { formatVnDate } from '../../common/dates';
import { documentDateLine, formatNumber, periodLabel } from '../../common/reports';
import type { ServiceContext } from '../context';
import { getUnit, type Unit } from '../units/units';
import { computeFigureValues, figureQuery, unitTable } from './figures';
import type { CellValue, Figure } from './figures/types';
import { getReport, type Report, sectionsOf } from './reports';
import { getTemplate } from './templates';

/** A printed figure line: number, label, value as the report writes it. */
export interface DocumentFigure {
  key: string;
  no: number;
  label: string;
  value: number | null;
  display: string;
}

/** Everything the official layout prints, already in words — HTML, DOCX and XLSX render exactly this. */
export interface ReportDocument {
  reportId: string;
  status: Report['status'];
  /** Line 1 of the issuer block: the superior agency, upper case. */
  agency: string;
  /** Line 2: the issuing office, upper case and bold. */
  issuer: string;
  documentNo: string;
  dateLine: string;
  title: string;
  addressee: string;
  scopeLine: string;
  periodLine: string;
  figures: DocumentFigure[];
  unitTable: { columns: { key: string; label: string; type?: string }[]; rows: Record<string, CellValue>[] };
  sections: { heading: string; paragraphs: string[] }[];
  recipients: string[];
  signerTitle: string;
  signer: string;
  /** File name stem: "bao-cao-HTQLCL-nam-2026". */
  fileStem: string;
}

/** Frozen at finalisation: the figures and unit table as printed. */
export interface ReportSnapshot {
  figures: DocumentFigure[];
  unitTable: ReportDocument['unitTable'];
  scopeLine: string;
}

const officialName = (name: string) => name.replace(/^BHXH\b/, 'Bảo hiểm xã hội').toLocaleUpperCase('vi');

export function displayFigure(f: Pick<Figure, 'kind' | 'value' | 'part'>): string {
  if (f.value === null) return '—';
  if (f.kind === 'percent') {
    const pct = `${formatNumber(f.value, 1)} %`;
    return f.part ? `${formatNumber(f.part.numerator)}/${formatNumber(f.part.denominator)} (${pct})` : pct;
  }
  return formatNumber(f.value);
}

function scopeLine(scopeUnit: Unit, mode: Report['scopeMode'], count: number): string {
  const what = mode === 'subtree' ? `${scopeUnit.name} và các đơn vị trực thuộc` : scopeUnit.name;
  return `Phạm vi báo cáo: ${what} (${formatNumber(count)} đơn vị).`;
}

/** Computes the figures and the unit table a draft would print now. */
export function computeSnapshot(ctx: ServiceContext, report: Report): ReportSnapshot {
  const template = getTemplate(ctx, report.templateId);
  const q = figureQuery(ctx, { scope: { mode: report.scopeMode, unitId: report.scopeUnitId }, period: { start: report.periodStart, end: report.periodEnd }, lang: 'vi' });
  // A report prints each figure's value, not the rows behind it.
  const figures = computeFigureValues(ctx, q, template.figures.map((f) => f.key));
  const table = unitTable(ctx, q, template.unitColumns);
  return {
    figures: figures.map((f, i) => ({
      key: f.key,
      no: i + 1,
      label: template.figures.find((t) => t.key === f.key)?.label || f.label.vi,
      value: f.value,
      display: displayFigure(f),
    })),
    unitTable: { columns: table.columns.map((c) => ({ key: c.key, label: c.label.vi, type: c.type })), rows: table.rows },
    scopeLine: scopeLine(getUnit(ctx, report.scopeUnitId), report.scopeMode, q.unitIds.length),
  };
}

const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean);

/** The report as printed: a final report from its frozen snapshot, a draft from today's data. */
export function reportDocument(ctx: ServiceContext, reportId: string): ReportDocument {
  const report = getReport(ctx, reportId);
  const snap: ReportSnapshot = report.status === 'final' && report.snapshot ? (JSON.parse(report.snapshot) as ReportSnapshot) : computeSnapshot(ctx, report);
  const owner = getUnit(ctx, report.unitId);
  const parent = owner.parentId ? getUnit(ctx, owner.parentId) : null;
  const s = sectionsOf(report);
  const p = { kind: report.periodKind, year: report.year, no: report.periodNo };
  const recipients = paragraphs(report.recipients).map((r) => r.replace(/^[-–•]\s*/, '').replace(/[;.,]$/, ''));
  return {
    reportId: report.id,
    status: report.status,
    agency: parent ? officialName(parent.name) : '',
    issuer: officialName(owner.name),
    documentNo: report.documentNo ? `Số: ${report.documentNo}` : 'Số:       /BC-BHXH',
    dateLine: documentDateLine(report.place, report.docDate),
    title: report.title,
    addressee: report.addressee,
    scopeLine: snap.scopeLine,
    periodLine: `Kỳ báo cáo: ${periodLabel(p)} (từ ngày ${formatVnDate(report.periodStart)} đến ngày ${formatVnDate(report.periodEnd)}).`,
    figures: snap.figures,
    unitTable: snap.unitTable,
    sections: [
      { heading: 'I. KẾT QUẢ XÂY DỰNG, ÁP DỤNG, DUY TRÌ VÀ CẢI TIẾN HTQLCL', paragraphs: paragraphs(s.results) },
      { heading: 'II. KHÓ KHĂN, VƯỚNG MẮC', paragraphs: paragraphs(s.difficulties) },
      { heading: 'III. KIẾN NGHỊ, ĐỀ XUẤT', paragraphs: paragraphs(s.recommendations) },
    ],
    recipients: [...recipients.map((r) => `- ${r};`), '- Lưu: VT.'],
    signerTitle: report.signerTitle.toLocaleUpperCase('vi'),
    signer: report.signer,
    fileStem: `bao-cao-HTQLCL-${p.kind === 'year' ? 'nam' : p.kind === 'half' ? `6-thang-${p.no}` : `quy-${p.no}`}-${p.year}`,
  };
}

/** A cell as the printed table writes it (dates dd/mm/yyyy, numbers with "."). */
export function cellText(value: CellValue, type?: string): string {
  if (value === null || value === '') return '';
  if (type === 'date' && typeof value === 'string') return formatVnDate(value);
  if (typeof value === 'number') return formatNumber(value);
  return value;
}
