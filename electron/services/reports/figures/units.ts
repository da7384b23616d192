import { and, eq, inArray } from 'drizzle-orm';
import { isoTeams } from '../../../../db/schema';
import type { ServiceContext } from '../../context';
import { unitsByIds } from '../../units/units';
import { msg, regionNames, unitTypeNames } from './labels';
import { unitsOfQuery } from './scope';
import type { CellValue, Figure, FigureProvider, FigureQuery } from './types';

const base = [
  { key: 'code', label: msg('Mã', 'Code') },
  { key: 'name', label: msg('Đơn vị', 'Unit') },
];

function unitRows(ctx: ServiceContext, q: FigureQuery) {
  const all = unitsOfQuery(ctx, q);
  const names = new Map(unitsByIds(ctx, all.map((u) => u.parentId).filter((x): x is string => !!x)).map((u) => [u.id, u.name]));
  return all.map((u) => ({ unit: u, parentName: u.parentId ? (names.get(u.parentId) ?? '') : '' }));
}

/** The latest ISO team decision of each unit taken on or before the day. */
function teamsOn(ctx: ServiceContext, unitIds: string[], day: string) {
  const out = new Map<string, typeof isoTeams.$inferSelect>();
  if (unitIds.length === 0) return out;
  const rows = ctx.db
    .select()
    .from(isoTeams)
    .where(and(inArray(isoTeams.unitId, unitIds), eq(isoTeams.deleted, false)))
    .all()
    .filter((t) => t.decisionDate <= day)
    .sort((a, b) => a.decisionDate.localeCompare(b.decisionDate));
  for (const t of rows) out.set(t.unitId, t);
  return out;
}

const inScope = { key: 'units.inScope', label: msg('Số đơn vị thuộc phạm vi', 'Units in scope'), kind: 'count' } as const;
const withTeam = {
  key: 'units.withTeam',
  label: msg('Số đơn vị đã thành lập Ban chỉ đạo / Tổ triển khai ISO', 'Units with an ISO team set up'),
  kind: 'count',
} as const;

/** Units in scope and their ISO teams (steering committee / team decisions). */
export const unitsFigures: FigureProvider = {
  area: 'units',
  label: msg('Đơn vị', 'Units'),
  definitions: [inScope, withTeam],
  compute(ctx, q): Figure[] {
    const rows = unitRows(ctx, q);
    const teams = teamsOn(ctx, q.unitIds, q.asOf);
    return [
      {
        ...inScope,
        area: 'units',
        value: rows.length,
        slices: (['province', 'district', 'affiliated'] as const).map((type) => ({
          key: type,
          label: unitTypeNames[type],
          value: rows.filter((r) => r.unit.type === type).length,
        })),
        columns: [
          ...base,
          { key: 'type', label: msg('Loại', 'Type') },
          { key: 'region', label: msg('Miền', 'Region') },
          { key: 'parent', label: msg('Cấp trên', 'Parent') },
        ],
        rows: rows.map(({ unit, parentName }) => ({
          unitId: unit.id,
          slice: unit.type,
          code: unit.code,
          name: unit.name,
          type: unitTypeNames[unit.type][q.lang],
          region: regionNames[unit.region ?? 'none'][q.lang],
          parent: parentName,
        })),
      },
      {
        ...withTeam,
        area: 'units',
        value: rows.filter((r) => teams.has(r.unit.id)).length,
        columns: [...base, { key: 'decisionNo', label: msg('Số quyết định', 'Decision no.') }, { key: 'decisionDate', label: msg('Ngày quyết định', 'Decision date'), type: 'date' }],
        rows: rows
          .filter((r) => teams.has(r.unit.id))
          .map(({ unit }) => {
            const t = teams.get(unit.id)!;
            return { unitId: unit.id, code: unit.code, name: unit.name, decisionNo: t.decisionNo, decisionDate: t.decisionDate };
          }),
      },
    ];
  },
  unitColumns: [
    { key: 'code', label: msg('Mã', 'Code') },
    { key: 'name', label: msg('Đơn vị', 'Unit') },
    { key: 'type', label: msg('Loại', 'Type') },
    { key: 'region', label: msg('Miền', 'Region') },
    { key: 'teamDecision', label: msg('QĐ thành lập Ban/Tổ ISO', 'ISO team decision') },
  ],
  unitValues(ctx, q) {
    const teams = teamsOn(ctx, q.unitIds, q.asOf);
    const out = new Map<string, Record<string, CellValue>>();
    for (const { unit } of unitRows(ctx, q)) {
      out.set(unit.id, {
        code: unit.code,
        name: unit.name,
        type: unitTypeNames[unit.type][q.lang],
        region: regionNames[unit.region ?? 'none'][q.lang],
        teamDecision: teams.get(unit.id)?.decisionNo ?? '',
      });
    }
    return out;
  },
};
