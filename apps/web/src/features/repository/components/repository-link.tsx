/**
 * A link to a repository's tab that starts loading it on intent (pointer resting on the link,
 * keyboard focus, touch): the page's code, the repository's details, the tab's code, strings and
 * first data. By the click, most of it is there.
 */
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { paths, type RepositoryTab } from '../../../lib/paths';
import { prefetchRepositoryPage, prefetchRepositoryTab, useIntent } from '../prefetch';

export function RepositoryLink({
  region,
  namespace,
  repository,
  tab = 'tags',
  className,
  children,
}: {
  region: string;
  namespace: string;
  repository: string;
  tab?: RepositoryTab;
  className?: string;
  children: ReactNode;
}) {
  const queryClient = useQueryClient();
  const intent = useIntent();
  return (
    <Link
      className={className}
      to={paths.repository(region, namespace, repository, tab)}
      {...intent(() => {
        prefetchRepositoryPage();
        prefetchRepositoryTab(
          queryClient,
          { region, namespace, repository, tab, search: '' },
          { whenStale: true },
        );
      })}
    >
      {children}
    </Link>
  );
}
