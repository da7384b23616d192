import { and, asc, eq } from 'drizzle-orm';
import { adoptions, legalChanges, procedures, procedureVersions } from '../../../db/schema';
import { headquarters } from '../../../db/reference/units';
import { starterProcedures } from '../../../db/reference/procedures';
import { AppError } from '../../common/errors';
import { matchesQuery } from '../../common/text';
import type { ServiceContext } from '../context';
import { stableId } from '../ids';
import { getLiveRow, insertRow, updateRow } from '../records';
import { requireText } from '../rules';
import { readSetting } from '../settings';
import { findUnitByCode } from '../units/units';

export type Procedure = typeof procedures.$inferSelect;
export type Domain = Procedure['domain'];
export type Origin = Procedure['origin'];

/** A procedure's id follows from its code, so headquarters' framework procedures agree everywhere. */
export const procedureIdForCode = (code: string): string => stableId(`procedure:${code}`);

/** The office this installation runs: the default owner of what it creates. */
export function officeUnitId(ctx: ServiceContext): string {
  const id = readSetting(ctx, 'officeUnitId');
  if (!id) throw new AppError('NOT_SET_UP');
  return id;
}

export function getProcedure(ctx: ServiceContext, id: string): Procedure {
  return getLiveRow(ctx, procedures, id, 'procedure');
}

export function findProcedureByCode(ctx: ServiceContext, code: string): Procedure | undefined {
  return ctx.db
    .select()
    .from(procedures)
    .where(and(eq(procedures.code, code), eq(procedures.deleted, false)))
    .get();
}

export interface ProcedureInput {
  code: string;
  title: string;
  domain: Domain;
  origin: Origin;
  ownerRole?: string;
  adminProcedure?: string;
  reviewMonths?: number;
  note?: string;
}

/** Creates a procedure owned by this office; codes are unique (upper-cased, no spaces). */
export function createProcedure(ctx: ServiceContext, input: ProcedureInput, options: { ownerId?: string; reference?: boolean } = {}): Procedure {
  const code = requireText(input.code, 'procedureCode').toUpperCase().replace(/\s+/g, '');
  const title = requireText(input.title, 'procedureTitle');
  const taken = findProcedureByCode(ctx, code) ?? ctx.db.select().from(procedures).where(eq(procedures.id, procedureIdForCode(code))).get();
  if (taken) throw new AppError('PROCEDURE_CODE_TAKEN', { code, title: taken.title }, 'procedureCode');
  return insertRow(ctx, procedures, {
    id: procedureIdForCode(code),
    unitId: options.ownerId ?? officeUnitId(ctx),
    code,
    title,
    domain: input.domain,
    origin: input.origin,
    ownerRole: input.ownerRole ?? '',
    adminProcedure: input.adminProcedure ?? '',
    reviewMonths: input.reviewMonths ?? 12,
    reference: options.reference ?? false,
    note: input.note ?? '',
  });
}

/** Edits a procedure's metadata; the code stays (it is the procedure's identity). */
export function updateProcedure(ctx: ServiceContext, id: string, patch: Partial<Omit<ProcedureInput, 'code'>>): Procedure {
  getProcedure(ctx, id);
  return updateRow(ctx, procedures, id, {
    title: patch.title === undefined ? undefined : requireText(patch.title, 'procedureTitle'),
    domain: patch.domain,
    origin: patch.origin,
    ownerRole: patch.ownerRole,
    adminProcedure: patch.adminProcedure,
    reviewMonths: patch.reviewMonths,
    note: patch.note,
  });
}

/**
 * Loads the starter catalogue (framework examples and the six mandatory 2008
 * internal procedures) as editable reference owned by headquarters; codes
 * already present are left alone, so loading twice adds nothing.
 */
export function loadStarterCatalogue(ctx: ServiceContext): { added: number; skipped: number } {
  const hq = findUnitByCode(ctx, headquarters.code);
  const ownerId = hq?.id ?? officeUnitId(ctx);
  let added = 0;
  for (const ref of starterProcedures) {
    if (ctx.db.select().from(procedures).where(eq(procedures.id, procedureIdForCode(ref.code))).get()) continue;
    createProcedure(
      ctx,
      {
        code: ref.code,
        title: ref.title,
        domain: ref.domain,
        origin: 'hq',
        ownerRole: ref.ownerRole,
        adminProcedure: ref.adminProcedure,
        note: ref.clause ? `Thủ tục bắt buộc theo điều ${ref.clause} TCVN ISO 9001:2008` : '',
      },
      { ownerId, reference: true },
    );
    added++;
  }
  return { added, skipped: starterProcedures.length - added };
}

export interface ProcedureFilter {
  query?: string;
  domain?: Domain;
  origin?: Origin;
  /** The status of the procedure's newest version; 'none' = no version yet. */
  status?: 'none' | 'draft' | 'in_review' | 'approved' | 'withdrawn';
}

/** The catalogue with each procedure's current and newest versions, and its open legal changes. */
export function listProcedures(ctx: ServiceContext, filter: ProcedureFilter = {}) {
  const rows = ctx.db.select().from(procedures).where(eq(procedures.deleted, false)).orderBy(asc(procedures.code)).all();
  const versions = ctx.db.select().from(procedureVersions).where(eq(procedureVersions.deleted, false)).all();
  const newest = new Map<string, typeof procedureVersions.$inferSelect>();
  const byId = new Map(versions.map((v) => [v.id, v]));
  for (const v of versions) {
    const n = newest.get(v.procedureId);
    if (!n || v.versionNo > n.versionNo) newest.set(v.procedureId, v);
  }
  const openLegal = new Map<string, number>();
  for (const l of ctx.db.select().from(legalChanges).where(eq(legalChanges.deleted, false)).all()) {
    if (!l.resolvedVersionId) openLegal.set(l.procedureId, (openLegal.get(l.procedureId) ?? 0) + 1);
  }
  const adoptedBy = new Map<string, number>();
  for (const a of ctx.db.select({ procedureId: adoptions.procedureId }).from(adoptions).where(eq(adoptions.deleted, false)).all()) {
    adoptedBy.set(a.procedureId, (adoptedBy.get(a.procedureId) ?? 0) + 1);
  }
  return rows
    .map((p) => {
      const current = p.currentVersionId ? byId.get(p.currentVersionId) : undefined;
      const latest = newest.get(p.id);
      const status: NonNullable<ProcedureFilter['status']> = !latest
        ? 'none'
        : latest.status === 'superseded'
          ? 'approved'
          : (latest.status as 'draft' | 'in_review' | 'approved' | 'withdrawn');
      return {
        ...p,
        status,
        currentVersionNo: current?.versionNo ?? null,
        currentIssueDate: current?.issueDate ?? null,
        currentDecisionNo: current?.decisionNo ?? null,
        reviewDue: current?.reviewDue ?? null,
        latestVersionNo: latest?.versionNo ?? null,
        openLegalChanges: openLegal.get(p.id) ?? 0,
        adoptedBy: adoptedBy.get(p.id) ?? 0,
      };
    })
    .filter((p) => !filter.domain || p.domain === filter.domain)
    .filter((p) => !filter.origin || p.origin === filter.origin)
    .filter((p) => !filter.status || p.status === filter.status)
    .filter((p) => !filter.query || matchesQuery(`${p.code} ${p.title} ${p.adminProcedure} ${p.ownerRole}`, filter.query));
}
