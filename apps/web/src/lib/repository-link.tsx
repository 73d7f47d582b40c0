/**
 * A link to a repository's tab that starts loading it on intent (pointer resting on the link,
 * keyboard focus, touch): the page's code, the repository's details, the tab's code, strings and
 * first data. By the click, most of it is there.
 *
 * What to load is the repository route's business: the route that shows a list of repositories
 * provides it ({@link RepositoryPrefetch}); without it the link is a plain link.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useIntent } from './intent';
import { paths, type RepositoryTab } from './paths';
import type { RepositoryRef } from './query-keys';

export type RepositoryPrefetcher = (target: RepositoryRef & { tab: RepositoryTab }) => void;

/** What a repository link starts loading on intent; provided by the routes that show links. */
export const RepositoryPrefetch = createContext<RepositoryPrefetcher>(() => undefined);

export function RepositoryLink({
  region,
  namespace,
  repository,
  tab = 'tags',
  className,
  children,
}: RepositoryRef & { tab?: RepositoryTab; className?: string; children: ReactNode }) {
  const prefetch = useContext(RepositoryPrefetch);
  const intent = useIntent();
  return (
    <Link
      className={className}
      to={paths.repository(region, namespace, repository, tab)}
      {...intent(() => {
        prefetch({ region, namespace, repository, tab });
      })}
    >
      {children}
    </Link>
  );
}
