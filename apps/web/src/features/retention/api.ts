/**
 * Retention: the repository's policy (SWR allows one), its logs of deleted tags, and the
 * repository's tags as the simulator sees them. Saving a policy deletes tags at once, so a save
 * makes every view of the region that lists or counts tags stale.
 */
import type { RetentionCandidate, RetentionRuleInput } from '@swr-dashboard/swr-client/browser';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { swr } from '../../lib/api';
import { swrKeys } from '../../lib/query-keys';

/** Everything the console caches about a region's SWR starts with this. */

export const retentionKeys = {
  all: (region: string) => [...swrKeys.region(region), 'retention'] as const,
  repository: (region: string, namespace: string, repository: string) =>
    [...retentionKeys.all(region), namespace, repository] as const,
  policies: (region: string, namespace: string, repository: string) =>
    [...retentionKeys.repository(region, namespace, repository), 'policies'] as const,
  histories: (
    region: string,
    namespace: string,
    repository: string,
    page: { offset: number; limit: number },
  ) => [...retentionKeys.repository(region, namespace, repository), 'histories', page] as const,
  tags: (region: string, namespace: string, repository: string) =>
    [...retentionKeys.repository(region, namespace, repository), 'tags'] as const,
};

export const retentionPoliciesQuery = (region: string, namespace: string, repository: string) =>
  queryOptions({
    queryKey: retentionKeys.policies(region, namespace, repository),
    queryFn: ({ signal }) =>
      swr(region).listRetentions({ params: { namespace, repository } }, { signal }),
  });

export const retentionHistoriesQuery = (
  region: string,
  namespace: string,
  repository: string,
  page: { offset: number; limit: number },
) =>
  queryOptions({
    queryKey: retentionKeys.histories(region, namespace, repository, page),
    queryFn: async ({ signal }) => {
      const result = await swr(region).listRetentionHistories(
        { params: { namespace, repository }, query: { limit: page.limit, offset: page.offset } },
        { signal },
      );
      // Newest first, whatever order the region answers in.
      const items = [...result.items].sort(
        (a, b) => Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id,
      );
      return { ...result, items };
    },
    placeholderData: keepPreviousData,
  });

/** Pages of 1,000 tags the simulator reads; beyond them its preview says it is partial. */
export const SIMULATOR_PAGE_SIZE = 1000;
export const SIMULATOR_PAGES = 5;

export interface SimulatorTags {
  tags: RetentionCandidate[];
  /** How many tags the repository has. */
  total: number;
  /** Whether `tags` holds all of them. */
  complete: boolean;
}

/** The repository's tags, newest first, up to a few pages: what a rule is evaluated against. */
export const simulatorTagsQuery = (region: string, namespace: string, repository: string) =>
  queryOptions({
    queryKey: retentionKeys.tags(region, namespace, repository),
    queryFn: async ({ signal }): Promise<SimulatorTags> => {
      const tags: RetentionCandidate[] = [];
      let total = 0;
      for (let page = 0; page < SIMULATOR_PAGES; page += 1) {
        const result = await swr(region).listRepositoryTags(
          {
            params: { namespace, repository },
            query: {
              limit: SIMULATOR_PAGE_SIZE,
              offset: page * SIMULATOR_PAGE_SIZE,
              order_column: 'updated_at',
              order_type: 'desc',
            },
          },
          { signal },
        );
        total = result.total;
        tags.push(...result.items.map((item) => ({ tag: item.Tag, updated: item.updated })));
        if (result.items.length < SIMULATOR_PAGE_SIZE || tags.length >= total) break;
      }
      return { tags, total: Math.max(total, tags.length), complete: tags.length >= total };
    },
  });

export interface SaveRetention {
  /** The policy to change; a new one is created without it. */
  id?: number | undefined;
  rule: RetentionRuleInput;
}

export function useSaveRetention(region: string, namespace: string, repository: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, rule }: SaveRetention): Promise<void> => {
      const body = { algorithm: 'or' as const, rules: [rule] };
      if (id === undefined) {
        await swr(region).createRetention({ params: { namespace, repository }, body });
      } else {
        await swr(region).updateRetention({
          params: { namespace, repository, retention_id: id },
          body,
        });
      }
    },
    // SWR applied the policy: tags are gone from every list, count and size of the region.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: swrKeys.region(region) }),
  });
}

export function useDeleteRetention(region: string, namespace: string, repository: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      swr(region).deleteRetention({ params: { namespace, repository, retention_id: id } }),
    onSuccess: () =>
      queryClient.invalidateQueries({
        queryKey: retentionKeys.repository(region, namespace, repository),
      }),
  });
}
