import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../../electron/api/router';
import { knownSchemaVersion } from '../../../db/connection';
import { referenceCourses, referenceRequirements } from '../../../db/reference/courses';
import { listBackups } from '../../../electron/services/backup';
import { openWorkspace } from '../../../electron/services/workspace';
import { migrationsFolder } from '../../support/migrations';
import { call } from '../../support/workspace';

/**
 * A fixture per shipped schema version (test/fixtures/make-schema.ts): a lone
 * database (schema-v1.db) or a whole data folder with its attachment files
 * and exchanged bundles (schema-v8/).
 */
const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const fixtures = readdirSync(FIXTURES)
  .map((f) => /^schema-v(\d+)(\.db)?$/.exec(f))
  .filter((m): m is RegExpExecArray => !!m)
  .map((m) => ({ path: join(FIXTURES, m[0]), folder: !m[2], version: Number(m[1]) }))
  .sort((a, b) => a.version - b.version);

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A data folder holding a copy of a fixture. */
function folderWith(fixture: (typeof fixtures)[number]): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'isodesk-upgrade-'));
  dirs.push(dir);
  if (fixture.folder) cpSync(fixture.path, dir, { recursive: true });
  else copyFileSync(fixture.path, join(dir, 'isodesk.db'));
  return { dir, file: join(dir, 'isodesk.db') };
}

