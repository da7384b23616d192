import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIntegrity } from '../../../electron/services/integrity';
import { exportBundle, importBundle, importReceipt, listSent, parseReceipt } from '../../../electron/services/exchange';
import { openBundle } from '../../../electron/bundle/bag';
import { openWorkspace } from '../../../electron/services/workspace';
import { fileBytes } from '../../fixtures/records';
import { procedureWithFiles } from '../../support/procedures';
import { office, trust } from '../bundle/offices';

/**
 * What a crash in the middle of a bundle import leaves behind, each case set
 * up by hand (the crash harness, crash.test.ts, finds them by killing): a
 * receipt never written, files stored before the commit, working copies.
 */
async function districtWithFile() {
  const district = office('3101');
  const province = office('31');
  trust(province, district);
  trust(district, province);
  const { attachments } = await procedureWithFiles(district.router, [{ name: 'QT-THU-09.pdf', bytes: fileBytes('QT-THU-09', 4096) }]);
  const bundle = await exportBundle(district.ws, { output: join(district.dir, 'b.zip') });
  return { district, province, bundle, sha256: attachments[0].sha256 };
}

describe('an import cut short by a crash', () => {
  it('a receipt lost between the commit and its writing is written again by the next import of the bundle', async () => {
    const { district, province, bundle } = await districtWithFile();
    const first = await importBundle(province.ws, bundle.file);
    expect(first.applied).toBe(true);
    rmSync(first.receiptFile!); // the kill came after the commit, before the receipt

    const again = await importBundle(province.ws, bundle.file);
    expect(again).toMatchObject({ applied: false, status: 'already' });
    expect(again.receiptFile).toBe(first.receiptFile);
    expect(parseReceipt(readFileSync(again.receiptFile!, 'utf8')).body).toMatchObject({ bundle_sha256: bundle.bundleSha256, sequence: 1, status: 'applied' });
    // It is a real, signed receipt: the district accepts it.
    expect(importReceipt(district.ws, again.receiptFile!).acknowledgedBy).toBe('31');
    expect(listSent(district.ws)[0]).toMatchObject({ acknowledged: true });

    // A receipt already there is handed back as it is.
    const kept = readFileSync(again.receiptFile!, 'utf8');
    expect((await importBundle(province.ws, bundle.file)).receiptFile).toBe(again.receiptFile);
    expect(readFileSync(again.receiptFile!, 'utf8')).toBe(kept);
  });

  it('without the office key at hand, re-importing stays a no-op that hands back no receipt', async () => {
    const { province, bundle } = await districtWithFile();
    const first = await importBundle(province.ws, bundle.file);
    rmSync(first.receiptFile!);
    const noKey = { ...province.ws }; // a context no sealer was provided for
    const again = await importBundle(noKey, bundle.file);
    expect(again).toMatchObject({ applied: false, status: 'already', receiptFile: null });
  });

  it('files stored before the commit are harmless and adopted by the next import', async () => {
    const { province, bundle, sha256 } = await districtWithFile();
    // The kill came after the bundle's file was stored, before the rows were committed.
    const opened = await openBundle(bundle.file, join(province.dir, 'peek'));
    const target = join(province.dir, 'attachments', sha256.slice(0, 2), sha256);
    mkdirSync(join(target, '..'), { recursive: true });
    copyFileSync(opened.pathOf(`data/attachments/${sha256.slice(0, 2)}/${sha256}`), target);
    writeFileSync(`${target}.part`, 'cut short');
    expect(await checkIntegrity(province.ws, 'full')).toMatchObject({ ok: true });

    const result = await importBundle(province.ws, bundle.file);
    expect(result.applied).toBe(true);
    expect(province.ws.sqlite.prepare('SELECT count(*) FROM attachments WHERE sha256 = ?').pluck().get(sha256)).toBe(1);
    expect(await checkIntegrity(province.ws, 'full')).toMatchObject({ ok: true, attachments: { checked: 1, missing: [], damaged: [] } });
  });

  it('the working copy of an import cut short is removed when the folder is opened again', () => {
    const { ws, dir } = office('31');
    const left = join(dir, 'exchange', 'staging', 'c0ffee');
    mkdirSync(join(left, 'data'), { recursive: true });
    writeFileSync(join(left, 'data', 'staff.ndjson'), '{}\n');
    mkdirSync(join(dir, 'exchange', 'uploads'), { recursive: true });
    writeFileSync(join(dir, 'exchange', 'uploads', 'waiting.zip'), 'an upload awaiting its import');
    ws.close();
    openWorkspace(dir).close();
    expect(existsSync(join(dir, 'exchange', 'staging'))).toBe(false);
    // Uploads wait for the user's import and stay.
    expect(readdirSync(join(dir, 'exchange', 'uploads'))).toEqual(['waiting.zip']);
  });
});
