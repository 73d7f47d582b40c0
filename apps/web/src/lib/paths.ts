/**
 * The console's URLs. The region is in every one; a repository's `/` travels as `$` (as in SWR's
 * own API) so a repository URL has one segment for the name and one for the tab.
 */
import { repositoryFromPath, repositoryToPath } from '@swr-dashboard/swr-client/browser';

export const REPOSITORY_TABS = [
  'tags',
  'permissions',
  'sharing',
  'sync',
  'triggers',
  'retention',
] as const;
export type RepositoryTab = (typeof REPOSITORY_TABS)[number];

export const paths = {
  overview: (region: string) => `/${region}/overview`,
  organizations: (region: string) => `/${region}/organizations`,
  organization: (region: string, namespace: string) => `/${region}/organizations/${namespace}`,
  repositories: (region: string) => `/${region}/repositories`,
  repository: (
    region: string,
    namespace: string,
    repository: string,
    tab: RepositoryTab = 'tags',
  ) => `/${region}/repositories/${namespace}/${repositoryToPath(repository)}/${tab}`,
  shared: (region: string) => `/${region}/shared`,
  loginCommand: (region: string) => `/${region}/login-command`,
  audit: (region: string) => `/${region}/audit`,
  about: (region: string) => `/${region}/about`,
};

/** The repository name from its URL segment (`ci$runner` → `ci/runner`). */
export function repositoryParam(segment: string): string {
  return repositoryFromPath(segment);
}
