/**
 * Sharing a repository with other accounts: query keys, queries and mutations. Every change
 * invalidates the repository's shares and the "shared images" lists, which count shared
 * repositories.
 */
import {
  isSwrError,
  SWR_ERRORS,
  type AccessDomainCheck,
  type OperationInput,
} from '@swr-dashboard/swr-client/browser';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { swr } from '../../lib/api';
import { swrKeys, type RepositoryRef } from '../../lib/query-keys';

const SHARE_NOT_FOUND = SWR_ERRORS.shareNotFound.code;

export type { RepositoryRef } from '../../lib/query-keys';

export const sharingKeys = {
  all: (region: string) => swrKeys.sharing(region),
  repository: ({ region, namespace, repository }: RepositoryRef) =>
    [...sharingKeys.all(region), 'repository', namespace, repository] as const,
  list: (ref: RepositoryRef) => [...sharingKeys.repository(ref), 'list'] as const,
  check: (ref: RepositoryRef, account: string) =>
    [...sharingKeys.repository(ref), 'check', account] as const,
  /** The region's lists of shared images (shared with me, shared by me). */
};

export const sharesQuery = (ref: RepositoryRef) =>
  queryOptions({
    queryKey: sharingKeys.list(ref),
    queryFn: ({ signal }) =>
      swr(ref.region).listRepoDomains(
        { params: { namespace: ref.namespace, repository: ref.repository } },
        { signal },
      ),
  });

/**
 * Whether the repository is shared with one account (SWR's own check). SWR documents
 * `exist: false` for an absent share, but also answers `4001090` (share not found): both mean no.
 */
export const shareCheckQuery = (ref: RepositoryRef, account: string) =>
  queryOptions({
    queryKey: sharingKeys.check(ref, account),
    queryFn: async ({ signal }): Promise<AccessDomainCheck> => {
      try {
        return await swr(ref.region).showAccessDomain(
          {
            params: {
              namespace: ref.namespace,
              repository: ref.repository,
              access_domain: account,
            },
          },
          { signal },
        );
      } catch (error) {
        if (isSwrError(error) && (error.upstream?.code ?? error.code) === SHARE_NOT_FOUND) {
          return { exist: false };
        }
        throw error;
      }
    },
  });

function useInvalidateShares(ref: RepositoryRef) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: sharingKeys.repository(ref) }),
      queryClient.invalidateQueries({ queryKey: swrKeys.sharedImages(ref.region) }),
    ]);
}

export type ShareBody = OperationInput<'createRepoDomains'>['body'];
export type ShareUpdateBody = OperationInput<'updateRepoDomains'>['body'];

export function useCreateShare(ref: RepositoryRef) {
  const invalidate = useInvalidateShares(ref);
  return useMutation({
    mutationFn: (body: ShareBody) =>
      swr(ref.region).createRepoDomains({
        params: { namespace: ref.namespace, repository: ref.repository },
        body,
      }),
    onSuccess: invalidate,
  });
}

export function useUpdateShare(ref: RepositoryRef) {
  const invalidate = useInvalidateShares(ref);
  return useMutation({
    mutationFn: ({ account, body }: { account: string; body: ShareUpdateBody }) =>
      swr(ref.region).updateRepoDomains({
        params: { namespace: ref.namespace, repository: ref.repository, access_domain: account },
        body,
      }),
    onSuccess: invalidate,
  });
}

export function useDeleteShare(ref: RepositoryRef) {
  const invalidate = useInvalidateShares(ref);
  return useMutation({
    mutationFn: (account: string) =>
      swr(ref.region).deleteRepoDomains({
        params: { namespace: ref.namespace, repository: ref.repository, access_domain: account },
      }),
    onSuccess: invalidate,
  });
}
