import type { ServiceContext } from '../context';
import { listReceived, listSent } from './bookkeeping';
import { activeOfficeKey, pendingOfficeKey } from './keys';
import { officeUnit } from './office';
import { sealerOf } from './sealer';
import { listTrustedKeys } from './trust';

export * from './attachments';
export * from './export';
export * from './import';
export * from './inspect';
export * from './keys';
export * from './receipts';
export * from './sealer';
export * from './trust';
export { listReceived, listSent } from './bookkeeping';
export { officeUnit } from './office';

/** Everything the exchange page shows at once. */
export function exchangeOverview(ctx: ServiceContext) {
  const office = officeUnit(ctx);
  return {
    office: { id: office.id, code: office.code, name: office.name, type: office.type },
    key: activeOfficeKey(ctx),
    pendingKey: pendingOfficeKey(ctx),
    /** Whether this process can open the key (a sealer or ISODESK_PASSPHRASE is available). */
    unlockable: !!sealerOf(ctx),
    trusted: listTrustedKeys(ctx),
    sent: listSent(ctx),
    received: listReceived(ctx),
  };
}
