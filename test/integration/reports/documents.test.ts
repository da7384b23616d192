import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { documentDateLine, formatNumber, periodOf, placeFromUnitName } from '../../../electron/common/reports';
import { call } from '../../support/workspace';
import { reportsFixture } from './fixture';

const NARRATIVE = {
  results: 'Các đơn vị đã duy trì và cải tiến hệ thống quản lý chất lượng theo TCVN ISO 9001:2015.',
  difficulties: 'Một số đơn vị thiếu chuyên gia đánh giá nội bộ có chứng chỉ.',
  recommendations: 'Đề nghị BHXH Việt Nam tổ chức lớp đào tạo đánh giá nội bộ năm 2026.',
};

async function annualReport() {
  const f = await reportsFixture();
  const report = await call(f.router, 'reports.create', { periodKind: 'year', year: 2025, scopeMode: 'subtree' });
  await call(f.router, 'reports.update', { id: report.id, documentNo: '25/BC-BHXH', docDate: '2025-12-20', sections: NARRATIVE });
  return { ...f, report };
}

function saveFile(value: { base64: string; fileName: string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'isodesk-report-'));
  const path = join(dir, value.fileName);
  writeFileSync(path, Buffer.from(value.base64, 'base64'));
  return path;
}

describe('official layout rules', () => {
  it('writes the date line as Decree 30/2020 does and knows each period', () => {
    expect(documentDateLine('Hải Phòng', '2020-03-05')).toBe('Hải Phòng, ngày 05 tháng 3 năm 2020');
    expect(documentDateLine('Hải Phòng', '2020-02-15')).toBe('Hải Phòng, ngày 15 tháng 02 năm 2020');
    expect(documentDateLine('Hải Phòng', '2020-12-31')).toBe('Hải Phòng, ngày 31 tháng 12 năm 2020');
    expect(periodOf('quarter', 2024, 1)).toMatchObject({ start: '2024-01-01', end: '2024-03-31' });
    expect(periodOf('half', 2024, 2)).toMatchObject({ start: '2024-07-01', end: '2024-12-31' });
    expect(periodOf('quarter', 2024, 4)).toMatchObject({ end: '2024-12-31' });
    expect(periodOf('half', 2024, 1)).toMatchObject({ end: '2024-06-30' });
    expect(() => periodOf('quarter', 2024, 5)).toThrow();
    expect(placeFromUnitName('BHXH Hải Phòng')).toBe('Hải Phòng');
    expect(placeFromUnitName('BHXH huyện An Lão')).toBe('An Lão');
    expect(placeFromUnitName('Bảo hiểm xã hội tỉnh Quảng Nam')).toBe('Quảng Nam');
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatNumber(68.75, 1)).toBe('68,8');
    expect(formatNumber(null)).toBe('—');
  });
});

