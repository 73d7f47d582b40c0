/**
 * The grid's view in the query string, so a view can be bookmarked, shared and saved: all regions
 * or the page's own (`regions=all`), the text filter (`q`), the facets (`facets`, comma-separated),
 * more than N tags (`tagsOver`), and the order (`sort`, `dir`). Defaults stay out of the URL;
 * unknown values fall back to them.
 */
import { searchOf, useUrlView, type UrlViewState } from '../../lib/url-view';
import { FACETS, SORT_COLUMNS, type Facet, type FleetFilters, type FleetSort } from './rows';

export const DEFAULT_SORT: FleetSort = { column: 'organization', direction: 'asc' };

/** The most a text filter holds (an organization and a repository name, and the slash). */
export const TEXT_MAX = 200;

export interface FleetView extends FleetFilters {
  /** Every region the user has, rather than the page's own. */
  allRegions: boolean;
  sort: FleetSort;
}

/** Every query parameter the view owns (a view applied replaces them all). */
const PARAMS = ['regions', 'q', 'facets', 'tagsOver', 'sort', 'dir'] as const;

function isFacet(value: string): value is Facet {
  return FACETS.some((facet) => facet === value);
}

function isSortColumn(value: string | null): value is FleetSort['column'] {
  return SORT_COLUMNS.some((column) => column === value);
}

export function readView(params: URLSearchParams): FleetView {
  const column = params.get('sort');
  const tagsOver = Number(params.get('tagsOver'));
  const chosen = new Set((params.get('facets') ?? '').split(',').filter(isFacet));
  return {
    allRegions: params.get('regions') === 'all',
    text: (params.get('q') ?? '').slice(0, TEXT_MAX),
    facets: FACETS.filter((facet) => chosen.has(facet)),
    tagsOver:
      params.has('tagsOver') && Number.isInteger(tagsOver) && tagsOver >= 0 ? tagsOver : undefined,
    sort: isSortColumn(column)
      ? { column, direction: params.get('dir') === 'desc' ? 'desc' : 'asc' }
      : DEFAULT_SORT,
  };
}

/** The view's parameters, defaults left out, always in one order (equal views, equal strings). */
export function viewParams(view: FleetView): Record<(typeof PARAMS)[number], string | undefined> {
  const defaultSort =
    view.sort.column === DEFAULT_SORT.column && view.sort.direction === DEFAULT_SORT.direction;
  return {
    regions: view.allRegions ? 'all' : undefined,
    q: view.text.trim() === '' ? undefined : view.text.trim(),
    facets: view.facets.length === 0 ? undefined : view.facets.join(','),
    tagsOver: view.tagsOver === undefined ? undefined : String(view.tagsOver),
    sort: defaultSort ? undefined : view.sort.column,
    dir: defaultSort ? undefined : view.sort.direction,
  };
}

/** The view as a query string (without `?`), canonical: see {@link viewParams}. */
export function viewSearch(view: FleetView): string {
  return searchOf(viewParams(view));
}

/** The query string a view given as a query string stands for, canonical (junk left out). */
export function canonicalSearch(search: string): string {
  return viewSearch(readView(new URLSearchParams(search)));
}

const FLEET_VIEW = { params: PARAMS, read: readView, search: viewSearch };

export function useFleetView(): UrlViewState<FleetView> {
  return useUrlView(FLEET_VIEW);
}
