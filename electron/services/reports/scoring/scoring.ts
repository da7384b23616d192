import { and, asc, eq } from 'drizzle-orm';
import { scoringCriteria, scoringEntries, scoringSets } from '../../../../db/schema';
import { AppError } from '../../../common/errors';
import type { ServiceContext } from '../../context';
import { stableId } from '../../ids';
import { findRow, getLiveRow, insertRow, updateRow } from '../../records';
import { requireText } from '../../rules';
import { getUnit } from '../../units/units';
import { officeId, unitsInScope } from '../figures/scope';
import { MANUAL, scoringMetrics } from './metrics';

export type ScoringSet = typeof scoringSets.$inferSelect;
export type Criterion = typeof scoringCriteria.$inferSelect;

export interface CriterionInput {
  key: string;
  label: string;
  weight: number;
  metric: string;
  note?: string;
}

/**
 * A suggested set for a year that has none yet: the criteria of the issue,
 * computed where the data exists and scored by hand (with evidence) where the
 * area that holds the data is not installed.
 */
export const defaultCriteria: CriterionInput[] = [
  { key: 'step_on_plan', label: 'Các bước triển khai đạt đúng kế hoạch', weight: 30, metric: 'step_on_plan' },
  { key: 'declaration', label: 'Đã chứng nhận / công bố HTQLCL', weight: 20, metric: 'declaration_current' },
  { key: 'audit_review', label: 'Tổ chức đánh giá nội bộ và xem xét của lãnh đạo trong năm', weight: 20, metric: MANUAL },
  { key: 'actions_in_time', label: 'Hành động khắc phục hoàn thành đúng hạn', weight: 10, metric: MANUAL },
  { key: 'training', label: 'Tỷ lệ khóa đào tạo bắt buộc cán bộ đã hoàn thành', weight: 10, metric: 'training_coverage' },
  { key: 'reports_on_time', label: 'Gửi báo cáo năm đúng hạn', weight: 10, metric: 'reports_on_time' },
];

const setIdFor = (ownerId: string, year: number) => stableId(`scoring-set:${ownerId}:${year}`);
const criterionIdFor = (setId: string, key: string) => stableId(`scoring-criterion:${setId}:${key}`);
const entryIdFor = (criterionId: string, subjectId: string) => stableId(`scoring-entry:${criterionId}:${subjectId}`);

export function findSet(ctx: ServiceContext, year: number): ScoringSet | null {
  const row = findRow(ctx, scoringSets, setIdFor(officeId(ctx), year));
  return row && !row.deleted ? row : null;
}

export function criteriaOf(ctx: ServiceContext, setId: string): Criterion[] {
  return ctx.db
    .select()
    .from(scoringCriteria)
    .where(and(eq(scoringCriteria.setId, setId), eq(scoringCriteria.deleted, false)))
    .orderBy(asc(scoringCriteria.position))
    .all();
}

function requireOpen(set: ScoringSet): void {
  if (set.status === 'locked') throw new AppError('SCORING_LOCKED', { year: set.year });
}

/**
 * Saves the year's criteria set (one per office and year): at least one
 * criterion, unique keys, positive weights, known metrics. A locked set never
 * changes, so its year's ranking can always be reproduced.
 */
