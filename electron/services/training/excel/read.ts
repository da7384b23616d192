import ExcelJS from 'exceljs';
import { AppError } from '../../../common/errors';
import { cellText, columnLetter, headerKey } from './cells';
import type { SheetColumn } from './columns';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_ROWS = 10_000;
const HEADER_SCAN_ROWS = 30;

export interface SheetRow {
  /** Excel row number, as the user sees it. */
  row: number;
  /** column key → raw cell value. */
  values: Record<string, unknown>;
}

export interface ReadSheet {
  sheetName: string;
  headerRow: number;
  /** Recognised columns: key → its letter and the header as written in the file. */
  columns: Record<string, { letter: string; header: string }>;
  /** Headers present in the file that ISO Desk does not read. */
  ignored: string[];
  rows: SheetRow[];
}

/** Opens .xlsx bytes; anything else (an old .xls, a PDF, a text file) is a clear error naming the file. */
export async function loadWorkbook(bytes: Buffer, fileName: string): Promise<ExcelJS.Workbook> {
  if (bytes.length > MAX_FILE_BYTES) {
    throw new AppError('EXCEL_TOO_BIG', { size: (bytes.length / 1048576).toFixed(1), max: MAX_FILE_BYTES / 1048576 });
  }
  // An .xlsx is a zip: refuse other files before handing them to the parser.
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) throw new AppError('EXCEL_UNREADABLE', { fileName });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new AppError('EXCEL_UNREADABLE', { fileName });
  }
  if (wb.worksheets.length === 0) throw new AppError('EXCEL_UNREADABLE', { fileName });
  return wb;
}

function matchHeader(columns: SheetColumn[], text: string): SheetColumn | undefined {
  const key = headerKey(text);
  if (!key) return undefined;
  return columns.find((c) => c.aliases.includes(key) || headerKey(c.header) === key);
}

/**
 * Finds the sheet and the row holding the headers (the first of the first 30
 * rows naming the required column and at least one other), maps known
 * columns wherever they are, and returns the non-empty rows below it.
 */
export function readSheet(wb: ExcelJS.Workbook, columns: SheetColumn[]): ReadSheet {
  const required = columns.find((c) => c.required && c.key === 'fullName') ?? columns.find((c) => c.required)!;
  for (const ws of wb.worksheets) {
    const last = Math.min(ws.rowCount, HEADER_SCAN_ROWS);
    for (let r = 1; r <= last; r++) {
      const found: ReadSheet['columns'] = {};
      const ignored: string[] = [];
      const byNumber = new Map<number, string>();
      ws.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
        const text = cellText(cell.value);
        if (!text) return;
        const match = matchHeader(columns, text);
        if (match && !found[match.key]) {
          found[match.key] = { letter: columnLetter(col), header: text };
          byNumber.set(col, match.key);
        } else ignored.push(text);
      });
      if (!found[required.key] || Object.keys(found).length < 2) continue;
      const rows: SheetRow[] = [];
      for (let n = r + 1; n <= ws.rowCount; n++) {
        const values: Record<string, unknown> = {};
        let any = false;
        for (const [col, key] of byNumber) {
          const v = ws.getRow(n).getCell(col).value;
          values[key] = v;
          if (key !== 'stt' && cellText(v) !== '') any = true;
        }
        if (!any) continue;
        rows.push({ row: n, values });
        if (rows.length > MAX_ROWS) throw new AppError('INVALID_INPUT', { details: `> ${MAX_ROWS} rows` });
      }
      if (rows.length === 0) throw new AppError('EXCEL_NO_ROWS');
      return { sheetName: ws.name, headerRow: r, columns: found, ignored, rows };
    }
  }
  throw new AppError('EXCEL_NO_HEADER', { required: required.header.replace(/\s*\(\*\)/, '') });
}
