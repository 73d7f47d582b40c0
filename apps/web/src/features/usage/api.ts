/**
 * Usage over time: query keys and the query. Only the usage chunk imports this module (loaded
 * when the usage comes into view), so the endpoint's schema stays out of the pages that show it.
 */
import { fleetUsageEndpoint } from '@swr-dashboard/swr-client/browser';
import { queryOptions } from '@tanstack/react-query';
import { bff } from '../../lib/api';

export const usageKeys = {
  /**
   * Under the fleet index's root (`['fleet']`), like every read of the index: whatever refreshes
   * the index (the Overview's Refresh, a change made through the console) reads the usage again.
   */
  all: () => ['fleet', 'usage'] as const,
  /** One region's daily totals over a period: an organization's are among them. */
  region: (region: string, days: number) => [...usageKeys.all(), region, days] as const,
};

/** The region's daily totals per organization over the last `days` days. */
export const usageQuery = (region: string, days: number) =>
  queryOptions({
    queryKey: usageKeys.region(region, days),
    queryFn: ({ signal }) =>
      bff(fleetUsageEndpoint, { query: { region, days: String(days) } }, { signal }),
    staleTime: 60_000,
  });
