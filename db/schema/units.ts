import { type AnySQLiteColumn, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { syncColumns } from './columns';

/**
 * The unit tree. `unitId` (the owner) of a unit row is the unit itself, so a
 * district owns its own record and its province owns it through the subtree.
 * Merged or split units stay in the table with a status and a successor, so
 * their records stay attached and reportable.
 */
export const units = sqliteTable(
  'units',
  {
    ...syncColumns(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    type: text('type', { enum: ['hq', 'province', 'district', 'affiliated'] }).notNull(),
    region: text('region', { enum: ['north', 'centre', 'south'] }),
    parentId: text('parent_id').references((): AnySQLiteColumn => units.id),
    status: text('status', { enum: ['active', 'merged', 'split', 'dissolved'] }).notNull().default('active'),
    successorId: text('successor_id').references((): AnySQLiteColumn => units.id),
    note: text('note').notNull().default(''),
  },
  (t) => [uniqueIndex('units_code_uq').on(t.code), index('units_parent_idx').on(t.parentId)],
);

/** What happened to a unit over time: created, renamed, merged, split. */
export const unitEvents = sqliteTable(
  'unit_events',
  {
    ...syncColumns(),
    subjectId: text('subject_id')
      .notNull()
      .references((): AnySQLiteColumn => units.id),
    kind: text('kind', { enum: ['created', 'renamed', 'merged', 'split', 'moved'] }).notNull(),
    eventDate: text('event_date').notNull(),
    decisionNo: text('decision_no').notNull().default(''),
    details: text('details').notNull().default('{}'),
  },
  (t) => [index('unit_events_subject_idx').on(t.subjectId)],
);

export const waves = sqliteTable('waves', {
  ...syncColumns(),
  name: text('name').notNull(),
  plannedStart: text('planned_start').notNull(),
  plannedEnd: text('planned_end').notNull(),
  note: text('note').notNull().default(''),
});

export const waveMembers = sqliteTable(
  'wave_members',
  {
    ...syncColumns(),
    waveId: text('wave_id')
      .notNull()
      .references(() => waves.id),
    memberId: text('member_id')
      .notNull()
      .references((): AnySQLiteColumn => units.id),
  },
  (t) => [index('wave_members_wave_idx').on(t.waveId), index('wave_members_member_idx').on(t.memberId)],
);

/** A province's steering committee or a district's ISO team, set up by a decision. */
export const isoTeams = sqliteTable('iso_teams', {
  ...syncColumns(),
  kind: text('kind', { enum: ['steering', 'team'] }).notNull(),
  decisionNo: text('decision_no').notNull(),
  decisionDate: text('decision_date').notNull(),
  signer: text('signer').notNull().default(''),
  note: text('note').notNull().default(''),
});

export const teamMembers = sqliteTable(
  'team_members',
  {
    ...syncColumns(),
    teamId: text('team_id')
      .notNull()
      .references(() => isoTeams.id),
    fullName: text('full_name').notNull(),
    position: text('position').notNull().default(''),
    role: text('role', { enum: ['head', 'deputy', 'secretary', 'member'] }).notNull(),
  },
  (t) => [index('team_members_team_idx').on(t.teamId)],
);

/** The four rollout steps of a unit; one row per unit and step (deterministic id). */
export const unitSteps = sqliteTable(
  'unit_steps',
  {
    ...syncColumns(),
    step: integer('step').notNull(),
    plannedStart: text('planned_start'),
    plannedEnd: text('planned_end'),
    actualStart: text('actual_start'),
    actualEnd: text('actual_end'),
    status: text('status', { enum: ['not_started', 'in_progress', 'done'] }).notNull().default('not_started'),
    evidence: text('evidence').notNull().default(''),
    note: text('note').notNull().default(''),
  },
  (t) => [index('unit_steps_unit_idx').on(t.unitId, t.step)],
);
