/**
 * The directory reads the console's pickers make (docs/directory.md), served on each region's
 * port beside SWR and signed like every other call (the caller arrives verified):
 *
 * - IAM `GET /v3/users` (KeystoneListUsers): the IAM users of the caller's account. IAM is a
 *   global service, so an AK/SK call names the account in `X-Domain-Id`; the emulator requires it
 *   and checks it against the key's account.
 * - CCE `GET /api/v3/projects/{project_id}/clusters` (ListClusters): the region's clusters, for
 *   the key's project in this region.
 * - Kubernetes reads through CCE's API gateway, on `https://{cluster id}.{CCE endpoint}`: the
 *   cluster is the first label of the `Host` header. `GET /api/v1/namespaces` and
 *   `GET /apis/apps/v1/namespaces/{namespace}/deployments|statefulsets`.
 *
 * A key whose IAM user may not read (`canListUsers`, `canReadClusters`) gets a 403. The error
 * bodies follow each service's family (Keystone's `{error:{code,message,title}}` for IAM,
 * `{error_code,error_msg}` for CCE, a Kubernetes `Status` for the cluster reads); their exact
 * codes are the emulator's own.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { parseQueryString } from '@swr-dashboard/swr-client';
import type { ApiContext } from '../context';
import type { ApiResponse } from '../api/execute';
import { projectIdOf, stableId, type ClusterConfig } from '../config';

export interface DirectoryRequest {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
}

const IAM_USERS = '/v3/users';
const CCE_CLUSTERS = /^\/api\/v3\/projects\/([^/]*)\/clusters$/;
const K8S_NAMESPACES = '/api/v1/namespaces';
const K8S_WORKLOADS = /^\/apis\/apps\/v1\/namespaces\/([^/]*)\/(deployments|statefulsets)$/;
const K8S_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
/** Where CCE and Kubernetes report creation times in the demo: one fixed instant. */
const CREATED = '2025-03-01T08:00:00Z';

