import { z } from 'zod';
import { rolloutBoard } from '../services/units/board';
import { isOverdue, stepsOf, updateStep } from '../services/units/steps';
import { today } from '../services/rules';
import { addTeamMember, removeTeamMember, saveTeam, teamOf, updateTeamMember } from '../services/units/teams';
import {
  createUnit,
  getUnit,
  listUnits,
  mergeUnits,
  splitUnit,
  unitEventsOf,
  updateUnit,
} from '../services/units/units';
import { addWaveMembers, createWave, deleteWave, listWaves, removeWaveMember, updateWave, waveMemberUnits } from '../services/units/waves';
import { listChanges } from '../services/history';
import { setupState } from '../services/setup';
import { AppError } from '../common/errors';
import { mutation, query } from './define';
import { id, isoDate, optionalDate, region, requiredText, text, unitType } from './schemas';

const stepStatus = z.enum(['not_started', 'in_progress', 'done']);
const memberRole = z.enum(['head', 'deputy', 'secretary', 'member']);
const waveInput = z.object({ name: requiredText(200), plannedStart: isoDate, plannedEnd: isoDate, note: text(2000).optional() }).strict();

/** Units, waves, ISO teams, the four steps and the rollout board. */
export const unitsApi = {
  'units.list': query(
    z
      .object({
        query: text(200).optional(),
        type: unitType.optional(),
        status: z.enum(['active', 'merged', 'split', 'dissolved', 'all']).optional(),
        parentId: id.optional(),
      })
      .strict(),
    (ctx, input) => listUnits(ctx, input),
  ),
  'units.get': query(z.object({ id }).strict(), (ctx, { id }) => {
    const unit = getUnit(ctx, id);
    return {
      unit,
      parent: unit.parentId ? getUnit(ctx, unit.parentId) : null,
      children: listUnits(ctx, { parentId: id, status: 'all' }),
      events: unitEventsOf(ctx, id),
      steps: stepsOf(ctx, id).map((s) => ({ ...s, overdue: isOverdue(s, today(ctx)) })),
      ...teamOf(ctx, id),
    };
  }),
  'units.create': mutation(
    z
      .object({
        code: requiredText(20),
        name: requiredText(200),
        type: unitType,
        region: region.nullable().optional(),
        parentId: id.nullable().optional(),
        note: text(2000).optional(),
      })
      .strict(),
    (ctx, input) => createUnit(ctx, input),
  ),
  'units.update': mutation(
    z
      .object({
        id,
        name: requiredText(200).optional(),
        region: region.nullable().optional(),
        parentId: id.nullable().optional(),
        note: text(2000).optional(),
        decisionNo: text(50).optional(),
        eventDate: isoDate.optional(),
      })
      .strict(),
    (ctx, { id, ...patch }) => updateUnit(ctx, id, patch),
  ),
  'units.merge': mutation(
    z.object({ sourceIds: z.array(id).min(1).max(100), targetId: id, eventDate: isoDate, decisionNo: requiredText(50) }).strict(),
    (ctx, input) => mergeUnits(ctx, input),
  ),
  'units.split': mutation(
    z
      .object({
        sourceId: id,
        parts: z.array(z.object({ code: requiredText(20), name: requiredText(200) }).strict()).max(50),
        eventDate: isoDate,
        decisionNo: requiredText(50),
      })
      .strict(),
    (ctx, input) => splitUnit(ctx, input),
  ),
  'units.history': query(
    z.object({ unitId: id, beforeSeq: z.number().int().positive().optional() }).strict(),
    (ctx, { unitId, beforeSeq }) => listChanges(ctx, { unitIds: [unitId], beforeSeq, limit: 200 }),
  ),
  'steps.update': mutation(
    z
      .object({
        unitId: id,
        step: z.number().int().min(1).max(4),
        plannedStart: optionalDate,
        plannedEnd: optionalDate,
        actualStart: optionalDate,
        actualEnd: optionalDate,
        status: stepStatus.optional(),
        evidence: text(500).optional(),
        note: text(2000).optional(),
      })
      .strict(),
    (ctx, input) => updateStep(ctx, input),
  ),
  'board.get': query(
    z
      .object({
        waveId: id.optional(),
        region: region.optional(),
        status: z.enum(['not_started', 'in_progress', 'done', 'overdue']).optional(),
        query: text(200).optional(),
        rootId: id.optional(),
      })
      .strict(),
    (ctx, input) => rolloutBoard(ctx, input),
  ),
  'waves.list': query(z.object({}).strict(), (ctx) => listWaves(ctx)),
  'waves.members': query(z.object({ waveId: id }).strict(), (ctx, { waveId }) => waveMemberUnits(ctx, waveId)),
  'waves.create': mutation(waveInput, (ctx, input) => {
    const { office } = setupState(ctx);
    if (!office) throw new AppError('NOT_SET_UP');
    return createWave(ctx, office.id, input);
  }),
  'waves.update': mutation(waveInput.partial().extend({ id }).strict(), (ctx, { id, ...input }) => updateWave(ctx, id, input)),
  'waves.delete': mutation(z.object({ id }).strict(), (ctx, { id }) => deleteWave(ctx, id)),
  'waves.addMembers': mutation(z.object({ waveId: id, unitIds: z.array(id).min(1).max(2000) }).strict(), (ctx, i) =>
    addWaveMembers(ctx, i.waveId, i.unitIds),
  ),
  'waves.removeMember': mutation(z.object({ waveId: id, unitId: id }).strict(), (ctx, i) => removeWaveMember(ctx, i.waveId, i.unitId)),
  'teams.save': mutation(
    z.object({ unitId: id, decisionNo: requiredText(50), decisionDate: isoDate, signer: text(200).optional(), note: text(2000).optional() }).strict(),
    (ctx, input) => saveTeam(ctx, input),
  ),
  'teams.addMember': mutation(
    z.object({ teamId: id, fullName: requiredText(200), position: text(200).optional(), role: memberRole }).strict(),
    (ctx, input) => addTeamMember(ctx, input),
  ),
  'teams.updateMember': mutation(
    z.object({ id, fullName: requiredText(200).optional(), position: text(200).optional(), role: memberRole.optional() }).strict(),
    (ctx, { id, ...patch }) => updateTeamMember(ctx, id, patch),
  ),
  'teams.removeMember': mutation(z.object({ id }).strict(), (ctx, { id }) => removeTeamMember(ctx, id)),
};
