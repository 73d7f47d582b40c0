/**
 * The BFF's fleet index (decision 0016) as the views built on it read it: one read for one region
 * or for all the user has. The BFF answers only what the user's organization scopes let them see,
 * and each region's freshness with it; no SWR call is made.
 *
 * One key per region choice for every view (the Fleet grid, Share radar, Sync health, Access), so
 * going from one of them to another does not read the index again. The keys are under the index's
 * root (`['fleet']`), as are the Overview's and the usage reads: a change made through the console
 * refreshes whatever shows the index by invalidating the root.
 */
import { fleetEndpoint, type FleetResponse } from '@swr-dashboard/swr-client/browser';
import { queryOptions } from '@tanstack/react-query';
import { bff } from './api';

/**
 * How often the index is read again while a region of it has never been swept (the first sweep
 * takes a while; the view fills in when it is done). A built index changes at the next sweep, so
 * the views do not poll then; Refresh reads it again.
 */
export const BUILDING_POLL_MS = 5000;

export const fleetIndexKeys = {
  all: ['fleet'] as const,
  indexes: () => [...fleetIndexKeys.all, 'index'] as const,
  /** The index of one region, or of every region (`all`). */
  index: (region: string | undefined) => [...fleetIndexKeys.indexes(), region ?? 'all'] as const,
};

/** Whether a region of the answer has never been swept: the index is still being built. */
export function indexBuilding(data: FleetResponse | undefined): boolean {
  return data?.regions.some((state) => state.status === 'never') === true;
}

/** The index of one region, or of every region the user has (`undefined`). */
export const fleetIndexQuery = (region: string | undefined) =>
  queryOptions({
    queryKey: fleetIndexKeys.index(region),
    queryFn: ({ signal }) =>
      bff(fleetEndpoint, { query: region === undefined ? {} : { region } }, { signal }),
    staleTime: 60_000,
    refetchInterval: (query) => (indexBuilding(query.state.data) ? BUILDING_POLL_MS : false),
  });
