/**
 * Where a deploy trigger may deploy, as the BFF reads it from CCE (`/api/directory/…`,
 * docs/directory.md, already cut to the user's deploy targets): a region's clusters, a cluster's
 * Kubernetes namespaces, a namespace's workloads. An answer `available: false` keeps typed entry.
 * Read by a repository's create-trigger dialog and by the Jobs page's trigger template, under one
 * key each, so going from one to the other does not read CCE again.
 */
import {
  clustersEndpoint,
  namespacesEndpoint,
  workloadsEndpoint,
} from '@swr-dashboard/swr-client/browser';
import { queryOptions } from '@tanstack/react-query';
import { bff } from './api';

/**
 * Under the directory's root (`['directory']`, the IAM users' too), CCE's branch and in it one per
 * region; a cluster's namespaces under the region's clusters, a namespace's workloads under its
 * namespaces.
 */
export const deployTargetKeys = {
  all: (region: string) => ['directory', 'cce', region] as const,
  clusters: (region: string) => [...deployTargetKeys.all(region), 'clusters'] as const,
  namespaces: (region: string, cluster: string) =>
    [...deployTargetKeys.clusters(region), cluster, 'namespaces'] as const,
  workloads: (region: string, cluster: string, namespace: string) =>
    [...deployTargetKeys.namespaces(region, cluster), namespace, 'workloads'] as const,
};

/** The BFF keeps these lists a minute as well. */
const DIRECTORY_STALE_MS = 60_000;

export const clustersQuery = (region: string) =>
  queryOptions({
    queryKey: deployTargetKeys.clusters(region),
    queryFn: ({ signal }) => bff(clustersEndpoint, { params: { region } }, { signal }),
    staleTime: DIRECTORY_STALE_MS,
  });

export const namespacesQuery = (region: string, cluster: string) =>
  queryOptions({
    queryKey: deployTargetKeys.namespaces(region, cluster),
    queryFn: ({ signal }) => bff(namespacesEndpoint, { params: { region, cluster } }, { signal }),
    staleTime: DIRECTORY_STALE_MS,
  });

export const workloadsQuery = (region: string, cluster: string, namespace: string) =>
  queryOptions({
    queryKey: deployTargetKeys.workloads(region, cluster, namespace),
    queryFn: ({ signal }) =>
      bff(workloadsEndpoint, { params: { region, cluster, namespace } }, { signal }),
    staleTime: DIRECTORY_STALE_MS,
  });
