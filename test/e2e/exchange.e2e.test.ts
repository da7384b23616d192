import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eApp, SCREENSHOTS, startApp } from '../support/e2e';

/**
 * Story: the district of Hồng Bàng sends its data to the Hải Phòng province
 * office as a bundle file; the province checks the fingerprint by phone,
 * trusts the key, previews the bundle and applies it.
 */
describe('bundle from a district to its province (Chromium)', () => {
  let district: E2eApp;
  let province: E2eApp;
  const saved = process.env.ISODESK_PASSPHRASE;
  beforeAll(async () => {
    delete process.env.ISODESK_PASSPHRASE; // the browser preview asks for the passphrase
    district = await startApp({ setup: { office: { code: '3101' }, operator: 'Phạm Văn Dũng' } });
    province = await startApp({ setup: { office: { code: '31' }, operator: 'Lê Thị Cúc' } });
  });
  afterAll(async () => {
    await district?.close();
    await province?.close();
    if (saved !== undefined) process.env.ISODESK_PASSPHRASE = saved;
  });

  let bundleFile = '';
  let publicKey = '';
  let fingerprint = '';

  it('creates the district key and exports a bundle with progress', async () => {
    const { page } = district;
    await page.getByRole('link', { name: 'Trao đổi dữ liệu' }).click();
    await page.getByText('Văn phòng chưa có khóa ký').waitFor();
    await district.screenshot('exchange-no-key');
    await page.getByLabel('Mật khẩu khóa ký').fill('mật khẩu quận Hồng Bàng');
    await page.getByTestId('generate-key').click();
    await page.getByText('Đã tạo khóa ký').waitFor();
    fingerprint = (await page.getByTestId('own-fingerprint').innerText()).trim();
    expect(fingerprint).toMatch(/^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$/);
    const pubDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải khóa công khai (.pub)' }).click();
    const pubPath = join(district.dataDir, 'district.pub');
    await (await pubDownload).saveAs(pubPath);
    publicKey = readFileSync(pubPath, 'utf8');

    await page.getByTestId('open-export').click();
    await page.getByTestId('export-passphrase').fill('mật khẩu quận Hồng Bàng');
    await page.getByTestId('export-start').click();
    await page.getByTestId('export-done').waitFor();
    expect(await page.getByTestId('export-done').innerText()).toContain('Đã tạo gói số 1');
    const download = page.waitForEvent('download');
    await page.getByTestId('export-download').click();
    bundleFile = join(district.dataDir, 'to-province.zip');
    await (await download).saveAs(bundleFile);
    await district.screenshot('exchange-exported');
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: /Gói đã gửi/ }).click();
    await page.getByText('Chưa có biên nhận').waitFor();
    await district.screenshot('exchange-district');
  });

  it('refuses the bundle at the province until the key is trusted, then previews and applies it', async () => {
    const { page } = province;
    writeFileSync(join(province.dataDir, 'bundle.zip'), readFileSync(bundleFile));
    await page.getByRole('link', { name: 'Trao đổi dữ liệu' }).click();
    await page.getByLabel('Mật khẩu khóa ký').fill('mật khẩu tỉnh Hải Phòng');
    await page.getByTestId('generate-key').click();
    await page.getByTestId('own-fingerprint').waitFor();

    // An unknown key: refused with what to do.
    await page.getByTestId('open-import').click();
    await page.locator('.mantine-Modal-content input[type=file]').setInputFiles(bundleFile);
    await page.getByTestId('import-error').waitFor();
    expect(await page.getByTestId('import-error').innerText()).toContain('chưa được tin cậy');
    await page.keyboard.press('Escape');

    // Trust the district's key after comparing the fingerprint.
    await page.getByTestId('tab-trusted').click();
    await page.getByRole('button', { name: 'Thêm khóa tin cậy' }).click();
    await page.getByTestId('trust-public-key').fill(publicKey);
    await page.getByTestId('trust-unit').fill('3101');
    await page.getByRole('button', { name: 'Kiểm tra khóa' }).click();
    expect((await page.getByTestId('trust-fingerprint').innerText()).trim()).toBe(fingerprint);
    await province.screenshot('exchange-trust-confirm');
    await page.getByTestId('trust-confirm').click();
    await page.getByRole('button', { name: 'Tin cậy khóa này' }).click();
    await page.getByText('Đã thêm khóa tin cậy').waitFor();

    await page.getByTestId('open-import').click();
    await page.locator('.mantine-Modal-content input[type=file]').setInputFiles(bundleFile);
    await page.getByTestId('import-preview').waitFor();
    const preview = await page.getByTestId('import-preview').innerText();
    expect(preview).toContain('Gói số 1 của 3101');
    expect(preview).toContain('Bước triển khai');
    await province.screenshot('exchange-import-preview');
    const before = province.ws.sqlite.prepare("SELECT COUNT(*) AS n FROM units WHERE code = '3101'").get();
    expect(before).toEqual({ n: 0 });
    await page.getByLabel('Mật khẩu khóa ký').fill('mật khẩu tỉnh Hải Phòng');
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-done').waitFor();
    expect(province.ws.sqlite.prepare("SELECT COUNT(*) AS n FROM units WHERE code = '3101'").get()).toEqual({ n: 1 });
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: /Gói đã nhận/ }).click();
    await page.getByText('Đã áp dụng').waitFor();
    await province.screenshot('exchange-province');
    await page.getByText('Đã áp dụng').click();
    await page.getByRole('dialog').getByText('Bước triển khai').waitFor();
    await province.screenshot('exchange-received-detail');
    await page.keyboard.press('Escape');
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Data exchange' }).waitFor();
    await page.getByText('Applied', { exact: true }).waitFor();
    await province.screenshot('exchange-province-en');
  });

  it('offers the receipt again when the same bundle is imported a second time, signed anew when it was lost', async () => {
    const { page } = province;
    await page.getByText('Tiếng Việt', { exact: true }).click();
    await page.getByRole('heading', { name: 'Trao đổi dữ liệu' }).waitFor();
    const receipts = join(province.dataDir, 'exchange', 'receipts');
    const [kept] = readdirSync(receipts).map((f) => join(receipts, f));
    const bundleSha256 = province.ws.sqlite.prepare("SELECT bundle_sha256 FROM bundles_received WHERE status = 'applied'").pluck().get() as string;
    const changes = () => province.ws.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get();
    const before = changes();
    const importAgain = async () => {
      await page.getByTestId('open-import').click();
      await page.locator('.mantine-Modal-content input[type=file]').setInputFiles(bundleFile);
      await page.getByTestId('import-already').waitFor();
    };
    const saveReceipt = async (name: string) => {
      const download = page.waitForEvent('download');
      await page.getByTestId('save-receipt').click();
      const d = await download;
      expect(d.suggestedFilename()).toBe('receipt-3101-1.txt');
      const file = join(province.dataDir, name);
      await d.saveAs(file);
      return readFileSync(file, 'utf8');
    };

    // Imported before, its receipt at hand: offered as it is, nothing imported again.
    await importAgain();
    expect(await page.getByTestId('import-already').innerText()).toContain('đã được nhập trước đây');
    await expect.poll(() => page.getByTestId('import-apply').count()).toBe(0);
    await province.screenshot('exchange-import-already');
    expect(await saveReceipt('receipt-again.txt')).toBe(readFileSync(kept, 'utf8'));
    await page.keyboard.press('Escape');

    // A crash between the import's commit and its receipt left none: signed anew, once the passphrase is given.
    rmSync(kept);
    await importAgain();
    await page.getByTestId('save-receipt').click();
    await page.getByTestId('receipt-unsigned').waitFor();
    expect(await page.getByTestId('receipt-unsigned').innerText()).toContain('nhập mật khẩu khóa ký');
    await page.locator('[data-testid=save-receipt]:not([data-loading])').waitFor();
    // The button's loader is still fading out: finished, not waited for.
    await page.screenshot({ path: join(SCREENSHOTS, 'exchange-import-already-passphrase.png'), fullPage: true, animations: 'disabled' });
    await page.getByTestId('receipt-passphrase').fill('không phải mật khẩu');
    await page.getByTestId('save-receipt').click();
    await page.getByText('Không ký được biên nhận với mật khẩu này').waitFor();
    await page.getByTestId('receipt-passphrase').fill('mật khẩu tỉnh Hải Phòng');
    const text = await saveReceipt('receipt-recovered.txt');
    const body = JSON.parse(text.slice(0, text.indexOf('\n')));
    expect(body).toMatchObject({ format: 'isodesk-receipt/1', bundle_sha256: bundleSha256, issuer_code: '3101', sequence: 1, receiver_code: '31', status: 'applied' });
    expect(existsSync(kept) && readFileSync(kept, 'utf8')).toBe(text);
    // Offering the receipt changed no record.
    expect(changes()).toEqual(before);
    await page.keyboard.press('Escape');
  });
});
