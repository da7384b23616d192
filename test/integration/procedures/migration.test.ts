import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMigrationsFolder, openDatabase } from '../../../db/connection';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('procedures migrations', () => {
  it('upgrade a database written before the procedures area, keeping its data, and set up the search index', () => {
    const dir = mkdtempSync(join(tmpdir(), 'isodesk-mig-'));
    dirs.push(dir);
    // The migrations as they were before this area: everything up to (not including) 'procedures'.
    const old = join(dir, 'old-migrations');
    cpSync(defaultMigrationsFolder, old, { recursive: true });
    const journalFile = join(old, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8'));
    const cut = journal.entries.findIndex((e: { tag: string }) => e.tag.endsWith('_procedures'));
    expect(cut).toBeGreaterThan(0);
    journal.entries = journal.entries.slice(0, cut);
    writeFileSync(journalFile, JSON.stringify(journal));
    const file = join(dir, 'isodesk.db');
    const before = openDatabase(file, { migrationsFolder: old });
    before.sqlite
      .prepare(`INSERT INTO units (id, unit_id, created_at, updated_at, code, name, type) VALUES ('u1', 'u1', 'x', 'x', '31', 'BHXH Hải Phòng', 'province')`)
      .run();
    before.close();

    const after = openDatabase(file);
    const tables = (after.sqlite.prepare("SELECT name FROM sqlite_master WHERE type IN ('table')").all() as { name: string }[]).map((t) => t.name);
    for (const t of ['procedures', 'procedure_versions', 'legal_changes', 'attachments', 'adoptions', 'unit_checklists', 'checklist_items', 'procedure_search', 'procedure_search_docs', 'procedure_search_state']) {
      expect(tables, t).toContain(t);
    }
    expect(after.sqlite.prepare('SELECT last_seq FROM procedure_search_state').get()).toEqual({ last_seq: 0 });
    expect(after.sqlite.prepare("SELECT name FROM units WHERE code = '31'").get()).toEqual({ name: 'BHXH Hải Phòng' });
    after.close();
  });
});
