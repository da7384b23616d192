import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { ZipFile } from 'yazl';

/**
 * Writes a bag as a zip: entries in the given order, a fixed timestamp and
 * mode on every entry, so the same files give the same zip bytes. Files are
 * streamed from disk; nothing large is held in memory.
 */
export const ZIP_MTIME = new Date(1980, 0, 1, 0, 0, 0); // local time: DOS dates have no zone

export type ZipSource = { path: string; file: string; size: number } | { path: string; buffer: Buffer };

export async function writeZip(
  output: string,
  entries: ZipSource[],
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const zip = new ZipFile();
  const total = entries.reduce((s, e) => s + ('buffer' in e ? e.buffer.length : e.size), 0);
  let done = 0;
  // Stored, not deflated: every byte of the container is then checkable (see canonical.ts).
  const opts = { mtime: ZIP_MTIME, mode: 0o100644, compress: false, forceDosTimestamp: true };
  for (const e of entries) {
    if ('buffer' in e) {
      zip.addBuffer(e.buffer, e.path, opts);
      done += e.buffer.length;
    } else {
      zip.addFile(e.file, e.path, opts);
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
  await pipeline(zip.outputStream, out);
  onProgress?.(total, total);
  void done;
}
