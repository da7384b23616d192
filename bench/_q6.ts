import { listUnits } from '../electron/services/units/units';
import { wavesByUnit } from '../electron/services/units/waves';
import { rolloutBoard } from '../electron/services/units/board';
import { createRouter } from '../electron/api/router';
import { openWorkspace } from '../electron/services/workspace';
import { timeRuns } from './stats';
const ws = openWorkspace(process.argv[2]);
const r = createRouter(ws);
for (let k = 0; k < 2; k++) {
  const u = await timeRuns(30, () => listUnits(ws, {}));
  const w = await timeRuns(30, () => wavesByUnit(ws));
  const b = await timeRuns(30, () => rolloutBoard(ws, {}));
  const rb = await timeRuns(30, () => r.call('board.get', {}));
  const s = await timeRuns(30, () => r.call('units.list', { query: 'thi xa', status: 'all' }));
  console.log('units', u.cpuMedian, 'waves', w.cpuMedian, 'board', b.cpuMedian, 'router board', rb.cpuMedian, rb.median, rb.p95, 'search', s.cpuMedian, s.p95);
}
