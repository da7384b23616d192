import { constants, copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ServiceContext } from '../context';

/**
 * Attachments travel by content: `data/attachments/<aa>/<sha256>` in the
 * bag, where aa are the first two hex digits. Areas that keep files (the
 * procedures area) register a lister saying which files belong to the rows
 * a bundle carries; the exchange area needs to know nothing else about them.
 */
export interface AttachmentFile {
  sha256: string; // lower-case hex
  size: number;
  /** Absolute path of the stored file. */
  file: string;
}

export interface AttachmentScope {
  /** The units whose records the bundle carries (the issuer's subtree). */
  unitIds: ReadonlySet<string>;
  /** Rows the bundle carries, by table: the files they refer to must travel. */
  rowIds: ReadonlyMap<string, ReadonlySet<string>>;
  full: boolean;
}

export type AttachmentLister = (ctx: ServiceContext, scope: AttachmentScope) => Iterable<AttachmentFile>;

const listers = new Set<AttachmentLister>();

/** Registers an area's lister; returns a function that removes it. */
export function registerAttachmentLister(lister: AttachmentLister): () => void {
  listers.add(lister);
  return () => listers.delete(lister);
}

export function attachmentsFor(ctx: ServiceContext, scope: AttachmentScope): AttachmentFile[] {
  const byHash = new Map<string, AttachmentFile>();
  for (const lister of listers) for (const f of lister(ctx, scope)) byHash.set(f.sha256, f);
  return [...byHash.values()].sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1));
}

/** Where received attachments are kept: the data folder's content-addressed store. */
export const attachmentStorePath = (ctx: ServiceContext, sha256: string): string =>
  join(ctx.dataDir, 'attachments', sha256.slice(0, 2), sha256);

/** An attachment in a bag: data/attachments/<its SHA-256's first two digits>/<its SHA-256>. */
export const bagPathOfAttachment = (sha256: string): string => `data/attachments/${sha256.slice(0, 2)}/${sha256}`;

/** The parts of a well-formed attachment path in a bag: [path, first two digits, SHA-256]. */
export const BAG_ATTACHMENT_PATH = /^data\/attachments\/([0-9a-f]{2})\/([0-9a-f]{64})$/;

/** Whether a path in a bag is under its attachments (data/attachments/…), well-formed or not. */
export const isBagAttachment = (rel: string): boolean => rel.startsWith('data/attachments/');

/** Copies a file into place through a `.part` file, so the target is either whole or absent. */
function copyIntoPlace(source: string, target: string): void {
  copyFileSync(source, `${target}.part`, constants.COPYFILE_FICLONE);
  renameSync(`${target}.part`, target);
}

/** Moves a file of our own staging folder into place: renamed on the same disk, copied from another. */
export function moveIntoPlace(source: string, target: string): void {
  try {
    renameSync(source, target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    copyIntoPlace(source, target);
  }
}

/**
 * Puts a verified attachment into the store (content-addressed, so never
 * overwrites different content). `move`: the source is a file of our own
 * staging folder, renamed into place instead of copied when it is on the same
 * disk (a province bundle carries hundreds of megabytes of files).
 */
export function storeAttachment(ctx: ServiceContext, sha256: string, source: string, options: { move?: boolean } = {}): boolean {
  const target = attachmentStorePath(ctx, sha256);
  if (existsSync(target)) return false;
  mkdirSync(dirname(target), { recursive: true });
  if (options.move) moveIntoPlace(source, target);
  else copyIntoPlace(source, target);
  return true;
}
