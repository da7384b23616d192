import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';
import { AppError } from '../common/errors';

/**
 * Writes a bag as a zip: entries in the given order, a fixed timestamp and
 * mode on every entry, so the same files give the same zip bytes. Files are
 * streamed from disk, one at a time, and hashed as they stream: a file whose
 * bytes no longer match the SHA-256 the manifest gives is refused
 * (BUNDLE_FILE_CHANGED) rather than sent. Nothing large is held in memory.
 */
export const ZIP_MTIME = new Date(1980, 0, 1, 0, 0, 0); // local time: DOS dates have no zone

/** A file on disk with its expected SHA-256, or bytes in memory (the tag files). */
export type ZipSource = { path: string; file: string; size: number; sha256: string } | { path: string; buffer: Buffer };

export async function writeZip(
  output: string,
  entries: ZipSource[],
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const zip = new ZipFile();
  const total = entries.reduce((s, e) => s + ('buffer' in e ? e.buffer.length : e.size), 0);
  // Stored, not deflated: every byte of the container is then checkable (see canonical.ts).
  const opts = { mtime: ZIP_MTIME, mode: 0o100644, compress: false, forceDosTimestamp: true };
  const hashed: { path: string; expected: string; hash: ReturnType<typeof createHash> }[] = [];
  let current: string | null = null;
  // yazl reports a file that cannot be read, or whose size changed, on the zip itself: end the output with it.
  zip.on('error', (err: Error) => (zip.outputStream as Readable).destroy(err));
  for (const e of entries) {
    if ('buffer' in e) {
      zip.addBuffer(e.buffer, e.path, opts);
    } else {
      const check = { path: e.path, expected: e.sha256, hash: createHash('sha256') };
      hashed.push(check);
      // Opened only when the zip reaches this entry (a roll-up may carry thousands of files).
      zip.addReadStreamLazy(e.path, { ...opts, size: e.size }, (cb) => {
        current = e.path;
        const source = createReadStream(e.file);
        source.on('error', (err) => zip.emit('error', err));
        cb(null, source.pipe(hashing(check.hash)));
      });
    }
  }
  zip.end();
  const out = createWriteStream(output, { flags: 'wx' });
  if (onProgress) {
    let written = 0;
    zip.outputStream.on('data', (chunk: Buffer) => {
      written += chunk.length;
      onProgress(Math.min(total, written), total);
    });
  }
  try {
    await pipeline(zip.outputStream, out);
  } catch (err) {
    if (current && (err as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('ATTACHMENT_MISSING', { name: current });
    if (current && /unexpected number of bytes/.test((err as Error).message)) throw new AppError('BUNDLE_FILE_CHANGED', { path: current });
    throw err;
  }
  for (const c of hashed) {
    if (c.hash.digest('hex') !== c.expected) throw new AppError('BUNDLE_FILE_CHANGED', { path: c.path });
  }
  onProgress?.(total, total);
}

function hashing(hash: ReturnType<typeof createHash>): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      cb(null, chunk);
    },
  });
}
