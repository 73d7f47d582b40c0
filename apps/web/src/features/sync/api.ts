/**
 * Image sync to other regions: query keys, queries and mutations. A manual sync changes the
 * target region (repositories and tags appear there), so it invalidates that region's queries
 * as well as this repository's job history.
 */
import { syncStartsEndpoint, type OperationInput } from '@swr-dashboard/swr-client/browser';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { bff, swr } from '../../lib/api';
import { swrKeys, type RepositoryRef } from '../../lib/query-keys';

export type { RepositoryRef } from '../../lib/query-keys';

export interface JobPage {
  limit: number;
  offset: number;
}

/** How many of the repository's tags the tag picker offers per search. */
export const TAG_OPTIONS_LIMIT = 50;

export const syncKeys = {
  all: (region: string) => [...swrKeys.region(region), 'sync'] as const,
  repository: ({ region, namespace, repository }: RepositoryRef) =>
    [...syncKeys.all(region), 'repository', namespace, repository] as const,
  policies: (ref: RepositoryRef) => [...syncKeys.repository(ref), 'policies'] as const,
  jobs: (ref: RepositoryRef) => [...syncKeys.repository(ref), 'jobs'] as const,
  jobPage: (ref: RepositoryRef, page: JobPage) => [...syncKeys.jobs(ref), page] as const,
  /** Who started the repository's manual syncs, from the console's audit trail. */
  starts: (ref: RepositoryRef) => [...syncKeys.jobs(ref), 'starts'] as const,
  tagOptions: (ref: RepositoryRef, search: string) =>
    [...syncKeys.repository(ref), 'tag-options', search] as const,
  /** The organizations of a target region (the key lives under that region). */
  targetOrganizations: (targetRegion: string) =>
    [...syncKeys.all(targetRegion), 'target-organizations'] as const,
};

const params = (ref: RepositoryRef) => ({ namespace: ref.namespace, repository: ref.repository });

export const syncPoliciesQuery = (ref: RepositoryRef) =>
  queryOptions({
    queryKey: syncKeys.policies(ref),
    queryFn: ({ signal }) =>
      swr(ref.region).listImageAutoSyncReposDetails({ params: params(ref) }, { signal }),
  });

/** One page of the repository's sync jobs, newest first. */
export const syncJobsQuery = (ref: RepositoryRef, page: JobPage) =>
  queryOptions({
    queryKey: syncKeys.jobPage(ref, page),
    queryFn: ({ signal }) =>
      swr(ref.region).showSyncJob(
        { params: params(ref), query: { limit: page.limit, offset: page.offset, order: 'desc' } },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });

/**
 * Who started the repository's manual syncs through the console (SWR names the console's own IAM
 * user on every job it starts). Under the jobs' key: whatever refreshes the jobs refreshes this.
 */
export const syncStartsQuery = (ref: RepositoryRef) =>
  queryOptions({
    queryKey: syncKeys.starts(ref),
    queryFn: ({ signal }) =>
      bff(
        syncStartsEndpoint,
        {
          params: { region: ref.region },
          query: { namespace: ref.namespace, repository: ref.repository },
        },
        { signal },
      ),
  });

/** The repository's tags whose name contains `search`, most recently updated first. */
export const tagOptionsQuery = (ref: RepositoryRef, search: string) =>
  queryOptions({
    queryKey: syncKeys.tagOptions(ref, search),
    queryFn: async ({ signal }) => {
      const page = await swr(ref.region).listRepositoryTags(
        {
          params: params(ref),
          query: {
            ...(search === '' ? {} : { tag: search }),
            limit: TAG_OPTIONS_LIMIT,
            offset: 0,
            order_column: 'updated_at',
            order_type: 'desc',
          },
        },
        { signal },
      );
      return { tags: page.items.map((tag) => tag.Tag), total: page.total };
    },
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

/** The organizations in a target region, to suggest as sync targets. */
export const targetOrganizationsQuery = (targetRegion: string) =>
  queryOptions({
    queryKey: syncKeys.targetOrganizations(targetRegion),
    queryFn: async ({ signal }) => {
      const answer = await swr(targetRegion).listNamespaces({}, { signal });
      return answer.namespaces.map((ns) => ns.name).sort();
    },
    staleTime: 30_000,
  });

export type SyncPolicyBody = OperationInput<'createImageSyncRepo'>['body'];
export type SyncTarget = OperationInput<'deleteImageSyncRepo'>['body'];
export type ManualSyncBody = OperationInput<'createManualImageSyncRepo'>['body'];

export function useCreateSyncPolicy(ref: RepositoryRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SyncPolicyBody) =>
      swr(ref.region).createImageSyncRepo({ params: params(ref), body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: syncKeys.policies(ref) }),
  });
}

export function useDeleteSyncPolicy(ref: RepositoryRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SyncTarget) =>
      swr(ref.region).deleteImageSyncRepo({ params: params(ref), body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: syncKeys.policies(ref) }),
  });
}

/** Syncs chosen tags now; the answer lists the tags that failed (empty: all synced). */
export function useManualSync(ref: RepositoryRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ManualSyncBody) =>
      swr(ref.region).createManualImageSyncRepo({ params: params(ref), body }),
    onSettled: (_data, _error, body) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: syncKeys.jobs(ref) }),
        queryClient.invalidateQueries({ queryKey: swrKeys.region(body.remoteRegionId) }),
      ]),
  });
}
