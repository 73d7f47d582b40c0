/**
 * The radar's view in the query string, so it can be bookmarked and shared: all regions or the
 * page's own (`regions=all`, as on the Fleet page), one group (`group`: ended, soon, later), one
 * account shared with (`account`), only the shares leaving the company (`leaving=1`). Defaults
 * stay out of the URL; unknown values fall back to them.
 */
import { searchOf, useUrlView, type UrlViewState } from '../../lib/url-view';
import { GROUPS, type Group, type RadarFilters } from './rows';

/** The longest account name the URL is trusted with. */
const ACCOUNT_MAX = 128;

export interface RadarView extends RadarFilters {
  /** Every region the user has, rather than the page's own. */
  allRegions: boolean;
}

const PARAMS = ['regions', 'group', 'account', 'leaving'] as const;

function isGroup(value: string | null): value is Group {
  return GROUPS.some((group) => group === value);
}

export function readView(params: URLSearchParams): RadarView {
  const group = params.get('group');
  const account = (params.get('account') ?? '').slice(0, ACCOUNT_MAX);
  return {
    allRegions: params.get('regions') === 'all',
    group: isGroup(group) ? group : undefined,
    account: account === '' ? undefined : account,
    leaving: params.get('leaving') === '1',
  };
}

function viewParams(view: RadarView): Record<(typeof PARAMS)[number], string | undefined> {
  return {
    regions: view.allRegions ? 'all' : undefined,
    group: view.group,
    account: view.account,
    leaving: view.leaving ? '1' : undefined,
  };
}

/** The view as a query string (without `?`), defaults left out, always in one order. */
export function viewSearch(view: RadarView): string {
  return searchOf(viewParams(view));
}

const RADAR_VIEW = { params: PARAMS, read: readView, search: viewSearch };

export function useRadarView(): UrlViewState<RadarView> {
  return useUrlView(RADAR_VIEW);
}
