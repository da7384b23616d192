import { and, asc, eq, inArray } from 'drizzle-orm';
import { unitScopeCodes } from '../../../db/schema';
import type { ServiceContext } from '../context';
import { auditorRegister as trainingAuditorRegister } from '../training/auditors';

/**
 * What this area needs from areas built alongside it, as small interfaces
 * with a working default, so the dependency stays loose: the procedures area
 * can supply a unit's scope and the training area its auditor register by
 * calling `wireImprovementPorts` once at start-up.
 */

export interface ScopeEntry {
  code: string;
  /** When the code entered the unit's scope (ISO date). */
  addedDate: string;
}

/** The unit's current scope: domain or procedure codes. */
export type ScopeSource = (ctx: ServiceContext, unitId: string) => ScopeEntry[];

/** One person in the auditor register (the training area's `auditorRegister`). */
export interface RegisteredAuditor {
  staffId: string;
  fullName: string;
  department: string;
  unitId: string;
  internalAuditCourse: boolean;
  certified: boolean;
}

export type AuditorRegister = (ctx: ServiceContext, filter: { unitIds?: string[] }) => RegisteredAuditor[];

/** Default scope: the codes recorded in this area's own `unit_scope_codes`. */
export const ownScope: ScopeSource = (ctx, unitId) =>
  ctx.db
    .select({ code: unitScopeCodes.code, addedDate: unitScopeCodes.addedDate })
    .from(unitScopeCodes)
    .where(and(eq(unitScopeCodes.unitId, unitId), eq(unitScopeCodes.deleted, false)))
    .all();

/** The current scope of many units at once: one query for the default source. */
export type ScopeOfUnits = (ctx: ServiceContext, unitIds: readonly string[]) => Map<string, ScopeEntry[]>;

export const ownScopeOfUnits: ScopeOfUnits = (ctx, unitIds) => {
  const out = new Map<string, ScopeEntry[]>(unitIds.map((id) => [id, []]));
  if (unitIds.length === 0) return out;
  const rows = ctx.db
    .select({ unitId: unitScopeCodes.unitId, code: unitScopeCodes.code, addedDate: unitScopeCodes.addedDate })
    .from(unitScopeCodes)
    .where(and(inArray(unitScopeCodes.unitId, [...unitIds]), eq(unitScopeCodes.deleted, false)))
    .orderBy(asc(unitScopeCodes.unitId))
    .all();
  for (const r of rows) out.get(r.unitId)?.push({ code: r.code, addedDate: r.addedDate });
  return out;
};

/** No register: what was declared on the audit team is used. */
export const noRegister: AuditorRegister = () => [];

/**
 * Default register: the training area's certified internal auditors (staff
 * ids are its staff rows). Someone not in it falls back to what was declared.
 */
export const trainingRegister: AuditorRegister = (ctx, filter) =>
  trainingAuditorRegister(ctx, { unitIds: filter.unitIds }).map((e) => ({
    staffId: e.staffId,
    fullName: e.fullName,
    department: e.department,
    unitId: e.unitId,
    internalAuditCourse: e.internalAuditTrained,
    certified: true,
  }));

const ports: { scope: ScopeSource; scopeOfUnits: ScopeOfUnits; auditors: AuditorRegister } = {
  scope: ownScope,
  scopeOfUnits: ownScopeOfUnits,
  auditors: trainingRegister,
};

/** Asks a wired per-unit source unit by unit (it has no grouped form). */
const unitByUnit =
  (scope: ScopeSource): ScopeOfUnits =>
  (ctx, unitIds) =>
    new Map(unitIds.map((id) => [id, scope(ctx, id)]));

/**
 * Wires another area's sources. A scope source may bring its grouped form
 * (`scopeOfUnits`) for the overview of many units; without it, the overview
 * asks it unit by unit.
 */
export function wireImprovementPorts(wiring: { scope?: ScopeSource; scopeOfUnits?: ScopeOfUnits; auditors?: AuditorRegister }): void {
  if (wiring.scope) {
    ports.scope = wiring.scope;
    ports.scopeOfUnits = wiring.scopeOfUnits ?? unitByUnit(wiring.scope);
  }
  if (wiring.auditors) ports.auditors = wiring.auditors;
}

/** Back to the defaults (tests). */
export function resetImprovementPorts(): void {
  ports.scope = ownScope;
  ports.scopeOfUnits = ownScopeOfUnits;
  ports.auditors = trainingRegister;
}

export const currentScope: ScopeSource = (ctx, unitId) => ports.scope(ctx, unitId);
export const scopeOfUnits: ScopeOfUnits = (ctx, unitIds) => ports.scopeOfUnits(ctx, unitIds);
export const auditorRegister: AuditorRegister = (ctx, filter) => ports.auditors(ctx, filter);
