import * as common from '../common/i18n';
import * as safety from '../safety/i18n';
import * as dashboard from '../dashboard/i18n';
import * as reports from '../reports/i18n';
import * as improvement from '../improvement/i18n';
import * as procedures from '../procedures/i18n';
import * as setup from '../setup/i18n';
import * as units from '../units/i18n';
import * as training from '../training/i18n';
import * as exchange from '../exchange/i18n';

/** Every feature's catalogue, by namespace. A feature adds one line here. */
export const catalogues = {
  common,
  setup,
  safety,
  units,
  procedures,
  training,
  dashboard,
  reports,
  exchange,
  improvement,
};
