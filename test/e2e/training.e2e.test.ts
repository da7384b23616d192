import ExcelJS from 'exceljs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter } from '../../electron/api/router';
import { type E2eApp, startApp } from '../support/e2e';

async function callOk(app: E2eApp, method: string, input: unknown): Promise<any> {
  const env = await createRouter(app.ws).call(method, input);
  if (!env.ok) throw new Error(`${method}: ${env.error.message.en}`);
  return env.value;
}

/** An attendance sheet as a district types it: letterhead, header on row 4, a text date, an extra column. */
async function attendanceSheet(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('DS');
  ws.addRow(['BHXH TP HẢI PHÒNG']);
  ws.addRow(['DANH SÁCH HỌC VIÊN LỚP NHẬN THỨC CHUNG ISO 9001:2008']);
  ws.addRow([]);
  ws.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Đơn vị', 'Kết quả', 'Ký nhận']);
  ws.addRow([1, 'Nguyễn Thị Lan', '15/10/1980', '3101', 'Đạt', '']);
  ws.addRow([2, 'Trần Văn Hùng', new Date(Date.UTC(1975, 2, 2)), '3101', 'Đạt', '']);
  ws.addRow([3, 'Lê Thị Mới', '01/02/1990', '3101', 'Đạt', '']);
  const file = join(dir, 'hoc-vien-nhan-thuc.xlsx');
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}

