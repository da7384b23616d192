import { and, eq, inArray } from 'drizzle-orm';
import { isoTeams, reports } from '../../../../db/schema';
import { formatVnDate } from '../../../common/dates';
import type { Message } from '../../../common/errors/types';
import type { ServiceContext } from '../../context';
import { msg } from '../figures/labels';
import { doneBy, stepsByUnit } from '../figures/scope';
import { trainingMatrix } from '../../training/matrix';
import { actionsClosedInTime, auditReviewHeld } from './improvement-metrics';

/** How far a unit met a criterion in a year: 0–1, or null when there is nothing to judge by. */
export interface MetricResult {
  value: number | null;
  /** The evidence in words, printed next to the score. */
  evidence: string;
}

/**
 * A criterion computed from the data. Like figure providers, each area adds
 * its own; the criteria set names a metric by key.
 *
 * Wired: training "training_coverage" (required courses in force / required);
 * improvement "audit_review_held" (internal audit and management review held
 * in the year) and "actions_closed_in_time" (done by their due date / all due
 * in the year), in ./improvement-metrics.ts.
 */
export interface ScoringMetric {
  key: string;
  area: string;
  label: Message;
  evaluate(ctx: ServiceContext, unitIds: string[], year: number): Map<string, MetricResult>;
}

const yearEnd = (year: number) => `${year}-12-31`;

const stepOnPlan: ScoringMetric = {
  key: 'step_on_plan',
  area: 'steps',
  label: msg('Các bước triển khai đạt đúng kế hoạch', 'Rollout steps reached on plan'),
  evaluate(ctx, unitIds, year) {
    const out = new Map<string, MetricResult>();
    const end = yearEnd(year);
    for (const [unitId, steps] of stepsByUnit(ctx, unitIds)) {
      const due = steps.filter((s) => s.plannedEnd && s.plannedEnd <= end);
      if (due.length === 0) {
        out.set(unitId, { value: null, evidence: 'Không có bước nào đến hạn trong năm' });
        continue;
      }
      const onTime = due.filter((s) => doneBy(s, s.plannedEnd!));
      const late = due.filter((s) => !doneBy(s, s.plannedEnd!)).map((s) => s.step);
      out.set(unitId, {
        value: onTime.length / due.length,
        evidence: `${onTime.length}/${due.length} bước đến hạn hoàn thành đúng hạn${late.length ? `; chậm: bước ${late.join(', ')}` : ''}`,
      });
    }
    return out;
  },
};

const declarationCurrent: ScoringMetric = {
  key: 'declaration_current',
  area: 'steps',
  label: msg('Đã chứng nhận / công bố HTQLCL', 'QMS certified or declared'),
  evaluate(ctx, unitIds, year) {
    const out = new Map<string, MetricResult>();
    for (const [unitId, steps] of stepsByUnit(ctx, unitIds)) {
      const s3 = steps.find((s) => s.step === 3);
      out.set(
        unitId,
        s3 && doneBy(s3, yearEnd(year))
          ? { value: 1, evidence: `Công bố / chứng nhận ngày ${formatVnDate(s3.actualEnd)}${s3.evidence ? ` (${s3.evidence})` : ''}` }
          : { value: 0, evidence: 'Chưa công bố / chứng nhận' },
      );
    }
    return out;
  },
};

const teamSetUp: ScoringMetric = {
  key: 'team_set_up',
  area: 'units',
  label: msg('Có quyết định thành lập Ban chỉ đạo / Tổ triển khai ISO', 'ISO team set up by decision'),
  evaluate(ctx, unitIds, year) {
    const out = new Map<string, MetricResult>(unitIds.map((id) => [id, { value: 0, evidence: 'Chưa có quyết định thành lập' }]));
    if (!unitIds.length) return out;
    const teams = ctx.db.select().from(isoTeams).where(and(inArray(isoTeams.unitId, unitIds), eq(isoTeams.deleted, false))).all();
    for (const t of teams.filter((t) => t.decisionDate <= yearEnd(year)).sort((a, b) => a.decisionDate.localeCompare(b.decisionDate))) {
      out.set(t.unitId, { value: 1, evidence: `Quyết định ${t.decisionNo} ngày ${formatVnDate(t.decisionDate)}` });
    }
    return out;
  },
};

const reportsOnTime: ScoringMetric = {
  key: 'reports_on_time',
  area: 'reports',
  label: msg('Gửi báo cáo năm đúng hạn', 'Annual report sent on time'),
  evaluate(ctx, unitIds, year) {
    const out = new Map<string, MetricResult>(unitIds.map((id) => [id, { value: 0, evidence: `Chưa có báo cáo năm ${year} đã hoàn tất` }]));
    if (!unitIds.length) return out;
    const rows = ctx.db
      .select()
      .from(reports)
      .where(and(inArray(reports.unitId, unitIds), eq(reports.year, year), eq(reports.periodKind, 'year'), eq(reports.status, 'final'), eq(reports.deleted, false)))
      .all();
    for (const r of rows) {
      const onTime = !!r.docDate && r.docDate <= yearEnd(year);
      if ((out.get(r.unitId)?.value ?? 0) >= (onTime ? 1 : 0.5)) continue;
      out.set(r.unitId, { value: onTime ? 1 : 0.5, evidence: `Báo cáo số ${r.documentNo} ngày ${formatVnDate(r.docDate)}${onTime ? '' : ' (gửi muộn)'}` });
    }
    return out;
  },
};

const trainingCoverage: ScoringMetric = {
  key: 'training_coverage',
  area: 'training',
  label: msg('Tỷ lệ khóa đào tạo bắt buộc cán bộ đã hoàn thành', 'Required training completed'),
  evaluate(ctx, unitIds, year) {
    const matrix = trainingMatrix(ctx, { onDate: yearEnd(year) });
    const out = new Map<string, MetricResult>(unitIds.map((id) => [id, { value: null, evidence: 'Chưa có danh sách cán bộ' }]));
    for (const u of matrix.units) {
      if (!out.has(u.unitId)) continue;
      out.set(
        u.unitId,
        u.required === 0
          ? { value: null, evidence: 'Không có khóa đào tạo bắt buộc' }
          : { value: u.satisfied / u.required, evidence: `${u.satisfied}/${u.required} khóa bắt buộc đã hoàn thành (${u.staff} cán bộ, ${u.peopleMissing} người còn thiếu)` },
      );
    }
    return out;
  },
};

export const scoringMetrics: ScoringMetric[] = [stepOnPlan, declarationCurrent, teamSetUp, reportsOnTime, trainingCoverage, auditReviewHeld, actionsClosedInTime];

/** Adds (or replaces, by key) a metric — how the other areas plug theirs in. */
export function registerScoringMetric(metric: ScoringMetric): void {
  const i = scoringMetrics.findIndex((m) => m.key === metric.key);
  if (i >= 0) scoringMetrics[i] = metric;
  else scoringMetrics.push(metric);
}

export const MANUAL = 'manual';
