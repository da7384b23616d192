import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { rankScores } from '../../../electron/services/reports/scoring/scoring';
import { call } from '../../support/workspace';
import { reportsFixture } from './fixture';

const u = (code: string) => ({ unitId: code, code, name: `Đơn vị ${code}` });

describe('scoring maths', () => {
  it('weights the criteria, shares ranks on ties (1, 1, 3) and leaves no-data units unranked', () => {
    const values: Record<string, Record<string, number | null>> = {
      A: { x: 1, y: 0 },
      B: { x: 0.5, y: 1 },
      C: { x: 1, y: 0 },
      D: { x: null, y: null },
      E: { x: null, y: 0.25 },
    };
    const results = rankScores(
      ['D', 'C', 'B', 'A', 'E'].map(u),
      [
        { id: null, key: 'x', weight: 3 },
        { id: null, key: 'y', weight: 1 },
      ],
      (unitId, key) => ({ value: values[unitId][key], evidence: '' }),
    );
    expect(results.map((r) => [r.code, r.score, r.rank])).toEqual([
      ['A', 75, 1],
      ['C', 75, 1],
      ['B', 62.5, 3],
      ['E', 6.25, 4],
      ['D', null, null],
    ]);
    // A criterion without data earns nothing; its points are reported per criterion.
    expect(results[3].criteria).toEqual([
      { criterionId: '', key: 'x', value: null, points: 0, evidence: '' },
      { criterionId: '', key: 'y', value: 25, points: 6.25, evidence: '' },
    ]);
  });

  it('gives an empty ranking for no units and clamps values outside 0–1', () => {
    expect(rankScores([], [{ id: null, key: 'x', weight: 1 }], () => ({ value: 1, evidence: '' }))).toEqual([]);
    const [r] = rankScores([u('A')], [{ id: null, key: 'x', weight: 2 }], () => ({ value: 1.7, evidence: '' }));
    expect(r.score).toBe(100);
  });
});