/** Story: the secretary records a training session, imports its attendance sheet and sees the matrix change. */
describe('training: import an attendance sheet and see the matrix change (Chromium)', () => {
  let app: E2eApp;
  let sessionId: string;
  beforeAll(async () => {
    app = await startApp();
    const [province] = await callOk(app, 'units.list', { type: 'province' });
    const district = await callOk(app, 'units.create', { code: '3101', name: 'BHXH quận Hồng Bàng', type: 'district', parentId: province.id });
    await callOk(app, 'training.staff.create', { unitId: district.id, fullName: 'Nguyễn Thị Lan', birthDate: '1980-10-15', isoRole: 'secretary', position: 'Phó Giám đốc' });
    await callOk(app, 'training.staff.create', { unitId: district.id, fullName: 'Trần Văn Hùng', birthDate: '1975-03-02', isoRole: 'member', position: 'Chuyên viên' });
    const courses = await callOk(app, 'training.courses.list', {});
    const nt = courses.find((c: any) => c.code === 'NT');
    const session = await callOk(app, 'training.sessions.create', {
      unitId: province.id,
      courseTypeId: nt.id,
      title: 'Lớp 1 – quận Hồng Bàng',
      startDate: '2012-10-15',
      endDate: '2012-10-16',
      place: 'Hội trường BHXH TP Hải Phòng',
      provider: 'Trung tâm Năng suất Việt Nam',
      trainers: 'ThS. Nguyễn Văn Tư',
      budgetSpent: 12500000,
    });
    sessionId = session.id;
  });
  afterAll(async () => app?.close());

  it('shows who lacks the awareness course before the import', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Ma trận đào tạo' }).click();
    await page.getByText('Ai đã học, ai còn thiếu').waitFor();
    const cell = page.getByTestId('matrix-Nguyễn Thị Lan-NT');
    await cell.waitFor();
    expect(await cell.getAttribute('data-state')).toBe('missing');
    expect(await cell.innerText()).toBe('Còn thiếu');
    await app.screenshot('training-matrix-before');
  });

  it('imports the sheet: problems listed first, then saved, and the matrix turns green', async () => {
    const { page } = app;
    const dir = mkdtempSync(join(tmpdir(), 'isodesk-e2e-xlsx-'));
    const file = await attendanceSheet(dir);
    await page.getByRole('link', { name: 'Lớp đào tạo' }).click();
    await page.getByText('Lớp 1 – quận Hồng Bàng').click();
    await page.getByText('Danh sách học viên').first().waitFor();
    await page.getByTestId('attendance-import').click();
    // A file that is not a spreadsheet: a clear error, nothing to import.
    const bad = join(dir, 'ghi-chu.txt');
    writeFileSync(bad, 'không phải Excel');
    await page.locator('input[type=file]').setInputFiles(bad);
    await page.getByTestId('import-error').waitFor();
    expect(await page.getByTestId('import-error').innerText()).toContain('không phải là bảng tính Excel');
    expect(await page.getByTestId('import-all').isDisabled()).toBe(true);

    // A sheet with mistakes: every problem by row and column, nothing saved until asked.
    const messy = new ExcelJS.Workbook();
    const sheet = messy.addWorksheet('DS');
    sheet.addRow(['Họ và tên', 'Ngày sinh', 'Đơn vị', 'Kết quả']);
    sheet.addRow(['Nguyễn Thị Lan', '31/02/1980', '3101', 'Đạt']);
    sheet.addRow(['Trần Văn Hùng', '02/03/1975', 'Quận Không Có', 'Giỏi']);
    const messyFile = join(dir, 'co-loi.xlsx');
    writeFileSync(messyFile, Buffer.from(await messy.xlsx.writeBuffer()));
    await page.locator('input[type=file]').setInputFiles(messyFile);
    await page.getByTestId('import-problems').waitFor();
    expect(await page.getByTestId('import-problems-title').innerText()).toContain('3 lỗi cần sửa');
    expect(await page.getByTestId('import-problems').innerText()).toContain('“31/02/1980” không phải là ngày hợp lệ');
    expect(await page.getByTestId('import-all').isDisabled()).toBe(true);
    await page.waitForTimeout(300);
    await app.screenshot('training-import-problems');
    expect((app.ws.sqlite.prepare('select count(*) n from attendance').get() as { n: number }).n).toBe(0);

    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('import-preview').waitFor();
    expect(await page.getByTestId('import-preview').innerText()).toContain('Đọc 3 dòng (tiêu đề ở dòng 4');
    await page.getByText('Không có lỗi').waitFor();
    await app.screenshot('training-import-preview');
    await page.getByTestId('import-all').click();
    await page.getByText('Đã nhập 3 dòng').waitFor();
    await page.getByTestId('attendance-table').getByText('Lê Thị Mới').waitFor();
    await app.screenshot('training-session');
    const rows = app.ws.sqlite.prepare('select count(*) n from attendance where session_id = ? and deleted = 0').get(sessionId) as { n: number };
    expect(rows.n).toBe(3);

    await page.getByRole('link', { name: 'Ma trận đào tạo' }).click();
    const cell = page.getByTestId('matrix-Nguyễn Thị Lan-NT');
    await page.waitForFunction(() => document.querySelector('[data-testid="matrix-Nguyễn Thị Lan-NT"]')?.getAttribute('data-state') === 'valid');
    expect(await cell.innerText()).toBe('Đã học');
    // Lan (secretary) still lacks the documents course: shown in red.
    expect(await page.getByTestId('matrix-Nguyễn Thị Lan-VTL').getAttribute('data-state')).toBe('missing');
    await app.screenshot('training-matrix-after');
  });

  it('shows the staff list, the auditor register and the figures drillable to names', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Cán bộ' }).click();
    await page.getByTestId('staff-table').getByText('Lê Thị Mới').waitFor();
    await page.waitForTimeout(4500); // let the import notification fade before the screenshot
    await app.screenshot('training-staff');
    await page.getByRole('link', { name: 'Chuyên gia đánh giá' }).click();
    await page.getByText('Chưa có chuyên gia đánh giá nội bộ').waitFor();
    await page.getByRole('link', { name: 'Số liệu đào tạo' }).click();
    const figures = page.getByTestId('figures-table');
    await figures.getByText('31 · BHXH Hải Phòng').waitFor();
    await figures.getByRole('button', { name: '3' }).first().click();
    await page.getByTestId('figures-names').getByText('Trần Văn Hùng').waitFor();
    await page.waitForTimeout(400);
    await app.screenshot('training-figures');
  });

  it('lists certified auditors, flags duplicates for merging, and edits the course catalogue', async () => {
    const { page } = app;
    const [district] = await callOk(app, 'units.list', { query: '3101' });
    const courses = await callOk(app, 'training.courses.list', {});
    const cg = courses.find((c: any) => c.code === 'CGDG');
    const session = await callOk(app, 'training.sessions.create', { unitId: district.parentId, courseTypeId: cg.id, title: 'Khóa CGĐG 2024', startDate: '2024-05-06', endDate: '2024-05-10', provider: 'Viện Năng suất' });
    const hung = (await callOk(app, 'training.staff.list', { query: 'Trần Văn Hùng' }))[0];
    await callOk(app, 'training.attendance.add', { sessionId: session.id, entries: [{ staffId: hung.id, result: 'passed', certificateNo: 'CGĐG-24/021', certificateDate: '2024-05-10' }] });
    // A duplicate arriving from a district's records (same name without diacritics and same birth date).
    const { insertRow } = await import('../../electron/services/records');
    const { staff } = await import('../../db/schema');
    app.ws.sqlite.transaction(() => insertRow(app.ws, staff, { unitId: district.id, fullName: 'Nguyen Thi Lan', birthDate: '1980-10-15' }))();

    await page.keyboard.press('Escape'); // close the names of the previous step
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Chuyên gia đánh giá' }).click();
    await page.getByTestId('auditors-table').getByText('CGĐG-24/021').waitFor();
    await app.screenshot('training-auditors');
    await page.getByRole('link', { name: 'Lớp đào tạo' }).click();
    await page.getByTestId('sessions-table').getByText('Khóa CGĐG 2024').waitFor();
    await app.screenshot('training-sessions');
    await page.getByRole('link', { name: 'Cán bộ' }).click();
    await page.getByTestId('staff-duplicates').waitFor();
    await page.getByTestId('staff-duplicates').getByRole('button').click();
    await page.getByText('Chọn hồ sơ giữ lại').waitFor();
    await page.waitForTimeout(300);
    await app.screenshot('training-merge');
    await page.getByRole('dialog').getByRole('button', { name: 'Gộp vào hồ sơ đã chọn' }).click();
    await page.getByText('Đã gộp hồ sơ').waitFor();
    expect((app.ws.sqlite.prepare("select count(*) n from staff where deleted = 0 and birth_date = '1980-10-15'").get() as { n: number }).n).toBe(1);
    await page.getByRole('link', { name: 'Khóa học' }).click();
    await page.getByText('Khóa bắt buộc theo vai trò').waitFor();
    await app.screenshot('training-courses');
  });

  it('opens a province on its units, with coverage per required course, and drills into one unit', async () => {
    const { page } = app;
    const [province] = await callOk(app, 'units.list', { type: 'province' });
    const ngoQuyen = await callOk(app, 'units.create', { code: '3102', name: 'BHXH quận Ngô Quyền', type: 'district', parentId: province.id });
    await callOk(app, 'training.staff.create', { unitId: ngoQuyen.id, fullName: 'Phạm Văn Bình', isoRole: 'member' });
    await page.getByRole('link', { name: 'Cán bộ' }).click();
    await page.getByRole('link', { name: 'Ma trận đào tạo' }).click();
    const units = page.getByTestId('coverage-table');
    await units.getByText('BHXH quận Ngô Quyền').waitFor();
    // Ngô Quyền: Bình needs awareness and documents and holds neither.
    expect(await units.getByRole('row', { name: /Ngô Quyền/ }).innerText()).toContain('0/1');
    await app.screenshot('training-matrix-units');
    await units.getByText('BHXH quận Hồng Bàng').click();
    await page.getByText('Cán bộ của BHXH quận Hồng Bàng').waitFor();
    expect(await page.getByTestId('matrix-Nguyễn Thị Lan-NT').getAttribute('data-state')).toBe('valid');
    await page.getByTestId('matrix-back').click();
    await units.waitFor();
  });

  it('adds attendees by searching the registry without diacritics, leaving out those already listed', async () => {
    const { page } = app;
    const [district] = await callOk(app, 'units.list', { query: '3101' });
    const hang = await callOk(app, 'training.staff.create', { unitId: district.id, fullName: 'Đỗ Thị Hằng', birthDate: '1990-04-30', isoRole: 'none' });
    await page.getByRole('link', { name: 'Lớp đào tạo' }).click();
    await page.getByText('Lớp 1 – quận Hồng Bàng').click();
    await page.getByTestId('attendance-add').click();
    const picker = page.getByTestId('attendance-pick');
    // Someone already on the list is not offered again.
    await picker.fill('nguyen thi lan');
    await page.getByText('Không tìm thấy cán bộ đang công tác nào').waitFor();
    await picker.fill('do thi hang');
    await page.getByRole('option', { name: /Đỗ Thị Hằng \(30\/04\/1990\) · BHXH quận Hồng Bàng/ }).click();
    await page.getByTestId('attendance-save').getByText('(1)').waitFor();
    // The search clears for the next name: the others not yet listed are offered again.
    await page.getByText('Không tìm thấy cán bộ đang công tác nào').waitFor({ state: 'hidden' });
    expect(await page.getByRole('option').allInnerTexts()).not.toContainEqual(expect.stringContaining('Nguyễn Thị Lan'));
    await app.screenshot('training-add-attendees');
    await page.getByTestId('attendance-save').click();
    await page.getByTestId('attendance-table').getByText('Đỗ Thị Hằng').waitFor();
    const row = app.ws.sqlite.prepare('select result from attendance where session_id = ? and staff_id = ? and deleted = 0').get(sessionId, hang.id);
    expect(row).toEqual({ result: 'passed' });
  });

  it('reads in English too', async () => {
    const { page } = app;
    await page.getByText('English').click();
    await page.getByRole('link', { name: 'Training matrix' }).click();
    await page.getByText('Who has been trained').waitFor();
    await page.getByTestId('coverage-table').getByText('BHXH quận Hồng Bàng').click();
    expect(await page.getByTestId('matrix-Nguyễn Thị Lan-NT').innerText()).toBe('Trained');
    await app.screenshot('training-matrix-en');
  });
});

