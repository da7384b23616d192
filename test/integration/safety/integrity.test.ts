import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRouter } from '../../../electron/api/router';
import { api } from '../../../electron/api';
import { openWorkspace } from '../../../electron/services/workspace';
import { staffWorkbook } from '../../fixtures/records';
import { call, tempWorkspace } from '../../support/workspace';

const changeCount = (ws: { sqlite: Database.Database }) => ws.sqlite.prepare('SELECT count(*) FROM change_log').pluck().get() as number;

async function officeId(router: ReturnType<typeof createRouter>): Promise<string> {
  return (await call(router, 'setup.state')).office.id;
}

describe('one app instance per data folder', () => {
  it('refuses a second opener with a message naming the holder, and frees the folder on close', () => {
    const { ws, dir } = tempWorkspace();
    let error: any;
    try {
      openWorkspace(dir, { instance: 'web' });
    } catch (err) {
      error = err;
    }
    expect(error?.code).toBe('DATA_FOLDER_IN_USE');
    expect(error.toPayload().message.vi).toContain('đang được một phiên ISO Desk khác sử dụng');
    expect(error.params.pid).toBe(process.pid);
    ws.close();
    expect(existsSync(join(dir, 'isodesk.lock'))).toBe(false);
    openWorkspace(dir).close();
  });

  it('takes over the lock of a process that died (power cut, kill)', () => {
    const { ws, dir } = tempWorkspace();
    ws.close();
    // A process that has exited: its pid is free.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(join(dir, 'isodesk.lock'), JSON.stringify({ pid: Number(dead), host: hostname(), kind: 'desktop', since: '2026-01-01T00:00:00Z' }));
    const again = openWorkspace(dir);
    expect(JSON.parse(readFileSync(join(dir, 'isodesk.lock'), 'utf8')).pid).toBe(process.pid);
    again.close();
  });

  it('never takes over a lock held from another computer (a shared folder)', () => {
    const { ws, dir } = tempWorkspace();
    ws.close();
    writeFileSync(join(dir, 'isodesk.lock'), JSON.stringify({ pid: 1, host: 'other-pc', kind: 'desktop', since: '2026-01-01T00:00:00Z' }));
    expect(() => openWorkspace(dir)).toThrow(/in use by another ISO Desk/);
  });
});

