import { type ActionRow, listActions } from '../../improvement/actions';
import { openActionCounts } from '../../improvement/facts';
import { today } from '../../rules';
import { msg } from './labels';
import type { FigureProvider, LazyFigure } from './types';

const open = { key: 'actions.open', label: msg('Hành động khắc phục đang mở', 'Corrective actions open'), kind: 'count' } as const;
const overdue = { key: 'actions.overdue', label: msg('Hành động khắc phục quá hạn', 'Corrective actions overdue'), kind: 'count' } as const;

const columns = [
  { key: 'unit', label: msg('Đơn vị', 'Unit') },
  { key: 'title', label: msg('Hành động', 'Action') },
  { key: 'owner', label: msg('Người thực hiện', 'Owner') },
  { key: 'dueDate', label: msg('Hạn hoàn thành', 'Due'), type: 'date' as const },
  { key: 'ageDays', label: msg('Số ngày đã mở', 'Days open'), type: 'number' as const },
];

const row = (a: ActionRow) => ({ unitId: a.unitId, unit: a.unitName, title: a.title, owner: a.owner, dueDate: a.dueDate, ageDays: a.ageDays });

/**
 * Certification and improvement (issue 5): corrective actions still open in
 * the scope today, and those past their due date, with the actions behind them.
 */
export const improvementFigures: FigureProvider = {
  area: 'improvement',
  label: msg('Cải tiến', 'Improvement'),
  definitions: [open, overdue],
  compute(ctx, q): LazyFigure[] {
    // Counted per unit from the index on (status, unit, due date); the actions themselves are read only for a list.
    let notClosed = 0;
    let pastDue = 0;
    for (const c of openActionCounts(ctx, q.unitIds, today(ctx)).values()) {
      notClosed += c.open;
      pastDue += c.overdue;
    }
    return [
      { ...open, area: 'improvement', value: notClosed, columns, rows: () => listActions(ctx, { status: 'not_closed', unitIds: q.unitIds }).map(row) },
      { ...overdue, area: 'improvement', value: pastDue, columns, rows: () => listActions(ctx, { overdue: true, unitIds: q.unitIds }).map(row) },
    ];
  },
};
