import { and, asc, eq } from 'drizzle-orm';
import { engagements, organisations, units } from '../../../db/schema';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';
import { deleteRow, getLiveRow, insertRow, updateRow } from '../records';
import { requireOrder, requireText } from '../rules';
import { setupState } from '../setup';
import { getUnit } from '../units/units';
import { sameText } from './common';

export type Organisation = typeof organisations.$inferSelect;
export type Engagement = typeof engagements.$inferSelect;

export interface OrganisationInput {
  kind: Organisation['kind'];
  name: string;
  registrationNo?: string;
  contacts?: string;
  note?: string;
}

function officeId(ctx: ServiceContext): string {
  const { office } = setupState(ctx);
  if (!office) throw new AppError('NOT_SET_UP');
  return office.id;
}

/** Consultants and certification bodies, with the units each serves. */
export function listOrganisations(ctx: ServiceContext, kind?: Organisation['kind']) {
  const rows = ctx.db
    .select()
    .from(organisations)
    .where(and(eq(organisations.deleted, false), kind ? eq(organisations.kind, kind) : undefined))
    .orderBy(asc(organisations.name))
    .all();
  const served = listEngagements(ctx, {});
  return rows.map((o) => ({ ...o, engagements: served.filter((e) => e.organisationId === o.id) }));
}

/** Two organisations of the same kind cannot share a name (case and diacritics ignored). */
function requireFreeName(ctx: ServiceContext, kind: Organisation['kind'], name: string, id?: string): string {
  const wanted = requireText(name, 'name');
  const clash = ctx.db
    .select()
    .from(organisations)
    .where(and(eq(organisations.deleted, false), eq(organisations.kind, kind)))
    .all()
    .find((o) => o.id !== id && sameText(o.name, wanted));
  if (clash) throw new AppError('ORG_NAME_TAKEN', { name: clash.name }, 'name');
  return wanted;
}

/** An organisation is owned by the office that records it. */
export function createOrganisation(ctx: ServiceContext, input: OrganisationInput): Organisation {
  return insertRow(ctx, organisations, {
    unitId: officeId(ctx),
    kind: input.kind,
    name: requireFreeName(ctx, input.kind, input.name),
    registrationNo: input.registrationNo ?? '',
    contacts: input.contacts ?? '',
    note: input.note ?? '',
  });
}

export function updateOrganisation(ctx: ServiceContext, id: string, patch: Partial<OrganisationInput>): Organisation {
  const old = getLiveRow(ctx, organisations, id, 'organisation');
  const name = patch.name ?? old.name;
  const kind = patch.kind ?? old.kind;
  return updateRow(ctx, organisations, id, {
    ...patch,
    name: patch.name === undefined && patch.kind === undefined ? undefined : requireFreeName(ctx, kind, name, id),
  });
}

/** Removes an organisation and its engagements (tombstones). */
export function deleteOrganisation(ctx: ServiceContext, id: string): void {
  getLiveRow(ctx, organisations, id, 'organisation');
  for (const e of listEngagements(ctx, { organisationId: id })) deleteRow(ctx, engagements, e.id);
  deleteRow(ctx, organisations, id);
}

export interface EngagementInput {
  organisationId: string;
  unitId: string;
  service: Engagement['service'];
  contractNo?: string;
  contractValue?: number | null;
  startDate?: string | null;
  endDate?: string | null;
  note?: string;
}

/** A contract between an organisation and a unit it serves; the end cannot precede the start. */
export function addEngagement(ctx: ServiceContext, input: EngagementInput): Engagement {
  getLiveRow(ctx, organisations, input.organisationId, 'organisation');
  getUnit(ctx, input.unitId);
  requireOrder(input.startDate, input.endDate, 'startDate', 'endDate');
  return insertRow(ctx, engagements, {
    unitId: input.unitId,
    organisationId: input.organisationId,
    service: input.service,
    contractNo: input.contractNo ?? '',
    contractValue: input.contractValue ?? null,
    startDate: input.startDate ?? null,
    endDate: input.endDate ?? null,
    note: input.note ?? '',
  });
}

export function deleteEngagement(ctx: ServiceContext, id: string): void {
  getLiveRow(ctx, engagements, id, 'engagement');
  deleteRow(ctx, engagements, id);
}

export function listEngagements(ctx: ServiceContext, filter: { organisationId?: string; unitId?: string }) {
  return ctx.db
    .select({
      id: engagements.id,
      unitId: engagements.unitId,
      unitName: units.name,
      organisationId: engagements.organisationId,
      organisationName: organisations.name,
      service: engagements.service,
      contractNo: engagements.contractNo,
      contractValue: engagements.contractValue,
      startDate: engagements.startDate,
      endDate: engagements.endDate,
      note: engagements.note,
    })
    .from(engagements)
    .innerJoin(units, eq(units.id, engagements.unitId))
    .innerJoin(organisations, eq(organisations.id, engagements.organisationId))
    .where(
      and(
        eq(engagements.deleted, false),
        filter.organisationId ? eq(engagements.organisationId, filter.organisationId) : undefined,
        filter.unitId ? eq(engagements.unitId, filter.unitId) : undefined,
      ),
    )
    .orderBy(asc(engagements.startDate))
    .all();
}
