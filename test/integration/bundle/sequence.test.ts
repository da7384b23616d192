import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/common/errors';
import { exportBundle, importBundle, listReceived, previewBundle } from '../../../electron/services/exchange';
import { forgeBundle } from './forge';
import { office, snapshot, trust } from './offices';

const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof AppError ? e.code : String(e)));

function setup() {
  const district = office('3101');
  const province = office('31');
  trust(province, district);
  return { district, province };
}

describe('sequence and hash chain of a district’s bundles at its province', () => {
  it('shows a gap and applies past it only when asked; an older bundle afterwards is refused', async () => {
    const { district, province } = setup();
    const b1 = await exportBundle(district.ws, { output: join(district.dir, '1.zip') });
    const b2 = await exportBundle(district.ws, { output: join(district.dir, '2.zip') });
    const b3 = await exportBundle(district.ws, { output: join(district.dir, '3.zip') });
    await importBundle(province.ws, b1.file);
    const preview = await previewBundle(province.ws, b3.file);
    expect(preview).toMatchObject({ status: 'gap', missing: [2] });
    const before = snapshot(province);
    expect(await codeOf(importBundle(province.ws, b3.file))).toBe('BUNDLE_GAP');
    expect(snapshot(province)).toBe(before);
    const applied = await importBundle(province.ws, b3.file, { acceptGap: true });
    expect(applied.applied).toBe(true);
    expect(listReceived(province.ws).find((r) => r.sequence === 3)?.gapAccepted).toBe(true);
    expect(await codeOf(importBundle(province.ws, b2.file))).toBe('BUNDLE_OUT_OF_ORDER');
  });

  it('treats re-importing as a no-op, even out of turn', async () => {
    const { district, province } = setup();
    const b1 = await exportBundle(district.ws, { output: join(district.dir, '1.zip') });
    const b2 = await exportBundle(district.ws, { output: join(district.dir, '2.zip') });
    await importBundle(province.ws, b1.file);
    await importBundle(province.ws, b2.file);
    const before = snapshot(province);
    const again = await importBundle(province.ws, b1.file);
    expect(again).toMatchObject({ applied: false, status: 'already' });
    expect(snapshot(province)).toBe(before);
  });

  it('refuses and flags a fork: a second, different bundle with the same sequence', async () => {
    const { district, province } = setup();
    const b1 = await exportBundle(district.ws, { output: join(district.dir, '1.zip') });
    await importBundle(province.ws, b1.file);
    // The district restores an old backup and issues "bundle 1" again, differently.
    district.ws.sqlite.prepare('DELETE FROM bundles_sent').run();
    const other = await exportBundle(district.ws, { output: join(district.dir, '1b.zip') });
    expect(other.sequence).toBe(1);
    const rowsBefore = province.ws.sqlite.prepare('SELECT COUNT(*) AS n FROM change_log').get();
    expect(await codeOf(importBundle(province.ws, other.file))).toBe('BUNDLE_FORK');
    expect(province.ws.sqlite.prepare('SELECT COUNT(*) AS n FROM change_log').get()).toEqual(rowsBefore);
    expect(listReceived(province.ws).map((r) => r.status).sort()).toEqual(['applied', 'fork']);
  });

  it('refuses a bundle whose previous-bundle hash does not match the chain', async () => {
    const { district, province } = setup();
    const b1 = await exportBundle(district.ws, { output: join(district.dir, '1.zip') });
    await importBundle(province.ws, b1.file);
    const forged = await forgeBundle(district, { sequence: 2, previousSha256: 'f'.repeat(64) });
    expect(await codeOf(importBundle(province.ws, forged.file))).toBe('BUNDLE_CHAIN_BROKEN');
  });
});

describe('two imports at once', () => {
  it('applies a bundle once when it is imported twice concurrently', async () => {
    const { district, province } = setup();
    const b1 = await exportBundle(district.ws, { output: join(district.dir, '1.zip') });
    const results = await Promise.allSettled([importBundle(province.ws, b1.file), importBundle(province.ws, b1.file)]);
    const applied = results.filter((r) => r.status === 'fulfilled' && r.value.applied);
    expect(applied).toHaveLength(1);
    expect(listReceived(province.ws).filter((r) => r.status === 'applied')).toHaveLength(1);
  });
});
