/**
 * The overview's data: one read of the BFF's fleet index (every region the user may see, each
 * with its freshness; decision 0016), and the audit trail's latest changes for admins. No SWR
 * call: the index was read from SWR by the BFF's background sweep, once for everyone.
 */
import { auditListEndpoint, fleetEndpoint } from '@swr-dashboard/swr-client/browser';
import { queryOptions, useIsFetching, useQueryClient } from '@tanstack/react-query';
import { bff } from '../../lib/api';
import { recentMutations, type Fleet } from './summaries';

/** Failures and changes shown. */
export const RECENT_LIMIT = 10;
/** Audit records read to find the latest changes among sign-ins and other events. */
const AUDIT_WINDOW = 200;
/**
 * How often the index is read again while a region of it has never been swept: the first sweep
 * takes a few minutes, and the page fills in when it is done. Once built, the index changes at
 * the next sweep (15 minutes by default), so the page does not poll.
 */
export const BUILDING_POLL_MS = 5000;

export const overviewKeys = {
  /**
   * The fleet index's root: every read of the index is under it, the Overview's and the usage
   * over time the route composes into the page (features/usage) alike.
   */
  index: () => ['fleet'] as const,
  /** Under the index's root, so whatever refreshes the index refreshes the overview too. */
  fleet: () => [...overviewKeys.index(), 'overview'] as const,
  recentChanges: (region: string) => ['audit', 'recent-changes', region] as const,
};

/** The fleet index of every region, as the user may see it: one BFF call for the whole page. */
export const fleetQuery = () =>
  queryOptions({
    queryKey: overviewKeys.fleet(),
    queryFn: ({ signal }): Promise<Fleet> => bff(fleetEndpoint, { query: {} }, { signal }),
    staleTime: 60_000,
    refetchInterval: (query) =>
      query.state.data?.regions.some((region) => region.status === 'never') === true
        ? BUILDING_POLL_MS
        : false,
  });

/** The latest SWR changes made through the console in a region (the audit trail: admins only). */
export const recentChangesQuery = (region: string) =>
  queryOptions({
    queryKey: overviewKeys.recentChanges(region),
    queryFn: async ({ signal }) => {
      const answer = await bff(auditListEndpoint, { query: { limit: AUDIT_WINDOW } }, { signal });
      return recentMutations(answer.items, region, RECENT_LIMIT);
    },
    staleTime: 30_000,
  });

/**
 * Reads the index again, with whatever on the page is read from it (the usage over time), and the
 * region's latest changes; busy while any of the index's reads reloads.
 */
export function useRefreshOverview(region: string): { refresh: () => void; refreshing: boolean } {
  const queryClient = useQueryClient();
  const fetching = useIsFetching({ queryKey: overviewKeys.index() });
  return {
    refresh: () => {
      void queryClient.invalidateQueries({ queryKey: overviewKeys.index() });
      void queryClient.invalidateQueries({ queryKey: overviewKeys.recentChanges(region) });
    },
    refreshing: fetching > 0,
  };
}
