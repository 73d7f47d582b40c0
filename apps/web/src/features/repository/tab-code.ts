/**
 * Each repository tab's code and strings, loaded on demand (each tab is its own chunk, each
 * feature's translations their own small file). A tab counts as loaded once its code, its
 * translations and the repository page's are all there, so the page can show it without
 * suspending: each suspense fallback React shows holds the next reveal back by 300 ms, which a
 * waterfall of them turns into seconds.
 */
import i18n from 'i18next';
import { useCallback, useSyncExternalStore, type ComponentType } from 'react';
import type { RepositoryTab } from '../../lib/paths';
import type { EarlyTabProps, RepositoryTabProps } from './components/tab-props';

/** A tab's component: an early one shows before the repository's details have arrived. */
export type TabCode =
  | { early: true; Component: ComponentType<EarlyTabProps> }
  | { early: false; Component: ComponentType<RepositoryTabProps> };

const LOADERS: Record<RepositoryTab, () => Promise<TabCode>> = {
  tags: () =>
    import('../tags/components/tags-tab').then((m) => ({ early: true, Component: m.TagsTab })),
  permissions: () =>
    import('../permissions/components/repository-permissions-tab').then((m) => ({
      early: false,
      Component: m.RepositoryPermissionsTab,
    })),
  sharing: () =>
    import('../sharing/components/sharing-tab').then((m) => ({
      early: false,
      Component: m.SharingTab,
    })),
  sync: () =>
    import('../sync/components/sync-tab').then((m) => ({ early: false, Component: m.SyncTab })),
  triggers: () =>
    import('../triggers/components/triggers-tab').then((m) => ({
      early: false,
      Component: m.TriggersTab,
    })),
  retention: () =>
    import('../retention/components/retention-tab').then((m) => ({
      early: false,
      Component: m.RetentionTab,
    })),
};

/** The repository page's own strings; each tab's namespace is its name. */
const PAGE_NAMESPACE = 'repository';

/** Why a tab could not be loaded (its chunk failed, say after a deployment), kept for a retry. */
export interface TabCodeFailure {
  error: unknown;
}

const loaded = new Map<RepositoryTab, TabCode>();
const loading = new Map<RepositoryTab, Promise<TabCode>>();
const failed = new Map<RepositoryTab, TabCodeFailure>();
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

/**
 * Loads a tab's code and the strings it and the page need (once; a failure may be tried again).
 * Resolves with the tab, or rejects with the chunk's error.
 */
export function loadRepositoryTab(tab: RepositoryTab): Promise<TabCode> {
  let promise = loading.get(tab);
  if (promise === undefined) {
    failed.delete(tab);
    promise = Promise.all([LOADERS[tab](), i18n.loadNamespaces([PAGE_NAMESPACE, tab])]).then(
      ([code]) => {
        loaded.set(tab, code);
        notify();
        return code;
      },
      (error: unknown) => {
        loading.delete(tab);
        failed.set(tab, { error });
        notify();
        throw error;
      },
    );
    loading.set(tab, promise);
  }
  return promise;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * The tab's code once it and its strings are loaded (undefined until then), or why it failed;
 * `retry` loads it again. Starting the load is the caller's (see prefetchRepositoryTab).
 */
export function useRepositoryTabCode(tab: RepositoryTab | undefined): {
  code: TabCode | undefined;
  failure: TabCodeFailure | undefined;
  retry: () => void;
} {
  const code = useSyncExternalStore(subscribe, () =>
    tab === undefined ? undefined : loaded.get(tab),
  );
  const failure = useSyncExternalStore(subscribe, () =>
    tab === undefined ? undefined : failed.get(tab),
  );
  const retry = useCallback(() => {
    if (tab !== undefined) loadRepositoryTab(tab).catch(() => undefined);
  }, [tab]);
  return { code, failure, retry };
}
