import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { syncColumns } from './columns';

/**
 * Certification and continual improvement (steps 3 and 4 of a unit's rollout).
 * Lists of codes (scope, clauses, departments) are stored as JSON arrays of
 * strings: they are read whole, never queried by element.
 */

/** Consultants and certification bodies. Owned by the office that records them. */
export const organisations = sqliteTable('organisations', {
  ...syncColumns(),
  kind: text('kind', { enum: ['consultant', 'certifier'] }).notNull(),
  name: text('name').notNull(),
  registrationNo: text('registration_no').notNull().default(''),
  contacts: text('contacts').notNull().default(''),
  note: text('note').notNull().default(''),
});

/** An organisation serving a unit (the owner), with its contract. */
export const engagements = sqliteTable(
  'engagements',
  {
    ...syncColumns(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    service: text('service', { enum: ['consulting', 'certification', 'training'] }).notNull(),
    contractNo: text('contract_no').notNull().default(''),
    contractValue: integer('contract_value'),
    startDate: text('start_date'),
    endDate: text('end_date'),
    note: text('note').notNull().default(''),
  },
  (t) => [index('engagements_org_idx').on(t.organisationId)],
);

/** External assessments by a certification body (stage 1, stage 2, surveillance, recertification). */
export const assessments = sqliteTable(
  'assessments',
  {
    ...syncColumns(),
    organisationId: text('organisation_id').references(() => organisations.id),
    kind: text('kind', { enum: ['stage1', 'stage2', 'surveillance', 'recertification'] }).notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date'),
    leadAssessor: text('lead_assessor').notNull().default(''),
    majorCount: integer('major_count').notNull().default(0),
    minorCount: integer('minor_count').notNull().default(0),
    observationCount: integer('observation_count').notNull().default(0),
    note: text('note').notNull().default(''),
  },
  (t) => [index('assessments_unit_idx').on(t.unitId)],
);

/** A certificate of conformity (until 2014, and any later external certification). */
export const certificates = sqliteTable(
  'certificates',
  {
    ...syncColumns(),
    organisationId: text('organisation_id').references(() => organisations.id),
    number: text('number').notNull(),
    issuer: text('issuer').notNull(),
    standard: text('standard', { enum: ['2008', '2015'] }).notNull(),
    scope: text('scope').notNull().default('[]'),
    issueDate: text('issue_date').notNull(),
    expiryDate: text('expiry_date').notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [index('certificates_unit_idx').on(t.unitId)],
);

/** The head's self-declaration of conformity (công bố, Decision 19/2014). */
export const declarations = sqliteTable(
  'declarations',
  {
    ...syncColumns(),
    decisionNo: text('decision_no').notNull(),
    decisionDate: text('decision_date').notNull(),
    signer: text('signer').notNull().default(''),
    standard: text('standard', { enum: ['2008', '2015'] }).notNull(),
    scope: text('scope').notNull().default('[]'),
    notifiedDate: text('notified_date'),
    postedDate: text('posted_date'),
    note: text('note').notNull().default(''),
  },
  (t) => [index('declarations_unit_idx').on(t.unitId)],
);

/**
 * The unit's current scope as procedure or domain codes, with the date each
 * entered it. Compared with the last declaration to flag a re-declaration.
 */
export const unitScopeCodes = sqliteTable(
  'unit_scope_codes',
  {
    ...syncColumns(),
    code: text('code').notNull(),
    addedDate: text('added_date').notNull(),
  },
  (t) => [index('unit_scope_codes_unit_idx').on(t.unitId)],
);

/** A unit's yearly internal-audit programme (one per unit and year, deterministic id). */
export const auditProgrammes = sqliteTable('audit_programmes', {
  ...syncColumns(),
  year: integer('year').notNull(),
  approvedBy: text('approved_by').notNull().default(''),
  approvedDate: text('approved_date'),
  note: text('note').notNull().default(''),
});

export const internalAudits = sqliteTable(
  'internal_audits',
  {
    ...syncColumns(),
    programmeId: text('programme_id')
      .notNull()
      .references(() => auditProgrammes.id),
    title: text('title').notNull(),
    plannedStart: text('planned_start').notNull(),
    plannedEnd: text('planned_end'),
    actualStart: text('actual_start'),
    actualEnd: text('actual_end'),
    status: text('status', { enum: ['planned', 'done', 'cancelled'] }).notNull().default('planned'),
    clauses: text('clauses').notNull().default('[]'),
    procedures: text('procedures').notNull().default('[]'),
    departments: text('departments').notNull().default('[]'),
    checklist: text('checklist').notNull().default('[]'),
    summary: text('summary').notNull().default(''),
  },
  (t) => [index('internal_audits_programme_idx').on(t.programmeId), index('internal_audits_unit_idx').on(t.unitId)],
);

/** A member of an audit team. `staffId` links to the training register when known. */
export const auditAuditors = sqliteTable(
  'audit_auditors',
  {
    ...syncColumns(),
    auditId: text('audit_id')
      .notNull()
      .references(() => internalAudits.id),
    role: text('role', { enum: ['lead', 'member'] }).notNull(),
    fullName: text('full_name').notNull(),
    staffId: text('staff_id'),
    department: text('department').notNull().default(''),
    /** Declared when the training register cannot say. */
    internalAuditCourse: integer('internal_audit_course', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('audit_auditors_audit_idx').on(t.auditId)],
);

/** An inspection (kiểm tra) of the unit, whose minutes start a 2-month correction deadline. */
export const inspections = sqliteTable(
  'inspections',
  {
    ...syncColumns(),
    inspector: text('inspector').notNull(),
    inspectionDate: text('inspection_date').notNull(),
    minutesNo: text('minutes_no').notNull().default(''),
    minutesDate: text('minutes_date').notNull(),
    onSite: integer('on_site', { mode: 'boolean' }).notNull().default(true),
    note: text('note').notNull().default(''),
  },
  (t) => [index('inspections_unit_idx').on(t.unitId)],
);

export const findingSources = ['internal_audit', 'external_assessment', 'inspection', 'complaint', 'management_review'] as const;

/** A nonconformity or observation, from whichever source raised it. */
export const findings = sqliteTable(
  'findings',
  {
    ...syncColumns(),
    source: text('source', { enum: findingSources }).notNull(),
    auditId: text('audit_id').references(() => internalAudits.id),
    assessmentId: text('assessment_id').references(() => assessments.id),
    inspectionId: text('inspection_id').references(() => inspections.id),
    sourceRef: text('source_ref').notNull().default(''),
    severity: text('severity', { enum: ['major', 'minor', 'observation'] }).notNull(),
    clause: text('clause').notNull().default(''),
    procedureCode: text('procedure_code').notNull().default(''),
    department: text('department').notNull().default(''),
    description: text('description').notNull(),
    evidence: text('evidence').notNull().default(''),
    foundDate: text('found_date').notNull(),
  },
  (t) => [index('findings_unit_idx').on(t.unitId), index('findings_audit_idx').on(t.auditId)],
);

/** A management review (xem xét của lãnh đạo). Its inputs are a JSON object of texts. */
export const managementReviews = sqliteTable(
  'management_reviews',
  {
    ...syncColumns(),
    reviewDate: text('review_date').notNull(),
    chair: text('chair').notNull(),
    attendees: text('attendees').notNull().default(''),
    inputs: text('inputs').notNull().default('{}'),
    conclusions: text('conclusions').notNull().default(''),
    minutesNo: text('minutes_no').notNull().default(''),
  },
  (t) => [index('management_reviews_unit_idx').on(t.unitId)],
);

/** A corrective action, or a follow-up action decided by a management review. */
export const correctiveActions = sqliteTable(
  'corrective_actions',
  {
    ...syncColumns(),
    source: text('source', { enum: findingSources }).notNull(),
    findingId: text('finding_id').references(() => findings.id),
    reviewId: text('review_id').references(() => managementReviews.id),
    title: text('title').notNull(),
    rootCause: text('root_cause').notNull().default(''),
    action: text('action').notNull().default(''),
    owner: text('owner').notNull(),
    openedDate: text('opened_date').notNull(),
    dueDate: text('due_date').notNull(),
    status: text('status', { enum: ['open', 'in_progress', 'done', 'verified'] }).notNull().default('open'),
    doneDate: text('done_date'),
    verifiedBy: text('verified_by'),
    verifiedDate: text('verified_date'),
    effective: integer('effective', { mode: 'boolean' }),
    verificationNote: text('verification_note').notNull().default(''),
  },
  (t) => [
    index('corrective_actions_unit_idx').on(t.unitId),
    index('corrective_actions_finding_idx').on(t.findingId),
    // The action board and the dashboard: a scope's actions of one status (the open ones in due-date order once
    // sorted, the closed ones only counted) without reading the rows; the aging counts read the dates from here too.
    index('corrective_actions_status_idx').on(t.status, t.unitId, t.dueDate, t.openedDate).where(sql`deleted = 0`),
  ],
);

/** The unit's quality policy as issued. */
export const qualityPolicies = sqliteTable('quality_policies', {
  ...syncColumns(),
  issuedDate: text('issued_date').notNull(),
  decisionNo: text('decision_no').notNull().default(''),
  body: text('body').notNull(),
});

export const qualityObjectives = sqliteTable(
  'quality_objectives',
  {
    ...syncColumns(),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    target: text('target').notNull(),
    measure: text('measure').notNull().default(''),
    achieved: integer('achieved', { mode: 'boolean' }),
    note: text('note').notNull().default(''),
  },
  (t) => [index('quality_objectives_unit_idx').on(t.unitId, t.year)],
);

export const objectiveResults = sqliteTable(
  'objective_results',
  {
    ...syncColumns(),
    objectiveId: text('objective_id')
      .notNull()
      .references(() => qualityObjectives.id),
    resultDate: text('result_date').notNull(),
    value: text('value').notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [index('objective_results_objective_idx').on(t.objectiveId)],
);

/** Difficulties and recommendations raised to headquarters (vướng mắc, kiến nghị). */
export const hqFeedback = sqliteTable(
  'hq_feedback',
  {
    ...syncColumns(),
    raisedDate: text('raised_date').notNull(),
    category: text('category', { enum: ['legal', 'procedure', 'it', 'training', 'budget', 'organisation', 'other'] }).notNull(),
    title: text('title').notNull(),
    details: text('details').notNull().default(''),
    status: text('status', { enum: ['open', 'sent', 'answered', 'closed'] }).notNull().default('open'),
    answer: text('answer').notNull().default(''),
    answeredDate: text('answered_date'),
    answeredBy: text('answered_by').notNull().default(''),
  },
  (t) => [index('hq_feedback_unit_idx').on(t.unitId)],
);
