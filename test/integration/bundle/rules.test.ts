import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/common/errors';
import { addTeamMember, removeTeamMember, saveTeam, teamOf } from '../../../electron/services/units/teams';
import { unitIdForCode } from '../../../electron/services/units/units';
import {
  activeOfficeKey,
  exportBundle,
  importBundle,
  importReceipt,
  listTrustedKeys,
  previewBundle,
  rotateOfficeKey,
} from '../../../electron/services/exchange';
import { readEntries } from './forge';
import { office, trust, type Office } from './offices';

const DISTRICT = unitIdForCode('3101');
const at = (o: { ws: { now: () => Date } }, iso: string) => {
  o.ws.now = () => new Date(iso);
};
const tx = <T>(o: Office, f: () => T): T => o.ws.sqlite.transaction(f)() as T;

function pair() {
  const district = office('3101');
  const province = office('31');
  trust(province, district);
  trust(district, province);
  return { district, province };
}

describe('what a bundle changes', () => {
  it('sends only changes since the last acknowledged bundle, deletions as tombstones', async () => {
    const { district, province } = pair();
    at(district, '2026-03-01T08:00:00.000Z');
    const team = tx(district, () => saveTeam(district.ws, { unitId: DISTRICT, decisionNo: '12/QĐ-BHXH', decisionDate: '2026-02-01', signer: 'Giám đốc' }));
    const member = tx(district, () => addTeamMember(district.ws, { teamId: team.id, fullName: 'Vũ Thị Hoa', position: 'Chuyên viên', role: 'member' }));
    const b1 = await exportBundle(district.ws, { output: join(district.dir, '1.zip') });
    const r1 = await importBundle(province.ws, b1.file);
    importReceipt(district.ws, r1.receiptFile!);
    at(district, '2026-03-02T08:00:00.000Z');
    tx(district, () => removeTeamMember(district.ws, member.id));
    const b2 = await exportBundle(district.ws, { output: join(district.dir, '2.zip') });
    expect(b2).toMatchObject({ kind: 'delta', rows: 1 });
    const preview = await previewBundle(province.ws, b2.file);
    expect(preview.kind).toBe('delta since 1');
    expect(preview.tables.find((t) => t.table === 'team_members')).toMatchObject({ delete: 1 });
    await importBundle(province.ws, b2.file);
    expect(teamOf(province.ws, DISTRICT).members).toEqual([]);
    const logged = province.ws.sqlite.prepare("SELECT op, origin FROM change_log WHERE row_id = ? ORDER BY seq").all(member.id);
    expect(logged).toEqual([
      { op: 'insert', origin: b1.bundleId },
      { op: 'delete', origin: b2.bundleId },
    ]);
  });

  it('resolves conflicting edits by the newer edit and lists them', async () => {
    const { district, province } = pair();
    at(district, '2026-03-01T08:00:00.000Z');
    tx(district, () => saveTeam(district.ws, { unitId: DISTRICT, decisionNo: '12/QĐ-BHXH', decisionDate: '2026-02-01', signer: 'Giám đốc' }));
    await importBundle(province.ws, (await exportBundle(district.ws, { output: join(district.dir, '1.zip') })).file);
    // The province corrects the signer on 5 March; the district changes the decision on 4 March.
    at(province, '2026-03-05T08:00:00.000Z');
    tx(province, () => saveTeam(province.ws, { unitId: DISTRICT, decisionNo: '12/QĐ-BHXH', decisionDate: '2026-02-01', signer: 'Phó Giám đốc' }));
    at(district, '2026-03-04T08:00:00.000Z');
    tx(district, () => saveTeam(district.ws, { unitId: DISTRICT, decisionNo: '15/QĐ-BHXH', decisionDate: '2026-02-01', signer: 'Giám đốc' }));
    const b2 = await exportBundle(district.ws, { output: join(district.dir, '2.zip') });
    const result = await importBundle(province.ws, b2.file);
    expect(result.conflictCount).toBe(1);
    expect(result.conflicts[0]).toMatchObject({ table: 'iso_teams', winner: 'local', localUpdatedAt: '2026-03-05T08:00:00.000Z' });
    expect(teamOf(province.ws, DISTRICT).team?.signer).toBe('Phó Giám đốc');
    // A later district edit wins over the province's.
    at(district, '2026-03-09T08:00:00.000Z');
    tx(district, () => saveTeam(district.ws, { unitId: DISTRICT, decisionNo: '16/QĐ-BHXH', decisionDate: '2026-02-01', signer: 'Giám đốc' }));
    const b3 = await importBundle(province.ws, (await exportBundle(district.ws, { output: join(district.dir, '3.zip') })).file);
    expect(b3.conflicts[0]).toMatchObject({ winner: 'incoming' });
    expect(teamOf(province.ws, DISTRICT).team?.decisionNo).toBe('16/QĐ-BHXH');
  });

  it('writes byte-identical payload files for the same data', async () => {
    const district = office('3101', { demo: true, now: '2026-03-01T08:00:00.000Z' });
    const a = await exportBundle(district.ws, { output: join(district.dir, 'a.zip'), full: true });
    const b = await exportBundle(district.ws, { output: join(district.dir, 'b.zip'), full: true });
    const payload = async (f: string) =>
      (await readEntries(f)).filter((e) => e.path.split('/')[1] === 'data').map((e) => [e.path.split('/').slice(1).join('/'), e.data.toString('hex')]);
    expect(await payload(a.file)).toEqual(await payload(b.file));
    expect(a.bundleSha256).not.toBe(b.bundleSha256); // header differs: id, sequence, chain
    const progress: string[] = [];
    await exportBundle(district.ws, { output: join(district.dir, 'c.zip'), full: true, onProgress: (p) => progress.push(p.phase) });
    expect(progress).toContain('records');
    expect(progress.at(-1)).toBe('zip');
  });

  it('rotates a key: announced under the old key, trusted by the receiver, the old key retired', async () => {
    const { district, province } = pair();
    const oldKey = activeOfficeKey(district.ws)!;
    await importBundle(province.ws, (await exportBundle(district.ws, { output: join(district.dir, '1.zip') })).file);
    const next = tx(district, () => rotateOfficeKey(district.ws));
    const b2 = await exportBundle(district.ws, { output: join(district.dir, '2.zip'), full: true });
    expect(activeOfficeKey(district.ws)!.keyId).toBe(next.keyId);
    const r2 = await importBundle(province.ws, b2.file);
    expect(r2.announcedKey).toBe(next.fingerprint);
    const trusted = listTrustedKeys(province.ws);
    expect(trusted.find((k) => k.keyId === next.keyId)).toMatchObject({ unitCode: '3101', revokedAt: null });
    expect(trusted.find((k) => k.keyId === oldKey.keyId)?.revokedAt).toBeTruthy();
    const r3 = await importBundle(province.ws, (await exportBundle(district.ws, { output: join(district.dir, '3.zip'), full: true })).file);
    expect(r3.applied).toBe(true);
  });

  it('keeps the private key sealed: a wrong passphrase opens nothing', async () => {
    const district = office('3101');
    const sealed = district.ws.sqlite.prepare('SELECT sealed_private_key, sealer FROM office_keys').get() as { sealed_private_key: string; sealer: string };
    expect(sealed.sealer).toBe('passphrase');
    const { passphraseSealer, provideSealer } = await import('../../../electron/services/exchange');
    provideSealer(district.ws, passphraseSealer('not the passphrase'));
    const err = await exportBundle(district.ws).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('KEY_WRONG_PASSPHRASE');
  });
});
