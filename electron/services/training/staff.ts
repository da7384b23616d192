import { and, eq } from 'drizzle-orm';
import { attendance, isoRoles, staff } from '../../../db/schema';
import { AppError } from '../../common/errors';
import { formatVnDate } from '../../common/dates';
import { fold } from '../../common/text';
import type { ServiceContext } from '../context';
import { cachedStatement } from '../statements';
import { deleteRow, findRow, getLiveRow, insertRow, rowShape, updateRow } from '../records';
import { requireNotFuture, requireText } from '../rules';
import { getUnit, subtreeOrAll } from '../units/units';
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

/** The unit ids a filter covers, or null for every unit (no unit, or headquarters with its sub-units). */
export function scopeUnitIds(ctx: ServiceContext, unitId?: string, includeSubunits?: boolean): string[] | null {
  if (!unitId) return null;
  return includeSubunits ? subtreeOrAll(ctx, unitId) : [unitId];
}

interface Where {
  conds: string[];
  params: unknown[];
}

const joined = (w: Where) => ({ where: w.conds.join(' AND '), params: w.params });

/** The conditions of a staff list without its search, over `staff s`: live people of the status and scope (and ids). */
function filterWhere(ctx: ServiceContext, filter: StaffFilter): Where {
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
  return { conds, params };
}

/**
 * Adds the search to a list's conditions, over `staff s JOIN staff_search k`:
 * every folded word of the query against the person's stored search key or
 * their unit's name, in one SQL scan (folding in JavaScript over every person
 * cost ~400 ms at national scale).
 */
function withSearch(ctx: ServiceContext, base: Where, query: string | undefined): Where {
  const words = fold(query ?? '').split(' ').filter(Boolean);
  if (!words.length) return base;
  const conds = [...base.conds];
  const params = [...base.params];
  // Units are few (~800): fold their names here rather than store a key that a rename would leave stale.
  const units = cachedStatement(ctx.sqlite, 'SELECT id, name FROM units').all() as { id: string; name: string }[];
  const unitKeys = units.map((u) => ({ id: u.id, key: fold(u.name) }));
  for (const w of words) {
    conds.push('(instr(k.search_key, ?) > 0 OR s.unit_id IN (SELECT value FROM json_each(?)))');
    params.push(w, JSON.stringify(unitKeys.filter((u) => u.key.includes(w)).map((u) => u.id)));
  }
  return { conds, params };
}

/** The WHERE clause of a staff list, searched, over `staff s JOIN staff_search k JOIN units u`. */
const staffWhere = (ctx: ServiceContext, filter: StaffFilter) => joined(withSearch(ctx, filterWhere(ctx, filter), filter.query));

/**
 * The list's own order: unit code, then given name, then whole name
 * (Vietnamese order, from the stored sort key). The units are walked in code
 * order through their index, so SQLite sorts one unit's people at a time and
 * a LIMIT stops after the first units: the first rows of the national list
 * take under a millisecond rather than a sort of all ~30,000 (30 ms).
 */
const LIST_FROM = 'FROM units u INDEXED BY units_code_uq JOIN staff s ON s.unit_id = u.id JOIN staff_search k ON k.staff_id = s.id';
const LIST_ORDER = ['u.code', 'k.sort_key', 's.id'];

function selectStaff<T>(ctx: ServiceContext, columns: string, filter: StaffFilter): T[] {
  refreshTrainingDerived(ctx);
  const { where, params } = staffWhere(ctx, filter);
  // LIMIT -1: no limit (one statement text either way, kept prepared).
  const limit = filter.limit === undefined ? -1 : Math.max(0, Math.floor(filter.limit));
  return cachedStatement(ctx.sqlite, `SELECT ${columns} ${LIST_FROM} WHERE ${where} ORDER BY ${LIST_ORDER.join(', ')} LIMIT ?`).all(...params, limit) as T[];
}

