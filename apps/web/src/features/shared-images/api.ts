/**
 * Shared images of a region: those other accounts share with this one (`thirdparty`) and this
 * account's images shared with others (`self`). Paged, filtered and sorted by SWR. The keys live
 * under the sharing feature's, so a share created or removed refreshes these lists.
 */
import type { QueryInput } from '@swr-dashboard/swr-client/browser';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { swr } from '../../lib/api';
import { swrKeys } from '../../lib/query-keys';

export type SharedImagesQuery = QueryInput<'listSharedReposDetails'>;

export const sharedImageKeys = {
  all: (region: string) => swrKeys.sharedImages(region),
  list: (region: string, query: SharedImagesQuery) =>
    [...sharedImageKeys.all(region), 'list', query] as const,
};

export const sharedImagesQuery = (region: string, query: SharedImagesQuery) =>
  queryOptions({
    queryKey: sharedImageKeys.list(region, query),
    queryFn: ({ signal }) => swr(region).listSharedReposDetails({ query }, { signal }),
    placeholderData: keepPreviousData,
  });
