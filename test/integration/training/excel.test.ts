import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../../electron/services/context';
import { listStaff } from '../../../electron/services/training/staff';
import { call } from '../../support/workspace';
import { count, trainingWorkspace, type Router } from './helpers';

async function xlsx(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('Sheet1'), wb);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function open(base64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  return wb;
}

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** An attendance list as districts really send it: a letterhead, the header on row 5, extra and reordered columns, mixed dates. */
async function messyAttendanceSheet(): Promise<string> {
  return xlsx((ws) => {
    ws.addRow(['BẢO HIỂM XÃ HỘI TP HẢI PHÒNG']);
    ws.addRow(['DANH SÁCH HỌC VIÊN LỚP NHẬN THỨC CHUNG VỀ ISO 9001:2008']);
    ws.addRow([]);
    ws.addRow(['(Kèm theo Quyết định số 123/QĐ-BHXH)']);
    ws.addRow(['TT', 'Ho va ten', 'Quê quán', 'Ngày sinh', 'Đơn vị công tác', 'Kết quả', 'Ký tên', 'Số chứng chỉ']);
    ws.addRow([1, 'Nguyễn  Thị   Lan '.normalize('NFD'), 'Hải Dương', '15/10/1980', '3101', 'đạt', '', 'NT-001']);
    ws.addRow([2, 'Trần Văn Hùng', 'Thái Bình', utc('1975-03-02'), 'BHXH quận Hồng Bàng', 'Không đạt', '']);
    ws.addRow([3, 'Phạm Thị Mai', '', '5/3/1990', 'bhxh quan ngo quyen', 'Vắng']);
    ws.addRow([]);
    ws.addRow([4, 'Lê Văn Bình', '', 29952, '3102', 'Đạt']); // an Excel serial number: 1982-01-01
  });
}

async function setupSession(t: Awaited<ReturnType<typeof trainingWorkspace>>) {
  return call(t.router, 'training.sessions.create', {
    unitId: t.province.id,
    courseTypeId: t.course('NT').id,
    startDate: '2012-10-15',
    endDate: '2012-10-16',
    place: 'Hội trường BHXH TP',
  });
}

const upload = (base64: string, extra: object) => ({ fileName: 'hoc-vien.xlsx', base64, ...extra });

