import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/common/errors';
import { passphraseSealer } from '../../../electron/services/exchange/sealer';

describe('passphrase sealer (scrypt + AES-256-GCM)', () => {
  const secret = Buffer.from('0123456789abcdef0123456789abcdef');
  const sealer = passphraseSealer('Hải Phòng 2012');

  it('opens what it sealed, and the sealed form does not contain the secret', () => {
    const sealed = sealer.seal(secret);
    expect(sealed.includes(secret)).toBe(false);
    expect(sealer.open(sealed).equals(secret)).toBe(true);
    // NFD input (macOS, Unikey) opens the same key.
    expect(passphraseSealer('Hải Phòng 2012'.normalize('NFD')).open(sealed).equals(secret)).toBe(true);
  });

  it('refuses a wrong passphrase and a damaged seal', () => {
    const sealed = sealer.seal(secret);
    const code = (f: () => unknown) => {
      try {
        f();
        return 'opened';
      } catch (e) {
        return (e as AppError).code;
      }
    };
    expect(code(() => passphraseSealer('Hai Phong 2012').open(sealed))).toBe('KEY_WRONG_PASSPHRASE');
    const damaged = Buffer.from(sealed);
    damaged[damaged.length - 1] ^= 1;
    expect(code(() => sealer.open(damaged))).toBe('KEY_WRONG_PASSPHRASE');
    expect(code(() => passphraseSealer('short').seal(secret))).toBe('PASSPHRASE_TOO_SHORT');
  });
});
