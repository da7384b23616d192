import { chromium, type Browser } from 'playwright-core';
import { rendererDir } from '../../electron/cli/index';
import type { Router } from '../../electron/api/router';
import { startHost } from '../../electron/host/server';
import buildRenderer from '../../test/support/global-setup';
import { summarise, type Summary } from '../stats';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Marks the page's own clock when a DataTable first shows body rows:
 * `rows:<data-testid>`. Installed before any page script runs.
 */
const FIRST_ROWS_OBSERVER = `(() => {
  const seen = new Set();
  const look = () => {
    for (const t of document.querySelectorAll('[data-testid$="-table"]')) {
      const id = t.getAttribute('data-testid');
      if (!seen.has(id) && t.querySelector('tbody tr td')) {
        seen.add(id);
        performance.mark('rows:' + id, { detail: { inDom: t.querySelectorAll('tbody tr').length } });
      }
    }
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true });
})();`;

export interface RendererFigures {
  boardVisible: Summary;
  /** In-app navigation to the units list until its first rows show. */
  unitsFirstRows: Summary;
  unitsRows: number;
  unitsRowsInDom: number;
  /** Where the time went (medians, ms on the page clock): script ready, data received. */
  breakdown: { scriptsDone: number; boardDataReceived: number; unitsDataReceived: number };
}

/**
 * The real renderer in Debian's Chromium against the real host on the data
 * folder: each run is a fresh browser context (no cache), timed with the
 * page's own performance marks.
 */
export async function measureRenderer(router: Router, runs: number): Promise<RendererFigures> {
  await buildRenderer();
  const host = await startHost({ router, staticDir: rendererDir });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const board: number[] = [];
    const rows: number[] = [];
    let unitsRows = 0;
    let unitsRowsInDom = 0;
    const scripts: number[] = [];
    const boardData: number[] = [];
    const unitsData: number[] = [];
    for (let i = -1; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
      await context.addInitScript(FIRST_ROWS_OBSERVER);
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      await page.goto(host.openUrl, { waitUntil: 'commit' });
      await page.waitForFunction(() => performance.getEntriesByName('board-visible').length > 0, undefined, { polling: 'raf' });
      const visible = await page.evaluate(() => performance.getEntriesByName('board-visible')[0].startTime);
      const timing = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const api = (m: string) => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) => e.name.endsWith(`/api/${m}`))?.responseEnd ?? 0;
        return { scriptsDone: nav.domContentLoadedEventEnd, board: api('board.get') };
      });
      await page.evaluate(() => {
        performance.mark('list-open');
        window.location.hash = '#/units';
      });
      await page.waitForFunction(() => performance.getEntriesByName('rows:units-table').length > 0, undefined, { polling: 'raf' });
      const list = await page.evaluate(() => {
        const open = performance.getEntriesByName('list-open')[0].startTime;
        const shown = performance.getEntriesByName('rows:units-table')[0] as PerformanceMark;
        const data = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.name.endsWith('/api/units.list')).at(-1);
        return { ms: shown.startTime - open, inDom: (shown.detail as { inDom: number }).inDom, data: (data?.responseEnd ?? open) - open };
      });
      // The row count the list reports ("772 dòng"), once the data is in.
      const total = await page.evaluate(() => {
        const m = /([\d.,]+)\s*dòng/.exec(document.querySelector('[data-testid="units-table"]')?.textContent ?? '');
        return m ? Number(m[1].replace(/[.,]/g, '')) : 0;
      });
      await context.close();
      if (i < 0) continue; // first run warms the OS file cache and the host
      board.push(visible);
      rows.push(list.ms);
      unitsRows = total;
      unitsRowsInDom = list.inDom;
      scripts.push(timing.scriptsDone);
      boardData.push(timing.board);
      unitsData.push(list.data);
    }
    const med = (v: number[]) => summarise(v).median;
    return {
      boardVisible: summarise(board),
      unitsFirstRows: summarise(rows),
      unitsRows,
      unitsRowsInDom,
      breakdown: { scriptsDone: med(scripts), boardDataReceived: med(boardData), unitsDataReceived: med(unitsData) },
    };
  } finally {
    await browser?.close();
    await host.close();
  }
}
