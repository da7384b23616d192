import { and, eq } from 'drizzle-orm';
import { attendance, trainingSessions } from '../../../db/schema';
import type { ServiceContext } from '../context';
import { listUnits, subtreeIds, type UnitListItem } from '../units/units';
import { wavesByUnit } from '../units/waves';
import { listCourses } from './courses';
import { listStaff } from './staff';

export type FigureGrouping = 'unit' | 'province' | 'wave' | 'year';

export interface FigureFilter {
  groupBy: FigureGrouping;
  /** Only staff working in this unit's subtree. */
  rootId?: string;
  waveId?: string;
  /** Sessions ending within [from, to]. */
  from?: string;
  to?: string;
}

/** One person who passed one course, with the groups they count in. */
interface Fact {
  staffId: string;
  fullName: string;
  unitId: string;
  unitName: string;
  courseTypeId: string;
  sessionId: string;
  endDate: string;
  certificateNo: string;
  groups: { key: string; label: string }[];
}

export interface FigureRow {
  key: string;
  label: string;
  /** course id → distinct people who passed it. */
  counts: Record<string, number>;
  /** Distinct people who passed any course. */
  people: number;
}

export interface Figures {
  courses: { id: string; code: string; name: string; kind: string }[];
  rows: FigureRow[];
  total: FigureRow;
}

/** The waves of a unit: its own memberships, else those of its nearest ancestor that has some. */
function waveResolver(ctx: ServiceContext, units: Map<string, UnitListItem>) {
  const direct = wavesByUnit(ctx);
  return (unitId: string) => {
    let u: string | null = unitId;
    const seen = new Set<string>();
    while (u && !seen.has(u)) {
      seen.add(u);
      if (direct.has(u)) return direct.get(u)!;
      u = units.get(u)?.parentId ?? null;
    }
    return [];
  };
}

function provinceOf(units: Map<string, UnitListItem>, unitId: string): UnitListItem | undefined {
  let u = units.get(unitId);
  const seen = new Set<string>();
  while (u && u.type !== 'province' && u.parentId && !seen.has(u.id)) {
    seen.add(u.id);
    const parent = units.get(u.parentId);
    if (!parent || parent.type === 'hq') break;
    u = parent;
  }
  return u;
}

function facts(ctx: ServiceContext, filter: FigureFilter): Fact[] {
  const units = new Map(listUnits(ctx, { status: 'all' }).map((u) => [u.id, u]));
  const scope = filter.rootId ? new Set(subtreeIds(ctx, filter.rootId)) : null;
  const wavesOf = waveResolver(ctx, units);
  // Staff of every status: someone who has left was still trained then.
  const people = new Map(listStaff(ctx, { status: 'all' }).map((p) => [p.id, p]));
  const rows = ctx.db
    .select({
      staffId: attendance.staffId,
      sessionId: attendance.sessionId,
      certificateNo: attendance.certificateNo,
      courseTypeId: trainingSessions.courseTypeId,
      endDate: trainingSessions.endDate,
    })
    .from(attendance)
    .innerJoin(trainingSessions, eq(trainingSessions.id, attendance.sessionId))
    .where(and(eq(attendance.deleted, false), eq(trainingSessions.deleted, false), eq(attendance.result, 'passed')))
    .all()
    .filter((r) => (!filter.from || r.endDate >= filter.from) && (!filter.to || r.endDate <= filter.to))
    .sort((a, b) => a.endDate.localeCompare(b.endDate));
  const out: Fact[] = [];
  for (const r of rows) {
    const p = people.get(r.staffId);
    if (!p) continue;
    if (scope && !scope.has(p.unitId)) continue;
    const unitWaves = wavesOf(p.unitId);
    if (filter.waveId && !unitWaves.some((w) => w.id === filter.waveId)) continue;
    let groups: Fact['groups'];
    if (filter.groupBy === 'unit') groups = [{ key: p.unitId, label: `${p.unitCode} · ${p.unitName}` }];
    else if (filter.groupBy === 'province') {
      const prov = provinceOf(units, p.unitId);
      groups = [{ key: prov?.id ?? '', label: prov ? `${prov.code} · ${prov.name}` : '—' }];
    } else if (filter.groupBy === 'wave') groups = unitWaves.length ? unitWaves.map((w) => ({ key: w.id, label: w.name })) : [{ key: '', label: '—' }];
    else groups = [{ key: r.endDate.slice(0, 4), label: r.endDate.slice(0, 4) }];
    out.push({ ...r, fullName: p.fullName, unitId: p.unitId, unitName: p.unitName, groups });
  }
  return out;
}

/**
 * Counts like the pilot review's (trained in awareness, in internal audit,
 * certified auditors): distinct people who passed each course in sessions
 * ending in the period, per unit, province, wave or year of the session.
 */
export function trainingFigures(ctx: ServiceContext, filter: FigureFilter): Figures {
  const courses = listCourses(ctx, { includeInactive: true });
  const groups = new Map<string, { label: string; byCourse: Map<string, Set<string>>; people: Set<string> }>();
  const total = { byCourse: new Map<string, Set<string>>(), people: new Set<string>() };
  for (const f of facts(ctx, filter)) {
    for (const g of f.groups) {
      const entry = groups.get(g.key) ?? { label: g.label, byCourse: new Map(), people: new Set<string>() };
      entry.byCourse.set(f.courseTypeId, (entry.byCourse.get(f.courseTypeId) ?? new Set()).add(f.staffId));
      entry.people.add(f.staffId);
      groups.set(g.key, entry);
    }
    total.byCourse.set(f.courseTypeId, (total.byCourse.get(f.courseTypeId) ?? new Set()).add(f.staffId));
    total.people.add(f.staffId);
  }
  const row = (key: string, label: string, e: { byCourse: Map<string, Set<string>>; people: Set<string> }): FigureRow => ({
    key,
    label,
    counts: Object.fromEntries(courses.map((c) => [c.id, e.byCourse.get(c.id)?.size ?? 0])),
    people: e.people.size,
  });
  return {
    courses: courses.map((c) => ({ id: c.id, code: c.code, name: c.name, kind: c.kind })),
    rows: [...groups.entries()].map(([k, e]) => row(k, e.label, e)).sort((a, b) => a.label.localeCompare(b.label, 'vi')),
    total: row('*', '', total),
  };
}

export interface FigureName {
  staffId: string;
  fullName: string;
  unitName: string;
  courseTypeId: string;
  sessionId: string;
  endDate: string;
  certificateNo: string;
}

/** The names behind one figure: the people of a group ('*' for all) who passed the course (any course when omitted). */
export function trainingFigureNames(ctx: ServiceContext, filter: FigureFilter & { groupKey: string; courseTypeId?: string }): FigureName[] {
  const seen = new Set<string>();
  const out: FigureName[] = [];
  for (const f of facts(ctx, filter)) {
    if (filter.groupKey !== '*' && !f.groups.some((g) => g.key === filter.groupKey)) continue;
    if (filter.courseTypeId && f.courseTypeId !== filter.courseTypeId) continue;
    const key = filter.courseTypeId ? f.staffId : `${f.staffId}|${f.courseTypeId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ staffId: f.staffId, fullName: f.fullName, unitName: f.unitName, courseTypeId: f.courseTypeId, sessionId: f.sessionId, endDate: f.endDate, certificateNo: f.certificateNo });
  }
  return out.sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi') || a.fullName.localeCompare(b.fullName, 'vi'));
}
