import { and, asc, eq, inArray } from 'drizzle-orm';
import { auditAuditors, auditProgrammes, correctiveActions, findings, internalAudits, units } from '../../../db/schema';
import { formatVnDate } from '../../common/dates';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';
import { stableId } from '../ids';
import { deleteRow, findRow, getLiveRow, insertRow, updateRow } from '../records';
import { requireNotFuture, requireOrder, requireText } from '../rules';
import { getUnit, subtreeIds } from '../units/units';
import { codeList, fromJson, requireNonEmpty, sameText, toJson, yearOf } from './common';
import { auditorRegister, type RegisteredAuditor } from './ports';
import { applyDerivedSteps } from './rollout';

export type InternalAudit = typeof internalAudits.$inferSelect;
export type AuditProgramme = typeof auditProgrammes.$inferSelect;
export type Auditor = typeof auditAuditors.$inferSelect;

/** A unit has one internal-audit programme a year: its id follows from unit and year. */
export const programmeIdFor = (unitId: string, year: number): string => stableId(`audit-programme:${unitId}:${year}`);

export interface ProgrammeInput {
  unitId: string;
  year: number;
  approvedBy?: string;
  approvedDate?: string | null;
  note?: string;
}

/** Creates the yearly programme; a second one for the same unit and year is refused. */
export function createProgramme(ctx: ServiceContext, input: ProgrammeInput): AuditProgramme {
  getUnit(ctx, input.unitId);
  const id = programmeIdFor(input.unitId, input.year);
  const existing = findRow(ctx, auditProgrammes, id);
  if (existing && !existing.deleted) throw new AppError('PROGRAMME_EXISTS', { year: input.year }, 'year');
  requireNotFuture(ctx, input.approvedDate, 'approvedDate');
  const values = { approvedBy: input.approvedBy ?? '', approvedDate: input.approvedDate ?? null, note: input.note ?? '' };
  if (existing) return updateRow(ctx, auditProgrammes, id, { ...values, deleted: false });
  return insertRow(ctx, auditProgrammes, { id, unitId: input.unitId, year: input.year, ...values });
}

function ensureProgramme(ctx: ServiceContext, unitId: string, year: number): AuditProgramme {
  const existing = findRow(ctx, auditProgrammes, programmeIdFor(unitId, year));
  return existing && !existing.deleted ? existing : createProgramme(ctx, { unitId, year });
}

export interface TeamMemberInput {
  role: Auditor['role'];
  fullName: string;
  staffId?: string | null;
  department?: string;
  internalAuditCourse?: boolean;
}

export interface AuditInput {
  unitId: string;
  title: string;
  plannedStart: string;
  plannedEnd?: string | null;
  clauses?: string[];
  procedures?: string[];
  departments?: string[];
  checklist?: string[];
  team: TeamMemberInput[];
}

export type IndependenceWarning = { kind: 'own_department'; department: string } | { kind: 'no_course' };

/**
 * An auditor should be independent of what they audit and trained: a warning
 * when their department is in the audit's scope, and when neither the
 * training register (by staff id) nor the team entry shows the internal-audit
 * course or an auditor certificate.
 */
export function independenceWarnings(
  ctx: ServiceContext,
  audit: Pick<InternalAudit, 'departments'>,
  auditor: TeamMemberInput,
  register?: RegisteredAuditor[],
): IndependenceWarning[] {
  const warnings: IndependenceWarning[] = [];
  const department = auditor.department?.trim() ?? '';
  if (department && fromJson(audit.departments).some((d) => sameText(d, department))) {
    warnings.push({ kind: 'own_department', department });
  }
  const registered = auditor.staffId ? (register ?? auditorRegister(ctx, {})).find((r) => r.staffId === auditor.staffId) : undefined;
  const trained = registered ? registered.internalAuditCourse || registered.certified : !!auditor.internalAuditCourse;
  if (!trained) warnings.push({ kind: 'no_course' });
  return warnings;
}

function checkTeam(team: TeamMemberInput[]): void {
  const leads = team.filter((m) => m.role === 'lead').length;
  if (leads !== 1) throw new AppError('AUDIT_NEEDS_LEAD', { count: leads }, 'leadAuditor');
  for (const m of team) requireText(m.fullName, 'fullName');
}

function writeTeam(ctx: ServiceContext, audit: InternalAudit, team: TeamMemberInput[]): void {
  for (const old of teamOfAudit(ctx, audit.id)) deleteRow(ctx, auditAuditors, old.id);
  for (const m of team) {
    insertRow(ctx, auditAuditors, {
      unitId: audit.unitId,
      auditId: audit.id,
      role: m.role,
      fullName: m.fullName.trim(),
      staffId: m.staffId ?? null,
      department: m.department?.trim() ?? '',
      internalAuditCourse: !!m.internalAuditCourse,
    });
  }
}

