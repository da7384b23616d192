import { and, desc, eq, gte, lte } from 'drizzle-orm';
import { bundlesReceived, bundlesSent } from '../../../../db/schema';
import { msg } from './labels';
import type { FigureProvider, LazyFigure } from './types';

const sent = { key: 'bundles.sent', label: msg('Gói dữ liệu đã gửi trong kỳ', 'Bundles sent in the period'), kind: 'count' } as const;
const received = { key: 'bundles.received', label: msg('Gói dữ liệu đã nhận trong kỳ', 'Bundles received in the period'), kind: 'count' } as const;

/**
 * Signed bundles (issue 6): what this office sent and received during the
 * period, newest first, so the last one sent (and whether headquarters
 * acknowledged it) and the last one received head each list.
 */
export const exchangeFigures: FigureProvider = {
  area: 'exchange',
  label: msg('Trao đổi dữ liệu', 'Data exchange'),
  definitions: [sent, received],
  compute(ctx, q): LazyFigure[] {
    const from = `${q.period.start}T00:00:00`;
    const to = `${q.period.end}T23:59:59.999Z`;
    const out = ctx.db
      .select()
      .from(bundlesSent)
      .where(and(gte(bundlesSent.createdAt, from), lte(bundlesSent.createdAt, to)))
      .orderBy(desc(bundlesSent.sequence))
      .all();
    const inbound = ctx.db
      .select()
      .from(bundlesReceived)
      .where(and(eq(bundlesReceived.status, 'applied'), gte(bundlesReceived.receivedAt, from), lte(bundlesReceived.receivedAt, to)))
      .orderBy(desc(bundlesReceived.receivedAt))
      .all();
    return [
      {
        ...sent,
        area: 'exchange',
        value: out.length,
        columns: [
          { key: 'sequence', label: msg('Số gói', 'Sequence'), type: 'number' },
          { key: 'createdAt', label: msg('Ngày gửi', 'Sent'), type: 'date' },
          { key: 'kind', label: msg('Loại', 'Kind') },
          { key: 'acknowledgedAt', label: msg('Ngày cấp trên xác nhận', 'Acknowledged'), type: 'date' },
        ],
        rows: () => out.map((b) => ({ sequence: b.sequence, createdAt: b.createdAt.slice(0, 10), kind: b.kind, acknowledgedAt: b.acknowledgedAt?.slice(0, 10) ?? null })),
      },
      {
        ...received,
        area: 'exchange',
        value: inbound.length,
        columns: [
          { key: 'issuer', label: msg('Đơn vị gửi', 'From') },
          { key: 'sequence', label: msg('Số gói', 'Sequence'), type: 'number' },
          { key: 'receivedAt', label: msg('Ngày nhận', 'Received'), type: 'date' },
        ],
        rows: () => inbound.map((b) => ({ unitId: b.issuerUnitId, issuer: b.issuerCode, sequence: b.sequence, receivedAt: b.receivedAt.slice(0, 10) })),
      },
    ];
  },
};
