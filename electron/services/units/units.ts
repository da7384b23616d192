import { and, asc, eq, inArray } from 'drizzle-orm';
import { unitEvents, units, unitSteps } from '../../../db/schema';
import { AppError } from '../../common/errors';
import { matchesQuery } from '../../common/text';
import type { ServiceContext } from '../context';
import { stableId } from '../ids';
import { getLiveRow, insertRow, updateRow } from '../records';
import { cachedStatement } from '../statements';
import { requireDecisionNo, requireNotFuture, requireText } from '../rules';

export type Unit = typeof units.$inferSelect;
export type UnitType = Unit['type'];
export type Region = NonNullable<Unit['region']>;

const allowedParents: Record<UnitType, (UnitType | null)[]> = {
  hq: [null],
  province: ['hq'],
  district: ['province'],
  affiliated: ['hq', 'province'],
};

/** A unit's id follows from its code, so every installation names it alike. */
export const unitIdForCode = (code: string): string => stableId(`unit:${code}`);
export const stepIdFor = (unitId: string, step: number): string => stableId(`step:${unitId}:${step}`);

export function getUnit(ctx: ServiceContext, id: string): Unit {
  return getLiveRow(ctx, units, id, 'unit');
}

export function findUnitByCode(ctx: ServiceContext, code: string): Unit | undefined {
  return ctx.db.select().from(units).where(eq(units.code, code)).get();
}

function checkParent(ctx: ServiceContext, type: UnitType, parentId: string | null): Unit | null {
  const parent = parentId ? getUnit(ctx, parentId) : null;
  if (!allowedParents[type].includes(parent?.type ?? null)) {
    throw new AppError('UNIT_PARENT_TYPE', { type, parentType: parent?.type ?? '—' }, 'parentId');
  }
  if (parent && parent.status !== 'active') {
    throw new AppError('UNIT_INACTIVE', { name: parent.name, status: parent.status }, 'parentId');
  }
  return parent;
}

export interface NewUnit {
  code: string;
  name: string;
  type: UnitType;
  region?: Region | null;
  parentId?: string | null;
  note?: string;
}

/** Creates a unit with its four rollout steps; the code must be unique nationally. */
export function createUnit(ctx: ServiceContext, input: NewUnit, eventDate?: string): Unit {
  const code = requireText(input.code, 'code');
  const name = requireText(input.name, 'name');
  const taken = findUnitByCode(ctx, code);
  if (taken) throw new AppError('UNIT_CODE_TAKEN', { code, name: taken.name }, 'code');
  const parent = checkParent(ctx, input.type, input.parentId ?? null);
  const id = unitIdForCode(code);
  const unit = insertRow(ctx, units, {
    id,
    unitId: id,
    code,
    name,
    type: input.type,
    region: input.region ?? parent?.region ?? null,
    parentId: parent?.id ?? null,
    note: input.note ?? '',
  });
  for (let step = 1; step <= 4; step++) {
    insertRow(ctx, unitSteps, { id: stepIdFor(id, step), unitId: id, step });
  }
  insertRow(ctx, unitEvents, {
    unitId: id,
    subjectId: id,
    kind: 'created',
    eventDate: eventDate ?? ctx.now().toISOString().slice(0, 10),
  });
  return unit;
}

export interface UnitPatch {
  name?: string;
  region?: Region | null;
  parentId?: string | null;
  note?: string;
  /** Decision and date of a rename or move, kept in the unit's history. */
  decisionNo?: string;
  eventDate?: string;
}

