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
  /** Under the fleet index's root, so whatever refreshes the index refreshes the overview too. */
  fleet: () => ['fleet', 'overview'] as const,
  /** Under the overview's fleet key: its refresh reads the usage again too. */
  usage: (region: string, days: number) =>
    [...overviewKeys.fleet(), 'usage', region, days] as const,
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

/** Reads the index and the region's latest changes again; busy while the index reloads. */
export function useRefreshOverview(region: string): { refresh: () => void; refreshing: boolean } {
  const queryClient = useQueryClient();
  const fetching = useIsFetching({ queryKey: overviewKeys.fleet() });
  return {
    refresh: () => {
      void queryClient.invalidateQueries({ queryKey: overviewKeys.fleet() });
      void queryClient.invalidateQueries({ queryKey: overviewKeys.recentChanges(region) });
    },
    refreshing: fetching > 0,
  };
}
