import { and, eq } from 'drizzle-orm';
import { checklistItems, procedureVersions, unitChecklists, units } from '../../../db/schema';
import { type Clause, clauseTrees, mapping2008to2015, type Standard } from '../../../db/reference/procedures';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';
import { stableId } from '../ids';
import { findRow, getLiveRow, insertRow, updateRow } from '../records';
import { requireText, today } from '../rules';
import { getUnit, type Unit } from '../units/units';
import { listAttachments } from './attachments';

export type ClauseStatus = (typeof checklistItems.$inferSelect)['status'];
export type ChecklistItem = typeof checklistItems.$inferSelect;

export const checklistIdFor = (unitId: string, standard: Standard) => stableId(`checklist:${unitId}:${standard}`);
export const checklistItemIdFor = (unitId: string, standard: Standard, clause: string) => stableId(`checklist:${unitId}:${standard}:${clause}`);

const childrenOf = (standard: Standard) => {
  const parents = new Set(clauseTrees[standard].map((c) => c.parent).filter(Boolean));
  return (clause: string) => parents.has(clause);
};

/** The clauses a unit assesses: those without sub-clauses. */
export function leafClauses(standard: Standard): Clause[] {
  const hasChildren = childrenOf(standard);
  return clauseTrees[standard].filter((c) => !hasChildren(c.clause));
}

/** The unit's checklist in use (the newest active one), or null. */
export function activeChecklist(ctx: ServiceContext, unitId: string) {
  const rows = ctx.db
    .select()
    .from(unitChecklists)
    .where(and(eq(unitChecklists.unitId, unitId), eq(unitChecklists.status, 'active'), eq(unitChecklists.deleted, false)))
    .all();
  return rows.sort((a, b) => b.standard.localeCompare(a.standard))[0] ?? null;
}

function requireChecklist(ctx: ServiceContext, unit: Unit) {
  const checklist = activeChecklist(ctx, unit.id);
  if (!checklist) throw new AppError('CHECKLIST_NONE', { unit: unit.name });
  return checklist;
}

/** Chooses the standard a unit assesses itself against; moving from 2008 to 2015 goes through the migration. */
export function selectStandard(ctx: ServiceContext, input: { unitId: string; standard: Standard; startedDate?: string }) {
  const unit = getUnit(ctx, input.unitId);
  const current = activeChecklist(ctx, unit.id);
  if (current?.standard === input.standard) return current;
  if (current) throw new AppError('CHECKLIST_USE_MIGRATE', { unit: unit.name, standard: current.standard }, 'standard');
  const id = checklistIdFor(unit.id, input.standard);
  const values = { standard: input.standard, status: 'active' as const, startedDate: input.startedDate ?? today(ctx) };
  if (findRow(ctx, unitChecklists, id)) return updateRow(ctx, unitChecklists, id, { ...values, deleted: false });
  return insertRow(ctx, unitChecklists, { id, unitId: unit.id, ...values });
}

export interface ClauseInput {
  unitId: string;
  clause: string;
  status: ClauseStatus;
  note?: string;
  evidenceVersionIds?: string[];
}

/** Sets a unit's status and evidence for one clause of its standard (leaf clauses only; evidence must be real versions). */
export function setClauseStatus(ctx: ServiceContext, input: ClauseInput): ChecklistItem {
  const unit = getUnit(ctx, input.unitId);
  const checklist = requireChecklist(ctx, unit);
  const standard = checklist.standard;
  const clause = requireText(input.clause, 'clause');
  if (!clauseTrees[standard].some((c) => c.clause === clause)) throw new AppError('CLAUSE_UNKNOWN', { clause, standard }, 'clause');
  if (childrenOf(standard)(clause)) throw new AppError('CLAUSE_HAS_SUBCLAUSES', { clause }, 'clause');
  for (const versionId of input.evidenceVersionIds ?? []) getLiveRow(ctx, procedureVersions, versionId, 'version');
  const id = checklistItemIdFor(unit.id, standard, clause);
  const existing = findRow(ctx, checklistItems, id);
  const evidence = input.evidenceVersionIds === undefined ? undefined : JSON.stringify([...new Set(input.evidenceVersionIds)]);
  if (existing) return updateRow(ctx, checklistItems, id, { status: input.status, note: input.note, evidenceVersionIds: evidence, deleted: false });
  return insertRow(ctx, checklistItems, {
    id,
    unitId: unit.id,
    checklistId: checklist.id,
    clause,
    status: input.status,
    note: input.note ?? '',
    evidenceVersionIds: evidence ?? '[]',
  });
}

export interface Score {
  /** 0–100: conforms counts 1, partly ½, over the clauses that apply. */
  percent: number;
  applicable: number;
  counts: Record<ClauseStatus, number>;
}

/** The completion score of a set of leaf statuses; "not applicable" clauses leave the denominator. */
export function scoreOf(statuses: ClauseStatus[]): Score {
  const counts: Record<ClauseStatus, number> = { not_started: 0, in_progress: 0, conforms: 0, partly: 0, does_not_conform: 0, not_applicable: 0 };
  for (const s of statuses) counts[s]++;
  const applicable = statuses.length - counts.not_applicable;
  const percent = applicable === 0 ? 0 : Math.round(((counts.conforms + counts.partly / 2) / applicable) * 1000) / 10;
  return { percent, applicable, counts };
}