/** Edits a unit; renames and moves are recorded as events in its history. */
export function updateUnit(ctx: ServiceContext, id: string, patch: UnitPatch): Unit {
  const unit = getUnit(ctx, id);
  const eventDate = patch.eventDate ?? ctx.now().toISOString().slice(0, 10);
  requireNotFuture(ctx, patch.eventDate, 'eventDate');
  const decisionNo = patch.decisionNo ? requireDecisionNo(patch.decisionNo) : '';
  const name = patch.name === undefined ? unit.name : requireText(patch.name, 'name');
  let parentId = unit.parentId;
  if (patch.parentId !== undefined && patch.parentId !== unit.parentId) {
    const parent = checkParent(ctx, unit.type, patch.parentId);
    if (parent && (parent.id === id || ancestorIds(ctx, parent.id).includes(id))) {
      throw new AppError('UNIT_CYCLE', {}, 'parentId');
    }
    parentId = parent?.id ?? null;
    insertRow(ctx, unitEvents, {
      unitId: id,
      subjectId: id,
      kind: 'moved',
      eventDate,
      decisionNo,
      details: JSON.stringify({ from: unit.parentId, to: parentId }),
    });
  }
  if (name !== unit.name) {
    insertRow(ctx, unitEvents, {
      unitId: id,
      subjectId: id,
      kind: 'renamed',
      eventDate,
      decisionNo,
      details: JSON.stringify({ from: unit.name, to: name }),
    });
  }
  return updateRow(ctx, units, id, { name, parentId, region: patch.region, note: patch.note });
}

/** Ids of a unit's ancestors, nearest first. */
export function ancestorIds(ctx: ServiceContext, id: string): string[] {
  const out: string[] = [];
  let current = ctx.db.select().from(units).where(eq(units.id, id)).get();
  while (current?.parentId && !out.includes(current.parentId)) {
    out.push(current.parentId);
    current = ctx.db.select().from(units).where(eq(units.id, current.parentId)).get();
  }
  return out;
}

/** Ids of a unit and everything below it (any status). */
export function subtreeIds(ctx: ServiceContext, rootId: string): string[] {
  return cachedStatement(ctx.sqlite, 'WITH RECURSIVE t(id) AS (SELECT ? UNION SELECT u.id FROM units u JOIN t ON u.parent_id = t.id) SELECT id FROM t')
    .pluck()
    .all(rootId) as string[];
}

/**
 * A unit and everything below it, or null when that is every unit (the
 * root of the whole tree, as headquarters asks): a query then needs no
 * unit condition, rather than checking every row against ~800 ids.
 */
export function subtreeOrAll(ctx: ServiceContext, rootId: string): string[] | null {
  const ids = subtreeIds(ctx, rootId);
  const all = ids.length === cachedStatement(ctx.sqlite, 'SELECT count(*) FROM units').pluck().get() && !!cachedStatement(ctx.sqlite, 'SELECT 1 FROM units WHERE id = ?').get(rootId);
  return all ? null : ids;
}

export interface MergeInput {
  sourceIds: string[];
  targetId: string;
  eventDate: string;
  decisionNo: string;
}

/**
 * Merges units into a target (the 2025 reorganisation): sources stay with
 * status "merged" and a successor, their records stay attached to them, and
 * their active sub-units move under the target.
 */
export function mergeUnits(ctx: ServiceContext, input: MergeInput): Unit {
  const target = getUnit(ctx, input.targetId);
  if (target.status !== 'active') throw new AppError('UNIT_INACTIVE', { name: target.name, status: target.status });
  requireNotFuture(ctx, input.eventDate, 'eventDate');
  const decisionNo = requireDecisionNo(input.decisionNo);
  for (const sourceId of input.sourceIds) {
    if (sourceId === target.id) throw new AppError('UNIT_MERGE_SELF');
    const source = getUnit(ctx, sourceId);
    if (source.status !== 'active') throw new AppError('UNIT_INACTIVE', { name: source.name, status: source.status });
    if (ancestorIds(ctx, target.id).includes(source.id)) throw new AppError('UNIT_CYCLE');
    const children = ctx.db
      .select()
      .from(units)
      .where(and(eq(units.parentId, source.id), eq(units.status, 'active'), eq(units.deleted, false)))
      .all();
    for (const child of children) {
      checkParent(ctx, child.type, target.id);
      updateRow(ctx, units, child.id, { parentId: target.id });
      insertRow(ctx, unitEvents, {
        unitId: child.id,
        subjectId: child.id,
        kind: 'moved',
        eventDate: input.eventDate,
        decisionNo,
        details: JSON.stringify({ from: source.id, to: target.id }),
      });
    }
    updateRow(ctx, units, source.id, { status: 'merged', successorId: target.id });
    const details = JSON.stringify({ sources: [source.id], target: target.id });
    insertRow(ctx, unitEvents, { unitId: source.id, subjectId: source.id, kind: 'merged', eventDate: input.eventDate, decisionNo, details });
    insertRow(ctx, unitEvents, { unitId: target.id, subjectId: target.id, kind: 'merged', eventDate: input.eventDate, decisionNo, details });
  }
  return getUnit(ctx, target.id);
}

