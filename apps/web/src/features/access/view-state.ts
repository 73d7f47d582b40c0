/**
 * The Access view in the query string: by repository (`repository=<namespace>/<name>`) or by user
 * (`user=<name>`), `by=user` for the user mode before a user is chosen, and all regions
 * (`regions=all`) or the page's own. A chosen user wins over a chosen repository.
 */
import { useUrlView, type UrlViewState } from '../../lib/url-view';

/** The most a repository reference or a user name in the URL holds. */
export const CHOICE_MAX = 300;

export type AccessMode = 'repository' | 'user';

export interface AccessView {
  mode: AccessMode;
  /** `namespace/name`, or '' when none is chosen. */
  repository: string;
  /** A user name, or '' when none is chosen. */
  user: string;
  allRegions: boolean;
}

const PARAMS = ['by', 'repository', 'user', 'regions'] as const;

export function readAccessView(params: URLSearchParams): AccessView {
  const user = (params.get('user') ?? '').slice(0, CHOICE_MAX);
  const repository = (params.get('repository') ?? '').slice(0, CHOICE_MAX);
  const mode: AccessMode =
    user !== '' || (repository === '' && params.get('by') === 'user') ? 'user' : 'repository';
  return {
    mode,
    repository: mode === 'repository' ? repository : '',
    user: mode === 'user' ? user : '',
    allRegions: params.get('regions') === 'all',
  };
}

/** The view's parameters, in one order, defaults and the other mode's choice left out. */
export function accessSearch(view: AccessView): string {
  const params = new URLSearchParams();
  if (view.mode === 'user' && view.user === '') params.set('by', 'user');
  if (view.mode === 'repository' && view.repository !== '') {
    params.set('repository', view.repository);
  }
  if (view.mode === 'user' && view.user !== '') params.set('user', view.user);
  if (view.allRegions) params.set('regions', 'all');
  return params.toString();
}

const ACCESS_VIEW = { params: PARAMS, read: readAccessView, search: accessSearch };

export function useAccessView(): UrlViewState<AccessView> {
  return useUrlView(ACCESS_VIEW);
}