/** Story 9: print the annual report in the official layout, and export it to Word and Excel. */
describe('annual report: PDF, DOCX, XLSX hold the same figures', () => {
  it('prefills a draft from what the office knows', async () => {
    const { report } = await annualReport();
    expect(report).toMatchObject({
      status: 'draft',
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      title: 'Tình hình xây dựng, áp dụng, duy trì và cải tiến HTQLCL năm 2025',
      place: 'Hải Phòng',
      docDate: '2026-02-15',
      signer: 'Nguyễn Văn An',
      addressee: 'Bảo hiểm xã hội Việt Nam',
    });
  });

  it('prints a PDF whose text has the motto, the figures and intact diacritics', async () => {
    const { router, report } = await annualReport();
    const pdf = await call(router, 'reports.export', { id: report.id, format: 'pdf' });
    expect(pdf.fileName).toBe('bao-cao-HTQLCL-nam-2025.pdf');
    const path = saveFile(pdf);
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).normalize('NFC');
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BẢO HIỂM XÃ HỘI VIỆT NAM',
      'BẢO HIỂM XÃ HỘI HẢI PHÒNG',
      'Số: 25/BC-BHXH',
      'Hải Phòng, ngày 20 tháng 12 năm 2025',
      'BÁO CÁO',
      'Kính gửi: Bảo hiểm xã hội Việt Nam',
      'Nơi nhận:',
      '- Lưu: VT.',
      'GIÁM ĐỐC',
      'Nguyễn Văn An',
      'Một số đơn vị thiếu chuyên gia đánh giá nội bộ có chứng chỉ.',
      'Thủy Nguyên',
      'Bước 2 – Áp dụng',
    ]) {
      expect(text).toContain(expected);
    }
    const line = (label: string) => text.split('\n').find((l) => l.includes(label)) ?? '';
    expect(line('Số đơn vị thuộc phạm vi')).toMatch(/\b6\s*$/);
    expect(line('Số đơn vị chậm so với kế hoạch')).toMatch(/\b2\s*$/);
    expect(line('Tỷ lệ đơn vị đã chứng nhận')).toMatch(/3\/6 \(50,0 %\)\s*$/);
    // The page is A4 (595 × 842 pt).
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:.*\(A4\)/);
  });

  it('writes a DOCX that an independent reader finds the same text and figures in', async () => {
    const { router, report } = await annualReport();
    const path = saveFile(await call(router, 'reports.export', { id: report.id, format: 'docx' }));
    const xml = execFileSync('unzip', ['-p', path, 'word/document.xml'], { encoding: 'utf8' });
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
    for (const expected of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Hải Phòng, ngày 20 tháng 12 năm 2025', 'Số: 25/BC-BHXH', '- Lưu: VT.', NARRATIVE.recommendations]) {
      expect(text).toContain(expected);
    }
    expect(text).toContain('Số đơn vị chậm so với kế hoạch\n2');
    expect(text).toContain('Tỷ lệ đơn vị đã chứng nhận / công bố\n3/6 (50,0 %)');
    expect(xml).toContain('w:ascii="Times New Roman"');
    // A4 page: 210 × 297 mm in twips.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });

  it('writes an XLSX with the figures as numbers and one row per unit', async () => {
    const { router, report } = await annualReport();
    const path = saveFile(await call(router, 'reports.export', { id: report.id, format: 'xlsx' }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const sheet = wb.getWorksheet('Số liệu')!;
    const figures = new Map<string, unknown>();
    sheet.eachRow((row) => {
      if (typeof row.getCell(1).value === 'number') figures.set(String(row.getCell(2).value), row.getCell(3).value);
    });
    expect(figures.get('Số đơn vị thuộc phạm vi')).toBe(6);
    expect(figures.get('Số đơn vị chậm so với kế hoạch')).toBe(2);
    expect(figures.get('Tỷ lệ đơn vị đã chứng nhận / công bố')).toBe(50);
    expect(figures.get('Số bước hoàn thành trong kỳ')).toBe(9);
    const units = wb.getWorksheet('Đơn vị')!;
    expect(units.rowCount).toBe(7);
    expect(units.getRow(1).values).toEqual([undefined, 'STT', 'Mã', 'Đơn vị', 'Bước hiện tại', 'Ngày chứng nhận / công bố', 'Chậm kế hoạch']);
    const lc = units.getRow(5);
    expect([lc.getCell(2).value, lc.getCell(3).value, lc.getCell(4).value, lc.getCell(6).value]).toEqual(['3103', 'BHXH quận Lê Chân', 'Bước 2 – Áp dụng', 'Bước 2 – Áp dụng (184 ngày)']);
  });
});

describe('report lifecycle', () => {
  it('refuses to finalise without a proper number and keeps a final report exactly as signed', async () => {
    const { router, report, ids, ws } = await annualReport();
    await call(router, 'reports.update', { id: report.id, documentNo: '25-BC' });
    const bad = await router.call('reports.finalise', { id: report.id });
    expect(!bad.ok && bad.error.field).toBe('documentNo');
    expect((await call(router, 'reports.get', { id: report.id })).report.status).toBe('draft');
    await call(router, 'reports.update', { id: report.id, documentNo: '25/BC-BHXH' });
    const final = await call(router, 'reports.finalise', { id: report.id });
    expect(final.status).toBe('final');
    // Data changes after signing do not change the signed figures.
    await call(router, 'steps.update', { unitId: ids['3104'], step: 1, status: 'done', actualEnd: '2025-11-01' });
    const doc = (await call(router, 'reports.get', { id: report.id })).document;
    expect(doc.unitTable.rows.find((r: any) => r.code === '3104').currentStep).toBe('Bước 1 – Xây dựng');
    const edit = await router.call('reports.update', { id: report.id, signer: 'Người khác' });
    expect(!edit.ok && edit.error.code).toBe('REPORT_FINAL_LOCKED');
    const del = await router.call('reports.delete', { id: report.id });
    expect(!del.ok && del.error.code).toBe('REPORT_FINAL_LOCKED');
    // Sent in a bundle: the history knows which one.
    await call(router, 'reports.markSent', { id: report.id, bundleId: 'bundle-2026-001' });
    const history = await call(router, 'reports.list', { year: 2025 });
    expect(history.map((r: any) => [r.status, r.documentNo, r.bundleId, r.scopeName])).toEqual([['final', '25/BC-BHXH', 'bundle-2026-001', 'BHXH Hải Phòng']]);
    const logged = ws.sqlite.prepare("select count(*) n from change_log where table_name = 'reports'").get() as { n: number };
    expect(logged.n).toBeGreaterThanOrEqual(5);
  });

  it('shows a report received from a district but never changes it here', async () => {
    const { router, ws, ids } = await reportsFixture();
    const { insertRow } = await import('../../../electron/services/records');
    const { reports } = await import('../../../db/schema');
    const received = ws.sqlite.transaction(() =>
      insertRow(ws, reports, {
        unitId: ids['3101'],
        periodKind: 'year',
        year: 2025,
        periodNo: 0,
        periodStart: '2025-01-01',
        periodEnd: '2025-12-31',
        scopeMode: 'office',
        scopeUnitId: ids['3101'],
        title: 'Báo cáo của quận Hồng Bàng',
      }),
    )();
    const got = await call(router, 'reports.get', { id: received.id });
    expect(got.own).toBe(false);
    expect(got.document.issuer).toBe('BẢO HIỂM XÃ HỘI QUẬN HỒNG BÀNG');
    const edit = await router.call('reports.update', { id: received.id, signer: 'X' });
    expect(!edit.ok && edit.error.message.vi).toBe('Báo cáo này do BHXH quận Hồng Bàng lập (nhận qua gói dữ liệu) nên chỉ xem, không sửa được tại đây.');
    expect(!(await router.call('reports.delete', { id: received.id })).ok).toBe(true);
  });

  it('rejects an impossible period and a template without figures, changing nothing', async () => {
    const { router, ws } = await reportsFixture();
    const before = ws.sqlite.prepare('select count(*) n from change_log').get();
    const q5 = await router.call('reports.create', { periodKind: 'quarter', year: 2025, periodNo: 5, scopeMode: 'office' });
    expect(!q5.ok && q5.error.code).toBe('INVALID_INPUT');
    const q0 = await router.call('reports.create', { periodKind: 'quarter', year: 2025, periodNo: 0, scopeMode: 'office' });
    expect(!q0.ok && q0.error.message.vi).toBe('Kỳ báo cáo không hợp lệ: quý phải từ 1 đến 4, nửa năm là 1 hoặc 2.');
    const empty = await router.call('reports.saveTemplate', { name: 'Mẫu trống', figures: [], unitColumns: [] });
    expect(!empty.ok && empty.error.code).toBe('REPORT_TEMPLATE_EMPTY');
    const unknown = await router.call('reports.saveTemplate', { name: 'Mẫu', figures: [{ key: 'steps.nope' }], unitColumns: [] });
    expect(!unknown.ok && unknown.error.code).toBe('REPORT_FIGURE_UNKNOWN');
    expect(ws.sqlite.prepare('select count(*) n from change_log').get()).toEqual(before);
  });

  it('prints what a template chooses, with its own labels and columns', async () => {
    const { router } = await reportsFixture();
    // The built-in template offers only figures of installed areas, so a copy of it saves as is.
    const builtin = (await call(router, 'reports.templates', {}))[0];
    const known = (await call(router, 'figures.catalogue', {})).figures.map((f: any) => f.key);
    expect(builtin.figures.map((f: any) => f.key).filter((k: string) => !known.includes(k))).toEqual([]);
    expect(builtin.figures.map((f: any) => f.key)).toContain('actions.open');
    await call(router, 'reports.saveTemplate', { name: 'Bản sao', figures: builtin.figures, unitColumns: builtin.unitColumns });
    const t = await call(router, 'reports.saveTemplate', {
      name: 'Mẫu HQ 2025',
      figures: [{ key: 'steps.behindPlan', label: 'Đơn vị chậm tiến độ' }, { key: 'units.inScope' }],
      unitColumns: ['code', 'name', 'behind'],
    });
    const r = await call(router, 'reports.create', { periodKind: 'half', year: 2025, periodNo: 2, scopeMode: 'subtree', templateId: t.id });
    expect(r.title).toBe('Tình hình xây dựng, áp dụng, duy trì và cải tiến HTQLCL 6 tháng cuối năm 2025');
    const doc = (await call(router, 'reports.get', { id: r.id })).document;
    expect(doc.figures.map((f: any) => [f.label, f.display])).toEqual([
      ['Đơn vị chậm tiến độ', '2'],
      ['Số đơn vị thuộc phạm vi', '6'],
    ]);
    expect(doc.unitTable.columns.map((c: any) => c.key)).toEqual(['code', 'name', 'behind']);
    const inUse = await router.call('reports.deleteTemplate', { id: t.id });
    expect(!inUse.ok && inUse.error.code).toBe('REPORT_TEMPLATE_IN_USE');
  });
});
