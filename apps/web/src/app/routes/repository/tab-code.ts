/**
 * Each repository tab's code and strings, and the repository page's own strings, loaded on demand
 * (each tab is its own chunk, each feature's translations their own small file). The page shows
 * once its strings are there, and a tab once its code and strings are: neither suspends, as each
 * Suspense fallback React shows holds the next reveal back by 300 ms, which a waterfall of them
 * turns into seconds. While another tab loads, the page (its header and tab links, with the
 * keyboard focus) stays.
 */
import i18n from 'i18next';
import { useCallback, useSyncExternalStore, type ComponentType } from 'react';
import { createLoadOnce, type LoadFailure } from '../../../lib/load-once';
import type { RepositoryTab } from '../../../lib/paths';
import type { EarlyTabProps, RepositoryTabProps } from '../../../lib/repository-tab';

/** A tab's component: an early one shows before the repository's details have arrived. */
export type TabCode =
  | { early: true; Component: ComponentType<EarlyTabProps> }
  | { early: false; Component: ComponentType<RepositoryTabProps> };

const LOADERS: Record<RepositoryTab, () => Promise<TabCode>> = {
  tags: () =>
    import('../../../features/tags/components/tags-tab').then((m) => ({
      early: true,
      Component: m.TagsTab,
    })),
  permissions: () =>
    import('../../../features/permissions/components/repository-permissions-tab').then((m) => ({
      early: false,
      Component: m.RepositoryPermissionsTab,
    })),
  sharing: () =>
    import('../../../features/sharing/components/sharing-tab').then((m) => ({
      early: false,
      Component: m.SharingTab,
    })),
  sync: () =>
    import('../../../features/sync/components/sync-tab').then((m) => ({
      early: false,
      Component: m.SyncTab,
    })),
  triggers: () =>
    import('../../../features/triggers/components/triggers-tab').then((m) => ({
      early: false,
      Component: m.TriggersTab,
    })),
  retention: () =>
    import('../../../features/retention/components/retention-tab').then((m) => ({
      early: false,
      Component: m.RetentionTab,
    })),
};

/** The repository page's own strings; each tab's namespace is its name. */
const PAGE_NAMESPACE = 'repository';

const tabs = createLoadOnce((tab: RepositoryTab) =>
  Promise.all([LOADERS[tab](), i18n.loadNamespaces(tab)]).then(([code]) => code),
);
const pageStrings = createLoadOnce((namespace: string) =>
  i18n.loadNamespaces(namespace).then(() => true),
);

/**
 * Loads a tab's code and strings and the page's strings (each once; a failure is kept until
 * retried, see lib/load-once.ts). Resolves with the tab, or rejects with the first failure.
 */
export function loadRepositoryTab(tab: RepositoryTab): Promise<TabCode> {
  return Promise.all([tabs.load(tab), pageStrings.load(PAGE_NAMESPACE)]).then(([code]) => code);
}

/**
 * Whether the page's own strings are there, or why they failed; `retry` loads them again.
 * Starting the load is the caller's (see prefetchRepositoryTab).
 */
export function useRepositoryPageStrings(): {
  ready: boolean;
  failure: LoadFailure | undefined;
  retry: () => void;
} {
  const ready = useSyncExternalStore(
    pageStrings.subscribe,
    () => pageStrings.loaded(PAGE_NAMESPACE) === true,
  );
  const failure = useSyncExternalStore(pageStrings.subscribe, () =>
    pageStrings.failure(PAGE_NAMESPACE),
  );
  const retry = useCallback(() => {
    pageStrings.retry(PAGE_NAMESPACE).catch(() => undefined);
  }, []);
  return { ready, failure, retry };
}

/**
 * The tab's code once it and its strings are loaded (undefined until then), or why it failed;
 * `retry` loads it again. Starting the load is the caller's (see prefetchRepositoryTab).
 */
export function useRepositoryTabCode(tab: RepositoryTab | undefined): {
  code: TabCode | undefined;
  failure: LoadFailure | undefined;
  retry: () => void;
} {
  const code = useSyncExternalStore(tabs.subscribe, () =>
    tab === undefined ? undefined : tabs.loaded(tab),
  );
  const failure = useSyncExternalStore(tabs.subscribe, () =>
    tab === undefined ? undefined : tabs.failure(tab),
  );
  const retry = useCallback(() => {
    if (tab !== undefined) tabs.retry(tab).catch(() => undefined);
  }, [tab]);
  return { code, failure, retry };
}
