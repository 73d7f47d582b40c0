/** Deploy triggers of a repository: query keys, queries and mutations. */
import type { OperationInput } from '@swr-dashboard/swr-client/browser';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { swr } from '../../lib/api';
import { swrKeys, type RepositoryRef } from '../../lib/query-keys';

export type { RepositoryRef } from '../../lib/query-keys';
export { triggersQuery } from '../../lib/swr-queries';

/** How many of the newest tags the condition preview checks. */
export const PREVIEW_TAGS = 100;

export const triggerKeys = {
  repository: (ref: RepositoryRef) => swrKeys.repositoryTriggers(ref),
  list: (ref: RepositoryRef) => [...triggerKeys.repository(ref), 'list'] as const,
  detail: (ref: RepositoryRef, name: string) =>
    [...triggerKeys.repository(ref), 'detail', name] as const,
  recentTags: (ref: RepositoryRef) => [...triggerKeys.repository(ref), 'recent-tags'] as const,
};

const params = (ref: RepositoryRef) => ({ namespace: ref.namespace, repository: ref.repository });

export const triggerQuery = (ref: RepositoryRef, name: string) =>
  queryOptions({
    queryKey: triggerKeys.detail(ref, name),
    queryFn: ({ signal }) =>
      swr(ref.region).showTrigger({ params: { ...params(ref), trigger: name } }, { signal }),
  });

/** The newest tags, to show which of them a condition would match. */
export const recentTagsQuery = (ref: RepositoryRef) =>
  queryOptions({
    queryKey: triggerKeys.recentTags(ref),
    queryFn: async ({ signal }) => {
      const page = await swr(ref.region).listRepositoryTags(
        {
          params: params(ref),
          query: { limit: PREVIEW_TAGS, offset: 0, order_column: 'updated_at', order_type: 'desc' },
        },
        { signal },
      );
      return { tags: page.items.map((tag) => tag.Tag), total: page.total };
    },
    staleTime: 60_000,
  });

export type CreateTriggerBody = OperationInput<'createTrigger'>['body'];

function useInvalidateTriggers(ref: RepositoryRef) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: triggerKeys.repository(ref) });
}

export function useCreateTrigger(ref: RepositoryRef) {
  const invalidate = useInvalidateTriggers(ref);
  return useMutation({
    mutationFn: (body: CreateTriggerBody) =>
      swr(ref.region).createTrigger({ params: params(ref), body }),
    onSuccess: invalidate,
  });
}

export function useSetTriggerEnabled(ref: RepositoryRef) {
  const invalidate = useInvalidateTriggers(ref);
  return useMutation({
    mutationFn: ({ name, enable }: { name: string; enable: boolean }) =>
      swr(ref.region).updateTrigger({
        params: { ...params(ref), trigger: name },
        body: { enable: enable ? 'true' : 'false' },
      }),
    onSuccess: invalidate,
  });
}

export function useDeleteTrigger(ref: RepositoryRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      swr(ref.region).deleteTrigger({ params: { ...params(ref), trigger: name } }),
    onSuccess: (_data, name) => {
      queryClient.removeQueries({ queryKey: triggerKeys.detail(ref, name) });
      return queryClient.invalidateQueries({ queryKey: triggerKeys.list(ref) });
    },
  });
}