function teamOfAudit(ctx: ServiceContext, auditId: string): Auditor[] {
  return ctx.db
    .select()
    .from(auditAuditors)
    .where(and(eq(auditAuditors.auditId, auditId), eq(auditAuditors.deleted, false)))
    .orderBy(asc(auditAuditors.role), asc(auditAuditors.fullName))
    .all();
}

/** Plans an internal audit in the unit's programme for its year: a scope, one lead auditor, dates in order. */
export function planAudit(ctx: ServiceContext, input: AuditInput): InternalAudit {
  getUnit(ctx, input.unitId);
  const title = requireText(input.title, 'auditTitle');
  requireOrder(input.plannedStart, input.plannedEnd, 'plannedStart', 'plannedEnd');
  const clauses = codeList(input.clauses);
  const procedures = codeList(input.procedures);
  const departments = codeList(input.departments);
  requireNonEmpty([...clauses, ...procedures, ...departments], 'AUDIT_SCOPE_EMPTY', 'clauses');
  checkTeam(input.team);
  const programme = ensureProgramme(ctx, input.unitId, yearOf(input.plannedStart));
  const audit = insertRow(ctx, internalAudits, {
    unitId: input.unitId,
    programmeId: programme.id,
    title,
    plannedStart: input.plannedStart,
    plannedEnd: input.plannedEnd ?? null,
    clauses: toJson(clauses),
    procedures: toJson(procedures),
    departments: toJson(departments),
    checklist: toJson(input.checklist),
  });
  writeTeam(ctx, audit, input.team);
  applyDerivedSteps(ctx, input.unitId);
  return audit;
}

export interface AuditPatch {
  title?: string;
  plannedStart?: string;
  plannedEnd?: string | null;
  actualStart?: string | null;
  actualEnd?: string | null;
  status?: InternalAudit['status'];
  clauses?: string[];
  procedures?: string[];
  departments?: string[];
  checklist?: string[];
  summary?: string;
  team?: TeamMemberInput[];
}

/** Edits an audit; a completed audit needs its actual end, never in the future; it stays in its year's programme. */
export function updateAudit(ctx: ServiceContext, id: string, patch: AuditPatch): InternalAudit {
  const old = getLiveRow(ctx, internalAudits, id, 'audit');
  const next = {
    ...old,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  } as InternalAudit & AuditPatch;
  if (patch.title !== undefined) requireText(patch.title, 'auditTitle');
  requireOrder(next.plannedStart, next.plannedEnd, 'plannedStart', 'plannedEnd');
  requireOrder(next.actualStart, next.actualEnd, 'actualStart', 'actualEnd');
  requireNotFuture(ctx, next.actualStart, 'actualStart');
  requireNotFuture(ctx, next.actualEnd, 'actualEnd');
  if (next.status === 'done' && !next.actualEnd) throw new AppError('AUDIT_DONE_NEEDS_DATE', {}, 'actualEnd');
  const programme = getLiveRow(ctx, auditProgrammes, old.programmeId, 'programme');
  if (yearOf(next.plannedStart) !== programme.year) {
    throw new AppError('AUDIT_YEAR_MISMATCH', { date: formatVnDate(next.plannedStart), year: programme.year }, 'plannedStart');
  }
  const lists = {
    clauses: patch.clauses ? codeList(patch.clauses) : fromJson(old.clauses),
    procedures: patch.procedures ? codeList(patch.procedures) : fromJson(old.procedures),
    departments: patch.departments ? codeList(patch.departments) : fromJson(old.departments),
  };
  requireNonEmpty([...lists.clauses, ...lists.procedures, ...lists.departments], 'AUDIT_SCOPE_EMPTY', 'clauses');
  if (patch.team) checkTeam(patch.team);
  const row = updateRow(ctx, internalAudits, id, {
    title: patch.title?.trim(),
    plannedStart: patch.plannedStart,
    plannedEnd: patch.plannedEnd,
    actualStart: patch.actualStart,
    actualEnd: patch.actualEnd,
    status: patch.status,
    clauses: patch.clauses ? toJson(lists.clauses) : undefined,
    procedures: patch.procedures ? toJson(lists.procedures) : undefined,
    departments: patch.departments ? toJson(lists.departments) : undefined,
    checklist: patch.checklist ? toJson(patch.checklist) : undefined,
    summary: patch.summary,
  });
  if (patch.team) writeTeam(ctx, row, patch.team);
  applyDerivedSteps(ctx, old.unitId);
  return row;
}

/** Removes an audit with its team and findings (tombstones). */
export function deleteAudit(ctx: ServiceContext, id: string): void {
  getLiveRow(ctx, internalAudits, id, 'audit');
  for (const m of teamOfAudit(ctx, id)) deleteRow(ctx, auditAuditors, m.id);
  for (const f of findingsOfAudit(ctx, id)) deleteRow(ctx, findings, f.id);
  deleteRow(ctx, internalAudits, id);
}

