import type { z } from 'zod';
import { AppError, errorCatalogue, type ErrorPayload } from '../common/errors';
import { normaliseStrings } from '../common/text';
import type { ServiceContext } from '../services/context';
import { storageError } from '../services/integrity/storage-errors';
import { api, type MethodName } from './index';
import type { AnyMethod } from './define';

export type Envelope = { ok: true; value: unknown } | { ok: false; error: ErrorPayload };

const methods: Record<string, AnyMethod> = api;

/** Turns the first zod issue into a catalogue error for the field at fault. */
function fromZod(error: z.ZodError): AppError {
  const issue = error.issues[0];
  const path = issue.path.map(String);
  const field = path.filter((p) => !/^\d+$/.test(p)).at(-1) ?? '';
  if (issue.message in errorCatalogue) {
    return new AppError(issue.message as keyof typeof errorCatalogue, { field }, field || undefined);
  }
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return new AppError('REQUIRED', { field }, field);
  return new AppError('INVALID_INPUT', { details: `${path.join('.') || 'input'}: ${issue.message}` }, field || undefined);
}

export function toEnvelopeError(err: unknown): ErrorPayload {
  if (err instanceof AppError) return err.toPayload();
  // Disk full, read-only folder, locked or damaged database: say so plainly.
  const storage = storageError(err);
  if (storage) return storage.toPayload();
  const details = err instanceof Error ? err.message : String(err);
  return new AppError('INTERNAL', { details }).toPayload();
}

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

export interface Router {
  methodNames: MethodName[];
  call(method: string, input: unknown): Promise<Envelope>;
}

/**
 * The router every transport serves: looks the method up, normalises text to
 * NFC, validates with zod, runs mutations in one transaction, and always
 * answers with an envelope — bad input never throws past here.
 */
export function createRouter(ctx: ServiceContext): Router {
  return {
    methodNames: Object.keys(methods) as MethodName[],
    async call(name, rawInput) {
      try {
        if (typeof name !== 'string' || !isMethodName(name)) {
          throw new AppError('UNKNOWN_METHOD', { method: String(name).slice(0, 80) });
        }
        const method = methods[name];
        const parsed = method.input.safeParse(normaliseStrings(rawInput ?? {}));
        if (!parsed.success) throw fromZod(parsed.error);
        let value: unknown;
        if (method.kind === 'mutation') {
          value = ctx.sqlite.transaction(() => method.handler(ctx, parsed.data as never))();
        } else {
          value = await method.handler(ctx, parsed.data as never);
        }
        // Values cross a process boundary: keep them plain JSON.
        return { ok: true, value: value === undefined ? null : value };
      } catch (err) {
        return { ok: false, error: toEnvelopeError(err) };
      }
    },
  };
}
