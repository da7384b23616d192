import { describe, expect, it } from 'vitest';
import { api } from '../../../electron/api';
import { runCli } from '../../../electron/cli/index';
import { startHost } from '../../../electron/host/server';
import { tempWorkspace } from '../../support/workspace';

describe('one API, every transport', () => {
  it('the localhost host and the CLI serve every method of the contract', async () => {
    const { router, dir, ws } = tempWorkspace();
    const host = await startHost({ router, staticDir: dir });
    try {
      const res = await fetch(`${host.url}/api/methods`, { headers: { Authorization: `Bearer ${host.token}` } });
      expect(((await res.json()) as string[]).sort()).toEqual(Object.keys(api).sort());
      const call = await fetch(`${host.url}/api/units.list`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'province' }),
      });
      const env = (await call.json()) as any;
      expect(env.ok).toBe(true);
      expect(env.value[0].code).toBe('31');
    } finally {
      await host.close();
    }
    ws.close();
    const lines: string[] = [];
    expect(await runCli(['--data-dir', dir, 'methods'], { out: (l) => lines.push(l), err: () => {} })).toBe(0);
    expect(lines.sort()).toEqual(Object.keys(api).sort());
  });

  it('rejects bad input with a clear message on every transport', async () => {
    const { router, dir, ws } = tempWorkspace();
    const env = await router.call('units.create', { code: '', name: 'X', type: 'district' });
    expect(env.ok).toBe(false);
    if (!env.ok) expect(env.error.message).toEqual({ vi: 'Cần nhập Mã đơn vị.', en: 'Unit code is required.' });
    const unknown = await router.call('units.drop', {});
    expect(!unknown.ok && unknown.error.code).toBe('UNKNOWN_METHOD');
    const wrongType = await router.call('units.list', 'hello');
    expect(!wrongType.ok && wrongType.error.code).toBe('INVALID_INPUT');
    ws.close();
    const errors: string[] = [];
    const code = await runCli(['--data-dir', dir, 'call', 'steps.update', '{"unitId":"nope","step":1}'], { out: () => {}, err: (l) => errors.push(l) });
    expect(code).toBe(1);
    expect(errors.join('\n')).toContain('not a valid identifier');
  });

  it('the host refuses calls without the token', async () => {
    const { router, dir } = tempWorkspace();
    const host = await startHost({ router, staticDir: dir });
    try {
      const res = await fetch(`${host.url}/api/units.list`, { method: 'POST', body: '{}' });
      expect(res.status).toBe(401);
    } finally {
      await host.close();
    }
  });
});
