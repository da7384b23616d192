import { type AnySQLiteColumn, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { syncColumns } from './columns';

export const procedureDomains = ['thu', 'chi_tra', 'cs_bhxh', 'cs_bhyt', 'so_the', 'noi_bo'] as const;
export const procedureOrigins = ['hq', 'province', 'district'] as const;
export const versionStatuses = ['draft', 'in_review', 'approved', 'superseded', 'withdrawn'] as const;
export const versionReasons = ['initial', 'legal_change', 'improvement', 'audit_finding', 'reorganisation', 'other'] as const;
export const clauseStatuses = ['not_started', 'in_progress', 'conforms', 'partly', 'does_not_conform', 'not_applicable'] as const;
export const standards = ['2008', '2015'] as const;

/**
 * A controlled document of the quality system: an administrative procedure
 * (Thu, Chi trả, …) or an internal one. Its id follows from its code, so the
 * framework procedures from headquarters have the same id everywhere.
 */
export const procedures = sqliteTable(
  'procedures',
  {
    ...syncColumns(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    domain: text('domain', { enum: procedureDomains }).notNull(),
    origin: text('origin', { enum: procedureOrigins }).notNull(),
    ownerRole: text('owner_role').notNull().default(''),
    adminProcedure: text('admin_procedure').notNull().default(''),
    reviewMonths: integer('review_months').notNull().default(12),
    /** Shipped as editable reference data (the starter catalogue), not law. */
    reference: integer('reference', { mode: 'boolean' }).notNull().default(false),
    currentVersionId: text('current_version_id'),
    note: text('note').notNull().default(''),
  },
  (t) => [index('procedures_code_idx').on(t.code), index('procedures_domain_idx').on(t.domain)],
);

/** A version of a procedure and its approval: draft → in_review → approved → superseded / withdrawn. */
export const procedureVersions = sqliteTable(
  'procedure_versions',
  {
    ...syncColumns(),
    procedureId: text('procedure_id')
      .notNull()
      .references((): AnySQLiteColumn => procedures.id),
    versionNo: integer('version_no').notNull(),
    status: text('status', { enum: versionStatuses }).notNull().default('draft'),
    summary: text('summary').notNull().default(''),
    reason: text('reason', { enum: versionReasons }).notNull().default('initial'),
    legalChangeId: text('legal_change_id'),
    issueDate: text('issue_date'),
    decisionNo: text('decision_no').notNull().default(''),
    decisionDate: text('decision_date'),
    signer: text('signer').notNull().default(''),
    /** When the next periodic review is due (issue date + the procedure's interval unless set). */
    reviewDue: text('review_due'),
    lastReviewed: text('last_reviewed'),
    endDate: text('end_date'),
    endNote: text('end_note').notNull().default(''),
  },
  (t) => [index('procedure_versions_procedure_idx').on(t.procedureId, t.versionNo)],
);

/** A legal change that affects a procedure: it must be folded in within 3 months of taking effect. */
export const legalChanges = sqliteTable(
  'legal_changes',
  {
    ...syncColumns(),
    procedureId: text('procedure_id')
      .notNull()
      .references((): AnySQLiteColumn => procedures.id),
    reference: text('reference').notNull(),
    title: text('title').notNull().default(''),
    effectiveDate: text('effective_date').notNull(),
    dueDate: text('due_date').notNull(),
    resolvedVersionId: text('resolved_version_id'),
    resolvedDate: text('resolved_date'),
    note: text('note').notNull().default(''),
  },
  (t) => [index('legal_changes_procedure_idx').on(t.procedureId)],
);

/**
 * A file attached to a record. The bytes live once in the data folder under
 * their SHA-256; this row carries the original name, type and size and what
 * the file is attached to.
 */
export const attachments = sqliteTable(
  'attachments',
  {
    ...syncColumns(),
    sha256: text('sha256').notNull(),
    name: text('name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    subjectType: text('subject_type', { enum: ['procedure_version', 'checklist_item'] }).notNull(),
    subjectId: text('subject_id').notNull(),
  },
  (t) => [index('attachments_subject_idx').on(t.subjectType, t.subjectId), index('attachments_sha_idx').on(t.sha256)],
);

/** Which version of a procedure a unit applies, since when; one row per unit and procedure. */
export const adoptions = sqliteTable(
  'adoptions',
  {
    ...syncColumns(),
    procedureId: text('procedure_id')
      .notNull()
      .references((): AnySQLiteColumn => procedures.id),
    versionId: text('version_id')
      .notNull()
      .references((): AnySQLiteColumn => procedureVersions.id),
    since: text('since').notNull(),
    localNote: text('local_note').notNull().default(''),
  },
  (t) => [index('adoptions_unit_idx').on(t.unitId, t.procedureId), index('adoptions_procedure_idx').on(t.procedureId)],
);

/** The standard a unit checks itself against; one row per unit and standard. */
export const unitChecklists = sqliteTable('unit_checklists', {
  ...syncColumns(),
  standard: text('standard', { enum: standards }).notNull(),
  status: text('status', { enum: ['active', 'archived'] }).notNull().default('active'),
  startedDate: text('started_date').notNull(),
  migratedFrom: text('migrated_from'),
});

/** A unit's status and evidence for one clause; absent means "not started". */
export const checklistItems = sqliteTable(
  'checklist_items',
  {
    ...syncColumns(),
    checklistId: text('checklist_id')
      .notNull()
      .references((): AnySQLiteColumn => unitChecklists.id),
    clause: text('clause').notNull(),
    status: text('status', { enum: clauseStatuses }).notNull().default('not_started'),
    evidenceVersionIds: text('evidence_version_ids').notNull().default('[]'),
    note: text('note').notNull().default(''),
  },
  (t) => [index('checklist_items_checklist_idx').on(t.checklistId, t.clause)],
);
