import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/index';

/** The `isodesk` commands of the issue, on real data folders, with the passphrase from the environment. */
describe('isodesk keys / trust / bundle / receipt', () => {
  const root = mkdtempSync(join(tmpdir(), 'isodesk-cli-'));
  const saved = process.env.ISODESK_PASSPHRASE;
  beforeAll(() => {
    process.env.ISODESK_PASSPHRASE = 'mật khẩu dòng lệnh';
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.ISODESK_PASSPHRASE;
    else process.env.ISODESK_PASSPHRASE = saved;
    rmSync(root, { recursive: true, force: true });
  });
  const run = async (dir: string, ...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['--data-dir', join(root, dir), ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  const f = (name: string) => join(root, name);

  it('runs a district → province exchange with verify, dry run, import and receipt', async () => {
    expect((await run('d', 'init', '--office', '3101')).out).toMatch(/Office key created; fingerprint [A-Z2-7-]{39}/);
    expect((await run('p', 'init', '--office', '31')).code).toBe(0);
    const shown = await run('d', 'keys', 'show');
    const fingerprint = /Fingerprint: (\S+)/.exec(shown.out)![1];
    expect((await run('d', 'keys', 'export-public', f('d.pub'))).code).toBe(0);
    expect((await run('p', 'keys', 'export-public', f('p.pub'))).code).toBe(0);

    // Trust needs the fingerprint confirmed; a wrong one is refused.
    const wrong = await run('p', 'trust', 'add', f('d.pub'), '--unit', '3101', '--fingerprint', 'AAAA-BBBB');
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('does not match');
    expect((await run('p', 'trust', 'add', f('d.pub'), '--unit', '3101', '--fingerprint', fingerprint.toLowerCase())).code).toBe(0);
    expect((await run('d', 'trust', 'add', f('p.pub'), '--unit', '31', '--yes')).code).toBe(0);
    expect((await run('p', 'trust', 'list')).out).toContain(fingerprint);

    const exported = await run('d', 'bundle', 'export', '-o', f('b1.zip'));
    expect(exported.out).toContain('Wrote bundle 1 (full');
    const verified = await run('p', 'bundle', 'verify', f('b1.zip'));
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.out).toMatch(/^Valid: bundle 1 from 3101/);
    expect((await run('p', 'bundle', 'inspect', f('b1.zip'))).out).toContain('unit_steps: 4');

    const dry = await run('p', 'bundle', 'import', f('b1.zip'), '--dry-run');
    expect(dry.out).toContain('Dry run: nothing was changed.');
    expect((await run('p', 'call', 'units.list', '{"query":"Hồng Bàng"}')).out).toBe('[]');
    const imported = await run('p', 'bundle', 'import', f('b1.zip'), '--receipt', f('r1.txt'));
    expect(imported.out).toContain(`Receipt for 3101: ${f('r1.txt')}`);
    expect((await run('p', 'bundle', 'import', f('b1.zip'))).out).toContain('imported before');
    expect((await run('d', 'receipt', 'import', f('r1.txt'))).out).toContain('acknowledged by 31');
    expect((await run('d', 'bundle', 'export', '-o', f('b2.zip'))).err).toContain('Nothing changed since the last acknowledged bundle');
  });

  it('bundle import of a bundle applied before prints its receipt, written again when a crash lost it', async () => {
    expect((await run('d2', 'init', '--office', '3101')).code).toBe(0);
    expect((await run('p2', 'init', '--office', '31')).code).toBe(0);
    expect((await run('d2', 'keys', 'export-public', f('d2.pub'))).code).toBe(0);
    expect((await run('p2', 'keys', 'export-public', f('p2.pub'))).code).toBe(0);
    expect((await run('p2', 'trust', 'add', f('d2.pub'), '--unit', '3101', '--yes')).code).toBe(0);
    expect((await run('d2', 'trust', 'add', f('p2.pub'), '--unit', '31', '--yes')).code).toBe(0);
    expect((await run('d2', 'bundle', 'export', '-o', f('d2-1.zip'))).code).toBe(0);
    const first = await run('p2', 'bundle', 'import', f('d2-1.zip'));
    const kept = /Receipt for 3101: (.+)$/m.exec(first.out)![1];
    expect(kept.startsWith(join(root, 'p2', 'exchange', 'receipts'))).toBe(true);
    const receiptText = readFileSync(kept, 'utf8');

    // Imported before, receipt at hand: the same file, unchanged.
    const again = await run('p2', 'bundle', 'import', f('d2-1.zip'));
    expect(again.code).toBe(0);
    expect(again.out.split('\n').slice(-2)).toEqual(['Nothing to do: this bundle was imported before.', `Receipt for 3101: ${kept}`]);
    expect(readFileSync(kept, 'utf8')).toBe(receiptText);

    // A crash between the import's commit and its receipt: no receipt file. Importing again signs it anew, and --receipt copies it.
    rmSync(kept);
    const recovered = await run('p2', 'bundle', 'import', f('d2-1.zip'), '--receipt', f('d2-1-receipt.txt'));
    expect(recovered.code).toBe(0);
    expect(recovered.out.split('\n').slice(-2)).toEqual(['Nothing to do: this bundle was imported before.', `Receipt for 3101: ${f('d2-1-receipt.txt')}`]);
    expect(readFileSync(kept, 'utf8')).toBe(readFileSync(f('d2-1-receipt.txt'), 'utf8'));
    expect((await run('d2', 'receipt', 'import', f('d2-1-receipt.txt'))).out).toContain('Recorded: bundle 1 acknowledged by 31');

    // Lost again, and no passphrase to sign a new one: says so instead of a path.
    rmSync(kept);
    delete process.env.ISODESK_PASSPHRASE;
    try {
      const locked = await run('p2', 'bundle', 'import', f('d2-1.zip'));
      expect(locked.code).toBe(0);
      expect(locked.out).toContain('Nothing to do: this bundle was imported before.');
      expect(locked.out).toContain('No receipt: the office key could not be opened');
      expect(existsSync(kept)).toBe(false);
    } finally {
      process.env.ISODESK_PASSPHRASE = 'mật khẩu dòng lệnh';
    }
  });

  it('bundle verify exits non-zero with one line saying why', async () => {
    writeFileSync(f('junk.zip'), 'not a bundle');
    const bad = await run('p', 'bundle', 'verify', f('junk.zip'));
    expect(bad.code).toBe(1);
    expect(bad.err.split('\n')).toEqual(['isodesk: This file is not a bundle (not a zip file).']);
    const missing = await run('p', 'bundle', 'verify', f('nope.zip'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('File not found');
  });
});