describe('Excel in: templates and tolerant imports', () => {
  it('gives a template with Vietnamese headers and a sheet explaining the columns', async () => {
    const { router } = await trainingWorkspace();
    const file = await call(router, 'training.excel.template', { kind: 'attendance' });
    expect(file.fileName).toBe('mau-danh-sach-hoc-vien.xlsx');
    const wb = await open(file.base64);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Danh sách học viên', 'Hướng dẫn']);
    const headers = (wb.worksheets[0].getRow(3).values as string[]).filter(Boolean);
    expect(headers).toContain('Họ và tên (*)');
    expect(headers).toContain('Kết quả (*)');
    const explained = wb.worksheets[1].getColumn(1).values.filter(Boolean).map(String);
    expect(explained.some((v) => v.includes('dd/mm/yyyy'))).toBe(true);
    expect(explained).toContain('Số chứng chỉ');
  });

  it('reads the untouched template as "no rows", not as a header problem', async () => {
    const t = await trainingWorkspace();
    const file = await call(t.router, 'training.excel.template', { kind: 'attendance' });
    const empty = await t.router.call('training.excel.preview', upload(file.base64, { kind: 'attendance', sessionId: (await setupSession(t)).id }));
    expect(!empty.ok && empty.error.message.vi).toBe('Tệp không có dòng dữ liệu nào bên dưới dòng tiêu đề.');
  });

  it('imports a messy real-world attendance list and the matrix changes', async () => {
    const t = await trainingWorkspace();
    const { router, ws, hongBang, ngoQuyen, course } = t;
    const lan = await call(router, 'training.staff.create', { unitId: hongBang.id, fullName: 'Nguyễn Thị Lan', birthDate: '1980-10-15', isoRole: 'member' });
    const session = await setupSession(t);
    const base64 = await messyAttendanceSheet();
    const preview = await call(router, 'training.excel.preview', upload(base64, { kind: 'attendance', sessionId: session.id }));
    expect(preview.problems).toEqual([]);
    expect(preview.headerRow).toBe(5);
    expect(preview.ignoredColumns).toEqual(['Quê quán', 'Ký tên']);
    expect(preview.rowsRead).toBe(4);
    expect(preview.counts).toEqual({ create: 4, update: 0, unchanged: 0, newStaff: 3 });
    // Nothing saved by a preview.
    expect(count(ws, 'select count(*) n from attendance')).toBe(0);
    const before = (await call(router, 'training.matrix.people', { unitId: hongBang.id })).rows.find((r: any) => r.staffId === lan.id);
    expect(before.cells[course('NT').id].state).toBe('missing');

    const done = await call(router, 'training.excel.import', upload(base64, { kind: 'attendance', sessionId: session.id, mode: 'all' }));
    expect(done.saved).toBe(4);
    const list = (await call(router, 'training.sessions.get', { id: session.id })).attendance;
    expect(list.map((a: any) => [a.fullName, a.birthDate, a.staffUnitCode, a.result, a.certificateNo])).toEqual([
      ['Nguyễn Thị Lan', '1980-10-15', '3101', 'passed', 'NT-001'],
      ['Trần Văn Hùng', '1975-03-02', '3101', 'failed', ''],
      ['Lê Văn Bình', '1982-01-01', '3102', 'passed', ''],
      ['Phạm Thị Mai', '1990-03-05', '3102', 'absent', ''],
    ]);
    // The NFD, double-spaced name matched the existing record instead of creating a second Lan.
    expect(count(ws, "select count(*) n from staff where full_name = 'Nguyễn Thị Lan'")).toBe(1);
    expect((await call(router, 'training.staff.list', { unitId: ngoQuyen.id })).map((s: any) => s.fullName)).toEqual(['Lê Văn Bình', 'Phạm Thị Mai']);
    const after = (await call(router, 'training.matrix.people', { unitId: hongBang.id })).rows.find((r: any) => r.staffId === lan.id);
    expect(after.cells[course('NT').id].state).toBe('valid');
    // Recorded: one import row, and every change it made names it as origin.
    const imp = ws.sqlite.prepare('select * from training_imports').get() as any;
    expect(imp).toMatchObject({ kind: 'attendance', file_name: 'hoc-vien.xlsx', rows_read: 4, rows_saved: 4, rows_skipped: 0, staff_created: 3, mode: 'all' });
    expect(count(ws, 'select count(*) n from change_log where origin = ?', `import:${imp.id}`)).toBe(4 + 3 + 1);
    expect(count(ws, "select count(*) n from change_log where table_name = 'training_imports'")).toBe(1);
  });

  it('lists every problem by row and column, saves nothing for "all", and only the valid rows for "valid"', async () => {
    const t = await trainingWorkspace();
    const { router, ws } = t;
    const session = await setupSession(t);
    const base64 = await xlsx((sheet) => {
      sheet.addRow(['Họ và tên', 'Ngày sinh', 'Đơn vị', 'Kết quả', 'Số chứng chỉ']);
      sheet.addRow(['Đúng Một', '01/02/1980', '3101', 'Đạt', 'A1']); // row 2 fine
      sheet.addRow(['Sai Ngày', '31/02/1980', '3101', 'Đạt']); // row 3 bad date
      sheet.addRow(['Sai Đơn Vị', '', 'BHXH huyện Không Có', 'Đạt']); // row 4 unknown unit
      sheet.addRow(['', '01/01/1970', '3101', 'Đạt']); // row 5 no name
      sheet.addRow(['Kết Quả Lạ', '', '3101', 'Giỏi']); // row 6 unknown result
      sheet.addRow(['Trượt Có Bằng', '', '3101', 'Không đạt', 'B2']); // row 7 certificate on a fail
      sheet.addRow(['Đúng Một', '01/02/1980', '3101', 'Đạt']); // row 8 same person as row 2
      sheet.addRow(['Sinh Tương Lai', '01/01/2030', '3101', 'Đạt']); // row 9 future birth date
      sheet.addRow(['Đúng Hai', '', '', 'vắng']); // row 10 fine (unit: the session's)
    });
    const logBefore = count(ws, 'select count(*) n from change_log');
    const preview = await call(router, 'training.excel.preview', upload(base64, { kind: 'attendance', sessionId: session.id }));
    expect(preview.problems.map((p: any) => [p.row, p.column, p.code])).toEqual([
      [3, 'B', 'XL_BAD_DATE'],
      [4, 'C', 'XL_UNKNOWN_UNIT'],
      [5, 'A', 'XL_REQUIRED'],
      [6, 'D', 'XL_UNKNOWN_VALUE'],
      [7, 'E', 'XL_CERT_NEEDS_PASS'],
      [8, 'A', 'XL_DUPLICATE_ROW'],
      [9, 'B', 'XL_FUTURE_DATE'],
    ]);
    expect(preview.problems[0].message.vi).toBe('“31/02/1980” không phải là ngày hợp lệ (dd/mm/yyyy).');
    expect(preview.problems[2].message.vi).toBe('Thiếu Họ và tên.');
    expect(preview.problems[3].message.vi).toBe('“Giỏi” không hợp lệ; dùng một trong: Đạt, Không đạt, Vắng.');
    expect(preview.problems[5].message.en).toBe('Same person as row 2.');
    expect(preview.validRows).toBe(2);

    const all = await router.call('training.excel.import', upload(base64, { kind: 'attendance', sessionId: session.id, mode: 'all' }));
    expect(!all.ok && all.error.code).toBe('IMPORT_HAS_PROBLEMS');
    expect(!all.ok && all.error.message.vi).toContain('7 lỗi; chưa có gì được lưu');
    expect(count(ws, 'select count(*) n from change_log')).toBe(logBefore);

    const valid = await call(router, 'training.excel.import', upload(base64, { kind: 'attendance', sessionId: session.id, mode: 'valid' }));
    expect([valid.saved, valid.skipped]).toEqual([2, 7]);
    const names = (await call(router, 'training.sessions.get', { id: session.id })).attendance.map((a: any) => a.fullName);
    expect(names.sort()).toEqual(['Đúng Hai', 'Đúng Một']);
    expect(ws.sqlite.prepare('select rows_saved, rows_skipped, mode from training_imports').get()).toEqual({ rows_saved: 2, rows_skipped: 7, mode: 'valid' });
  });

  it('refuses a file that is not a spreadsheet, or has no header, with a clear error and nothing saved', async () => {
    const t = await trainingWorkspace();
    const { router, ws } = t;
    const session = await setupSession(t);
    const logBefore = count(ws, 'select count(*) n from change_log');
    const cases: [string, string][] = [
      ['ghi-chu.txt', Buffer.from('Họ và tên;Ngày sinh\nNguyễn Văn A;01/01/1980\n').toString('base64')],
      ['bao-cao.pdf', Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n').toString('base64')],
      ['hong.xlsx', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]).toString('base64')],
    ];
    for (const [fileName, base64] of cases) {
      for (const method of ['training.excel.preview', 'training.excel.import']) {
        const env = await router.call(method, { kind: 'attendance', sessionId: session.id, fileName, base64, ...(method.endsWith('import') ? { mode: 'valid' } : {}) });
        expect(env.ok).toBe(false);
        if (!env.ok) {
          expect(env.error.code).toBe('EXCEL_UNREADABLE');
          expect(env.error.message.vi).toContain(`Tệp "${fileName}" không phải là bảng tính Excel`);
        }
      }
    }
    const noHeader = await xlsx((s) => {
      s.addRow(['Tên lớp', 'Ngày']);
      s.addRow(['ISO', '01/01/2013']);
    });
    const env = await router.call('training.excel.preview', upload(noHeader, { kind: 'attendance', sessionId: session.id }));
    expect(!env.ok && env.error.message.vi).toContain('Cần ít nhất cột “Họ và tên”');
    expect(count(ws, 'select count(*) n from change_log')).toBe(logBefore);
  });
});

