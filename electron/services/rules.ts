import { AppError } from '../common/errors';
import { isoDateOf } from '../common/dates';
import type { ServiceContext } from './context';

/** Checks shared by every area, each raising the catalogue's error for the field at fault. */

export function requireText(value: string | null | undefined, field: string): string {
  const v = (value ?? '').trim();
  if (!v) throw new AppError('REQUIRED', { field }, field);
  return v;
}

/** later ≥ earlier when both are given. */
export function requireOrder(
  earlier: string | null | undefined,
  later: string | null | undefined,
  earlierField: string,
  laterField: string,
): void {
  if (earlier && later && later < earlier) {
    throw new AppError('DATE_ORDER', { earlier: earlierField, later: laterField }, laterField);
  }
}

export function requireNotFuture(ctx: ServiceContext, date: string | null | undefined, field: string): void {
  if (date && date > isoDateOf(ctx.now())) throw new AppError('DATE_IN_FUTURE', { field }, field);
}

/** Official number/symbol such as `123/QĐ-BHXH` or `4396/BHXH-VP`. */
const DECISION_NO = /^\d+[a-zA-Z]?\/[\p{L}\d]+(?:[-.][\p{L}\d]+)*$/u;

export function requireDecisionNo(value: string, field = 'decisionNo'): string {
  const v = requireText(value, field);
  if (!DECISION_NO.test(v)) throw new AppError('DECISION_NO_FORMAT', { value: v }, field);
  return v;
}

export function today(ctx: ServiceContext): string {
  return isoDateOf(ctx.now());
}
