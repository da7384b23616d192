import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { AppError } from '../common/errors';

/**
 * The zip container of a bundle is canonical, so that no byte of it can
 * change unnoticed: entries stored (not compressed) back to back from offset
 * 0, fixed version/time/attribute fields, no extra fields or comments, local
 * headers and data descriptors agreeing with the central directory, which is
 * followed only by the end record. Contents are covered by CRC-32 and the
 * BagIt hashes; everything else is checked here. See docs/bundle-format.md.
 */
export const CANONICAL = {
  versionMadeBy: 0x033f,
  versionNeeded: 20,
  dosTime: 0,
  dosDate: 0x0021, // 1980-01-01
  externalAttributes: 0o100644 * 0x10000,
  flagUtf8: 0x0800,
  flagDataDescriptor: 0x0008,
};

export interface CanonicalEntry {
  name: string;
  crc32: number;
  size: number;
}

/**
 * Where everything is in a canonical zip, as the check read it: each entry's
 * data, and every other byte of the file (local headers with their names,
 * data descriptors, the central directory and the end record). A reader that
 * then streams the file once can compare those bytes as they pass and so
 * know that what it read is exactly what was checked.
 */
export interface CanonicalLayout {
  size: number;
  entries: (CanonicalEntry & { dataOffset: number })[];
  /** The bytes between the entries' data, in file order. */
  framing: { offset: number; bytes: Buffer }[];
}

const fail = (details: string): never => {
  throw new AppError('ZIP_NOT_CANONICAL', { details });
};

function readAt(fd: number, pos: number, len: number): Buffer {
  const buf = Buffer.alloc(len);
  const n = readSync(fd, buf, 0, len, pos);
  if (n !== len) fail(`short read at ${pos}`);
  return buf;
}

/** Checks that a zip is canonical (see above) and says where its parts are. */
export function canonicalLayout(file: string): CanonicalLayout {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size < 22) fail('too short');
    const eocd = readAt(fd, size - 22, 22);
    if (eocd.readUInt32LE(0) !== 0x06054b50) fail('end record is not at the end (archive comment or trailing bytes)');
    if (eocd.readUInt16LE(4) !== 0 || eocd.readUInt16LE(6) !== 0) fail('multi-disk archive');
    const count = eocd.readUInt16LE(8);
    if (eocd.readUInt16LE(10) !== count) fail('entry counts disagree');
    const cdSize = eocd.readUInt32LE(12);
    const cdOffset = eocd.readUInt32LE(16);
    if (eocd.readUInt16LE(20) !== 0) fail('archive comment');
    if (cdOffset + cdSize !== size - 22) fail('central directory is not followed directly by the end record');
    const cd = readAt(fd, cdOffset, cdSize);
    const entries: (CanonicalEntry & { flags: number; offset: number; nameBytes: Buffer })[] = [];
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) fail(`central directory record ${i}`);
      const flags = cd.readUInt16LE(p + 8);
      const nameLen = cd.readUInt16LE(p + 28);
      const checks: [string, boolean][] = [
        ['version made by', cd.readUInt16LE(p + 4) === CANONICAL.versionMadeBy],
        ['version needed', cd.readUInt16LE(p + 6) === CANONICAL.versionNeeded],
        ['flags', (flags & ~CANONICAL.flagDataDescriptor) === CANONICAL.flagUtf8],
        ['method (must be stored)', cd.readUInt16LE(p + 10) === 0],
        ['time', cd.readUInt16LE(p + 12) === CANONICAL.dosTime],
        ['date', cd.readUInt16LE(p + 14) === CANONICAL.dosDate],
        ['sizes', cd.readUInt32LE(p + 20) === cd.readUInt32LE(p + 24)],
        ['extra field', cd.readUInt16LE(p + 30) === 0],
        ['comment', cd.readUInt16LE(p + 32) === 0],
        ['disk', cd.readUInt16LE(p + 34) === 0],
        ['internal attributes', cd.readUInt16LE(p + 36) === 0],
        ['external attributes', cd.readUInt32LE(p + 38) === CANONICAL.externalAttributes],
      ];
      const bad = checks.find(([, ok]) => !ok);
      const nameBytes = Buffer.from(cd.subarray(p + 46, p + 46 + nameLen));
      if (bad) fail(`${bad[0]} of entry ${nameBytes.toString('utf8').slice(0, 80)}`);
      entries.push({
        name: nameBytes.toString('utf8'),
        nameBytes,
        flags,
        crc32: cd.readUInt32LE(p + 16),
        size: cd.readUInt32LE(p + 24),
        offset: cd.readUInt32LE(p + 42),
      });
      p += 46 + nameLen;
    }
    if (p !== cd.length) fail('bytes after the last central directory record');
    let cursor = 0;
    const framing: CanonicalLayout['framing'] = [];
    const data: CanonicalLayout['entries'] = [];
    for (const e of entries) {
      if (e.offset !== cursor) fail(`entry ${e.name.slice(0, 80)} is not where expected`);
      const lh = readAt(fd, cursor, 30);
      const dd = (e.flags & CANONICAL.flagDataDescriptor) !== 0;
      const ok =
        lh.readUInt32LE(0) === 0x04034b50 &&
        lh.readUInt16LE(4) === CANONICAL.versionNeeded &&
        lh.readUInt16LE(6) === e.flags &&
        lh.readUInt16LE(8) === 0 &&
        lh.readUInt16LE(10) === CANONICAL.dosTime &&
        lh.readUInt16LE(12) === CANONICAL.dosDate &&
        lh.readUInt32LE(14) === (dd ? 0 : e.crc32) &&
        lh.readUInt32LE(18) === (dd ? 0 : e.size) &&
        lh.readUInt32LE(22) === (dd ? 0 : e.size) &&
        lh.readUInt16LE(26) === e.nameBytes.length &&
        lh.readUInt16LE(28) === 0;
      if (!ok) fail(`local header of ${e.name.slice(0, 80)} disagrees with the central directory`);
      if (!readAt(fd, cursor + 30, e.nameBytes.length).equals(e.nameBytes)) fail(`local name of ${e.name.slice(0, 80)}`);
      framing.push({ offset: cursor, bytes: Buffer.concat([lh, e.nameBytes]) });
      data.push({ name: e.name, crc32: e.crc32, size: e.size, dataOffset: cursor + 30 + e.nameBytes.length });
      cursor += 30 + e.nameBytes.length + e.size;
      if (dd) {
        const d = readAt(fd, cursor, 16);
        if (d.readUInt32LE(0) !== 0x08074b50 || d.readUInt32LE(4) !== e.crc32 || d.readUInt32LE(8) !== e.size || d.readUInt32LE(12) !== e.size) {
          fail(`data descriptor of ${e.name.slice(0, 80)}`);
        }
        framing.push({ offset: cursor, bytes: d });
        cursor += 16;
      }
    }
    if (cursor !== cdOffset) fail('bytes between the entries and the central directory');
    framing.push({ offset: cdOffset, bytes: Buffer.concat([cd, eocd]) });
    return { size, entries: data, framing };
  } finally {
    closeSync(fd);
  }
}
