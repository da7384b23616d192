import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBundle, importBundle } from '../../../electron/services/exchange';
import { procedureWithFiles } from '../../support/procedures';
import { call, office, trust } from './offices';

const PDF = Buffer.from('%PDF-1.4\n% quy trình thu BHXH\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Story 7: a district's approved procedure, with its signed PDF, reaches the province in a bundle. */
describe('procedure files travel with their rows', () => {
  it('a district procedure version and its PDF arrive at the province; a backup is taken first', async () => {
    const district = office('3101');
    const province = office('31');
    trust(province, district);
    const {
      attachments: [a],
    } = await procedureWithFiles(district.router, [{ name: 'QT-THU-09.pdf', bytes: PDF }]);
    const bundle = await exportBundle(district.ws, { output: join(district.dir, 'b.zip') });
    expect(bundle.attachments).toBe(1);

    await importBundle(province.ws, bundle.file);
    const stored = join(province.dir, 'attachments', a.sha256.slice(0, 2), a.sha256);
    expect(existsSync(stored)).toBe(true);
    expect(readFileSync(stored).equals(PDF)).toBe(true);
    const row = province.ws.sqlite.prepare('SELECT name, sha256 FROM attachments WHERE id = ?').get(a.id);
    expect(row).toEqual({ name: 'QT-THU-09.pdf', sha256: a.sha256 });
    // The import was preceded by a verified backup of the province's data.
    const list = await call(province.router, 'backup.list', {});
    expect(list.backups.some((b: any) => b.reason === 'pre-bundle-import')).toBe(true);
  });
});

/** Story 8: the province knows which bundle carried its signed annual report to headquarters. */
describe('reports go out in bundles', () => {
  it('marks a final report with the bundle that first carried it; drafts are not marked', async () => {
    const province = office('31');
    const year = new Date().getFullYear();
    const final = await call(province.router, 'reports.create', { periodKind: 'year', year, scopeMode: 'office' });
    await call(province.router, 'reports.update', { id: final.id, documentNo: '25/BC-BHXH', signer: 'Nguyễn Văn An' });
    await call(province.router, 'reports.finalise', { id: final.id });
    const draft = await call(province.router, 'reports.create', { periodKind: 'half', year, periodNo: 1, scopeMode: 'office' });
    const first = await exportBundle(province.ws, { output: join(province.dir, 'hq-1.zip') });
    const got = (await call(province.router, 'reports.get', { id: final.id })).report;
    expect(got.bundleId).toBe(first.bundleId);
    expect((await call(province.router, 'reports.get', { id: draft.id })).report.bundleId).toBeNull();
    // A later bundle keeps the first one on the report.
    await exportBundle(province.ws, { output: join(province.dir, 'hq-2.zip'), full: true });
    expect((await call(province.router, 'reports.get', { id: final.id })).report.bundleId).toBe(first.bundleId);
  });
});
