/**
 * Where every SWR read is kept in the query cache. Every SWR key starts `['swr', region]`, so
 * whatever a change in a region may have changed can be refetched by region; under it, each kind
 * of thing has its own root, which features build their keys on (a feature's own keys stay in the
 * feature's `api.ts`). Kept apart from the shared reads (swr-queries.ts): a page that only builds
 * keys loads nothing more.
 */

/** A repository, as the routes and the tabs name it. */
export interface RepositoryRef {
  region: string;
  namespace: string;
  repository: string;
}

export const swrKeys = {
  region: (region: string) => ['swr', region] as const,
  organizations: (region: string) => [...swrKeys.region(region), 'organizations'] as const,
  organizationList: (region: string) => [...swrKeys.organizations(region), 'list'] as const,
  repositories: (region: string) => [...swrKeys.region(region), 'repositories'] as const,
  repository: ({ region, namespace, repository }: RepositoryRef) =>
    [...swrKeys.repositories(region), 'detail', namespace, repository] as const,
  triggers: (region: string) => [...swrKeys.region(region), 'triggers'] as const,
  repositoryTriggers: ({ region, namespace, repository }: RepositoryRef) =>
    [...swrKeys.triggers(region), 'repository', namespace, repository] as const,
  sharing: (region: string) => [...swrKeys.region(region), 'sharing'] as const,
  /** Images other accounts share with this one: a share made here may show up there. */
  sharedImages: (region: string) => [...swrKeys.sharing(region), 'shared-images'] as const,
};
