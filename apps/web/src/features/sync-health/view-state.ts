/**
 * The view in the query string, so it can be bookmarked and shared: all regions or the page's own
 * (`regions=all`, as the Fleet grid), the statuses shown (`status`, comma-separated; every problem
 * but not the healthy targets by default), the organization (`org`) and the order (`sort`,
 * `dir`). Defaults stay out of the URL; unknown values fall back to them.
 */
import { searchOf, useUrlView, type UrlViewState } from '../../lib/url-view';
import {
  SORT_COLUMNS,
  STATUSES,
  type HealthFilters,
  type HealthSort,
  type SortColumn,
  type Status,
} from './rows';

export const DEFAULT_SORT: HealthSort = { column: 'status', direction: 'asc' };
/** Healthy targets are hidden until asked for. */
export const DEFAULT_STATUSES: readonly Status[] = STATUSES.filter(
  (status) => status !== 'healthy',
);

export interface HealthView extends HealthFilters {
  /** Every region the user has, rather than the page's own. */
  allRegions: boolean;
  sort: HealthSort;
}

const PARAMS = ['regions', 'status', 'org', 'sort', 'dir'] as const;

function isStatus(value: string): value is Status {
  return STATUSES.some((status) => status === value);
}

function isSortColumn(value: string | null): value is SortColumn {
  return SORT_COLUMNS.some((column) => column === value);
}

function sameStatuses(a: readonly Status[], b: readonly Status[]): boolean {
  return a.length === b.length && a.every((status) => b.includes(status));
}

export function readView(params: URLSearchParams): HealthView {
  const column = params.get('sort');
  const chosen = new Set((params.get('status') ?? '').split(',').filter(isStatus));
  const organization = params.get('org')?.trim() ?? '';
  return {
    allRegions: params.get('regions') === 'all',
    statuses: params.has('status')
      ? STATUSES.filter((status) => chosen.has(status))
      : DEFAULT_STATUSES,
    organization: organization === '' ? undefined : organization,
    sort: isSortColumn(column)
      ? { column, direction: params.get('dir') === 'desc' ? 'desc' : 'asc' }
      : DEFAULT_SORT,
  };
}

function viewParams(view: HealthView): Record<(typeof PARAMS)[number], string | undefined> {
  const defaultSort =
    view.sort.column === DEFAULT_SORT.column && view.sort.direction === DEFAULT_SORT.direction;
  return {
    regions: view.allRegions ? 'all' : undefined,
    status: sameStatuses(view.statuses, DEFAULT_STATUSES)
      ? undefined
      : STATUSES.filter((status) => view.statuses.includes(status)).join(','),
    org: view.organization,
    sort: defaultSort ? undefined : view.sort.column,
    dir: defaultSort ? undefined : view.sort.direction,
  };
}

/** The view as a query string (without `?`), defaults left out. */
export function viewSearch(view: HealthView): string {
  return searchOf(viewParams(view));
}

const HEALTH_VIEW = { params: PARAMS, read: readView, search: viewSearch };

export function useHealthView(): UrlViewState<HealthView> {
  return useUrlView(HEALTH_VIEW);
}