function findingsOfAudit(ctx: ServiceContext, auditId: string) {
  return ctx.db
    .select()
    .from(findings)
    .where(and(eq(findings.auditId, auditId), eq(findings.deleted, false)))
    .orderBy(asc(findings.foundDate))
    .all();
}

/** An audit as its page shows it: scope, team with independence warnings, findings with their actions. */
export function getAudit(ctx: ServiceContext, id: string) {
  const audit = getLiveRow(ctx, internalAudits, id, 'audit');
  const unit = getUnit(ctx, audit.unitId);
  const list = findingsOfAudit(ctx, id);
  const actions = list.length
    ? ctx.db
        .select()
        .from(correctiveActions)
        .where(and(inArray(correctiveActions.findingId, list.map((f) => f.id)), eq(correctiveActions.deleted, false)))
        .all()
    : [];
  return {
    ...audit,
    unitName: unit.name,
    clauses: fromJson(audit.clauses),
    procedures: fromJson(audit.procedures),
    departments: fromJson(audit.departments),
    checklist: fromJson(audit.checklist),
    team: withWarnings(ctx, audit, teamOfAudit(ctx, id)),
    findings: list.map((f) => ({ ...f, actions: actions.filter((a) => a.findingId === f.id) })),
  };
}

/** The team with each member's independence warnings; the register is read once. */
function withWarnings(ctx: ServiceContext, audit: Pick<InternalAudit, 'departments'>, team: Auditor[], register?: RegisteredAuditor[]) {
  const reg = register ?? (team.some((m) => m.staffId) ? auditorRegister(ctx, {}) : []);
  return team.map((m) => ({ ...m, warnings: independenceWarnings(ctx, audit, m, reg) }));
}

export interface AuditFilter {
  unitId?: string;
  rootId?: string;
  year?: number;
}

/** Audits of a unit, a subtree or all, with lead auditor, team size, findings and warnings counted. */
export function listAudits(ctx: ServiceContext, filter: AuditFilter = {}) {
  const allowed = filter.rootId ? subtreeIds(ctx, filter.rootId) : null;
  const rows = ctx.db
    .select({ audit: internalAudits, unitName: units.name, year: auditProgrammes.year })
    .from(internalAudits)
    .innerJoin(units, eq(units.id, internalAudits.unitId))
    .innerJoin(auditProgrammes, eq(auditProgrammes.id, internalAudits.programmeId))
    .where(
      and(
        eq(internalAudits.deleted, false),
        filter.unitId ? eq(internalAudits.unitId, filter.unitId) : undefined,
        allowed ? inArray(internalAudits.unitId, allowed) : undefined,
        filter.year ? eq(auditProgrammes.year, filter.year) : undefined,
      ),
    )
    .orderBy(asc(internalAudits.plannedStart))
    .all();
  const ids = rows.map((r) => r.audit.id);
  const team = ids.length
    ? ctx.db.select().from(auditAuditors).where(and(inArray(auditAuditors.auditId, ids), eq(auditAuditors.deleted, false))).all()
    : [];
  const found = ids.length ? ctx.db.select().from(findings).where(and(inArray(findings.auditId, ids), eq(findings.deleted, false))).all() : [];
  const register = team.some((m) => m.staffId) ? auditorRegister(ctx, {}) : [];
  return rows.map(({ audit, unitName, year }) => {
    const members = team.filter((m) => m.auditId === audit.id);
    const own = found.filter((f) => f.auditId === audit.id);
    return {
      id: audit.id,
      unitId: audit.unitId,
      unitName,
      year,
      title: audit.title,
      plannedStart: audit.plannedStart,
      plannedEnd: audit.plannedEnd,
      actualStart: audit.actualStart,
      actualEnd: audit.actualEnd,
      status: audit.status,
      lead: members.find((m) => m.role === 'lead')?.fullName ?? '',
      teamSize: members.length,
      warnings: withWarnings(ctx, audit, members, register).reduce((n, m) => n + m.warnings.length, 0),
      nonconformities: own.filter((f) => f.severity !== 'observation').length,
      observations: own.filter((f) => f.severity === 'observation').length,
    };
  });
}

/** The unit's programmes with their audits, by year. */
export function programmesOf(ctx: ServiceContext, unitId: string) {
  const programmes = ctx.db
    .select()
    .from(auditProgrammes)
    .where(and(eq(auditProgrammes.unitId, unitId), eq(auditProgrammes.deleted, false)))
    .orderBy(asc(auditProgrammes.year))
    .all();
  const audits = listAudits(ctx, { unitId });
  return programmes.map((p) => ({ ...p, audits: audits.filter((a) => a.year === p.year) }));
}