export function saveCriteriaSet(ctx: ServiceContext, year: number, name: string, criteria: CriterionInput[]): { set: ScoringSet; criteria: Criterion[] } {
  if (criteria.length === 0) throw new AppError('SCORING_NO_CRITERIA', {}, 'criteria');
  const known = new Set([MANUAL, ...scoringMetrics.map((m) => m.key)]);
  const seen = new Set<string>();
  for (const c of criteria) {
    const key = requireText(c.key, 'key');
    requireText(c.label, 'label');
    if (seen.has(key)) throw new AppError('SCORING_DUPLICATE_KEY', { key }, 'key');
    seen.add(key);
    if (!(c.weight > 0) || !Number.isFinite(c.weight)) throw new AppError('SCORING_WEIGHTS', { label: c.label }, 'weight');
    if (!known.has(c.metric)) throw new AppError('SCORING_METRIC_UNKNOWN', { metric: c.metric }, 'metric');
  }
  const owner = officeId(ctx);
  const id = setIdFor(owner, year);
  let set = findRow(ctx, scoringSets, id);
  if (set && !set.deleted) {
    requireOpen(set);
    set = updateRow(ctx, scoringSets, id, { name: requireText(name, 'name') });
  } else {
    set = insertRow(ctx, scoringSets, { id, unitId: owner, year, name: requireText(name, 'name') });
  }
  const existing = ctx.db.select().from(scoringCriteria).where(eq(scoringCriteria.setId, id)).all();
  criteria.forEach((c, position) => {
    const cid = criterionIdFor(id, c.key.trim());
    const values = { label: c.label.trim(), weight: c.weight, metric: c.metric, position, note: c.note ?? '', deleted: false };
    if (existing.some((e) => e.id === cid)) updateRow(ctx, scoringCriteria, cid, values);
    else insertRow(ctx, scoringCriteria, { id: cid, unitId: owner, setId: id, key: c.key.trim(), ...values });
  });
  for (const e of existing) if (!e.deleted && !seen.has(e.key)) updateRow(ctx, scoringCriteria, e.id, { deleted: true });
  return { set, criteria: criteriaOf(ctx, id) };
}

/** Records a hand-assessed value (0–100 %) and its evidence for a manual criterion; null clears the value. */
export function setManualScore(ctx: ServiceContext, input: { criterionId: string; subjectId: string; value: number | null; evidence: string }) {
  const criterion = getLiveRow(ctx, scoringCriteria, input.criterionId, 'criterion');
  const set = getLiveRow(ctx, scoringSets, criterion.setId, 'scoringSet');
  requireOpen(set);
  if (criterion.metric !== MANUAL) throw new AppError('SCORING_NOT_MANUAL', { label: criterion.label }, 'criterionId');
  if (input.value !== null && !(input.value >= 0 && input.value <= 100)) throw new AppError('SCORING_VALUE_RANGE', {}, 'value');
  getUnit(ctx, input.subjectId);
  const id = entryIdFor(criterion.id, input.subjectId);
  const existing = findRow(ctx, scoringEntries, id);
  if (existing) return updateRow(ctx, scoringEntries, id, { value: input.value, evidence: input.evidence, deleted: false });
  return insertRow(ctx, scoringEntries, { id, unitId: officeId(ctx), criterionId: criterion.id, subjectId: input.subjectId, value: input.value, evidence: input.evidence });
}

export interface CriterionScore {
  criterionId: string;
  key: string;
  /** 0–100 (% of the criterion met), null when there was nothing to judge by. */
  value: number | null;
  /** weight × value / Σ weights — the criterion's share of the 100-point score. */
  points: number;
  evidence: string;
}

export interface UnitScore {
  unitId: string;
  code: string;
  name: string;
  /** 0–100, two decimals; null when no criterion had data. */
  score: number | null;
  /** Standard competition ranking (1, 1, 3): equal scores share a rank; null for no data. */
  rank: number | null;
  criteria: CriterionScore[];
}

export interface ScoringResult {
  year: number;
  set: ScoringSet | null;
  criteria: (CriterionInput & { id: string | null })[];
  results: UnitScore[];
  locked: boolean;
  /** True when the year has no saved set and the suggested one is shown. */
  suggested: boolean;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The scoring maths, pure: score = 100 × Σ wᵢ·vᵢ / Σ wᵢ with vᵢ in 0–1; a
 * criterion without data earns nothing (no evidence, no points) but a unit
 * with no data on any criterion gets no score and no rank rather than 0.
 * Ties share a rank (1, 1, 3) and are listed by unit code.
 */
export function rankScores(
  units: { unitId: string; code: string; name: string }[],
  criteria: { id: string | null; key: string; weight: number }[],
  valueOf: (unitId: string, key: string) => { value: number | null; evidence: string },
): UnitScore[] {
  const total = criteria.reduce((s, c) => s + c.weight, 0);
  const scored = units.map((u) => {
    const parts = criteria.map((c) => {
      const r = valueOf(u.unitId, c.key);
      const v = r.value === null ? null : Math.min(1, Math.max(0, r.value));
      return { criterionId: c.id ?? '', key: c.key, value: v === null ? null : round2(v * 100), points: total > 0 && v !== null ? (c.weight * v * 100) / total : 0, evidence: r.evidence };
    });
    const hasData = parts.some((p) => p.value !== null);
    const score = hasData ? round2(parts.reduce((s, p) => s + p.points, 0)) : null;
    return { ...u, score, rank: null as number | null, criteria: parts.map((p) => ({ ...p, points: round2(p.points) })) };
  });
  scored.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.code.localeCompare(b.code));
  scored.forEach((s, i) => {
    if (s.score === null) return;
    s.rank = i > 0 && scored[i - 1].score === s.score ? scored[i - 1].rank : i + 1;
  });
  return scored;
}

