import type { AreaModule } from './context';
import { improvementModule } from './improvement';
import { proceduresModule } from './procedures';
import { trainingModule } from './training';
import { unitsModule } from './units';

/**
 * The generator's areas, in dependency order. An area helper plugs in by
 * turning its stub into a `ready` module; pending ones are listed in the
 * report as pending, never as generated.
 */
export const areaModules: AreaModule[] = [unitsModule, proceduresModule, trainingModule, improvementModule];
