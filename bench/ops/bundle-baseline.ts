import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, readdirSync, statSync } from 'node:fs';
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

/** Attachment files a bundle would carry (the data folder's attachments/, when an area writes one). */
export function attachmentFiles(dataDir: string): string[] {
  const root = join(dataDir, 'attachments');
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(root);
  return out;
}

function hashing(hash: ReturnType<typeof createHash>) {
  return new Transform({
    transform(chunk, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
}

/** Zips the rows (NDJSON per table) and the attachments, hashing every entry and the whole file. */
export async function rawExport(sqlite: Database.Database, dataDir: string, rootId: string, file: string): Promise<{ bytes: number; sha256: string }> {
  const zip = new yazl.ZipFile();
  const entryHashes: string[] = [];
  for (const t of subtreeRows(sqlite, rootId)) {
    const body = Buffer.from(t.rows.map((r) => JSON.stringify(r)).join('\n'), 'utf8');
    entryHashes.push(createHash('sha256').update(body).digest('hex'));
    zip.addBuffer(body, `rows/${t.table}.ndjson`);
  }
  for (const f of attachmentFiles(dataDir)) {
    const h = createHash('sha256');
    const stream = createReadStream(f).pipe(hashing(h));
    stream.on('end', () => entryHashes.push(h.digest('hex')));
    zip.addReadStream(stream, relative(dataDir, f), { size: statSync(f).size });
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
