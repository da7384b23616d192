import type { Message } from '../../../common/errors/types';
import type { ServiceContext } from '../../context';

/**
 * The figure registry's contract. Each area of the app (units, procedures,
 * training, improvement, exchange) contributes one provider; the dashboard,
 * the periodic reports and the scoring all read figures through it, so a new
 * area shows up everywhere by registering one file.
 */

/** Which units a figure counts: this office only, one unit, or a unit and everything below it. */
export interface Scope {
  mode: 'office' | 'unit' | 'subtree';
  unitId: string;
}

export interface FigureQuery {
  /** Units in scope (resolved, active, not headquarters). */
  unitIds: string[];
  /** The reporting period; for the dashboard, the current year to date. */
  period: { start: string; end: string };
  /** The day the state is read on: min(today, period end). */
  asOf: string;
  /** Today (for "falls due in the next 90 days"). */
  today: string;
  /** Language of words inside rows (step names, regions); reports are always 'vi'. */
  lang: 'vi' | 'en';
}

export type CellValue = string | number | null;

export interface FigureColumn {
  key: string;
  label: Message;
  type?: 'text' | 'number' | 'date';
}

/** One slice of a chart (units at step 2, behind-plan units in the north, …). */
export interface FigureSlice {
  key: string;
  label: Message;
  value: number;
}

export type FigureRow = Record<string, CellValue>;

/**
 * What a figure is worth: `value` is what the report prints; `slices` feed a
 * chart when the figure is a breakdown. This is all the dashboard receives:
 * the rows behind a figure are built only when someone asks for them.
 */
export interface FigureValue {
  key: string;
  area: string;
  label: Message;
  value: number | null;
  /** count: a number of things; percent: 0–100 with one decimal. */
  kind: 'count' | 'percent';
  /** For a percent: the counted and the whole, printed as "12/20 (60,0 %)". */
  part?: { numerator: number; denominator: number };
  slices?: FigureSlice[];
}

/**
 * A named figure with the rows behind it: the list a user drills into
 * (`figures.get`). Every row may carry `unitId` so a screen can link it, and
 * `slice` (a slice key) so a click on one bar lists only its rows.
 */
export interface Figure extends FigureValue {
  columns: FigureColumn[];
  rows: FigureRow[];
}

/**
 * What a provider returns: the value at once, the rows as a function called
 * only for a drill-down. At national scope the rows behind every figure are
 * tens of thousands of objects (people lacking a course, every pass of the
 * year…) while the dashboard shows numbers.
 */
export interface LazyFigure extends FigureValue {
  columns: FigureColumn[];
  rows: () => FigureRow[];
}

/** What a template can pick without computing: key, label, area. */
export interface FigureDefinition {
  key: string;
  label: Message;
  kind: Figure['kind'];
}

/** A column of the per-unit table in a report, supplied by a provider. */
export interface UnitColumnDefinition {
  key: string;
  label: Message;
  type?: FigureColumn['type'];
}

export interface FigureProvider {
  /** The area's name, e.g. "units", "training". */
  area: string;
  label: Message;
  definitions: FigureDefinition[];
  /** Values now, rows on demand: a provider computes a value without building the rows behind it. */
  compute(ctx: ServiceContext, q: FigureQuery): LazyFigure[];
  unitColumns?: UnitColumnDefinition[];
  /** Values of its unit columns, per unit id. */
  unitValues?(ctx: ServiceContext, q: FigureQuery): Map<string, FigureRow>;
}
