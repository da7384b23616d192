import ExcelJS from 'exceljs';
import { formatVnDate } from '../../../common/dates';
import type { ServiceContext } from '../../context';
import { today } from '../../rules';
import { getCourse } from '../courses';
import { matrixPeople, trainingMatrix, type CellState } from '../matrix';
import { getSession, sessionAttendance } from '../sessions';
import { listStaff, type StaffFilter } from '../staff';
import { choices, HEADER_ROW, sheetColumns, sheetTitles, type SheetKind } from './columns';

type Value = string | number | null;
const TEMPLATE_ROWS = 300;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface FileOut {
  fileName: string;
  mimeType: string;
  base64: string;
}

async function toFile(wb: ExcelJS.Workbook, fileName: string): Promise<FileOut> {
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName, mimeType: XLSX, base64: bytes.toString('base64') };
}

function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ISO Desk';
  wb.created = new Date();
  return wb;
}

const headerFill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const border: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/**
 * A staff or attendance sheet in the layout the importer reads: title,
 * hint, headers on row 3, data below; dates as real Excel dates shown
 * dd/mm/yyyy; drop-down lists for the choice columns.
 */
function addDataSheet(wb: ExcelJS.Workbook, kind: SheetKind, rows: Record<string, Value>[], subtitle: string): void {
  const cols = sheetColumns[kind];
  const ws = wb.addWorksheet(sheetTitles[kind].sheet, { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
  ws.columns = cols.map((c) => ({ key: c.key, width: c.width, style: c.type === 'date' ? { numFmt: 'dd/mm/yyyy' } : {} }));
  ws.getCell(1, 1).value = sheetTitles[kind].title;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
  ws.getCell(2, 1).value = subtitle;
  ws.getCell(2, 1).font = { italic: true, color: { argb: 'FF555555' } };
  const header = ws.getRow(HEADER_ROW);
  cols.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = headerFill;
    cell.border = border;
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
  header.height = 32;
  rows.forEach((r, n) => {
    const row = ws.getRow(HEADER_ROW + 1 + n);
    cols.forEach((c, i) => {
      const v = c.key === 'stt' ? n + 1 : r[c.key];
      if (v === null || v === undefined || v === '') return;
      row.getCell(i + 1).value = c.type === 'date' && typeof v === 'string' ? new Date(`${v}T00:00:00Z`) : v;
    });
  });
  const last = HEADER_ROW + Math.max(rows.length, TEMPLATE_ROWS);
  cols.forEach((c, i) => {
    if (c.type !== 'choice') return;
    const list = Object.values<readonly string[]>(choices[c.key as keyof typeof choices]).map((v) => v[0]);
    for (let r = HEADER_ROW + 1; r <= last; r++) {
      ws.getCell(r, i + 1).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`"${list.join(',')}"`],
        showErrorMessage: false,
      };
    }
  });
  ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: cols.length } };
}

function addExplanationSheet(wb: ExcelJS.Workbook, kind: SheetKind): void {
  const ws = wb.addWorksheet('Hướng dẫn');
  ws.columns = [{ width: 26 }, { width: 10 }, { width: 80 }, { width: 26 }];
  ws.addRow([`Hướng dẫn điền sheet “${sheetTitles[kind].sheet}”`]).font = { bold: true, size: 14 };
  ws.addRow([]);
  const notes = [
    'Điền mỗi người một dòng, bắt đầu ngay dưới dòng tiêu đề. Cột có dấu (*) là bắt buộc.',
    'Ngày ghi dạng dd/mm/yyyy (ví dụ 15/10/2012) hoặc dùng ô kiểu ngày của Excel; cả hai đều được.',
    'Có thể thêm cột khác (ISO Desk bỏ qua), đổi thứ tự cột, hoặc chèn dòng tiêu đề phía trên: ISO Desk tự tìm dòng tiêu đề trong 30 dòng đầu.',
    'Trước khi lưu, ISO Desk liệt kê mọi lỗi theo dòng và cột. Bạn chọn nhập tất cả (chỉ khi không còn lỗi) hoặc chỉ các dòng hợp lệ.',
    kind === 'staff'
      ? 'Người đã có (cùng mã cán bộ, hoặc cùng họ tên và ngày sinh trong một đơn vị) được cập nhật; ô để trống giữ nguyên thông tin cũ.'
      : 'Người chưa có trong danh sách cán bộ sẽ được thêm vào đơn vị ghi ở cột Đơn vị. Người đã có trong lớp được cập nhật kết quả.',
  ];
  for (const n of notes) ws.addRow([`• ${n}`]).getCell(1).alignment = { wrapText: false };
  ws.addRow([]);
  const head = ws.addRow(['Cột', 'Bắt buộc', 'Ý nghĩa, cách ghi', 'Ví dụ']);
  head.font = { bold: true };
  head.eachCell((c) => {
    c.fill = headerFill;
    c.border = border;
  });
  for (const c of sheetColumns[kind]) {
    const row = ws.addRow([c.header, c.required ? 'Có' : '', c.explain, c.example]);
    row.getCell(3).alignment = { wrapText: true, vertical: 'top' };
    row.eachCell((cell) => (cell.border = border));
  }
}

