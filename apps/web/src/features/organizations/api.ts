/** Organizations: query keys, queries and mutations. Mutations invalidate what they change. */
import type { OperationInput } from '@swr-dashboard/swr-client/browser';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { swr } from '../../lib/api';

export const organizationKeys = {
  all: (region: string) => ['swr', region, 'organizations'] as const,
  list: (region: string) => [...organizationKeys.all(region), 'list'] as const,
  detail: (region: string, namespace: string) =>
    [...organizationKeys.all(region), 'detail', namespace] as const,
  permissions: (region: string, namespace: string) =>
    [...organizationKeys.all(region), 'permissions', namespace] as const,
  repositoryCounts: (region: string) =>
    [...organizationKeys.all(region), 'repository-counts'] as const,
};

export const organizationsQuery = (region: string) =>
  queryOptions({
    queryKey: organizationKeys.list(region),
    queryFn: ({ signal }) => swr(region).listNamespaces({}, { signal }),
    select: (data) => data.namespaces,
  });

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
