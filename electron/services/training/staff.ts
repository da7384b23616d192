import { and, eq, inArray } from 'drizzle-orm';
import { attendance, staff, type isoRoles } from '../../../db/schema';
import { AppError } from '../../common/errors';
import { formatVnDate } from '../../common/dates';
import { fold, matchesQuery } from '../../common/text';
import type { ServiceContext } from '../context';
import { deleteRow, findRow, getLiveRow, insertRow, updateRow } from '../records';
import { requireNotFuture, requireText } from '../rules';
import { getUnit, listUnits, subtreeIds } from '../units/units';

export type Staff = typeof staff.$inferSelect;
export type IsoRole = (typeof isoRoles)[number];

export interface StaffListItem extends Staff {
  unitCode: string;
  unitName: string;
}

export interface StaffFilter {
  unitId?: string;
  /** With unitId: also the units below it. */
  includeSubunits?: boolean;
  query?: string;
  status?: 'active' | 'left' | 'all';
}

/** The unit ids a filter covers, or null for every unit. */
export function scopeUnitIds(ctx: ServiceContext, unitId?: string, includeSubunits?: boolean): string[] | null {
  if (!unitId) return null;
  return includeSubunits ? subtreeIds(ctx, unitId) : [unitId];
}

/** Live staff records (merged duplicates excluded), with their unit's code and name, by unit then name. */
export function listStaff(ctx: ServiceContext, filter: StaffFilter = {}): StaffListItem[] {
  const scope = scopeUnitIds(ctx, filter.unitId, filter.includeSubunits);
  const unitById = new Map(listUnits(ctx, { status: 'all' }).map((u) => [u.id, u]));
  const status = filter.status ?? 'active';
  const rows = ctx.db
    .select()
    .from(staff)
    .where(and(eq(staff.deleted, false), scope ? inArray(staff.unitId, scope) : undefined))
    .all();
  return rows
    .filter((s) => status === 'all' || s.status === status)
    .map((s) => ({ ...s, unitCode: unitById.get(s.unitId)?.code ?? '', unitName: unitById.get(s.unitId)?.name ?? '' }))
    .filter((s) => !filter.query || matchesQuery(`${s.fullName} ${s.staffCode} ${s.position} ${s.department} ${s.unitName}`, filter.query))
    // Keys computed once per person and one collator per sort: folding and locale look-up per comparison dominated national lists.
    .map((s) => ({ s, name: lastNameKey(s.fullName) }))
    .sort((a, b) => byCode.compare(a.s.unitCode, b.s.unitCode) || byName.compare(a.name, b.name))
    .map(({ s }) => s);
}

const byCode = new Intl.Collator();
const byName = new Intl.Collator('vi');

/** Vietnamese lists sort by given name (the last word), then the whole name. */
function lastNameKey(name: string): string {
  const words = fold(name).split(' ');
  return `${words.at(-1)} ${words.join(' ')}`;
}

/** A live staff record; a merged one says so (STAFF_MERGED) rather than just "not found". */
export function getStaff(ctx: ServiceContext, id: string): Staff {
  const row = findRow(ctx, staff, id);
  if (row?.deleted && row.mergedIntoId) throw new AppError('STAFF_MERGED', { name: row.fullName });
  return getLiveRow(ctx, staff, id, 'staffMember');
}

export interface StaffInput {
  unitId: string;
  fullName: string;
  staffCode?: string;
  birthDate?: string | null;
  position?: string;
  department?: string;
  isoRole?: IsoRole;
  phone?: string;
  email?: string;
  status?: 'active' | 'left';
  note?: string;
}

/** Key under which two records of one unit are the same person: folded name and birth date. */
export const personKey = (fullName: string, birthDate: string | null | undefined): string | null =>
  birthDate ? `${fold(fullName)}|${birthDate}` : null;

/** The live record in a unit with this staff code or this name and birth date (other than `exceptId`). */
export function findSamePerson(
  ctx: ServiceContext,
  unitId: string,
  person: { staffCode?: string; fullName: string; birthDate?: string | null },
  exceptId?: string,
): { row: Staff; by: 'code' | 'nameBirth' } | null {
  const rows = ctx.db.select().from(staff).where(and(eq(staff.unitId, unitId), eq(staff.deleted, false))).all();
  const others = rows.filter((r) => r.id !== exceptId);
  const code = person.staffCode?.trim();
  const byCode = code ? others.find((r) => r.staffCode === code) : undefined;
  if (byCode) return { row: byCode, by: 'code' };
  const key = personKey(person.fullName, person.birthDate);
  const byName = key ? others.find((r) => personKey(r.fullName, r.birthDate) === key) : undefined;
  return byName ? { row: byName, by: 'nameBirth' } : null;
}

function refuseDuplicate(ctx: ServiceContext, unitId: string, person: StaffInput, exceptId?: string): void {
  const same = findSamePerson(ctx, unitId, person, exceptId);
  if (!same) return;
  const unit = getUnit(ctx, unitId).name;
  if (same.by === 'code') {
    throw new AppError('STAFF_CODE_TAKEN', { code: same.row.staffCode, name: same.row.fullName, unit }, 'staffCode');
  }
  throw new AppError('STAFF_DUPLICATE', { name: same.row.fullName, birthDate: formatVnDate(same.row.birthDate), unit }, 'fullName');
}

