import { coreErrors } from './errors/core';
import { fieldLabels } from './errors/fields';
import { trainingErrors } from './errors/training';
import type { Message } from './errors/types';

/**
 * Every error the app can show, by code, in Vietnamese and English. Areas add
 * their own catalogue file under errors/ and list it here.
 */
export const errorCatalogue = {
  ...coreErrors,
  ...trainingErrors,
} as const;

export type ErrorCode = keyof typeof errorCatalogue;
export type ErrorParams = Record<string, string | number>;

/** The serialisable form that crosses every transport. */
export interface ErrorPayload {
  code: ErrorCode;
  message: Message;
  params: ErrorParams;
  field?: string;
}

const labels: Record<string, Message> = fieldLabels;

function fill(template: string, params: ErrorParams, lang: keyof Message): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    if (!(k in params)) return `{${k}}`;
    const v = String(params[k]);
    return Object.hasOwn(labels, v) ? labels[v][lang] : v;
  });
}

export function renderMessage(code: ErrorCode, params: ErrorParams = {}): Message {
  const m: Message = errorCatalogue[code];
  return { vi: fill(m.vi, params, 'vi'), en: fill(m.en, params, 'en') };
}

/** A domain error: a code from the catalogue, its parameters, and optionally the field at fault. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  readonly field?: string;
  constructor(code: ErrorCode, params: ErrorParams = {}, field?: string) {
    super(renderMessage(code, params).en);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
    this.field = field;
  }
  toPayload(): ErrorPayload {
    return { code: this.code, message: renderMessage(this.code, this.params), params: this.params, field: this.field };
  }
}
