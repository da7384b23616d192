import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The main window's size and position, remembered in the data folder
 * (window-state.json) and fitted back onto the screens present at the next
 * start: a window last seen on a projector that is gone comes back centred
 * on the main screen, never off-screen.
 */

export const WINDOW_STATE_FILE = 'window-state.json';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

/** Where a window opens: x/y absent means "let the OS centre it". */
export interface Placement {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 800 };
export const MIN_SIZE = { width: 960, height: 600 };
/** How much of the title bar must be on a screen for the saved position to be kept. */
const VISIBLE = { width: 120, height: 40 };

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Parses a saved state; anything odd (hand-edited, truncated by a power cut) gives null. */
export function parseWindowState(text: string): WindowState | null {
  try {
    const raw = JSON.parse(text) as { bounds?: Partial<Rect>; maximized?: unknown };
    const b = raw?.bounds;
    if (!b || !finite(b.x) || !finite(b.y) || !finite(b.width) || !finite(b.height)) return null;
    if (b.width <= 0 || b.height <= 0) return null;
    return { bounds: { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) }, maximized: raw.maximized === true };
  } catch {
    return null;
  }
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Where to open the window given the saved state and the screens' work
 * areas (primary first). Size is clamped to the screen; a position whose
 * title bar would not be visible on any screen is dropped (centred).
 */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rect[]): Placement {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const fit = (w: number, h: number) => ({
    width: Math.max(Math.min(w, primary.width), Math.min(MIN_SIZE.width, primary.width)),
    height: Math.max(Math.min(h, primary.height), Math.min(MIN_SIZE.height, primary.height)),
  });
  if (!saved) return { ...fit(DEFAULT_SIZE.width, DEFAULT_SIZE.height), maximized: false };
  const { bounds } = saved;
  const titleBar: Rect = { x: bounds.x, y: bounds.y, width: bounds.width, height: VISIBLE.height };
  const screen = workAreas.find((area) => {
    const o = overlap(titleBar, area);
    return o.width >= Math.min(VISIBLE.width, bounds.width) && o.height >= Math.min(VISIBLE.height, bounds.height);
  });
  if (!screen) return { ...fit(bounds.width, bounds.height), maximized: saved.maximized };
  return {
    x: bounds.x,
    y: bounds.y,
    width: Math.max(Math.min(bounds.width, screen.width), Math.min(MIN_SIZE.width, screen.width)),
    height: Math.max(Math.min(bounds.height, screen.height), Math.min(MIN_SIZE.height, screen.height)),
    maximized: saved.maximized,
  };
}

export function readWindowState(dataDir: string): WindowState | null {
  try {
    return parseWindowState(readFileSync(join(dataDir, WINDOW_STATE_FILE), 'utf8'));
  } catch {
    return null;
  }
}

/** Writes the state atomically (temp file + rename): a power cut leaves the old or the new file, never half. */
export function writeWindowState(dataDir: string, state: WindowState): void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, WINDOW_STATE_FILE);
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state)}\n`);
  renameSync(tmp, file);
}
