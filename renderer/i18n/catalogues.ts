import * as common from '../common/i18n';
import * as setup from '../setup/i18n';
import * as units from '../units/i18n';
import * as training from '../training/i18n';

/** Every feature's catalogue, by namespace. A feature adds one line here. */
export const catalogues = {
  common,
  setup,
  units,
  training,
};
