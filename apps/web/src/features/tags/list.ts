/**
 * A repository's tag list: its query keys, the page shown (read from the query string, the one
 * place the Tags tab and the prefetch read it), and the query of one server page. Kept apart from
 * the mutations (api.ts) so that the prefetch, which the repositories list and the repository page
 * load early, stays small.
 */
import { TAG_ORDER_COLUMNS, type QueryInput } from '@swr-dashboard/swr-client/browser';
import { keepPreviousData, queryOptions, type QueryClient } from '@tanstack/react-query';
import { swr } from '../../lib/api';

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
  all: (region: string) => ['swr', region, 'tags'] as const,
  repository: (region: string, namespace: string, repository: string) =>
    [...tagKeys.all(region), namespace, repository] as const,
  list: (region: string, namespace: string, repository: string, filters: TagListFilters) =>
    [...tagKeys.repository(region, namespace, repository), 'list', filters] as const,
};

function wholeNumber(params: URLSearchParams, name: string, fallback: number): number {
  const value = Number(params.get(name));
  return params.has(name) && Number.isInteger(value) && value >= 0 ? value : fallback;
}

/**
 * The page the query string asks for (`offset`, `limit`, `sort`, `order`, `q`); anything missing
 * or invalid falls back to the default: the first 20 tags, newest first, unfiltered.
 */
export function tagListFilters(search: string | URLSearchParams): TagListFilters {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const sort = params.get('sort');
  const limit = wholeNumber(params, 'limit', TAG_PAGE_SIZES[0]);
  return {
    offset: wholeNumber(params, 'offset', 0),
    limit: TAG_PAGE_SIZES.some((size) => size === limit) ? limit : TAG_PAGE_SIZES[0],
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

export interface TagListTarget {
  region: string;
  namespace: string;
  repository: string;
  /** The Tags tab's query string (`?sort=tag&q=v1`, or '' for the first page). */
  search: string;
}

/**
 * Starts loading (TanStack Query's `query`, errors left to the tab) the page of tags the Tags tab will show for `search`, unless that page is already
 * loaded or loading. `whenStale` also refreshes a page older than the query's stale time (a
 * prefetch on intent); without it, an existing page is left to the tab (a prefetch during render).
 */
export function prefetchTagList(
  queryClient: QueryClient,
  target: TagListTarget,
  options: { whenStale?: boolean } = {},
): void {
  const query = tagsQuery(
    target.region,
    target.namespace,
    target.repository,
    tagListFilters(target.search),
  );
  if (options.whenStale !== true && queryClient.getQueryState(query.queryKey) !== undefined) return;
  queryClient.query(query).catch(() => undefined);
}
