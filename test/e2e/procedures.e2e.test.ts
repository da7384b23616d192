import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, startApp } from '../support/e2e';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Story: the secretary writes a procedure, has version 1 approved with its signed PDF, applies it to two districts and checks the matrix. */
describe('procedures: create, approve with a PDF, apply to two districts, see the matrix (Chromium)', { timeout: 120_000 }, () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startApp({ setup: { demo: true } });
  });
  afterAll(async () => app?.close());
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await app.screenshot(`failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}`);
  });

  it('creates a procedure and approves its first version with the signed PDF attached', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Quy trình, tài liệu' }).click();
    await page.getByText('Quy trình và kiểm soát tài liệu').waitFor();
    await page.getByTestId('load-starter').click();
    await page.getByText(/Đã nạp 23 quy trình mẫu/).waitFor();
    await app.screenshot('procedures-catalogue');

    await page.getByTestId('add-procedure').click();
    await page.getByTestId('procedure-code').fill('QT-THU-99');
    await page.getByTestId('procedure-title').fill('Quy trình thu BHXH tự nguyện qua đại lý');
    await page.getByTestId('procedure-save').click();
    await page.getByRole('heading', { name: 'Quy trình thu BHXH tự nguyện qua đại lý' }).waitFor();

    await page.getByTestId('new-version').click();
    await page.getByTestId('version-summary').fill('Ban hành lần đầu theo mô hình khung');
    await page.getByTestId('version-save').click();
    await page.getByTestId('submit-1').click();
    await page.getByTestId('approve-1').click();

    // Approval without a decision number is refused with the rule, in Vietnamese; nothing changes.
    await page.getByTestId('approve-decision-date').fill('10/01/2013');
    await page.keyboard.press('Tab');
    await page.getByTestId('approve-signer').fill('Nguyễn Văn An');
    await page.getByTestId('approve-save').click();
    expect(await page.getByTestId('approve-error').innerText()).toContain('Cần nhập Số quyết định');

    await page.getByTestId('approve-decision-no').fill('1388/QĐ-BHXH');
    await page.locator('input[type="file"]').setInputFiles({ name: 'QT-THU-99 đã ký.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByTestId('approve-save').click();
    await page.getByText('Đã phê duyệt phiên bản').waitFor();
    await page.getByTestId('file-QT-THU-99 đã ký.pdf').waitFor();
    expect(await page.getByTestId('versions-table').innerText()).toContain('Đã phê duyệt');

    const row = app.ws.sqlite.prepare("select a.sha256, a.size from attachments a join procedure_versions v on v.id = a.subject_id where v.status = 'approved'").get() as { sha256: string; size: number };
    expect(row.size).toBe(PDF.length);
    const stored = join(app.dataDir, 'attachments', row.sha256.slice(0, 2), row.sha256);
    expect(existsSync(stored) && readFileSync(stored).equals(PDF)).toBe(true);

    // The browser preview downloads the file (verified against its hash).
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('file-QT-THU-99 đã ký.pdf').click()]);
    expect(download.suggestedFilename()).toBe('QT-THU-99 đã ký.pdf');
    await app.screenshot('procedures-procedure-page');
  });

  it('applies the version to two districts and shows them current in the matrix', async () => {
    const { page } = app;
    await page.getByTestId('tab-adoption').click();
    await page.getByTestId('apply-units').click();
    const select = page.getByTestId('apply-units-select');
    await select.click();
    await select.fill('Hồng Bàng');
    await page.getByRole('option', { name: /3101 · .*Hồng Bàng/ }).click();
    await select.fill('Ngô Quyền');
    await page.getByRole('option', { name: /3102 · .*Ngô Quyền/ }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('apply-save').click();
    await page.getByText('Đã ghi nhận áp dụng').waitFor();
    await page.getByTestId('adoptions-table').getByText(/Ngô Quyền/).waitFor();

    await page.getByRole('link', { name: 'Ma trận áp dụng' }).click();
    await page.getByText('Ma trận áp dụng quy trình').waitFor();
    const cell = (code: string) => page.getByTestId(`cell-${code}-QT-THU-99`);
    await cell('3101').waitFor();
    expect(await cell('3101').getAttribute('data-state')).toBe('current');
    expect(await cell('3102').getAttribute('data-state')).toBe('current');
    expect(await cell('3103').getAttribute('data-state')).toBe('missing');
    expect(await page.locator('[data-testid$="-QT-THU-99"][data-state="current"]').count()).toBe(2);

    // Version 2 is approved: both districts are flagged as applying an old version.
    await page.getByRole('link', { name: 'Quy trình, tài liệu' }).click();
    await page.getByTestId('procedure-search').fill('dai ly tu nguyen');
    await page.getByTestId('search-hits').getByText('Quy trình thu BHXH tự nguyện qua đại lý').click();
    await page.getByTestId('new-version').click();
    await page.getByTestId('version-summary').fill('Bổ sung thu qua dịch vụ bưu chính');
    await page.getByTestId('version-save').click();
    await page.getByTestId('submit-2').click();
    await page.getByTestId('approve-2').click();
    await page.getByTestId('approve-decision-no').fill('2150/QĐ-BHXH');
    await page.getByTestId('approve-decision-date').fill('01/07/2014');
    await page.keyboard.press('Tab');
    await page.getByTestId('approve-signer').fill('Trần Thị Bình');
    await page.getByTestId('approve-save').click();
    await page.getByTestId('versions-table').getByText('2150/QĐ-BHXH').waitFor();
    await page.getByRole('tab', { name: 'So sánh phiên bản' }).click();
    await page.getByText('2150/QĐ-BHXH', { exact: true }).first().waitFor();
    await app.screenshot('procedures-diff');

    await page.getByRole('link', { name: 'Ma trận áp dụng' }).click();
    await page.getByTestId('adoption-matrix').waitFor();
    await page.getByTestId('matrix-domain').click({ force: true });
    await page.getByRole('option', { name: 'Thu' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid$="-QT-THU-99"][data-state="outdated"]').length === 2);
    await app.screenshot('procedures-matrix');
  });

  it('shows a unit checklist with its score', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Yêu cầu ISO' }).click();
    await page.getByTestId('checklist-unit').click();
    await page.getByRole('option', { name: /31 · BHXH Hải Phòng/ }).click();
    await page.getByTestId('choose-2015').click();
    await page.getByTestId('clause-4.3').click();
    await page.getByTestId('clause-status').click();
    await page.getByRole('option', { name: 'Phù hợp', exact: true }).click();
    await page.locator('input[type="file"]').setInputFiles({ name: 'Phạm vi HTQLCL.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByTestId('clause-save').click();
    await page.getByText('Đã cập nhật điều khoản').waitFor();
    await page.getByTestId('checklist-table').getByText('Phạm vi HTQLCL.pdf').waitFor();
    // Same bytes as the approved procedure's PDF: stored once.
    expect(app.ws.sqlite.prepare("select count(*) n from attachments where subject_type = 'checklist_item'").get()).toEqual({ n: 1 });
    expect(app.ws.sqlite.prepare('select count(distinct sha256) n from attachments').get()).toEqual({ n: 1 });
    await app.screenshot('procedures-checklist');
  });
});
