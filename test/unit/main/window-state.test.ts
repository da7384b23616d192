import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SIZE,
  parseWindowState,
  placeWindow,
  readWindowState,
  WINDOW_STATE_FILE,
  writeWindowState,
} from '../../../electron/main/window-state';

const laptop = { x: 0, y: 0, width: 1366, height: 728 };
const projector = { x: 1366, y: 0, width: 1920, height: 1040 };

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'isodesk-win-'));
  dirs.push(d);
  return d;
};

describe('window placement', () => {
  it('opens at the default size, centred, the first time', () => {
    expect(placeWindow(null, [projector])).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });

  it('never opens larger than a small screen', () => {
    const small = { x: 0, y: 0, width: 1024, height: 600 };
    expect(placeWindow(null, [small])).toMatchObject({ width: 1024, height: 600 });
  });

  it('comes back where it was on a screen that is still there', () => {
    const saved = { bounds: { x: 1500, y: 100, width: 1200, height: 800 }, maximized: true };
    expect(placeWindow(saved, [laptop, projector])).toEqual({ x: 1500, y: 100, width: 1200, height: 800, maximized: true });
  });

  it('is centred on the main screen when its screen is gone (projector unplugged)', () => {
    const saved = { bounds: { x: 1500, y: 100, width: 1200, height: 800 }, maximized: false };
    const p = placeWindow(saved, [laptop]);
    expect(p.x).toBeUndefined();
    expect(p.y).toBeUndefined();
    expect(p).toMatchObject({ width: 1200, height: 728, maximized: false });
  });

  it('drops a position whose title bar is above the screen', () => {
    expect(placeWindow({ bounds: { x: 100, y: -500, width: 1000, height: 700 }, maximized: false }, [laptop]).y).toBeUndefined();
  });
});

describe('window state file', () => {
  it('round-trips through the data folder', () => {
    const dir = temp();
    expect(readWindowState(dir)).toBeNull();
    writeWindowState(dir, { bounds: { x: 5, y: 6, width: 1100, height: 700 }, maximized: false });
    expect(readWindowState(dir)).toEqual({ bounds: { x: 5, y: 6, width: 1100, height: 700 }, maximized: false });
  });

  it('ignores a damaged or hand-edited file', () => {
    const dir = temp();
    for (const text of ['', '{"bounds":', 'null', '{"bounds":{"x":"a","y":0,"width":1,"height":1}}', '{"bounds":{"x":0,"y":0,"width":-5,"height":100}}']) {
      writeFileSync(join(dir, WINDOW_STATE_FILE), text);
      expect(readWindowState(dir), text).toBeNull();
    }
    expect(parseWindowState('{"bounds":{"x":1.4,"y":2.6,"width":1000,"height":700},"maximized":"yes"}')).toEqual({
      bounds: { x: 1, y: 3, width: 1000, height: 700 },
      maximized: false,
    });
  });

  it('leaves no temporary file behind', () => {
    const dir = temp();
    writeWindowState(dir, { bounds: { x: 0, y: 0, width: 1000, height: 700 }, maximized: true });
    expect(() => readFileSync(join(dir, `${WINDOW_STATE_FILE}.tmp`))).toThrow();
  });
});
