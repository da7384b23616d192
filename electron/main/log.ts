import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The desktop app's log: <dataDir>/logs/main.log, appended synchronously (a
 * crash must not lose its last line), rotated by size: main.log → main.1.log
 * → … → main.<keep>.log, the oldest dropped.
 */

export const LOGS_DIR = 'logs';
export const LOG_FILE = 'main.log';

export type Level = 'INFO' | 'WARN' | 'ERROR';

export interface LogOptions {
  /** Rotate when the file would grow past this (bytes). */
  maxBytes?: number;
  /** How many rotated files to keep besides main.log. */
  keep?: number;
  now?: () => Date;
}

export interface Logger {
  readonly dir: string;
  readonly file: string;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

export const DEFAULT_MAX_BYTES = 1024 * 1024;
export const DEFAULT_KEEP = 5;

/** One readable text for anything thrown (Error with stack and cause, strings, objects). */
export function describeError(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause !== undefined ? `\nCaused by: ${describeError(err.cause)}` : '';
    return `${err.stack ?? `${err.name}: ${err.message}`}${cause}`;
  }
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}

export function rotatedName(index: number): string {
  return index === 0 ? LOG_FILE : LOG_FILE.replace(/\.log$/, `.${index}.log`);
}

/** Shifts main.log → main.1.log … and drops the oldest. */
export function rotate(dir: string, keep: number): void {
  rmSync(join(dir, rotatedName(keep)), { force: true });
  for (let i = keep - 1; i >= 0; i--) {
    const from = join(dir, rotatedName(i));
    if (existsSync(from)) renameSync(from, join(dir, rotatedName(i + 1)));
  }
}

export function createLogger(dataDir: string, options: LogOptions = {}): Logger {
  const dir = join(dataDir, LOGS_DIR);
  const file = join(dir, LOG_FILE);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const keep = Math.max(1, options.keep ?? DEFAULT_KEEP);
  const now = options.now ?? (() => new Date());

  const write = (level: Level, message: string) => {
    const line = `${now().toISOString()} ${level} ${message.replace(/\r?\n/g, '\n    ')}\n`;
    try {
      mkdirSync(dir, { recursive: true });
      let size = 0;
      try {
        size = statSync(file).size;
      } catch {
        size = 0;
      }
      if (size > 0 && size + Buffer.byteLength(line) > maxBytes) rotate(dir, keep);
      appendFileSync(file, line);
    } catch {
      // Logging must never take the app down (disk full, read-only folder): the console still gets it.
    }
    if (level === 'ERROR') console.error(line.trimEnd());
  };

  return {
    dir,
    file,
    info: (m) => write('INFO', m),
    warn: (m) => write('WARN', m),
    error: (m, err) => write('ERROR', err === undefined ? m : `${m}\n${describeError(err)}`),
  };
}

/** What the user is told after an unexpected error (Vietnamese first), naming the log file to send to support. */
export function crashNotice(logFile: string, err: unknown): { title: string; message: string } {
  const summary = (err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 300);
  return {
    title: 'ISO Desk — Lỗi không mong đợi / Unexpected error',
    message:
      `ISO Desk gặp lỗi không mong đợi: ${summary}\n` +
      `Dữ liệu đã lưu không bị ảnh hưởng. Chi tiết được ghi vào:\n${logFile}\n` +
      `Nếu lỗi lặp lại, hãy gửi tệp này cho bộ phận hỗ trợ.\n\n` +
      `ISO Desk hit an unexpected error: ${summary}\n` +
      `Saved data is not affected. Details were written to:\n${logFile}\n` +
      `If it happens again, send this file to support.`,
  };
}
