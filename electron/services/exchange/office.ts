import { AppError } from '../../common/errors';
import type { ServiceContext } from '../context';
import { readSetting } from '../settings';
import { getUnit, type Unit } from '../units/units';

/** The unit this installation works for (set at setup). */
export function officeUnit(ctx: ServiceContext): Unit {
  const id = readSetting(ctx, 'officeUnitId');
  if (!id) throw new AppError('NOT_SET_UP');
  return getUnit(ctx, id);
}
