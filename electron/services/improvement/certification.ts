import { and, asc, eq } from 'drizzle-orm';
import { assessments, certificates, declarations, organisations, unitScopeCodes } from '../../../db/schema';
import { addMonths, daysBetween, formatVnDate } from '../../common/dates';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';
import { deleteRow, getLiveRow, insertRow, updateRow } from '../records';
import { requireDecisionNo, requireNotFuture, requireOrder, requireText, today } from '../rules';
import { getUnit } from '../units/units';
import { codeList, fromJson, requireNonEmpty, sameText, toJson } from './common';
import { currentScope, type ScopeEntry } from './ports';
import { applyDerivedSteps } from './rollout';

export type Assessment = typeof assessments.$inferSelect;
export type Certificate = typeof certificates.$inferSelect;
export type Declaration = typeof declarations.$inferSelect;

/** Days before an expiry or a surveillance audit that the app starts warning. */
export const ALERT_DAYS = 90;
/** Certificates (pre-2014) were valid three years unless stated otherwise. */
export const CERT_VALID_MONTHS = 36;
/** Decision 19/2014 replaced certification with self-declaration from this date. */
export const DECLARATION_FROM = '2014-01-01';

const live = <T extends { deleted: any; unitId: any }>(t: T, unitId: string) => and(eq(t.unitId, unitId), eq(t.deleted, false));

// ---- external assessments -------------------------------------------------

export interface AssessmentInput {
  unitId: string;
  organisationId?: string | null;
  kind: Assessment['kind'];
  startDate: string;
  endDate?: string | null;
  leadAssessor?: string;
  majorCount?: number;
  minorCount?: number;
  observationCount?: number;
  note?: string;
}

function checkAssessment(ctx: ServiceContext, input: Partial<AssessmentInput>): void {
  if (input.organisationId) getLiveRow(ctx, organisations, input.organisationId, 'organisation');
  requireNotFuture(ctx, input.startDate, 'startDate');
  requireOrder(input.startDate, input.endDate, 'startDate', 'endDate');
}

/** An assessment that took place (not a plan): not in the future, end not before start. */
export function recordAssessment(ctx: ServiceContext, input: AssessmentInput): Assessment {
  getUnit(ctx, input.unitId);
  checkAssessment(ctx, input);
  const row = insertRow(ctx, assessments, {
    unitId: input.unitId,
    organisationId: input.organisationId ?? null,
    kind: input.kind,
    startDate: input.startDate,
    endDate: input.endDate ?? null,
    leadAssessor: input.leadAssessor ?? '',
    majorCount: input.majorCount ?? 0,
    minorCount: input.minorCount ?? 0,
    observationCount: input.observationCount ?? 0,
    note: input.note ?? '',
  });
  applyDerivedSteps(ctx, input.unitId);
  return row;
}

export function updateAssessment(ctx: ServiceContext, id: string, patch: Partial<Omit<AssessmentInput, 'unitId'>>): Assessment {
  const old = getLiveRow(ctx, assessments, id, 'assessment');
  checkAssessment(ctx, { ...old, ...patch });
  return updateRow(ctx, assessments, id, patch);
}

export function deleteAssessment(ctx: ServiceContext, id: string): void {
  getLiveRow(ctx, assessments, id, 'assessment');
  deleteRow(ctx, assessments, id);
}

export function assessmentsOf(ctx: ServiceContext, unitId: string): Assessment[] {
  return ctx.db.select().from(assessments).where(live(assessments, unitId)).orderBy(asc(assessments.startDate)).all();
}

// ---- certificates ---------------------------------------------------------

export interface CertificateInput {
  unitId: string;
  organisationId?: string | null;
  number: string;
  issuer: string;
  standard: Certificate['standard'];
  scope: string[];
  issueDate: string;
  /** Defaults to three years after the issue date. */
  expiryDate?: string | null;
  note?: string;
}

