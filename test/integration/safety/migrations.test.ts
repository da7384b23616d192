import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../../electron/api/router';
import { defaultMigrationsFolder, knownSchemaVersion } from '../../../db/connection';
import { listBackups } from '../../../electron/services/backup';
import { openWorkspace } from '../../../electron/services/workspace';
import { call } from '../../support/workspace';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const fixtures = readdirSync(FIXTURES)
  .map((f) => /^schema-v(\d+)\.db$/.exec(f))
  .filter((m): m is RegExpExecArray => !!m)
  .map((m) => ({ file: join(FIXTURES, m[0]), version: Number(m[1]) }));

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A data folder holding a copy of a fixture database. */
function folderWith(fixture: string): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'isodesk-upgrade-'));
  dirs.push(dir);
  copyFileSync(fixture, join(dir, 'isodesk.db'));
  return { dir, file: join(dir, 'isodesk.db') };
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function peek(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      version: db.pragma('user_version', { simple: true }) as number,
      units: db.prepare('SELECT count(*) FROM units').pluck().get() as number,
      changes: db.prepare('SELECT count(*) FROM change_log').pluck().get() as number,
      tables: db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[],
    };
  } finally {
    db.close();
  }
}

describe('upgrades from every shipped schema version', () => {
  it('has a fixture for the first shipped schema', () => {
    expect(fixtures.map((f) => f.version)).toContain(1);
  });

  for (const fixture of fixtures) {
    it(`opens a schema v${fixture.version} data folder: migrates, keeps every record, backs up first`, async () => {
      const { dir, file } = folderWith(fixture.file);
      const old = peek(file);
      expect(old.version).toBe(fixture.version);
      const ws = openWorkspace(dir);
      try {
        expect(ws.sqlite.pragma('user_version', { simple: true })).toBe(knownSchemaVersion());
        expect(ws.sqlite.prepare('SELECT count(*) FROM units').pluck().get()).toBe(old.units);
        expect(ws.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get()).toBe(old.changes);
        const router = createRouter(ws);
        const state = await call(router, 'setup.state');
        expect(state).toMatchObject({ done: true, operator: 'Lê Thị Cúc', office: { code: '31' } });
        // The app works on the upgraded data: a write goes through and is logged.
        await call(router, 'units.create', { code: '31199', name: 'BHXH huyện Mới', type: 'district', parentId: state.office.id });
        expect(ws.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get()).toBeGreaterThan(old.changes + 4);
        // A verified backup of the old file was taken before migrating.
        const pre = listBackups(ws).filter((b) => b.reason === 'pre-migration');
        expect(pre).toHaveLength(1);
        expect(pre[0]).toMatchObject({ verified: true, schemaVersion: fixture.version });
        expect(peek(join(pre[0].path, 'isodesk.db'))).toEqual(old);
      } finally {
        ws.close();
      }
      // Opening again migrates nothing and backs up nothing more.
      const again = openWorkspace(dir);
      expect(listBackups(again).filter((b) => b.reason === 'pre-migration')).toHaveLength(1);
      again.close();
    });
  }

  it('a fresh folder gets every migration and the current schema version', () => {
    const dir = mkdtempSync(join(tmpdir(), 'isodesk-fresh-'));
    dirs.push(dir);
    const ws = openWorkspace(dir);
    expect(ws.sqlite.pragma('user_version', { simple: true })).toBe(knownSchemaVersion());
    expect(listBackups(ws)).toEqual([]); // nothing to back up in an empty folder
    ws.close();
  });

  it('a failing migration rolls back and leaves the old file untouched', () => {
    const { dir, file } = folderWith(fixtures[0].file);
    const before = sha(file);
    const oldTables = peek(file).tables;
    // The shipped migrations plus a broken one.
    const migrations = mkdtempSync(join(tmpdir(), 'isodesk-migrations-'));
    dirs.push(migrations);
    cpSync(defaultMigrationsFolder, migrations, { recursive: true });
    const journalFile = join(migrations, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
    const last = journal.entries.at(-1);
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1000, tag: '9999_broken' });
    writeFileSync(journalFile, JSON.stringify(journal));
    writeFileSync(
      join(migrations, '9999_broken.sql'),
      'CREATE TABLE `half_done` (`x` integer);\n--> statement-breakpoint\nINSERT INTO `no_such_table` VALUES (1);\n',
    );

    let error: any;
    try {
      openWorkspace(dir, { migrationsFolder: migrations });
    } catch (err) {
      error = err;
    }
    expect(error?.code).toBe('MIGRATION_FAILED');
    expect(error.message).toMatch(/no_such_table/);
    expect(error.params.backup).toMatch(/pre-migration/);
    expect(sha(file)).toBe(before);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(peek(file).tables).toEqual(oldTables);
    expect(existsSync(join(dir, 'isodesk.lock'))).toBe(false);
    // The shipped build still upgrades the untouched file.
    const ws = openWorkspace(dir);
    expect(ws.sqlite.pragma('user_version', { simple: true })).toBe(knownSchemaVersion());
    ws.close();
  });

  it('a file from a newer version is refused and left untouched', () => {
    const { dir, file } = folderWith(fixtures[0].file);
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    const before = sha(file);
    expect(() => openWorkspace(dir)).toThrow(/newer ISO Desk/);
    expect(sha(file)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['isodesk.db']); // no backup, no lock, no WAL left behind
  });
});
