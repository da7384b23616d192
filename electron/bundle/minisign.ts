import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Ed25519 keys and signatures in minisign's formats (https://jedisct1.github.io/minisign/),
 * with Node's built-in crypto only. Signatures use the prehashed "ED" mode:
 * the signed message is BLAKE2b-512 of the file, so any minisign ≥ 0.8
 * verifies them with `minisign -V -p office.pub -m FILE -x FILE.minisig`.
 */

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface KeyPair {
  /** 8 random bytes naming the key in minisign files. */
  keyId: Buffer;
  publicKey: Buffer; // raw 32 bytes
  privateKey: Buffer; // raw 32-byte seed
}

export class MinisignFormatError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'MinisignFormatError';
  }
}

export function generateKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pub = publicKey.export({ type: 'spki', format: 'der' }).subarray(ED25519_SPKI_PREFIX.length);
  const priv = privateKey.export({ type: 'pkcs8', format: 'der' }).subarray(ED25519_PKCS8_PREFIX.length);
  const keyId = createHash('sha256').update(pub).digest().subarray(0, 8);
  return { keyId: Buffer.from(keyId), publicKey: Buffer.from(pub), privateKey: Buffer.from(priv) };
}

const publicKeyObject = (raw: Buffer): KeyObject =>
  createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
const privateKeyObject = (seed: Buffer): KeyObject =>
  createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });

/** The key id as minisign prints it: the 8 bytes read as a little-endian integer, in upper-case hex. */
export const keyIdHex = (keyId: Buffer): string => Buffer.from(keyId).reverse().toString('hex').toUpperCase();
export const keyIdFromHex = (hex: string): Buffer => Buffer.from(hex, 'hex').reverse();

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * A fingerprint people can read out on the phone: SHA-256 of the raw public
 * key, first 20 bytes, in base32 (no 0/1/8/9 look-alikes), groups of four.
 */
export function fingerprint(publicKey: Buffer): string {
  const bytes = createHash('sha256').update(publicKey).digest().subarray(0, 20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

/** minisign public key file: untrusted comment line, then base64("Ed" ‖ key id ‖ public key). */
export function formatPublicKey(keyId: Buffer, publicKey: Buffer, comment?: string): string {
  const line = Buffer.concat([Buffer.from('Ed'), keyId, publicKey]).toString('base64');
  return `untrusted comment: ${comment ?? `minisign public key ${keyIdHex(keyId)}`}\n${line}\n`;
}

/** Accepts a whole .pub file or just its base64 line (as people paste it). */
export function parsePublicKey(text: string): { keyId: Buffer; publicKey: Buffer } {
  const lines = text
    .replace(/\r/g, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('untrusted comment:'));
  if (lines.length !== 1) throw new MinisignFormatError('not a minisign public key');
  const raw = Buffer.from(lines[0], 'base64');
  if (raw.length !== 42 || raw.subarray(0, 2).toString('latin1') !== 'Ed' || raw.toString('base64') !== lines[0]) {
    throw new MinisignFormatError('not a minisign Ed25519 public key');
  }
  return { keyId: Buffer.from(raw.subarray(2, 10)), publicKey: Buffer.from(raw.subarray(10, 42)) };
}

export const blake2b512 = (data: Buffer): Buffer => createHash('blake2b512').update(data).digest();

/** Signs a file's bytes and returns the complete .minisig text. */
export function signMinisign(
  message: Buffer,
  key: { keyId: Buffer; privateKey: Buffer },
  trustedComment: string,
  untrustedComment = `signature from ISO Desk office key ${keyIdHex(key.keyId)}`,
): string {
  if (/[\r\n]/.test(trustedComment) || /[\r\n]/.test(untrustedComment)) throw new MinisignFormatError('comments must be one line');
  const priv = privateKeyObject(key.privateKey);
  const sig = sign(null, blake2b512(message), priv);
  const globalSig = sign(null, Buffer.concat([sig, Buffer.from(trustedComment, 'utf8')]), priv);
  const sigLine = Buffer.concat([Buffer.from('ED'), key.keyId, sig]).toString('base64');
  return `untrusted comment: ${untrustedComment}\n${sigLine}\ntrusted comment: ${trustedComment}\n${globalSig.toString('base64')}\n`;
}

export interface ParsedSignature {
  keyId: Buffer;
  algorithm: 'ED' | 'Ed';
  signature: Buffer;
  trustedComment: string;
  globalSignature: Buffer;
}

export function parseSignature(text: string): ParsedSignature {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length !== 4) throw new MinisignFormatError('the signature file does not have four lines');
  const [untrusted, sigLine, trusted, globalLine] = lines;
  if (!untrusted.startsWith('untrusted comment: ')) throw new MinisignFormatError('missing untrusted comment');
  if (!trusted.startsWith('trusted comment: ')) throw new MinisignFormatError('missing trusted comment');
  const raw = Buffer.from(sigLine, 'base64');
  const algorithm = raw.subarray(0, 2).toString('latin1');
  if (raw.length !== 74 || raw.toString('base64') !== sigLine || (algorithm !== 'ED' && algorithm !== 'Ed')) {
    throw new MinisignFormatError('malformed signature line');
  }
  const globalSignature = Buffer.from(globalLine, 'base64');
  if (globalSignature.length !== 64 || globalSignature.toString('base64') !== globalLine) {
    throw new MinisignFormatError('malformed global signature');
  }
  return {
    keyId: Buffer.from(raw.subarray(2, 10)),
    algorithm,
    signature: Buffer.from(raw.subarray(10)),
    trustedComment: trusted.slice('trusted comment: '.length),
    globalSignature,
  };
}

/** Verifies a parsed signature over a message with a raw public key; both signatures must hold. */
export function verifyMinisign(message: Buffer, sig: ParsedSignature, publicKey: Buffer): boolean {
  const pub = publicKeyObject(publicKey);
  const signed = sig.algorithm === 'ED' ? blake2b512(message) : message;
  if (!verify(null, signed, pub, sig.signature)) return false;
  return verify(null, Buffer.concat([sig.signature, Buffer.from(sig.trustedComment, 'utf8')]), pub, sig.globalSignature);
}
