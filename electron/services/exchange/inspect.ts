import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openBundle, verifySignature } from '../../bundle/bag';
import { keyIdHex } from '../../bundle/minisign';
import { readLinesSync } from '../../bundle/ndjson';
import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';
import { isBagAttachment } from './attachments';
import { exchangeDir } from './export';
import { findTrustedKey } from './trust';

/**
 * What a bundle says about itself, after the integrity checks but without
 * requiring trust: header, files, record counts and the signing key's
 * standing here. For looking at a file before deciding to trust its sender.
 */
export async function inspectBundle(ctx: ServiceContext, file: string) {
  const work = join(exchangeDir(ctx, 'staging'), randomUUID());
  mkdirSync(work, { recursive: true });
  try {
    // Attachments are checked and listed, not unpacked: nothing here reads their bytes.
    const bundle = await openBundle(file, work, { skip: isBagAttachment });
    const keyId = keyIdHex(bundle.signature.keyId);
    const trusted = findTrustedKey(ctx, keyId);
    let signature: 'valid' | 'untrusted-key' | 'revoked-key' | 'invalid' = 'untrusted-key';
    let problem: string | null = null;
    if (trusted) {
      try {
        verifySignature(bundle, Buffer.from(trusted.publicKey, 'base64'));
        signature = trusted.revokedAt ? 'revoked-key' : 'valid';
      } catch (e) {
        signature = 'invalid';
        problem = e instanceof AppError ? e.message : String(e);
      }
    }
    const records: Record<string, number> = {};
    for (const p of bundle.payload.keys()) {
      const m = /^data\/records\/(.+)\.ndjson$/.exec(p);
      if (!m) continue;
      let n = 0;
      for (const line of readLinesSync(bundle.pathOf(p))) if (line) n++;
      records[m[1]] = n;
    }
    return {
      root: bundle.root,
      bundleSha256: bundle.bundleSha256,
      header: bundle.header,
      trustedComment: bundle.signature.trustedComment,
      signature,
      problem,
      trustedFor: trusted ? trusted.unitCode : null,
      records,
      files: [...bundle.files.entries()].map(([path, f]) => ({ path, size: f.size, sha256: f.sha256 })),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
