/**
 * Seals the office's private key with the operating system's keychain
 * through Electron's safeStorage (DPAPI on Windows, Keychain on macOS,
 * libsecret/kwallet on Linux). Written against the exchange's
 * `SecretSealer { kind; seal(buf): Buffer; open(buf): Buffer }` shape; the
 * safeStorage object is passed in, so this file does not import Electron.
 */

export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no keyring — a hard-coded key, not a protection. */
  getSelectedStorageBackend?(): string;
}

export interface OsSealer {
  readonly kind: 'safeStorage';
  seal(secret: Buffer): Buffer;
  open(sealed: Buffer): Buffer;
}

const MAGIC = Buffer.from('IDSS1');

/** Why safeStorage cannot protect a key here, or null when it can. */
export function safeStorageUnavailable(ss: SafeStorageLike, platform: NodeJS.Platform): string | null {
  if (!ss.isEncryptionAvailable()) return 'the operating system offers no keychain to this app';
  if (platform === 'linux' && ss.getSelectedStorageBackend?.() === 'basic_text') {
    return 'no keyring (GNOME Keyring / KWallet) is running; the key would be stored with a fixed, public key';
  }
  return null;
}

/** A sealer backed by safeStorage, or null when it would not protect anything (the app then asks for a passphrase). */
export function safeStorageSealer(ss: SafeStorageLike, platform: NodeJS.Platform): OsSealer | null {
  if (safeStorageUnavailable(ss, platform)) return null;
  return {
    kind: 'safeStorage',
    seal(secret) {
      return Buffer.concat([MAGIC, ss.encryptString(secret.toString('base64'))]);
    },
    open(sealed) {
      if (sealed.length <= MAGIC.length || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) {
        throw new Error('The office key was not sealed by this computer’s keychain.');
      }
      let text: string;
      try {
        text = ss.decryptString(sealed.subarray(MAGIC.length));
      } catch {
        throw new Error('The office key cannot be opened by this user on this computer (sealed by another account or PC); restore it from its passphrase-protected copy.');
      }
      return Buffer.from(text, 'base64');
    },
  };
}
