import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { safeStorageSealer, type SafeStorageLike } from '../../../electron/main/sealer';

/** Stands in for the OS keychain: a per-"user" AES key, as DPAPI/Keychain would hold. */
function keychain(available = true, backend = 'gnome_libsecret'): SafeStorageLike {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(text) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(text, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(buf) {
      const d = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
      d.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

describe('office key sealed by the OS keychain', () => {
  it('seals and opens any bytes', () => {
    const sealer = safeStorageSealer(keychain(), 'win32')!;
    expect(sealer.kind).toBe('safeStorage');
    const secret = randomBytes(64);
    const sealed = sealer.seal(secret);
    expect(sealed.includes(secret)).toBe(false);
    expect(sealer.open(sealed).equals(secret)).toBe(true);
  });

  it('cannot be opened by another user or PC, nor from a foreign file, with a clear message', () => {
    const sealed = safeStorageSealer(keychain(), 'win32')!.seal(Buffer.from('khóa'));
    const other = safeStorageSealer(keychain(), 'win32')!;
    expect(() => other.open(sealed)).toThrow(/another account or PC/);
    expect(() => other.open(Buffer.from('IDSK1passphrase-sealed'))).toThrow(/not sealed by this computer/);
  });

  it('is not offered when there is no keychain, or only Linux plain-text storage', () => {
    expect(safeStorageSealer(keychain(false), 'win32')).toBeNull();
    expect(safeStorageSealer(keychain(true, 'basic_text'), 'linux')).toBeNull();
    expect(safeStorageSealer(keychain(true, 'kwallet5'), 'linux')).not.toBeNull();
  });
});
