import { eq } from 'drizzle-orm';
import { settings } from '../../db/schema';
import type { ServiceContext } from './context';
import { cachedStatement } from './statements';

/** Local, never-synchronised settings of this installation. */
export type SettingKey = 'officeUnitId' | 'operator' | 'language';

/**
 * Read on every write (the operator goes into each change-log entry), so
 * through one prepared statement of the connection rather than a query built
 * and prepared each time.
 */
export function readSetting(ctx: Pick<ServiceContext, 'sqlite'>, key: SettingKey): string | null {
  const row = cachedStatement(ctx.sqlite, 'SELECT "value" FROM "settings" WHERE "key" = ?').get(key) as { value: string | null } | undefined;
  return row?.value ?? null;
}

export function writeSetting(ctx: Pick<ServiceContext, 'db'>, key: SettingKey, value: string): void {
  ctx.db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
}
