import fc from 'fast-check';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { api } from '../../../electron/api';
import { errorCatalogue } from '../../../electron/common/errors';
import { call, tempWorkspace } from '../../support/workspace';

/**
 * Every API method, through the real router, against random and hostile
 * input: the answer is always an envelope (never a throw), an error is a
 * catalogue error in both languages (never INTERNAL), and a rejected call
 * writes nothing.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

const hostileStrings = fc.constantFrom(
  '',
  ' ',
  '../../../../etc/passwd',
  '..\\..\\Windows\\System32\\config',
  '/etc/passwd',
  'C:\\Windows\\win.ini',
  '\u0000',
  'a\u0000b',
  "'; DROP TABLE units; --",
  '" OR 1=1 --',
  '<img src=x onerror=alert(1)>',
  '__proto__',
  'constructor',
  '%00%2e%2e%2f',
  '\u202eRTL',
  'Tiếng Việt có dấu',
  'x'.repeat(100_000),
  '1/QĐ-BHXH',
  '9999-99-99',
  '2024-02-30',
  '00000000-0000-0000-0000-000000000000',
  'isodesk_2020-01-01_00-00-00_daily',
);

const hostileValues = fc.oneof(
  hostileStrings,
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, 2 ** 53, null, undefined, true, false),
  fc.array(fc.oneof(fc.string(), fc.integer(), hostileStrings), { maxLength: 5 }),
  fc.dictionary(fc.string(), fc.anything(), { maxKeys: 4 }),
  fc.anything(),
);

function keysOf(method: string): string[] {
  const input = api[method as keyof typeof api].input as { shape?: Record<string, unknown> };
  return input.shape ? Object.keys(input.shape) : [];
}

/** Inputs shaped like the method's own (its keys, hostile values), plus anything at all. */
function inputsFor(method: string, ids: string[]) {
  const keys = [...keysOf(method), '__proto__', 'constructor', 'extra'];
  const value = fc.oneof(hostileValues, fc.constantFrom(...ids));
  const shaped = fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: keys.length });
  // Plausible values reach deeper than the schema: services' own rules, foreign keys, dates.
  const plausible = fc.oneof(
    fc.constantFrom(...ids),
    fc.array(fc.constantFrom(...ids), { maxLength: 3 }),
    fc.constantFrom('2012-11-01', '2013-04-30', '2099-01-01', '1900-01-01'),
    fc.constantFrom('district', 'province', 'hq', 'affiliated', 'north', 'active', 'all', 'done', 'in_progress', 'head', 'member', 'vi', 'en'),
    fc.constantFrom('123/QĐ-BHXH', '31', '31101', 'Lê Thị Cúc'),
    fc.integer({ min: -1, max: 5 }),
    fc.boolean(),
    fc.string({ maxLength: 12 }),
    fc.array(fc.record({ code: fc.string({ maxLength: 6 }), name: fc.string({ maxLength: 12 }) }), { maxLength: 3 }),
  );
  const own = keysOf(method);
  const record = (required: boolean) =>
    fc.record(Object.fromEntries(own.map((k) => [k, plausible])), { requiredKeys: required ? own : [] });
  return fc.oneof(shaped, record(false), record(true), record(true), fc.anything(), hostileValues, fc.constant(JSON.parse('{"__proto__":{"polluted":1}}')));
}

/**
 * Hostile paths must never reach the real file system of the machine running
 * the tests (some methods legitimately write where the user points, e.g. an
 * export): absolute paths are re-rooted into a sandbox, and the working
 * directory is deep inside it so `../..` stays there too.
 */
function sandboxed<T>(value: T, sandbox: string): T {
  if (typeof value === 'string') {
    return (/^([\\/]|[A-Za-z]:)/.test(value) ? join(sandbox, value.replace(/^[A-Za-z]:/, '')) : value) as T;
  }
  if (Array.isArray(value)) return value.map((v) => sandboxed(v, sandbox)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = sandboxed(v, sandbox);
    return out as T;
  }
  return value;
}

describe('fuzzing every API method through the real router', () => {
  it('lists every method it fuzzes', () => {
    expect(Object.keys(api).length).toBeGreaterThan(20);
  });

  it('always answers with an envelope; rejected input writes nothing', async () => {
    const { ws, router } = tempWorkspace();
    const sandbox = mkdtempSync(join(tmpdir(), 'isodesk-fuzz-'));
    const deep = join(sandbox, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h');
    mkdirSync(deep, { recursive: true });
    const cwd = process.cwd();
    process.chdir(deep);
    const state = await call(router, 'setup.state');
    const ids = [state.office.id, state.office.parentId];
    const changes = () => ws.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get() as number;
    const settings = () => JSON.stringify(ws.sqlite.prepare('SELECT * FROM settings ORDER BY key').all());

    for (const method of Object.keys(api)) {
      await fc.assert(
        fc.asyncProperty(inputsFor(method, ids).map((v) => sandboxed(v, sandbox)), async (input) => {
          // Never let a fuzzed "folder" be a real one: a valid backup would be written there.
          fc.pre(!(method.startsWith('backup.') && input && typeof input === 'object' && Object.values(input).some((v) => typeof v === 'string' && existsSync(v))));
          const before = { changes: changes(), settings: settings() };
          let envelope;
          try {
            envelope = await router.call(method, input);
          } catch (err) {
            throw new Error(`${method} threw: ${String(err)}`);
          }
          expect(typeof envelope.ok).toBe('boolean');
          if (envelope.ok) {
            expect(() => JSON.stringify(envelope.value)).not.toThrow();
          } else {
            const { code, message } = envelope.error;
            expect(code in errorCatalogue, `${method}: unknown code ${code}`).toBe(true);
            expect(code, `${method} → ${message.en}`).not.toBe('INTERNAL');
            expect(message.vi.length).toBeGreaterThan(0);
            expect(message.en.length).toBeGreaterThan(0);
            expect(changes(), `${method} wrote to the change log on rejected input`).toBe(before.changes);
            expect(settings(), `${method} changed settings on rejected input`).toBe(before.settings);
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        }),
        { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261123) },
      ).catch((err) => {
        process.chdir(cwd);
        throw err;
      });
    }
    process.chdir(cwd);
    rmSync(sandbox, { recursive: true, force: true });
    expect(ws.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(ws.sqlite.pragma('foreign_key_check')).toEqual([]);
  }, 120_000);

  it('unknown and malformed method names are refused', async () => {
    const { router } = tempWorkspace({ setup: false });
    for (const name of ['', 'constructor', '__proto__', 'toString', 'units.list\u0000', 'x'.repeat(10_000), 42 as unknown as string]) {
      const env = await router.call(name, {});
      expect(!env.ok && env.error.code).toBe('UNKNOWN_METHOD');
    }
  });
});
