import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBundle } from '../../../electron/services/exchange';
import { addTeamMember, saveTeam } from '../../../electron/services/units/teams';
import { unitIdForCode } from '../../../electron/services/units/units';
import { call, office, trust } from './offices';

/**
 * The desktop app's "save receipt" (exchange.receipt.saveAs, after the save
 * dialog): the receipt of a bundle imported here — also of one imported
 * before, whose receipt a crash lost — copied where the user chose; nothing
 * else in the data folder can be copied out that way.
 */
describe('exchange.receipt.saveAs', () => {
  it('saves the receipt of a bundle imported now or before, and only a receipt', async () => {
    const district = office('3101');
    const province = office('31');
    trust(province, district);
    district.ws.sqlite.transaction(() => {
      const team = saveTeam(district.ws, { unitId: unitIdForCode('3101'), decisionNo: '45/QĐ-BHXH', decisionDate: '2012-11-20', signer: 'Giám đốc' });
      addTeamMember(district.ws, { teamId: team.id, fullName: 'Ngô Thị Lan', position: 'Phó Giám đốc', role: 'head' });
    })();
    const bundle = await exportBundle(district.ws, { output: join(district.dir, 'd1.zip') });

    const first = await call(province.router, 'exchange.bundle.import', { path: bundle.file });
    expect(first).toMatchObject({ applied: true, status: 'new' });
    const to = join(province.dir, 'biên nhận gửi quận.txt');
    expect(await call(province.router, 'exchange.receipt.saveAs', { receiptFile: first.receiptFile, to })).toEqual({ path: to });
    expect(readFileSync(to, 'utf8')).toBe(first.receiptText);

    // Imported before, the receipt lost: importing again signs it anew, and it can be saved.
    rmSync(first.receiptFile);
    const again = await call(province.router, 'exchange.bundle.import', { path: bundle.file });
    expect(again).toMatchObject({ applied: false, status: 'already', receiptFile: first.receiptFile });
    expect(again.receiptText.split('\n')[0]).toContain(`"bundle_sha256":"${bundle.bundleSha256}"`);
    const to2 = join(province.dir, 'again.txt');
    await call(province.router, 'exchange.receipt.saveAs', { receiptFile: again.receiptFile, to: to2 });
    expect(readFileSync(to2, 'utf8')).toBe(again.receiptText);

    // Only a receipt this office wrote, to an absolute path.
    const refused = async (input: object) => {
      const env = await province.router.call('exchange.receipt.saveAs', input);
      return env.ok ? 'saved' : env.error.code;
    };
    const out = join(province.dir, 'stolen');
    expect(await refused({ receiptFile: join(province.dir, 'isodesk.db'), to: out })).toBe('FILE_NOT_FOUND');
    expect(await refused({ receiptFile: join(province.dir, 'exchange', 'receipts', '..', '..', 'isodesk.db'), to: out })).toBe('FILE_NOT_FOUND');
    expect(await refused({ receiptFile: join(province.dir, 'exchange', 'receipts', 'none.txt'), to: out })).toBe('FILE_NOT_FOUND');
    expect(await refused({ receiptFile: first.receiptFile, to: 'relative.txt' })).toBe('FILE_NOT_FOUND');
    expect(existsSync(out)).toBe(false);
  });
});