/** Whether a path belongs to IAM, CCE or a cluster's Kubernetes API rather than to SWR. */
export function isDirectoryPath(rawPath: string): boolean {
  return (
    rawPath === IAM_USERS ||
    rawPath.startsWith('/v3/') ||
    rawPath.startsWith('/api/') ||
    rawPath.startsWith('/apis/')
  );
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A Kubernetes uid (a UUID) that is the same on every run. */
function uid(...parts: string[]): string {
  const hex = stableId(...parts);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function keystoneError(code: 401 | 403 | 404 | 405, message: string): ApiResponse {
  const title = {
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
  }[code];
  return { status: code, body: { error: { code, message, title } }, headers: {} };
}

function cceError(status: 403 | 404 | 405, code: string, message: string): ApiResponse {
  return { status, body: { error_code: code, error_msg: message }, headers: {} };
}

function kubernetesStatus(
  code: 400 | 403 | 404 | 405 | 503,
  reason: string,
  message: string,
): ApiResponse {
  return {
    status: code,
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message,
      reason,
      code,
    },
    headers: {},
  };
}

function queryOf(rawQuery: string): Map<string, string> {
  return new Map(parseQueryString(rawQuery) ?? []);
}

/** IAM `GET /v3/users`: the account's users, filtered by `name`, `enabled` and `domain_id`. */
function listIamUsers(ctx: ApiContext, request: DirectoryRequest): ApiResponse {
  const domainId = header(request.headers, 'x-domain-id');
  if (domainId === undefined || domainId === '') {
    return keystoneError(
      401,
      'The request you have made requires authentication: X-Domain-Id is required when a global service is called with AK/SK.',
    );
  }
  if (domainId !== ctx.caller.account.id) {
    return keystoneError(401, `The AK/SK does not belong to the account ${domainId}.`);
  }
  if (!ctx.caller.user.canListUsers) {
    return keystoneError(
      403,
      'You are not authorized to perform the requested action: identity:users:list.',
    );
  }
  const query = queryOf(request.rawQuery);
  const wantedDomain = query.get('domain_id');
  if (wantedDomain !== undefined && wantedDomain !== ctx.caller.account.id) {
    return keystoneError(403, 'You are not authorized to list the users of another account.');
  }
  const name = query.get('name');
  const enabled = query.get('enabled');
  const users = ctx.caller.account.users
    .filter((user) => name === undefined || user.name === name)
    .filter((user) => enabled === undefined || String(user.enabled) === enabled.toLowerCase())
    .map((user) => ({
      id: user.id,
      name: user.name,
      domain_id: ctx.caller.account.id,
      enabled: user.enabled,
      description: '',
      password_expires_at: null,
      pwd_status: true,
      pwd_strength: 'high',
      last_project_id: projectIdOf(ctx.caller.account, ctx.region.id),
      links: { self: `${ctx.baseUrl}/v3/users/${user.id}` },
    }));
  return {
    status: 200,
    body: { links: { self: `${ctx.baseUrl}/v3/users`, previous: null, next: null }, users },
    headers: {},
  };
}

function phaseOf(cluster: ClusterConfig): string {
  return cluster.available ? 'Available' : 'Unavailable';
}

/** CCE `GET /api/v3/projects/{project_id}/clusters`, optionally filtered by `status`. */
function listClusters(ctx: ApiContext, projectId: string, rawQuery: string): ApiResponse {
  if (projectId !== projectIdOf(ctx.caller.account, ctx.region.id)) {
    return cceError(
      403,
      'CCE.01403001',
      `Project ${projectId} is not a project of the key's account in ${ctx.region.id}.`,
    );
  }
  if (!ctx.caller.user.canReadClusters) {
    return cceError(
      403,
      'CCE.01403002',
      'The user is not authorized to list clusters (cce:cluster:list).',
    );
  }
  const status = queryOf(rawQuery).get('status');
  const items = ctx.region.clusters
    .filter((cluster) => status === undefined || phaseOf(cluster) === status)
    .map((cluster) => ({
      kind: 'Cluster',
      apiVersion: 'v3',
      metadata: {
        name: cluster.name,
        uid: cluster.id,
        creationTimestamp: CREATED,
        updateTimestamp: CREATED,
      },
      spec: {
        type: 'VirtualMachine',
        flavor: 'cce.s2.small',
        version: 'v1.30',
        description: '',
        hostNetwork: { vpc: uid('vpc', ctx.region.id), subnet: uid('subnet', ctx.region.id) },
        containerNetwork: { mode: 'vpc-router' },
        kubernetesSvcIpRange: '10.247.0.0/16',
        billingMode: 0,
      },
      status: {
        phase: phaseOf(cluster),
        endpoints: [
          { url: `https://${cluster.id}.cce.${ctx.region.id}.internal:5443`, type: 'Internal' },
        ],
      },
    }));
  return { status: 200, body: { kind: 'Cluster', apiVersion: 'v3', items }, headers: {} };
}

/** The cluster a Kubernetes call is for: the first label of `Host` (`<cluster id>.<endpoint>`). */
function clusterOfHost(ctx: ApiContext, headers: IncomingHttpHeaders): ClusterConfig | undefined {
  const host = header(headers, 'host') ?? '';
  const dot = host.indexOf('.');
  if (dot <= 0) return undefined;
  const label = host.slice(0, dot);
  return ctx.region.clusters.find((cluster) => cluster.id === label);
}

/** `limit` and `continue` of a Kubernetes list, applied to `items`. */
function page<T>(
  items: readonly T[],
  rawQuery: string,
): { items: T[]; continueToken?: string } | undefined {
  const query = queryOf(rawQuery);
  const limitText = query.get('limit');
  const start = query.has('continue')
    ? Number(Buffer.from(query.get('continue') ?? '', 'base64url').toString('utf8'))
    : 0;
  if (!Number.isInteger(start) || start < 0) return undefined;
  if (limitText === undefined || limitText === '0') return { items: items.slice(start) };
  const limit = Number(limitText);
  if (!Number.isInteger(limit) || limit < 0) return undefined;
  const end = start + limit;
  return end < items.length
    ? {
        items: items.slice(start, end),
        continueToken: Buffer.from(String(end)).toString('base64url'),
      }
    : { items: items.slice(start) };
}

function kubernetesList(
  kind: string,
  apiVersion: string,
  items: unknown[],
  rawQuery: string,
): ApiResponse {
  const paged = page(items, rawQuery);
  if (paged === undefined) {
    return kubernetesStatus(400, 'BadRequest', 'invalid limit or continue');
  }
  return {
    status: 200,
    body: {
      kind,
      apiVersion,
      metadata: {
        resourceVersion: '1',
        ...(paged.continueToken === undefined ? {} : { continue: paged.continueToken }),
      },
      items: paged.items,
    },
    headers: {},
  };
}

function kubernetesRead(ctx: ApiContext, request: DirectoryRequest): ApiResponse {
  const cluster = clusterOfHost(ctx, request.headers);
  if (cluster === undefined) {
    return kubernetesStatus(
      404,
      'NotFound',
      `no cluster of ${ctx.region.id} is named by the host ${header(request.headers, 'host') ?? ''}`,
    );
  }
  if (!ctx.caller.user.canReadClusters) {
    return kubernetesStatus(
      403,
      'Forbidden',
      `user "${ctx.caller.user.name}" cannot list resources in cluster ${cluster.id}`,
    );
  }
  if (!cluster.available) {
    return kubernetesStatus(503, 'ServiceUnavailable', `cluster ${cluster.name} is unavailable`);
  }
  if (request.rawPath === K8S_NAMESPACES) {
    const items = cluster.namespaces.map((namespace) => ({
      metadata: {
        name: namespace.name,
        uid: uid('namespace', cluster.id, namespace.name),
        resourceVersion: '1',
        creationTimestamp: CREATED,
        labels: { 'kubernetes.io/metadata.name': namespace.name },
      },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    }));
    return kubernetesList('NamespaceList', 'v1', items, request.rawQuery);
  }
  const match = K8S_WORKLOADS.exec(request.rawPath);
  const namespaceName = match?.[1] ?? '';
  const type = match?.[2] === 'statefulsets' ? 'statefulsets' : 'deployments';
  if (!K8S_NAME.test(namespaceName)) {
    return kubernetesStatus(404, 'NotFound', `the namespace "${namespaceName}" is not valid`);
  }
  // Like Kubernetes, a namespace that does not exist has no workloads: an empty list, not a 404.
  const names =
    cluster.namespaces.find((namespace) => namespace.name === namespaceName)?.[type] ?? [];
  const kind = type === 'deployments' ? 'Deployment' : 'StatefulSet';
  const items = names.map((name) => ({
    metadata: {
      name,
      namespace: namespaceName,
      uid: uid(type, cluster.id, namespaceName, name),
      resourceVersion: '1',
      generation: 1,
      creationTimestamp: CREATED,
      labels: { app: name },
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{ name, image: `swr.${ctx.region.id}.myhuaweicloud.com/${name}:latest` }],
        },
      },
    },
    status: { replicas: 2, readyReplicas: 2, availableReplicas: 2 },
  }));
  return kubernetesList(`${kind}List`, 'apps/v1', items, request.rawQuery);
}

