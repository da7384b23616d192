import { headquarters, HQ_CODE, pilotDistricts, pilotProvinces, referenceWaves, type ReferenceUnit } from '../../db/reference/units';
import { AppError } from '../common/errors';
import type { ServiceContext } from './context';
import { readSetting, writeSetting } from './settings';
import { ensureCourseTypes } from './training/courses';
import { saveTeam, addTeamMember } from './units/teams';
import { updateStep } from './units/steps';
import { createUnit, findUnitByCode, getUnit, type Unit, type UnitType } from './units/units';
import { addWaveMembers, createWave } from './units/waves';

export interface SetupState {
  done: boolean;
  office: Unit | null;
  operator: string | null;
  language: 'vi' | 'en';
}

export function setupState(ctx: ServiceContext): SetupState {
  const officeId = readSetting(ctx, 'officeUnitId');
  const office = officeId ? getUnit(ctx, officeId) : null;
  return {
    done: !!office,
    office,
    operator: readSetting(ctx, 'operator'),
    language: readSetting(ctx, 'language') === 'en' ? 'en' : 'vi',
  };
}

/** The reference list the setup screen offers: provinces and their demo districts. */
export function referenceOffices(): ReferenceUnit[] {
  return [headquarters, ...pilotProvinces, ...pilotDistricts];
}

export interface SetupInput {
  /** A reference unit's code, or a unit typed in by the user. */
  office: { code: string; name?: string; type?: UnitType; region?: Unit['region']; parentCode?: string | null };
  operator: string;
  language?: 'vi' | 'en';
  demo?: boolean;
}

function ensureUnit(ctx: ServiceContext, ref: ReferenceUnit): Unit {
  const existing = findUnitByCode(ctx, ref.code);
  if (existing) return existing;
  const parent = ref.parentCode ? ensureUnit(ctx, referenceOffices().find((r) => r.code === ref.parentCode) ?? { ...headquarters }) : null;
  return createUnit(ctx, { code: ref.code, name: ref.name, type: ref.type, region: ref.region, parentId: parent?.id ?? null });
}

/**
 * First run: records which office this installation is and who operates it,
 * creating the office (and its parents) in the unit tree. Nothing else is
 * asked; demo data is optional.
 */
export function completeSetup(ctx: ServiceContext, input: SetupInput): SetupState {
  const state = setupState(ctx);
  if (state.done) throw new AppError('ALREADY_SET_UP', { office: state.office!.name });
  const operator = input.operator.trim();
  if (!operator) throw new AppError('REQUIRED', { field: 'operator' }, 'operator');
  writeSetting(ctx, 'operator', operator);
  writeSetting(ctx, 'language', input.language ?? 'vi');
  const ref = referenceOffices().find((r) => r.code === input.office.code);
  let office: Unit;
  if (ref) {
    office = ensureUnit(ctx, ref);
  } else {
    const { code, name, type, region, parentCode } = input.office;
    if (!name) throw new AppError('REQUIRED', { field: 'name' }, 'name');
    if (!type) throw new AppError('REQUIRED', { field: 'type' }, 'type');
    const hq = ensureUnit(ctx, headquarters);
    const parentRef = parentCode ? referenceOffices().find((r) => r.code === parentCode) : undefined;
    const parent = parentCode ? (findUnitByCode(ctx, parentCode) ?? (parentRef ? ensureUnit(ctx, parentRef) : undefined)) : hq;
    if (parentCode && !parent) throw new AppError('NOT_FOUND', { entity: 'unit' }, 'parentId');
    office = createUnit(ctx, { code, name, type, region: region ?? null, parentId: type === 'hq' ? null : (parent?.id ?? null) });
  }
  writeSetting(ctx, 'officeUnitId', office.id);
  // Records received from other offices refer to them and no bundle carries them (training/courses.ts).
  ensureReferenceRecords(ctx);
  if (input.demo) loadDemoData(ctx, office);
  return setupState(ctx);
}

/**
 * The reference records every office holds (the course types): written at
 * setup, and when a folder is opened or restored, for one set up by an older
 * version, which seeded course types only when the training pages were first
 * used (a province that never opened them refused its districts' training
 * sessions). Nothing before setup, nothing once they exist.
 */
export function ensureReferenceRecords(ctx: ServiceContext): void {
  if (!readSetting(ctx, 'officeUnitId')) return;
  ctx.sqlite.transaction(() => ensureCourseTypes(ctx))();
}

/**
 * Demo data: the 2012 pilot provinces and districts, the three waves, an ISO
 * team and a plausible progress through the steps. Marked as demo in notes.
 */
export function loadDemoData(ctx: ServiceContext, office: Unit): void {
  const hq = ensureUnit(ctx, headquarters);
  const provinces = pilotProvinces.map((p) => ensureUnit(ctx, p));
  const districts = pilotDistricts.map((d) => ensureUnit(ctx, d));
  const owner = office.type === 'district' ? office : (office.type === 'hq' ? hq : office);
  const [pilot, wave2] = referenceWaves.map((w) => createWave(ctx, owner.id, { name: w.name, plannedStart: w.plannedStart, plannedEnd: w.plannedEnd, note: 'Dữ liệu mẫu' }));
  const pilotProvinceCodes = new Set(pilotProvinces.filter((p) => p.code !== '54').map((p) => p.code));
  addWaveMembers(ctx, pilot.id, [...provinces.filter((p) => pilotProvinceCodes.has(p.code)), ...districts].map((u) => u.id));
  addWaveMembers(ctx, wave2.id, provinces.filter((p) => !pilotProvinceCodes.has(p.code)).map((u) => u.id));
  // Pilot units: built and applied on plan; most certified; a few late.
  const plan = [
    ['2012-11-01', '2013-01-31'],
    ['2013-02-01', '2013-03-31'],
    ['2013-04-01', '2013-04-30'],
    // Maintaining never ends: its window runs to the end of the current review cycle.
    ['2013-05-01', '2026-12-31'],
  ];
  [...provinces, ...districts].forEach((u, i) => {
    const progress = u.code === '54' ? 1 : i % 7 === 3 ? 2 : i % 5 === 1 ? 3 : 4;
    for (let step = 1; step <= 4; step++) {
      const [plannedStart, plannedEnd] = plan[step - 1];
      const done = step < progress;
      updateStep(ctx, {
        unitId: u.id,
        step,
        plannedStart,
        plannedEnd,
        actualStart: step <= progress ? plannedStart : null,
        actualEnd: done ? plannedEnd : null,
        status: done ? 'done' : step === progress ? 'in_progress' : 'not_started',
        evidence: done && step === 3 ? 'Giấy chứng nhận phù hợp TCVN ISO 9001:2008' : '',
      });
    }
  });
  const team = saveTeam(ctx, {
    unitId: office.id,
    decisionNo: '123/QĐ-BHXH',
    decisionDate: '2012-11-05',
    signer: 'Giám đốc',
    note: 'Dữ liệu mẫu',
  });
  const people: [string, string, 'head' | 'deputy' | 'secretary' | 'member'][] = [
    ['Nguyễn Văn An', 'Giám đốc', 'head'],
    ['Trần Thị Bình', 'Phó Giám đốc', 'deputy'],
    ['Lê Thị Cúc', 'Chuyên viên Văn phòng', 'secretary'],
    ['Phạm Văn Dũng', 'Trưởng phòng Thu', 'member'],
    ['Hoàng Thị Én', 'Trưởng phòng Chế độ BHXH', 'member'],
  ];
  for (const [fullName, position, role] of people) addTeamMember(ctx, { teamId: team.id, fullName, position, role });
}

export { HQ_CODE };
