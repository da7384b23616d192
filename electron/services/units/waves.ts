import { and, asc, eq, sql } from 'drizzle-orm';
import { units, waveMembers, waves } from '../../../db/schema';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';
import { deleteRow, getLiveRow, insertRow, updateRow } from '../records';
import { requireOrder, requireText } from '../rules';
import { getUnit } from './units';

export type Wave = typeof waves.$inferSelect;

export interface WaveInput {
  name: string;
  plannedStart: string;
  plannedEnd: string;
  note?: string;
}

/** Waves belong to the office that plans them. */
export function createWave(ctx: ServiceContext, ownerId: string, input: WaveInput): Wave {
  requireOrder(input.plannedStart, input.plannedEnd, 'plannedStart', 'plannedEnd');
  return insertRow(ctx, waves, {
    unitId: ownerId,
    name: requireText(input.name, 'name'),
    plannedStart: input.plannedStart,
    plannedEnd: input.plannedEnd,
    note: input.note ?? '',
  });
}

export function updateWave(ctx: ServiceContext, id: string, input: Partial<WaveInput>): Wave {
  const wave = getLiveRow(ctx, waves, id, 'wave');
  const next = { ...wave, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
  requireOrder(next.plannedStart, next.plannedEnd, 'plannedStart', 'plannedEnd');
  return updateRow(ctx, waves, id, { name: requireText(next.name, 'name'), plannedStart: next.plannedStart, plannedEnd: next.plannedEnd, note: next.note });
}

/** Tombstones a wave and its memberships. */
export function deleteWave(ctx: ServiceContext, id: string): void {
  getLiveRow(ctx, waves, id, 'wave');
  for (const m of membersOf(ctx, id)) deleteRow(ctx, waveMembers, m.id);
  deleteRow(ctx, waves, id);
}

function membersOf(ctx: ServiceContext, waveId: string) {
  return ctx.db
    .select()
    .from(waveMembers)
    .where(and(eq(waveMembers.waveId, waveId), eq(waveMembers.deleted, false)))
    .all();
}

/** Adds units to a wave; a unit already in it is an error naming both. */
export function addWaveMembers(ctx: ServiceContext, waveId: string, unitIds: string[]): number {
  const wave = getLiveRow(ctx, waves, waveId, 'wave');
  const present = new Set(membersOf(ctx, waveId).map((m) => m.memberId));
  for (const unitId of unitIds) {
    const unit = getUnit(ctx, unitId);
    if (present.has(unitId)) throw new AppError('WAVE_MEMBER_DUPLICATE', { name: unit.name, wave: wave.name });
    insertRow(ctx, waveMembers, { unitId: wave.unitId, waveId, memberId: unitId });
    present.add(unitId);
  }
  return unitIds.length;
}

export function removeWaveMember(ctx: ServiceContext, waveId: string, unitId: string): void {
  const member = membersOf(ctx, waveId).find((m) => m.memberId === unitId);
  if (!member) throw new AppError('NOT_FOUND', { entity: 'member' });
  deleteRow(ctx, waveMembers, member.id);
}

export function listWaves(ctx: ServiceContext) {
  return ctx.db
    .select({
      id: waves.id,
      name: waves.name,
      plannedStart: waves.plannedStart,
      plannedEnd: waves.plannedEnd,
      note: waves.note,
      memberCount: sql<number>`(SELECT count(*) FROM wave_members m WHERE m.wave_id = "waves"."id" AND m.deleted = 0)`,
    })
    .from(waves)
    .where(eq(waves.deleted, false))
    .orderBy(asc(waves.plannedStart))
    .all();
}

export function waveMemberUnits(ctx: ServiceContext, waveId: string) {
  return ctx.db
    .select({ id: units.id, code: units.code, name: units.name, type: units.type, region: units.region })
    .from(waveMembers)
    .innerJoin(units, eq(units.id, waveMembers.memberId))
    .where(and(eq(waveMembers.waveId, waveId), eq(waveMembers.deleted, false)))
    .orderBy(asc(units.code))
    .all();
}

/** unit id → names of the waves it belongs to. */
export function wavesByUnit(ctx: ServiceContext): Map<string, { id: string; name: string }[]> {
  const rows = ctx.db
    .select({ memberId: waveMembers.memberId, id: waves.id, name: waves.name })
    .from(waveMembers)
    .innerJoin(waves, eq(waves.id, waveMembers.waveId))
    .where(and(eq(waveMembers.deleted, false), eq(waves.deleted, false)))
    .all();
  const out = new Map<string, { id: string; name: string }[]>();
  for (const r of rows) out.set(r.memberId, [...(out.get(r.memberId) ?? []), { id: r.id, name: r.name }]);
  return out;
}
