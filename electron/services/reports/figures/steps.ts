import { daysBetween } from '../../../common/dates';
import type { ServiceContext } from '../../context';
import { msg, regionNames, stepNames } from './labels';
import { cachedStatement } from '../../statements';
import { compareCodes, currentStepOn, doneBy, dueHorizon, lateStepsOn, progressOfQuery, stepEvidence, stepsOfQuery, unitsOfQuery, type ScopeUnit, type StepState } from './scope';
import type { CellValue, Figure, FigureColumn, FigureDefinition, FigureProvider, FigureQuery, LazyFigure } from './types';

const def = (key: string, vi: string, en: string, kind: Figure['kind'] = 'count'): FigureDefinition => ({ key, label: msg(vi, en), kind });

const D = {
  byStep: def('steps.byStep', 'Số đơn vị theo bước triển khai', 'Units by rollout step'),
  declared: def('steps.declared', 'Số đơn vị đã được chứng nhận / công bố HTQLCL phù hợp TCVN ISO 9001', 'Units certified or self-declared (step 3 done)'),
  declaredShare: def('steps.declaredShare', 'Tỷ lệ đơn vị đã chứng nhận / công bố', 'Share of units certified or declared', 'percent'),
  declaredInPeriod: def('steps.declaredInPeriod', 'Số đơn vị công bố trong kỳ', 'Units declared during the period'),
  completedInPeriod: def('steps.completedInPeriod', 'Số bước hoàn thành trong kỳ', 'Steps completed during the period'),
  behindPlan: def('steps.behindPlan', 'Số đơn vị chậm so với kế hoạch', 'Units behind plan'),
  dueSoon: def('steps.dueSoon', 'Số bước đến hạn trong 90 ngày tới', 'Steps falling due in the next 90 days'),
};

const base: FigureColumn[] = [
  { key: 'code', label: msg('Mã', 'Code') },
  { key: 'name', label: msg('Đơn vị', 'Unit') },
];
const stepCol: FigureColumn = { key: 'step', label: msg('Bước', 'Step') };

// Steps not done whose planned end falls between today and the horizon (each unit's in step order).
const DUE_SOON = `SELECT j.key, s.step, s.planned_end FROM json_each(?) j JOIN unit_steps s ON s.unit_id = j.value AND s.deleted = 0
  WHERE s.status <> 'done' AND coalesce(s.planned_end, '') <> '' AND s.planned_end >= ? AND s.planned_end <= ? ORDER BY j.key, s.step, s.rowid`;

function load(ctx: ServiceContext, q: FigureQuery) {
  const steps = stepsOfQuery(ctx, q);
  return unitsOfQuery(ctx, q).map((u) => ({ unit: u, steps: steps.get(u.id) ?? ([] as StepState[]) }));
}

const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

