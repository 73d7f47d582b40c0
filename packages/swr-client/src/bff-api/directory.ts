/** The directory behind the console's pickers: IAM users, CCE clusters, namespaces, workloads. */
import { TRIGGER_APP_TYPES } from '../contract/models';
import { z } from '../zod';
import { bffEndpoint } from './define';

/*
 * The directory (docs/directory.md): IAM users and CCE clusters, namespaces and workloads, read
 * by the BFF with the console's key so that the console offers pickers instead of typed ids.
 * A list that is not there says why (`reason`) with `available: false` and is empty; the console
 * then keeps typed entry.
 */

/**
 * Why a directory list is not available: IAM or CCE is not configured for it, the console's key
 * may not read it (IAM's or CCE's 401/403), it could not be reached (network, timeout, 5xx), or
 * it answered something the BFF does not understand.
 */
export const DIRECTORY_UNAVAILABLE_REASONS = [
  'not-configured',
  'denied',
  'unreachable',
  'invalid-response',
  /** More than the console reads in one list (Kubernetes' first page): typed instead. */
  'too-many',
] as const;
export const directoryUnavailableReason = z.enum(DIRECTORY_UNAVAILABLE_REASONS);
export type DirectoryUnavailableReason = z.infer<typeof directoryUnavailableReason>;

/** The workload kinds a deploy trigger updates, as Kubernetes' API names their collections. */
export const WORKLOAD_TYPES = TRIGGER_APP_TYPES;

/**
 * The directory's endpoints: method and path (Express-style `:param`s). `directoryPath` fills the
 * parameters. Users are for admins (who grant permissions); clusters, namespaces and workloads
 * for operators and admins (who create triggers), limited to a user's deploy targets.
 */
export const iamUsersResponse = z.object({
  available: z.boolean(),
  reason: z.optional(directoryUnavailableReason),
  users: z.array(z.object({ id: z.string(), name: z.string(), enabled: z.boolean() })),
});
export type IamUsersResponse = z.infer<typeof iamUsersResponse>;
export type DirectoryIamUser = IamUsersResponse['users'][number];

/** `GET /api/directory/:region/clusters`: the region's CCE clusters (CCE ListClusters). */
export const clustersResponse = z.object({
  available: z.boolean(),
  reason: z.optional(directoryUnavailableReason),
  /** `phase` is CCE's: `Available`, `Unavailable`, `Upgrading`, ... */
  clusters: z.array(z.object({ id: z.string(), name: z.string(), phase: z.string() })),
});
export type ClustersResponse = z.infer<typeof clustersResponse>;
export type DirectoryCluster = ClustersResponse['clusters'][number];

/** `GET /api/directory/:region/clusters/:cluster/namespaces`: a cluster's Kubernetes namespaces. */
export const namespacesResponse = z.object({
  available: z.boolean(),
  reason: z.optional(directoryUnavailableReason),
  namespaces: z.array(z.string()),
});
export type NamespacesResponse = z.infer<typeof namespacesResponse>;

/** `GET /api/directory/:region/clusters/:cluster/namespaces/:namespace/workloads` */
export const workloadsResponse = z.object({
  available: z.boolean(),
  reason: z.optional(directoryUnavailableReason),
  workloads: z.array(z.object({ type: z.enum(WORKLOAD_TYPES), name: z.string() })),
});
export type WorkloadsResponse = z.infer<typeof workloadsResponse>;
export type DirectoryWorkload = WorkloadsResponse['workloads'][number];

/** The account's IAM users (to grant a permission to). */
export const iamUsersEndpoint = bffEndpoint({
  method: 'GET',
  path: '/api/directory/iam-users',
  answer: iamUsersResponse,
});

/** The region's CCE clusters (to aim a deploy trigger at). */
export const clustersEndpoint = bffEndpoint({
  method: 'GET',
  path: '/api/directory/:region/clusters',
  answer: clustersResponse,
});

/** A cluster's Kubernetes namespaces. */
export const namespacesEndpoint = bffEndpoint({
  method: 'GET',
  path: '/api/directory/:region/clusters/:cluster/namespaces',
  answer: namespacesResponse,
});

/** A Kubernetes namespace's workloads. */
export const workloadsEndpoint = bffEndpoint({
  method: 'GET',
  path: '/api/directory/:region/clusters/:cluster/namespaces/:namespace/workloads',
  answer: workloadsResponse,
});
