import { and, asc, eq } from 'drizzle-orm';
import { adoptions, procedures, procedureVersions, units, waveMembers, waves } from '../../../db/schema';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';
import { stableId } from '../ids';
import { deleteRow, findRow, getLiveRow, insertRow, updateRow } from '../records';
import { requireOrder, requireText } from '../rules';
import { getUnit, subtreeIds } from '../units/units';
import { getProcedure } from './catalogue';
import { getVersion } from './versions';

export type Adoption = typeof adoptions.$inferSelect;
export type CellState = 'current' | 'outdated' | 'missing';

/** One row per unit and procedure, the same id on every installation. */
export const adoptionIdFor = (unitId: string, procedureId: string): string => stableId(`adoption:${unitId}:${procedureId}`);

export interface AdoptInput {
  unitId: string;
  versionId: string;
  since: string;
  localNote?: string;
}

/**
 * Records that a unit applies an approved version since a date (not before
 * the version was issued), replacing whatever version it applied before.
 */
export function adoptVersion(ctx: ServiceContext, input: AdoptInput): Adoption {
  const unit = getUnit(ctx, input.unitId);
  if (unit.status !== 'active') throw new AppError('UNIT_INACTIVE', { name: unit.name, status: unit.status }, 'unitId');
  const version = getVersion(ctx, input.versionId);
  if (version.status !== 'approved') throw new AppError('VERSION_NOT_APPROVED', { versionNo: version.versionNo }, 'versionId');
  const since = requireText(input.since, 'since');
  requireOrder(version.issueDate, since, 'issueDate', 'since');
  const id = adoptionIdFor(unit.id, version.procedureId);
  const existing = findRow(ctx, adoptions, id);
  const values = { versionId: version.id, since, localNote: input.localNote ?? (existing && !existing.deleted ? existing.localNote : '') };
  if (existing) return updateRow(ctx, adoptions, id, { ...values, deleted: false });
  return insertRow(ctx, adoptions, { id, unitId: unit.id, procedureId: version.procedureId, ...values });
}

/** Applies one approved version to several chosen units at once (one transaction). */
export function adoptForUnits(ctx: ServiceContext, input: { versionId: string; unitIds: string[]; since: string; localNote?: string }): Adoption[] {
  return [...new Set(input.unitIds)].map((unitId) => adoptVersion(ctx, { unitId, versionId: input.versionId, since: input.since, localNote: input.localNote }));
}

/** Active units of a type in a wave: its members and the units under them ("all districts of wave 2"). */
export function waveUnitsOfType(ctx: ServiceContext, waveId: string, type: 'province' | 'district' | 'affiliated'): string[] {
  const members = ctx.db
    .select({ memberId: waveMembers.memberId })
    .from(waveMembers)
    .where(and(eq(waveMembers.waveId, waveId), eq(waveMembers.deleted, false)))
    .all();
  const ids = new Set(members.flatMap((m) => subtreeIds(ctx, m.memberId)));
  return ctx.db
    .select()
    .from(units)
    .where(and(eq(units.type, type), eq(units.status, 'active'), eq(units.deleted, false)))
    .orderBy(asc(units.code))
    .all()
    .filter((u) => ids.has(u.id))
    .map((u) => u.id);
}

/**
 * One action for many units: applies an approved version to every active
 * unit of a type (districts by default) in a wave; units already on that
 * version are left as they are.
 */
export function adoptForWave(
  ctx: ServiceContext,
  input: { versionId: string; waveId: string; unitType?: 'province' | 'district' | 'affiliated'; since: string; localNote?: string },
): { applied: number; unchanged: number } {
  const wave = getLiveRow(ctx, waves, input.waveId, 'wave');
  const type = input.unitType ?? 'district';
  const targets = waveUnitsOfType(ctx, wave.id, type);
  if (targets.length === 0) throw new AppError('WAVE_NO_UNITS', { wave: wave.name, type }, 'waveId');
  const version = getVersion(ctx, input.versionId);
  let applied = 0;
  for (const unitId of targets) {
    const existing = findRow(ctx, adoptions, adoptionIdFor(unitId, version.procedureId));
    if (existing && !existing.deleted && existing.versionId === version.id) continue;
    adoptVersion(ctx, { unitId, versionId: version.id, since: input.since, localNote: input.localNote });
    applied++;
  }
  return { applied, unchanged: targets.length - applied };
}

/** Stops recording a unit as applying a procedure (tombstone; the history stays). */
export function removeAdoption(ctx: ServiceContext, unitId: string, procedureId: string): void {
  const row = findRow(ctx, adoptions, adoptionIdFor(unitId, procedureId));
  if (!row || row.deleted) throw new AppError('NOT_FOUND', { entity: 'adoption' });
  deleteRow(ctx, adoptions, row.id);
}

interface AdoptionView {
  unitId: string;
  procedureId: string;
  versionId: string;
  versionNo: number;
  since: string;
  localNote: string;
  state: CellState;
  currentVersionNo: number | null;
}

