import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../common/errors';
import {
  BAG_INFO,
  BAGIT,
  BAGIT_TXT,
  bagInfoValue,
  formatBagInfo,
  formatManifest,
  MANIFEST,
  parseBagInfo,
  parseManifest,
  SIGNATURE,
  TAGMANIFEST,
  type BagInfo,
} from './bagit';
import { fingerprint, keyIdHex, MinisignFormatError, parseSignature, signMinisign, verifyMinisign, type ParsedSignature } from './minisign';
import { writeZip, type ZipSource } from './zipwrite';
import { canonicalLayout } from './canonical';
import { extractBag, type ExtractedBag, type ExtractOptions } from './zipread';

/**
 * An ISO Desk bundle: a signed BagIt bag in a zip. This file knows the
 * bundle's header fields and how to seal and open one; what the records mean
 * is the exchange service's business. See docs/bundle-format.md.
 */

export const ZERO_SHA256 = '0'.repeat(64);

export interface BundleHeader {
  sourceOrganization: string;
  baggingDate: string; // yyyy-mm-dd
  bundleId: string;
  issuer: { code: string; id: string };
  issuerKey: { fingerprint: string; keyId: string };
  sequence: number;
  previousSha256: string;
  kind: { type: 'full' } | { type: 'delta'; sinceSequence: number };
  schemaVersion: number;
  appVersion: string;
  receiver?: { code: string; id: string } | null;
  /** Key rotation: the issuer's next public key (minisign base64 line), announced under the old key. */
  nextIssuerKey?: string | null;
}

export interface PayloadFile {
  /** Path inside the bag, starting with data/. */
  path: string;
  sha256: string;
  size: number;
  source: { file: string } | { buffer: Buffer };
}

export const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** SHA-256 and size of a file, read in fixed chunks (files may be large). */
export function sha256OfFile(file: string): { sha256: string; size: number } {
  const hash = createHash('sha256');
  const buf = Buffer.alloc(1024 * 1024);
  const fd = openSync(file, 'r');
  let size = 0;
  try {
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) {
      hash.update(buf.subarray(0, n));
      size += n;
    }
  } finally {
    closeSync(fd);
  }
  return { sha256: hash.digest('hex'), size };
}

/** The trusted comment binds the signature to issuer, sequence and bundle id. */
export const trustedCommentFor = (h: Pick<BundleHeader, 'issuer' | 'sequence' | 'bundleId'>): string =>
  `isodesk-bundle issuer=${h.issuer.code} sequence=${h.sequence} bundle=${h.bundleId}`;

function headerToBagInfo(h: BundleHeader, oxum: string): BagInfo {
  const info: BagInfo = [
    ['Source-Organization', h.sourceOrganization],
    ['Bagging-Date', h.baggingDate],
    ['Payload-Oxum', oxum],
    ['Bundle-Id', h.bundleId],
    ['Issuer-Unit', `${h.issuer.code} ${h.issuer.id}`],
    ['Issuer-Key', h.issuerKey.fingerprint],
    ['Issuer-Key-Id', h.issuerKey.keyId],
    ['Sequence', String(h.sequence)],
    ['Previous-Bundle-SHA256', h.previousSha256],
    ['Kind', h.kind.type === 'full' ? 'full' : `delta since-sequence=${h.kind.sinceSequence}`],
    ['Schema-Version', String(h.schemaVersion)],
    ['App-Version', h.appVersion],
  ];
  if (h.receiver) info.push(['Receiver-Unit', `${h.receiver.code} ${h.receiver.id}`]);
  if (h.nextIssuerKey) info.push(['Next-Issuer-Key', h.nextIssuerKey]);
  return info;
}

