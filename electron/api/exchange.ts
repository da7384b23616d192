import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../common/errors';
import type { ServiceContext } from '../services/context';
import {
  addTrustedKey,
  exchangeDir,
  exchangeOverview,
  exportBundle,
  generateOfficeKey,
  importBundle,
  importReceiptText,
  inspectBundle,
  inspectPublicKey,
  activeOfficeKey,
  passphraseSealer,
  previewBundle,
  provideSealer,
  revokeTrustedKey,
  rotateOfficeKey,
  sentBundle,
} from '../services/exchange';
import { job, mutation, query } from './define';
import { requiredText, text } from './schemas';

/**
 * Bundle exchange. Files are passed as absolute paths by the CLI and the
 * desktop app (from native dialogs); the browser preview, which cannot
 * name files, uploads a bundle as base64 (exchange.bundle.upload → an
 * upload id) and downloads an issued bundle with exchange.bundle.download.
 */

const passphrase = z.string().min(1).max(500).optional();
const keyId = z.string().regex(/^[0-9A-Fa-f]{16}$/, 'INVALID_ID');
const uploadId = z.string().uuid();
const source = z
  .object({ path: z.string().max(4000).optional(), upload: uploadId.optional() })
  .strict()
  .refine((s) => !!s.path !== !!s.upload, 'give either path or upload');

/** A context whose key opens with this call's passphrase (the browser preview asks for it). */
function withPassphrase(ctx: ServiceContext, pass: string | undefined): ServiceContext {
  if (!pass) return ctx;
  const c = { ...ctx };
  provideSealer(c, passphraseSealer(pass));
  return c;
}

function resolveSource(ctx: ServiceContext, s: { path?: string; upload?: string }): string {
  if (s.upload) {
    const file = join(exchangeDir(ctx, 'uploads'), `${s.upload}.zip`);
    if (!existsSync(file)) throw new AppError('BUNDLE_STAGE_EXPIRED');
    return file;
  }
  if (!isAbsolute(s.path!)) throw new AppError('FILE_NOT_FOUND', { path: s.path! }, 'path');
  return s.path!;
}

const progress = new WeakMap<object, { phase: string; done: number; total: number; running: boolean }>();

export const exchangeApi = {
  'exchange.overview': query(z.object({}).strict(), (ctx) => exchangeOverview(ctx)),
  'exchange.keys.generate': mutation(z.object({ passphrase }).strict(), (ctx, i) => generateOfficeKey(withPassphrase(ctx, i.passphrase))),
  'exchange.keys.rotate': mutation(z.object({ passphrase }).strict(), (ctx, i) => rotateOfficeKey(withPassphrase(ctx, i.passphrase))),
  'exchange.keys.publicKey': query(z.object({}).strict(), (ctx) => {
    const key = activeOfficeKey(ctx);
    if (!key) throw new AppError('KEY_MISSING');
    return { fileName: `isodesk-${key.keyId}.pub`, text: key.publicKeyFile, fingerprint: key.fingerprint, keyId: key.keyId };
  }),
  'exchange.trust.inspect': query(z.object({ publicKey: z.string().min(1, 'REQUIRED').max(2000) }).strict(), (_ctx, i) => {
    const k = inspectPublicKey(i.publicKey);
    return { keyId: k.keyId, fingerprint: k.fingerprint };
  }),
  'exchange.trust.add': mutation(
    z
      .object({
        publicKey: z.string().min(1, 'REQUIRED').max(2000),
        unitCode: requiredText(20),
        confirmFingerprint: requiredText(100),
        note: text(500).optional(),
      })
      .strict(),
    (ctx, i) => addTrustedKey(ctx, i),
  ),
  'exchange.trust.revoke': mutation(z.object({ keyId }).strict(), (ctx, i) => revokeTrustedKey(ctx, i.keyId)),
  'exchange.bundle.export': job(
    z.object({ full: z.boolean().optional(), output: z.string().max(4000).optional(), passphrase }).strict(),
    async (ctx, i) => {
      if (i.output && !isAbsolute(i.output)) throw new AppError('FILE_NOT_FOUND', { path: i.output }, 'output');
      const state = { phase: 'records', done: 0, total: 1, running: true };
      progress.set(ctx, state);
      try {
        return await exportBundle(withPassphrase(ctx, i.passphrase), {
          full: i.full,
          output: i.output,
          onProgress: (p) => Object.assign(state, p),
        });
      } finally {
        state.running = false;
      }
    },
  ),
  'exchange.bundle.progress': query(z.object({}).strict(), (ctx) => progress.get(ctx) ?? { phase: 'idle', done: 0, total: 0, running: false }),
  'exchange.bundle.download': query(z.object({ bundleId: z.string().uuid() }).strict(), (ctx, i) => {
    const sent = sentBundle(ctx, i.bundleId);
    if (!sent || !existsSync(sent.fileName)) throw new AppError('NOT_FOUND', { entity: 'bundle' });
    return { fileName: basename(sent.fileName), base64: readFileSync(sent.fileName).toString('base64') };
  }),
  'exchange.bundle.upload': job(
    z.object({ fileName: text(255), base64: z.string().min(1).max(40 * 1024 * 1024) }).strict(),
    async (ctx, i) => {
      const upload = randomUUID();
      const dir = exchangeDir(ctx, 'uploads');
      // Uploads are working copies: keep a day's worth.
      for (const f of readdirSync(dir)) if (statSync(join(dir, f)).mtimeMs < Date.now() - 86_400_000) rmSync(join(dir, f), { force: true });
      writeFileSync(join(dir, `${upload}.zip`), Buffer.from(i.base64, 'base64'));
      return { upload, fileName: i.fileName };
    },
  ),
  'exchange.bundle.inspect': job(source, (ctx, i) => inspectBundle(ctx, resolveSource(ctx, i))),
  'exchange.bundle.preview': job(source, (ctx, i) => previewBundle(ctx, resolveSource(ctx, i))),
  'exchange.bundle.import': job(
    z
      .object({ path: z.string().max(4000).optional(), upload: uploadId.optional(), acceptGap: z.boolean().optional(), passphrase })
      .strict()
      .refine((s) => !!s.path !== !!s.upload, 'give either path or upload'),
    async (ctx, i) => {
      const file = resolveSource(ctx, i);
      const result = await importBundle(withPassphrase(ctx, i.passphrase), file, { acceptGap: i.acceptGap });
      if (i.upload) rmSync(file, { force: true });
      return { ...result, receiptText: result.receiptFile ? readFileSync(result.receiptFile, 'utf8') : null };
    },
  ),
  'exchange.receipt.import': mutation(
    z.object({ path: z.string().max(4000).optional(), text: z.string().max(20000).optional() }).strict(),
    (ctx, i) => {
      if (i.text) return importReceiptText(ctx, i.text);
      if (!i.path || !isAbsolute(i.path) || !existsSync(i.path)) throw new AppError('FILE_NOT_FOUND', { path: i.path ?? '' }, 'path');
      return importReceiptText(ctx, readFileSync(i.path, 'utf8'));
    },
  ),
};

// Transports provide how the office key is sealed (the desktop app: safeStorage; the CLI: a passphrase).
export { passphraseSealer, provideSealer, safeStorageSealer, type SafeStorageLike, type SecretSealer } from '../services/exchange';
