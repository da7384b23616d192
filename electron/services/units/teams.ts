import { and, asc, eq } from 'drizzle-orm';
import { isoTeams, teamMembers } from '../../../db/schema';
import type { ServiceContext } from '../context';
import { deleteRow, getLiveRow, insertRow, updateRow } from '../records';
import { requireDecisionNo, requireNotFuture, requireText } from '../rules';
import { getUnit } from './units';

export type IsoTeam = typeof isoTeams.$inferSelect;
export type TeamMember = typeof teamMembers.$inferSelect;

export interface TeamInput {
  unitId: string;
  decisionNo: string;
  decisionDate: string;
  signer?: string;
  note?: string;
}

/** The current team of a unit (the latest establishing decision). */
export function teamOf(ctx: ServiceContext, unitId: string): { team: IsoTeam | null; members: TeamMember[] } {
  const team =
    ctx.db
      .select()
      .from(isoTeams)
      .where(and(eq(isoTeams.unitId, unitId), eq(isoTeams.deleted, false)))
      .orderBy(asc(isoTeams.decisionDate))
      .all()
      .at(-1) ?? null;
  const members = team
    ? ctx.db
        .select()
        .from(teamMembers)
        .where(and(eq(teamMembers.teamId, team.id), eq(teamMembers.deleted, false)))
        .orderBy(asc(teamMembers.createdAt))
        .all()
    : [];
  return { team, members };
}

/**
 * Records the establishing decision of a unit's team: a province has a
 * steering committee, other units an ISO team. Saving again edits it.
 */
export function saveTeam(ctx: ServiceContext, input: TeamInput): IsoTeam {
  const unit = getUnit(ctx, input.unitId);
  const decisionNo = requireDecisionNo(input.decisionNo);
  requireNotFuture(ctx, input.decisionDate, 'decisionDate');
  const values = { decisionNo, decisionDate: input.decisionDate, signer: input.signer ?? '', note: input.note ?? '' };
  const { team } = teamOf(ctx, unit.id);
  if (team) return updateRow(ctx, isoTeams, team.id, values);
  return insertRow(ctx, isoTeams, { unitId: unit.id, kind: unit.type === 'province' ? 'steering' : 'team', ...values });
}

export interface MemberInput {
  teamId: string;
  fullName: string;
  position?: string;
  role: TeamMember['role'];
}

export function addTeamMember(ctx: ServiceContext, input: MemberInput): TeamMember {
  const team = getLiveRow(ctx, isoTeams, input.teamId, 'team');
  return insertRow(ctx, teamMembers, {
    unitId: team.unitId,
    teamId: team.id,
    fullName: requireText(input.fullName, 'fullName'),
    position: input.position ?? '',
    role: input.role,
  });
}

export function updateTeamMember(ctx: ServiceContext, id: string, patch: Partial<Omit<MemberInput, 'teamId'>>): TeamMember {
  getLiveRow(ctx, teamMembers, id, 'member');
  return updateRow(ctx, teamMembers, id, {
    fullName: patch.fullName === undefined ? undefined : requireText(patch.fullName, 'fullName'),
    position: patch.position,
    role: patch.role,
  });
}

export function removeTeamMember(ctx: ServiceContext, id: string): void {
  getLiveRow(ctx, teamMembers, id, 'member');
  deleteRow(ctx, teamMembers, id);
}
