/**
 * Repositories across organizations: the paged list (paged, filtered and sorted by SWR) and the
 * mutations that create, edit and delete a repository. Keys sit under the repositories' root
 * (`swrKeys.repositories`), so a change here also refreshes an open repository page, and a create
 * or delete refreshes the organizations' (their repository counts).
 */
import type { OperationInput } from '@swr-dashboard/swr-client/browser';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { swr } from '../../lib/api';
import { swrKeys, type RepositoryRef as RepositoryInRegion } from '../../lib/query-keys';

/** What the list asks SWR for: filters, sort and page, exactly as the contract takes them. */
export type RepositoryListQuery = NonNullable<OperationInput<'listReposDetails'>['query']>;

export const repositoriesKeys = {
  all: (region: string) => swrKeys.repositories(region),
  lists: (region: string) => [...repositoriesKeys.all(region), 'list'] as const,
  list: (region: string, query: RepositoryListQuery) =>
    [...repositoriesKeys.lists(region), query] as const,
};

/** One page of repositories; the previous page stays on screen while the next one loads. */
export const repositoriesQuery = (region: string, query: RepositoryListQuery) =>
  queryOptions({
    queryKey: repositoriesKeys.list(region, query),
    queryFn: ({ signal }) => swr(region).listReposDetails({ query }, { signal }),
    placeholderData: keepPreviousData,
  });

export interface CreateRepositoryInput {
  namespace: string;
  body: OperationInput<'createRepo'>['body'];
}

export function useCreateRepository(region: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ namespace, body }: CreateRepositoryInput) =>
      swr(region).createRepo({ params: { namespace }, body }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: repositoriesKeys.lists(region) }),
        queryClient.invalidateQueries({ queryKey: swrKeys.organizations(region) }),
      ]),
  });
}

export interface UpdateRepositoryInput {
  namespace: string;
  repository: string;
  body: OperationInput<'updateRepo'>['body'];
}

export function useUpdateRepository(region: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ namespace, repository, body }: UpdateRepositoryInput) =>
      swr(region).updateRepo({ params: { namespace, repository }, body }),
    // The lists and the repository's own page both show these attributes.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: repositoriesKeys.all(region) }),
  });
}

export interface RepositoryRef {
  namespace: string;
  repository: string;
}

export function useDeleteRepository(region: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ namespace, repository }: RepositoryRef) =>
      swr(region).deleteRepo({ params: { namespace, repository } }),
    onSuccess: (_result, { namespace, repository }) => {
      const ref: RepositoryInRegion = { region, namespace, repository };
      queryClient.removeQueries({ queryKey: swrKeys.repository(ref) });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: repositoriesKeys.lists(region) }),
        // The organizations' repository counts.
        queryClient.invalidateQueries({ queryKey: swrKeys.organizations(region) }),
      ]);
    },
  });
}
