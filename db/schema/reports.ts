import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { syncColumns } from './columns';

/**
 * Report templates: which figures (by provider key) and which per-unit columns
 * a periodic report shows. Headquarters changes them, so they are data, not
 * code. A report without a template uses the built-in default.
 */
export const reportTemplates = sqliteTable('report_templates', {
  ...syncColumns(),
  name: text('name').notNull(),
  /** JSON: [{ key, label? }] — figure keys from the figure registry, in order. */
  figures: text('figures').notNull().default('[]'),
  /** JSON: ["code", "name", "currentStep", …] — columns of the units table. */
  unitColumns: text('unit_columns').notNull().default('[]'),
  note: text('note').notNull().default(''),
});

/**
 * A saved periodic report ("báo cáo tình hình xây dựng, áp dụng, duy trì và
 * cải tiến HTQLCL"): its period, scope, the typed narrative, the official
 * number and signer, and — once final — the figures as they were printed.
 */
export const reports = sqliteTable(
  'reports',
  {
    ...syncColumns(),
    templateId: text('template_id').references(() => reportTemplates.id),
    periodKind: text('period_kind', { enum: ['quarter', 'half', 'year'] }).notNull(),
    year: integer('year').notNull(),
    /** 1–4 for a quarter, 1–2 for a half-year, 0 for a year. */
    periodNo: integer('period_no').notNull().default(0),
    periodStart: text('period_start').notNull(),
    periodEnd: text('period_end').notNull(),
    scopeMode: text('scope_mode', { enum: ['office', 'unit', 'subtree'] }).notNull(),
    scopeUnitId: text('scope_unit_id').notNull(),
    title: text('title').notNull(),
    documentNo: text('document_no').notNull().default(''),
    place: text('place').notNull().default(''),
    docDate: text('doc_date'),
    addressee: text('addressee').notNull().default(''),
    signerTitle: text('signer_title').notNull().default(''),
    signer: text('signer').notNull().default(''),
    /** One recipient per line; "Lưu: VT" is always printed last. */
    recipients: text('recipients').notNull().default(''),
    /** JSON: { results, difficulties, recommendations } typed by the user. */
    sections: text('sections').notNull().default('{}'),
    status: text('status', { enum: ['draft', 'final'] }).notNull().default('draft'),
    finalisedAt: text('finalised_at'),
    /** JSON snapshot of the figures and unit table when finalised (what was signed). */
    snapshot: text('snapshot'),
    /** The bundle (issue 6, exchange) this report went out in. */
    bundleId: text('bundle_id'),
    sentAt: text('sent_at'),
  },
  (t) => [index('reports_period_idx').on(t.year, t.periodKind)],
);

/** A year's scoring criteria set (thi đua); once locked its results are frozen. */
export const scoringSets = sqliteTable(
  'scoring_sets',
  {
    ...syncColumns(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    status: text('status', { enum: ['draft', 'locked'] }).notNull().default('draft'),
    lockedAt: text('locked_at'),
    /** JSON results at locking time, so past rankings are reproducible. */
    results: text('results'),
  },
  (t) => [uniqueIndex('scoring_sets_owner_year_uq').on(t.unitId, t.year)],
);

export const scoringCriteria = sqliteTable(
  'scoring_criteria',
  {
    ...syncColumns(),
    setId: text('set_id')
      .notNull()
      .references(() => scoringSets.id),
    key: text('key').notNull(),
    label: text('label').notNull(),
    weight: real('weight').notNull(),
    /** A metric key from the scoring metric registry, or "manual". */
    metric: text('metric').notNull(),
    position: integer('position').notNull().default(0),
    note: text('note').notNull().default(''),
  },
  (t) => [index('scoring_criteria_set_idx').on(t.setId)],
);

/** A manually assessed value (0–100 %) of one criterion for one unit, with its evidence. */
export const scoringEntries = sqliteTable(
  'scoring_entries',
  {
    ...syncColumns(),
    criterionId: text('criterion_id')
      .notNull()
      .references(() => scoringCriteria.id),
    subjectId: text('subject_id').notNull(),
    value: real('value'),
    evidence: text('evidence').notNull().default(''),
  },
  (t) => [index('scoring_entries_criterion_idx').on(t.criterionId)],
);
