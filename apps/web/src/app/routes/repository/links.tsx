/**
 * What a repository link starts loading on intent: the repository page's code, and everything the
 * tab needs (see prefetch.ts). The routes that show lists of repositories wrap their page in it.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, type ReactNode } from 'react';
import { RepositoryPrefetch, type RepositoryPrefetcher } from '../../../lib/repository-link';
import { prefetchRepositoryPage, prefetchRepositoryTab } from './prefetch';

export function RepositoryLinks({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const prefetch = useCallback<RepositoryPrefetcher>(
    (target) => {
      prefetchRepositoryPage();
      prefetchRepositoryTab(queryClient, { ...target, search: '' }, { whenStale: true });
    },
    [queryClient],
  );
  return <RepositoryPrefetch.Provider value={prefetch}>{children}</RepositoryPrefetch.Provider>;
}
