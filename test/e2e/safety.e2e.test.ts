import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, startApp } from '../support/e2e';

/**
 * Story: the ISO secretary backs up before a risky change, checks the data,
 * restores yesterday's state after a mistake, and shows an auditor who
 * changed what.
 */
describe('backups, integrity check and the audit trail (Chromium)', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startApp({ setup: { demo: true } });
  }, 180_000);
  afterAll(async () => app?.close());

  const units = () => app.ws.sqlite.prepare('SELECT count(*) FROM units').pluck().get() as number;

  it('backs up now, checks integrity and restores with confirmation', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Sao lưu & kiểm tra' }).click();
    await page.getByText('Chưa có bản sao lưu nào').waitFor();
    await page.getByTestId('backup-now').click();
    await page.getByText('Đã sao lưu và kiểm tra').waitFor();
    await page.getByTestId('backups-table').getByText('Thủ công').waitFor();

    await page.getByTestId('check-full').click();
    await page.getByTestId('integrity-ok').waitFor();
    await app.screenshot('safety-backups');

    // A mistake after the backup…
    const before = units();
    const state = app.ws.sqlite.prepare("SELECT value FROM settings WHERE key = 'officeUnitId'").pluck().get() as string;
    const res = await page.evaluate(
      async ([parentId]) => {
        const token = sessionStorage.getItem('isodesk.token');
        const r = await fetch('/api/units.create', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ code: '31777', name: 'Nhập nhầm', type: 'district', parentId }),
        });
        return r.json();
      },
      [state],
    );
    expect(res.ok).toBe(true);
    expect(units()).toBe(before + 1);

    // …undone by restoring the backup, after a confirmation.
    await page.reload();
    await page.locator('[data-testid^="restore-isodesk_"]').first().click();
    await page.getByText('Toàn bộ dữ liệu hiện tại sẽ được thay').waitFor();
    await page.waitForTimeout(400); // let the modal finish fading in
    await app.screenshot('safety-restore-confirm');
    await page.getByTestId('restore-confirm').click();
    await page.getByText(/Đã khôi phục bản sao lưu/).waitFor();
    expect(units()).toBe(before);
    await page.getByTestId('backups-table').getByText('Trước khi khôi phục').waitFor();
  });

  it('shows the change log as a searchable, read-only list', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Nhật ký thay đổi' }).click();
    await page.getByText('Chỉ xem').waitFor();
    const table = page.getByTestId('audit-table');
    await table.getByText('Lê Thị Cúc').first().waitFor();
    await page.getByPlaceholder('Tìm kiếm (không cần dấu)…').fill('hai phong');
    await table.getByText('BHXH Hải Phòng').first().waitFor();
    await app.screenshot('safety-audit');
    await page.getByPlaceholder('Tìm kiếm (không cần dấu)…').fill('');
    await page.getByText('English', { exact: true }).click();
    await page.getByText('Read-only').waitFor();
    await app.screenshot('safety-audit-en');
    await page.getByRole('link', { name: 'Backups & checks' }).click();
    await page.getByText('Backups, restore and data checks').waitFor();
    await app.screenshot('safety-backups-en');
    // Nothing on the page edits or deletes an entry.
    expect(await page.getByRole('button', { name: /Xoá|Xóa|Sửa/ }).count()).toBe(0);
  });
});
