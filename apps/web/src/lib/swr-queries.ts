/**
 * The few SWR reads that more than one feature shows, kept under the shared keys (query-keys.ts).
 *
 * Shared here: the region's organizations (the organization pages, the repository filters and
 * forms), a repository's details (its page and every tab), and a repository's deploy triggers
 * (the Triggers tab, and the Tags tab, which warns before deleting a tag one of them deploys).
 */
import { queryOptions } from '@tanstack/react-query';
import { swr } from './api';

import { swrKeys, type RepositoryRef } from './query-keys';

const params = (ref: RepositoryRef) => ({ namespace: ref.namespace, repository: ref.repository });

/** The region's organizations. */
export const organizationsQuery = (region: string) =>
  queryOptions({
    queryKey: swrKeys.organizationList(region),
    queryFn: ({ signal }) => swr(region).listNamespaces({}, { signal }),
    select: (data) => data.namespaces,
  });

/** One repository's summary, shared by all its tabs. */
export const repositoryQuery = (ref: RepositoryRef) =>
  queryOptions({
    queryKey: swrKeys.repository(ref),
    queryFn: ({ signal }) => swr(ref.region).showRepository({ params: params(ref) }, { signal }),
  });

/** A repository's deploy triggers. */
export const triggersQuery = (ref: RepositoryRef) =>
  queryOptions({
    queryKey: [...swrKeys.repositoryTriggers(ref), 'list'] as const,
    queryFn: ({ signal }) =>
      swr(ref.region).listTriggersDetails({ params: params(ref) }, { signal }),
  });
