import ExcelJS from 'exceljs';
import type { ServiceContext } from '../context';
import { reportDocument } from './document';
import { reportDocx } from './docx';
import { reportHtml } from './html';
import { printPdf } from './pdf';
import { computeScores } from './scoring/scoring';
import { reportXlsx } from './xlsx';

export type ReportFormat = 'pdf' | 'docx' | 'xlsx';

export interface ExportedFile {
  fileName: string;
  mime: string;
  /** The file's bytes, base64 (values cross IPC and HTTP as JSON). */
  base64: string;
  size: number;
}

const MIME: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const file = (fileName: string, mime: string, bytes: Uint8Array): ExportedFile => ({ fileName, mime, base64: Buffer.from(bytes).toString('base64'), size: bytes.byteLength });

/** The report as a file: PDF printed from the official HTML, editable DOCX, or the figures in XLSX. */
export async function exportReport(ctx: ServiceContext, reportId: string, format: ReportFormat): Promise<ExportedFile> {
  const doc = reportDocument(ctx, reportId);
  const bytes = format === 'pdf' ? await printPdf(reportHtml(doc)) : format === 'docx' ? await reportDocx(doc) : await reportXlsx(doc);
  return file(`${doc.fileStem}.${format}`, MIME[format], bytes);
}

/** The year's ranking with every criterion's value, points and evidence, as a workbook. */
export async function exportScores(ctx: ServiceContext, year: number): Promise<ExportedFile> {
  const r = computeScores(ctx, year);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ISO Desk';
  const ws = wb.addWorksheet(`Chấm điểm ${year}`, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: 'Hạng', width: 7 },
    { header: 'Mã', width: 8 },
    { header: 'Đơn vị', width: 32 },
    { header: 'Điểm', width: 9 },
    ...r.criteria.flatMap((c) => [
      { header: `${c.label} (trọng số ${c.weight}) – mức đạt %`, width: 18 },
      { header: `${c.label} – minh chứng`, width: 36 },
    ]),
  ];
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { wrapText: true, vertical: 'top' };
  for (const u of r.results) {
    ws.addRow([u.rank, u.code, u.name, u.score, ...u.criteria.flatMap((c) => [c.value, c.evidence])]);
  }
  const crit = wb.addWorksheet('Tiêu chí');
  crit.columns = [{ header: 'Mã tiêu chí', width: 18 }, { header: 'Tiêu chí', width: 50 }, { header: 'Trọng số', width: 10 }, { header: 'Cách chấm', width: 22 }];
  crit.getRow(1).font = { bold: true };
  for (const c of r.criteria) crit.addRow([c.key, c.label, c.weight, c.metric === 'manual' ? 'Chấm tay, kèm minh chứng' : c.metric]);
  return file(`cham-diem-thi-dua-${year}.xlsx`, MIME.xlsx, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}
