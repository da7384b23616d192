import { sql } from 'drizzle-orm';
import { type AnySQLiteColumn, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { syncColumns } from './columns';

/** The roles a person can hold in an ISO team; 'none' for staff outside it. */
export const isoRoles = ['none', 'leader', 'secretary', 'member', 'internal_auditor'] as const;
/** A requirement applies to a role, or to every active staff member ('all'). */
export const requirementRoles = ['all', 'leader', 'secretary', 'member', 'internal_auditor'] as const;
/** What a course is for; 'certified_auditor' courses put their graduates on the auditor register. */
export const courseKinds = ['awareness', 'documents', 'internal_audit', 'certified_auditor', 'transition', 'refresher', 'other'] as const;
export const attendanceResults = ['passed', 'failed', 'absent'] as const;

/**
 * Course types: editable reference data. The shipped ones have ids derived
 * from their code and are owned by headquarters, so every installation
 * names them alike.
 */
export const courseTypes = sqliteTable('course_types', {
  ...syncColumns(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  kind: text('kind', { enum: courseKinds }).notNull(),
  /** Months a certificate stays valid; null when it never expires. */
  validityMonths: integer('validity_months'),
  sortOrder: integer('sort_order').notNull().default(0),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  description: text('description').notNull().default(''),
});

/** Which course each ISO role needs (one row per role and course, deterministic id). */
export const roleRequirements = sqliteTable(
  'role_requirements',
  {
    ...syncColumns(),
    role: text('role', { enum: requirementRoles }).notNull(),
    courseTypeId: text('course_type_id')
      .notNull()
      .references(() => courseTypes.id),
  },
  (t) => [index('role_requirements_role_idx').on(t.role)],
);

/** A person working in a unit (`unitId`). A merged duplicate is tombstoned and points at the kept record. */
export const staff = sqliteTable(
  'staff',
  {
    ...syncColumns(),
    staffCode: text('staff_code').notNull().default(''),
    fullName: text('full_name').notNull(),
    birthDate: text('birth_date'),
    position: text('position').notNull().default(''),
    department: text('department').notNull().default(''),
    isoRole: text('iso_role', { enum: isoRoles }).notNull().default('none'),
    phone: text('phone').notNull().default(''),
    email: text('email').notNull().default(''),
    status: text('status', { enum: ['active', 'left'] }).notNull().default('active'),
    note: text('note').notNull().default(''),
    mergedIntoId: text('merged_into_id').references((): AnySQLiteColumn => staff.id),
  },
  (t) => [
    index('staff_unit_idx').on(t.unitId),
    // The matrix's aggregates: active people by ISO role and unit, read from the index alone.
    index('staff_active_role_idx').on(t.isoRole, t.unitId, t.id).where(sql`deleted = 0 AND status = 'active'`),
  ],
);

/** A training session, owned by the organising unit. */
export const trainingSessions = sqliteTable(
  'training_sessions',
  {
    ...syncColumns(),
    courseTypeId: text('course_type_id')
      .notNull()
      .references(() => courseTypes.id),
    title: text('title').notNull().default(''),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    place: text('place').notNull().default(''),
    provider: text('provider').notNull().default(''),
    trainers: text('trainers').notNull().default(''),
    /** VND actually spent. */
    budgetSpent: integer('budget_spent').notNull().default(0),
    note: text('note').notNull().default(''),
  },
  (t) => [index('training_sessions_course_idx').on(t.courseTypeId), index('training_sessions_unit_idx').on(t.unitId)],
);

/** Who attended a session, with the result and the certificate if any; owned by the session's unit. */
export const attendance = sqliteTable(
  'attendance',
  {
    ...syncColumns(),
    sessionId: text('session_id')
      .notNull()
      .references(() => trainingSessions.id),
    staffId: text('staff_id')
      .notNull()
      .references(() => staff.id),
    result: text('result', { enum: attendanceResults }).notNull(),
    certificateNo: text('certificate_no').notNull().default(''),
    certificateDate: text('certificate_date'),
    certificateExpiry: text('certificate_expiry'),
    note: text('note').notNull().default(''),
  },
  (t) => [index('attendance_session_idx').on(t.sessionId), index('attendance_staff_idx').on(t.staffId)],
);

/** One Excel import: what file, how many rows, how many saved; every row it wrote names it as origin. */
export const trainingImports = sqliteTable('training_imports', {
  ...syncColumns(),
  kind: text('kind', { enum: ['staff', 'attendance'] }).notNull(),
  fileName: text('file_name').notNull(),
  sha256: text('sha256').notNull(),
  sessionId: text('session_id').references(() => trainingSessions.id),
  mode: text('mode', { enum: ['all', 'valid'] }).notNull(),
  rowsRead: integer('rows_read').notNull(),
  rowsSaved: integer('rows_saved').notNull(),
  rowsSkipped: integer('rows_skipped').notNull(),
  staffCreated: integer('staff_created').notNull().default(0),
});

/*
 * Local derived tables (never synchronised, not in the change log): rebuilt
 * from the synchronised rows and kept current from the change log by
 * electron/services/training/derived.ts, so rows written by any path
 * (services, Excel imports, bundles, merges) are covered.
 */

/** Each person's folded search text and sort key (fold(): lower case, no diacritics, đ→d). */
export const staffSearch = sqliteTable('staff_search', {
  staffId: text('staff_id').primaryKey(),
  /** fold(full name, staff code, position, department). */
  searchKey: text('search_key').notNull(),
  /** fold(full name): with the birth date, the key of a look-alike record. */
  nameKey: text('name_key').notNull(),
  /** Given name (last word) first, then the whole folded name: Vietnamese list order. */
  sortKey: text('sort_key').notNull(),
});

/** A person's best pass of a course: the latest certificate expiry ('9999-12-31' when it never expires). */
export const staffQualifications = sqliteTable(
  'staff_qualifications',
  {
    staffId: text('staff_id').notNull(),
    courseTypeId: text('course_type_id').notNull(),
    bestExpiry: text('best_expiry').notNull(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.courseTypeId] }), index('staff_qualifications_expiry_idx').on(t.bestExpiry)],
);

/** How far the derived tables have followed the change log (one row; none until first built). */
export const trainingDerivedState = sqliteTable('training_derived_state', {
  id: integer('id').primaryKey(),
  lastSeq: integer('last_seq').notNull(),
});
