import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTrustedKey, exportBundle, generateOfficeKey, provideSealer } from '../../electron/services/exchange';
import { office, testSealer } from '../integration/bundle/offices';
import { type E2eApp, startApp } from '../support/e2e';

/**
 * Story 7 on the desktop: the secretary double-clicks a district's bundle on
 * the USB stick; ISO Desk opens its import preview. The preload's bridge is
 * stood in for by a page script with exactly its shape (`call` over the same
 * router, `onOpenFiles`), since Electron's binary cannot run here.
 */
describe('a bundle opened with the app goes to the import preview (Chromium)', () => {
  let app: E2eApp;
  let bundleFile = '';
  beforeAll(async () => {
    const district = office('3101');
    bundleFile = (await exportBundle(district.ws, { output: join(district.dir, 'isodesk-3101.zip') })).file;
    app = await startApp({ setup: { office: { code: '31' }, operator: 'Lê Thị Cúc' } });
    provideSealer(app.ws, testSealer);
    app.ws.sqlite.transaction(() => {
      generateOfficeKey(app.ws);
      addTrustedKey(app.ws, { publicKey: district.key.publicKeyFile, unitCode: '3101', confirmFingerprint: district.key.fingerprint });
    })();
    await app.page.addInitScript((token: string) => {
      const listeners: ((paths: string[]) => void)[] = [];
      (window as any).isodesk = Object.freeze({
        transport: 'desktop',
        call: async (method: string, input: unknown) =>
          (await fetch(`api/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify(input ?? {}) })).json(),
        dialog: async () => ({ ok: true, value: { paths: [] } }),
        onOpenFiles: (l: (paths: string[]) => void) => {
          listeners.push(l);
          return () => listeners.splice(listeners.indexOf(l), 1);
        },
      });
      (window as any).__openFiles = (paths: string[]) => listeners.forEach((l) => l(paths));
    }, app.host.token);
    await app.page.goto(`${app.host.url}/#/`);
    await app.page.reload();
    await app.page.waitForSelector('.mantine-AppShell-navbar');
  });
  afterAll(async () => app?.close());

  it('shows the preview of the opened file and applies it', async () => {
    const { page } = app;
    await page.evaluate((file) => (window as any).__openFiles([file]), bundleFile);
    await page.getByTestId('import-preview').waitFor();
    expect(await page.getByTestId('import-preview').innerText()).toContain('3101');
    await app.screenshot('open-bundle-preview');
    await page.getByRole('button', { name: /Nhập|Áp dụng/ }).last().click();
    await page.waitForFunction(() => document.body.innerText.includes('3101'));
    await expect.poll(() => (app.ws.sqlite.prepare('SELECT count(*) n FROM bundles_received').get() as { n: number }).n, { timeout: 30_000 }).toBe(1);
  });
});
