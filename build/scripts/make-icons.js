#!/usr/bin/env node
/**
 * Renders the app icon from build/icon.svg (and build/icon-small.svg, a
 * simplified drawing that stays legible at 16–32 px) with Debian's Chromium
 * (playwright-core), then writes:
 *   build/icon.png            1024×1024 (macOS: electron-builder makes the .icns from it)
 *   build/icons/<n>x<n>.png   16 … 1024 (Linux AppImage/deb)
 *   build/icon.ico            16, 24, 32, 48, 64, 128, 256 (Windows, PNG-compressed entries)
 * Run after changing the drawings: `node build/scripts/make-icons.js`.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const buildDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const SMALL_UP_TO = 32;

/** An .ico whose entries are PNG images (supported since Windows Vista). */
export function icoFromPngs(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const entries = [];
  let offset = 6 + 16 * images.length;
  for (const { size, png } of images) {
    const e = Buffer.alloc(16);
    e.writeUInt8(size >= 256 ? 0 : size, 0);
    e.writeUInt8(size >= 256 ? 0 : size, 1);
    e.writeUInt8(0, 2);
    e.writeUInt8(0, 3);
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(png.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += png.length;
    entries.push(e);
  }
  return Buffer.concat([header, ...entries, ...images.map((i) => i.png)]);
}

async function main() {
  const big = readFileSync(join(buildDir, 'icon.svg'), 'utf8');
  const small = readFileSync(join(buildDir, 'icon-small.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  const pngs = new Map();
  for (const size of SIZES) {
    const svg = (size <= SMALL_UP_TO ? small : big).replace(/width="\d+" height="\d+"/, `width="${size}" height="${size}"`);
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    pngs.set(size, png);
  }
  await browser.close();
  mkdirSync(join(buildDir, 'icons'), { recursive: true });
  for (const [size, png] of pngs) writeFileSync(join(buildDir, 'icons', `${size}x${size}.png`), png);
  writeFileSync(join(buildDir, 'icon.png'), pngs.get(1024));
  writeFileSync(join(buildDir, 'icon.ico'), icoFromPngs(ICO_SIZES.map((size) => ({ size, png: pngs.get(size) }))));
  process.stdout.write(`icons written to ${buildDir}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
