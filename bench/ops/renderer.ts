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
  /** In-app navigation to a list until its first rows show. */
  unitsFirstRows: Summary;
  unitsRows: number;
  unitsRowsInDom: number;
  staffFirstRows: Summary;
  staffRows: number;
  staffRowsInDom: number;
  /** Where the time went (medians, ms on the page clock): scripts done, data received. */
  breakdown: { scriptsDone: number; boardDataReceived: number; unitsDataReceived: number; staffDataReceived: number };
}

type Page = import('playwright-core').Page;

/** Opens a list by in-app navigation and times it to its first body rows (page clock). */
async function openList(page: Page, hash: string, testId: string, method: string) {
  await page.evaluate((h) => {
    performance.clearMarks('list-open');
    performance.mark('list-open');
    window.location.hash = h;
  }, hash);
  await page.waitForFunction((id) => performance.getEntriesByName(`rows:${id}`).length > 0, testId, { polling: 'raf' });
  // The row count the list reports ("29.871 dòng"), once all its data is in.
  await page.waitForFunction((id) => /\d\s*dòng/.test(document.querySelector(`[data-testid="${id}"]`)?.textContent ?? ''), testId);
  return page.evaluate(
    ({ id, m }) => {
      const open = performance.getEntriesByName('list-open')[0].startTime;
      const shown = performance.getEntriesByName(`rows:${id}`)[0] as PerformanceMark;
      const data = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.name.endsWith(`/api/${m}`)).at(-1);
      const text = /([\d.,]+)\s*dòng/.exec(document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '');
      return {
        ms: shown.startTime - open,
        inDom: (shown.detail as { inDom: number }).inDom,
        data: (data?.responseEnd ?? open) - open,
        total: text ? Number(text[1].replace(/[.,]/g, '')) : 0,
      };
    },
    { id: testId, m: method },
  );
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
    const scripts: number[] = [];
    const boardData: number[] = [];
    const lists = { units: [] as Awaited<ReturnType<typeof openList>>[], staff: [] as Awaited<ReturnType<typeof openList>>[] };
    for (let i = -1; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
      await context.addInitScript(FIRST_ROWS_OBSERVER);
      const page = await context.newPage();
      page.setDefaultTimeout(120_000);
      // The rollout board is at /board (the dashboard is the home screen); the token rides along in the fragment.
      await page.goto(`${host.url}/#/board&token=${host.token}`, { waitUntil: 'commit' });
      await page.waitForFunction(() => performance.getEntriesByName('board-visible').length > 0, undefined, { polling: 'raf' });
      const timing = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        // No named helpers in here: the page cannot see tsx's __name wrapper.
        const board = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) => e.name.endsWith('/api/board.get'));
        return { visible: performance.getEntriesByName('board-visible')[0].startTime, scriptsDone: nav.domContentLoadedEventEnd, board: board?.responseEnd ?? 0 };
      });
      const units = await openList(page, '#/units', 'units-table', 'units.list');
      const staff = await openList(page, '#/training/staff', 'staff-table', 'training.staff.page');
      await context.close();
      if (i < 0) continue; // the first run warms the OS file cache and the host
      board.push(timing.visible);
      scripts.push(timing.scriptsDone);
      boardData.push(timing.board);
      lists.units.push(units);
      lists.staff.push(staff);
    }
    const med = (v: number[]) => summarise(v).median;
    return {
      boardVisible: summarise(board),
      unitsFirstRows: summarise(lists.units.map((l) => l.ms)),
      unitsRows: lists.units.at(-1)?.total ?? 0,
      unitsRowsInDom: lists.units.at(-1)?.inDom ?? 0,
      staffFirstRows: summarise(lists.staff.map((l) => l.ms)),
      staffRows: lists.staff.at(-1)?.total ?? 0,
      staffRowsInDom: lists.staff.at(-1)?.inDom ?? 0,
      breakdown: {
        scriptsDone: med(scripts),
        boardDataReceived: med(boardData),
        unitsDataReceived: med(lists.units.map((l) => l.data)),
        staffDataReceived: med(lists.staff.map((l) => l.data)),
      },
    };
  } finally {
    await browser?.close();
    await host.close();
  }
}