const ROW_COLUMNS = `s.id, u.name AS unitName, s.full_name AS fullName, s.staff_code AS staffCode,
  s.birth_date AS birthDate, s.position, s.department, s.iso_role AS isoRole, s.status`;

/** The staff list's rows: live people (merged duplicates excluded) with their unit, list columns only, by unit then name. */
export function staffRows(ctx: ServiceContext, filter: StaffFilter = {}): StaffRow[] {
  return selectStaff<StaffRow>(ctx, ROW_COLUMNS, filter);
}

/** The staff list's columns a page can be sorted by (the screen's column keys). */
export const staffSortKeys = ['fullName', 'birthDate', 'staffCode', 'unit', 'department', 'position', 'isoRole', 'status'] as const;
export type StaffSortKey = (typeof staffSortKeys)[number];

export interface StaffPageQuery extends Omit<StaffFilter, 'ids' | 'limit'> {
  /** None: the list's own order (unit, then name). */
  sort?: { key: StaffSortKey; dir: 'asc' | 'desc' };
  offset?: number;
  limit: number;
}

export interface StaffPage {
  /** People matching the filter and search. */
  total: number;
  /** People matching the filter without the search ("12 of 29,640"). */
  all: number;
  offset: number;
  rows: StaffRow[];
}

/** Text sorts as the lists do: without diacritics or case, numbers by value ("NV2" before "NV10"). */
const textSortKey = (v: string): string => fold(v).replace(/\d+/g, (d) => d.padStart(12, '0'));

// Positions, departments and unit names repeat across thousands of people: each is folded once, not once per row of every sort.
const sortKeys = new Map<string, string>();
function cachedSortKey(v: string): string {
  let key = sortKeys.get(v);
  if (key === undefined) {
    if (sortKeys.size >= 100_000) sortKeys.clear();
    key = textSortKey(v);
    sortKeys.set(v, key);
  }
  return key;
}

const withSortKey = new WeakSet<object>();
function registerSortKey(ctx: ServiceContext): void {
  if (withSortKey.has(ctx.sqlite)) return;
  ctx.sqlite.function('staff_text_key', { deterministic: true }, (v: unknown) => (typeof v === 'string' ? cachedSortKey(v) : null));
  withSortKey.add(ctx.sqlite);
}

const ROLE_RANK = `CASE s.iso_role ${isoRoles.map((r, i) => `WHEN '${r}' THEN ${i}`).join(' ')} END`;
/** Each sortable column's terms, ascending; empty values last, as in every other list. Name sorts by given name, like the list itself. */
const SORT_TERMS: Record<StaffSortKey, string[]> = {
  fullName: ['k.sort_key', 'u.code', 's.id'],
  birthDate: ['s.birth_date IS NULL', 's.birth_date', ...LIST_ORDER],
  staffCode: ["s.staff_code = ''", 'staff_text_key(s.staff_code)', ...LIST_ORDER],
  unit: ['staff_text_key(u.name)', ...LIST_ORDER],
  department: ["s.department = ''", 'staff_text_key(s.department)', ...LIST_ORDER],
  position: ["s.position = ''", 'staff_text_key(s.position)', ...LIST_ORDER],
  isoRole: ["s.iso_role = 'none'", ROLE_RANK, ...LIST_ORDER],
  status: ['s.status', ...LIST_ORDER],
};

/**
 * One window of the staff list, searched and sorted in SQL, with the counts:
 * the screen asks for the rows it shows rather than holding the nation's
 * ~30,000 people (7 MB) to search and sort them itself.
 */