function checkCertificate(ctx: ServiceContext, c: Omit<CertificateInput, 'scope'> & { scope: string[]; id?: string }): string {
  requireText(c.number, 'number');
  requireText(c.issuer, 'issuer');
  requireNonEmpty(codeList(c.scope), 'SCOPE_EMPTY', 'scope');
  requireNotFuture(ctx, c.issueDate, 'issueDate');
  if (c.organisationId) getLiveRow(ctx, organisations, c.organisationId, 'organisation');
  const expiry = c.expiryDate ?? addMonths(c.issueDate, CERT_VALID_MONTHS);
  if (expiry <= c.issueDate) {
    throw new AppError('CERT_EXPIRY_BEFORE_ISSUE', { expiry: formatVnDate(expiry), issue: formatVnDate(c.issueDate) }, 'expiryDate');
  }
  const clash = ctx.db
    .select()
    .from(certificates)
    .where(eq(certificates.deleted, false))
    .all()
    .find((x) => x.id !== c.id && sameText(x.number, c.number) && sameText(x.issuer, c.issuer));
  if (clash) throw new AppError('CERT_NUMBER_TAKEN', { number: c.number, issuer: c.issuer }, 'number');
  return expiry;
}

/** A certificate: expiry after issue (three years by default), a scope, a number unique per issuer. Completes step 3. */
export function recordCertificate(ctx: ServiceContext, input: CertificateInput): Certificate {
  getUnit(ctx, input.unitId);
  const expiryDate = checkCertificate(ctx, input);
  const row = insertRow(ctx, certificates, {
    unitId: input.unitId,
    organisationId: input.organisationId ?? null,
    number: input.number.trim(),
    issuer: input.issuer.trim(),
    standard: input.standard,
    scope: toJson(input.scope),
    issueDate: input.issueDate,
    expiryDate,
    note: input.note ?? '',
  });
  applyDerivedSteps(ctx, input.unitId);
  return row;
}

export function updateCertificate(ctx: ServiceContext, id: string, patch: Partial<Omit<CertificateInput, 'unitId'>>): Certificate {
  const old = getLiveRow(ctx, certificates, id, 'certificate');
  const merged = { ...old, ...patch, scope: patch.scope ?? fromJson(old.scope), id };
  const expiryDate = checkCertificate(ctx, merged);
  const row = updateRow(ctx, certificates, id, { ...patch, scope: patch.scope ? toJson(patch.scope) : undefined, expiryDate });
  applyDerivedSteps(ctx, old.unitId);
  return row;
}

export function deleteCertificate(ctx: ServiceContext, id: string): void {
  getLiveRow(ctx, certificates, id, 'certificate');
  deleteRow(ctx, certificates, id);
}

export function certificatesOf(ctx: ServiceContext, unitId: string): Certificate[] {
  return ctx.db
    .select()
    .from(certificates)
    .where(live(certificates, unitId))
    .orderBy(asc(certificates.issueDate), asc(certificates.createdAt), asc(certificates.id))
    .all();
}

// ---- self-declaration -----------------------------------------------------

export interface DeclarationInput {
  unitId: string;
  decisionNo: string;
  decisionDate: string;
  signer?: string;
  standard: Declaration['standard'];
  scope: string[];
  notifiedDate?: string | null;
  postedDate?: string | null;
  note?: string;
}

function checkDeclaration(ctx: ServiceContext, d: Omit<DeclarationInput, 'unitId'>): void {
  requireDecisionNo(d.decisionNo);
  requireNotFuture(ctx, d.decisionDate, 'decisionDate');
  if (d.decisionDate < DECLARATION_FROM) {
    throw new AppError('DECLARATION_BEFORE_2014', { date: formatVnDate(d.decisionDate) }, 'decisionDate');
  }
  requireNonEmpty(codeList(d.scope), 'SCOPE_EMPTY', 'scope');
  requireOrder(d.decisionDate, d.notifiedDate, 'decisionDate', 'notifiedDate');
  requireOrder(d.decisionDate, d.postedDate, 'decisionDate', 'postedDate');
  requireNotFuture(ctx, d.notifiedDate, 'notifiedDate');
  requireNotFuture(ctx, d.postedDate, 'postedDate');
}

