/**
 * Starting a repository tab's loads together instead of one after another: the repository's
 * details, the tab's own first data (the Tags tab: the page of tags its URL asks for), the tab's
 * code and the strings of the tab and the page. The repository page starts them as it first
 * renders; links start them when the user shows the intent to follow them (pointer resting on the
 * link, keyboard focus, touch).
 */
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { matchPath } from 'react-router';
import { REPOSITORY_TABS, repositoryParam, ROUTES, type RepositoryTab } from '../../../lib/paths';
import { tagListFilters, tagsQuery } from '../../../features/tags/list';
import { repositoryQuery } from '../../../lib/swr-queries';
import { loadRepositoryTab } from './tab-code';

export interface RepositoryTabTarget {
  region: string;
  namespace: string;
  repository: string;
  tab: RepositoryTab;
  /** The tab's query string (`?sort=tag&q=v1`; '' for the tab's defaults). */
  search: string;
}

export interface PrefetchOptions {
  /**
   * Also refresh data older than its stale time (on intent). Without it, data already in the cache
   * (fresh or not) is left alone: the page's queries refresh it as they mount.
   */
  whenStale?: boolean;
}

/** Starts everything the tab needs to show, at once; what is loaded or loading is not asked again. */
export function prefetchRepositoryTab(
  queryClient: QueryClient,
  target: RepositoryTabTarget,
  options: PrefetchOptions = {},
): void {
  const { region, namespace, repository, tab, search } = target;
  // What is loaded or loading is asked again only on intent, and then only once stale (`query`).
  // Errors are left to the page's own queries, which show them.
  const wanted = (key: QueryKey) =>
    options.whenStale === true || queryClient.getQueryState(key) === undefined;
  const detail = repositoryQuery({ region, namespace, repository });
  if (wanted(detail.queryKey)) queryClient.query(detail).catch(() => undefined);
  // The Tags tab's first data: the page its query string asks for, read as the tab reads it.
  if (tab === 'tags') {
    const tags = tagsQuery(region, namespace, repository, tagListFilters(search));
    if (wanted(tags.queryKey)) queryClient.query(tags).catch(() => undefined);
  }
  // A chunk that fails to load is reported by the page when it gets there.
  loadRepositoryTab(tab).catch(() => undefined);
}

/** The repository page's own code, for links from elsewhere (the route loads it on demand). */
export function prefetchRepositoryPage(): void {
  import('./repository-page').catch(() => undefined);
}

/**
 * For the app's start, before the user is known: when the address is a repository tab's, starts
 * the page's code and everything the tab needs (see {@link prefetchRepositoryTab}), so they load
 * beside the user's session instead of after it. Other addresses: nothing.
 */
export function prefetchRepositoryTabAt(
  queryClient: QueryClient,
  location: { pathname: string; search: string },
): void {
  const params = matchPath(ROUTES.repository, location.pathname)?.params;
  const tab = REPOSITORY_TABS.find((name) => name === params?.tab);
  if (params?.region === undefined || params.namespace === undefined) return;
  if (params.repository === undefined || tab === undefined) return;
  prefetchRepositoryPage();
  prefetchRepositoryTab(queryClient, {
    region: params.region,
    namespace: params.namespace,
    repository: repositoryParam(params.repository),
    tab,
    search: location.search,
  });
}
