import type { AreaModule } from './context';

/**
 * PENDING — procedures, versions, adoptions and attachments (issue 3).
 *
 * When the procedures services are merged, replace `schedule` with calls to
 * them through `g.timeline.at(ms, label, () => …)` and set `status: 'ready'`:
 * - headquarters issues ~40 framework procedures (the business domains and
 *   internal procedures of DOMAIN.md) in 2012–2013, each revised to ~5
 *   versions over the ten years (2008 → 2015 transition in 2018–2019);
 * - every unit adopts each version some weeks after it is issued;
 * - attachments are generated PDFs (deterministic bytes from `g.rng`), at
 *   least 500 MB in total at province scale, written through the attachment
 *   service so their hashes and paths are what the app stores.
 */
export const proceduresModule: AreaModule = {
  area: 'procedures',
  issue: 3,
  status: 'pending',
  volume: '~40 procedures × ~5 versions adopted by every unit; attachments (PDF) ≥ 500 MB at province scale',
  tables: [],
  schedule() {
    throw new Error('procedures generator is pending (issue 3)');
  },
};
