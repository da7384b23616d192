import type { z } from 'zod';
import type { AnyMethod } from './define';
import { systemApi } from './system';
import { unitsApi } from './units';
import { trainingApi } from './training';

/**
 * The one contract. IPC, the localhost host and the CLI all serve exactly
 * this table; an area adds its methods by adding its table here.
 */
export const api = {
  ...systemApi,
  ...unitsApi,
  ...trainingApi,
} satisfies Record<string, AnyMethod>;

export type Api = typeof api;
export type MethodName = keyof Api;
export type ApiInput<M extends MethodName> = z.input<Api[M]['input']>;
export type ApiOutput<M extends MethodName> = Awaited<ReturnType<Api[M]['handler']>>;
