import { and, asc, desc, eq } from 'drizzle-orm';
import { attachments, legalChanges, procedures, procedureVersions } from '../../../db/schema';
import { addMonths, daysBetween } from '../../common/dates';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';
import { getLiveRow, insertRow, updateRow } from '../records';
import { requireDecisionNo, requireNotFuture, requireOrder, requireText, today } from '../rules';
import { getProcedure } from './catalogue';

export type Version = typeof procedureVersions.$inferSelect;
export type VersionReason = Version['reason'];
export type LegalChange = typeof legalChanges.$inferSelect;

export function getVersion(ctx: ServiceContext, id: string): Version {
  return getLiveRow(ctx, procedureVersions, id, 'version');
}

export function versionsOf(ctx: ServiceContext, procedureId: string): Version[] {
  return ctx.db
    .select()
    .from(procedureVersions)
    .where(and(eq(procedureVersions.procedureId, procedureId), eq(procedureVersions.deleted, false)))
    .orderBy(desc(procedureVersions.versionNo))
    .all();
}

function checkLegalChange(ctx: ServiceContext, procedureId: string, reason: VersionReason, legalChangeId: string | null | undefined) {
  if (reason !== 'legal_change') return null;
  if (!legalChangeId) throw new AppError('LEGAL_CHANGE_REQUIRED', {}, 'legalChangeId');
  const change = getLiveRow(ctx, legalChanges, legalChangeId, 'legalChange');
  if (change.procedureId !== procedureId) throw new AppError('LEGAL_CHANGE_OTHER_PROCEDURE', { reference: change.reference }, 'legalChangeId');
  return change.id;
}

export interface DraftInput {
  procedureId: string;
  summary?: string;
  reason?: VersionReason;
  legalChangeId?: string | null;
}

/** Opens a new draft version (number = newest + 1); only one version may be open (draft or in review) at a time. */
export function createDraft(ctx: ServiceContext, input: DraftInput): Version {
  const procedure = getProcedure(ctx, input.procedureId);
  const existing = versionsOf(ctx, procedure.id);
  const open = existing.find((v) => v.status === 'draft' || v.status === 'in_review');
  if (open) throw new AppError('VERSION_OPEN_EXISTS', { versionNo: open.versionNo });
  const reason = input.reason ?? (existing.length === 0 ? 'initial' : 'improvement');
  return insertRow(ctx, procedureVersions, {
    unitId: procedure.unitId,
    procedureId: procedure.id,
    versionNo: (existing[0]?.versionNo ?? 0) + 1,
    status: 'draft',
    summary: input.summary ?? '',
    reason,
    legalChangeId: checkLegalChange(ctx, procedure.id, reason, input.legalChangeId),
  });
}

function requireOpen(version: Version): void {
  if (version.status !== 'draft' && version.status !== 'in_review') throw new AppError('VERSION_LOCKED', { versionNo: version.versionNo });
}

/** Edits a draft or a version in review; approved history is never rewritten. */
export function updateDraft(ctx: ServiceContext, id: string, patch: Omit<DraftInput, 'procedureId'>): Version {
  const version = getVersion(ctx, id);
  requireOpen(version);
  const reason = patch.reason ?? version.reason;
  const legalChangeId = patch.legalChangeId === undefined ? version.legalChangeId : patch.legalChangeId;
  return updateRow(ctx, procedureVersions, id, {
    summary: patch.summary,
    reason,
    legalChangeId: checkLegalChange(ctx, version.procedureId, reason, legalChangeId),
  });
}

/** draft → in_review. */
export function submitForReview(ctx: ServiceContext, id: string): Version {
  const version = getVersion(ctx, id);
  if (version.status !== 'draft') throw new AppError('VERSION_NOT_DRAFT', { versionNo: version.versionNo });
  return updateRow(ctx, procedureVersions, id, { status: 'in_review' });
}

export interface ApprovalInput {
  decisionNo: string;
  decisionDate: string;
  signer: string;
  /** Defaults to the decision date. */
  issueDate?: string | null;
  /** Next periodic review; defaults to the issue date plus the procedure's interval. */
  reviewDue?: string | null;
}