function need(info: BagInfo, label: string): string {
  const v = bagInfoValue(info, label);
  if (v === undefined || v === '') throw new AppError('BAG_INFO_MISSING', { label });
  return v;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function unitField(info: BagInfo, label: string): { code: string; id: string } {
  const v = need(info, label);
  const m = /^(\S+) (\S+)$/.exec(v);
  if (!m || !UUID.test(m[2])) throw new AppError('BAG_INFO_INVALID', { label, value: v.slice(0, 80) });
  return { code: m[1], id: m[2] };
}

function intField(info: BagInfo, label: string, min: number): number {
  const v = need(info, label);
  if (!/^\d{1,9}$/.test(v) || Number(v) < min) throw new AppError('BAG_INFO_INVALID', { label, value: v.slice(0, 80) });
  return Number(v);
}

export function bagInfoToHeader(info: BagInfo): BundleHeader {
  const bundleId = need(info, 'Bundle-Id');
  if (!UUID.test(bundleId)) throw new AppError('BAG_INFO_INVALID', { label: 'Bundle-Id', value: bundleId.slice(0, 80) });
  const previousSha256 = need(info, 'Previous-Bundle-SHA256');
  if (!/^[0-9a-f]{64}$/.test(previousSha256)) throw new AppError('BAG_INFO_INVALID', { label: 'Previous-Bundle-SHA256', value: previousSha256.slice(0, 80) });
  const kindText = need(info, 'Kind');
  const delta = /^delta since-sequence=(\d{1,9})$/.exec(kindText);
  if (kindText !== 'full' && !delta) throw new AppError('BAG_INFO_INVALID', { label: 'Kind', value: kindText.slice(0, 80) });
  const keyId = need(info, 'Issuer-Key-Id');
  if (!/^[0-9A-F]{16}$/.test(keyId)) throw new AppError('BAG_INFO_INVALID', { label: 'Issuer-Key-Id', value: keyId.slice(0, 80) });
  const receiver = bagInfoValue(info, 'Receiver-Unit') ? unitField(info, 'Receiver-Unit') : null;
  return {
    sourceOrganization: need(info, 'Source-Organization'),
    baggingDate: need(info, 'Bagging-Date'),
    bundleId,
    issuer: unitField(info, 'Issuer-Unit'),
    issuerKey: { fingerprint: need(info, 'Issuer-Key'), keyId },
    sequence: intField(info, 'Sequence', 1),
    previousSha256,
    kind: delta ? { type: 'delta', sinceSequence: Number(delta[1]) } : { type: 'full' },
    schemaVersion: intField(info, 'Schema-Version', 0),
    appVersion: need(info, 'App-Version'),
    receiver,
    nextIssuerKey: bagInfoValue(info, 'Next-Issuer-Key') ?? null,
  };
}

export interface SealedBundle {
  /** SHA-256 of tagmanifest-sha256.txt: names the bundle in the hash chain. */
  bundleSha256: string;
  signature: string;
}

/**
 * Writes the bag: payload, manifest, bag-info with Payload-Oxum, tag
 * manifest, and the minisign signature over the tag manifest.
 */
export async function writeBundle(options: {
  output: string;
  root: string;
  header: BundleHeader;
  payload: PayloadFile[];
  key: { keyId: Buffer; privateKey: Buffer; publicKey: Buffer };
  onProgress?: (done: number, total: number) => void;
}): Promise<SealedBundle> {
  const { header, payload, key, root } = options;
  if (header.issuerKey.keyId !== keyIdHex(key.keyId) || header.issuerKey.fingerprint !== fingerprint(key.publicKey)) {
    throw new Error('header key does not match the signing key');
  }
  const oxum = `${payload.reduce((s, p) => s + p.size, 0)}.${payload.length}`;
  const manifest = Buffer.from(formatManifest(new Map(payload.map((p) => [p.path, p.sha256]))));
  const bagit = Buffer.from(BAGIT_TXT);
  const bagInfo = Buffer.from(formatBagInfo(headerToBagInfo(header, oxum)));
  const tagmanifest = Buffer.from(
    formatManifest(
      new Map([
        [BAGIT, sha256(bagit)],
        [BAG_INFO, sha256(bagInfo)],
        [MANIFEST, sha256(manifest)],
      ]),
    ),
  );
  const signature = signMinisign(tagmanifest, key, trustedCommentFor(header));
  const sorted = [...payload].sort((a, b) => (a.path < b.path ? -1 : 1));
  const entries: ZipSource[] = [
    { path: `${root}/${BAGIT}`, buffer: bagit },
    { path: `${root}/${BAG_INFO}`, buffer: bagInfo },
    { path: `${root}/${MANIFEST}`, buffer: manifest },
    { path: `${root}/${TAGMANIFEST}`, buffer: tagmanifest },
    { path: `${root}/${SIGNATURE}`, buffer: Buffer.from(signature) },
    ...sorted.map((p): ZipSource =>
      'file' in p.source ? { path: `${root}/${p.path}`, file: p.source.file, size: p.size, sha256: p.sha256 } : { path: `${root}/${p.path}`, buffer: p.source.buffer },
    ),
  ];
  await writeZip(options.output, entries, options.onProgress);
  return { bundleSha256: sha256(tagmanifest), signature };
}

export interface OpenedBundle extends ExtractedBag {
  header: BundleHeader;
  bundleSha256: string;
  tagmanifest: Buffer;
  signature: ParsedSignature;
  signatureText: string;
  /** Payload files by path (data/…), verified against the manifest. */
  payload: Map<string, { size: number; sha256: string }>;
  /** Absolute path of a file in the bag (not there for files the caller chose to skip). */
  pathOf(rel: string): string;
}

/**
 * Unpacks and checks a bundle's structure and integrity — every file listed
 * and present with its hash, nothing extra, Payload-Oxum — and parses its
 * header and signature. Files skipped by `options.skip` are hashed and
 * checked like the others but not written out; `options.copyTo` keeps a copy
 * of the zip as read (see extractBag). Whether the signature holds, and for whom, is
 * checked by `verifySignature` with a key the caller trusts.
 */
export async function openBundle(file: string, workDir: string, options?: ExtractOptions): Promise<OpenedBundle> {
  const bag = await extractBag(file, workDir, options);
  const { files } = bag;
  const read = (rel: string): Buffer => readFileSync(join(bag.dir, rel));
  for (const required of [BAGIT, BAG_INFO, MANIFEST, TAGMANIFEST]) {
    if (!files.has(required)) throw new AppError('BAG_LAYOUT', { details: `${required} is missing` });
  }
  const bagit = read(BAGIT).toString('utf8');
  if (!/^BagIt-Version: 1\.0\r?\nTag-File-Character-Encoding: UTF-8\r?\n?$/.test(bagit)) {
    throw new AppError('BAG_LAYOUT', { details: 'bagit.txt is not BagIt 1.0 / UTF-8' });
  }
  const parse = <T>(fn: () => T, what: string): T => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof AppError) throw e;
      throw new AppError('BAG_LAYOUT', { details: `${what}: ${(e as Error).message}` });
    }
  };
  const tagmanifest = read(TAGMANIFEST);
  const tags = parse(() => parseManifest(tagmanifest.toString('utf8')), TAGMANIFEST);
  for (const required of [BAGIT, BAG_INFO, MANIFEST]) {
    if (!tags.has(required)) throw new AppError('BAG_LAYOUT', { details: `${TAGMANIFEST} does not cover ${required}` });
  }
  for (const [path, hash] of tags) {
    if (path.startsWith('data/')) throw new AppError('BAG_LAYOUT', { details: `${TAGMANIFEST} lists payload file ${path}` });
    const f = files.get(path);
    if (!f) throw new AppError('BAG_FILE_MISSING', { path });
    if (f.sha256 !== hash) throw new AppError('BAG_HASH_MISMATCH', { path });
  }
  const manifest = parse(() => parseManifest(read(MANIFEST).toString('utf8')), MANIFEST);
  const payload = new Map<string, { size: number; sha256: string }>();
  for (const [path, hash] of manifest) {
    if (!path.startsWith('data/')) throw new AppError('BAG_LAYOUT', { details: `${MANIFEST} lists ${path} outside data/` });
    const f = files.get(path);
    if (!f) throw new AppError('BAG_FILE_MISSING', { path });
    if (f.sha256 !== hash) throw new AppError('BAG_HASH_MISMATCH', { path });
    payload.set(path, f);
  }
  for (const path of files.keys()) {
    if (path.startsWith('data/') && !manifest.has(path)) throw new AppError('BAG_FILE_EXTRA', { path });
    if (!path.startsWith('data/') && !tags.has(path) && path !== TAGMANIFEST && path !== SIGNATURE) {
      throw new AppError('BAG_FILE_EXTRA', { path });
    }
  }
  const info = parse(() => parseBagInfo(read(BAG_INFO).toString('utf8')), BAG_INFO);
  const oxum = need(info, 'Payload-Oxum');
  const actual = `${[...payload.values()].reduce((s, f) => s + f.size, 0)}.${payload.size}`;
  if (oxum !== actual) throw new AppError('BAG_OXUM_MISMATCH', { declared: oxum.slice(0, 40), actual });
  const header = bagInfoToHeader(info);
  if (!files.has(SIGNATURE)) throw new AppError('SIGNATURE_MISSING');
  const signatureText = read(SIGNATURE).toString('utf8');
  let signature: ParsedSignature;
  try {
    signature = parseSignature(signatureText);
  } catch (e) {
    if (e instanceof MinisignFormatError) throw new AppError('SIGNATURE_MALFORMED', { details: e.reason });
    throw e;
  }
  return {
    ...bag,
    header,
    bundleSha256: sha256(tagmanifest),
    tagmanifest,
    signature,
    signatureText,
    payload,
    pathOf: (rel) => join(bag.dir, rel),
  };
}

