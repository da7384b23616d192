import { activeOfficeKey, addTrustedKey, generateOfficeKey, provideSealer, type SecretSealer } from '../../electron/services/exchange';
import type { Workspace } from '../../electron/services/workspace';

/** Gives a set-up office its signing key, sealed by `sealer`; returns the key (public file, fingerprint…). */
export function giveOfficeKey(ws: Workspace, sealer: SecretSealer) {
  provideSealer(ws, sealer);
  ws.sqlite.transaction(() => generateOfficeKey(ws))();
  return activeOfficeKey(ws)!;
}

/** `receiver` trusts `key` as unit `unitCode`'s key, its fingerprint confirmed as an operator confirms it. */
export function trustKey(receiver: Workspace, key: { publicKeyFile: string; fingerprint: string }, unitCode: string): void {
  receiver.sqlite.transaction(() => addTrustedKey(receiver, { publicKey: key.publicKeyFile, unitCode, confirmFingerprint: key.fingerprint }))();
}
