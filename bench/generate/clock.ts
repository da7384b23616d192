/**
 * The generator's clock. Services stamp `created_at`, `updated_at` and the
 * change log with `ctx.now()`; the generator moves this clock through ten
 * years, so the history looks as if it had been typed in over those years.
 */
export class HistoryClock {
  private t: number;

  constructor(start: string) {
    this.t = Date.parse(start);
  }

  now = (): Date => new Date(this.t);

  /** Moves to an instant; never backwards, so the change log stays in time order. */
  moveTo(ms: number): void {
    if (ms > this.t) this.t = ms;
  }

  get ms(): number {
    return this.t;
  }
}

export const DAY = 86_400_000;

export const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const dayMs = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

/** A working-hours instant on that day (08:00–16:59 Vietnam time = 01:00–09:59 UTC). */
export const officeTime = (dayStart: number, minuteOfDay: number): number => dayStart + 3_600_000 + (minuteOfDay % 540) * 60_000;

/** Office hours on a given day, with a per-event minute so timestamps look typed. */
export const when = (rng: { int(min: number, max: number): number }, day: number): number => officeTime(day, rng.int(0, 539));

/** Whole days from one day (ms) to another. */
export const daysFrom = (from: number, to: number): number => Math.round((to - from) / DAY);