/** Story 10: score units for the year-end emulation review with the evidence behind each criterion. */
describe('year-end scoring of the districts', () => {
  const criteria = [
    { key: 'plan', label: 'Đúng kế hoạch', weight: 3, metric: 'step_on_plan' },
    { key: 'declared', label: 'Đã công bố', weight: 1, metric: 'declaration_current' },
    { key: 'audit', label: 'Đánh giá nội bộ', weight: 1, metric: 'manual' },
  ];

  it('suggests a criteria set for a year that has none', async () => {
    const { router } = await reportsFixture();
    const r = await call(router, 'scoring.get', { year: 2025 });
    expect(r.suggested).toBe(true);
    expect(r.criteria.reduce((s: number, c: any) => s + c.weight, 0)).toBe(100);
    expect(r.results.map((x: any) => x.code).sort()).toEqual(['3101', '3102', '3103', '3104', '3105']);
  });

  it('ranks the five districts from the data and the hand-scored criterion, with evidence', async () => {
    const { router, ids } = await reportsFixture();
    const { criteria: saved } = await call(router, 'scoring.saveSet', { year: 2025, name: 'Thi đua 2025', criteria });
    const audit = saved.find((c: any) => c.key === 'audit');
    await call(router, 'scoring.setManual', { criterionId: audit.id, subjectId: ids['3101'], value: 80, evidence: 'Biên bản đánh giá nội bộ ngày 10/11/2025' });
    await call(router, 'scoring.setManual', { criterionId: audit.id, subjectId: ids['3102'], value: 100, evidence: 'Biên bản 05/2025' });
    await call(router, 'scoring.setManual', { criterionId: audit.id, subjectId: ids['3105'], value: 0, evidence: 'Không tổ chức' });
    const r = await call(router, 'scoring.get', { year: 2025 });
    // 3101: 100×(3×2/3 + 1 + 0,8)/5 = 76; 3105: (3×3/4 + 1 + 0)/5 = 65; 3102: (3×1/3 + 0 + 1)/5 = 40;
    // 3103 and 3104 both 0 (3104 has no plan, but "not declared" is data): tied at rank 4.
    expect(r.results.map((x: any) => [x.code, x.score, x.rank])).toEqual([
      ['3101', 76, 1],
      ['3105', 65, 2],
      ['3102', 40, 3],
      ['3103', 0, 4],
      ['3104', 0, 4],
    ]);
    const d1 = r.results[0].criteria;
    expect(d1.find((c: any) => c.key === 'plan').evidence).toBe('2/3 bước đến hạn hoàn thành đúng hạn; chậm: bước 3');
    expect(d1.find((c: any) => c.key === 'declared').evidence).toBe('Công bố / chứng nhận ngày 15/10/2025 (Quyết định công bố 3101/QĐ-BHXH)');
    expect(d1.find((c: any) => c.key === 'audit').evidence).toBe('Biên bản đánh giá nội bộ ngày 10/11/2025');
    const d4 = r.results[4].criteria;
    expect(d4.find((c: any) => c.key === 'plan')).toMatchObject({ value: null, evidence: 'Không có bước nào đến hạn trong năm' });

    const xlsx = await call(router, 'scoring.export', { year: 2025 });
    const path = join(mkdtempSync(join(tmpdir(), 'isodesk-score-')), xlsx.fileName);
    writeFileSync(path, Buffer.from(xlsx.base64, 'base64'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.worksheets[0];
    expect([2, 3, 4, 5, 6].map((i) => [ws.getRow(i).getCell(1).value, ws.getRow(i).getCell(2).value, ws.getRow(i).getCell(4).value])).toEqual([
      [1, '3101', 76],
      [2, '3105', 65],
      [3, '3102', 40],
      [4, '3103', 0],
      [4, '3104', 0],
    ]);
  });

  it('locks the year so its ranking stays reproducible when data changes later', async () => {
    const { router, ids } = await reportsFixture();
    await call(router, 'scoring.saveSet', { year: 2025, name: 'Thi đua 2025', criteria });
    const locked = await call(router, 'scoring.lock', { year: 2025 });
    expect(locked.locked).toBe(true);
    expect(locked.results.find((r: any) => r.code === '3102').score).toBe(20);
    // 3102's declaration of 01/12/2025 is recorded late, after the lock: the 2025 ranking does not move…
    await call(router, 'steps.update', { unitId: ids['3102'], step: 3, status: 'done', actualEnd: '2025-12-01' });
    const again = await call(router, 'scoring.get', { year: 2025 });
    expect(again.results).toEqual(locked.results);
    // …although the same data scored afresh would (the 2026 set is not locked).
    const fresh = await call(router, 'scoring.get', { year: 2026 });
    expect(fresh.results.find((r: any) => r.code === '3102').criteria.find((c: any) => c.key === 'declaration').value).toBe(100);
    const change = await router.call('scoring.saveSet', { year: 2025, name: 'Sửa', criteria });
    expect(!change.ok && change.error.message.vi).toBe('Bộ tiêu chí năm 2025 đã chốt; kết quả được giữ nguyên để có thể đối chiếu về sau.');
    // Another year is unaffected.
    expect((await call(router, 'scoring.get', { year: 2026 })).locked).toBe(false);
  });

  it('refuses bad criteria sets and manual values with specific errors, changing nothing', async () => {
    const { router, ws, ids } = await reportsFixture();
    const before = ws.sqlite.prepare('select count(*) n from change_log').get();
    const cases: [unknown, string][] = [
      [[], 'SCORING_NO_CRITERIA'],
      [[{ ...criteria[0], weight: 0 }], 'SCORING_WEIGHTS'],
      [[criteria[0], { ...criteria[1], key: 'plan' }], 'SCORING_DUPLICATE_KEY'],
      [[{ ...criteria[0], metric: 'horoscope' }], 'SCORING_METRIC_UNKNOWN'],
    ];
    for (const [list, code] of cases) {
      const env = await router.call('scoring.saveSet', { year: 2025, name: 'X', criteria: list });
      expect(!env.ok && env.error.code).toBe(code);
    }
    expect(ws.sqlite.prepare('select count(*) n from change_log').get()).toEqual(before);
    const { criteria: saved } = await call(router, 'scoring.saveSet', { year: 2025, name: 'Thi đua 2025', criteria });
    const plan = saved.find((c: any) => c.key === 'plan');
    const audit = saved.find((c: any) => c.key === 'audit');
    const notManual = await router.call('scoring.setManual', { criterionId: plan.id, subjectId: ids['3101'], value: 50, evidence: '' });
    expect(!notManual.ok && notManual.error.code).toBe('SCORING_NOT_MANUAL');
    const range = await router.call('scoring.setManual', { criterionId: audit.id, subjectId: ids['3101'], value: 120, evidence: '' });
    expect(!range.ok && range.error.code).toBe('SCORING_VALUE_RANGE');
    // Dropping a criterion and adding it back restores it (same deterministic id).
    await call(router, 'scoring.saveSet', { year: 2025, name: 'Thi đua 2025', criteria: criteria.slice(0, 2) });
    const back = await call(router, 'scoring.saveSet', { year: 2025, name: 'Thi đua 2025', criteria });
    expect(back.criteria.map((c: any) => c.key)).toEqual(['plan', 'declared', 'audit']);
    expect(back.criteria.find((c: any) => c.key === 'audit').id).toBe(audit.id);
  });
});
