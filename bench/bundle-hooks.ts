import type { ServiceContext } from '../electron/services/context';

/**
 * Where the signed-bundle functions (issue 6) plug into the benchmark. Until
 * they are merged, `bundleHooks` is null and the export/import rows print as
 * pending beside their raw baselines, which are already measured.
 *
 * To plug in: set `bundleHooks` to an object whose functions call the
 * bundle services (export of one unit's subtree to a file; verify + import
 * of that file into another data folder, e.g. a headquarters workspace).
 */
export interface BundleHooks {
  exportUnitBundle(ctx: ServiceContext, unitId: string, file: string): Promise<void>;
  importBundle(ctx: ServiceContext, file: string): Promise<void>;
}

export const bundleHooks: BundleHooks | null = null;
