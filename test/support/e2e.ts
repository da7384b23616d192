import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createRouter } from '../../electron/api/router';
import { rendererDir } from '../../electron/cli/index';
import { startHost, type Host } from '../../electron/host/server';
import { completeSetup, type SetupInput } from '../../electron/services/setup';
import { openWorkspace, type Workspace } from '../../electron/services/workspace';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'test-output', 'screenshots');

export interface E2eApp {
  page: Page;
  host: Host;
  ws: Workspace;
  dataDir: string;
  /** Saves a full-page PNG under test-output/screenshots. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real renderer in Debian's Chromium, against the real host, router,
 * services and a fresh SQLite data folder — exactly what `npm run web` serves.
 */
export async function startApp(options: { setup?: Partial<SetupInput> | false; viewport?: { width: number; height: number } } = {}): Promise<E2eApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'isodesk-e2e-'));
  const ws = openWorkspace(dataDir);
  if (options.setup !== false) {
    const setup = { office: { code: '31' }, operator: 'Lê Thị Cúc', demo: false, ...(options.setup ?? {}) };
    ws.sqlite.transaction(() => completeSetup(ws, setup as SetupInput))();
  }
  const host = await startHost({ router: createRouter(ws), staticDir: rendererDir });
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1440, height: 900 }, locale: 'vi-VN' });
  // Generous: CI runs two browsers at once on two cores.
  page.setDefaultTimeout(30_000);
  await page.goto(host.openUrl);
  // Ready when the first screen is up: the navigation, or the first-run form.
  await page.waitForSelector('.mantine-AppShell-navbar, form', { timeout: 60_000 });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    page,
    host,
    ws,
    dataDir,
    async screenshot(name) {
      const path = join(SCREENSHOTS, `${name}.png`);
      // A modal still fading out (or a drawer sliding in) would be caught half-drawn over the page.
      await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 5000 }).catch(() => undefined);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await browser.close();
      await host.close();
      ws.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