function itemsOf(ctx: ServiceContext, checklistId: string): Map<string, ChecklistItem> {
  const rows = ctx.db
    .select()
    .from(checklistItems)
    .where(and(eq(checklistItems.checklistId, checklistId), eq(checklistItems.deleted, false)))
    .all();
  return new Map(rows.map((r) => [r.clause, r]));
}

/** A unit's checklist: every clause of its standard (tree order) with status, evidence and attachments, and its score. */
export function checklistOf(ctx: ServiceContext, unitId: string) {
  const unit = getUnit(ctx, unitId);
  const checklist = activeChecklist(ctx, unit.id);
  if (!checklist) return { unit, checklist: null, clauses: [], score: scoreOf([]) };
  const items = itemsOf(ctx, checklist.id);
  const hasChildren = childrenOf(checklist.standard);
  const files = listAttachments(ctx, 'checklist_item', [...items.values()].map((i) => i.id));
  const versionLabels = new Map(
    ctx.db
      .select({ id: procedureVersions.id, versionNo: procedureVersions.versionNo, procedureId: procedureVersions.procedureId })
      .from(procedureVersions)
      .all()
      .map((v) => [v.id, v]),
  );
  const clauses = clauseTrees[checklist.standard].map((c) => {
    const item = items.get(c.clause);
    const evidenceVersionIds = item ? (JSON.parse(item.evidenceVersionIds) as string[]) : [];
    return {
      ...c,
      leaf: !hasChildren(c.clause),
      depth: c.clause.split('.').length - 1,
      itemId: item?.id ?? null,
      status: (item?.status ?? 'not_started') as ClauseStatus,
      note: item?.note ?? '',
      evidenceVersionIds,
      evidenceVersions: evidenceVersionIds.map((id) => versionLabels.get(id)).filter(Boolean),
      attachments: item ? files.filter((f) => f.subjectId === item.id).map((f) => ({ id: f.id, name: f.name, size: f.size })) : [],
    };
  });
  return { unit, checklist, clauses, score: scoreOf(clauses.filter((c) => c.leaf).map((c) => c.status)) };
}

/** Every unit with a checklist: its standard and score (for the overview and the year-end scoring). */
export function checklistOverview(ctx: ServiceContext) {
  const lists = ctx.db
    .select({ c: unitChecklists, code: units.code, name: units.name, type: units.type })
    .from(unitChecklists)
    .innerJoin(units, eq(units.id, unitChecklists.unitId))
    .where(and(eq(unitChecklists.status, 'active'), eq(unitChecklists.deleted, false), eq(units.deleted, false)))
    .all();
  return lists
    .map((l) => {
      const items = itemsOf(ctx, l.c.id);
      const score = scoreOf(leafClauses(l.c.standard).map((c) => items.get(c.clause)?.status ?? 'not_started'));
      return { unitId: l.c.unitId, code: l.code, name: l.name, type: l.type, standard: l.c.standard, startedDate: l.c.startedDate, ...score };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

// The weakest status wins when several 2008 clauses feed one 2015 clause.
const STRENGTH: ClauseStatus[] = ['does_not_conform', 'in_progress', 'partly', 'conforms'];

/**
 * Moves a unit from 2008 to 2015: the 2008 checklist is archived and each 2015
 * clause is pre-filled from the 2008 clauses that map to it (the weakest of
 * their statuses, their evidence and a note saying where it came from).
 * Clauses new in 2015 start as not started.
 */
export function migrateTo2015(ctx: ServiceContext, input: { unitId: string; startedDate?: string }) {
  const unit = getUnit(ctx, input.unitId);
  const old = requireChecklist(ctx, unit);
  if (old.standard !== '2008') throw new AppError('CHECKLIST_NOT_2008', { unit: unit.name, standard: old.standard });
  const oldItems = itemsOf(ctx, old.id);
  updateRow(ctx, unitChecklists, old.id, { status: 'archived' });
  const id = checklistIdFor(unit.id, '2015');
  const values = { standard: '2015' as const, status: 'active' as const, startedDate: input.startedDate ?? today(ctx), migratedFrom: old.id };
  if (findRow(ctx, unitChecklists, id)) updateRow(ctx, unitChecklists, id, { ...values, deleted: false });
  else insertRow(ctx, unitChecklists, { id, unitId: unit.id, ...values });
  const sources = new Map<string, string[]>();
  for (const [from, tos] of Object.entries(mapping2008to2015)) for (const to of tos) sources.set(to, [...(sources.get(to) ?? []), from]);
  let prefilled = 0;
  for (const clause of leafClauses('2015')) {
    const fed = (sources.get(clause.clause) ?? []).map((c) => oldItems.get(c)).filter((i): i is ChecklistItem => !!i && i.status !== 'not_started');
    if (fed.length === 0) continue;
    const assessed = fed.filter((i) => i.status !== 'not_applicable');
    const status: ClauseStatus =
      assessed.length === 0 ? 'not_applicable' : assessed.map((i) => i.status).sort((a, b) => STRENGTH.indexOf(a) - STRENGTH.indexOf(b))[0];
    const evidence = [...new Set(fed.flatMap((i) => JSON.parse(i.evidenceVersionIds) as string[]))];
    const notes = fed.map((i) => `${i.clause}${i.note ? `: ${i.note}` : ''}`).join('; ');
    setClauseStatus(ctx, { unitId: unit.id, clause: clause.clause, status, evidenceVersionIds: evidence, note: `Chuyển từ 2008 (${notes})` });
    prefilled++;
  }
  return { prefilled, total: leafClauses('2015').length };
}
