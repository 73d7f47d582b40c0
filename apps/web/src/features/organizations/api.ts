/** Organizations: query keys, queries and mutations. Mutations invalidate what they change. */
import type { OperationInput } from '@swr-dashboard/swr-client/browser';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { swr } from '../../lib/api';
import { swrKeys } from '../../lib/query-keys';

export { organizationsQuery } from '../../lib/swr-queries';

export const organizationKeys = {
  all: (region: string) => swrKeys.organizations(region),
  detail: (region: string, namespace: string) =>
    [...organizationKeys.all(region), 'detail', namespace] as const,
  /** Repositories change these counts: the repositories feature refreshes `all`. */
  repositoryCounts: (region: string) =>
    [...organizationKeys.all(region), 'repository-counts'] as const,
};

export const organizationQuery = (region: string, namespace: string) =>
  queryOptions({
    queryKey: organizationKeys.detail(region, namespace),
    queryFn: ({ signal }) => swr(region).showNamespace({ params: { namespace } }, { signal }),
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