/** The head's declaration of conformity (from 2014) with its scope. Completes step 3. */
export function recordDeclaration(ctx: ServiceContext, input: DeclarationInput): Declaration {
  getUnit(ctx, input.unitId);
  checkDeclaration(ctx, input);
  const row = insertRow(ctx, declarations, {
    unitId: input.unitId,
    decisionNo: input.decisionNo.trim(),
    decisionDate: input.decisionDate,
    signer: input.signer ?? '',
    standard: input.standard,
    scope: toJson(input.scope),
    notifiedDate: input.notifiedDate ?? null,
    postedDate: input.postedDate ?? null,
    note: input.note ?? '',
  });
  applyDerivedSteps(ctx, input.unitId);
  return row;
}

export function updateDeclaration(ctx: ServiceContext, id: string, patch: Partial<Omit<DeclarationInput, 'unitId'>>): Declaration {
  const old = getLiveRow(ctx, declarations, id, 'declaration');
  checkDeclaration(ctx, { ...old, ...patch, scope: patch.scope ?? fromJson(old.scope) });
  const row = updateRow(ctx, declarations, id, { ...patch, scope: patch.scope ? toJson(patch.scope) : undefined });
  applyDerivedSteps(ctx, old.unitId);
  return row;
}

export function deleteDeclaration(ctx: ServiceContext, id: string): void {
  getLiveRow(ctx, declarations, id, 'declaration');
  deleteRow(ctx, declarations, id);
}

export function declarationsOf(ctx: ServiceContext, unitId: string): Declaration[] {
  return ctx.db
    .select()
    .from(declarations)
    .where(live(declarations, unitId))
    .orderBy(asc(declarations.decisionDate), asc(declarations.createdAt), asc(declarations.id))
    .all();
}

// ---- the unit's scope and the re-declaration flag -------------------------

/** Adds a domain or procedure code to the unit's scope (the default scope source). */
export function addScopeCode(ctx: ServiceContext, input: { unitId: string; code: string; addedDate: string }) {
  getUnit(ctx, input.unitId);
  const code = requireText(input.code, 'code');
  requireNotFuture(ctx, input.addedDate, 'addedDate');
  if (currentScope(ctx, input.unitId).some((s) => sameText(s.code, code))) {
    throw new AppError('SCOPE_CODE_DUPLICATE', { code }, 'code');
  }
  return insertRow(ctx, unitScopeCodes, { unitId: input.unitId, code, addedDate: input.addedDate });
}

export function removeScopeCode(ctx: ServiceContext, id: string): void {
  getLiveRow(ctx, unitScopeCodes, id, 'code');
  deleteRow(ctx, unitScopeCodes, id);
}

export function scopeCodesOf(ctx: ServiceContext, unitId: string) {
  return ctx.db.select().from(unitScopeCodes).where(live(unitScopeCodes, unitId)).orderBy(asc(unitScopeCodes.code)).all();
}

export interface RedeclarationState {
  declaration: Declaration | null;
  /** Codes now in the unit's scope that the last declaration does not cover. */
  newCodes: { code: string; addedDate: string }[];
  required: boolean;
}

/** Codes now in the scope that the declared scope does not cover. */
export function undeclaredCodes(declared: readonly string[], scope: readonly ScopeEntry[]): ScopeEntry[] {
  return scope.filter((s) => !declared.some((d) => sameText(d, s.code)));
}

/** Re-declaration is required when the unit's scope holds codes its last declaration did not cover. */
function redeclarationFrom(declaration: Declaration | null, scope: readonly ScopeEntry[]): RedeclarationState {
  if (!declaration) return { declaration: null, newCodes: [], required: false };
  const newCodes = undeclaredCodes(fromJson(declaration.scope), scope);
  return { declaration, newCodes, required: newCodes.length > 0 };
}

// ---- alerts: expiry and surveillance --------------------------------------

export type CertificateAlertKind = 'expired' | 'expiring' | 'surveillance_missed' | 'surveillance_due';

