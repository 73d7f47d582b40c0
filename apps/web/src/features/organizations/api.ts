/** Organizations: query keys, queries and mutations. Mutations invalidate what they change. */
import { fleetUsageEndpoint, type OperationInput } from '@swr-dashboard/swr-client/browser';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { bff, swr } from '../../lib/api';
import { swrKeys } from '../../lib/query-keys';

export { organizationsQuery } from '../../lib/swr-queries';

export const organizationKeys = {
  all: (region: string) => swrKeys.organizations(region),
  detail: (region: string, namespace: string) =>
    [...organizationKeys.all(region), 'detail', namespace] as const,
  /** Repositories change these counts: the repositories feature refreshes `all`. */
  repositoryCounts: (region: string) =>
    [...organizationKeys.all(region), 'repository-counts'] as const,
  /** From the fleet index (its root), not from SWR: refreshing the index refreshes it. */
  usage: (region: string, days: number) => ['fleet', 'organization-usage', region, days] as const,
};

export const organizationQuery = (region: string, namespace: string) =>
  queryOptions({
    queryKey: organizationKeys.detail(region, namespace),
    queryFn: ({ signal }) => swr(region).showNamespace({ params: { namespace } }, { signal }),
  });

/** The region's daily totals per organization over the last `days` days (usage over time). */
export const usageQuery = (region: string, days: number) =>
  queryOptions({
    queryKey: organizationKeys.usage(region, days),
    queryFn: ({ signal }) =>
      bff(fleetUsageEndpoint, { query: { region, days: String(days) } }, { signal }),
    staleTime: 60_000,
  });

/** How many repositories each organization holds (from one page of up to 1,000 repositories). */
export const repositoryCountsQuery = (region: string) =>
  queryOptions({
    queryKey: organizationKeys.repositoryCounts(region),
    queryFn: async ({ signal }) => {
      const page = await swr(region).listReposDetails(
        { query: { limit: 1000, offset: 0 } },
        { signal },
      );
      const counts = new Map<string, number>();
      for (const repo of page.items)
        counts.set(repo.namespace, (counts.get(repo.namespace) ?? 0) + 1);
      return { counts, complete: page.total <= page.items.length };
    },
  });

export function useCreateOrganization(region: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OperationInput<'createNamespace'>['body']) =>
      swr(region).createNamespace({ body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationKeys.all(region) }),
  });
}

export function useDeleteOrganization(region: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (namespace: string) => swr(region).deleteNamespaces({ params: { namespace } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organizationKeys.all(region) }),
  });
}
