/**
 * The radar's view in the query string, so it can be bookmarked and shared: all regions or the
 * page's own (`regions=all`, as on the Fleet page), one group (`group`: ended, soon, later), one
 * account shared with (`account`), only the shares leaving the company (`leaving=1`). Defaults
 * stay out of the URL; unknown values fall back to them.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
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
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(viewParams(view))) {
    if (value !== undefined) params.set(name, value);
  }
  return params.toString();
}

export function useRadarView(): {
  view: RadarView;
  /** Changes part of the view (replacing the history entry). */
  update: (changes: Partial<RadarView>) => void;
} {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => readView(params), [params]);
  const update = useCallback(
    (changes: Partial<RadarView>) => {
      setParams(
        (current) => {
          const out = new URLSearchParams(current);
          for (const name of PARAMS) out.delete(name);
          const next = { ...readView(current), ...changes };
          for (const [name, value] of Object.entries(viewParams(next))) {
            if (value !== undefined) out.set(name, value);
          }
          return out;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  return { view, update };
}
