import { and, eq, inArray } from 'drizzle-orm';
import { correctiveActions, internalAudits, managementReviews } from '../../../../db/schema';
import { formatVnDate } from '../../../common/dates';
import { msg } from '../figures/labels';
import type { MetricResult, ScoringMetric } from './metrics';

const inYear = (date: string | null | undefined, year: number) => !!date && date.startsWith(`${year}-`);

/** Half for a completed internal audit in the year, half for a management review held in it. */
export const auditReviewHeld: ScoringMetric = {
  key: 'audit_review_held',
  area: 'improvement',
  label: msg('Đánh giá nội bộ và xem xét của lãnh đạo trong năm', 'Internal audit and management review held in the year'),
  evaluate(ctx, unitIds, year) {
    const out = new Map<string, MetricResult>();
    if (!unitIds.length) return out;
    const audits = ctx.db
      .select()
      .from(internalAudits)
      .where(and(inArray(internalAudits.unitId, unitIds), eq(internalAudits.deleted, false), eq(internalAudits.status, 'done')))
      .all()
      .filter((a) => inYear(a.actualEnd ?? a.plannedEnd, year));
    const reviews = ctx.db
      .select()
      .from(managementReviews)
      .where(and(inArray(managementReviews.unitId, unitIds), eq(managementReviews.deleted, false)))
      .all()
      .filter((r) => inYear(r.reviewDate, year));
    for (const id of unitIds) {
      const audit = audits.filter((a) => a.unitId === id).sort((a, b) => String(a.actualEnd).localeCompare(String(b.actualEnd)))[0];
      const review = reviews.filter((r) => r.unitId === id).sort((a, b) => a.reviewDate.localeCompare(b.reviewDate))[0];
      const parts = [
        audit ? `Đánh giá nội bộ xong ngày ${formatVnDate(audit.actualEnd ?? audit.plannedEnd)}` : 'Chưa đánh giá nội bộ',
        review ? `xem xét của lãnh đạo ngày ${formatVnDate(review.reviewDate)}` : 'chưa xem xét của lãnh đạo',
      ];
      out.set(id, { value: (audit ? 0.5 : 0) + (review ? 0.5 : 0), evidence: parts.join('; ') });
    }
    return out;
  },
};

/** Corrective actions due in the year that were done by their due date, out of all due in it. */
export const actionsClosedInTime: ScoringMetric = {
  key: 'actions_closed_in_time',
  area: 'improvement',
  label: msg('Hành động khắc phục hoàn thành đúng hạn', 'Corrective actions closed in time'),
  evaluate(ctx, unitIds, year) {
    const out = new Map<string, MetricResult>();
    if (!unitIds.length) return out;
    const due = ctx.db
      .select()
      .from(correctiveActions)
      .where(and(inArray(correctiveActions.unitId, unitIds), eq(correctiveActions.deleted, false)))
      .all()
      .filter((a) => inYear(a.dueDate, year));
    for (const id of unitIds) {
      const mine = due.filter((a) => a.unitId === id);
      if (mine.length === 0) {
        out.set(id, { value: null, evidence: 'Không có hành động khắc phục đến hạn trong năm' });
        continue;
      }
      const inTime = mine.filter((a) => (a.status === 'done' || a.status === 'verified') && !!a.doneDate && a.doneDate <= a.dueDate);
      out.set(id, { value: inTime.length / mine.length, evidence: `${inTime.length}/${mine.length} hành động đến hạn trong năm hoàn thành đúng hạn` });
    }
    return out;
  },
};