/** The empty template (.xlsx) for a staff or attendance list, with an explanation sheet. */
export async function buildTemplate(kind: SheetKind): Promise<FileOut> {
  const wb = newWorkbook();
  addDataSheet(wb, kind, [], 'Điền từ dòng 4. Cột có dấu (*) là bắt buộc. Ngày dạng dd/mm/yyyy. Xem sheet “Hướng dẫn”.');
  addExplanationSheet(wb, kind);
  return toFile(wb, kind === 'staff' ? 'mau-danh-sach-can-bo.xlsx' : 'mau-danh-sach-hoc-vien.xlsx');
}

const label = <K extends string>(options: Record<K, readonly string[]>, key: K): string => options[key][0];

/** The staff list in the template's layout, so it can be edited and imported back. */
export async function exportStaff(ctx: ServiceContext, filter: StaffFilter): Promise<FileOut> {
  const rows = listStaff(ctx, { ...filter, status: filter.status ?? 'all' }).map((s) => ({
    staffCode: s.staffCode,
    fullName: s.fullName,
    birthDate: s.birthDate,
    unit: s.unitCode,
    department: s.department,
    position: s.position,
    isoRole: label(choices.isoRole, s.isoRole),
    phone: s.phone,
    email: s.email,
    status: label(choices.status, s.status),
    note: s.note,
  }));
  const wb = newWorkbook();
  addDataSheet(wb, 'staff', rows, `Xuất từ ISO Desk ngày ${formatVnDate(today(ctx))}.`);
  addExplanationSheet(wb, 'staff');
  return toFile(wb, `danh-sach-can-bo-${today(ctx)}.xlsx`);
}

/** A session's attendance list in the template's layout. */
export async function exportAttendance(ctx: ServiceContext, sessionId: string): Promise<FileOut> {
  const session = getSession(ctx, sessionId);
  const course = getCourse(ctx, session.courseTypeId);
  const rows = sessionAttendance(ctx, sessionId).map((a) => ({
    staffCode: a.staffCode,
    fullName: a.fullName,
    birthDate: a.birthDate,
    unit: a.staffUnitCode,
    department: a.department,
    position: a.position,
    result: label(choices.result, a.result),
    certificateNo: a.certificateNo,
    certificateDate: a.certificateDate,
    certificateExpiry: a.certificateExpiry,
    note: a.note,
  }));
  const wb = newWorkbook();
  const when = `${formatVnDate(session.startDate)}–${formatVnDate(session.endDate)}`;
  addDataSheet(wb, 'attendance', rows, `Lớp: ${course.name}${session.title ? ` – ${session.title}` : ''}, ${when}${session.place ? `, ${session.place}` : ''}.`);
  addExplanationSheet(wb, 'attendance');
  return toFile(wb, `hoc-vien-${course.code}-${session.startDate}.xlsx`);
}

