import { AppError } from '../../common/errors';

/**
 * Printing HTML to PDF. The same HTML is printed by whichever engine runs the
 * app: in the desktop app Electron's `webContents.printToPDF` (registered by
 * electron/main with `setPdfPrinter(electronPdfPrinter(...))`), in the
 * browser preview, the CLI and the tests Debian's Chromium through
 * playwright-core's `page.pdf`.
 */
export type PdfPrinter = (html: string) => Promise<Uint8Array>;

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Named through a variable so the desktop bundle does not carry playwright-core
// (6 MB): the desktop app installs Electron's own printer before any report prints.
const PLAYWRIGHT = 'playwright-core';

/** Chromium via playwright-core: the browser preview, the CLI and the tests. */
export function chromiumPdfPrinter(executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'): PdfPrinter {
  return async (html) => {
    const { chromium } = (await import(/* @vite-ignore */ PLAYWRIGHT)) as typeof import('playwright-core');
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      return await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    } finally {
      await browser.close();
    }
  };
}

/** The part of Electron's WebContents the printer uses (structural, so this file never imports 'electron'). */
export interface PrintingWebContents {
  loadURL(url: string): Promise<void>;
  printToPDF(options: { pageSize?: 'A4'; printBackground?: boolean; preferCSSPageSize?: boolean }): Promise<Uint8Array>;
}

/**
 * HOOK for electron/main (the shell helper): print with Electron's own
 * Chromium. `open` gives a fresh, hidden, sandboxed webContents (an offscreen
 * BrowserWindow created by createMainWindow's rules, with no preload) and
 * `close` disposes of it. Register once at start-up:
 *
 *   setPdfPrinter(electronPdfPrinter(async () => {
 *     const win = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, javascript: false } });
 *     return { contents: win.webContents, close: () => win.destroy() };
 *   }));
 */
export function electronPdfPrinter(open: () => Promise<{ contents: PrintingWebContents; close(): void }>): PdfPrinter {
  return async (html) => {
    const { contents, close } = await open();
    try {
      await contents.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
      return await contents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
    } finally {
      close();
    }
  };
}

let printer: PdfPrinter = chromiumPdfPrinter();

/** Replaces the printer (Electron's main process does this at start-up). */
export function setPdfPrinter(next: PdfPrinter): void {
  printer = next;
}

export async function printPdf(html: string): Promise<Uint8Array> {
  try {
    return await printer(html);
  } catch (err) {
    throw new AppError('REPORT_PDF_FAILED', { details: err instanceof Error ? err.message.split('\n')[0] : String(err) });
  }
}
