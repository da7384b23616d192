import type { z } from 'zod';
import type { AnyMethod } from './define';
import { safetyApi } from './safety';
import { improvementApi } from './improvement';
import { proceduresApi } from './procedures';
import { systemApi } from './system';
import { unitsApi } from './units';
import { trainingApi } from './training';
import { reportsApi } from './reports';
import { exchangeApi } from './exchange';

/**
 * The one contract. IPC, the localhost host and the CLI all serve exactly
 * this table; an area adds its methods by adding its table here.
 */
export const api = {
  ...systemApi,
  ...unitsApi,
  ...proceduresApi,
  ...trainingApi,
  ...safetyApi,
  ...reportsApi,
  ...exchangeApi,
  ...improvementApi,
} satisfies Record<string, AnyMethod>;

export type Api = typeof api;
export type MethodName = keyof Api;
export type ApiInput<M extends MethodName> = z.input<Api[M]['input']>;
export type ApiOutput<M extends MethodName> = Awaited<ReturnType<Api[M]['handler']>>;