const stateStyle: Record<CellState, { text: string; argb: string }> = {
  valid: { text: 'Đã học', argb: 'FFC6EFCE' },
  expiring: { text: 'Sắp hết hạn', argb: 'FFFFEB9C' },
  expired: { text: 'Hết hạn', argb: 'FFFFC7CE' },
  missing: { text: 'Còn thiếu', argb: 'FFFFC7CE' },
  none: { text: '', argb: 'FFFFFFFF' },
};

const roleLabel = (role: keyof typeof choices.isoRole) => (role === 'none' ? '' : label(choices.isoRole, role));

/** The training matrix workbook: people × courses in colour, coverage per unit, certificates expiring. */
export async function exportMatrix(ctx: ServiceContext, filter: { unitId?: string; includeSubunits?: boolean }): Promise<FileOut> {
  const m = trainingMatrix(ctx, filter);
  // The workbook holds every person of the scope (a job, not a screen): person rows for the whole scope.
  const people = matrixPeople(ctx, { ...filter, onDate: m.onDate, windowDays: m.windowDays });
  const wb = newWorkbook();
  const ws = wb.addWorksheet('Ma trận đào tạo', { views: [{ state: 'frozen', ySplit: 1, xSplit: 2 }] });
  const fixed = ['Họ và tên', 'Đơn vị', 'Chức vụ', 'Vai trò ISO'];
  ws.columns = [...fixed.map((h, i) => ({ header: h, width: [28, 28, 18, 20][i] })), ...m.courses.map((c) => ({ header: c.name, width: 18 })), { header: 'Tỷ lệ đáp ứng (%)', width: 14 }];
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  head.height = 45;
  for (const r of people) {
    const row = ws.addRow([
      r.fullName,
      r.unitName,
      r.position,
      roleLabel(r.isoRole),
      ...m.courses.map((c) => {
        const cell = r.cells[c.id];
        if (cell.state === 'none') return '';
        if (cell.state === 'missing') return 'Còn thiếu';
        const when = cell.certificateExpiry ? ` (đến ${formatVnDate(cell.certificateExpiry)})` : '';
        return `${stateStyle[cell.state].text}${when}`;
      }),
      r.required ? Math.round((r.satisfied / r.required) * 1000) / 10 : null,
    ]);
    m.courses.forEach((c, i) => {
      const state = r.cells[c.id].state;
      if (state !== 'none') row.getCell(fixed.length + 1 + i).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: stateStyle[state].argb } };
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: fixed.length + m.courses.length + 1 } };
  const cov = wb.addWorksheet('Tỷ lệ theo đơn vị');
  cov.columns = [
    { header: 'Mã đơn vị', width: 10 },
    { header: 'Đơn vị', width: 32 },
    { header: 'Số cán bộ', width: 10 },
    { header: 'Số lượt yêu cầu', width: 14 },
    { header: 'Số lượt đáp ứng', width: 14 },
    { header: 'Tỷ lệ (%)', width: 10, style: { numFmt: '0.0' } },
    { header: 'Số người còn thiếu', width: 16 },
  ];
  cov.getRow(1).font = { bold: true };
  for (const u of m.units) cov.addRow([u.unitCode, u.unitName, u.staff, u.required, u.satisfied, u.coverage, u.peopleMissing]);
  cov.addRow(['', 'Tổng', m.total.staff, m.total.required, m.total.satisfied, m.total.coverage, m.total.peopleMissing]).font = { bold: true };
  const exp = wb.addWorksheet('Chứng chỉ sắp hết hạn');
  exp.columns = [
    { header: 'Họ và tên', width: 28 },
    { header: 'Đơn vị', width: 30 },
    { header: 'Khóa học', width: 34 },
    { header: 'Số chứng chỉ', width: 16 },
    { header: 'Ngày hết hạn', width: 14, style: { numFmt: 'dd/mm/yyyy' } },
    { header: 'Còn (ngày)', width: 10 },
  ];
  exp.getRow(1).font = { bold: true };
  for (const e of m.expiring) {
    exp.addRow([e.fullName, e.unitName, e.courseName, e.certificateNo, new Date(`${e.certificateExpiry}T00:00:00Z`), e.daysLeft]);
  }
  return toFile(wb, `ma-tran-dao-tao-${m.onDate}.xlsx`);
}
