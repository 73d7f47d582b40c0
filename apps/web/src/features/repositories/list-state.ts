/**
 * The repository list's view state, kept in the query string so any view can be linked: the
 * organization (`org`), name (`q`), category, visibility, sort column and direction, and page
 * (`offset`, `limit`). Unknown values fall back to the defaults.
 */
import {
  REPOSITORY_CATEGORIES,
  type REPOSITORY_ORDER_COLUMNS,
  type RepositoryCategory,
} from '@swr-dashboard/swr-client/browser';
import { PAGE_SIZES } from '../../components/ui/pagination';
import type { SortState } from '../../components/ui/table';
import { useUrlState } from '../../lib/url-state';
import type { RepositoryListQuery } from './api';

/** The list's sortable columns and the `order_column` SWR sorts them by. */
export const SORT_COLUMNS = {
  name: 'name',
  organization: 'namespace',
  tags: 'tag_count',
  updated: 'updated_at',
} as const satisfies Record<string, (typeof REPOSITORY_ORDER_COLUMNS)[number]>;
export type SortColumn = keyof typeof SORT_COLUMNS;

export const VISIBILITIES = ['public', 'private'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

const DEFAULT_SORT: SortState = { column: 'updated', direction: 'desc' };

export interface RepositoryListFilters {
  namespace: string;
  name: string;
  category: RepositoryCategory | '';
  visibility: Visibility | '';
}

export interface RepositoryListState {
  filters: RepositoryListFilters;
  sort: SortState;
  offset: number;
  limit: number;
  /** What to ask SWR for. */
  query: RepositoryListQuery;
  /** Whether any filter other than the fixed organization is set. */
  filtered: boolean;
  setFilter: (values: Partial<RepositoryListFilters>) => void;
  clearFilters: () => void;
  setSort: (sort: SortState) => void;
  setPage: (page: { offset: number; limit: number }) => void;
}

function isSortColumn(value: string | undefined): value is SortColumn {
  return value !== undefined && value in SORT_COLUMNS;
}

function isCategory(value: string | undefined): value is RepositoryCategory {
  return REPOSITORY_CATEGORIES.some((category) => category === value);
}

function isVisibility(value: string | undefined): value is Visibility {
  return VISIBILITIES.some((visibility) => visibility === value);
}

/** `|` separates entries of SWR's `filter` parameter, so it cannot be searched for. */
function filterText(value: string): string {
  return value.replaceAll('|', '').trim();
}

/**
 * @param fixedNamespace when set (an organization's page), the list shows only this
 *   organization and ignores `org` in the URL.
 */
export function useRepositoryListState(fixedNamespace?: string): RepositoryListState {
  const url = useUrlState();
  const column = url.get('sort');
  const sort: SortState = isSortColumn(column)
    ? { column, direction: url.get('dir') === 'asc' ? 'asc' : 'desc' }
    : DEFAULT_SORT;
  const { offset, limit } = url.page(PAGE_SIZES);
  const category = url.get('category');
  const visibility = url.get('visibility');
  const filters: RepositoryListFilters = {
    namespace: fixedNamespace ?? url.get('org') ?? '',
    name: url.get('q') ?? '',
    category: isCategory(category) ? category : '',
    visibility: isVisibility(visibility) ? visibility : '',
  };
  const namespace = filterText(filters.namespace);
  const name = filterText(filters.name);
  const query: RepositoryListQuery = {
    limit,
    offset,
    order_column: SORT_COLUMNS[sort.column as SortColumn],
    order_type: sort.direction,
    ...(namespace === '' ? {} : { namespace }),
    ...(name === '' ? {} : { name }),
    ...(filters.category === '' ? {} : { category: filters.category }),
    ...(filters.visibility === '' ? {} : { is_public: filters.visibility === 'public' }),
  };
  const filtered =
    filters.name !== '' ||
    filters.category !== '' ||
    filters.visibility !== '' ||
    (fixedNamespace === undefined && filters.namespace !== '');
  return {
    filters,
    sort,
    offset,
    limit,
    query,
    filtered,
    // A new filter starts again at the first page.
    setFilter(values) {
      url.set({
        ...(values.namespace === undefined ? {} : { org: values.namespace }),
        ...(values.name === undefined ? {} : { q: values.name }),
        ...(values.category === undefined ? {} : { category: values.category }),
        ...(values.visibility === undefined ? {} : { visibility: values.visibility }),
        offset: undefined,
      });
    },
    clearFilters() {
      url.set({
        org: undefined,
        q: undefined,
        category: undefined,
        visibility: undefined,
        offset: undefined,
      });
    },
    setSort(next) {
      const isDefault =
        next.column === DEFAULT_SORT.column && next.direction === DEFAULT_SORT.direction;
      url.set({
        sort: isDefault ? undefined : next.column,
        dir: isDefault ? undefined : next.direction,
        offset: undefined,
      });
    },
    setPage(page) {
      url.setPage(page, PAGE_SIZES);
    },
  };
}
