/**
 * A repository's tag list: its query keys, the page shown (read from the query string, the one
 * place the Tags tab and the prefetch read it), and the query of one server page. Kept apart from
 * the mutations (api.ts) so that the prefetch, which the repositories list and the repository page
 * load early, stays small.
 */
import { TAG_ORDER_COLUMNS, type QueryInput } from '@swr-dashboard/swr-client/browser';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { swr } from '../../lib/api';
import { readPage } from '../../lib/url-state';
import { swrKeys } from '../../lib/query-keys';

export type TagOrderColumn = (typeof TAG_ORDER_COLUMNS)[number];

/** What the list shows: one server page, in one order, optionally filtered by tag text. */
export interface TagListFilters {
  offset: number;
  limit: number;
  orderColumn: TagOrderColumn;
  orderType: 'asc' | 'desc';
  /** Part of a tag name; '' for all tags. */
  tag: string;
}

/** A repository can hold tens of thousands of tags; SWR returns at most 1,000 per page. */
export const TAG_PAGE_SIZES = [20, 50, 100, 500, 1000] as const;

export const tagKeys = {
  all: (region: string) => [...swrKeys.region(region), 'tags'] as const,
  repository: (region: string, namespace: string, repository: string) =>
    [...tagKeys.all(region), namespace, repository] as const,
  list: (region: string, namespace: string, repository: string, filters: TagListFilters) =>
    [...tagKeys.repository(region, namespace, repository), 'list', filters] as const,
};

/**
 * The page the query string asks for (`offset`, `limit`, `sort`, `order`, `q`); anything missing
 * or invalid falls back to the default: the first 20 tags, newest first, unfiltered.
 */
export function tagListFilters(search: string | URLSearchParams): TagListFilters {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const sort = params.get('sort');
  return {
    ...readPage(params, TAG_PAGE_SIZES),
    orderColumn: TAG_ORDER_COLUMNS.find((column) => column === sort) ?? 'updated_at',
    orderType: params.get('order') === 'asc' ? 'asc' : 'desc',
    tag: params.get('q') ?? '',
  };
}

export const tagsQuery = (
  region: string,
  namespace: string,
  repository: string,
  filters: TagListFilters,
) =>
  queryOptions({
    queryKey: tagKeys.list(region, namespace, repository, filters),
    queryFn: ({ signal }) => {
      const query: QueryInput<'listRepositoryTags'> = {
        limit: filters.limit,
        offset: filters.offset,
        order_column: filters.orderColumn,
        order_type: filters.orderType,
        ...(filters.tag === '' ? {} : { tag: filters.tag }),
      };
      return swr(region).listRepositoryTags(
        { params: { namespace, repository }, query },
        { signal },
      );
    },
    // The previous page stays on screen while the next one loads: no jump to a spinner.
    placeholderData: keepPreviousData,
  });