/**
 * in_review → approved, by a decision (number, date, signer). The version in
 * force until now becomes superseded, so a procedure never has two approved
 * versions; a legal change the version answers is marked folded in.
 */
export function approveVersion(ctx: ServiceContext, id: string, input: ApprovalInput): Version {
  const version = getVersion(ctx, id);
  if (version.status !== 'in_review') throw new AppError('VERSION_NOT_IN_REVIEW', { versionNo: version.versionNo });
  const decisionNo = requireDecisionNo(input.decisionNo);
  requireText(input.decisionDate, 'decisionDate');
  const signer = requireText(input.signer, 'signer');
  requireNotFuture(ctx, input.decisionDate, 'decisionDate');
  const issueDate = input.issueDate || input.decisionDate;
  requireOrder(input.decisionDate, issueDate, 'decisionDate', 'issueDate');
  const procedure = getProcedure(ctx, version.procedureId);
  const reviewDue = input.reviewDue || addMonths(issueDate, procedure.reviewMonths);
  requireOrder(issueDate, reviewDue, 'issueDate', 'reviewDue');
  for (const previous of versionsOf(ctx, procedure.id).filter((v) => v.status === 'approved')) {
    updateRow(ctx, procedureVersions, previous.id, { status: 'superseded', endDate: issueDate, endNote: `→ ${version.versionNo}` });
  }
  const approved = updateRow(ctx, procedureVersions, id, { status: 'approved', decisionNo, decisionDate: input.decisionDate, signer, issueDate, reviewDue });
  updateRow(ctx, procedures, procedure.id, { currentVersionId: id });
  if (version.legalChangeId) {
    updateRow(ctx, legalChanges, version.legalChangeId, { resolvedVersionId: id, resolvedDate: issueDate });
  }
  return approved;
}

/**
 * Withdraws a version: a draft or one in review is abandoned; the approved
 * one stops being in force and the procedure has no current version until a
 * new one is approved.
 */
export function withdrawVersion(ctx: ServiceContext, id: string, input: { date: string; note?: string }): Version {
  const version = getVersion(ctx, id);
  if (version.status === 'superseded' || version.status === 'withdrawn') throw new AppError('VERSION_NOT_WITHDRAWABLE', { versionNo: version.versionNo });
  requireNotFuture(ctx, input.date, 'withdrawDate');
  requireOrder(version.issueDate, input.date, 'issueDate', 'withdrawDate');
  const out = updateRow(ctx, procedureVersions, id, { status: 'withdrawn', endDate: input.date, endNote: input.note ?? '' });
  const procedure = getProcedure(ctx, version.procedureId);
  if (procedure.currentVersionId === id) updateRow(ctx, procedures, procedure.id, { currentVersionId: null });
  return out;
}

/** Records a periodic review of the version in force; the next one falls due an interval later. */
export function recordReview(ctx: ServiceContext, id: string, input: { date: string; nextDue?: string | null }): Version {
  const version = getVersion(ctx, id);
  if (version.status !== 'approved') throw new AppError('VERSION_NOT_APPROVED', { versionNo: version.versionNo });
  requireNotFuture(ctx, input.date, 'reviewDate');
  requireOrder(version.issueDate, input.date, 'issueDate', 'reviewDate');
  const procedure = getProcedure(ctx, version.procedureId);
  const nextDue = input.nextDue || addMonths(input.date, procedure.reviewMonths);
  requireOrder(input.date, nextDue, 'reviewDate', 'reviewDue');
  return updateRow(ctx, procedureVersions, id, { lastReviewed: input.date, reviewDue: nextDue });
}

export interface LegalChangeInput {
  procedureId: string;
  reference: string;
  title?: string;
  effectiveDate: string;
  note?: string;
}

/** Records a legal change against a procedure: the procedure must fold it in within 3 months of it taking effect. */
export function recordLegalChange(ctx: ServiceContext, input: LegalChangeInput): LegalChange {
  const procedure = getProcedure(ctx, input.procedureId);
  return insertRow(ctx, legalChanges, {
    unitId: procedure.unitId,
    procedureId: procedure.id,
    reference: requireText(input.reference, 'reference'),
    title: input.title ?? '',
    effectiveDate: requireText(input.effectiveDate, 'effectiveDate'),
    dueDate: addMonths(input.effectiveDate, 3),
    note: input.note ?? '',
  });
}

