import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';

/**
 * Seals the office's private key at rest. The desktop app provides one
 * backed by Electron's safeStorage (the OS keychain); the CLI, the browser
 * preview and tests use a passphrase (scrypt + AES-256-GCM).
 */
export interface SecretSealer {
  /** Stored with the key so it is reopened the same way ('passphrase', 'safeStorage'). */
  readonly kind: string;
  seal(secret: Buffer): Buffer;
  open(sealed: Buffer): Buffer;
}

const MAGIC = Buffer.from('IDSK1');
// scrypt cost: N=2^15, r=8 (32 MiB, ~0.1 s): slow enough for a stolen file, fast enough per export.
const N = 1 << 15;
const R = 8;
const P = 1;

export function passphraseSealer(passphrase: string): SecretSealer {
  const derive = (salt: Buffer, n: number) => scryptSync(passphrase.normalize('NFC'), salt, 32, { N: n, r: R, p: P, maxmem: 128 * n * R * 2 });
  return {
    kind: 'passphrase',
    seal(secret) {
      if (passphrase.length < 8) throw new AppError('PASSPHRASE_TOO_SHORT');
      const salt = randomBytes(16);
      const iv = randomBytes(12);
      const logN = Buffer.from([Math.log2(N)]);
      const cipher = createCipheriv('aes-256-gcm', derive(salt, N), iv);
      cipher.setAAD(Buffer.concat([MAGIC, logN]));
      const body = Buffer.concat([cipher.update(secret), cipher.final()]);
      return Buffer.concat([MAGIC, logN, salt, iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      if (sealed.length < 50 || !sealed.subarray(0, 5).equals(MAGIC)) throw new AppError('KEY_WRONG_PASSPHRASE');
      const logN = sealed[5];
      if (logN < 10 || logN > 20) throw new AppError('KEY_WRONG_PASSPHRASE');
      const salt = sealed.subarray(6, 22);
      const iv = sealed.subarray(22, 34);
      const tag = sealed.subarray(34, 50);
      try {
        const decipher = createDecipheriv('aes-256-gcm', derive(salt, 1 << logN), iv);
        decipher.setAAD(sealed.subarray(0, 6));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(sealed.subarray(50)), decipher.final()]);
      } catch {
        throw new AppError('KEY_WRONG_PASSPHRASE');
      }
    },
  };
}

const provided = new WeakMap<object, SecretSealer>();

/** Lets a transport (the desktop main process, the CLI) say how this context's key is sealed. */
export function provideSealer(ctx: ServiceContext, sealer: SecretSealer): void {
  provided.set(ctx, sealer);
}

/** The sealer for this context: one provided by the transport, else ISODESK_PASSPHRASE, else none. */
export function sealerOf(ctx: ServiceContext, env: NodeJS.ProcessEnv = process.env): SecretSealer | null {
  const s = provided.get(ctx);
  if (s) return s;
  if (env.ISODESK_PASSPHRASE) return passphraseSealer(env.ISODESK_PASSPHRASE);
  return null;
}

export function requireSealer(ctx: ServiceContext): SecretSealer {
  const s = sealerOf(ctx);
  if (!s) throw new AppError('KEY_LOCKED');
  return s;
}

/** The part of Electron's safeStorage the sealer needs (electron/main passes the real one). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no real keychain. */
  getSelectedStorageBackend?(): string;
}

/**
 * A sealer backed by the OS keychain, or null where the keychain is not real
 * (then the app falls back to a passphrase, as the issue requires).
 */
export function safeStorageSealer(safeStorage: SafeStorageLike): SecretSealer | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (safeStorage.getSelectedStorageBackend?.() === 'basic_text') return null;
  return {
    kind: 'safeStorage',
    seal: (secret) => safeStorage.encryptString(secret.toString('base64')),
    open: (sealed) => {
      try {
        return Buffer.from(safeStorage.decryptString(sealed), 'base64');
      } catch {
        throw new AppError('KEY_WRONG_PASSPHRASE');
      }
    },
  };
}
