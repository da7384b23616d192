import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultMigrationsFolder } from '../../db/connection';

/**
 * A migrations folder built from the shipped one in a new temporary folder
 * (the caller removes it): the first `upTo` migrations (default all), then
 * `next` as one further migration — what an older or a later version of the
 * app ships. Only the journal and the SQL files, which is all the migrator reads.
 */
export function migrationsFolder(options: { upTo?: number; next?: { tag: string; sql: string } } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'isodesk-migrations-'));
  mkdirSync(join(dir, 'meta'));
  const journal = JSON.parse(readFileSync(join(defaultMigrationsFolder, 'meta', '_journal.json'), 'utf8'));
  journal.entries = journal.entries.slice(0, options.upTo ?? journal.entries.length);
  for (const e of journal.entries) cpSync(join(defaultMigrationsFolder, `${e.tag}.sql`), join(dir, `${e.tag}.sql`));
  if (options.next) {
    const last = journal.entries.at(-1);
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: options.next.tag });
    writeFileSync(join(dir, `${options.next.tag}.sql`), options.next.sql);
  }
  writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify(journal, null, 2));
  return dir;
}