export interface CertificateAlert {
  kind: CertificateAlertKind;
  certificateId: string;
  number: string;
  date: string;
  /** Days from today to the date (negative when past). */
  days: number;
}

export interface SurveillanceSlot {
  due: string;
  doneOn: string | null;
}

type CertDates = Pick<Certificate, 'id' | 'number' | 'issueDate' | 'expiryDate'>;

/**
 * Yearly surveillance audits due within a certificate's validity, matched in
 * order to the surveillance assessments held (their start dates, ascending).
 */
export function scheduleFrom(cert: CertDates, surveillanceStarts: readonly string[]): SurveillanceSlot[] {
  const held = surveillanceStarts.filter((d) => d > cert.issueDate && d <= cert.expiryDate);
  const slots: SurveillanceSlot[] = [];
  for (let k = 1; ; k++) {
    const due = addMonths(cert.issueDate, 12 * k);
    if (due >= cert.expiryDate) break;
    slots.push({ due, doneOn: held[k - 1] ?? null });
  }
  return slots;
}

/** Whether a self-declaration on or after the certificate's issue replaced it (no more alerts, no calendar dates). */
export const replacedByDeclaration = (cert: CertDates, latestDeclarationDate: string | null): boolean =>
  latestDeclarationDate !== null && latestDeclarationDate >= cert.issueDate;

/**
 * Alerts on a unit's current certificate from its dates alone: expired,
 * expiring within 90 days, a yearly surveillance audit missed or due within
 * 90 days. Shared by the unit's certification page and the grouped health reads.
 */
export function alertsFrom(cert: CertDates | null, latestDeclarationDate: string | null, starts: readonly string[], onDate: string): CertificateAlert[] {
  if (!cert || replacedByDeclaration(cert, latestDeclarationDate)) return [];
  const alerts: CertificateAlert[] = [];
  const days = (d: string) => daysBetween(onDate, d);
  const base = { certificateId: cert.id, number: cert.number };
  if (cert.expiryDate < onDate) alerts.push({ kind: 'expired', date: cert.expiryDate, days: days(cert.expiryDate), ...base });
  else if (days(cert.expiryDate) <= ALERT_DAYS) alerts.push({ kind: 'expiring', date: cert.expiryDate, days: days(cert.expiryDate), ...base });
  if (cert.expiryDate >= onDate) {
    for (const slot of scheduleFrom(cert, starts)) {
      if (slot.doneOn) continue;
      if (slot.due < onDate) alerts.push({ kind: 'surveillance_missed', date: slot.due, days: days(slot.due), ...base });
      else if (days(slot.due) <= ALERT_DAYS) alerts.push({ kind: 'surveillance_due', date: slot.due, days: days(slot.due), ...base });
    }
  }
  return alerts;
}

/**
 * Everything about a unit's certification or declaration, for its pages: each
 * list read once, the surveillance schedule, alerts and re-declaration flag
 * worked out from those lists.
 */
export function certificationOf(ctx: ServiceContext, unitId: string) {
  getUnit(ctx, unitId);
  const held = assessmentsOf(ctx, unitId);
  const starts = held.filter((a) => a.kind === 'surveillance').map((a) => a.startDate);
  const certs = certificatesOf(ctx, unitId);
  const decls = declarationsOf(ctx, unitId);
  const latestDeclaration = decls.at(-1) ?? null;
  return {
    assessments: held,
    certificates: certs.map((c) => ({ ...c, scope: fromJson(c.scope), surveillance: scheduleFrom(c, starts) })),
    declarations: decls.map((d) => ({ ...d, scope: fromJson(d.scope) })),
    scopeCodes: scopeCodesOf(ctx, unitId),
    // A certificate replaced by a later one or by a self-declaration no longer alerts.
    alerts: alertsFrom(certs.at(-1) ?? null, latestDeclaration?.decisionDate ?? null, starts, today(ctx)),
    redeclaration: redeclarationFrom(latestDeclaration, currentScope(ctx, unitId)),
  };
}
