/**
 * The usage card's query, in a module of its own: api.ts ships in the entry with the Overview,
 * and only the usage card (a chunk loaded when it comes into view) needs this endpoint.
 */
import { fleetUsageEndpoint } from '@swr-dashboard/swr-client/browser';
import { queryOptions } from '@tanstack/react-query';
import { bff } from '../../lib/api';
import { overviewKeys } from './api';

/** The region's daily totals per organization over the last `days` days (usage over time). */
export const usageQuery = (region: string, days: number) =>
  queryOptions({
    queryKey: overviewKeys.usage(region, days),
    queryFn: ({ signal }) =>
      bff(fleetUsageEndpoint, { query: { region, days: String(days) } }, { signal }),
    staleTime: 60_000,
  });