/**
 * Answers a directory read, or undefined when the path is not one (SWR's routing then says 404).
 * Only reads exist: any other method on these paths is a 405.
 */
export function answerDirectory(
  ctx: ApiContext,
  request: DirectoryRequest,
): ApiResponse | undefined {
  const { rawPath } = request;
  if (!isDirectoryPath(rawPath)) return undefined;
  const read = request.method === 'GET' || request.method === 'HEAD';
  if (rawPath === IAM_USERS) {
    return read ? listIamUsers(ctx, request) : keystoneError(405, 'The method is not allowed.');
  }
  const clusters = CCE_CLUSTERS.exec(rawPath);
  if (clusters !== null) {
    return read
      ? listClusters(ctx, clusters[1] ?? '', request.rawQuery)
      : cceError(405, 'CCE.01405001', 'The method is not allowed.');
  }
  if (rawPath === K8S_NAMESPACES || K8S_WORKLOADS.test(rawPath)) {
    return read
      ? kubernetesRead(ctx, request)
      : kubernetesStatus(405, 'MethodNotAllowed', 'the emulator serves only reads');
  }
  if (rawPath.startsWith('/v3/')) return keystoneError(404, `${rawPath} is not emulated.`);
  if (rawPath.startsWith('/api/v3/')) {
    return cceError(404, 'CCE.01404001', `${rawPath} is not emulated.`);
  }
  return kubernetesStatus(404, 'NotFound', `${rawPath} is not emulated`);
}
