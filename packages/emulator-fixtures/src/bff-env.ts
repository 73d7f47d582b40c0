/**
 * The one place that maps an emulator's regions to the BFF's settings: `SWR_REGIONS`, each
 * region's `SWR_ENDPOINT_<REGION>` and `SWR_PROJECT_ID_<REGION>`, and, when asked, CCE and IAM
 * at the emulator (it serves both on each region's port). Every stack that puts a BFF in front
 * of an emulator takes them from here: `pnpm start`, the end-to-end suite and the browser
 * benchmarks, the BFF's tests, the benchmarks and the load test.
 */
import { DEMO_ACCOUNT, DEMO_ACCOUNT_ID, projectIdOf } from './accounts';

/** What the BFF needs to know of an emulator; a running one (`startEmulator`) is one. */
export interface EmulatorEndpoints {
  /** The regions it serves, each at its URL. */
  regions: readonly { id: string; url: string }[];
  /**
   * The project id of an account in a region (a running emulator knows its accounts). Without
   * it the demo account's derived ids are used; `undefined` leaves a region's id out.
   */
  projectId?: (account: string, region: string) => string | undefined;
}

export interface BffEnvOptions {
  /** Regions whose CCE (clusters, Kubernetes namespaces and workloads) the BFF reads there. */
  cceRegions?: readonly string[];
  /** IAM (the account's users) at the first region, for the demo account (`HWC_DOMAIN_ID`). */
  iam?: boolean;
}

/** A region's part of a setting's name, as the BFF reads it: `cn-north-4` → `CN_NORTH_4`. */
export function regionEnvSuffix(region: string): string {
  return region.toUpperCase().replaceAll('-', '_');
}

/** The BFF's environment for `emulator`, signing for the demo account. */
export function bffEnvFor(
  emulator: EmulatorEndpoints,
  options: BffEnvOptions = {},
): Record<string, string> {
  const env: Record<string, string> = {
    SWR_REGIONS: emulator.regions.map((region) => region.id).join(','),
  };
  const projectId =
    emulator.projectId ??
    ((_account: string, region: string) => projectIdOf({ id: DEMO_ACCOUNT_ID }, region));
  for (const region of emulator.regions) {
    const suffix = regionEnvSuffix(region.id);
    env[`SWR_ENDPOINT_${suffix}`] = region.url;
    const project = projectId(DEMO_ACCOUNT, region.id);
    if (project !== undefined) env[`SWR_PROJECT_ID_${suffix}`] = project;
    if (options.cceRegions?.includes(region.id) === true)
      env[`CCE_ENDPOINT_${suffix}`] = region.url;
  }
  if (options.iam === true) {
    const first = emulator.regions[0];
    if (first === undefined) throw new Error('the emulator serves no region');
    env.IAM_ENDPOINT = first.url;
    env.HWC_DOMAIN_ID = DEMO_ACCOUNT_ID;
  }
  return env;
}
