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

describe('keychain sealer (Electron safeStorage)', () => {
  const keychain = (available: boolean, backend = 'gnome_libsecret') => ({
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    // A stand-in keychain: reversible, and not the identity, like the OS one.
    encryptString: (s: string) => Buffer.from(s, 'utf8').reverse(),
    decryptString: (b: Buffer) => Buffer.from(b).reverse().toString('utf8'),
  });

  it('seals with the keychain when it is real, and declines when it is not', async () => {
    const { safeStorageSealer } = await import('../../../electron/services/exchange/sealer');
    const sealer = safeStorageSealer(keychain(true))!;
    const secret = Buffer.from('fedcba9876543210fedcba9876543210');
    expect(sealer.kind).toBe('safeStorage');
    expect(sealer.open(sealer.seal(secret)).equals(secret)).toBe(true);
    expect(safeStorageSealer(keychain(false))).toBeNull();
    expect(safeStorageSealer(keychain(true, 'basic_text'))).toBeNull();
  });
});
