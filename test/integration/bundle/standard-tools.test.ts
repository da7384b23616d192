import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBundle, importBundle } from '../../../electron/services/exchange';
import { office, trust } from './offices';

/** Every file under a folder, as paths relative to it with forward slashes. */
function walk(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p, base) : [relative(base, p).split('\\').join('/')];
  });
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/**
 * An independent BagIt (RFC 8493) check, written from the RFC rather than from
 * our reader: bagit.txt, complete manifest and tag manifest, Payload-Oxum.
 */
function validateBag(bag: string): string[] {
  const problems: string[] = [];
  const bagit = readFileSync(join(bag, 'bagit.txt'), 'utf8');
  if (!/^BagIt-Version: \d+\.\d+\nTag-File-Character-Encoding: UTF-8\n$/.test(bagit)) problems.push('bagit.txt');
  const parse = (f: string) =>
    new Map(
      readFileSync(join(bag, f), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => {
          const [hash, ...rest] = l.split(/ +/);
          return [rest.join(' '), hash] as [string, string];
        }),
    );
  const manifest = parse('manifest-sha256.txt');
  const files = walk(bag);
  const payload = files.filter((f) => f.startsWith('data/'));
  for (const f of payload) if (manifest.get(f) !== sha256(join(bag, f))) problems.push(`payload ${f}`);
  if (manifest.size !== payload.length) problems.push('manifest completeness');
  const tags = parse('tagmanifest-sha256.txt');
  for (const [f, h] of tags) if (sha256(join(bag, f)) !== h) problems.push(`tag ${f}`);
  for (const f of ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt']) if (!tags.has(f)) problems.push(`tagmanifest lacks ${f}`);
  const info = readFileSync(join(bag, 'bag-info.txt'), 'utf8');
  const oxum = /^Payload-Oxum: (\d+)\.(\d+)$/m.exec(info);
  const octets = payload.reduce((s, f) => s + statSync(join(bag, f)).size, 0);
  if (!oxum || Number(oxum[1]) !== octets || Number(oxum[2]) !== payload.length) problems.push('Payload-Oxum');
  for (const field of ['Source-Organization', 'Bagging-Date', 'Bundle-Id', 'Issuer-Unit', 'Issuer-Key', 'Sequence', 'Previous-Bundle-SHA256', 'Kind', 'Schema-Version', 'App-Version']) {
    if (!new RegExp(`^${field}: .+$`, 'm').test(info)) problems.push(`bag-info ${field}`);
  }
  return problems;
}

describe('a bundle verifies with standard tools, no ISO Desk needed', () => {
  it('unzips to one BagIt bag whose tag manifest the real minisign program verifies', async () => {
    const district = office('3101', { demo: true });
    const bundle = await exportBundle(district.ws, { output: join(district.dir, 'out.zip') });
    const unpacked = join(district.dir, 'unpacked');
    execFileSync('/usr/bin/unzip', ['-q', bundle.file, '-d', unpacked]);
    const roots = readdirSync(unpacked);
    expect(roots).toEqual(['isodesk-3101-000001']);
    const bag = join(unpacked, roots[0]);
    expect(validateBag(bag)).toEqual([]);
    expect(walk(bag)).toContain('data/records/units.ndjson');

    const pub = join(district.dir, 'office.pub');
    writeFileSync(pub, district.key.publicKeyFile);
    const out = execFileSync('/usr/bin/minisign', ['-V', '-p', pub, '-m', join(bag, 'tagmanifest-sha256.txt'), '-x', join(bag, 'tagmanifest-sha256.txt.minisig')], {
      encoding: 'utf8',
    });
    expect(out).toContain('Signature and comment signature verified');
    expect(out).toContain(`Trusted comment: isodesk-bundle issuer=3101 sequence=1 bundle=${bundle.bundleId}`);

    // A changed tag manifest no longer verifies with minisign either.
    const tm = join(bag, 'tagmanifest-sha256.txt');
    writeFileSync(tm, readFileSync(tm, 'utf8').replace(/^./, (c) => (c === '0' ? '1' : '0')));
    expect(() =>
      execFileSync('/usr/bin/minisign', ['-V', '-p', pub, '-m', tm, '-x', join(bag, 'tagmanifest-sha256.txt.minisig')], { stdio: 'pipe' }),
    ).toThrow();
  });

  it('writes a receipt whose signature minisign verifies', async () => {
    const district = office('3101');
    const province = office('31');
    trust(province, district);
    const bundle = await exportBundle(district.ws);
    const result = await importBundle(province.ws, bundle.file);
    const lines = readFileSync(result.receiptFile!, 'utf8').split('\n');
    writeFileSync(join(province.dir, 'r.json'), `${lines[0]}\n`);
    writeFileSync(join(province.dir, 'r.json.minisig'), `${lines.slice(1).join('\n')}`);
    writeFileSync(join(province.dir, 'p.pub'), province.key.publicKeyFile);
    const out = execFileSync('/usr/bin/minisign', ['-V', '-p', join(province.dir, 'p.pub'), '-m', join(province.dir, 'r.json')], { encoding: 'utf8' });
    expect(out).toContain('Signature and comment signature verified');
  });
});
