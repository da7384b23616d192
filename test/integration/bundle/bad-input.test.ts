import { copyFileSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/common/errors';
import { exportBundle, importBundle, revokeTrustedKey } from '../../../electron/services/exchange';
import { unitIdForCode } from '../../../electron/services/units/units';
import { forgeBundle, patchName, rawZip, readEntries, rezip, sqlRow } from './forge';
import { office, snapshot, trust, type Office } from './offices';

/** Imports and expects a refusal with this code, the database exactly as before. */
async function refused(receiver: Office, file: string, code: string, options = {}) {
  const before = snapshot(receiver);
  const err = await importBundle(receiver.ws, file, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  expect((err as AppError).toPayload().message.vi).not.toMatch(/\{\w+\}/);
  expect(snapshot(receiver)).toBe(before);
  return err as AppError;
}

describe('bad bundles are refused with a specific reason and change nothing', () => {
  let district: Office;
  let province: Office;
  let good: string;
  let root: string;
  beforeEach(async () => {
    district = office('3101');
    province = office('31');
    trust(province, district);
    good = (await exportBundle(district.ws, { output: join(district.dir, 'good.zip') })).file;
    root = (await readEntries(good))[0].path.split('/')[0];
  });

  it('refuses a file that is not a zip, and a truncated one', async () => {
    const notZip = join(district.dir, 'notes.zip');
    writeFileSync(notZip, 'Biên bản họp ban ISO\n'.repeat(50));
    await refused(province, notZip, 'NOT_A_ZIP');
    const cut = join(district.dir, 'cut.zip');
    copyFileSync(good, cut);
    truncateSync(cut, Math.floor(readFileSync(good).length / 2));
    await refused(province, cut, 'ZIP_TRUNCATED');
  });

  it('refuses a missing, an extra and a renamed file', async () => {
    await refused(province, await rezip(good, join(district.dir, 'missing.zip'), (es) => es.filter((e) => !e.path.endsWith('units.ndjson'))), 'BAG_FILE_MISSING');
    await refused(province, await rezip(good, join(district.dir, 'extra.zip'), (es) => [...es, { path: `${root}/data/records/notes.txt`, data: Buffer.from('x') }]), 'BAG_FILE_EXTRA');
    await refused(province, await rezip(good, join(district.dir, 'extratag.zip'), (es) => [...es, { path: `${root}/readme.txt`, data: Buffer.from('x') }]), 'BAG_FILE_EXTRA');
    await refused(
      province,
      await rezip(good, join(district.dir, 'renamed.zip'), (es) => es.map((e) => (e.path.endsWith('waves.ndjson') ? { ...e, path: e.path.replace('waves', 'wavez') } : e))),
      'BAG_FILE_MISSING',
    );
    await refused(province, await rezip(good, join(district.dir, 'nosig.zip'), (es) => es.filter((e) => !e.path.endsWith('.minisig'))), 'SIGNATURE_MISSING');
  });

  it('refuses changed content even when the manifest is updated to match', async () => {
    const tampered = await rezip(good, join(district.dir, 'content.zip'), (es) => {
      const units = es.find((e) => e.path.endsWith('records/units.ndjson'))!;
      units.data = Buffer.from(units.data.toString().replace('BHXH', 'BHXX'));
      return es;
    });
    await refused(province, tampered, 'BAG_HASH_MISMATCH');
  });

  it('refuses unsafe paths, links and duplicate entries', async () => {
    const ok = { path: `${root}/bagit.txt`, data: Buffer.from('BagIt-Version: 1.0\n') };
    const dir = district.dir;
    const evil = (name: string, placeholder: string, bad: string) =>
      rawZip(join(dir, name), [ok, { path: placeholder, data: Buffer.from('x') }]).then((f) => patchName(f, placeholder, bad));
    expect((await refused(province, await evil('dots.zip', `${root}/data/xx/xx/evil.txt`, `${root}/data/../../evil.txt`), 'ZIP_BAD_PATH')).params.reason).toBe('..');
    expect((await refused(province, await evil('abs.zip', 'xetc/evil.txt', '/etc/evil.txt'), 'ZIP_BAD_PATH')).params.reason).toBe('absolute path');
    expect((await refused(province, await evil('bs.zip', `${root}/data/evil.txt`, `${root}\\data\\evil.txt`), 'ZIP_BAD_PATH')).params.reason).toBe('backslash');
    await refused(province, await rawZip(join(dir, 'link.zip'), [ok, { path: `${root}/data/link`, data: Buffer.from('/etc/passwd'), mode: 0o120777 }]), 'ZIP_LINK');
    await refused(province, await rawZip(join(dir, 'dup.zip'), [ok, ok]), 'ZIP_DUPLICATE');
    await refused(province, await rawZip(join(dir, 'two.zip'), [ok, { path: 'other/bagit.txt', data: Buffer.from('x') }]), 'BAG_LAYOUT');
  });

  it('refuses a zip bomb by its compression ratio before unpacking it', async () => {
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    expect(deflateRawSync(zeros).length).toBeLessThan(200_000);
    await refused(province, await rawZip(join(district.dir, 'bomb.zip'), [{ path: `${root}/data/zeros`, data: zeros, compress: true }]), 'ZIP_BOMB');
  });

  it('refuses a container rewritten by another zip tool, even with the same files', async () => {
    const entries = await readEntries(good);
    await refused(province, await rawZip(join(district.dir, 'rezipped.zip'), entries.map((e) => ({ ...e, compress: true }))), 'ZIP_NOT_CANONICAL');
  });

  it('refuses a bundle from a newer ISO Desk, asking to update', async () => {
    const { file } = await forgeBundle(district, { schemaVersion: 999 });
    const err = await refused(province, file, 'BUNDLE_SCHEMA_NEWER');
    expect(err.toPayload().message.vi).toContain('cập nhật ISO Desk');
  });

  it('refuses unknown, revoked and mismatched keys', async () => {
    const stranger = office('3102');
    const fromStranger = await exportBundle(stranger.ws);
    await refused(province, fromStranger.file, 'KEY_UNKNOWN');
    // The stranger's key trusted for 3102, but it signs a bundle claiming to be 3101.
    trust(province, stranger);
    const posing = await forgeBundle(stranger, { issuer: { code: '3101', id: unitIdForCode('3101') } });
    await refused(province, posing.file, 'KEY_UNIT_MISMATCH');
    province.ws.sqlite.transaction(() => revokeTrustedKey(province.ws, district.key.keyId))();
    await refused(province, good, 'KEY_REVOKED');
  });

  it('refuses records outside the issuer’s subtree, even one among many', async () => {
    const row = sqlRow(district, 'units', 'code = ?', '3101');
    const provinceRow: Record<string, unknown> = { ...sqlRow(province, 'units', 'code = ?', '31'), name: 'Chiếm quyền', updated_at: '2030-01-01T00:00:00.000Z' };
    const { file } = await forgeBundle(district, { records: { units: [row, provinceRow].sort((a, b) => String(a.id).localeCompare(String(b.id))) } });
    const err = await refused(province, file, 'BUNDLE_OUTSIDE_SUBTREE');
    expect(err.params.rowId).toBe(provinceRow.id);
  });

  it('refuses malformed records with file and line', async () => {
    const row = { ...sqlRow(district, 'units', 'code = ?', '3101'), type: 'ministry' };
    const err = await refused(province, (await forgeBundle(district, { records: { units: [row] } })).file, 'BUNDLE_ROW_INVALID');
    expect(err.params).toMatchObject({ file: 'data/records/units.ndjson', line: 1 });
    const unknown = await forgeBundle(district, { records: { secrets: [{ id: 'x' }] } });
    await refused(province, unknown.file, 'BUNDLE_UNKNOWN_TABLE');
  });

  it('refuses records that point at rows the receiver does not have, naming them', async () => {
    const wave = { id: '00000000-0000-4000-8000-000000000001', unit_id: unitIdForCode('3101'), name: 'Đợt thử', planned_start: '2013-01-01', planned_end: '2013-06-30', note: '', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', deleted: 0 };
    const member = { id: '00000000-0000-4000-8000-000000000002', unit_id: unitIdForCode('3101'), wave_id: wave.id, member_id: unitIdForCode('9999'), created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z', deleted: 0 };
    const err = await refused(province, (await forgeBundle(district, { records: { waves: [wave], wave_members: [member] } })).file, 'BUNDLE_REFERENCES');
    expect(err.params.details).toContain('wave_members → units');
    // Rows are applied with foreign keys off: they are on again after the refusal.
    expect(province.ws.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});

describe('a roll-up must carry genuine bundles of the province’s own districts', () => {
  it('refuses carried bundles that are altered, of another key, or from outside the subtree', async () => {
    const { exportBundle: exp } = await import('../../../electron/services/exchange');
    const district = office('3101');
    const elsewhere = office('7701');
    const province = office('31');
    const hq = office('VN');
    trust(hq, province);
    const d1 = await exp(district.ws, { output: join(district.dir, 'd1.zip') });
    const e1 = await exp(elsewhere.ws, { output: join(elsewhere.dir, 'e1.zip') });
    const line = (b: typeof d1, o: Office, code: string, file: string) =>
      `${JSON.stringify({ bundle_id: b.bundleId, bundle_sha256: b.bundleSha256, file, issuer_code: code, issuer_unit_id: unitIdForCode(code), key_id: o.key.keyId, previous_sha256: '0'.repeat(64), public_key: o.key.publicKeyFile.split('\n')[1], sequence: 1 })}\n`;
    const carry = (bytes: Buffer, indexLine: string, name: string) => [
      { path: `data/provenance/${name}`, data: bytes },
      { path: 'data/provenance/index.ndjson', data: Buffer.from(indexLine) },
    ];
    const altered = Buffer.from(readFileSync(d1.file));
    altered[altered.length - 200] ^= 1;
    const bad1 = await forgeBundle(province, { extra: carry(altered, line(d1, district, '3101', 'data/provenance/d1.zip'), 'd1.zip') });
    expect((await refused(hq, bad1.file, 'BUNDLE_NESTED_INVALID')).params.name).toBe('data/provenance/d1.zip');
    const bad2 = await forgeBundle(province, { sequence: 1, extra: carry(readFileSync(e1.file), line(e1, elsewhere, '7701', 'data/provenance/e1.zip'), 'e1.zip') });
    await refused(hq, bad2.file, 'BUNDLE_OUTSIDE_SUBTREE');
    // Headquarters knows the district's real key: a carried bundle under another key is refused.
    trust(hq, district);
    const impostor = office('3101');
    const i1 = await exp(impostor.ws, { output: join(impostor.dir, 'i1.zip') });
    const bad3 = await forgeBundle(province, { extra: carry(readFileSync(i1.file), line(i1, impostor, '3101', 'data/provenance/i1.zip'), 'i1.zip') });
    expect((await refused(hq, bad3.file, 'BUNDLE_NESTED_INVALID')).params.details).toContain('not by the key trusted here');
    const units = [sqlRow(province, 'units', 'code = ?', '31'), sqlRow(district, 'units', 'code = ?', '3101')].sort((a, b) => String(a.id).localeCompare(String(b.id)));
    const good = await forgeBundle(province, { records: { units }, extra: carry(readFileSync(d1.file), line(d1, district, '3101', 'data/provenance/d1.zip'), 'd1.zip') });
    expect((await importBundle(hq.ws, good.file)).provenance).toHaveLength(1);
  });
});