export function staffPage(ctx: ServiceContext, page: StaffPageQuery): StaffPage {
  refreshTrainingDerived(ctx);
  const { sort, offset = 0, limit, ...filter } = page;
  // The scope is resolved once for both the count and the rows.
  const base = filterWhere(ctx, filter);
  const unsearched = joined(base);
  // Without a search every live person has a search row, so staff alone is counted (joining staff_search tripled the cost).
  // The screen asks again on every keystroke and scroll: a few statement shapes, kept prepared.
  const all = cachedStatement(ctx.sqlite, `SELECT count(*) FROM staff s WHERE ${unsearched.where}`).pluck().get(...unsearched.params) as number;
  const search = withSearch(ctx, base, filter.query);
  const searching = search !== base;
  const { where, params } = joined(search);
  const order = (sort ? SORT_TERMS[sort.key].map((t) => (sort.dir === 'desc' ? `${t} DESC` : t)) : LIST_ORDER).join(', ');
  if (sort) registerSortKey(ctx);
  const from = sort ? 'FROM staff s JOIN staff_search k ON k.staff_id = s.id JOIN units u ON u.id = s.unit_id' : LIST_FROM;
  // A search reads every key anyway: its matches are counted in the same pass rather than searched twice.
  const columns = searching ? `${ROW_COLUMNS}, count(*) OVER () AS matched` : ROW_COLUMNS;
  const found = cachedStatement(ctx.sqlite, `SELECT ${columns} ${from} WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...params, limit, offset) as (StaffRow & {
    matched?: number;
  })[];
  if (!searching) return { total: all, all, offset, rows: found };
  const total = found.length
    ? found[0].matched!
    : (cachedStatement(ctx.sqlite, `SELECT count(*) FROM staff s JOIN staff_search k ON k.staff_id = s.id WHERE ${where}`).pluck().get(...params) as number);
  return { total, all, offset, rows: found.map(({ matched: _, ...row }) => row) };
}

const staffShape = rowShape(staff, 's');

/** Live staff records with every column (exports, registers), in the same order and with the same filter as the list. */
export function listStaff(ctx: ServiceContext, filter: StaffFilter = {}): StaffListItem[] {
  return selectStaff<Record<string, unknown>>(ctx, `${staffShape.select}, u.code AS unitCode, u.name AS unitName`, filter).map(
    (raw) => staffShape.read(raw) as StaffListItem,
  );
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
  const { where, params } = joined(filterWhere(ctx, { unitId: filter.unitId, includeSubunits: filter.includeSubunits ?? true, status: 'all' }));
  // Only people who share a code, or a folded name and birth date, with someone else in their unit, grouped in Maps in one
  // pass over staff: SQLite's GROUP BY sorted everyone twice (~200 ms nationally). Folded names are read only for people
  // who share a birth date in their unit (a few hundred), not joined for all.
  const people = ctx.sqlite
    .prepare(`SELECT s.id, s.unit_id, s.staff_code, s.birth_date FROM staff s WHERE ${where}`)
    .raw()
    .all(...params) as [string, string, string, string | null][];
  const shared = (entries: Iterable<[string, string]>): string[] => {
    const byKey = new Map<string, string[]>();
    for (const [key, id] of entries) {
      const ids = byKey.get(key);
      if (ids) ids.push(id);
      else byKey.set(key, [id]);
    }
    return [...byKey.values()].filter((ids) => ids.length > 1).flat();
  };
  const sameCode = shared(people.filter((p) => p[2] !== '').map(([id, unitId, code]) => [`${unitId}\u0000${code}`, id]));
  const sameBirth = shared(people.filter((p) => p[3] !== null).map(([id, unitId, , birthDate]) => [`${unitId}\u0000${birthDate}`, id]));
  const nameKeys = ctx.sqlite
    .prepare('SELECT k.staff_id, s.unit_id, s.birth_date, k.name_key FROM staff_search k JOIN staff s ON s.id = k.staff_id WHERE k.staff_id IN (SELECT value FROM json_each(?))')
    .raw()
    .all(JSON.stringify(sameBirth)) as [string, string, string, string][];
  const sameName = shared(nameKeys.map(([id, unitId, birthDate, nameKey]) => [`${unitId}\u0000${birthDate}\u0000${nameKey}`, id]));
  const candidates = [...new Set([...sameCode, ...sameName])];
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
