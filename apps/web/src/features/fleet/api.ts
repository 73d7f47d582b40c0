/**
 * The fleet grid's data: one read of the BFF's fleet index (decision 0016), for one region or
 * for all the user has. The BFF answers only what the user's organization scopes let them see,
 * and each region's freshness with it; no SWR call is made.
 */
import { fleetEndpoint } from '@swr-dashboard/swr-client/browser';
import { queryOptions } from '@tanstack/react-query';
import { bff } from '../../lib/api';

/**
 * How often the index is read again while a region of it has never been swept (the first sweep
 * takes a while; the grid fills in when it is done). A built index changes at the next sweep, so
 * the grid does not poll then; Refresh reads it again.
 */
export const BUILDING_POLL_MS = 5000;

export const fleetKeys = {
  all: ['fleet'] as const,
  grids: () => [...fleetKeys.all, 'grid'] as const,
  /** The index of one region, or of every region (`all`). */
  grid: (region: string | undefined) => [...fleetKeys.grids(), region ?? 'all'] as const,
};

export const fleetGridQuery = (region: string | undefined) =>
  queryOptions({
    queryKey: fleetKeys.grid(region),
    queryFn: ({ signal }) =>
      bff(fleetEndpoint, { query: region === undefined ? {} : { region } }, { signal }),
    staleTime: 60_000,
    refetchInterval: (query) =>
      query.state.data?.regions.some((state) => state.status === 'never') === true
        ? BUILDING_POLL_MS
        : false,
  });