/**
 * The bundle hash a zip claims, read from its tag manifest without unpacking
 * or checking anything else: a hint (is this bundle already known here?),
 * never a verification. Null when it cannot be read.
 */
export function claimedBundleSha256(file: string): string | null {
  try {
    const layout = canonicalLayout(file);
    const tag = layout.entries.find((e) => /^[^/]+\/tagmanifest-sha256\.txt$/.test(e.name));
    if (!tag || tag.size > 1024 * 1024) return null;
    const fd = openSync(file, 'r');
    try {
      const bytes = Buffer.alloc(tag.size);
      if (readSync(fd, bytes, 0, tag.size, tag.dataOffset) !== tag.size) return null;
      return sha256(bytes);
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}

/** Checks the signature over the tag manifest with a raw public key, and the trusted comment against bag-info. */
export function verifySignature(bundle: OpenedBundle, publicKey: Buffer): void {
  if (keyIdHex(bundle.signature.keyId) !== bundle.header.issuerKey.keyId) {
    throw new AppError('SIGNATURE_INVALID', { keyId: keyIdHex(bundle.signature.keyId) });
  }
  if (!verifyMinisign(bundle.tagmanifest, bundle.signature, publicKey)) {
    throw new AppError('SIGNATURE_INVALID', { keyId: keyIdHex(bundle.signature.keyId) });
  }
  if (bundle.signature.trustedComment !== trustedCommentFor(bundle.header)) throw new AppError('SIGNATURE_COMMENT_MISMATCH');
  const actual = fingerprint(publicKey);
  if (bundle.header.issuerKey.fingerprint !== actual) {
    throw new AppError('KEY_FINGERPRINT_MISMATCH', { claimed: bundle.header.issuerKey.fingerprint.slice(0, 60), actual });
  }
}
