import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFinding, setActionStatus } from '../../electron/services/improvement/actions';
import { planAudit } from '../../electron/services/improvement/audits';
import { recordCertificate } from '../../electron/services/improvement/certification';
import { type E2eApp, startApp } from '../support/e2e';

/** Story 5: the secretary plans an internal audit, logs a nonconformity and tracks its action to closure. */
describe('internal audit → nonconformity → corrective action → unit health (Chromium)', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => app?.close());

  const health = () => app.page.getByTestId('health-status').first().innerText();

  it('plans an audit for the office and sees the independence warning', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Duy trì HTQLCL' }).click();
    await page.getByText('Tình trạng duy trì HTQLCL').waitFor();
    await page.getByTestId('health-table').getByText('BHXH Hải Phòng').click();
    await page.getByTestId('plan-audit').waitFor();
    expect(await health()).toBe('Tốt');
    await app.screenshot('improvement-health-good');

    await page.getByTestId('plan-audit').click();
    await page.getByTestId('audit-title').fill('Đánh giá nội bộ năm 2026');
    await page.getByTestId('audit-start').fill('02/11/2026');
    await page.keyboard.press('Tab');
    await page.getByTestId('audit-clauses').fill('8.2.2');
    await page.keyboard.press('Enter');
    await page.getByTestId('audit-departments').fill('Phòng Thu');
    await page.keyboard.press('Enter');
    await page.getByTestId('audit-lead').fill('Trần Văn Bình');
    await page.getByTestId('audit-lead-department').fill('Phòng Thu');
    await app.screenshot('improvement-plan-audit');
    await page.getByTestId('audit-save').click();
    await page.getByText('Đã lập kế hoạch đánh giá').waitFor();

    await page.getByRole('tab', { name: /Đánh giá nội bộ/ }).click();
    await page.getByTestId('unit-audits').getByText('Đánh giá nội bộ năm 2026').click();
    await page.getByTestId('audit-team').getByText('Đánh giá chính phòng mình (Phòng Thu)').waitFor();
  });

  it('records a nonconformity (refused without a clause) with its corrective action', async () => {
    const { page } = app;
    await page.getByTestId('audit-mark-done').click();
    await page.getByTestId('audit-actual-end').fill('04/11/2026');
    await page.keyboard.press('Tab');
    await page.getByTestId('audit-done-save').click();
    await page.getByText('Đã ghi nhận cuộc đánh giá').waitFor();

    await page.getByTestId('add-finding').click();
    await page.getByTestId('finding-description').fill('Hồ sơ thu lưu không có danh mục hồ sơ');
    await page.getByTestId('finding-owner').fill('Phạm Thị Lan');
    await page.getByTestId('finding-due').fill('31/12/2026');
    await page.keyboard.press('Tab');
    await page.getByTestId('finding-save').click();
    await page.getByTestId('finding-error').waitFor();
    expect(await page.getByTestId('finding-error').innerText()).toContain('điều khoản tiêu chuẩn hoặc mã thủ tục');
    expect(app.ws.sqlite.prepare('select count(*) n from findings').get()).toEqual({ n: 0 });

    await page.getByTestId('finding-clause').fill('4.2.4');
    await page.getByTestId('finding-save').click();
    await page.getByText('Đã ghi nhận phát hiện').waitFor();
    await page.getByTestId('findings-table').getByText('Hồ sơ thu lưu không có danh mục hồ sơ').waitFor();
    await app.screenshot('improvement-audit-page');

    await page.getByRole('link', { name: 'BHXH Hải Phòng' }).first().click();
    await page.getByTestId('plan-audit').waitFor();
    // The page first shows the answer cached on the last visit, then the fresh one.
    await expect.poll(health).toBe('Cần chú ý');
    expect(await page.getByTestId('health-issues').innerText()).toContain('1 hành động đang mở');
  });

  it('closes the action on the board and sees the unit healthy again', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Hành động khắc phục' }).click();
    await page.getByText('Bảng hành động khắc phục').waitFor();
    await page.locator('[data-testid^="finish-"]').click();
    await page.getByText('Đã ghi nhận hoàn thành').waitFor();
    await page.getByTestId('actions-filter').getByText('Chờ xác nhận').click();
    await page.locator('[data-testid^="verify-"]').click();
    await page.getByTestId('verify-by').fill('Nguyễn Văn An');
    await page.getByTestId('verify-save').click();
    await page.getByText('Đã kiểm tra xác nhận').waitFor();
    await page.getByTestId('actions-filter').getByText('Tất cả').click();
    await page.getByTestId('actions-table').getByText('Đã xác nhận').waitFor();
    await app.screenshot('improvement-actions');
    const row = app.ws.sqlite.prepare('select status, verified_by, effective from corrective_actions').get();
    expect(row).toEqual({ status: 'verified', verified_by: 'Nguyễn Văn An', effective: 1 });

    await page.getByRole('link', { name: 'Duy trì HTQLCL' }).click();
    await page.getByTestId('health-table').getByText('BHXH Hải Phòng').click();
    await page.getByTestId('plan-audit').waitFor();
    await expect.poll(health).toBe('Tốt');
    await app.screenshot('improvement-health-after');
  });

  it('lists what falls due in the next 12 months, overdue first', async () => {
    const { page, ws } = app;
    const office = ws.sqlite.prepare("select id from units where code = '31'").get() as { id: string };
    const year = new Date().getFullYear();
    ws.sqlite.transaction(() => {
      planAudit(ws, { unitId: office.id, title: `Đánh giá nội bộ năm ${year + 1}`, plannedStart: `${year + 1}-05-10`, clauses: ['9.2'], team: [{ role: 'lead', fullName: 'Đỗ Minh', internalAuditCourse: true }] });
      recordCertificate(ws, { unitId: office.id, number: 'HT 2024-117', issuer: 'QUACERT', standard: '2015', scope: ['THU'], issueDate: `${year - 2}-01-15` });
    })();
    await page.getByRole('link', { name: 'Lịch đến hạn' }).click();
    await page.getByText('Lịch đến hạn 12 tháng tới').waitFor();
    const table = page.getByTestId('calendar-table');
    await table.getByText(`Đánh giá nội bộ năm ${year + 1}`).waitFor();
    expect(await table.innerText()).toContain('Quá hạn'); // the second yearly surveillance audit was missed
    expect(await table.innerText()).toContain('Hết hạn chứng nhận');
    await app.screenshot('improvement-calendar');
    await page.getByRole('link', { name: 'Duy trì HTQLCL' }).click();
    await page.getByTestId('health-table').getByText('Nghiêm trọng').waitFor();
    await app.screenshot('improvement-health-overview');
  });

  it('sets a quality objective, raises feedback to headquarters, lists organisations; English is complete', async () => {
    const { page } = app;
    await page.getByTestId('health-table').getByText('BHXH Hải Phòng').click();
    await page.getByRole('tab', { name: 'Mục tiêu chất lượng' }).click();
    await page.getByRole('button', { name: 'Thêm mục tiêu' }).click();
    await page.getByLabel('Chỉ tiêu').fill('≥ 98% hồ sơ đúng hẹn');
    await page.getByRole('textbox', { name: /^Mục tiêu/ }).fill('Trả kết quả thủ tục hành chính đúng hẹn');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu mục tiêu').waitFor();
    await page.getByText('Trả kết quả thủ tục hành chính đúng hẹn').waitFor();
    await app.screenshot('improvement-objectives');

    await page.getByRole('tab', { name: 'Kiến nghị' }).click();
    await page.getByRole('button', { name: 'Thêm kiến nghị' }).click();
    await page.getByLabel('Nội dung').fill('Quy trình khung chưa có mẫu biểu thu BHYT học sinh');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu kiến nghị').waitFor();
    await page.getByText('Quy trình khung chưa có mẫu biểu thu BHYT học sinh').waitFor();
    await app.screenshot('improvement-feedback');

    await page.getByRole('link', { name: 'Tư vấn, chứng nhận' }).click();
    await page.getByText('Chưa có tổ chức nào').waitFor();
    await page.getByText('English').click();
    await page.getByRole('link', { name: 'Corrective actions' }).click();
    await page.getByText('Corrective action board').waitFor();
    await app.screenshot('improvement-actions-en');
    await page.getByText('Tiếng Việt').click();
  });

  it('lists the chosen filter’s actions (asked of the server), counts every action, and exports what it lists', async () => {
    const { page, ws } = app;
    const office = ws.sqlite.prepare("select id from units where code = '31'").get() as { id: string };
    const year = new Date().getFullYear();
    // Six complaints: three overdue, two not yet due, one done and awaiting verification.
    const about = ['', 'thu bảo hiểm', 'cấp sổ thẻ', 'chế độ ốm đau', 'thai sản', 'hưu trí', 'tử tuất'];
    ws.sqlite.transaction(() => {
      for (let i = 1; i <= 6; i++) {
        const opened = `${year - 1}-03-0${i}`;
        const { action } = recordFinding(ws, {
          source: 'complaint',
          unitId: office.id,
          severity: 'minor',
          procedureCode: 'THU.02',
          description: `Khiếu nại về ${about[i]}: trả kết quả chậm`,
          foundDate: opened,
          correctiveAction: { owner: 'Phòng Thu', openedDate: opened, dueDate: i <= 3 ? `${year - 1}-05-01` : `${year + 1}-01-31` },
        });
        if (i === 6) setActionStatus(ws, action!.id, 'done', `${year - 1}-04-01`);
      }
    })();
    await page.reload(); // written beside the app: the page's cached answers predate them
    await page.getByRole('link', { name: 'Hành động khắc phục' }).click();
    await page.getByText('Bảng hành động khắc phục').waitFor();
    const table = page.getByTestId('actions-table');
    // Not done (the default): five rows; the counts cover all seven actions, the one verified earlier included.
    await table.getByText('5 dòng').waitFor();
    expect(await page.getByTestId('overdue-count').innerText()).toBe('3');
    expect(await page.getByTestId('actions-statuses').innerText()).toMatch(/Mở: 5.*Đang thực hiện: 0.*Đã hoàn thành: 1.*Đã xác nhận: 1/s);
    await page.getByTestId('actions-filter').getByText('Quá hạn').click();
    await table.getByText('3 dòng').waitFor();
    await app.screenshot('improvement-actions-overdue');
    const [download] = await Promise.all([page.waitForEvent('download'), table.getByRole('button', { name: 'Xuất Excel' }).click()]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const titles = wb.worksheets[0].getColumn(2).values.slice(2).map(String).sort();
    expect(titles).toEqual([1, 2, 3].map((i) => `Khiếu nại về ${about[i]}: trả kết quả chậm`).sort());
    // Search narrows the filter's rows on the page.
    await table.getByRole('textbox').fill('so the');
    await table.getByText('1 / 3 dòng').waitFor();
    await table.getByRole('textbox').fill('');
    await page.getByTestId('actions-filter').getByText('Tất cả').click();
    await table.getByText('7 dòng').waitFor();
  });
});
