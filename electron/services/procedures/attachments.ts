import type { AttachmentFile, AttachmentScope } from '../exchange/attachments';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { attachments, checklistItems, procedureVersions } from '../../../db/schema';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';
import { deleteRow, getLiveRow, insertRow } from '../records';

export type Attachment = typeof attachments.$inferSelect;
export type SubjectType = Attachment['subjectType'];

/** Files given by path (desktop, CLI). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Files uploaded as base64 through the browser preview (the host's body limit is 16 MB). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const SHA = /^[0-9a-f]{64}$/;
const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  txt: 'text/plain',
  zip: 'application/zip',
};

/** The file type from the name's extension; unknown types are plain bytes. */
export function mimeTypeOf(name: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  return TYPES[ext] ?? 'application/octet-stream';
}

/** The original name without any folder part, trimmed to a sane length. */
export function cleanName(name: string): string {
  const base = name.split(/[/\\]/).pop()!.replace(/[\u0000-\u001f<>:"|?*]/g, '_').trim();
  return (base || 'tep-dinh-kem').slice(-200);
}

export const storeDir = (ctx: Pick<ServiceContext, 'dataDir'>): string => resolve(ctx.dataDir, 'attachments');

/** Where the bytes of a hash live: <dataDir>/attachments/ab/abcdef…; never outside the store. */
export function blobPath(ctx: Pick<ServiceContext, 'dataDir'>, sha256: string): string {
  if (!SHA.test(sha256)) throw new AppError('INVALID_INPUT', { details: 'sha256' }, 'sha256');
  return join(storeDir(ctx), sha256.slice(0, 2), sha256);
}

const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

async function hashFile(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * Puts bytes in the store under their SHA-256, once: the same content added
 * twice is kept once; a stored copy that no longer matches its hash is
 * replaced by the good bytes. Written to a temporary file and renamed, so a
 * crash never leaves a half file under a hash name.
 */
export async function storeBytes(ctx: Pick<ServiceContext, 'dataDir'>, bytes: Buffer): Promise<{ sha256: string; size: number; deduplicated: boolean }> {
  const sha256 = sha256Of(bytes);
  const target = blobPath(ctx, sha256);
  const existing = await stat(target).catch(() => null);
  if (existing && existing.size === bytes.length && (await hashFile(target)) === sha256) {
    return { sha256, size: bytes.length, deduplicated: true };
  }
  await mkdir(join(storeDir(ctx), sha256.slice(0, 2)), { recursive: true });
  const tmp = join(storeDir(ctx), `.tmp-${randomBytes(8).toString('hex')}`);
  await writeFile(tmp, bytes);
  await rename(tmp, target);
  return { sha256, size: bytes.length, deduplicated: false };
}

/** Reads a file given by path, with the size limits and clear errors for missing, empty or unreadable files. */
export async function readSourceFile(path: string, limit = MAX_FILE_BYTES): Promise<Buffer> {
  const name = cleanName(path);
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw new AppError('ATTACHMENT_UNREADABLE', { name, details: (err as NodeJS.ErrnoException).code ?? String(err) }, 'path');
  }
  if (!info.isFile()) throw new AppError('ATTACHMENT_UNREADABLE', { name, details: 'not a file' }, 'path');
  if (info.size === 0) throw new AppError('ATTACHMENT_EMPTY', { name }, 'path');
  if (info.size > limit) throw new AppError('ATTACHMENT_TOO_LARGE', { name, size: mb(info.size), limit: mb(limit) }, 'path');
  try {
    return await readFile(path);
  } catch (err) {
    throw new AppError('ATTACHMENT_UNREADABLE', { name, details: (err as NodeJS.ErrnoException).code ?? String(err) }, 'path');
  }
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '');

/** Decodes an upload (base64) with the upload limit; empty or malformed content is refused. */
export function decodeUpload(name: string, contentBase64: string): Buffer {
  const clean = contentBase64.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
  if (clean.length === 0) throw new AppError('ATTACHMENT_EMPTY', { name: cleanName(name) }, 'content');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) {
    throw new AppError('ATTACHMENT_BAD_CONTENT', { name: cleanName(name) }, 'content');
  }
  if ((clean.length * 3) / 4 > MAX_UPLOAD_BYTES + 3) {
    throw new AppError('ATTACHMENT_TOO_LARGE', { name: cleanName(name), size: mb((clean.length * 3) / 4), limit: mb(MAX_UPLOAD_BYTES) }, 'content');
  }
  const bytes = Buffer.from(clean, 'base64');
  if (bytes.length === 0) throw new AppError('ATTACHMENT_EMPTY', { name: cleanName(name) }, 'content');
  return bytes;
}

/** The unit that owns what a file is attached to (the attachment row travels with it); refuses closed versions. */
export function subjectOwner(ctx: ServiceContext, subjectType: SubjectType, subjectId: string): string {
  if (subjectType === 'procedure_version') {
    const v = getLiveRow(ctx, procedureVersions, subjectId, 'version');
    if (v.status === 'superseded' || v.status === 'withdrawn') throw new AppError('ATTACHMENT_NOT_ALLOWED', { versionNo: v.versionNo });
    return v.unitId;
  }
  return getLiveRow(ctx, checklistItems, subjectId, 'checklist').unitId;
}

export interface AttachInput {
  subjectType: SubjectType;
  subjectId: string;
  name: string;
}

/**
 * Attaches bytes to a record: checks the subject first, stores the bytes
 * (deduplicated), then writes the attachment row in one transaction.
 */
export async function attachBytes(ctx: ServiceContext, input: AttachInput, bytes: Buffer): Promise<Attachment & { deduplicated: boolean }> {
  subjectOwner(ctx, input.subjectType, input.subjectId);
  const name = cleanName(input.name);
  if (bytes.length === 0) throw new AppError('ATTACHMENT_EMPTY', { name });
  const stored = await storeBytes(ctx, bytes);
  const row = ctx.sqlite.transaction(() =>
    insertRow(ctx, attachments, {
      unitId: subjectOwner(ctx, input.subjectType, input.subjectId),
      sha256: stored.sha256,
      name,
      mimeType: mimeTypeOf(name),
      size: stored.size,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
    }),
  )();
  return { ...row, deduplicated: stored.deduplicated };
}

/** Attaches a file given by path (desktop, CLI); the original name is the file's name unless given. */
export async function attachFile(ctx: ServiceContext, input: Omit<AttachInput, 'name'> & { path: string; name?: string }) {
  subjectOwner(ctx, input.subjectType, input.subjectId);
  const bytes = await readSourceFile(input.path);
  return attachBytes(ctx, { ...input, name: input.name || input.path }, bytes);
}

/** Attaches an upload from the browser preview (base64 content + original name, 10 MB at most). */
export async function attachUpload(ctx: ServiceContext, input: AttachInput & { contentBase64: string }) {
  subjectOwner(ctx, input.subjectType, input.subjectId);
  return attachBytes(ctx, input, decodeUpload(input.name, input.contentBase64));
}

export function listAttachments(ctx: ServiceContext, subjectType: SubjectType, subjectIds: string[]): Attachment[] {
  if (subjectIds.length === 0) return [];
  return ctx.db
    .select()
    .from(attachments)
    .where(and(eq(attachments.subjectType, subjectType), inArray(attachments.subjectId, subjectIds), eq(attachments.deleted, false)))
    .all();
}

export function getAttachment(ctx: ServiceContext, id: string): Attachment {
  return getLiveRow(ctx, attachments, id, 'attachment');
}

/** Removes an attachment from its record (tombstone); the bytes stay, other records may share them. */
export function removeAttachment(ctx: ServiceContext, id: string): void {
  const a = getAttachment(ctx, id);
  subjectOwner(ctx, a.subjectType, a.subjectId);
  deleteRow(ctx, attachments, id);
}

/** The stored bytes of an attachment, verified against the hash: a missing or altered file is an error. */
export async function readAttachment(ctx: ServiceContext, id: string): Promise<{ attachment: Attachment; bytes: Buffer }> {
  const attachment = getAttachment(ctx, id);
  const bytes = await readFile(blobPath(ctx, attachment.sha256)).catch(() => null);
  if (!bytes) throw new AppError('ATTACHMENT_MISSING', { name: attachment.name });
  if (sha256Of(bytes) !== attachment.sha256) throw new AppError('ATTACHMENT_CORRUPT', { name: attachment.name });
  return { attachment, bytes };
}

/** For the browser preview's download: name, type and base64 content. */
export async function downloadAttachment(ctx: ServiceContext, id: string) {
  const { attachment, bytes } = await readAttachment(ctx, id);
  return { name: attachment.name, mimeType: attachment.mimeType, size: attachment.size, contentBase64: bytes.toString('base64') };
}

/**
 * For the desktop's "open with the default program": a verified copy under
 * its original name in <dataDir>/open/<attachment id>/ (the system picks the
 * program by extension, and the store itself is never handed out), plus the
 * absolute, confined store path.
 */
export async function openableCopy(ctx: ServiceContext, id: string): Promise<{ path: string; storePath: string; name: string; mimeType: string }> {
  const { attachment } = await readAttachment(ctx, id);
  const dir = resolve(ctx.dataDir, 'open', attachment.id);
  const path = resolve(dir, cleanName(attachment.name));
  if (!path.startsWith(dir + sep)) throw new AppError('INVALID_INPUT', { details: 'name' });
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await copyFile(blobPath(ctx, attachment.sha256), path);
  return { path, storePath: blobPath(ctx, attachment.sha256), name: attachment.name, mimeType: attachment.mimeType };
}

export interface IntegrityReport {
  checked: number;
  ok: number;
  missing: { sha256: string; names: string[] }[];
  corrupt: { sha256: string; names: string[] }[];
}

/** Re-hashes every stored file that a live attachment refers to; reports missing files and files whose bytes no longer match. */
export async function checkIntegrity(ctx: ServiceContext): Promise<IntegrityReport> {
  const rows = ctx.db.select().from(attachments).where(eq(attachments.deleted, false)).all();
  const bySha = new Map<string, string[]>();
  for (const r of rows) bySha.set(r.sha256, [...(bySha.get(r.sha256) ?? []), r.name]);
  const report: IntegrityReport = { checked: bySha.size, ok: 0, missing: [], corrupt: [] };
  for (const [sha256, names] of bySha) {
    const path = blobPath(ctx, sha256);
    const exists = await stat(path).catch(() => null);
    if (!exists) report.missing.push({ sha256, names });
    else if ((await hashFile(path)) !== sha256) report.corrupt.push({ sha256, names });
    else report.ok++;
  }
  return report;
}

export interface BundleFile {
  sha256: string;
  /** Absolute path of the stored bytes in this data folder. */
  path: string;
  size: number;
  /** Original names the file is attached under (for people reading a bundle). */
  names: string[];
}

/**
 * The files the attachments of the given units refer to (live attachment rows
 * whose owning unit is one of `unitIds`), each once by SHA-256, for the
 * bundle area to copy into a bundle. It does not read the files: the caller
 * should verify each hash as it copies.
 */
export function attachmentsForBundle(ctx: ServiceContext, unitIds: string[]): BundleFile[] {
  if (unitIds.length === 0) return [];
  const rows = ctx.db
    .select()
    .from(attachments)
    .where(and(inArray(attachments.unitId, unitIds), eq(attachments.deleted, false)))
    .all();
  const out = new Map<string, BundleFile>();
  for (const r of rows) {
    const f = out.get(r.sha256) ?? { sha256: r.sha256, path: blobPath(ctx, r.sha256), size: r.size, names: [] };
    if (!f.names.includes(r.name)) f.names.push(r.name);
    out.set(r.sha256, f);
  }
  return [...out.values()].sort((a, b) => a.sha256.localeCompare(b.sha256));
}

/** True when the store already holds the bytes of this hash (the bundle area can skip copying them). */
export async function hasBlob(ctx: Pick<ServiceContext, 'dataDir'>, sha256: string): Promise<boolean> {
  return !!(await stat(blobPath(ctx, sha256)).catch(() => null));
}

/**
 * Which procedure files travel in a bundle: a full bundle carries every file
 * of the issuer's units, a delta only the files of the attachment rows it
 * carries. Registered with the exchange by the procedures API.
 */
export function procedureFilesForBundle(ctx: ServiceContext, scope: AttachmentScope): AttachmentFile[] {
  let files = attachmentsForBundle(ctx, [...scope.unitIds]);
  if (!scope.full) {
    const carried = [...(scope.rowIds.get('attachments') ?? [])];
    if (carried.length === 0) return [];
    const wanted = new Set(
      ctx.db
        .select({ sha256: attachments.sha256 })
        .from(attachments)
        .where(inArray(attachments.id, carried))
        .all()
        .map((r) => r.sha256),
    );
    files = files.filter((f) => wanted.has(f.sha256));
  }
  return files.map((f) => ({ sha256: f.sha256, size: f.size, file: f.path }));
}