describe('disk full, read-only folder, locked database', () => {
  it('disk full: a clear message, nothing half-written, the database stays sound', async () => {
    const { ws, router } = tempWorkspace({ demo: true });
    const parentId = await officeId(router);
    const before = changeCount(ws);
    // No room for a single page more: the next write hits SQLITE_FULL.
    const pages = ws.sqlite.pragma('page_count', { simple: true }) as number;
    ws.sqlite.pragma(`max_page_count = ${pages}`);
    let env;
    for (let i = 0; i < 50; i++) {
      env = await router.call('units.create', { code: `31F${i}`, name: `Huyện ${'x'.repeat(180)} ${i}`, type: 'district', parentId });
      if (!env.ok) break;
    }
    expect(env!.ok).toBe(false);
    if (!env!.ok) {
      expect(env!.error.code).toBe('DISK_FULL');
      expect(env!.error.message.vi).toContain('Ổ đĩa đã đầy');
    }
    const written = changeCount(ws) - before;
    // Every unit that was written has all its rows (unit + 4 steps) and its log entries; the failed one has none.
    const units = ws.sqlite.prepare("SELECT count(*) FROM units WHERE code LIKE '31F%'").pluck().get() as number;
    const steps = ws.sqlite.prepare("SELECT count(*) FROM unit_steps WHERE unit_id IN (SELECT id FROM units WHERE code LIKE '31F%')").pluck().get() as number;
    expect(steps).toBe(units * 4);
    expect(written).toBe(units * 5);
    expect(ws.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    ws.sqlite.pragma('max_page_count = 1073741823');
    expect((await router.call('units.create', { code: '31G', name: 'Sau khi giải phóng', type: 'district', parentId })).ok).toBe(true);
  });

  it('read-only folder: a clear message instead of a crash', async () => {
    const { ws, dir } = tempWorkspace();
    ws.close();
    // As root, permissions do not stop writes; a read-only connection stands in for a read-only medium.
    const ro = openWorkspace(dir, { readonly: true });
    const router = createRouter(ro);
    const env = await router.call('settings.setOperator', { operator: 'Ai đó' });
    expect(!env.ok && env.error.code).toBe('READ_ONLY_FOLDER');
    expect(!env.ok && env.error.message.en).toMatch(/read-only/);
    ro.close();
  });

  it('locked database: DATABASE_BUSY, and the write is not lost half-way', async () => {
    const { ws, dir, router } = tempWorkspace();
    ws.sqlite.pragma('busy_timeout = 50');
    const other = new Database(join(dir, 'isodesk.db'));
    other.exec('BEGIN IMMEDIATE');
    try {
      const env = await router.call('settings.setOperator', { operator: 'Ai đó' });
      expect(!env.ok && env.error.code).toBe('DATABASE_BUSY');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect((await router.call('settings.setOperator', { operator: 'Ai đó' })).ok).toBe(true);
  });
});

describe('integrity check', () => {
  it('quick and full checks pass on a sound folder', async () => {
    const { router } = tempWorkspace({ demo: true });
    const quick = await call(router, 'integrity.check', {});
    expect(quick).toMatchObject({ ok: true, kind: 'quick', database: ['ok'], foreignKeys: [] });
    const full = await call(router, 'integrity.check', { full: true });
    expect(full).toMatchObject({ ok: true, kind: 'full', attachments: { checked: 0, damaged: [], missing: [] } });
  });

  it('the full check re-hashes attachments and reports damaged and missing files', async () => {
    const { dir, ws, router } = tempWorkspace();
    const sha = createHash('sha256').update('bản gốc').digest('hex');
    mkdirSync(join(dir, 'attachments', sha.slice(0, 2)), { recursive: true });
    writeFileSync(join(dir, 'attachments', sha.slice(0, 2), sha), 'bản đã bị sửa');
    // Any table with sha256 and size columns refers to stored files (the procedures area's attachments).
    ws.sqlite.exec('CREATE TABLE files_probe (sha256 text, size integer)');
    ws.sqlite.prepare('INSERT INTO files_probe VALUES (?, 1)').run('f'.repeat(64));
    const report = await call(router, 'integrity.check', { full: true });
    expect(report.ok).toBe(false);
    expect(report.attachments.damaged).toEqual([`${sha.slice(0, 2)}/${sha}`]);
    expect(report.attachments.missing).toEqual(['f'.repeat(64)]);
  });

  it('an Excel import’s file fingerprint is not taken for a missing attachment', async () => {
    const { router } = tempWorkspace();
    await call(router, 'training.excel.import', { kind: 'staff', fileName: 'can-bo.xlsx', base64: await staffWorkbook('31', 'IC', 3), mode: 'all' });
    const full = await call(router, 'integrity.check', { full: true });
    expect(full).toMatchObject({ ok: true, attachments: { missing: [] } });
  });

  it('reports broken foreign keys', async () => {
    const { ws, router } = tempWorkspace();
    ws.sqlite.pragma('foreign_keys = OFF');
    ws.sqlite
      .prepare("INSERT INTO waves (id, unit_id, created_at, updated_at, name, planned_start, planned_end) VALUES ('w', 'no-such-unit', 'x', 'x', 'n', '2020-01-01', '2020-02-01')")
      .run();
    ws.sqlite.pragma('foreign_keys = ON');
    const report = await call(router, 'integrity.check', {});
    expect(report.ok).toBe(false);
    expect(report.foreignKeys[0]).toMatchObject({ table: 'waves', parent: 'units' });
  });

  it('a damaged database is refused at start with the way out, never silently used', async () => {
    const { ws, dir, router } = tempWorkspace({ demo: true });
    const b = await call(router, 'backup.now', {});
    ws.close();
    const file = join(dir, 'isodesk.db');
    const bytes = readFileSync(file);
    bytes.fill(0x42, 4096, bytes.length - 4096);
    writeFileSync(file, bytes);
    let error: any;
    try {
      openWorkspace(dir);
    } catch (err) {
      error = err;
    }
    expect(error?.code).toBe('DB_DAMAGED');
    expect(error.params.backup).toBe(b.id);
    expect(error.toPayload().message.vi).toContain('khôi phục bản sao lưu tốt gần nhất');
    expect(existsSync(join(dir, 'isodesk.lock'))).toBe(false); // refused cleanly, folder not left locked
  });
});

describe('audit trail', () => {
  it('is searchable by text, table, person, kind of change and date', async () => {
    const { router } = tempWorkspace({ now: '2026-03-10T09:00:00Z' });
    const parentId = await officeId(router);
    const unit = await call(router, 'units.create', { code: '31101', name: 'BHXH huyện Thuỷ Nguyên', type: 'district', parentId });
    await call(router, 'settings.setOperator', { operator: 'Trần Thị Bình' });
    await call(router, 'units.update', { id: unit.id, note: 'Đổi ghi chú' });

    const all = await call(router, 'audit.list', {});
    expect(all.entries[0]).toMatchObject({ actor: 'Trần Thị Bình', table: 'units', op: 'update', rowId: unit.id, origin: null });
    expect(all.entries[0].changes).toEqual([{ field: 'note', before: '', after: 'Đổi ghi chú' }]);
    const byText = await call(router, 'audit.list', { query: 'Thuỷ Nguyên' });
    expect(byText.entries.length).toBe(2);
    expect((await call(router, 'audit.list', { actor: 'Trần Thị Bình' })).entries.length).toBe(1);
    expect((await call(router, 'audit.list', { table: 'unit_steps', op: 'insert' })).entries.length).toBeGreaterThanOrEqual(4);
    expect((await call(router, 'audit.list', { from: '2026-03-10', to: '2026-03-10' })).entries.length).toBe(all.entries.length);
    expect((await call(router, 'audit.list', { to: '2026-03-09' })).entries).toEqual([]);
    expect((await call(router, 'audit.list', { origin: 'local', limit: 2 })).next).toBeTypeOf('number');
    // LIKE wildcards are taken literally.
    expect((await call(router, 'audit.list', { query: '%' })).entries).toEqual([]);
    const facets = await call(router, 'audit.facets', {});
    expect(facets.actors).toContain('Trần Thị Bình');
  });

  it('cannot be edited: no API method, and the database refuses UPDATE and DELETE', async () => {
    const { ws } = tempWorkspace();
    const methods = Object.keys(api).filter((m) => m.startsWith('audit.'));
    expect(methods.sort()).toEqual(['audit.facets', 'audit.list']);
    for (const m of methods) expect(api[m as keyof typeof api].kind).toBe('query');
    const before = changeCount(ws);
    expect(() => ws.sqlite.exec("UPDATE change_log SET actor = 'kẻ gian'")).toThrow(/CHANGE_LOG_READ_ONLY/);
    expect(() => ws.sqlite.exec('DELETE FROM change_log')).toThrow(/CHANGE_LOG_READ_ONLY/);
    expect(changeCount(ws)).toBe(before);
    expect(ws.sqlite.prepare("SELECT count(*) FROM change_log WHERE actor = 'kẻ gian'").pluck().get()).toBe(0);
  });
});