/** Every field of a unit's people (the list API carries only the list's columns). */
async function staffRows(t: { router: Router; ws: ServiceContext }, unitCode: string) {
  const units = await call(t.router, 'units.list', { query: unitCode });
  const unit = units.find((u: any) => u.code === unitCode);
  return listStaff(t.ws, { unitId: unit.id, status: 'all' }).map(({ id, unitId, createdAt, updatedAt, ...rest }: any) => rest);
}

describe('Excel out and back: export then re-import gives the same data', () => {
  it('round-trips the staff list into a fresh installation, and re-importing changes nothing', async () => {
    const a = await trainingWorkspace();
    const staffInput = [
      { fullName: 'Nguyễn Thị Lan', birthDate: '1980-10-15', staffCode: 'HB01', position: 'Phó Giám đốc', department: 'Ban Giám đốc', isoRole: 'leader', phone: '0912 345 678', email: 'lan@hp.vss.gov.vn' },
      { fullName: 'Trần Văn Hùng', birthDate: '1975-03-02', isoRole: 'internal_auditor', department: 'Phòng Thu', note: 'Chuyên gia đánh giá' },
      { fullName: 'Phạm Thị Mai', status: 'left' },
    ];
    for (const s of staffInput) await call(a.router, 'training.staff.create', { unitId: a.hongBang.id, ...s });
    const file = await call(a.router, 'training.excel.exportStaff', { unitId: a.hongBang.id });
    const wb = await open(file.base64);
    const sheet = wb.worksheets[0];
    expect(sheet.getCell('D4').value).toBeInstanceOf(Date); // dates as dates
    expect(sheet.getCell('D4').numFmt).toBe('dd/mm/yyyy');

    const logBefore = count(a.ws, 'select count(*) n from change_log');
    const again = await call(a.router, 'training.excel.import', { kind: 'staff', fileName: file.fileName, base64: file.base64, mode: 'all' });
    expect(again.counts).toEqual({ create: 0, update: 0, unchanged: 3, newStaff: 0 });
    expect(count(a.ws, 'select count(*) n from change_log')).toBe(logBefore + 1); // only the import record

    const b = await trainingWorkspace();
    await call(b.router, 'training.excel.import', { kind: 'staff', fileName: file.fileName, base64: file.base64, mode: 'all' });
    expect(await staffRows(b, '3101')).toEqual(await staffRows(a, '3101'));
  });

  it('round-trips a session attendance list', async () => {
    const a = await trainingWorkspace();
    const sa = await call(a.router, 'training.sessions.create', { unitId: a.province.id, courseTypeId: a.course('CGDG').id, startDate: '2013-02-01', endDate: '2013-02-05' });
    const p1 = await call(a.router, 'training.staff.create', { unitId: a.hongBang.id, fullName: 'Đỗ Văn An', birthDate: '1970-01-31', staffCode: 'HB09' });
    const p2 = await call(a.router, 'training.staff.create', { unitId: a.ngoQuyen.id, fullName: 'Vũ Thị Bích' });
    await call(a.router, 'training.attendance.add', {
      sessionId: sa.id,
      entries: [
        { staffId: p1.id, result: 'passed', certificateNo: 'CG-01', certificateDate: '2013-02-10' },
        { staffId: p2.id, result: 'failed', note: 'Thi lại' },
      ],
    });
    const file = await call(a.router, 'training.excel.exportAttendance', { sessionId: sa.id });
    const b = await trainingWorkspace();
    const sb = await call(b.router, 'training.sessions.create', { unitId: b.province.id, courseTypeId: b.course('CGDG').id, startDate: '2013-02-01', endDate: '2013-02-05' });
    await call(b.router, 'training.excel.import', { kind: 'attendance', fileName: file.fileName, base64: file.base64, sessionId: sb.id, mode: 'all' });
    const strip = (rows: any[]) => rows.map(({ id, sessionId, staffId, staffUnitId, unitId, createdAt, updatedAt, ...rest }) => rest);
    const listA = strip((await call(a.router, 'training.sessions.get', { id: sa.id })).attendance);
    const listB = strip((await call(b.router, 'training.sessions.get', { id: sb.id })).attendance);
    expect(listB).toEqual(listA);
    expect(listA[0]).toMatchObject({ certificateExpiry: '2016-02-10' });
  });
});
