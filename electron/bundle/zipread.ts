import { createHash } from 'node:crypto';
import { mkdirSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import yauzl from 'yauzl';
import { crc32 } from 'node:zlib';
import { AppError } from '../common/errors';
import { canonicalLayout } from './canonical';

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

/** Options for unpacking: see extractBag. */
export interface ExtractOptions {
  /**
   * Also write the zip itself, byte for byte as it was read and checked, to
   * this new file: the signed original a receiver keeps, without reading the
   * bundle a second time to copy it.
   */
  copyTo?: string;
  /** Entries (paths inside the bag) to check and hash without writing them out. */
  skip?: (rel: string) => boolean;
  /** Bounds on entries and sizes (defaultLimits unless given). */
  limits?: ZipLimits;
}

/** Read size: large enough that system calls cost little, small enough to reuse two buffers. */
const CHUNK = 1024 * 1024;

type Segment =
  | { kind: 'framing'; start: number; end: number; bytes: Buffer }
  | { kind: 'data'; start: number; end: number; index: number };

interface Output {
  rel: string;
  crc32: number;
  isDir: boolean;
  /** Null for directory entries and skipped files. */
  target: string | null;
  fd: FileHandle | null;
  hash: ReturnType<typeof createHash>;
  crc: number;
  n: number;
}

/**
 * Unpacks a bag. The central directory is listed and checked first (names,
 * links, duplicates, limits, one top-level folder) and the container is
 * checked to be canonical, all before a byte is written. Then the file is
 * read once, from start to end: every entry's data is hashed (SHA-256 and
 * CRC-32) as it is written to its place, every other byte is compared with
 * what the canonical check read, and, with `copyTo`, the same bytes are
 * written to the copy. The file is read in 1 MiB chunks into two reused
 * buffers: the next chunk is read, and the last one written, while this one
 * is hashed.
 */
export async function extractBag(file: string, dest: string, options: ExtractOptions = {}): Promise<ExtractedBag> {
  const limits = options.limits ?? defaultLimits;
  try {
    if (!statSync(file).isFile()) throw new AppError('FILE_NOT_FOUND', { path: file });
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('FILE_NOT_FOUND', { path: file });
  }
  const zip = await openZip(file);
  let entries: { entry: yauzl.Entry; name: string }[];
  try {
    entries = await listEntries(zip, limits);
  } finally {
    zip.close();
  }
  const roots = new Set(entries.map((e) => e.name.split('/')[0]));
  if (roots.size !== 1) throw new AppError('BAG_LAYOUT', { details: `expected one top-level folder, found ${roots.size}` });
  const root = [...roots][0];
  if (entries.some((e) => !e.name.includes('/'))) throw new AppError('BAG_LAYOUT', { details: 'files beside the bag folder' });
  const layout = canonicalLayout(file);
  // Both read the same central directory; differing, the file changed between the two reads.
  const changed = () => new AppError('ZIP_NOT_CANONICAL', { details: 'the file changed while it was being read' });
  if (layout.entries.length !== entries.length) throw changed();
  const dir = join(dest, 'bag');
  mkdirSync(dir, { recursive: true });

  const outputs: Output[] = entries.map(({ entry, name }, i) => {
    const e = layout.entries[i];
    if (e.size !== entry.uncompressedSize || e.crc32 >>> 0 !== entry.crc32 >>> 0 || e.name !== (entry.fileName as unknown as Buffer).toString('utf8')) throw changed();
    const rel = name.slice(root.length + 1);
    const isDir = name.endsWith('/');
    const target = isDir || options.skip?.(rel) ? null : join(dir, rel);
    return { rel, crc32: entry.crc32 >>> 0, isDir, target, fd: null, hash: createHash('sha256'), crc: 0, n: 0 };
  });
  const segments: Segment[] = [
    ...layout.framing.map((f): Segment => ({ kind: 'framing', start: f.offset, end: f.offset + f.bytes.length, bytes: f.bytes })),
    ...layout.entries.map((e, index): Segment => ({ kind: 'data', start: e.dataOffset, end: e.dataOffset + e.size, index })),
  ].sort((a, b) => a.start - b.start || a.end - b.end);

  const files = new Map<string, ExtractedFile>();
  const source = await open(file, 'r');
  let copy: FileHandle | null = null;
  const opened = new Set<FileHandle>();
  // Everything in flight, so that nothing is left running (or rejecting unheard) when a check fails.
  let pendingRead: Promise<{ bytesRead: number }> | null = null;
  let writes: Promise<unknown>[] = [];
  let pendingWrites: Promise<unknown> = Promise.resolve();
  try {
    if (options.copyTo) copy = await open(options.copyTo, 'wx');
    let si = 0;
    /** The bytes [pos, pos + n) of the file, in buf: checked, hashed, and written where they go. */
    const consume = async (buf: Buffer, pos: number, n: number) => {
      const end = pos + n;
      while (si < segments.length && segments[si].start <= end) {
        const seg = segments[si];
        const from = Math.max(seg.start, pos);
        const to = Math.min(seg.end, end);
        if (seg.kind === 'framing') {
          if (to > from && !buf.subarray(from - pos, to - pos).equals(seg.bytes.subarray(from - seg.start, to - seg.start))) throw changed();
        } else {
          const out = outputs[seg.index];
          if (out.target && !out.fd) {
            mkdirSync(dirname(out.target), { recursive: true });
            out.fd = await open(out.target, 'wx');
            opened.add(out.fd);
          }
          if (to > from) {
            const part = buf.subarray(from - pos, to - pos);
            out.hash.update(part);
            out.crc = crc32(part, out.crc);
            if (out.fd) writes.push(writeAll(out.fd, part, from - seg.start));
            out.n += part.length;
          }
          if (seg.end <= end) {
            if (out.crc >>> 0 !== out.crc32) throw new AppError('ZIP_CRC', { path: `${root}/${out.rel}` });
            if (!out.isDir) files.set(out.rel, { size: out.n, sha256: out.hash.digest('hex') });
            const fd = out.fd;
            if (fd) {
              // Closed once its last writes are done: a bag may hold thousands of files.
              opened.delete(fd);
              writes.push(Promise.allSettled(writes.slice()).then(() => fd.close()));
            }
          }
        }
        if (seg.end > end) break;
        si++;
      }
    };
    const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
    const readAt = (buf: Buffer, pos: number) =>
      source.read(buf, 0, Math.min(CHUNK, layout.size - pos), pos).catch((e: Error) => {
        throw new AppError('ZIP_TRUNCATED', { details: e.message });
      });
    let pos = 0;
    pendingRead = layout.size > 0 ? readAt(buffers[0], 0) : null;
    for (let i = 0; pendingRead; i++) {
      const buf = buffers[i % 2];
      const { bytesRead } = await pendingRead;
      pendingRead = null;
      if (bytesRead <= 0) throw new AppError('ZIP_TRUNCATED', { details: `the file ends at ${pos} of ${layout.size} bytes` });
      // The other buffer is free once the previous chunk's writes are done: read the next chunk into it meanwhile.
      await pendingWrites;
      const next = pos + bytesRead;
      if (next < layout.size) pendingRead = readAt(buffers[(i + 1) % 2], next);
      writes = [];
      if (copy) writes.push(writeAll(copy, buf.subarray(0, bytesRead), pos));
      await consume(buf, pos, bytesRead);
      pendingWrites = Promise.all(writes);
      pos = next;
    }
    await pendingWrites;
    if (si !== segments.length) throw changed();
  } finally {
    await Promise.allSettled([pendingRead, pendingWrites, ...writes]);
    await source.close();
    await copy?.close();
    for (const fd of opened) await fd.close();
    opened.clear();
  }
  return { root, dir, files };
}

/** Writes all of `part` at `position` (a write may be short). */
async function writeAll(fd: FileHandle, part: Buffer, position: number): Promise<void> {
  for (let done = 0; done < part.length; ) {
    const { bytesWritten } = await fd.write(part, done, part.length - done, position + done);
    done += bytesWritten;
  }
}