export interface Countdown {
  daysLeft: number;
  overdue: boolean;
}

const countdown = (ctx: ServiceContext, due: string): Countdown => {
  const daysLeft = daysBetween(today(ctx), due);
  return { daysLeft, overdue: daysLeft < 0 };
};

/** Legal changes with their 3-month countdown; open ones first, nearest deadline first. */
export function listLegalChanges(ctx: ServiceContext, filter: { procedureId?: string; openOnly?: boolean } = {}) {
  const rows = ctx.db
    .select({ change: legalChanges, code: procedures.code, title: procedures.title })
    .from(legalChanges)
    .innerJoin(procedures, eq(procedures.id, legalChanges.procedureId))
    .where(and(eq(legalChanges.deleted, false), filter.procedureId ? eq(legalChanges.procedureId, filter.procedureId) : undefined))
    .orderBy(asc(legalChanges.dueDate))
    .all();
  return rows
    .map((r) => ({ ...r.change, procedureCode: r.code, procedureTitle: r.title, open: !r.change.resolvedVersionId, ...countdown(ctx, r.change.dueDate) }))
    .map((r) => (r.open ? r : { ...r, overdue: !!r.resolvedDate && r.resolvedDate > r.dueDate }))
    .filter((r) => !filter.openOnly || r.open)
    .sort((a, b) => Number(b.open) - Number(a.open) || a.dueDate.localeCompare(b.dueDate));
}

/** Procedures whose version in force is due for its periodic review within `withinDays` (overdue included). */
export function dueReviews(ctx: ServiceContext, withinDays = 30) {
  return ctx.db
    .select({ version: procedureVersions, code: procedures.code, title: procedures.title })
    .from(procedureVersions)
    .innerJoin(procedures, eq(procedures.currentVersionId, procedureVersions.id))
    .where(and(eq(procedureVersions.status, 'approved'), eq(procedureVersions.deleted, false), eq(procedures.deleted, false)))
    .all()
    .filter((r) => r.version.reviewDue && daysBetween(today(ctx), r.version.reviewDue) <= withinDays)
    .map((r) => ({
      procedureId: r.version.procedureId,
      versionId: r.version.id,
      code: r.code,
      title: r.title,
      versionNo: r.version.versionNo,
      reviewDue: r.version.reviewDue!,
      ...countdown(ctx, r.version.reviewDue!),
    }))
    .sort((a, b) => a.reviewDue.localeCompare(b.reviewDue));
}

const DIFF_FIELDS = ['status', 'issueDate', 'decisionNo', 'decisionDate', 'signer', 'summary', 'reason', 'reviewDue', 'lastReviewed', 'endDate'] as const;

/** What changed in the metadata between two versions of one procedure (attachment names included). */
export function diffVersions(ctx: ServiceContext, fromId: string, toId: string) {
  const a = getVersion(ctx, fromId);
  const b = getVersion(ctx, toId);
  const files = (id: string) =>
    ctx.db
      .select({ name: attachments.name })
      .from(attachments)
      .where(and(eq(attachments.subjectType, 'procedure_version'), eq(attachments.subjectId, id), eq(attachments.deleted, false)))
      .all()
      .map((f) => f.name)
      .sort()
      .join(', ');
  const legal = (v: Version) => (v.legalChangeId ? (getLiveRow(ctx, legalChanges, v.legalChangeId, 'legalChange').reference ?? '') : '');
  const rows: { field: string; before: string; after: string }[] = DIFF_FIELDS.map((f) => ({ field: f, before: String(a[f] ?? ''), after: String(b[f] ?? '') }));
  rows.push({ field: 'legalChangeId', before: legal(a), after: legal(b) });
  rows.push({ field: 'attachments', before: files(a.id), after: files(b.id) });
  return { from: a.versionNo, to: b.versionNo, changes: rows.filter((r) => r.before !== r.after) };
}
