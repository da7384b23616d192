import type { AreaModule } from './context';

/**
 * PENDING — internal audits, findings and actions (issue 5).
 *
 * When the improvement services are merged, replace `schedule` with calls to
 * them and set `status: 'ready'`:
 * - one internal audit per unit and year (~7,000 over ten years), led by
 *   certified auditors from the training module, on the same dates as the
 *   step-4 upkeep notes the units module writes;
 * - ~30,000 findings and corrective actions, most closed within two months,
 *   some overdue (for the action board).
 */
export const improvementModule: AreaModule = {
  area: 'improvement',
  issue: 5,
  status: 'pending',
  volume: '~7,000 internal audits, ~30,000 findings and actions',
  tables: [],
  schedule() {
    throw new Error('improvement generator is pending (issue 5)');
  },
};
