import { daysBetween } from '../../../common/dates';
import type { ServiceContext } from '../../context';
import { msg, regionNames, stepNames } from './labels';
import { compareCodes, currentStepOn, doneBy, lateStepsOn, stepEvidence, stepsOfQuery, unitsOfQuery, type StepState } from './scope';
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
    const data = load(ctx, q);
    const L = q.lang;
    const who = (u: { id: string; code: string; name: string }) => ({ unitId: u.id, code: u.code, name: u.name });

    const current = data.map((d) => ({ ...d, current: currentStepOn(d.steps, q.asOf) }));
    const byStep: LazyFigure = {
      ...D.byStep,
      area: 'steps',
      value: data.length,
      slices: [1, 2, 3, 4, 5].map((s) => ({ key: String(s), label: stepNames[s], value: current.filter((c) => c.current === s).length })),
      columns: [...base, { key: 'currentStep', label: msg('Bước hiện tại', 'Current step') }],
      rows: () => current.map((c) => ({ ...who(c.unit), currentStep: stepNames[c.current][L], slice: String(c.current) })),
    };

    const declaredRows = data
      .map((d) => ({ ...d, s3: d.steps.find((s) => s.step === 3) }))
      .filter((d) => d.s3 && doneBy(d.s3, q.asOf));
    const declaredColumns: FigureColumn[] = [
      ...base,
      { key: 'declaredOn', label: msg('Ngày chứng nhận / công bố', 'Certified / declared on'), type: 'date' },
      { key: 'evidence', label: msg('Căn cứ', 'Evidence') },
    ];
    // The evidence (certificate or declaration) is read only when the declared units are listed.
    const declaredList = (list: typeof declaredRows) => {
      const evidence = stepEvidence(ctx, list.map((d) => d.unit.id), 3);
      return list.map((d) => ({ ...who(d.unit), declaredOn: d.s3!.actualEnd, evidence: evidence.get(d.unit.id) ?? '' }));
    };
    const declared: LazyFigure = { ...D.declared, area: 'steps', value: declaredRows.length, columns: declaredColumns, rows: () => declaredList(declaredRows) };
    const declaredShare: LazyFigure = {
      ...D.declaredShare,
      area: 'steps',
      value: pct(declaredRows.length, data.length),
      part: { numerator: declaredRows.length, denominator: data.length },
      slices: [
        { key: 'declared', label: msg('Đã chứng nhận / công bố', 'Certified / declared'), value: declaredRows.length },
        { key: 'notYet', label: msg('Chưa', 'Not yet'), value: data.length - declaredRows.length },
      ],
      columns: [...base, { key: 'declaredOn', label: msg('Ngày chứng nhận / công bố', 'Certified / declared on'), type: 'date' }],
      rows: () =>
        data.map((d) => {
          const s3 = d.steps.find((s) => s.step === 3);
          const yes = !!s3 && doneBy(s3, q.asOf);
          return { ...who(d.unit), declaredOn: yes ? s3.actualEnd : null, slice: yes ? 'declared' : 'notYet' };
        }),
    };
    const inPeriod = declaredRows.filter((d) => d.s3!.actualEnd! >= q.period.start && d.s3!.actualEnd! <= q.period.end);
    const declaredInPeriod: LazyFigure = { ...D.declaredInPeriod, area: 'steps', value: inPeriod.length, columns: declaredColumns, rows: () => declaredList(inPeriod) };

    const completed = data.flatMap((d) =>
      d.steps.filter((s) => doneBy(s, q.period.end) && s.actualEnd! >= q.period.start).map((s) => ({ ...who(d.unit), step: stepNames[s.step][L], actualEnd: s.actualEnd })),
    );
    const completedInPeriod: LazyFigure = {
      ...D.completedInPeriod,
      area: 'steps',
      value: completed.length,
      columns: [...base, stepCol, { key: 'actualEnd', label: msg('Ngày hoàn thành', 'Completed on'), type: 'date' }],
      rows: () => completed,
    };

    const late = data.map((d) => ({ ...d, late: lateStepsOn(d.steps, q.asOf) })).filter((d) => d.late.length > 0);
    const behindPlan: LazyFigure = {
      ...D.behindPlan,
      area: 'steps',
      value: late.length,
      slices: (['north', 'centre', 'south', 'none'] as const)
        .map((r) => ({ key: r, label: regionNames[r], value: late.filter((d) => (d.unit.region ?? 'none') === r).length }))
        .filter((s) => s.key !== 'none' || s.value > 0),
      columns: [
        ...base,
        { key: 'region', label: msg('Miền', 'Region') },
        stepCol,
        { key: 'plannedEnd', label: msg('Hạn theo kế hoạch', 'Planned end'), type: 'date' },
        { key: 'daysLate', label: msg('Số ngày chậm', 'Days late'), type: 'number' },
      ],
      rows: () =>
        late.map((d) => {
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

    const horizon = addDays(q.today, 90);
    const due = data.flatMap((d) =>
      d.steps
        .filter((s) => s.status !== 'done' && !!s.plannedEnd && s.plannedEnd >= q.today && s.plannedEnd <= horizon)
        .map((s) => ({ ...who(d.unit), step: stepNames[s.step][L], plannedEnd: s.plannedEnd, daysLeft: daysBetween(q.today, s.plannedEnd!) })),
    );
    due.sort((a, b) => (a.plannedEnd ?? '').localeCompare(b.plannedEnd ?? '') || compareCodes(a.code, b.code));
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

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
