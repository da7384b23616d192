import { referenceWaves } from '../../db/reference/units';
import { addTeamMember, removeTeamMember, saveTeam, teamOf } from '../../electron/services/units/teams';
import { updateStep } from '../../electron/services/units/steps';
import { createUnit, findUnitByCode, mergeUnits, unitIdForCode, updateUnit } from '../../electron/services/units/units';
import { addWaveMembers, createWave } from '../../electron/services/units/waves';
import { DAY, dayMs, isoDay, when } from './clock';
import type { AreaModule, GenContext, UnitHistory } from './context';
import type { TreeUnit } from './geography';
import { CERTIFIERS, decision, personName, POSITIONS } from './names';
import type { Rng } from './random';

/** Decision 19/2014: from then on units self-declare instead of being certified. */
const SELF_DECLARATION_FROM = '2014-03-01';
/** Step 4 (maintain) has no end; its planned window runs to the end of the current cycle. */
const MAINTAIN_UNTIL = '2030-12-31';

type Role = 'head' | 'deputy' | 'secretary' | 'member';

const clampDay = (ms: number, min: number): number => Math.max(ms, min);

function teamPeople(rng: Rng, unit: TreeUnit): { fullName: string; position: string; role: Role }[] {
  const p = unit.type === 'province' ? POSITIONS.province : POSITIONS.district;
  const size = unit.type === 'province' ? rng.int(7, 11) : rng.int(4, 7);
  const roles: Role[] = ['head', 'deputy', 'secretary', ...Array.from({ length: size - 3 }, () => 'member' as const)];
  return roles.map((role) => ({ fullName: personName(rng), position: rng.pick(p[role]), role }));
}

/** The plan of one unit through its four steps, inside its wave's window. */
function stepPlan(wave: { plannedStart: string; plannedEnd: string }): [string, string][] {
  const s = dayMs(wave.plannedStart);
  const e = dayMs(wave.plannedEnd);
  const span = e - s;
  const cut = (f: number) => isoDay(s + Math.round((span * f) / DAY) * DAY);
  return [
    [wave.plannedStart, cut(0.4)],
    [isoDay(dayMs(cut(0.4)) + DAY), cut(0.8)],
    [isoDay(dayMs(cut(0.8)) + DAY), wave.plannedEnd],
    [isoDay(e + DAY), MAINTAIN_UNTIL],
  ];
}

interface StepEvidence {
  text: string;
  certificate?: { number: string; issuer: string };
  declarationNo?: string;
}

/**
 * The evidence a finished step records. Step 3 names a certificate (before
 * Decision 19/2014) or a self-declaration; certificate numbers are kept
 * unique per issuer (`used`), as the certificates register requires.
 */
function evidenceFor(rng: Rng, step: number, actualEnd: string, used: Set<string>): StepEvidence {
  if (step === 1) return { text: `Quyết định ban hành HTQLCL số ${decision(rng)}` };
  if (step === 2) return { text: `Biên bản họp xem xét của lãnh đạo ngày ${actualEnd.split('-').reverse().join('/')}` };
  if (step === 3) {
    if (actualEnd < SELF_DECLARATION_FROM) {
      let n = rng.int(1000, 4999);
      const issuer = rng.pick(CERTIFIERS);
      while (used.has(`${issuer}|${n}.${actualEnd.slice(2, 4)}`)) n++;
      const number = `HT ${n}.${actualEnd.slice(2, 4)}`;
      used.add(`${issuer}|${n}.${actualEnd.slice(2, 4)}`);
      return { text: `Giấy chứng nhận phù hợp TCVN ISO 9001:2008 số ${number} do ${issuer} cấp`, certificate: { number, issuer } };
    }
    const declarationNo = decision(rng);
    return { text: `Quyết định công bố HTQLCL phù hợp TCVN ISO 9001:2008 số ${declarationNo}`, declarationNo };
  }
  return { text: '' };
}

/**
 * Units, waves, ISO teams and the four steps, through the units services:
 * the tree is entered in October 2012, waves are planned as the seeds tell,
 * teams are set up by decision before each wave, every unit walks its steps
 * (a few run late or stall), and each later year adds the yearly internal
 * audit and review to step 4 and some changes of team; a few districts are
 * renamed and, at national scale, merged (2019–2020).
 */
