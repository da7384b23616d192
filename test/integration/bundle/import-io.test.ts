import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalLayout } from '../../../electron/bundle/canonical';
import { AppError } from '../../../electron/common/errors';
import { listBackups } from '../../../electron/services/backup';
import { exportBundle, importBundle, inspectBundle, previewBundle } from '../../../electron/services/exchange';
import { fileBytes } from '../../fixtures/records';
import { procedureWithFiles } from '../../support/procedures';
import { office, trust, type Office } from './offices';

/**
 * How an import handles the bundle's bytes (issue 8): it reads the file once,
 * keeping the signed original from the very bytes it checked; files the store
 * already holds, and those a preview or inspection never uses, are checked
 * but not unpacked; the backup taken before the import runs meanwhile and is
 * kept only when the bundle is applied.
 */
const content = (i: number) => fileBytes(`QT-THU-09:${i}`, 300_000 + i);

async function districtWithFiles(n = 2) {
  const district = office('3101');
  const province = office('31');
  trust(province, district);
  const { attachments } = await procedureWithFiles(
    district.router,
    Array.from({ length: n }, (_, i) => ({ name: `phu-luc-${i}.pdf`, bytes: content(i) })),
  );
  const shas = attachments.map((a) => a.sha256);
  const bundle = await exportBundle(district.ws, { output: join(district.dir, 'b.zip') });
  return { district, province, bundle, shas };
}

const dirEntries = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);
const stored = (o: Office, sha: string) => join(o.dir, 'attachments', sha.slice(0, 2), sha);

/** Nothing a refused import may leave: no backup (whole or half), nothing received, no working copy. */
function expectNothingLeft(o: Office): void {
  expect(listBackups(o.ws)).toEqual([]);
  expect(dirEntries(join(o.dir, 'backups'))).toEqual([]);
  expect(dirEntries(join(o.dir, 'exchange', 'received'))).toEqual([]);
  expect(dirEntries(join(o.dir, 'exchange', 'staging'))).toEqual([]);
}

describe('an import reads its bundle once', () => {
  it('keeps the signed original byte for byte, stores the files, and is preceded by one verified backup', async () => {
    const { province, bundle, shas } = await districtWithFiles();
    const result = await importBundle(province.ws, bundle.file);
    expect(result.applied).toBe(true);
    const received = dirEntries(join(province.dir, 'exchange', 'received'));
    expect(received).toHaveLength(1);
    expect(readFileSync(join(province.dir, 'exchange', 'received', received[0])).equals(readFileSync(bundle.file))).toBe(true);
    shas.forEach((sha, i) => expect(readFileSync(stored(province, sha)).equals(content(i))).toBe(true));
    expect(dirEntries(join(province.dir, 'exchange', 'staging'))).toEqual([]);
    const backups = listBackups(province.ws);
    expect(backups.map((b) => [b.reason, b.verified])).toEqual([['pre-bundle-import', true]]);
    // The backup holds the state before the import: none of the district's files yet.
    expect(dirEntries(join(backups[0].path, 'attachments'))).toEqual([]);
    expect(dirEntries(join(province.dir, 'backups')).filter((f) => f.startsWith('.'))).toEqual([]);

    // Importing it again is a no-op: no second backup, nothing copied again.
    const again = await importBundle(province.ws, bundle.file);
    expect(again).toMatchObject({ applied: false, status: 'already' });
    expect(listBackups(province.ws)).toHaveLength(1);
    expect(dirEntries(join(province.dir, 'exchange', 'received'))).toEqual(received);
    expect(dirEntries(join(province.dir, 'exchange', 'staging'))).toEqual([]);
    // Answering "already" does not unpack the files, but still hashes them: a copy with a changed byte is refused.
    const layout = canonicalLayout(bundle.file);
    const entry = layout.entries.find((e) => e.name.endsWith(shas[1]))!;
    const bad = Buffer.from(readFileSync(bundle.file));
    bad[entry.dataOffset + 500] ^= 0x55;
    const badFile = join(province.dir, 'again-bad.zip');
    writeFileSync(badFile, bad);
    const err = await importBundle(province.ws, badFile).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('ZIP_CRC');
    expect(listBackups(province.ws)).toHaveLength(1);
  });

  it('a preview or an inspection checks every file without keeping anything', async () => {
    const { province, bundle, shas } = await districtWithFiles();
    const preview = await previewBundle(province.ws, bundle.file);
    expect(preview.attachments).toEqual({ total: 2, new: 2 });
    const inspected = await inspectBundle(province.ws, bundle.file);
    for (const sha of shas) {
      expect(inspected.files.find((f) => f.path === `data/attachments/${sha.slice(0, 2)}/${sha}`)?.sha256).toBe(sha);
    }
    for (const sha of shas) expect(existsSync(stored(province, sha))).toBe(false);
    expectNothingLeft(province);
  });

  it('a bundle refused after its backup was started leaves no backup, half or whole, and nothing received', async () => {
    const { bundle } = await districtWithFiles();
    // Known to nobody here: refused once the signature is checked, after the whole file was read.
    const stranger = office('31');
    const err = await importBundle(stranger.ws, bundle.file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('KEY_UNKNOWN');
    expectNothingLeft(stranger);
  });

  it('a file the store already holds is not unpacked again, but still checked', async () => {
    const { province, bundle, shas } = await districtWithFiles();
    // The province holds the first file already (an earlier bundle, a kill before the commit).
    const bytes = content(0);
    mkdirSync(join(stored(province, shas[0]), '..'), { recursive: true });
    writeFileSync(stored(province, shas[0]), bytes);
    const before = statSync(stored(province, shas[0])).ino;

    // The same bundle with one byte of that file changed in the zip: refused, the store untouched.
    const layout = canonicalLayout(bundle.file);
    const entry = layout.entries.find((e) => e.name.endsWith(shas[0]))!;
    const bad = Buffer.from(readFileSync(bundle.file));
    bad[entry.dataOffset + 1000] ^= 0x55;
    const badFile = join(province.dir, 'bad.zip');
    writeFileSync(badFile, bad);
    const err = await importBundle(province.ws, badFile).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('ZIP_CRC');
    expectNothingLeft(province);
    expect(readFileSync(stored(province, shas[0])).equals(bytes)).toBe(true);

    // The untouched bundle is applied; the stored file stays the one that was there.
    expect((await importBundle(province.ws, bundle.file)).applied).toBe(true);
    expect(statSync(stored(province, shas[0])).ino).toBe(before);
    expect(existsSync(stored(province, shas[1]))).toBe(true);
  });
});
