import type { Workspace } from '../../electron/services/workspace';
import type { HistoryClock } from './clock';
import type { Scale, TreeUnit } from './geography';
import type { Rng } from './random';

/** One write in the generated history, run at its instant by the timeline. */
interface Scheduled {
  at: number;
  seq: number;
  label: string;
  run: () => void;
}

/**
 * Every area schedules its writes here; the timeline then runs them in time
 * order, moving the clock to each instant, so the change log of all areas
 * together reads as ten years of office work. Writes run in large
 * transactions (one per batch), not one per row: that is what makes
 * national volumes quick to generate.
 */
export class Timeline {
  private events: Scheduled[] = [];
  private seq = 0;

  at(ms: number, label: string, run: () => void): void {
    this.events.push({ at: ms, seq: this.seq++, label, run });
  }

  get size(): number {
    return this.events.length;
  }

  /** Runs everything scheduled, oldest first, `batch` writes per transaction. */
  run(ws: Workspace, clock: HistoryClock, batch = 5000, progress?: (done: number, total: number) => void): void {
    const events = this.events.sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.events = [];
    for (let i = 0; i < events.length; i += batch) {
      const slice = events.slice(i, i + batch);
      ws.sqlite.transaction(() => {
        for (const e of slice) {
          clock.moveTo(e.at);
          try {
            e.run();
          } catch (err) {
            const msg = err instanceof Error ? err.message : String(err);
            const params = (err as { params?: unknown }).params;
            throw new Error(`generator: "${e.label}" at ${new Date(e.at).toISOString()} failed: ${msg} ${params ? JSON.stringify(params) : ''}`);
          }
        }
      })();
      progress?.(Math.min(i + batch, events.length), events.length);
    }
  }
}

export interface GenContext {
  ws: Workspace;
  clock: HistoryClock;
  rng: Rng;
  scale: Scale;
  /** First and last day of the generated history (ISO dates). */
  history: { start: string; end: string };
  timeline: Timeline;
  /** The unit tree at this scale; ids follow from codes (unitIdForCode). */
  tree: TreeUnit[];
  /** The office this data folder belongs to (headquarters at national scale). */
  officeCode: string;
  /** Unit code → the day it stops acting (merged into another); set by the units module. */
  activeUntil: Map<string, number>;
}

/**
 * One area's part of the generator. An area that is not built yet is listed
 * as `pending` with what it will generate, so the report never claims data
 * that is not there; its helper replaces the stub with a `ready` module.
 */
export interface AreaModule {
  area: string;
  /** The issue that builds the area's services. */
  issue: number;
  status: 'ready' | 'pending';
  /** What the area generates at national scale (the issue's volumes). */
  volume: string;
  /** Tables it writes (for the report's row counts). */
  tables: string[];
  schedule(g: GenContext): void;
}