/** The four rollout steps: where units stand, who is late, what falls due, who has declared. */
export const stepsFigures: FigureProvider = {
  area: 'steps',
  label: msg('Tiến độ 4 bước', 'Four-step progress'),
  definitions: Object.values(D),
  compute(ctx, q): LazyFigure[] {
    const L = q.lang;
    const units = unitsOfQuery(ctx, q);
    const progress = progressOfQuery(ctx, q);
    const of = (u: ScopeUnit) => progress.get(u.id)!;
    const who = (u: { id: string; code: string; name: string }) => ({ unitId: u.id, code: u.code, name: u.name });
    // The values are counted in SQL (progressOfQuery); the rows come from the steps themselves, read only for a list.
    let loaded: ReturnType<typeof load> | undefined;
    const data = () => (loaded ??= load(ctx, q));

    const byStep: LazyFigure = {
      ...D.byStep,
      area: 'steps',
      value: units.length,
      slices: [1, 2, 3, 4, 5].map((s) => ({ key: String(s), label: stepNames[s], value: units.filter((u) => of(u).current === s).length })),
      columns: [...base, { key: 'currentStep', label: msg('Bước hiện tại', 'Current step') }],
      rows: () =>
        data().map((d) => {
          const current = currentStepOn(d.steps, q.asOf);
          return { ...who(d.unit), currentStep: stepNames[current][L], slice: String(current) };
        }),
    };

    const declaredUnits = units.filter((u) => of(u).declaredOn !== null);
    const inPeriodUnits = declaredUnits.filter((u) => of(u).declaredOn! >= q.period.start && of(u).declaredOn! <= q.period.end);
    const declaredColumns: FigureColumn[] = [
      ...base,
      { key: 'declaredOn', label: msg('Ngày chứng nhận / công bố', 'Certified / declared on'), type: 'date' },
      { key: 'evidence', label: msg('Căn cứ', 'Evidence') },
    ];
    const declaredRows = (inPeriod: boolean) => {
      const list = data()
        .map((d) => ({ ...d, s3: d.steps.find((s) => s.step === 3) }))
        .filter((d) => d.s3 && doneBy(d.s3, q.asOf))
        .filter((d) => !inPeriod || (d.s3!.actualEnd! >= q.period.start && d.s3!.actualEnd! <= q.period.end));
      // The evidence (certificate or declaration) is read only when the declared units are listed.
      const evidence = stepEvidence(ctx, list.map((d) => d.unit.id), 3);
      return list.map((d) => ({ ...who(d.unit), declaredOn: d.s3!.actualEnd, evidence: evidence.get(d.unit.id) ?? '' }));
    };
    const declared: LazyFigure = { ...D.declared, area: 'steps', value: declaredUnits.length, columns: declaredColumns, rows: () => declaredRows(false) };
    const declaredShare: LazyFigure = {
      ...D.declaredShare,
      area: 'steps',
      value: pct(declaredUnits.length, units.length),
      part: { numerator: declaredUnits.length, denominator: units.length },
      slices: [
        { key: 'declared', label: msg('Đã chứng nhận / công bố', 'Certified / declared'), value: declaredUnits.length },
        { key: 'notYet', label: msg('Chưa', 'Not yet'), value: units.length - declaredUnits.length },
      ],
      columns: [...base, { key: 'declaredOn', label: msg('Ngày chứng nhận / công bố', 'Certified / declared on'), type: 'date' }],
      rows: () =>
        data().map((d) => {
          const s3 = d.steps.find((s) => s.step === 3);
          const yes = !!s3 && doneBy(s3, q.asOf);
          return { ...who(d.unit), declaredOn: yes ? s3.actualEnd : null, slice: yes ? 'declared' : 'notYet' };
        }),
    };
    const declaredInPeriod: LazyFigure = { ...D.declaredInPeriod, area: 'steps', value: inPeriodUnits.length, columns: declaredColumns, rows: () => declaredRows(true) };

    const completedInPeriod: LazyFigure = {
      ...D.completedInPeriod,
      area: 'steps',
      value: units.reduce((n, u) => n + of(u).completed, 0),
      columns: [...base, stepCol, { key: 'actualEnd', label: msg('Ngày hoàn thành', 'Completed on'), type: 'date' }],
      rows: () =>
        data().flatMap((d) =>
          d.steps.filter((s) => doneBy(s, q.period.end) && s.actualEnd! >= q.period.start).map((s) => ({ ...who(d.unit), step: stepNames[s.step][L], actualEnd: s.actualEnd })),
        ),
    };

    const lateUnits = units.filter((u) => of(u).late);
    const behindPlan: LazyFigure = {
      ...D.behindPlan,
      area: 'steps',
      value: lateUnits.length,
      slices: (['north', 'centre', 'south', 'none'] as const)
        .map((r) => ({ key: r, label: regionNames[r], value: lateUnits.filter((u) => (u.region ?? 'none') === r).length }))
        .filter((s) => s.key !== 'none' || s.value > 0),
      columns: [
        ...base,
        { key: 'region', label: msg('Miền', 'Region') },
        stepCol,
        { key: 'plannedEnd', label: msg('Hạn theo kế hoạch', 'Planned end'), type: 'date' },
        { key: 'daysLate', label: msg('Số ngày chậm', 'Days late'), type: 'number' },
      ],
      rows: () =>
        data()
          .map((d) => ({ ...d, late: lateStepsOn(d.steps, q.asOf) }))
          .filter((d) => d.late.length > 0)
          .map((d) => {
            const s = d.late[0];
            return {
              ...who(d.unit),
              slice: d.unit.region ?? 'none',
              region: regionNames[d.unit.region ?? 'none'][L],
              step: stepNames[s.step][L],
              plannedEnd: s.plannedEnd,
              daysLate: daysBetween(s.plannedEnd!, q.asOf),
            };
          }),
    };

    // Few steps fall due within 90 days: those of the units that have one are read at once (the dashboard lists the first ones).
    const dueUnits = units.filter((u) => of(u).dueSoon > 0);
    const due = (dueUnits.length ? (cachedStatement(ctx.sqlite, DUE_SOON).raw().all(JSON.stringify(dueUnits.map((u) => u.id)), q.today, dueHorizon(q)) as [number, number, string][]) : [])
      .map(([i, step, plannedEnd]) => ({ ...who(dueUnits[i]), step: stepNames[step][L], plannedEnd, daysLeft: daysBetween(q.today, plannedEnd) }))
      .sort((a, b) => a.plannedEnd.localeCompare(b.plannedEnd) || compareCodes(a.code, b.code));
    const dueSoon: LazyFigure = {
      ...D.dueSoon,
      area: 'steps',
      value: due.length,
      columns: [...base, stepCol, { key: 'plannedEnd', label: msg('Hạn', 'Due'), type: 'date' }, { key: 'daysLeft', label: msg('Còn (ngày)', 'Days left'), type: 'number' }],
      rows: () => due,
    };
    return [byStep, declared, declaredShare, declaredInPeriod, completedInPeriod, behindPlan, dueSoon];
  },
  unitColumns: [
    { key: 'currentStep', label: msg('Bước hiện tại', 'Current step') },
    { key: 'step1End', label: msg('Hoàn thành bước 1', 'Step 1 done'), type: 'date' },
    { key: 'step2End', label: msg('Hoàn thành bước 2', 'Step 2 done'), type: 'date' },
    { key: 'declaredOn', label: msg('Ngày chứng nhận / công bố', 'Certified / declared on'), type: 'date' },
    { key: 'behind', label: msg('Chậm kế hoạch', 'Behind plan') },
  ],
  unitValues(ctx, q) {
    const out = new Map<string, Record<string, CellValue>>();
    for (const d of load(ctx, q)) {
      const end = (n: number) => {
        const s = d.steps.find((x) => x.step === n);
        return s && doneBy(s, q.asOf) ? s.actualEnd : null;
      };
      const late = lateStepsOn(d.steps, q.asOf)[0];
      out.set(d.unit.id, {
        currentStep: stepNames[currentStepOn(d.steps, q.asOf)][q.lang],
        step1End: end(1),
        step2End: end(2),
        declaredOn: end(3),
        behind: late ? `${stepNames[late.step][q.lang]} (${daysBetween(late.plannedEnd!, q.asOf)} ${q.lang === 'vi' ? 'ngày' : 'days'})` : '',
      });
    }
    return out;
  },
};