export interface SplitInput {
  sourceId: string;
  parts: { code: string; name: string }[];
  eventDate: string;
  decisionNo: string;
}

/** Splits a unit into new units under the same parent; the source keeps its records with status "split". */
export function splitUnit(ctx: ServiceContext, input: SplitInput): Unit[] {
  const source = getUnit(ctx, input.sourceId);
  if (source.status !== 'active') throw new AppError('UNIT_INACTIVE', { name: source.name, status: source.status });
  if (input.parts.length < 2) throw new AppError('SPLIT_NEEDS_PARTS');
  requireNotFuture(ctx, input.eventDate, 'eventDate');
  const decisionNo = requireDecisionNo(input.decisionNo);
  const active = ctx.db
    .select()
    .from(units)
    .where(and(eq(units.parentId, source.id), eq(units.status, 'active'), eq(units.deleted, false)))
    .all();
  if (active.length > 0) throw new AppError('UNIT_HAS_CHILDREN', { name: source.name, count: active.length });
  const created = input.parts.map((p) =>
    createUnit(ctx, { code: p.code, name: p.name, type: source.type, region: source.region, parentId: source.parentId }, input.eventDate),
  );
  updateRow(ctx, units, source.id, { status: 'split', successorId: created[0].id });
  insertRow(ctx, unitEvents, {
    unitId: source.id,
    subjectId: source.id,
    kind: 'split',
    eventDate: input.eventDate,
    decisionNo,
    details: JSON.stringify({ parts: created.map((u) => u.id) }),
  });
  return created;
}

export interface UnitFilter {
  query?: string;
  type?: UnitType;
  status?: Unit['status'] | 'all';
  parentId?: string;
}

export interface UnitListItem extends Unit {
  parentName: string | null;
  successorName: string | null;
}

export function listUnits(ctx: ServiceContext, filter: UnitFilter = {}): UnitListItem[] {
  const all = ctx.db.select().from(units).where(eq(units.deleted, false)).orderBy(asc(units.code)).all();
  const byId = new Map(all.map((u) => [u.id, u]));
  const status = filter.status ?? 'active';
  return all
    .filter((u) => status === 'all' || u.status === status)
    .filter((u) => !filter.type || u.type === filter.type)
    .filter((u) => !filter.parentId || u.parentId === filter.parentId)
    .filter((u) => !filter.query || matchesQuery(`${u.code} ${u.name}`, filter.query))
    .map((u) => ({
      ...u,
      parentName: u.parentId ? (byId.get(u.parentId)?.name ?? null) : null,
      successorName: u.successorId ? (byId.get(u.successorId)?.name ?? null) : null,
    }));
}

export function unitEventsOf(ctx: ServiceContext, unitId: string) {
  return ctx.db
    .select()
    .from(unitEvents)
    .where(and(eq(unitEvents.subjectId, unitId), eq(unitEvents.deleted, false)))
    .orderBy(asc(unitEvents.eventDate), asc(unitEvents.createdAt))
    .all();
}

export function unitsByIds(ctx: ServiceContext, ids: string[]): Unit[] {
  if (ids.length === 0) return [];
  return ctx.db.select().from(units).where(inArray(units.id, ids)).all();
}
