import { call, tempWorkspace } from '../../support/workspace';
import {
  addTrustedKey,
  activeOfficeKey,
  generateOfficeKey,
  passphraseSealer,
  provideSealer,
  type SecretSealer,
} from '../../../electron/services/exchange';

/** One sealer for all test offices: scrypt once per seal/open is the cost we accept. */
export const testSealer: SecretSealer = passphraseSealer('mật khẩu thử nghiệm');

/** A set-up office (real data folder) with its signing key. */
export function office(code: string, options: { demo?: boolean; now?: string } = {}) {
  const t = tempWorkspace({ office: code, demo: options.demo, now: options.now });
  provideSealer(t.ws, testSealer);
  t.ws.sqlite.transaction(() => generateOfficeKey(t.ws))();
  return { ...t, code, key: activeOfficeKey(t.ws)! };
}

export type Office = ReturnType<typeof office>;

/** `receiver` trusts `sender`'s key for the sender's office, fingerprint confirmed. */
export function trust(receiver: Office, sender: Office): void {
  receiver.ws.sqlite.transaction(() =>
    addTrustedKey(receiver.ws, { publicKey: sender.key.publicKeyFile, unitCode: sender.code, confirmFingerprint: sender.key.fingerprint }),
  )();
}

/** Every synchronised row and the change log, to prove "nothing changed". */
export function snapshot(o: Office): string {
  const tables = ['units', 'unit_events', 'unit_steps', 'waves', 'wave_members', 'iso_teams', 'team_members', 'change_log', 'bundles_received', 'trusted_keys'];
  return JSON.stringify(tables.map((t) => o.ws.sqlite.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()));
}

export { call };