/** Adds a person to a unit's staff; the same staff code, or the same name and birth date, in that unit is refused. */
export function createStaff(ctx: ServiceContext, input: StaffInput): Staff {
  const unit = getUnit(ctx, input.unitId);
  const fullName = requireText(input.fullName, 'fullName');
  requireNotFuture(ctx, input.birthDate, 'birthDate');
  refuseDuplicate(ctx, unit.id, { ...input, fullName });
  return insertRow(ctx, staff, {
    unitId: unit.id,
    fullName,
    staffCode: input.staffCode?.trim() ?? '',
    birthDate: input.birthDate ?? null,
    position: input.position ?? '',
    department: input.department ?? '',
    isoRole: input.isoRole ?? 'none',
    phone: input.phone ?? '',
    email: input.email ?? '',
    status: input.status ?? 'active',
    note: input.note ?? '',
  });
}

/** Edits a person (moving them to another unit too), with the same duplicate rule as adding. */
export function updateStaff(ctx: ServiceContext, id: string, patch: Partial<StaffInput>): Staff {
  const current = getStaff(ctx, id);
  const next = { ...current, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as Staff;
  const fullName = requireText(next.fullName, 'fullName');
  if (patch.unitId) getUnit(ctx, patch.unitId);
  requireNotFuture(ctx, next.birthDate, 'birthDate');
  refuseDuplicate(ctx, next.unitId, { ...next, fullName }, id);
  return updateRow(ctx, staff, id, {
    unitId: next.unitId,
    fullName,
    staffCode: next.staffCode.trim(),
    birthDate: next.birthDate ?? null,
    position: next.position,
    department: next.department,
    isoRole: next.isoRole,
    phone: next.phone,
    email: next.email,
    status: next.status,
    note: next.note,
  });
}

export interface DuplicateGroup {
  reason: 'code' | 'nameBirth';
  unitId: string;
  unitName: string;
  members: (StaffListItem & { attendanceCount: number })[];
}

/**
 * Records of one unit that look like the same person: the same staff code,
 * or the same name (ignoring diacritics and spacing) and birth date. Such
 * pairs arrive from imports, bundles or typing; merge them to one.
 */
export function findDuplicates(ctx: ServiceContext, filter: { unitId?: string; includeSubunits?: boolean } = {}): DuplicateGroup[] {
  const list = listStaff(ctx, { unitId: filter.unitId, includeSubunits: filter.includeSubunits ?? true, status: 'all' });
  const counts = new Map<string, number>();
  for (const a of ctx.db.select({ staffId: attendance.staffId }).from(attendance).where(eq(attendance.deleted, false)).all()) {
    counts.set(a.staffId, (counts.get(a.staffId) ?? 0) + 1);
  }
  const groups = new Map<string, DuplicateGroup>();
  const seen = new Set<string>();
  const add = (key: string, reason: DuplicateGroup['reason'], s: StaffListItem) => {
    const g = groups.get(key) ?? { reason, unitId: s.unitId, unitName: s.unitName, members: [] };
    g.members.push({ ...s, attendanceCount: counts.get(s.id) ?? 0 });
    groups.set(key, g);
  };
  for (const s of list) if (s.staffCode) add(`code|${s.unitId}|${s.staffCode}`, 'code', s);
  for (const g of groups.values()) if (g.members.length > 1) g.members.forEach((m) => seen.add(m.id));
  for (const s of list) {
    const key = personKey(s.fullName, s.birthDate);
    if (key && !seen.has(s.id)) add(`name|${s.unitId}|${key}`, 'nameBirth', s);
  }
  return [...groups.values()].filter((g) => g.members.length > 1);
}

const resultRank = { passed: 3, failed: 2, absent: 1 } as const;

/**
 * Merges duplicate records into the one kept: every attendance moves to it
 * (where both attended the same session, the better result stays), its empty
 * fields are filled from the duplicates, and the duplicates are tombstoned
 * pointing at it.
 */
export function mergeStaff(ctx: ServiceContext, keepId: string, mergeIds: string[]): Staff {
  const keep = getStaff(ctx, keepId);
  const fill: Partial<Staff> = {};
  for (const dupId of new Set(mergeIds)) {
    if (dupId === keepId) throw new AppError('STAFF_MERGE_SELF');
    const dup = getStaff(ctx, dupId);
    const kept = ctx.db.select().from(attendance).where(and(eq(attendance.staffId, keepId), eq(attendance.deleted, false))).all();
    const moving = ctx.db.select().from(attendance).where(and(eq(attendance.staffId, dupId), eq(attendance.deleted, false))).all();
    for (const a of moving) {
      const clash = kept.find((k) => k.sessionId === a.sessionId);
      if (!clash) {
        updateRow(ctx, attendance, a.id, { staffId: keepId });
        continue;
      }
      const better = resultRank[a.result] > resultRank[clash.result] || (a.result === clash.result && !!a.certificateNo && !clash.certificateNo);
      if (better) {
        updateRow(ctx, attendance, clash.id, { result: a.result, certificateNo: a.certificateNo, certificateDate: a.certificateDate, certificateExpiry: a.certificateExpiry });
      }
      deleteRow(ctx, attendance, a.id);
    }
    for (const k of ['staffCode', 'birthDate', 'position', 'department', 'phone', 'email'] as const) {
      if (!keep[k] && !fill[k] && dup[k]) fill[k] = dup[k];
    }
    if (keep.isoRole === 'none' && !fill.isoRole && dup.isoRole !== 'none') fill.isoRole = dup.isoRole;
    updateRow(ctx, staff, dupId, { mergedIntoId: keepId, deleted: true });
  }
  return updateRow(ctx, staff, keepId, fill);
}