/** Rows per table, all of them (the migrations' own bookkeeping aside). */
function countsOf(db: Database.Database): Record<string, number> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT count(*) FROM "${t}"`).pluck().get() as number]));
}

/** One table per area that a fixture of a version with that area must hold records in. */
const AREAS: Record<string, string[]> = {
  units: ['units', 'unit_steps', 'waves', 'wave_members', 'iso_teams', 'team_members', 'change_log'],
  training: ['staff', 'course_types', 'training_sessions', 'attendance', 'training_imports'],
  reports: ['reports', 'report_templates', 'scoring_sets', 'scoring_entries'],
  exchange: ['office_keys', 'trusted_keys', 'bundles_sent', 'bundles_received'],
  improvement: ['internal_audits', 'audit_auditors', 'findings', 'corrective_actions', 'management_reviews', 'quality_policies', 'quality_objectives', 'objective_results', 'certificates', 'assessments', 'engagements', 'inspections', 'declarations', 'hq_feedback'],
  procedures: ['procedures', 'procedure_versions', 'adoptions', 'attachments', 'legal_changes', 'unit_checklists', 'checklist_items'],
};

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function peek(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      version: db.pragma('user_version', { simple: true }) as number,
      counts: countsOf(db),
      tables: db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[],
    };
  } finally {
    db.close();
  }
}

describe('upgrades from every shipped schema version', () => {
  it('has a fixture for every schema the project shipped: v1 (first release) and v8 (migrations 0000–0007)', () => {
    expect(fixtures.map((f) => f.version)).toEqual(expect.arrayContaining([1, 8]));
  });

  for (const fixture of fixtures) {
    it(`schema v${fixture.version} fixture holds records in every area it has`, () => {
      const { counts } = peek(folderWith(fixture).file); // a copy: reading a WAL-mode file writes beside it
      for (const [area, tables] of Object.entries(AREAS)) {
        if (!(tables[0] in counts)) continue; // the area came later
        for (const t of tables) expect(counts[t], `${area}: ${t}`).toBeGreaterThan(0);
      }
    });

    it(`opens a schema v${fixture.version} data folder: migrates, keeps every record in every table, backs up first`, async () => {
      const { dir, file } = folderWith(fixture);
      const old = peek(file);
      expect(old.version).toBe(fixture.version);
      const migrates = fixture.version < knownSchemaVersion();
      const ws = openWorkspace(dir);
      try {
        expect(ws.sqlite.pragma('user_version', { simple: true })).toBe(knownSchemaVersion());
        // Not one row gained or lost, table by table — except that a folder from before the
        // training area gets the shipped course types and requirements (logged) when opened.
        const now = countsOf(ws.sqlite);
        const seeded = old.counts.course_types ? 0 : referenceCourses.length + Object.values(referenceRequirements).flat().length;
        expect(Object.fromEntries(Object.keys(old.counts).map((t) => [t, now[t]]))).toEqual({ ...old.counts, change_log: old.counts.change_log + seeded });
        expect(now.course_types).toBe(old.counts.course_types ?? referenceCourses.length);
        const router = createRouter(ws);
        const state = await call(router, 'setup.state');
        expect(state).toMatchObject({ done: true, operator: 'Lê Thị Cúc', office: { code: '31' } });
        // The attachment files came along and still match their records.
        const check = await call(router, 'integrity.check', { full: true });
        expect(check).toMatchObject({ ok: true, attachments: { damaged: [], missing: [] } });
        // The app works on the upgraded data: a write goes through and is logged.
        await call(router, 'units.create', { code: '31199', name: 'BHXH huyện Mới', type: 'district', parentId: state.office.id });
        expect(ws.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get()).toBeGreaterThan(old.counts.change_log + 4);
        // A verified backup of the old file was taken before migrating (nothing to migrate, no backup).
        const pre = listBackups(ws).filter((b) => b.reason === 'pre-migration');
        expect(pre).toHaveLength(migrates ? 1 : 0);
        if (migrates) {
          expect(pre[0]).toMatchObject({ verified: true, schemaVersion: fixture.version });
          expect(peek(join(pre[0].path, 'isodesk.db'))).toEqual(old);
        }
      } finally {
        ws.close();
      }
      // Opening again migrates nothing and backs up nothing more.
      const again = openWorkspace(dir);
      expect(listBackups(again).filter((b) => b.reason === 'pre-migration')).toHaveLength(migrates ? 1 : 0);
      again.close();
    });
  }

  it('the newest fixture upgrades through a further migration, files and all (as the next version will)', async () => {
    const newest = fixtures.at(-1)!;
    const { dir, file } = folderWith(newest);
    const old = peek(file);
    const migrations = migrationsFolder({
      next: { tag: '9999_next', sql: 'ALTER TABLE `staff` ADD `probe` text;\n--> statement-breakpoint\nCREATE INDEX `staff_probe_idx` ON `staff` (`probe`);\n' },
    });
    dirs.push(migrations);

    const ws = openWorkspace(dir, { migrationsFolder: migrations });
    try {
      expect(ws.sqlite.pragma('user_version', { simple: true })).toBe(knownSchemaVersion() + 1);
      const now = countsOf(ws.sqlite);
      expect(Object.fromEntries(Object.keys(old.counts).map((t) => [t, now[t]]))).toEqual(old.counts);
      const pre = listBackups(ws).filter((b) => b.reason === 'pre-migration');
      expect(pre).toHaveLength(1);
      expect(pre[0]).toMatchObject({ verified: true, schemaVersion: newest.version });
      expect(pre[0].attachmentCount).toBe(old.counts.attachments > 0 ? new Set(ws.sqlite.prepare('SELECT sha256 FROM attachments').pluck().all()).size : 0);
      expect(await call(createRouter(ws), 'integrity.check', { full: true })).toMatchObject({ ok: true });
    } finally {
      ws.close();
    }
  });

  it('a fresh folder gets every migration and the current schema version', () => {
    const dir = mkdtempSync(join(tmpdir(), 'isodesk-fresh-'));
    dirs.push(dir);
    const ws = openWorkspace(dir);
    expect(ws.sqlite.pragma('user_version', { simple: true })).toBe(knownSchemaVersion());
    expect(listBackups(ws)).toEqual([]); // nothing to back up in an empty folder
    ws.close();
  });

  it('a failing migration rolls back and leaves the old file untouched', () => {
    const { dir, file } = folderWith(fixtures[0]);
    const before = sha(file);
    const oldTables = peek(file).tables;
    // The shipped migrations plus a broken one.
    const migrations = migrationsFolder({
      next: { tag: '9999_broken', sql: 'CREATE TABLE `half_done` (`x` integer);\n--> statement-breakpoint\nINSERT INTO `no_such_table` VALUES (1);\n' },
    });
    dirs.push(migrations);

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
    const { dir, file } = folderWith(fixtures[0]);
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    const before = sha(file);
    expect(() => openWorkspace(dir)).toThrow(/newer ISO Desk/);
    expect(sha(file)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(['isodesk.db']); // no backup, no lock, no WAL left behind
  });
});
