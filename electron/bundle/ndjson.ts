import { openSync, readSync, closeSync } from 'node:fs';

/**
 * Records travel as NDJSON: one JSON object per line, keys in sorted order,
 * UTF-8, "\n" after every line. The same row always gives the same bytes.
 */
export function stableLine(row: Record<string, unknown>): string {
  const keys = Object.keys(row).sort();
  const ordered: Record<string, unknown> = {};
  for (const k of keys) ordered[k] = row[k];
  return `${JSON.stringify(ordered)}\n`;
}

/**
 * Reads an NDJSON file line by line synchronously with a fixed buffer, so a
 * bundle can be applied inside one SQLite transaction without loading it whole.
 */
export function* readLinesSync(file: string, chunkSize = 64 * 1024): Generator<string> {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(chunkSize);
    let rest = Buffer.alloc(0);
    for (;;) {
      const n = readSync(fd, buf, 0, chunkSize, null);
      if (n === 0) break;
      let data = Buffer.concat([rest, buf.subarray(0, n)]);
      let nl: number;
      while ((nl = data.indexOf(0x0a)) >= 0) {
        yield data.subarray(0, nl).toString('utf8');
        data = data.subarray(nl + 1);
      }
      rest = Buffer.from(data);
    }
    if (rest.length) yield rest.toString('utf8');
  } finally {
    closeSync(fd);
  }
}
