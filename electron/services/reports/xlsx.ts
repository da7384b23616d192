import ExcelJS from 'exceljs';
import { cellText, type ReportDocument } from './document';

const FONT = { name: 'Times New Roman', size: 12 };

/**
 * The report's figures as a workbook: sheet "Số liệu" (STT, chỉ tiêu, số liệu
 * as real numbers) and sheet "Đơn vị" (the per-unit table), with the header
 * lines on top so the sheet is recognisable when printed or forwarded.
 */
export async function reportXlsx(doc: ReportDocument): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ISO Desk';
  const ws = wb.addWorksheet('Số liệu', { pageSetup: { paperSize: 9, orientation: 'portrait' } });
  ws.columns = [{ width: 6 }, { width: 70 }, { width: 14 }, { width: 22 }];
  const title = [doc.issuer, `BÁO CÁO ${doc.title}`, doc.periodLine, doc.scopeLine];
  title.forEach((t, i) => {
    const row = ws.addRow([t]);
    ws.mergeCells(row.number, 1, row.number, 4);
    row.font = { ...FONT, bold: i < 2 };
  });
  ws.addRow([]);
  const head = ws.addRow(['STT', 'Chỉ tiêu', 'Số liệu', 'Ghi chú']);
  head.font = { ...FONT, bold: true };
  for (const f of doc.figures) {
    const row = ws.addRow([f.no, f.label, f.value, f.display]);
    row.font = FONT;
    row.getCell(3).numFmt = Number.isInteger(f.value ?? 0) ? '#,##0' : '0.0';
  }
  const us = wb.addWorksheet('Đơn vị', { views: [{ state: 'frozen', ySplit: 1 }] });
  const cols = doc.unitTable.columns;
  us.columns = [{ header: 'STT', width: 6 }, ...cols.map((c) => ({ header: c.label, width: Math.max(14, Math.min(45, c.label.length + 6)) }))];
  us.getRow(1).font = { ...FONT, bold: true };
  doc.unitTable.rows.forEach((r, i) => {
    const row = us.addRow([
      i + 1,
      ...cols.map((c) => {
        const v = r[c.key] ?? null;
        if (c.type === 'date' && typeof v === 'string' && v) return new Date(`${v}T00:00:00Z`);
        return typeof v === 'number' ? v : cellText(v, c.type);
      }),
    ]);
    row.font = FONT;
    cols.forEach((c, j) => {
      if (c.type === 'date') row.getCell(j + 2).numFmt = 'dd/mm/yyyy';
    });
  });
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
