import { z } from 'zod';
import { isValidIsoDate } from '../common/dates';
import { nfc } from '../common/text';

/**
 * Building blocks of every method's input. A message that is an error code
 * from the catalogue ('REQUIRED', 'BAD_DATE') is turned by the router into
 * that error for the field at fault, in the reader's language.
 */
export const text = (max = 500) => z.string().max(max).transform(nfc);
export const requiredText = (max = 500) => z.string().transform(nfc).pipe(z.string().min(1, 'REQUIRED').max(max));
export const isoDate = z.string().refine(isValidIsoDate, 'BAD_DATE');
export const optionalDate = isoDate.nullable().optional();
export const id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'INVALID_ID');
export const unitType = z.enum(['hq', 'province', 'district', 'affiliated']);
export const region = z.enum(['north', 'centre', 'south']);
export const empty = z.object({}).strict().optional();
