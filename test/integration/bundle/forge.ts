import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { ZipFile } from 'yazl';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { knownSchemaVersion } from '../../../db/connection';
import { sha256, writeBundle, ZERO_SHA256, type BundleHeader, type PayloadFile } from '../../../electron/bundle/bag';
import { stableLine } from '../../../electron/bundle/ndjson';
import { writeZip } from '../../../electron/bundle/zipwrite';
import { unlockOfficeKey } from '../../../electron/services/exchange';
import type { Office } from './offices';

/** Every entry of a zip, in order, with its bytes (test files are small). */
export async function readEntries(file: string): Promise<{ path: string; data: Buffer }[]> {
  const zip = await yauzl.openPromise(file, { lazyEntries: true });
  const out: { path: string; data: Buffer }[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', async (entry: yauzl.Entry) => {
      try {
        const stream = await zip.openReadStreamPromise(entry);
        const chunks: Buffer[] = [];
        for await (const c of stream) chunks.push(c as Buffer);
        out.push({ path: entry.fileName, data: Buffer.concat(chunks) });
        zip.readEntry();
      } catch (e) {
        reject(e);
      }
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  zip.close();
  return out;
}

/** Rewrites a bundle as a canonical zip after changing its entries (no re-signing). */
export async function rezip(src: string, dst: string, change: (e: { path: string; data: Buffer }[]) => { path: string; data: Buffer }[]) {
  const entries = change(await readEntries(src));
  await writeZip(dst, entries.map((e) => ({ path: e.path, buffer: e.data })));
  return dst;
}

/** Renames entries in place (same length), to make names yazl itself would refuse to write. */
export function patchName(file: string, from: string, to: string): string {
  if (from.length !== to.length) throw new Error('same length only');
  const buf = readFileSync(file);
  const a = Buffer.from(from);
  const b = Buffer.from(to);
  for (let i = buf.indexOf(a); i >= 0; i = buf.indexOf(a, i + 1)) b.copy(buf, i);
  writeFileSync(file, buf);
  return file;
}

/** A zip written with yazl's raw options, for the container attacks (links, odd names, bombs). */
export async function rawZip(dst: string, entries: { path: string; data: Buffer; mode?: number; compress?: boolean }[]) {
  const zip = new ZipFile();
  for (const e of entries) zip.addBuffer(e.data, e.path, { mode: e.mode ?? 0o100644, compress: e.compress ?? false });
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(dst));
  return dst;
}

/**
 * A correctly signed bundle with whatever header and records the test wants:
 * what a buggy or hostile (but key-holding) peer could send.
 */
export async function forgeBundle(
  o: Office,
  options: {
    sequence?: number;
    previousSha256?: string;
    schemaVersion?: number;
    issuer?: { code: string; id: string };
    records?: Record<string, Record<string, unknown>[]>;
    /** Further payload files (path under data/, content). */
    extra?: { path: string; data: Buffer }[];
  } = {},
) {
  const key = unlockOfficeKey(o.ws);
  const office = o.ws.sqlite.prepare("SELECT u.id, u.code, u.name FROM units u JOIN settings s ON s.value = u.id AND s.key = 'officeUnitId'").get() as {
    id: string;
    code: string;
    name: string;
  };
  const header: BundleHeader = {
    sourceOrganization: office.name,
    baggingDate: '2026-11-23',
    bundleId: randomUUID(),
    issuer: options.issuer ?? { code: office.code, id: office.id },
    issuerKey: { fingerprint: o.key.fingerprint, keyId: o.key.keyId },
    sequence: options.sequence ?? 1,
    previousSha256: options.previousSha256 ?? ZERO_SHA256,
    kind: { type: 'full' },
    schemaVersion: options.schemaVersion ?? knownSchemaVersion(),
    appVersion: 'test',
    receiver: null,
  };
  const payload: PayloadFile[] = Object.entries(options.records ?? {}).map(([table, rows]) => {
    const buffer = Buffer.from(rows.map((r) => stableLine(r)).join(''));
    return { path: `data/records/${table}.ndjson`, sha256: sha256(buffer), size: buffer.length, source: { buffer } };
  });
  for (const e of options.extra ?? []) payload.push({ path: e.path, sha256: sha256(e.data), size: e.data.length, source: { buffer: e.data } });
  const file = join(o.dir, `forged-${header.bundleId}.zip`);
  const sealed = await writeBundle({ output: file, root: `forged-${header.sequence}`, header, payload, key });
  return { file, header, bundleSha256: sealed.bundleSha256 };
}

/** A row as the office's database has it (SQL column names). */
export const sqlRow = (o: Office, table: string, where: string, ...args: unknown[]) =>
  o.ws.sqlite.prepare(`SELECT * FROM "${table}" WHERE ${where}`).get(...args) as Record<string, unknown>;

export const bytes = (file: string) => readFileSync(file);
