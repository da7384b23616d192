import type { AreaModule } from './context';

/**
 * PENDING — staff, courses, sessions and attendance (issue 4).
 *
 * When the training services are merged, replace `schedule` with calls to
 * them and set `status: 'ready'`:
 * - ~30,000 staff nationally (names from ./names.ts, spread over units by
 *   size: a province office ~120, a district ~35), hired and leaving over the
 *   ten years;
 * - awareness, internal-audit, writing-procedures, 2008→2015 transition and
 *   refresher courses; ~150,000 attendance records, internal-audit
 *   certificates for a few per unit (the pilot had 71 certified auditors).
 */
export const trainingModule: AreaModule = {
  area: 'training',
  issue: 4,
  status: 'pending',
  volume: '~30,000 staff, ~150,000 attendance records, certified internal auditors',
  tables: [],
  schedule() {
    throw new Error('training generator is pending (issue 4)');
  },
};
