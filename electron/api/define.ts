import type { z } from 'zod';
import type { ServiceContext } from '../services/context';

/**
 * How an API method is declared: its kind, its zod input and its handler.
 * - query: reads only;
 * - mutation: a synchronous write the router runs in one transaction;
 * - job: long, asynchronous work (files, bundles) that manages its own
 *   transactions and never writes half.
 */
export type MethodKind = 'query' | 'mutation' | 'job';

export interface Method<I extends z.ZodType = z.ZodType, O = unknown> {
  kind: MethodKind;
  input: I;
  handler: (ctx: ServiceContext, input: z.output<I>) => O;
}

/** Any method, as the router sees it (the input was validated by its schema). */
export interface AnyMethod {
  kind: MethodKind;
  input: z.ZodType;
  handler: (ctx: ServiceContext, input: never) => unknown;
}

export const query = <I extends z.ZodType, O>(input: I, handler: (ctx: ServiceContext, input: z.output<I>) => O) =>
  ({ kind: 'query', input, handler }) satisfies Method<I, O>;

export const mutation = <I extends z.ZodType, O>(input: I, handler: (ctx: ServiceContext, input: z.output<I>) => O) =>
  ({ kind: 'mutation', input, handler }) satisfies Method<I, O>;

export const job = <I extends z.ZodType, O>(
  input: I,
  handler: (ctx: ServiceContext, input: z.output<I>) => Promise<O>,
) => ({ kind: 'job', input, handler }) satisfies Method<I, Promise<O>>;