/** The units a province (or headquarters) scores: everything below the office. */
export function scoredUnits(ctx: ServiceContext) {
  const office = officeId(ctx);
  return unitsInScope(ctx, { mode: 'subtree', unitId: office }).filter((u) => u.id !== office);
}

/** Scores and ranks the units for a year: from the frozen results once locked, else from today's data. */
export function computeScores(ctx: ServiceContext, year: number): ScoringResult {
  const set = findSet(ctx, year);
  if (set?.status === 'locked' && set.results) return JSON.parse(set.results) as ScoringResult;
  const saved = set ? criteriaOf(ctx, set.id) : [];
  const criteria = set ? saved.map((c) => ({ id: c.id, key: c.key, label: c.label, weight: c.weight, metric: c.metric, note: c.note })) : defaultCriteria.map((c) => ({ ...c, id: null }));
  const units = scoredUnits(ctx);
  const ids = units.map((u) => u.id);
  const metricResults = new Map<string, ReturnType<(typeof scoringMetrics)[number]['evaluate']>>();
  for (const c of criteria) {
    const metric = scoringMetrics.find((m) => m.key === c.metric);
    if (metric && !metricResults.has(metric.key)) metricResults.set(metric.key, metric.evaluate(ctx, ids, year));
  }
  const entries = new Map<string, { value: number | null; evidence: string }>();
  for (const c of saved.filter((c) => c.metric === MANUAL)) {
    for (const e of ctx.db.select().from(scoringEntries).where(and(eq(scoringEntries.criterionId, c.id), eq(scoringEntries.deleted, false))).all()) {
      entries.set(`${c.key}:${e.subjectId}`, { value: e.value === null ? null : e.value / 100, evidence: e.evidence });
    }
  }
  const results = rankScores(
    units.map((u) => ({ unitId: u.id, code: u.code, name: u.name })),
    criteria,
    (unitId, key) => {
      const c = criteria.find((x) => x.key === key)!;
      if (c.metric === MANUAL) return entries.get(`${key}:${unitId}`) ?? { value: null, evidence: 'Chưa chấm' };
      return metricResults.get(c.metric)?.get(unitId) ?? { value: null, evidence: 'Không có dữ liệu' };
    },
  );
  return { year, set, criteria, results, locked: false, suggested: !set };
}

/** Locks the year's set and freezes its results: later data changes never alter that year's ranking. */
export function lockCriteriaSet(ctx: ServiceContext, year: number): ScoringResult {
  const set = findSet(ctx, year);
  if (!set) throw new AppError('NOT_FOUND', { entity: 'scoringSet' });
  requireOpen(set);
  const result = computeScores(ctx, year);
  const lockedAt = ctx.now().toISOString();
  const frozen: ScoringResult = { ...result, locked: true, set: { ...set, status: 'locked', lockedAt } };
  updateRow(ctx, scoringSets, set.id, { status: 'locked', lockedAt, results: JSON.stringify(frozen) });
  return frozen;
}

export function listCriteriaSets(ctx: ServiceContext): ScoringSet[] {
  return ctx.db.select().from(scoringSets).where(eq(scoringSets.deleted, false)).all().sort((a, b) => b.year - a.year);
}
