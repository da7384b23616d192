import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/common/errors';
import { storageError } from '../../../electron/services/integrity/storage-errors';

const err = (code: string, message = code, path?: string) => Object.assign(new Error(message), { code, path });

describe('disk and SQLite failures become plain messages', () => {
  it.each([
    ['SQLITE_FULL', 'DISK_FULL'],
    ['ENOSPC', 'DISK_FULL'],
    ['EDQUOT', 'DISK_FULL'],
    ['SQLITE_READONLY', 'READ_ONLY_FOLDER'],
    ['SQLITE_READONLY_DBMOVED', 'READ_ONLY_FOLDER'],
    ['EROFS', 'READ_ONLY_FOLDER'],
    ['EACCES', 'READ_ONLY_FOLDER'],
    ['SQLITE_BUSY', 'DATABASE_BUSY'],
    ['SQLITE_BUSY_SNAPSHOT', 'DATABASE_BUSY'],
    ['SQLITE_LOCKED', 'DATABASE_BUSY'],
    ['SQLITE_CORRUPT', 'DB_DAMAGED'],
    ['SQLITE_NOTADB', 'DB_DAMAGED'],
  ])('%s → %s, in Vietnamese and English', (code, expected) => {
    const mapped = storageError(err(code, code, '/data/ISO Desk'));
    expect(mapped?.code).toBe(expected);
    const payload = mapped!.toPayload();
    expect(payload.message.vi).not.toMatch(/\{\w+\}/);
    expect(payload.message.en).not.toMatch(/\{\w+\}/);
  });

  it('recognises the append-only change log trigger', () => {
    expect(storageError(err('SQLITE_CONSTRAINT_TRIGGER', 'CHANGE_LOG_READ_ONLY'))?.code).toBe('CHANGE_LOG_READ_ONLY');
    expect(storageError(err('SQLITE_CONSTRAINT_TRIGGER', 'another trigger'))).toBeNull();
  });

  it('leaves other errors alone and passes catalogue errors through', () => {
    expect(storageError(err('SQLITE_CONSTRAINT_UNIQUE'))).toBeNull();
    expect(storageError(new Error('x'))).toBeNull();
    expect(storageError('text')).toBeNull();
    expect(storageError(null)).toBeNull();
    const app = new AppError('NOT_FOUND', { entity: 'unit' });
    expect(storageError(app)).toBe(app);
  });
});
