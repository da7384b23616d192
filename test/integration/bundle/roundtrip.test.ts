import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBundle, importBundle, importReceipt, listReceived, listSent, previewBundle } from '../../../electron/services/exchange';
import { addTeamMember, saveTeam, teamOf } from '../../../electron/services/units/teams';
import { unitIdForCode } from '../../../electron/services/units/units';
import { office, trust } from './offices';

/**
 * Story: the Hồng Bàng district (3101) records its ISO team and sends it to
 * the Hải Phòng province (31), which acknowledges it and rolls it up, with
 * its own work, to headquarters (VN). Headquarters sees the district's team
 * and can check the district's own signature with minisign.
 */
describe('district → province → headquarters on real data folders', () => {
  it('carries a district’s work to headquarters with its original signature, and receipts back down', async () => {
    const district = office('3101');
    const province = office('31');
    const hq = office('VN');
    trust(province, district);
    trust(district, province);
    trust(hq, province);
    trust(province, hq);
    const D = unitIdForCode('3101');
    const P = unitIdForCode('31');

    district.ws.sqlite.transaction(() => {
      const team = saveTeam(district.ws, { unitId: D, decisionNo: '45/QĐ-BHXH', decisionDate: '2012-11-20', signer: 'Giám đốc' });
      addTeamMember(district.ws, { teamId: team.id, fullName: 'Ngô Thị Lan', position: 'Phó Giám đốc', role: 'head' });
    })();
    const d1 = await exportBundle(district.ws, { output: join(district.dir, 'd1.zip') });
    expect(d1).toMatchObject({ sequence: 1, kind: 'full' });

    const preview = await previewBundle(province.ws, d1.file);
    expect(preview).toMatchObject({ status: 'new', issuer: { code: '3101' } });
    expect(preview.tables.find((t) => t.table === 'team_members')).toMatchObject({ insert: 1 });
    const atProvince = await importBundle(province.ws, d1.file);
    expect(atProvince.applied).toBe(true);
    expect(teamOf(province.ws, D).members.map((m) => m.fullName)).toEqual(['Ngô Thị Lan']);

    // The district learns its bundle was delivered.
    const ack = importReceipt(district.ws, atProvince.receiptFile!);
    expect(ack.acknowledgedBy).toBe('31');
    expect(listSent(district.ws)[0]).toMatchObject({ acknowledged: true, sequence: 1 });

    // The province adds its own steering committee and rolls up to headquarters.
    province.ws.sqlite.transaction(() => saveTeam(province.ws, { unitId: P, decisionNo: '12/QĐ-BHXH', decisionDate: '2012-10-01', signer: 'Giám đốc' }))();
    const p1 = await exportBundle(province.ws, { output: join(province.dir, 'p1.zip') });
    expect(p1.provenance).toBe(1);
    const atHq = await importBundle(hq.ws, p1.file);
    expect(atHq.applied).toBe(true);
    expect(atHq.provenance).toEqual([expect.objectContaining({ issuerCode: '3101', sequence: 1, bundleSha256: d1.bundleSha256, fork: false })]);
    expect(teamOf(hq.ws, D).members.map((m) => m.fullName)).toEqual(['Ngô Thị Lan']);
    expect(teamOf(hq.ws, P).team?.decisionNo).toBe('12/QĐ-BHXH');
    expect(listReceived(hq.ws).map((r) => [r.issuerCode, r.status])).toEqual(
      expect.arrayContaining([
        ['31', 'applied'],
        ['3101', 'via'],
      ]),
    );
    // Headquarters keeps the district's own bundle and minisign verifies it with the district's key.
    const nested = join(hq.dir, 'exchange', 'received', readdirSync(join(hq.dir, 'exchange', 'received')).find((f) => f.startsWith('3101-'))!);
    const out = join(hq.dir, 'nested');
    execFileSync('/usr/bin/unzip', ['-q', nested, '-d', out]);
    const bag = join(out, readdirSync(out)[0]);
    writeFileSync(join(hq.dir, 'district.pub'), district.key.publicKeyFile);
    const verified = execFileSync(
      '/usr/bin/minisign',
      ['-V', '-p', join(hq.dir, 'district.pub'), '-m', join(bag, 'tagmanifest-sha256.txt'), '-x', join(bag, 'tagmanifest-sha256.txt.minisig')],
      { encoding: 'utf8' },
    );
    expect(verified).toContain('issuer=3101 sequence=1');

    // The receipt goes back down; the next province bundle is a delta without the district's bundle again.
    importReceipt(province.ws, atHq.receiptFile!);
    province.ws.sqlite.transaction(() => saveTeam(province.ws, { unitId: P, decisionNo: '13/QĐ-BHXH', decisionDate: '2012-10-01', signer: 'Giám đốc' }))();
    const p2 = await exportBundle(province.ws, { output: join(province.dir, 'p2.zip') });
    expect(p2).toMatchObject({ kind: 'delta', provenance: 0, rows: 1 });
    await importBundle(hq.ws, p2.file);
    expect(teamOf(hq.ws, P).team?.decisionNo).toBe('13/QĐ-BHXH');
  });
});
