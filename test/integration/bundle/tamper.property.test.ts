import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/common/errors';
import { exportBundle, importBundle } from '../../../electron/services/exchange';
import { readEntries, rezip } from './forge';
import { office, snapshot, trust, type Office } from './offices';

/**
 * Whatever is changed in a signed bundle — one byte anywhere, an entry
 * dropped, an entry added — the import refuses it and the database stays
 * exactly as it was. Run counts are modest: CI has two cores.
 */
describe('tampered bundles are always refused', () => {
  let province: Office;
  let district: Office;
  let good: Buffer;
  let entries: { path: string; data: Buffer }[];
  let n = 0;

  beforeEach(async () => {
    district = office('3101', { demo: true });
    province = office('31', { demo: true });
    trust(province, district);
    const b = await exportBundle(district.ws, { output: join(district.dir, 'good.zip') });
    good = readFileSync(b.file);
    entries = await readEntries(b.file);
  });

  async function expectRefused(file: string): Promise<void> {
    const before = snapshot(province);
    const err = await importBundle(province.ws, file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(snapshot(province)).toBe(before);
  }

  it('refuses any flipped byte', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: good.length - 1 }), fc.integer({ min: 1, max: 255 }), async (pos, xor) => {
        const bad = Buffer.from(good);
        bad[pos] ^= xor;
        const file = join(district.dir, `flip-${n++}.zip`);
        writeFileSync(file, bad);
        await expectRefused(file);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses a bundle with any entry dropped', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: entries.length - 1 }), async (i) => {
        const file = await rezip(join(district.dir, 'good.zip'), join(district.dir, `drop-${n++}.zip`), (es) => es.filter((_, j) => j !== i));
        await expectRefused(file);
      }),
      { numRuns: 15 },
    );
  });

  it('refuses a bundle with any entry added', async () => {
    const root = entries[0].path.split('/')[0];
    const dirs = ['', 'data/', 'data/records/', 'data/attachments/ab/', 'data/provenance/'];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...dirs),
        fc.stringMatching(/^[a-z0-9_.-]{1,20}$/).filter((s) => s !== '.' && s !== '..'),
        fc.uint8Array({ maxLength: 64 }),
        async (dir, name, data) => {
          const path = `${root}/${dir}${name}`;
          fc.pre(!entries.some((e) => e.path === path || e.path.startsWith(`${path}/`)));
          const file = await rezip(join(district.dir, 'good.zip'), join(district.dir, `add-${n++}.zip`), (es) => [...es, { path, data: Buffer.from(data) }]);
          await expectRefused(file);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('still imports the untouched bundle (the tests above refused for cause)', async () => {
    const r = await importBundle(province.ws, join(district.dir, 'good.zip'));
    expect(r.applied).toBe(true);
  });
});
