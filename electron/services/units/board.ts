import { getTableName } from 'drizzle-orm';
import { unitSteps } from '../../../db/schema';
import { matchesQuery } from '../../common/text';
import type { ServiceContext } from '../context';
import { today } from '../rules';
import { isOverdue, type UnitStep } from './steps';
import { subtreeIds, type Region } from './units';
import { wavesByUnit } from './waves';

export interface BoardFilter {
  waveId?: string;
  region?: Region;
  /** Keep units whose current step has this status, or that are overdue anywhere. */
  status?: 'not_started' | 'in_progress' | 'done' | 'overdue';
  query?: string;
  /** Limit to a subtree (a province and its districts). */
  rootId?: string;
}

export interface BoardCell {
  step: number;
  status: UnitStep['status'];
  plannedStart: string | null;
  plannedEnd: string | null;
  actualEnd: string | null;
  overdue: boolean;
}

export interface BoardRow {
  unitId: string;
  code: string;
  name: string;
  type: string;
  region: string | null;
  parentName: string | null;
  waves: string[];
  steps: BoardCell[];
  /** First step not yet done (5 when all four are done). */
  currentStep: number;
  overdue: boolean;
}

export interface Board {
  rows: BoardRow[];
  /** units whose current step is 1..4, and 5 = all done */
  atStep: Record<1 | 2 | 3 | 4 | 5, number>;
  overdueUnits: number;
  total: number;
}

/** The rollout board: every active unit (not headquarters) × its four steps. */
export function rolloutBoard(ctx: ServiceContext, filter: BoardFilter = {}): Board {
  const onDate = today(ctx);
  const waveMap = wavesByUnit(ctx);
  // Only the columns the board shows, as plain arrays: reading whole step rows
  // (notes, evidence) into objects was most of the board's time at national scale.
  const stepRows = ctx.sqlite
    .prepare(`SELECT unit_id, step, status, planned_start, planned_end, actual_end FROM ${getTableName(unitSteps)} WHERE deleted = 0`)
    .raw()
    .all() as [string, number, UnitStep['status'], string | null, string | null, string | null][];
  const stepsByUnit = new Map<string, BoardCell[]>();
  for (const [unitId, step, status, plannedStart, plannedEnd, actualEnd] of stepRows) {
    const cell: BoardCell = { step, status, plannedStart, plannedEnd, actualEnd, overdue: isOverdue({ status, plannedEnd }, onDate) };
    const cells = stepsByUnit.get(unitId);
    if (cells) cells.push(cell);
    else stepsByUnit.set(unitId, [cell]);
  }
  let allowed: Set<string> | null = null;
  if (filter.rootId) {
    allowed = new Set(subtreeIds(ctx, filter.rootId));
  }
  const rows: BoardRow[] = [];
  // The active units with their parent's name, lean for the same reason.
  const unitRows = ctx.sqlite
    .prepare(
      `SELECT u.id, u.code, u.name, u.type, u.region, p.name AS parentName
       FROM units u LEFT JOIN units p ON p.id = u.parent_id
       WHERE u.deleted = 0 AND u.status = 'active' AND u.type <> 'hq' ORDER BY u.code`,
    )
    .all() as (Pick<BoardRow, 'code' | 'name' | 'type' | 'region' | 'parentName'> & { id: string })[];
  for (const u of unitRows) {
    if (filter.query && !matchesQuery(`${u.code} ${u.name}`, filter.query)) continue;
    if (allowed && !allowed.has(u.id)) continue;
    if (filter.region && u.region !== filter.region) continue;
    const unitWaves = waveMap.get(u.id) ?? [];
    if (filter.waveId && !unitWaves.some((w) => w.id === filter.waveId)) continue;
    const cells = (stepsByUnit.get(u.id) ?? []).sort((a, b) => a.step - b.step);
    const currentStep = (cells.find((c) => c.status !== 'done')?.step ?? 5) as BoardRow['currentStep'];
    const row: BoardRow = {
      unitId: u.id,
      code: u.code,
      name: u.name,
      type: u.type,
      region: u.region,
      parentName: u.parentName,
      waves: unitWaves.map((w) => w.name),
      steps: cells,
      currentStep,
      overdue: cells.some((c) => c.overdue),
    };
    if (filter.status) {
      const cur = cells.find((c) => c.step === currentStep);
      const matches =
        filter.status === 'overdue'
          ? row.overdue
          : filter.status === 'done'
            ? currentStep === 5
            : cur?.status === filter.status;
      if (!matches) continue;
    }
    rows.push(row);
  }
  const atStep: Board['atStep'] = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  for (const r of rows) atStep[r.currentStep as 1 | 2 | 3 | 4 | 5]++;
  return { rows, atStep, overdueUnits: rows.filter((r) => r.overdue).length, total: rows.length };
}
