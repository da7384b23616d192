import { passphraseSealer, type SecretSealer } from '../../../electron/services/exchange';
import { giveOfficeKey, trustKey } from '../../support/keys';
import { call, tempWorkspace } from '../../support/workspace';

/** One sealer for all test offices: scrypt once per seal/open is the cost we accept. */
export const testSealer: SecretSealer = passphraseSealer('mật khẩu thử nghiệm');

/** A set-up office (real data folder) with its signing key. */
export function office(code: string, options: { demo?: boolean; now?: string } = {}) {
  const t = tempWorkspace({ office: code, demo: options.demo, now: options.now });
  return { ...t, code, key: giveOfficeKey(t.ws, testSealer) };
}

export type Office = ReturnType<typeof office>;

/** `receiver` trusts `sender`'s key for the sender's office, fingerprint confirmed. */
export function trust(receiver: Office, sender: Office): void {
  trustKey(receiver.ws, sender.key, sender.code);
}

/** Every synchronised row and the change log, to prove "nothing changed". */
export function snapshot(o: Office): string {
  const tables = ['units', 'unit_events', 'unit_steps', 'waves', 'wave_members', 'iso_teams', 'team_members', 'change_log', 'bundles_received', 'trusted_keys'];
  return JSON.stringify(tables.map((t) => o.ws.sqlite.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all()));
}

export { call };
