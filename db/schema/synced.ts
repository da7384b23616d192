import { attendance, courseTypes, roleRequirements, staff, trainingImports, trainingSessions } from './training';
import { isoTeams, teamMembers, unitEvents, units, unitSteps, waveMembers, waves } from './units';

/**
 * Every synchronised table, by SQL name, parents before children. Bundles
 * export and import exactly these tables; the change log records their
 * writes. A table an area adds must be listed here to travel.
 */
export const syncedTables = {
  units,
  unit_events: unitEvents,
  unit_steps: unitSteps,
  waves,
  wave_members: waveMembers,
  iso_teams: isoTeams,
  team_members: teamMembers,
  course_types: courseTypes,
  role_requirements: roleRequirements,
  staff,
  training_sessions: trainingSessions,
  attendance,
  training_imports: trainingImports,
} as const;

export type SyncedTableName = keyof typeof syncedTables;
