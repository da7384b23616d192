import { eq } from 'drizzle-orm';
import { settings } from '../../db/schema';
import type { ServiceContext } from './context';

/** Local, never-synchronised settings of this installation. */
export type SettingKey = 'officeUnitId' | 'operator' | 'language';

export function readSetting(ctx: Pick<ServiceContext, 'db'>, key: SettingKey): string | null {
  return ctx.db.select().from(settings).where(eq(settings.key, key)).get()?.value ?? null;
}

export function writeSetting(ctx: Pick<ServiceContext, 'db'>, key: SettingKey, value: string): void {
  ctx.db.insert(settings).values({ key, value }).onConflictDoUpdate({ target: settings.key, set: { value } }).run();
}