export const unitsModule: AreaModule = {
  area: 'units',
  issue: 2,
  status: 'ready',
  volume: '63 provinces, 701 districts, 7 affiliated units; 3 waves; ISO teams; 4 steps per unit; 10 years of step-4 upkeep',
  tables: ['units', 'unit_events', 'unit_steps', 'waves', 'wave_members', 'iso_teams', 'team_members'],
  schedule(g: GenContext) {
    const { timeline: tl, ws, tree } = g;
    const rng = g.rng.fork('units');
    const start = dayMs(g.history.start);
    const end = dayMs(g.history.end);
    const endYear = Number(g.history.end.slice(0, 4));

    // 1. The tree, parents first, over the first days of the history.
    tree.forEach((u, i) => {
      const at = start + Math.floor(i / 150) * DAY + 3_600_000 + (i % 150) * 120_000;
      tl.at(at, `create unit ${u.code}`, () => {
        if (findUnitByCode(ws, u.code)) return; // the office and its parents came with setup
        createUnit(
          ws,
          { code: u.code, name: u.name, type: u.type, region: u.region, parentId: u.parentCode ? unitIdForCode(u.parentCode) : null },
          isoDay(at),
        );
      });
    });

    // 2. Waves, planned by the office some weeks before each starts.
    const ownerId = unitIdForCode(g.officeCode);
    for (const w of referenceWaves) {
      const planned = dayMs(w.plannedStart) - rng.int(25, 40) * DAY;
      const members = tree.filter((u) => u.type !== 'hq' && u.wave === w.key);
      if (members.length === 0) continue;
      tl.at(when(rng, clampDay(planned, start + 10 * DAY)), `plan wave ${w.key}`, () => {
        const wave = createWave(ws, ownerId, { name: w.name, plannedStart: w.plannedStart, plannedEnd: w.plannedEnd, note: '' });
        addWaveMembers(ws, wave.id, members.map((m) => unitIdForCode(m.code)));
      });
    }

    // 3. Merges (national scale): a district joins its province's city office in 2019–2020.
    const mergedAt = new Map<string, number>();
    if (g.scale !== 'province') {
      const candidates = tree.filter((u) => u.type === 'district' && !u.name.includes('thành phố'));
      const count = g.scale === 'national' ? 4 : 1;
      const used = new Set<string>();
      for (let k = 0; k < count && candidates.length; k++) {
        const source = rng.pick(candidates);
        const target = tree.find((t) => t.type === 'district' && t.parentCode === source.parentCode && t.code !== source.code && !used.has(t.code));
        if (!target || used.has(source.code)) continue;
        used.add(source.code).add(target.code);
        const day = dayMs('2019-12-01') + rng.int(0, 300) * DAY;
        const eventDate = isoDay(day);
        const decisionNo = decision(rng, 'NQ-UBTVQH14');
        mergedAt.set(source.code, day);
        g.activeUntil.set(source.code, day);
        tl.at(when(rng, day + 2 * DAY), `merge ${source.code} into ${target.code}`, () =>
          mergeUnits(ws, { sourceIds: [unitIdForCode(source.code)], targetId: unitIdForCode(target.code), eventDate, decisionNo }),
        );
      }
    }

    // 4. Each unit's own history.
    const certificateNumbers = new Set<string>();
    for (const u of tree) {
      if (u.type === 'hq') continue;
      const r = rng.fork(u.code);
      const id = unitIdForCode(u.code);
      const wave = referenceWaves.find((w) => w.key === u.wave)!;
      const lastDay = Math.min(end, (mergedAt.get(u.code) ?? Infinity) - DAY);
      const ws0 = dayMs(wave.plannedStart);
      const past: UnitHistory = { steps: {}, upkeep: [], lastDay };
      g.unitHistory.set(u.code, past);

      // The team, set up by decision before the wave starts.
      const decisionDay = ws0 - r.int(8, 30) * DAY;
      const people = teamPeople(r, u);
      const teamDecision = decision(r);
      let t = when(r, decisionDay + r.int(1, 4) * DAY);
      tl.at(t, `team of ${u.code}`, () => {
        const team = saveTeam(ws, { unitId: id, decisionNo: teamDecision, decisionDate: isoDay(decisionDay), signer: 'Giám đốc' });
        for (const p of people) addTeamMember(ws, { teamId: team.id, ...p });
      });

      // The plan of the four steps.
      const plan = stepPlan(wave);
      t = when(r, ws0 - r.int(1, 6) * DAY);
      tl.at(t, `plan steps of ${u.code}`, () => {
        plan.forEach(([plannedStart, plannedEnd], i) => updateStep(ws, { unitId: id, step: i + 1, plannedStart, plannedEnd }));
      });

      // Walking the steps: most on time, some late, a few stall at step 2 or 3.
      const stallAt = r.chance(0.05) ? r.pick([2, 3]) : 5;
      const late = r.chance(0.12);
      let prevEnd = ws0;
      for (let step = 1; step <= 4 && step <= stallAt; step++) {
        const [plannedStart, plannedEnd] = plan[step - 1];
        const actualStart = clampDay(dayMs(plannedStart) + r.int(-3, 10) * DAY, prevEnd);
        const startRecorded = when(r, actualStart + r.int(0, 4) * DAY);
        if (startRecorded > lastDay) break;
        tl.at(startRecorded, `start step ${step} of ${u.code}`, () =>
          updateStep(ws, { unitId: id, step, status: 'in_progress', actualStart: isoDay(actualStart) }),
        );
        past.steps[step] = { start: actualStart };
        if (step === 4 || step === stallAt) break;
        const delay = late ? r.int(25, 160) : r.int(-12, 18);
        const actualEnd = clampDay(dayMs(plannedEnd) + delay * DAY, actualStart + 5 * DAY);
        const endRecorded = when(r, actualEnd + r.int(0, 6) * DAY);
        if (endRecorded > lastDay) break;
        const { text: evidence, certificate, declarationNo } = evidenceFor(r, step, isoDay(actualEnd), certificateNumbers);
        tl.at(endRecorded, `finish step ${step} of ${u.code}`, () =>
          updateStep(ws, { unitId: id, step, status: 'done', actualEnd: isoDay(actualEnd), evidence }),
        );
        past.steps[step] = { start: actualStart, end: actualEnd, recorded: endRecorded };
        if (step === 3) past.step3 = { date: isoDay(actualEnd), recorded: endRecorded, certificate, declarationNo };
        prevEnd = actualEnd + DAY;
      }

      // Step 4 upkeep: a yearly internal audit and management review, recorded in November.
      if (stallAt === 5) {
        for (let year = new Date(prevEnd).getUTCFullYear() + 1; year <= endYear; year++) {
          const audit = dayMs(`${year}-09-15`) + r.int(0, 45) * DAY;
          const review = audit + r.int(10, 30) * DAY;
          const recorded = when(r, review + r.int(1, 10) * DAY);
          if (recorded > lastDay) break;
          const note = `Đánh giá nội bộ ${isoDay(audit).split('-').reverse().join('/')}; họp xem xét của lãnh đạo ${isoDay(review).split('-').reverse().join('/')}`;
          tl.at(recorded, `upkeep ${year} of ${u.code}`, () =>
            updateStep(ws, { unitId: id, step: 4, note, evidence: `Báo cáo đánh giá nội bộ năm ${year}` }),
          );
          past.upkeep.push({ year, audit, review, recorded });
        }
      }

      // Every three years or so the team changes: a new decision, one or two people replaced.
      for (let year = new Date(ws0).getUTCFullYear() + r.int(2, 4); year <= endYear; year += r.int(2, 4)) {
        const day = dayMs(`${year}-01-10`) + r.int(0, 300) * DAY;
        const recorded = when(r, day + r.int(1, 5) * DAY);
        if (recorded > lastDay) break;
        const no = decision(r);
        const replaced = r.int(1, 2);
        const newcomers = teamPeople(r, u).slice(-replaced).map((p) => ({ ...p, role: 'member' as const }));
        const picks = Array.from({ length: replaced }, () => r.next());
        tl.at(recorded, `team change ${year} of ${u.code}`, () => {
          const team = saveTeam(ws, { unitId: id, decisionNo: no, decisionDate: isoDay(day), signer: 'Giám đốc' });
          const { members } = teamOf(ws, id);
          const leaving = members.filter((m) => m.role === 'member');
          for (const pick of picks) {
            const m = leaving.splice(Math.floor(pick * leaving.length), 1)[0];
            if (m) removeTeamMember(ws, m.id);
          }
          for (const p of newcomers) addTeamMember(ws, { teamId: team.id, ...p });
        });
      }

      // A few districts (huyện) become towns (thị xã).
      if (u.type === 'district' && u.name.includes('huyện') && r.chance(0.04)) {
        const day = dayMs('2015-01-01') + r.int(0, 6 * 365) * DAY;
        const recorded = when(r, day + r.int(5, 20) * DAY);
        if (recorded <= lastDay) {
          const no = decision(r, 'NQ-UBTVQH13');
          tl.at(recorded, `rename ${u.code}`, () =>
            updateUnit(ws, id, { name: u.name.replace('huyện', 'thị xã'), decisionNo: no, eventDate: isoDay(day) }),
          );
        }
      }
    }
  },
};
