import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportBundle, importBundle, registerAttachmentLister, type AttachmentFile } from '../../../electron/services/exchange';
import { office, trust } from './offices';

let unregister: (() => void) | null = null;
afterEach(() => {
  unregister?.();
  unregister = null;
});

/** Writes a file of `mb` MiB in 1 MiB chunks and returns it as an attachment. */
function bigFile(dir: string, mb: number, seed: number): AttachmentFile {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `scan-${seed}.pdf`);
  const fd = openSync(file, 'w');
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < mb; i++) {
    chunk.fill(i + seed);
    writeSync(fd, chunk);
    hash.update(chunk);
  }
  closeSync(fd);
  return { file, sha256: hash.digest('hex'), size: mb * 1024 * 1024 };
}

describe('attachments travel by content, through the lister an area registers', () => {
  it('carries the listed files, stores them at the receiver by hash, with flat memory', async () => {
    const district = office('3101');
    const province = office('31');
    trust(province, district);
    const small = bigFile(join(district.dir, 'files'), 1, 1);
    const large = bigFile(join(district.dir, 'files'), 96, 2);
    const seen: ReadonlySet<string>[] = [];
    unregister = registerAttachmentLister((_ctx, scope) => {
      seen.push(scope.unitIds);
      return [large, small];
    });
    global.gc?.();
    const base = process.memoryUsage();
    let peak = 0;
    const bundle = await exportBundle(district.ws, {
      output: join(district.dir, 'with-files.zip'),
      onProgress: () => {
        const m = process.memoryUsage();
        peak = Math.max(peak, m.heapUsed + m.arrayBuffers - base.heapUsed - base.arrayBuffers);
      },
    });
    expect(bundle.attachments).toBe(2);
    expect([...seen[0]]).toContain(district.ws.sqlite.prepare("SELECT id FROM units WHERE code = '3101'").pluck().get());
    // 97 MiB went through; memory (garbage not yet collected included) stayed well under half of it.
    expect(peak).toBeLessThan(48 * 1024 * 1024);
    const names = execFileSync('/usr/bin/unzip', ['-Z1', bundle.file], { encoding: 'utf8' }).split('\n');
    expect(names).toContain(`isodesk-3101-000001/data/attachments/${small.sha256.slice(0, 2)}/${small.sha256}`);

    const result = await importBundle(province.ws, bundle.file);
    expect(result.attachments).toEqual({ total: 2, new: 2 });
    expect(province.ws.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    const stored = join(province.dir, 'attachments', small.sha256.slice(0, 2), small.sha256);
    expect(existsSync(stored)).toBe(true);
    expect(readFileSync(stored).equals(readFileSync(small.file))).toBe(true);
  });

  it('refuses to export a stored file whose bytes no longer match its hash, and writes no bundle', async () => {
    const district = office('3101');
    const file = bigFile(join(district.dir, 'files'), 2, 3);
    // The store was altered after the file was recorded: one byte changed, same size.
    const fd = openSync(file.file, 'r+');
    writeSync(fd, Buffer.from([0xff]), 0, 1, 1024 * 1024 + 7);
    closeSync(fd);
    unregister = registerAttachmentLister(() => [file]);
    const output = join(district.dir, 'altered.zip');
    await expect(exportBundle(district.ws, { output })).rejects.toMatchObject({ code: 'BUNDLE_FILE_CHANGED' });
    expect(existsSync(output)).toBe(false);
    expect(existsSync(`${output}.part`)).toBe(false);
    expect(district.ws.sqlite.prepare('SELECT count(*) AS n FROM bundles_sent').get()).toEqual({ n: 0 });
  });
});
