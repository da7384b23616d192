import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { crc32 } from 'node:zlib';
import { AppError } from '../common/errors';
import { checkCanonicalZip } from './canonical';

/**
 * Unpacks a bundle zip into a private folder, refusing anything unsafe
 * before a byte is written: unsafe names (.., absolute, backslash), links,
 * duplicates, more than one top-level folder, and size/ratio limits against
 * zip bombs. Every file is hashed while it is written.
 */
export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxEntryBytes: number;
  /** Largest uncompressed/compressed ratio allowed for entries over 1 MiB. */
  maxRatio: number;
}

export const defaultLimits: ZipLimits = {
  maxEntries: 200_000,
  maxTotalBytes: 8 * 1024 ** 3,
  maxEntryBytes: 4 * 1024 ** 3,
  maxRatio: 200,
};

export interface ExtractedFile {
  size: number;
  sha256: string;
}

export interface ExtractedBag {
  /** The single top-level folder name. */
  root: string;
  /** Absolute path of the unpacked bag folder. */
  dir: string;
  /** Every file, by path inside the bag folder ('bagit.txt', 'data/records/units.ndjson'). */
  files: Map<string, ExtractedFile>;
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

function checkName(name: string): void {
  if (name.includes('\\')) throw new AppError('ZIP_BAD_PATH', { path: name, reason: 'backslash' });
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) throw new AppError('ZIP_BAD_PATH', { path: name, reason: 'absolute path' });
  if (name.includes('\0') || /[\x00-\x1f]/.test(name)) throw new AppError('ZIP_BAD_PATH', { path: name, reason: 'control character' });
  const parts = name.replace(/\/$/, '').split('/');
  if (parts.some((p) => p === '..')) throw new AppError('ZIP_BAD_PATH', { path: name, reason: '..' });
  if (parts.some((p) => p === '' || p === '.')) throw new AppError('ZIP_BAD_PATH', { path: name, reason: 'empty or "." segment' });
}

/** Tells a damaged or truncated zip from something that never was one. */
function classifyOpenError(file: string, err: Error): AppError {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(4);
  const n = readSync(fd, head, 0, 4, 0);
  closeSync(fd);
  if (n === 4 && head.readUInt32LE(0) === 0x04034b50) return new AppError('ZIP_TRUNCATED', { details: err.message });
  return new AppError('NOT_A_ZIP');
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false }, (err, zip) => {
      if (err || !zip) reject(classifyOpenError(file, err ?? new Error('cannot open')));
      else resolve(zip);
    });
  });
}

/** Lists the central directory and checks names, links, duplicates and limits. */
async function listEntries(zip: yauzl.ZipFile, limits: ZipLimits): Promise<{ entry: yauzl.Entry; name: string }[]> {
  if (zip.entryCount > limits.maxEntries) throw new AppError('ZIP_BOMB', { details: `${zip.entryCount} entries > ${limits.maxEntries}` });
  const out: { entry: yauzl.Entry; name: string }[] = [];
  const seen = new Set<string>();
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      try {
        const raw = entry.fileName as unknown as Buffer;
        const name = raw.toString('utf8').normalize('NFC');
        checkName(name);
        const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
        if (mode === S_IFLNK) throw new AppError('ZIP_LINK', { path: name });
        const key = name.replace(/\/$/, '');
        if (seen.has(key)) throw new AppError('ZIP_DUPLICATE', { path: name });
        seen.add(key);
        if (entry.uncompressedSize > limits.maxEntryBytes) {
          throw new AppError('ZIP_BOMB', { details: `${name}: ${entry.uncompressedSize} bytes > ${limits.maxEntryBytes}` });
        }
        total += entry.uncompressedSize;
        if (total > limits.maxTotalBytes) throw new AppError('ZIP_BOMB', { details: `more than ${limits.maxTotalBytes} bytes in all` });
        if (entry.uncompressedSize > 1024 * 1024 && entry.uncompressedSize > limits.maxRatio * Math.max(1, entry.compressedSize)) {
          throw new AppError('ZIP_BOMB', { details: `${name}: compression ratio over ${limits.maxRatio}` });
        }
        out.push({ entry, name });
        zip.readEntry();
      } catch (e) {
        reject(e);
      }
    });
    zip.on('end', () => resolve());
    zip.on('error', (e: Error) => reject(new AppError('ZIP_TRUNCATED', { details: e.message })));
    zip.readEntry();
  });
  return out;
}

/** Counts bytes as they pass and stops a stream that lies about its size. */
function limiter(name: string, max: number, hash: ReturnType<typeof createHash>, counted: { n: number; crc: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      counted.n += chunk.length;
      if (counted.n > max) return cb(new AppError('ZIP_BOMB', { details: `${name} is larger than declared` }));
      hash.update(chunk);
      counted.crc = crc32(chunk, counted.crc);
      cb(null, chunk);
    },
  });
}

export async function extractBag(file: string, dest: string, limits: ZipLimits = defaultLimits): Promise<ExtractedBag> {
  try {
    if (!statSync(file).isFile()) throw new AppError('FILE_NOT_FOUND', { path: file });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('FILE_NOT_FOUND', { path: file });
  }
  const zip = await openZip(file);
  try {
    const entries = await listEntries(zip, limits);
    const roots = new Set(entries.map((e) => e.name.split('/')[0]));
    if (roots.size !== 1) throw new AppError('BAG_LAYOUT', { details: `expected one top-level folder, found ${roots.size}` });
    const root = [...roots][0];
    if (entries.some((e) => !e.name.includes('/'))) throw new AppError('BAG_LAYOUT', { details: 'files beside the bag folder' });
    checkCanonicalZip(file);
    const dir = join(dest, 'bag');
    mkdirSync(dir, { recursive: true });
    const files = new Map<string, ExtractedFile>();
    for (const { entry, name } of entries) {
      const rel = name.slice(root.length + 1);
      if (name.endsWith('/')) continue; // directory entry
      const target = join(dir, rel);
      mkdirSync(dirname(target), { recursive: true });
      const hash = createHash('sha256');
      const counted = { n: 0, crc: 0 };
      let stream;
      try {
        stream = await zip.openReadStreamPromise(entry);
      } catch (e) {
        throw new AppError('ZIP_TRUNCATED', { details: `${name}: ${(e as Error).message}` });
      }
      try {
        await pipeline(stream, limiter(name, entry.uncompressedSize, hash, counted), createWriteStream(target, { flags: 'wx' }));
      } catch (e) {
        if (e instanceof AppError) throw e;
        throw new AppError('ZIP_TRUNCATED', { details: `${name}: ${(e as Error).message}` });
      }
      if (counted.n !== entry.uncompressedSize) throw new AppError('ZIP_TRUNCATED', { details: `${name} is shorter than declared` });
      if (counted.crc >>> 0 !== entry.crc32 >>> 0) throw new AppError('ZIP_CRC', { path: name });
      files.set(rel, { size: counted.n, sha256: hash.digest('hex') });
    }
    return { root, dir, files };
  } finally {
    zip.close();
  }
}
