/** One repository's summary, shared by all its tabs. */
import { queryOptions } from '@tanstack/react-query';
import { swr } from '../../lib/api';

export const repositoryKeys = {
  all: (region: string) => ['swr', region, 'repositories'] as const,
  detail: (region: string, namespace: string, repository: string) =>
    [...repositoryKeys.all(region), 'detail', namespace, repository] as const,
};

export const repositoryQuery = (region: string, namespace: string, repository: string) =>
  queryOptions({
    queryKey: repositoryKeys.detail(region, namespace, repository),
    queryFn: ({ signal }) =>
      swr(region).showRepository({ params: { namespace, repository } }, { signal }),
  });
