import type { ServiceContext } from '../../context';
import { cachedStatement } from '../../statements';
import { unitsByIds } from '../../units/units';
import { msg, regionNames, unitTypeNames } from './labels';
import { unitsOfQuery } from './scope';
import type { CellValue, FigureProvider, FigureQuery, LazyFigure } from './types';

const base = [
  { key: 'code', label: msg('Mã', 'Code') },
  { key: 'name', label: msg('Đơn vị', 'Unit') },
];

function unitRows(ctx: ServiceContext, q: FigureQuery) {
  const all = unitsOfQuery(ctx, q);
  const names = new Map(unitsByIds(ctx, all.map((u) => u.parentId).filter((x): x is string => !!x)).map((u) => [u.id, u.name]));
  return all.map((u) => ({ unit: u, parentName: u.parentId ? (names.get(u.parentId) ?? '') : '' }));
}

type TeamDecision = { unitId: string; decisionNo: string; decisionDate: string };

// Ordered so that the last row of a unit is its latest decision (ties: the one written last).
const TEAMS_ON = `SELECT unit_id AS unitId, decision_no AS decisionNo, decision_date AS decisionDate FROM iso_teams
  WHERE deleted = 0 AND decision_date <= ? AND unit_id IN (SELECT value FROM json_each(?)) ORDER BY unit_id, decision_date, rowid`;

/** The latest ISO team decision of each unit taken on or before the day. */
function teamsOn(ctx: ServiceContext, unitIds: string[], day: string) {
  const out = new Map<string, TeamDecision>();
  if (unitIds.length === 0) return out;
  for (const t of cachedStatement(ctx.sqlite, TEAMS_ON).all(day, JSON.stringify(unitIds)) as TeamDecision[]) out.set(t.unitId, t);
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
  compute(ctx, q): LazyFigure[] {
    const units = unitsOfQuery(ctx, q);
    const teams = teamsOn(ctx, q.unitIds, q.asOf);
    return [
      {
        ...inScope,
        area: 'units',
        value: units.length,
        slices: (['province', 'district', 'affiliated'] as const).map((type) => ({
          key: type,
          label: unitTypeNames[type],
          value: units.filter((u) => u.type === type).length,
        })),
        columns: [
          ...base,
          { key: 'type', label: msg('Loại', 'Type') },
          { key: 'region', label: msg('Miền', 'Region') },
          { key: 'parent', label: msg('Cấp trên', 'Parent') },
        ],
        rows: () =>
          unitRows(ctx, q).map(({ unit, parentName }) => ({
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
        value: units.filter((u) => teams.has(u.id)).length,
        columns: [...base, { key: 'decisionNo', label: msg('Số quyết định', 'Decision no.') }, { key: 'decisionDate', label: msg('Ngày quyết định', 'Decision date'), type: 'date' }],
        rows: () =>
          units
            .filter((u) => teams.has(u.id))
            .map((unit) => {
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
