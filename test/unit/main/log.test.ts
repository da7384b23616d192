import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { crashNotice, createLogger, describeError, LOG_FILE, LOGS_DIR } from '../../../electron/main/log';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'isodesk-log-'));
  dirs.push(d);
  return d;
};
const fixed = () => new Date('2026-11-23T08:00:00.000Z');

describe('main process log', () => {
  it('writes timestamped lines to <dataDir>/logs/main.log, with the stack of an error', () => {
    const dataDir = temp();
    const log = createLogger(dataDir, { now: fixed });
    log.info('Khởi động');
    const err = new Error('ổ đĩa đầy', { cause: new Error('ENOSPC') });
    log.error('Uncaught exception', err);
    expect(log.file).toBe(join(dataDir, LOGS_DIR, LOG_FILE));
    const text = readFileSync(log.file, 'utf8');
    expect(text).toMatch(/^2026-11-23T08:00:00.000Z INFO Khởi động\n/);
    expect(text).toContain('ERROR Uncaught exception\n    Error: ổ đĩa đầy');
    expect(text).toContain('Caused by: Error: ENOSPC');
  });

  it('rotates by size and keeps only the newest files', () => {
    const dataDir = temp();
    const log = createLogger(dataDir, { maxBytes: 200, keep: 3, now: fixed });
    for (let i = 0; i < 60; i++) log.info(`dòng ${String(i).padStart(3, '0')} ${'x'.repeat(40)}`);
    const files = readdirSync(join(dataDir, LOGS_DIR)).sort();
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.3.log', 'main.log']);
    for (const f of files) expect(readFileSync(join(dataDir, LOGS_DIR, f)).length).toBeLessThanOrEqual(200);
    // The newest line is in main.log, older ones in main.1.log; the oldest were dropped.
    expect(readFileSync(log.file, 'utf8')).toContain('dòng 059');
    const all = files.map((f) => readFileSync(join(dataDir, LOGS_DIR, f), 'utf8')).join('');
    expect(all).not.toContain('dòng 000');
    const older = readFileSync(join(dataDir, LOGS_DIR, 'main.1.log'), 'utf8');
    expect(older).not.toContain('dòng 059');
  });

  it('a single line longer than the limit is still written (never lost)', () => {
    const dataDir = temp();
    const log = createLogger(dataDir, { maxBytes: 50, keep: 2, now: fixed });
    log.warn('y'.repeat(300));
    expect(readFileSync(log.file, 'utf8')).toContain('y'.repeat(300));
  });

  it('never throws when the folder cannot be written', () => {
    const dataDir = temp();
    const log = createLogger(join(dataDir, 'missing', '\0bad'), { now: fixed });
    expect(() => log.info('x')).not.toThrow();
    expect(existsSync(join(dataDir, 'missing'))).toBe(false);
  });
});

describe('messages about errors', () => {
  it('describes anything thrown', () => {
    expect(describeError('plain')).toBe('plain');
    expect(describeError({ code: 7 })).toBe('{"code":7}');
    expect(describeError(new TypeError('t'))).toContain('TypeError: t');
  });

  it('tells the user in Vietnamese first and names the log file', () => {
    const n = crashNotice('/data/logs/main.log', new Error('boom\nstack line'));
    expect(n.message.indexOf('ISO Desk gặp lỗi')).toBe(0);
    expect(n.message).toContain('/data/logs/main.log');
    expect(n.message).toContain('unexpected error: boom\n');
    expect(n.message).not.toContain('stack line');
  });
});
