import { AppError } from '../../common/errors';

/**
 * Turns what the disk and SQLite say into the catalogue's plain words:
 * SQLITE_FULL / ENOSPC → DISK_FULL, SQLITE_READONLY / EROFS / EACCES →
 * READ_ONLY_FOLDER, SQLITE_BUSY / SQLITE_LOCKED → DATABASE_BUSY,
 * SQLITE_CORRUPT / SQLITE_NOTADB → DB_DAMAGED, the change log's append-only
 * trigger → CHANGE_LOG_READ_ONLY. SQLite rolls the failed
 * statement's transaction back, so each of these leaves the data as it was.
 * Returns null for anything else.
 */
export function storageError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  if (!err || typeof err !== 'object') return null;
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') return null;
  const path = (err as { path?: unknown }).path;
  const details = typeof path === 'string' ? path : err instanceof Error ? err.message : code;
  if (code === 'SQLITE_CONSTRAINT_TRIGGER' && err instanceof Error && err.message === 'CHANGE_LOG_READ_ONLY') {
    return new AppError('CHANGE_LOG_READ_ONLY');
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return new AppError('DISK_FULL');
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') {
    return new AppError('READ_ONLY_FOLDER', { details });
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return new AppError('DATABASE_BUSY');
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new AppError('DB_DAMAGED', { file: 'isodesk.db', details, backup: '—' });
  }
  return null;
}
