/**
 * The Access view's data: one read of the BFF's fleet index (decision 0016) for one region or for
 * all the user has. Grants come with it (organizations' and repositories'), filtered by the
 * user's organization scopes; no SWR call is made.
 */
import { fleetEndpoint } from '@swr-dashboard/swr-client/browser';
import { queryOptions } from '@tanstack/react-query';
import { bff } from '../../lib/api';

/** How often the index is read again while a region of it is still being built. */
export const BUILDING_POLL_MS = 5000;

export const accessKeys = {
  all: ['access'] as const,
  indexes: () => [...accessKeys.all, 'index'] as const,
  /** The index of one region, or of every region (`all`). */
  index: (region: string | undefined) => [...accessKeys.indexes(), region ?? 'all'] as const,
};

export const accessIndexQuery = (region: string | undefined) =>
  queryOptions({
    queryKey: accessKeys.index(region),
    queryFn: ({ signal }) =>
      bff(fleetEndpoint, { query: region === undefined ? {} : { region } }, { signal }),
    staleTime: 60_000,
    refetchInterval: (query) =>
      query.state.data?.regions.some((state) => state.status === 'never') === true
        ? BUILDING_POLL_MS
        : false,
  });
