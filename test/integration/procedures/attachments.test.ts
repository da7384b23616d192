import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attachmentsForBundle, blobPath } from '../../../electron/services/procedures/attachments';
import { call, tempWorkspace } from '../../support/workspace';

const count = (ws: { sqlite: any }, sql: string) => (ws.sqlite.prepare(sql).get() as { n: number }).n;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

async function draftVersion(router: any) {
  const p = await call(router, 'procedures.create', { code: 'QT-NB-09', title: 'Kiểm soát tài liệu', domain: 'noi_bo', origin: 'province' });
  const v = await call(router, 'versions.createDraft', { procedureId: p.id });
  return { p, v };
}

describe('attachments: content-addressed store in the data folder', () => {
  it('keeps identical files once, under their SHA-256, with each original name', async () => {
    const { ws, dir, router } = tempWorkspace();
    const { v } = await draftVersion(router);
    const file = join(dir, 'QT-NB-09 Kiểm soát tài liệu.pdf');
    writeFileSync(file, PDF);
    const a = await call(router, 'attachments.addFile', { subjectType: 'procedure_version', subjectId: v.id, path: file });
    expect(a).toMatchObject({ name: 'QT-NB-09 Kiểm soát tài liệu.pdf', mimeType: 'application/pdf', size: PDF.length, deduplicated: false });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    const stored = join(dir, 'attachments', a.sha256.slice(0, 2), a.sha256);
    expect(readFileSync(stored)).toEqual(PDF);
    // The same bytes uploaded from the browser under another name: one file, two rows.
    const b = await call(router, 'attachments.upload', {
      subjectType: 'procedure_version',
      subjectId: v.id,
      name: 'ban-scan.pdf',
      contentBase64: PDF.toString('base64'),
    });
    expect(b.sha256).toBe(a.sha256);
    expect(b.deduplicated).toBe(true);
    expect(count(ws, 'select count(*) n from attachments where deleted = 0')).toBe(2);
    const down = await call(router, 'attachments.download', { id: b.id });
    expect(Buffer.from(down.contentBase64, 'base64')).toEqual(PDF);
    expect(down.name).toBe('ban-scan.pdf');
    // The desktop opens a verified copy under its original name, inside the data folder.
    const open = await call(router, 'attachments.openPath', { id: a.id });
    expect(open.path).toBe(join(dir, 'open', a.id, 'QT-NB-09 Kiểm soát tài liệu.pdf'));
    expect(readFileSync(open.path)).toEqual(PDF);
    expect(open.storePath).toBe(stored);
    // For bundles: each file once, with its names.
    const officeId = (await call(router, 'setup.state', {})).office.id;
    expect(attachmentsForBundle(ws, [officeId])).toEqual([{ sha256: a.sha256, path: stored, size: PDF.length, names: ['QT-NB-09 Kiểm soát tài liệu.pdf', 'ban-scan.pdf'] }]);
    expect(attachmentsForBundle(ws, ['00000000-0000-4000-8000-000000000000'])).toEqual([]);
    // Removing one row keeps the bytes (still used by the other).
    await call(router, 'attachments.remove', { id: b.id });
    expect(existsSync(stored)).toBe(true);
    expect(attachmentsForBundle(ws, [officeId])[0].names).toEqual(['QT-NB-09 Kiểm soát tài liệu.pdf']);
  });

  it('reports a file whose bytes no longer match its hash, and a missing one, and refuses to serve them', async () => {
    const { ws, dir, router } = tempWorkspace();
    const { v } = await draftVersion(router);
    const up = (name: string, text: string) =>
      call(router, 'attachments.upload', { subjectType: 'procedure_version', subjectId: v.id, name, contentBase64: Buffer.from(text).toString('base64') });
    const good = await up('a.txt', 'nội dung A');
    const tampered = await up('b.docx', 'nội dung B');
    const gone = await up('c.pdf', 'nội dung C');
    writeFileSync(blobPath(ws, tampered.sha256), 'sửa trộm');
    const { rmSync } = await import('node:fs');
    rmSync(blobPath(ws, gone.sha256));
    const report = await call(router, 'attachments.check', {});
    expect(report.checked).toBe(3);
    expect(report.ok).toBe(1);
    expect(report.corrupt).toEqual([{ sha256: tampered.sha256, names: ['b.docx'] }]);
    expect(report.missing).toEqual([{ sha256: gone.sha256, names: ['c.pdf'] }]);
    const bad = await router.call('attachments.download', { id: tampered.id });
    expect(!bad.ok && bad.error.code).toBe('ATTACHMENT_CORRUPT');
    const missing = await router.call('attachments.openPath', { id: gone.id });
    expect(!missing.ok && missing.error.code).toBe('ATTACHMENT_MISSING');
    expect((await call(router, 'attachments.download', { id: good.id })).name).toBe('a.txt');
    // Adding the right bytes again repairs the store.
    await up('b2.docx', 'nội dung B');
    expect((await call(router, 'attachments.check', {})).corrupt).toEqual([]);
    void dir;
  });

  it('refuses empty, unreadable, oversized and malformed files with a clear error, saving nothing', async () => {
    const { ws, dir, router } = tempWorkspace();
    const { v } = await draftVersion(router);
    const before = count(ws, 'select count(*) n from change_log');
    const empty = join(dir, 'trong.pdf');
    writeFileSync(empty, '');
    const e1 = await router.call('attachments.addFile', { subjectType: 'procedure_version', subjectId: v.id, path: empty });
    expect(!e1.ok && e1.error.message.vi).toBe('Tệp "trong.pdf" rỗng (0 byte); không có gì để đính kèm.');
    const e2 = await router.call('attachments.addFile', { subjectType: 'procedure_version', subjectId: v.id, path: join(dir, 'khong-co.pdf') });
    expect(!e2.ok && e2.error.code).toBe('ATTACHMENT_UNREADABLE');
    expect(!e2.ok && e2.error.message.en).toContain('ENOENT');
    const e3 = await router.call('attachments.addFile', { subjectType: 'procedure_version', subjectId: v.id, path: dir });
    expect(!e3.ok && e3.error.code).toBe('ATTACHMENT_UNREADABLE');
    if (process.getuid?.() !== 0) {
      const locked = join(dir, 'khoa.pdf');
      writeFileSync(locked, 'x');
      chmodSync(locked, 0o000);
      const e4 = await router.call('attachments.addFile', { subjectType: 'procedure_version', subjectId: v.id, path: locked });
      expect(!e4.ok && e4.error.code).toBe('ATTACHMENT_UNREADABLE');
    }
    const e5 = await router.call('attachments.upload', { subjectType: 'procedure_version', subjectId: v.id, name: 'x.pdf', contentBase64: '' });
    expect(!e5.ok && e5.error.code).toBe('ATTACHMENT_EMPTY');
    const e6 = await router.call('attachments.upload', { subjectType: 'procedure_version', subjectId: v.id, name: 'x.pdf', contentBase64: '@@not base64@@' });
    expect(!e6.ok && e6.error.code).toBe('ATTACHMENT_BAD_CONTENT');
    const big = Buffer.alloc(10 * 1024 * 1024 + 10, 1).toString('base64');
    const e7 = await router.call('attachments.upload', { subjectType: 'procedure_version', subjectId: v.id, name: 'lon.pdf', contentBase64: big });
    expect(!e7.ok && e7.error.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(!e7.ok && e7.error.message.vi).toContain('vượt giới hạn 10 MB');
    const e8 = await router.call('attachments.upload', {
      subjectType: 'procedure_version',
      subjectId: '00000000-0000-4000-8000-000000000000',
      name: 'x.pdf',
      contentBase64: 'eA==',
    });
    expect(!e8.ok && e8.error.code).toBe('NOT_FOUND');
    expect(count(ws, 'select count(*) n from change_log')).toBe(before);
    expect(count(ws, 'select count(*) n from attachments')).toBe(0);
    expect(existsSync(join(dir, 'attachments'))).toBe(false);
  });

  it('a superseded version takes no new files', async () => {
    const { router } = tempWorkspace({ now: '2014-06-01T08:00:00Z' });
    const { p, v } = await draftVersion(router);
    await call(router, 'versions.submit', { id: v.id });
    await call(router, 'versions.approve', { id: v.id, decisionNo: '1/QĐ-BHXH', decisionDate: '2013-01-01', signer: 'A' });
    const v2 = await call(router, 'versions.createDraft', { procedureId: p.id });
    await call(router, 'versions.submit', { id: v2.id });
    await call(router, 'versions.approve', { id: v2.id, decisionNo: '2/QĐ-BHXH', decisionDate: '2014-01-01', signer: 'A' });
    const res = await router.call('attachments.upload', { subjectType: 'procedure_version', subjectId: v.id, name: 'x.pdf', contentBase64: 'eA==' });
    expect(!res.ok && res.error.code).toBe('ATTACHMENT_NOT_ALLOWED');
  });
});
