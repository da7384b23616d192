export interface ExportColumn {
  header: string;
  type?: 'text' | 'number' | 'date';
  width?: number;
}

/**
 * Writes rows to an .xlsx workbook with real column types: dates become
 * Excel dates shown dd/mm/yyyy, numbers stay numbers, headers are bold and
 * filterable, and the header row stays visible when scrolling.
 */
export async function buildXlsx(sheetName: string, columns: ExportColumn[], rows: (string | number | null)[][]): Promise<ArrayBuffer> {
  // Loaded on first export: exceljs is over half the renderer's code, and every screen would parse it at start-up.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ISO Desk';
  const ws = wb.addWorksheet(sheetName.slice(0, 31) || 'Sheet1', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    width: c.width ?? Math.min(60, Math.max(12, c.header.length + 4)),
    style: c.type === 'date' ? { numFmt: 'dd/mm/yyyy' } : c.type === 'number' ? { numFmt: '#,##0' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) {
    ws.addRow(
      row.map((v, i) => {
        if (v === null || v === '') return null;
        if (columns[i].type === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v)) {
          return new Date(`${v.slice(0, 10)}T00:00:00Z`);
        }
        return v;
      }),
    );
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}

/** Saves bytes as a download (the desktop app shows its save dialog). */
export function downloadFile(bytes: ArrayBuffer | Uint8Array, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function exportXlsx(fileBase: string, columns: ExportColumn[], rows: (string | number | null)[][]): Promise<void> {
  const bytes = await buildXlsx(fileBase, columns, rows);
  const stamp = new Date().toISOString().slice(0, 10);
  downloadFile(bytes, `${fileBase}-${stamp}.xlsx`, XLSX_TYPE);
}