/** Story: headquarters opens the staff list of a large office: the host pages it, and search, sort, export and editing still work. */
describe('training: a long staff list is paged by the host (Chromium)', () => {
  let app: E2eApp;
  let list: { id: string; fullName: string; staffCode: string }[];
  const families = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Phan', 'Vũ', 'Đặng', 'Bùi', 'Đỗ'];
  const middles = ['Văn', 'Thị', 'Minh', 'Thu', 'Quang'];
  const givens = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hải', 'Hằng', 'Hùng', 'Khánh', 'Lan', 'Long', 'Mai', 'Nam', 'Ngọc', 'Phúc', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Vân', 'Yến'];
  const table = () => app.page.getByTestId('staff-table');
  const bodyNames = () => table().locator('tbody tr td:first-child').allInnerTexts();
  const exported = async () => {
    const [download] = await Promise.all([app.page.waitForEvent('download'), table().getByRole('button', { name: 'Xuất Excel' }).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path())!);
    const rows: string[][] = [];
    wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '')))));
    return rows;
  };

  beforeAll(async () => {
    app = await startApp();
    const [province] = await callOk(app, 'units.list', { type: 'province' });
    const district = await callOk(app, 'units.create', { code: '3110', name: 'BHXH huyện Thủy Nguyên', type: 'district', parentId: province.id });
    const { insertRow } = await import('../../electron/services/records');
    const { staff } = await import('../../db/schema');
    app.ws.sqlite.transaction(() => {
      for (let i = 1; i <= 450; i++) {
        const fullName = `${families[i % 10]} ${middles[Math.floor(i / 10) % 5]} ${givens[Math.floor(i / 50) % 24]}`;
        insertRow(app.ws, staff, { unitId: district.id, fullName, staffCode: `HP-${i}`, position: i % 7 === 0 ? 'Phó Trưởng phòng' : 'Chuyên viên' });
      }
      insertRow(app.ws, staff, { unitId: district.id, fullName: 'Đỗ Thị Ngọc Điệp', staffCode: 'HP-451', phone: '0912 345 678', position: 'Chuyên viên' });
    })();
    list = await callOk(app, 'training.staff.list', {});
    expect(list).toHaveLength(451);
  });
  afterAll(async () => app?.close());

  it('opens on its first rows in list order, only a window of them in the page, and scrolls to the last one', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Cán bộ' }).click();
    await table().getByText('451 dòng').waitFor();
    expect((await bodyNames()).slice(0, 3)).toEqual(list.slice(0, 3).map((r) => r.fullName));
    expect(await table().locator('tbody tr').count()).toBeLessThan(100);
    await app.screenshot('training-staff-long');
    // The scroll box to its end: the windows past the first come from the host.
    await page.evaluate(() => {
      const box = document.querySelector('[data-testid="staff-table"] table')!.parentElement!;
      box.scrollTop = box.scrollHeight;
    });
    await table().getByText(list[450].fullName, { exact: true }).waitFor();
    await page.waitForFunction(() => !document.querySelector('[data-testid="staff-table"] .mantine-Skeleton-root'));
    expect((await bodyNames()).at(-1)).toBe(list[450].fullName);
  });

  it('searches without diacritics, sorts by a column, and exports what is shown, all of it', async () => {
    const { page } = app;
    const search = table().getByRole('textbox', { name: 'Tìm kiếm (không cần dấu)…' });
    await search.fill('do thi ngoc diep');
    await table().getByText('1 / 451 dòng').waitFor();
    expect(await bodyNames()).toEqual(['Đỗ Thị Ngọc Điệp']);
    await search.fill('pho truong phong');
    await table().getByText('64 / 451 dòng').waitFor();
    const found = await exported();
    expect(found).toHaveLength(65);
    expect(found.slice(1).every((r) => r[5] === 'Phó Trưởng phòng')).toBe(true);

    await search.fill('');
    await table().getByText('451 dòng').waitFor();
    const code = table().getByRole('button', { name: /Mã cán bộ/ });
    await code.click(); // ascending, numbers by value
    await page.waitForFunction(() => document.querySelector('[data-testid="staff-table"] tbody tr td:nth-child(3)')?.textContent === 'HP-1');
    expect((await table().locator('tbody tr td:nth-child(3)').allInnerTexts()).slice(0, 3)).toEqual(['HP-1', 'HP-2', 'HP-3']);
    await code.click(); // descending
    await page.waitForFunction(() => document.querySelector('[data-testid="staff-table"] tbody tr td:nth-child(3)')?.textContent === 'HP-451');
    const all = await exported();
    expect(all[0].slice(0, 3)).toEqual(['Họ và tên', 'Ngày sinh', 'Mã cán bộ']);
    expect(all).toHaveLength(452);
    expect(all.slice(1, 4).map((r) => r[2])).toEqual(['HP-451', 'HP-450', 'HP-449']);
    expect(new Set(all.slice(1).map((r) => r[2])).size).toBe(451);
  });

  it('opens a person from the list with their whole record, and shows the edit at once', async () => {
    const { page } = app;
    await table().getByText('Đỗ Thị Ngọc Điệp').click();
    const dialog = page.getByRole('dialog');
    // The phone is not in the list's rows: it comes with the whole record.
    await expect.poll(() => dialog.getByRole('textbox', { name: 'Điện thoại' }).inputValue(), { timeout: 20_000 }).toBe('0912 345 678');
    await dialog.getByRole('textbox', { name: 'Chức vụ' }).fill('Trưởng phòng');
    await page.getByTestId('staff-save').click();
    await dialog.waitFor({ state: 'detached' });
    await table().getByRole('row', { name: /Đỗ Thị Ngọc Điệp/ }).getByText('Trưởng phòng', { exact: true }).waitFor();
  });
});
