import { adoptions, attachments, checklistItems, legalChanges, procedures, procedureVersions, unitChecklists } from './procedures';
import { attendance, courseTypes, roleRequirements, staff, trainingImports, trainingSessions } from './training';
import { reports, reportTemplates, scoringCriteria, scoringEntries, scoringSets } from './reports';
import {
  assessments,
  auditAuditors,
  auditProgrammes,
  certificates,
  correctiveActions,
  declarations,
  engagements,
  findings,
  hqFeedback,
  inspections,
  internalAudits,
  managementReviews,
  objectiveResults,
  organisations,
  qualityObjectives,
  qualityPolicies,
  unitScopeCodes,
} from './improvement';
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
  procedures,
  procedure_versions: procedureVersions,
  legal_changes: legalChanges,
  attachments,
  adoptions,
  unit_checklists: unitChecklists,
  checklist_items: checklistItems,
  course_types: courseTypes,
  role_requirements: roleRequirements,
  staff,
  training_sessions: trainingSessions,
  attendance,
  training_imports: trainingImports,
  // reports (issue 7)
  report_templates: reportTemplates,
  reports,
  scoring_sets: scoringSets,
  scoring_criteria: scoringCriteria,
  scoring_entries: scoringEntries,
  // improvement (steps 3 and 4)
  organisations,
  engagements,
  assessments,
  certificates,
  declarations,
  unit_scope_codes: unitScopeCodes,
  audit_programmes: auditProgrammes,
  internal_audits: internalAudits,
  audit_auditors: auditAuditors,
  inspections,
  findings,
  management_reviews: managementReviews,
  corrective_actions: correctiveActions,
  quality_policies: qualityPolicies,
  quality_objectives: qualityObjectives,
  objective_results: objectiveResults,
  hq_feedback: hqFeedback,
} as const;

export type SyncedTableName = keyof typeof syncedTables;