function adoptionViews(ctx: ServiceContext, where?: ReturnType<typeof eq>): AdoptionView[] {
  const rows = ctx.db
    .select({ a: adoptions, versionNo: procedureVersions.versionNo, status: procedureVersions.status, currentId: procedures.currentVersionId })
    .from(adoptions)
    .innerJoin(procedureVersions, eq(procedureVersions.id, adoptions.versionId))
    .innerJoin(procedures, eq(procedures.id, adoptions.procedureId))
    .where(and(eq(adoptions.deleted, false), eq(procedures.deleted, false), where))
    .all();
  const current = new Map(
    ctx.db
      .select({ id: procedureVersions.id, versionNo: procedureVersions.versionNo })
      .from(procedureVersions)
      .where(eq(procedureVersions.status, 'approved'))
      .all()
      .map((v) => [v.id, v.versionNo]),
  );
  return rows.map((r) => ({
    unitId: r.a.unitId,
    procedureId: r.a.procedureId,
    versionId: r.a.versionId,
    versionNo: r.versionNo,
    since: r.a.since,
    localNote: r.a.localNote,
    // Out of date: the unit applies a version that is no longer the one in force.
    state: r.currentId === r.a.versionId && r.status === 'approved' ? 'current' : 'outdated',
    currentVersionNo: r.currentId ? (current.get(r.currentId) ?? null) : null,
  }));
}

/** Which units apply a procedure, in which version, flagged when out of date. */
export function adoptionsOfProcedure(ctx: ServiceContext, procedureId: string) {
  getProcedure(ctx, procedureId);
  const names = new Map(ctx.db.select({ id: units.id, code: units.code, name: units.name }).from(units).all().map((u) => [u.id, u]));
  return adoptionViews(ctx, eq(adoptions.procedureId, procedureId))
    .map((a) => ({ ...a, unitCode: names.get(a.unitId)?.code ?? '', unitName: names.get(a.unitId)?.name ?? '' }))
    .sort((a, b) => a.unitCode.localeCompare(b.unitCode));
}

export interface MatrixFilter {
  waveId?: string;
  unitType?: 'province' | 'district' | 'affiliated';
  domain?: (typeof procedures.$inferSelect)['domain'];
  rootId?: string;
}

/**
 * The adoption matrix: units (rows) × procedures (columns). A cell is
 * current, outdated (the unit applies a superseded or withdrawn version) or
 * missing; each unit row carries its counts.
 */
export function adoptionMatrix(ctx: ServiceContext, filter: MatrixFilter = {}) {
  let unitRows = ctx.db
    .select({ id: units.id, code: units.code, name: units.name, type: units.type, parentId: units.parentId })
    .from(units)
    .where(and(eq(units.status, 'active'), eq(units.deleted, false)))
    .orderBy(asc(units.code))
    .all()
    .filter((u) => u.type !== 'hq')
    .filter((u) => !filter.unitType || u.type === filter.unitType);
  if (filter.waveId) {
    const members = ctx.db
      .select({ memberId: waveMembers.memberId })
      .from(waveMembers)
      .where(and(eq(waveMembers.waveId, filter.waveId), eq(waveMembers.deleted, false)))
      .all();
    const inWave = new Set(members.flatMap((m) => subtreeIds(ctx, m.memberId)));
    unitRows = unitRows.filter((u) => inWave.has(u.id));
  }
  if (filter.rootId) {
    const inTree = new Set(subtreeIds(ctx, filter.rootId));
    unitRows = unitRows.filter((u) => inTree.has(u.id));
  }
  const procs = ctx.db
    .select({ id: procedures.id, code: procedures.code, title: procedures.title, domain: procedures.domain, currentVersionId: procedures.currentVersionId })
    .from(procedures)
    .where(eq(procedures.deleted, false))
    .orderBy(asc(procedures.code))
    .all()
    .filter((p) => !filter.domain || p.domain === filter.domain);
  const versionNo = new Map(ctx.db.select({ id: procedureVersions.id, n: procedureVersions.versionNo }).from(procedureVersions).all().map((v) => [v.id, v.n]));
  const unitIds = new Set(unitRows.map((u) => u.id));
  const procIds = new Set(procs.map((p) => p.id));
  const cells = adoptionViews(ctx).filter((a) => unitIds.has(a.unitId) && procIds.has(a.procedureId));
  const byUnit = new Map<string, AdoptionView[]>();
  for (const c of cells) byUnit.set(c.unitId, [...(byUnit.get(c.unitId) ?? []), c]);
  return {
    procedures: procs.map((p) => ({ ...p, currentVersionNo: p.currentVersionId ? (versionNo.get(p.currentVersionId) ?? null) : null })),
    units: unitRows.map((u) => {
      const mine = byUnit.get(u.id) ?? [];
      const current = mine.filter((c) => c.state === 'current').length;
      const outdated = mine.length - current;
      return { ...u, current, outdated, missing: procs.length - mine.length };
    }),
    cells,
  };
}

/** Every unit applying a version that is no longer in force. */
export function outdatedAdoptions(ctx: ServiceContext) {
  return adoptionViews(ctx).filter((a) => a.state === 'outdated');
}
