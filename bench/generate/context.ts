import type { IsoRole } from '../../electron/services/training/staff';
import type { Workspace } from '../../electron/services/workspace';
import type { HistoryClock } from './clock';
import type { Scale, TreeUnit } from './geography';
import type { Rng } from './random';

/** One write in the generated history, run at its instant by the timeline. */
interface Scheduled {
  at: number;
  seq: number;
  label: string;
  run: () => unknown;
}

/**
 * Every area schedules its writes here; the timeline then runs them in time
 * order, moving the clock to each instant, so the change log of all areas
 * together reads as ten years of office work. Writes run in large
 * transactions (one per batch), not one per row: that is what makes
 * national volumes quick to generate. A write may be asynchronous (storing
 * an attachment's bytes): the batch's transaction stays open while it is
 * awaited, and the service's own transaction nests inside it as a savepoint.
 */
export class Timeline {
  private events: Scheduled[] = [];
  private seq = 0;

  at(ms: number, label: string, run: () => unknown): void {
    this.events.push({ at: ms, seq: this.seq++, label, run });
  }

  get size(): number {
    return this.events.length;
  }

  /** Runs everything scheduled, oldest first, `batch` writes per transaction. */
  async run(ws: Workspace, clock: HistoryClock, batch = 5000, progress?: (done: number, total: number) => void): Promise<void> {
    const events = this.events.sort((a, b) => a.at - b.at || a.seq - b.seq);
    this.events = [];
    for (let i = 0; i < events.length; i += batch) {
      const end = Math.min(i + batch, events.length);
      ws.sqlite.exec('BEGIN');
      try {
        for (let k = i; k < end; k++) {
          const e = events[k];
          clock.moveTo(e.at);
          try {
            const out = e.run();
            // Only asynchronous writes are awaited: a microtask per write would slow national runs.
            if (out && typeof (out as Promise<unknown>).then === 'function') await out;
          } catch (err) {
            const msg = err instanceof Error ? err.message : String(err);
            const params = (err as { params?: unknown }).params;
            throw new Error(`generator: "${e.label}" at ${new Date(e.at).toISOString()} failed: ${msg} ${params ? JSON.stringify(params) : ''}`);
          }
        }
        ws.sqlite.exec('COMMIT');
      } catch (err) {
        if (ws.sqlite.inTransaction) ws.sqlite.exec('ROLLBACK');
        throw err;
      }
      progress?.(end, events.length);
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
  /** Unit code → what the units module scheduled for it (steps, certification, yearly upkeep). */
  unitHistory: Map<string, UnitHistory>;
  /** Unit code → its staff as the training module enters and trains them. */
  staff: Map<string, StaffRef[]>;
  /** Which units get attachment files, and how large they are. */
  files: FilePolicy;
}

/**
 * A unit's rollout as the units module scheduled it, so later areas write
 * on the same dates (the step-2 audit and review, the certificate behind
 * step 3's evidence, the yearly audit and review behind step 4's notes).
 */
export interface UnitHistory {
  /** Step n's actual start and end days (ms), once the history reaches them. */
  steps: { [step: number]: { start: number; end?: number; recorded?: number } };
  /** How step 3 was closed: the certificate or the self-declaration its evidence names. */
  step3?: { date: string; recorded: number; certificate?: { number: string; issuer: string }; declarationNo?: string };
  /** Step 4 upkeep per year: the internal audit's and the review's days and when the note was written. */
  upkeep: { year: number; audit: number; review: number; recorded: number }[];
  /** Last day the unit acts (the end of the history, or the day before its merge). */
  lastDay: number;
  /** The day the unit moves its system to ISO 9001:2015 (set by the procedures module). */
  transition?: number;
}

/**
 * One staff member as the training module enters them. `id` is set when the
 * row is written; the training fields are set as sessions are recorded, so a
 * write later in the timeline sees who was trained by then.
 */
export interface StaffRef {
  id?: string;
  fullName: string;
  department: string;
  position: string;
  role: IsoRole;
  hiredAt: number;
  /** Passed the internal-audit course. */
  auditTrained?: boolean;
  /** Day of the newest certified-auditor certificate (ISO). */
  certifiedOn?: string;
}

/**
 * Attachments: `all` writes files for every unit; `province` only for
 * headquarters and the province-scale province (Hà Nội, 01) with its
 * districts, so a national folder holds one province's worth of files;
 * `none` writes no files. `scale` multiplies every file's size (tiny runs
 * use small files to stay quick).
 */
export interface FilePolicy {
  mode: 'all' | 'province' | 'none';
  scale: number;
  /** Whether this unit's records get files. */
  wants(unitCode: string, parentCode: string | null): boolean;
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
