import { describe, expect, it } from 'vitest';
import {
  fingerprint,
  formatPublicKey,
  generateKeyPair,
  keyIdFromHex,
  keyIdHex,
  MinisignFormatError,
  parsePublicKey,
  parseSignature,
  signMinisign,
  verifyMinisign,
} from '../../../electron/bundle/minisign';

describe('minisign-compatible keys and signatures', () => {
  const pair = generateKeyPair();
  const message = Buffer.from('e3b0c442…  bag-info.txt\n');

  it('round-trips a public key file and pasted text', () => {
    const file = formatPublicKey(pair.keyId, pair.publicKey);
    expect(file).toMatch(/^untrusted comment: minisign public key [0-9A-F]{16}\nRW[Q-T]/);
    expect(parsePublicKey(file).publicKey.equals(pair.publicKey)).toBe(true);
    expect(parsePublicKey(`  ${file.split('\n')[1]}\r\n`).keyId.equals(pair.keyId)).toBe(true);
    expect(keyIdFromHex(keyIdHex(pair.keyId)).equals(pair.keyId)).toBe(true);
  });

  it('rejects things that are not public keys', () => {
    for (const bad of ['', 'hello', 'untrusted comment: x\nRWQ=\n', `${formatPublicKey(pair.keyId, pair.publicKey)}extra\n`]) {
      expect(() => parsePublicKey(bad)).toThrow(MinisignFormatError);
    }
  });

  it('signs prehashed (ED) and verifies both signatures; any change breaks it', () => {
    const sig = parseSignature(signMinisign(message, pair, 'isodesk-bundle issuer=3101 sequence=1 bundle=x'));
    expect(sig.algorithm).toBe('ED');
    expect(verifyMinisign(message, sig, pair.publicKey)).toBe(true);
    expect(verifyMinisign(Buffer.from(`${message}x`), sig, pair.publicKey)).toBe(false);
    expect(verifyMinisign(message, { ...sig, trustedComment: 'isodesk-bundle issuer=31 sequence=1 bundle=x' }, pair.publicKey)).toBe(false);
    expect(verifyMinisign(message, sig, generateKeyPair().publicKey)).toBe(false);
  });

  it('refuses malformed signature files', () => {
    const text = signMinisign(message, pair, 'c');
    expect(() => parseSignature(text.split('\n').slice(0, 3).join('\n'))).toThrow(MinisignFormatError);
    expect(() => parseSignature(text.replace('trusted comment: ', 'trusted: '))).toThrow(MinisignFormatError);
    expect(() => signMinisign(message, pair, 'two\nlines')).toThrow(MinisignFormatError);
  });

  it('gives a fingerprint in eight groups of four base32 characters', () => {
    expect(fingerprint(pair.publicKey)).toMatch(/^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$/);
    expect(fingerprint(pair.publicKey)).toBe(fingerprint(Buffer.from(pair.publicKey)));
  });
});
