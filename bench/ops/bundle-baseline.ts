import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import yazl from 'yazl';
import { openDatabase } from '../../db/connection';
import { syncedTables } from '../../db/schema';

/**
 * Raw baselines for bundle export and import: the least work that moves the
 * same bytes — zip + SHA-256 of a province's rows and attachments; and
 * inserting those rows with better-sqlite3 in one transaction + hashing the
 * bundle's bytes. The bundle functions are judged as a ratio against them.
 */

export interface TableRows {
  table: string;
  columns: string[];
  rows: Record<string, unknown>[];
}

/** Every synchronised row owned by the unit or anything below it, parents' tables first. */
export function subtreeRows(sqlite: Database.Database, rootId: string): TableRows[] {
  const ids = (
    sqlite
      .prepare('WITH RECURSIVE t(id) AS (SELECT ? UNION SELECT u.id FROM units u JOIN t ON u.parent_id = t.id) SELECT id FROM t')
      .all(rootId) as { id: string }[]
  ).map((r) => r.id);
  sqlite.exec('CREATE TEMP TABLE IF NOT EXISTS bench_subtree(id TEXT PRIMARY KEY)');
  sqlite.exec('DELETE FROM bench_subtree');
  const add = sqlite.prepare('INSERT INTO bench_subtree(id) VALUES (?)');
  sqlite.transaction(() => ids.forEach((id) => add.run(id)))();
  return Object.keys(syncedTables).map((table) => {
    const rows = sqlite.prepare(`SELECT * FROM "${table}" WHERE unit_id IN (SELECT id FROM bench_subtree)`).all() as Record<string, unknown>[];
    const columns = (sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
    return { table, columns, rows };
  });
}

/**
 * The files a bundle of the subtree carries: those of its live attachment
 * rows, once per content hash, from the data folder's content-addressed
 * store (the same choice as the procedures area's lister). Call after
 * subtreeRows (it reads temp.bench_subtree).
 */
export function attachmentFiles(sqlite: Database.Database, dataDir: string): string[] {
  const hashes = sqlite
    .prepare('SELECT DISTINCT sha256 FROM attachments WHERE deleted = 0 AND unit_id IN (SELECT id FROM bench_subtree) ORDER BY sha256')
    .pluck()
    .all() as string[];
  return hashes.map((h) => join(dataDir, 'attachments', h.slice(0, 2), h)).filter((f) => existsSync(f));
}

function hashing(hash: ReturnType<typeof createHash>) {
  return new Transform({
    transform(chunk, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
}

/**
 * Zips the rows (NDJSON per table) and the attachments, hashing every entry
 * and the whole file. Entries are stored, not deflated, as in a bundle
 * (deflating 500 MB of PDFs would make the baseline, not the bundle, slow).
 */
export async function rawExport(sqlite: Database.Database, dataDir: string, rootId: string, file: string): Promise<{ bytes: number; sha256: string }> {
  const zip = new yazl.ZipFile();
  const entryHashes: string[] = [];
  const stored = { compress: false };
  const tables = subtreeRows(sqlite, rootId);
  for (const t of tables) {
    const body = Buffer.from(t.rows.map((r) => JSON.stringify(r)).join('\n'), 'utf8');
    entryHashes.push(createHash('sha256').update(body).digest('hex'));
    zip.addBuffer(body, `rows/${t.table}.ndjson`, stored);
  }
  for (const f of attachmentFiles(sqlite, dataDir)) {
    const h = createHash('sha256');
    zip.addReadStreamLazy(relative(dataDir, f), { ...stored, size: statSync(f).size }, (cb) => {
      const stream = createReadStream(f).pipe(hashing(h));
      stream.on('end', () => entryHashes.push(h.digest('hex')));
      cb(null, stream);
    });
  }
  zip.end();
  const whole = createHash('sha256');
  await pipeline(zip.outputStream, hashing(whole), createWriteStream(file));
  return { bytes: statSync(file).size, sha256: whole.digest('hex') };
}

/**
 * A headquarters database to import into: migrated and holding every
 * synchronised row outside the bundle's subtree (headquarters has the rest
 * of the nation, and the course catalogue), so the bundle's foreign keys hold
 * as they would in a real import.
 */
export function prepareTargetDb(source: Database.Database, rootId: string, dbFile: string): void {
  openDatabase(dbFile).close();
  subtreeRows(source, rootId); // fills temp.bench_subtree
  const target = new Database(dbFile);
  try {
    target.pragma('foreign_keys = OFF');
    target.transaction(() => {
      for (const table of Object.keys(syncedTables)) {
        const rows = source.prepare(`SELECT * FROM "${table}" WHERE unit_id NOT IN (SELECT id FROM bench_subtree)`).all() as Record<string, unknown>[];
        if (rows.length === 0) continue;
        const cols = Object.keys(rows[0]);
        const insert = target.prepare(`INSERT INTO "${table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
        for (const row of rows) insert.run(cols.map((c) => row[c] as never));
      }
    })();
  } finally {
    target.close();
  }
}

/**
 * Inserts the same rows into `dbFile` (an already migrated, empty database)
 * (see prepareTargetDb) in one transaction, after hashing the bundle file's bytes.
 */
export async function rawImport(bundleFile: string, tables: TableRows[], dbFile: string): Promise<{ rows: number; sha256: string }> {
  const h = createHash('sha256');
  await pipeline(createReadStream(bundleFile), hashing(h), async function* (source) {
    for await (const _ of source) void _;
  });
  const sqlite = new Database(dbFile);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  let rows = 0;
  try {
    sqlite.transaction(() => {
      // Checked at commit: a merged unit names its successor, which may come later in the table.
      sqlite.pragma('defer_foreign_keys = ON');
      for (const t of tables) {
        const insert = sqlite.prepare(`INSERT INTO "${t.table}" (${t.columns.map((c) => `"${c}"`).join(', ')}) VALUES (${t.columns.map(() => '?').join(', ')})`);
        for (const r of t.rows) {
          insert.run(t.columns.map((c) => r[c] as never));
          rows++;
        }
      }
    })();
  } finally {
    sqlite.close();
  }
  return { rows, sha256: h.digest('hex') };
}
