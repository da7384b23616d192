import { and, eq, getTableColumns } from 'drizzle-orm';
import { attendance, staff, type isoRoles } from '../../../db/schema';
import { AppError } from '../../common/errors';
import { formatVnDate } from '../../common/dates';
import { fold } from '../../common/text';
import type { ServiceContext } from '../context';
import { deleteRow, findRow, getLiveRow, insertRow, updateRow } from '../records';
import { requireNotFuture, requireText } from '../rules';
import { getUnit, subtreeIds } from '../units/units';
import { refreshTrainingDerived } from './derived';

export type Staff = typeof staff.$inferSelect;
export type IsoRole = (typeof isoRoles)[number];

export interface StaffListItem extends Staff {
  unitCode: string;
  unitName: string;
}

/** What the staff list shows of a person: its columns only (the national list carries ~30,000 of these). */
export interface StaffRow {
  id: string;
  unitName: string;
  fullName: string;
  staffCode: string;
  birthDate: string | null;
  position: string;
  department: string;
  isoRole: IsoRole;
  status: 'active' | 'left';
}

export interface StaffFilter {
  unitId?: string;
  /** With unitId: also the units below it. */
  includeSubunits?: boolean;
  query?: string;
  status?: 'active' | 'left' | 'all';
  /** Only these people (still within the other conditions). */
  ids?: string[];
  /** At most this many rows, in list order. */
  limit?: number;
}

/** The unit ids a filter covers, or null for every unit. */
export function scopeUnitIds(ctx: ServiceContext, unitId?: string, includeSubunits?: boolean): string[] | null {
  if (!unitId) return null;
  return includeSubunits ? subtreeIds(ctx, unitId) : [unitId];
}

/**
 * The WHERE clause of a staff list, over `staff s JOIN staff_search k JOIN
 * units u`. Search matches every folded word of the query against the
 * person's stored search key or their unit's name, in one SQL scan: folding
 * in JavaScript over every person cost ~400 ms at national scale.
 */
function staffWhere(ctx: ServiceContext, filter: StaffFilter): { where: string; params: unknown[] } {
  const conds = ['s.deleted = 0'];
  const params: unknown[] = [];
  const status = filter.status ?? 'active';
  if (status !== 'all') {
    conds.push('s.status = ?');
    params.push(status);
  }
  const scope = scopeUnitIds(ctx, filter.unitId, filter.includeSubunits);
  if (scope) {
    conds.push('s.unit_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(scope));
  }
  if (filter.ids) {
    conds.push('s.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.ids));
  }
  const words = fold(filter.query ?? '').split(' ').filter(Boolean);
  if (words.length) {
    // Units are few (~800): fold their names here rather than store a key that a rename would leave stale.
    const units = ctx.sqlite.prepare('SELECT id, name FROM units').all() as { id: string; name: string }[];
    const unitKeys = units.map((u) => ({ id: u.id, key: fold(u.name) }));
    for (const w of words) {
      conds.push('(instr(k.search_key, ?) > 0 OR s.unit_id IN (SELECT value FROM json_each(?)))');
      params.push(w, JSON.stringify(unitKeys.filter((u) => u.key.includes(w)).map((u) => u.id)));
    }
  }
  return { where: conds.join(' AND '), params };
}

/** Unit code, then given name, then whole name (Vietnamese order, from the stored sort key). */
const LIST_ORDER = 'ORDER BY u.code, k.sort_key, s.id';

function selectStaff<T>(ctx: ServiceContext, columns: string, filter: StaffFilter): T[] {
  refreshTrainingDerived(ctx);
  const { where, params } = staffWhere(ctx, filter);
  const limit = filter.limit === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(filter.limit))}`;
  return ctx.sqlite
    .prepare(
      `SELECT ${columns} FROM staff s JOIN staff_search k ON k.staff_id = s.id JOIN units u ON u.id = s.unit_id
        WHERE ${where} ${LIST_ORDER}${limit}`,
    )
    .all(...params) as T[];
}

const ROW_COLUMNS = `s.id, u.name AS unitName, s.full_name AS fullName, s.staff_code AS staffCode,
  s.birth_date AS birthDate, s.position, s.department, s.iso_role AS isoRole, s.status`;

/** The staff list's rows: live people (merged duplicates excluded) with their unit, list columns only, by unit then name. */
export function staffRows(ctx: ServiceContext, filter: StaffFilter = {}): StaffRow[] {
  return selectStaff<StaffRow>(ctx, ROW_COLUMNS, filter);
}

const FULL_COLUMNS = [
  ...Object.entries(getTableColumns(staff)).map(([key, col]) => `s.${col.name} AS ${key}`),
  'u.code AS unitCode',
  'u.name AS unitName',
].join(', ');

/** Live staff records with every column (exports, registers), in the same order and with the same filter as the list. */
export function listStaff(ctx: ServiceContext, filter: StaffFilter = {}): StaffListItem[] {
  return selectStaff<StaffListItem>(ctx, FULL_COLUMNS, filter).map((s) => ({ ...s, deleted: !!s.deleted }));
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
  refreshTrainingDerived(ctx);
  const { where, params } = staffWhere(ctx, { unitId: filter.unitId, includeSubunits: filter.includeSubunits ?? true, status: 'all' });
  // Only people who share a code, or a folded name and birth date, with someone else in their unit: a GROUP BY, not a pass over everyone.
  const candidates = ctx.sqlite
    .prepare(
      `WITH live AS (SELECT s.id, s.unit_id, s.staff_code, s.birth_date, k.name_key FROM staff s JOIN staff_search k ON k.staff_id = s.id WHERE ${where}),
            codes AS (SELECT unit_id, staff_code FROM live WHERE staff_code != '' GROUP BY unit_id, staff_code HAVING count(*) > 1),
            names AS (SELECT unit_id, name_key, birth_date FROM live WHERE birth_date IS NOT NULL GROUP BY unit_id, name_key, birth_date HAVING count(*) > 1)
       SELECT l.id FROM live l JOIN codes c ON c.unit_id = l.unit_id AND c.staff_code = l.staff_code
       UNION SELECT l.id FROM live l JOIN names n ON n.unit_id = l.unit_id AND n.name_key = l.name_key AND n.birth_date = l.birth_date`,
    )
    .pluck()
    .all(...params) as string[];
  if (candidates.length === 0) return [];
  const list = listStaff(ctx, { ids: candidates, status: 'all' });
  const counts = new Map<string, number>();
  const attended = ctx.sqlite
    .prepare('SELECT staff_id AS id, count(*) AS n FROM attendance WHERE deleted = 0 AND staff_id IN (SELECT value FROM json_each(?)) GROUP BY staff_id')
    .all(JSON.stringify(candidates)) as { id: string; n: number }[];
  for (const a of attended) counts.set(a.id, a.n);
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
