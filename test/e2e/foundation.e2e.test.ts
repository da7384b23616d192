import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, startApp } from '../support/e2e';

/** Story: a provincial secretary installs ISO Desk, adds a district and follows it on the board. */
describe('first run, a new district, the board (Chromium)', () => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startApp({ setup: false });
  });
  afterAll(async () => app?.close());

  it('sets up the office on first run in Vietnamese', async () => {
    const { page } = app;
    await page.getByText('Chào mừng đến với ISO Desk').waitFor();
    await page.getByTestId('setup-submit').click();
    // The browser's own required-field check stops an empty submit: nothing is set up yet.
    expect(app.ws.sqlite.prepare('select count(*) n from settings').get()).toEqual({ n: 0 });
    await page.getByTestId('setup-province').click();
    await page.getByRole('option', { name: 'BHXH Hải Phòng' }).click();
    await page.getByTestId('setup-operator').fill('Lê Thị Cúc');
    await page.getByTestId('setup-submit').click();
    // The home screen is the dashboard (issue 7); the board lives at /board.
    await page.getByText('Tổng quan triển khai ISO').waitFor();
    await page.getByText('BHXH Hải Phòng · Lê Thị Cúc').waitFor();
  });

  it('adds a district, completes its first step, and sees it on the board', async () => {
    const { page } = app;
    await page.getByRole('link', { name: 'Đơn vị' }).click();
    await page.getByTestId('add-unit').click();
    await page.getByTestId('unit-code').fill('3116');
    await page.getByTestId('unit-name').fill('BHXH huyện Thử Nghiệm');
    await page.getByTestId('unit-parent').click();
    await page.getByRole('option', { name: /31 · BHXH Hải Phòng/ }).click();
    await page.getByTestId('unit-save').click();
    await page.getByText('Đã thêm đơn vị').waitFor();

    await page.getByRole('link', { name: 'Bảng tiến độ' }).click();
    const cell = page.getByTestId('cell-3116-1');
    await cell.waitFor();
    expect(await cell.innerText()).toContain('Chưa bắt đầu');

    // Completing step 2 before step 1 is refused with the rule, in Vietnamese.
    await page.getByTestId('cell-3116-2').click();
    await page.getByTestId('step-status').click();
    await page.getByRole('option', { name: 'Hoàn thành' }).click();
    await page.getByTestId('step-actual-end').fill('10/01/2013');
    await page.keyboard.press('Tab');
    await page.getByTestId('step-save').click();
    await page.getByTestId('step-error').waitFor();
    expect(await page.getByTestId('step-error').innerText()).toContain('bước 1 chưa hoàn thành');
    await page.keyboard.press('Escape');

    await cell.click();
    await page.getByTestId('step-status').click();
    await page.getByRole('option', { name: 'Hoàn thành' }).click();
    await page.getByTestId('step-actual-end').fill('05/01/2013');
    await page.keyboard.press('Tab');
    await page.getByTestId('step-save').click();
    await page.getByText('Đã cập nhật bước').waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="cell-3116-1"]')?.textContent?.includes('Hoàn thành'));
    const row = app.ws.sqlite
      .prepare("select s.status, s.actual_end from unit_steps s join units u on u.id = s.unit_id where u.code = '3116' and s.step = 1")
      .get();
    expect(row).toEqual({ status: 'done', actual_end: '2013-01-05' });
    // Search ignores diacritics: "thu nghiem" finds "Thử Nghiệm".
    await page.getByPlaceholder('Tìm kiếm (không cần dấu)…').fill('thu nghiem');
    await page.getByText('1 / 2 dòng').waitFor();
    await app.screenshot('foundation-board');
  });
});
