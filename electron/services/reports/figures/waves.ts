import { daysBetween } from '../../../common/dates';
import { wavesByUnit } from '../../units/waves';
import { msg, stepNames } from './labels';
import { lateStepsOn, progressOfQuery, stepsOfQuery, unitsOfQuery } from './scope';
import type { FigureProvider, LazyFigure } from './types';

const behindByWave = { key: 'waves.behindByWave', label: msg('Đơn vị chậm kế hoạch theo đợt triển khai', 'Behind-plan units by wave'), kind: 'count' } as const;
const unitsByWave = { key: 'waves.unitsByWave', label: msg('Số đơn vị theo đợt triển khai', 'Units by rollout wave'), kind: 'count' } as const;

const NO_WAVE = msg('Chưa xếp đợt', 'No wave');

/** Rollout waves: how many units each wave holds and which of them are behind plan. */
export const wavesFigures: FigureProvider = {
  area: 'waves',
  label: msg('Đợt triển khai', 'Rollout waves'),
  definitions: [unitsByWave, behindByWave],
  compute(ctx, q): LazyFigure[] {
    const L = q.lang;
    const units = unitsOfQuery(ctx, q);
    const waveMap = wavesByUnit(ctx);
    const progress = progressOfQuery(ctx, q);
    const waveNames = new Map<string, string>();
    for (const list of waveMap.values()) for (const w of list) waveNames.set(w.id, w.name);
    const membership = units.flatMap((u) => {
      const ws = waveMap.get(u.id) ?? [];
      return ws.length ? ws.map((w) => ({ unit: u, waveId: w.id, wave: w.name })) : [{ unit: u, waveId: '', wave: NO_WAVE[L] }];
    });
    const waveKeys = [...new Set(membership.map((m) => m.waveId))].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : (waveNames.get(a) ?? '').localeCompare(waveNames.get(b) ?? '')));
    const sliceLabel = (id: string) => (id ? { vi: waveNames.get(id)!, en: waveNames.get(id)! } : NO_WAVE);
    const late = membership.filter((m) => progress.get(m.unit.id)!.late);
    const lateUnits = new Set(late.map((m) => m.unit.id));
    // Which step is late, and since when, is read from the steps only for the list.
    const lateRows = () => {
      const steps = stepsOfQuery(ctx, q);
      return late.map((m) => ({ ...m, late: lateStepsOn(steps.get(m.unit.id) ?? [], q.asOf)[0] }));
    };
    return [
      {
        ...unitsByWave,
        area: 'waves',
        value: units.length,
        slices: waveKeys.map((k) => ({ key: k || 'none', label: sliceLabel(k), value: membership.filter((m) => m.waveId === k).length })),
        columns: [
          { key: 'wave', label: msg('Đợt', 'Wave') },
          { key: 'code', label: msg('Mã', 'Code') },
          { key: 'name', label: msg('Đơn vị', 'Unit') },
        ],
        rows: () => membership.map((m) => ({ unitId: m.unit.id, slice: m.waveId || 'none', wave: m.wave, code: m.unit.code, name: m.unit.name })),
      },
      {
        ...behindByWave,
        area: 'waves',
        value: lateUnits.size,
        slices: waveKeys.map((k) => ({ key: k || 'none', label: sliceLabel(k), value: late.filter((m) => m.waveId === k).length })),
        columns: [
          { key: 'wave', label: msg('Đợt', 'Wave') },
          { key: 'code', label: msg('Mã', 'Code') },
          { key: 'name', label: msg('Đơn vị', 'Unit') },
          { key: 'step', label: msg('Bước', 'Step') },
          { key: 'plannedEnd', label: msg('Hạn theo kế hoạch', 'Planned end'), type: 'date' },
          { key: 'daysLate', label: msg('Số ngày chậm', 'Days late'), type: 'number' },
        ],
        rows: () =>
          lateRows().map((m) => ({
            unitId: m.unit.id,
            slice: m.waveId || 'none',
            wave: m.wave,
            code: m.unit.code,
            name: m.unit.name,
            step: stepNames[m.late.step][L],
            plannedEnd: m.late.plannedEnd,
            daysLate: daysBetween(m.late.plannedEnd!, q.asOf),
          })),
      },
    ];
  },
};
