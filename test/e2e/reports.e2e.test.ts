import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, startApp } from '../support/e2e';

/** Story 9: the province's secretary looks at the dashboard, builds the annual report and saves its PDF. */
describe('dashboard, annual report and its PDF (Chromium)', () => {
  let app: E2eApp;
  const year = new Date().getFullYear();
  beforeAll(async () => {
    app = await startApp({ setup: { office: { code: '31' }, operator: 'Lê Thị Cúc', demo: true } });
  });
  afterAll(async () => app?.close());

  it('opens on the dashboard; a figure clicks through to the units behind it', async () => {
    const { page } = app;
    await page.getByText('Tổng quan triển khai ISO').waitFor();
    await page.getByTestId('card-inScope').waitFor();
    // Hải Phòng and its 15 demo districts.
    expect(await page.getByTestId('card-inScope').innerText()).toContain('16');
    await page.getByText('Đơn vị theo bước triển khai').waitFor();
    await page.waitForTimeout(600); // let the charts animate in before the screenshot
    await app.screenshot('reports-dashboard');
    await page.getByTestId('slice-steps.byStep-4').click();
    const drawer = page.getByTestId('figure-drawer');
    await drawer.waitFor();
    const expected = app.ws.sqlite
      .prepare(
        `select count(*) n from units u where (u.code = '31' or u.parent_id = (select id from units where code = '31'))
           and (select count(*) from unit_steps s where s.unit_id = u.id and s.status = 'done') = 3`,
      )
      .get() as { n: number };
    await page.getByText(`${expected.n} dòng`).waitFor();
    await app.screenshot('reports-dashboard-drill');
    await page.keyboard.press('Escape');
  });

  it('builds the annual report for the province, previews it and saves its PDF', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Báo cáo định kỳ' }).click();
    await page.getByText('Chưa có báo cáo nào').waitFor();
    await page.getByTestId('report-create').click();
    await page.getByTestId('report-create-submit').click();
    await page.getByText('Đã tạo dự thảo báo cáo').waitFor();
    await page.getByTestId('report-number').fill('25/BC-BHXH');
    await page.getByTestId('section-results').fill('Toàn tỉnh duy trì hệ thống quản lý chất lượng theo TCVN ISO 9001:2015.');
    await page.getByTestId('section-difficulties').fill('Một số huyện thiếu chuyên gia đánh giá nội bộ.');
    await page.getByTestId('section-recommendations').fill('Đề nghị mở lớp đào tạo đánh giá nội bộ.');
    await page.getByTestId('report-save').click();
    await page.getByText('Đã lưu báo cáo').waitFor();
    await app.screenshot('reports-editor');

    await page.getByTestId('report-preview').click();
    await page.getByTestId('report-sheet').waitFor();
    await page.waitForFunction(() => !!document.querySelector('[data-testid="report-sheet"]')?.shadowRoot?.textContent?.includes('Độc lập - Tự do - Hạnh phúc'));
    await app.screenshot('reports-print-preview');

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('dialog').getByTestId('export-pdf').click()]);
    expect(download.suggestedFilename()).toBe(`bao-cao-HTQLCL-nam-${year}.pdf`);
    const path = join(mkdtempSync(join(tmpdir(), 'isodesk-e2e-pdf-')), download.suggestedFilename());
    await download.saveAs(path);
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).normalize('NFC');
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'BẢO HIỂM XÃ HỘI HẢI PHÒNG', 'Số: 25/BC-BHXH', `năm ${year}`, 'Nơi nhận:', '- Lưu: VT.', 'Một số huyện thiếu chuyên gia đánh giá nội bộ.']) {
      expect(text).toContain(s);
    }
    expect(text.split('\n').find((l) => l.includes('Số đơn vị thuộc phạm vi'))).toMatch(/\b16\s*$/);
    await page.getByRole('button', { name: 'Đóng' }).click();
  });

  it('finalises the report and finds it in the history', async () => {
    const { page } = app;
    await page.getByTestId('report-finalise').click();
    await page.getByTestId('report-finalise-confirm').click();
    await page.getByText('Báo cáo đã hoàn tất', { exact: true }).waitFor();
    await page.getByRole('link', { name: '← Danh sách báo cáo' }).click();
    const table = page.getByTestId('reports-table');
    await table.getByText('25/BC-BHXH').waitFor();
    expect(await table.innerText()).toContain('Đã hoàn tất');
    await app.screenshot('reports-history');
    await page.getByRole('tab', { name: 'Mẫu báo cáo' }).click();
    await page.getByText('Mẫu có sẵn', { exact: true }).waitFor();
    // Headquarters changed the figures: copy the built-in template and keep what it asks for.
    await page.getByRole('button', { name: 'Tạo bản sao' }).click();
    await page.getByRole('dialog').getByText('Chỉ tiêu (theo thứ tự in)').waitFor();
    await app.screenshot('reports-template-edit');
    await page.getByRole('dialog').getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Đã lưu mẫu báo cáo').waitFor();
    await page.getByText('2 dòng').waitFor();
    await app.screenshot('reports-templates');
  });

  it('scores the districts for the year with evidence, and saves the criteria set', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Chấm điểm thi đua' }).click();
    await page.getByText('Năm này chưa có bộ tiêu chí').waitFor();
    const rows = page.getByTestId('scoring-table');
    await rows.getByText('15 dòng').waitFor();
    await page.getByTestId('scoring-save').click();
    await page.getByText('Đã lưu bộ tiêu chí').waitFor();
    await app.screenshot('reports-scoring');
    await rows.locator('tbody tr').first().click();
    await page.getByText('Chi tiết chấm điểm').waitFor();
    await app.screenshot('reports-scoring-detail');
  });

  it('reads the same dashboard in English', async () => {
    const { page } = app;
    await page.keyboard.press('Escape');
    await page.getByText('Chi tiết chấm điểm').waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: 'Tổng quan' }).click();
    await page.getByText('English', { exact: true }).click();
    await page.getByText('ISO rollout at a glance').waitFor();
    await page.getByText('Units by rollout step').waitFor();
    await page.waitForTimeout(600);
    await app.screenshot('reports-dashboard-en');
  });
});
