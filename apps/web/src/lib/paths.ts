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

/**
 * Every page's route pattern, written once: the router declares these (under `/:region`), and the
 * builders below fill them in.
 */
export const ROUTES = {
  overview: '/:region/overview',
  organizations: '/:region/organizations',
  organization: '/:region/organizations/:namespace',
  repositories: '/:region/repositories',
  /** Every repository of the region (or of all regions) with its policies, from the fleet index. */
  fleet: '/:region/fleet',
  /** Every outbound share of the region (or of all regions) by end date, from the fleet index. */
  shareRadar: '/:region/share-radar',
  /** What each automatic sync target lacks, and the failed sync jobs, from the fleet index. */
  syncHealth: '/:region/sync-health',
  /** Who can read, edit or manage a repository and why; everything a user can reach. */
  access: '/:region/access',
  /** The user's server-side jobs (an admin's: everyone's), and a new tag clean-up. */
  jobs: '/:region/jobs',
  /** One job: its progress, its items, cancel, the CSV of what it deleted. */
  job: '/:region/jobs/:id',
  /** A repository without a tab: the router sends it on to the tags. */
  repositoryHome: '/:region/repositories/:namespace/:repository',
  repository: '/:region/repositories/:namespace/:repository/:tab',
  /** One tag's image: layers, config, platforms (`?platform=` for an index's), pull commands. */
  image: '/:region/repositories/:namespace/:repository/tags/:tag',
  /** Two tags of a repository side by side (`?a=<tag>&b=<tag>`): layers shared, config changed. */
  compare: '/:region/repositories/:namespace/:repository/compare',
  shared: '/:region/shared',
  loginCommand: '/:region/login-command',
  audit: '/:region/audit',
  about: '/:region/about',
} as const;

/** A pattern under the region's route, as the router nests it (`organizations/:namespace`). */
export function underRegion(pattern: string): string {
  return pattern.slice('/:region/'.length);
}

/** A pattern with its `:name` parts filled in (each value is one URL segment already). */
function fill(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/:(\w+)/g, (_match, name: string) => values[name] ?? '');
}

export const paths = {
  overview: (region: string) => fill(ROUTES.overview, { region }),
  organizations: (region: string) => fill(ROUTES.organizations, { region }),
  organization: (region: string, namespace: string) =>
    fill(ROUTES.organization, { region, namespace }),
  repositories: (region: string) => fill(ROUTES.repositories, { region }),
  fleet: (region: string) => fill(ROUTES.fleet, { region }),
  shareRadar: (region: string) => fill(ROUTES.shareRadar, { region }),
  syncHealth: (region: string) => fill(ROUTES.syncHealth, { region }),
  access: (region: string) => fill(ROUTES.access, { region }),
  jobs: (region: string) => fill(ROUTES.jobs, { region }),
  /** The Jobs page with its new tag clean-up form open and this repository already chosen. */
  newCleanup: (region: string, namespace: string, repository: string) =>
    `${fill(ROUTES.jobs, { region })}?${new URLSearchParams({
      new: '1',
      repository: `${namespace}/${repository}`,
    }).toString()}`,
  job: (region: string, id: string) => fill(ROUTES.job, { region, id: encodeURIComponent(id) }),
  repository: (
    region: string,
    namespace: string,
    repository: string,
    tab: RepositoryTab = 'tags',
  ) =>
    fill(ROUTES.repository, { region, namespace, repository: repositoryToPath(repository), tab }),
  image: (region: string, namespace: string, repository: string, tag: string) =>
    fill(ROUTES.image, {
      region,
      namespace,
      repository: repositoryToPath(repository),
      tag: encodeURIComponent(tag),
    }),
  compare: (region: string, namespace: string, repository: string, a: string, b: string) =>
    `${fill(ROUTES.compare, { region, namespace, repository: repositoryToPath(repository) })}?${new URLSearchParams({ a, b }).toString()}`,
  shared: (region: string) => fill(ROUTES.shared, { region }),
  loginCommand: (region: string) => fill(ROUTES.loginCommand, { region }),
  audit: (region: string) => fill(ROUTES.audit, { region }),
  about: (region: string) => fill(ROUTES.about, { region }),
};

/** The repository name from its URL segment (`ci$runner` → `ci/runner`). */
export function repositoryParam(segment: string): string {
  return repositoryFromPath(segment);
}
