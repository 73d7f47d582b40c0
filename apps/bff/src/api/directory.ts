/**
 * `/api/directory/…`: who and where, for the console's pickers (docs/directory.md). The BFF reads
 * IAM's user list (KeystoneListUsers, `GET /v3/users`), CCE's cluster list (ListClusters) and,
 * through CCE's API gateway, a cluster's Kubernetes namespaces and workloads, signed with the
 * console's key like every SWR call.
 *
 * - Users are for admins (only admins grant permissions); clusters, namespaces and workloads for
 *   those who may create triggers, and only where their deploy targets reach (`DEPLOY_SCOPES`).
 * - Everything the request names is checked before anything is sent: a configured region (404),
 *   a cluster id and a Kubernetes namespace of the right form (400), the role and the deploy
 *   targets (403, audited like every refusal). A cluster must be one CCE lists for the region and
 *   a namespace one the cluster lists (404), so nothing is read from a host or a namespace the
 *   cloud did not name.
 * - Reads only, each bounded like SWR calls (the console's deadline, a size cap, no redirects,
 *   headers built from scratch) and reused for `directory.cacheTtlMs` (a dialog opened twice asks
 *   once; concurrent requests share one call). They are not audited and count as the user's reads.
 * - A list that cannot be had (not configured, the key may not read it, the service failed) is
 *   `{available: false, reason}`, never an error: the console then keeps typed entry.
 */
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import {
  clustersEndpoint,
  iamUsersEndpoint,
  namespacesEndpoint,
  workloadsEndpoint,
  deployAllowed,
  kubernetesName,
  WORKLOAD_TYPES,
  signRequest,
  formatQueryString,
  type DirectoryCluster,
  type DirectoryIamUser,
  type DirectoryUnavailableReason,
  type DirectoryWorkload,
  type QueryPairs,
} from '@swr-dashboard/swr-client';
import type { Request, Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { eventFor } from '../audit/from-request';
import { recordBestEffort } from '../audit/policies';
import type { AuditTrail } from '../audit/trail';
import { authorize, deployLimits } from '../auth/authorize';
import type { Identity } from '../auth/identity';
import type { BffConfig, DeployScope, RegionConfig } from '../config/schema';
import { sendJson } from '../http/compression';
import { AppError } from '../http/errors';
import { serve } from '../http/endpoint';
import { header, MAX_RESPONSE_BYTES, UpstreamFailure } from '../proxy/upstream';
import { adminOnly, auditedQuery } from './audit';
import { configuredRegion, signedIn } from './request';

/** A list, or why there is none. */
export type Listing<T> =
  { available: true; items: T } | { available: false; reason: DirectoryUnavailableReason };

/** A transient failure (network, timeout, 5xx) is asked again sooner than a list or a refusal. */
const RETRY_AFTER_FAILURE_MS = 10_000;
/** Cached answers kept at most (the oldest go first). */
const MAX_CACHE_ENTRIES = 1_000;
/** How many namespaces or workloads of one kind a Kubernetes list asks for (one page). */
export const KUBERNETES_LIST_LIMIT = 500;

/** A CCE cluster id as it may appear in a host name: one DNS label (CCE's ids are UUIDs). */
const CLUSTER_ID = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

// What the BFF reads of each answer; anything else in them is ignored.
const iamUsersAnswer = z.object({
  users: z.array(
    z.object({ id: z.string().min(1), name: z.string(), enabled: z.boolean().optional() }),
  ),
});
const cceClustersAnswer = z.object({
  items: z
    .array(
      z.object({
        metadata: z.object({ uid: z.string(), name: z.string() }),
        status: z.object({ phase: z.string().optional() }).nullish(),
      }),
    )
    .nullish(),
});
const kubernetesListAnswer = z.object({
  /** `continue`: set when the list goes on beyond the page asked for. */
  metadata: z.object({ continue: z.string().optional() }).nullish(),
  items: z.array(z.object({ metadata: z.object({ name: z.string() }) })).nullish(),
});

interface DirectoryCall {
  service: 'iam' | 'cce' | 'kubernetes';
  /** The endpoint as configured (its scheme, host and port). */
  endpoint: URL;
  /** A cluster's Kubernetes API: `https://{cluster id}.{endpoint host}` (CCE's API gateway). */
  cluster?: string;
  path: string;
  query: QueryPairs;
  /** `X-Domain-Id` (IAM) or `X-Project-Id` (CCE). */
  headers: Record<string, string>;
  requestId: string;
}

interface CacheEntry {
  /** Until when the answer is reused (Infinity while the call is in flight). */
  until: { at: number };
  value: Promise<Listing<unknown>>;
}

function endpointUrl(endpoint: string): URL {
  return new URL(endpoint);
}

/** The emulator (plain http on loopback) cannot have host names under it: it reads `Host`. */
function isLiteralHost(hostname: string): boolean {
  return hostname === 'localhost' || isIP(hostname.replace(/^\[|\]$/g, '')) !== 0;
}

export class Directory {
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 16 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 16 }),
  };

  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly config: Pick<BffConfig, 'credentials' | 'upstream' | 'directory'>,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The account's IAM users, by name. */
  iamUsers(requestId: string): Promise<Listing<DirectoryIamUser[]>> {
    const { iamEndpoint, domainId } = this.config.directory;
    if (iamEndpoint === undefined || domainId === undefined) {
      return Promise.resolve({ available: false, reason: 'not-configured' });
    }
    return this.cached('iam-users', async () => {
      const answer = await this.read(
        {
          service: 'iam',
          endpoint: endpointUrl(iamEndpoint),
          path: '/v3/users',
          query: [],
          headers: { 'X-Domain-Id': domainId },
          requestId,
        },
        iamUsersAnswer,
      );
      if (!answer.available) return answer;
      const users = answer.items.users
        .map((user) => ({ id: user.id, name: user.name, enabled: user.enabled ?? true }))
        .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
      return { available: true, items: users };
    });
  }

  /** The region's CCE clusters, by name. */
  clusters(region: RegionConfig, requestId: string): Promise<Listing<DirectoryCluster[]>> {
    const cce = region.cce;
    if (cce?.projectId === undefined) {
      return Promise.resolve({ available: false, reason: 'not-configured' });
    }
    const projectId = cce.projectId;
    return this.cached(`clusters:${region.id}`, async () => {
      const answer = await this.read(
        {
          service: 'cce',
          endpoint: endpointUrl(cce.endpoint),
          path: `/api/v3/projects/${projectId}/clusters`,
          query: [],
          headers: { 'X-Project-Id': projectId },
          requestId,
        },
        cceClustersAnswer,
      );
      if (!answer.available) return answer;
      const clusters = (answer.items.items ?? [])
        // An id that could not be a host label is never called: it is left out.
        .filter((item) => CLUSTER_ID.test(item.metadata.uid))
        .map((item) => ({
          id: item.metadata.uid,
          name: item.metadata.name,
          phase: item.status?.phase ?? 'Unknown',
        }))
        .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
      return { available: true, items: clusters };
    });
  }

  /** A cluster's Kubernetes namespaces, sorted (the first {@link KUBERNETES_LIST_LIMIT}). */
  namespaces(region: RegionConfig, cluster: string, requestId: string): Promise<Listing<string[]>> {
    return this.cached(`namespaces:${region.id}:${cluster}`, async () => {
      const answer = await this.kubernetesList(region, cluster, '/api/v1/namespaces', requestId);
      return answer.available ? { available: true, items: answer.items.sort() } : answer;
    });
  }

  /** A namespace's deployments and statefulsets, by kind then name. */
  workloads(
    region: RegionConfig,
    cluster: string,
    namespace: string,
    requestId: string,
  ): Promise<Listing<DirectoryWorkload[]>> {
    return this.cached(`workloads:${region.id}:${cluster}:${namespace}`, async () => {
      const kinds = WORKLOAD_TYPES;
      const lists = await Promise.all(
        kinds.map((kind) =>
          this.kubernetesList(
            region,
            cluster,
            `/apis/apps/v1/namespaces/${namespace}/${kind}`,
            requestId,
          ),
        ),
      );
      const workloads: DirectoryWorkload[] = [];
      for (const [index, list] of lists.entries()) {
        if (!list.available) return list;
        const type = kinds[index] ?? 'deployments';
        workloads.push(...list.items.sort().map((name) => ({ type, name })));
      }
      return { available: true, items: workloads };
    });
  }

  close(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
    this.cache.clear();
  }

  private async kubernetesList(
    region: RegionConfig,
    cluster: string,
    path: string,
    requestId: string,
  ): Promise<Listing<string[]>> {
    const cce = region.cce;
    if (cce?.projectId === undefined) return { available: false, reason: 'not-configured' };
    const answer = await this.read(
      {
        service: 'kubernetes',
        endpoint: endpointUrl(cce.endpoint),
        cluster,
        path,
        query: [['limit', String(KUBERNETES_LIST_LIMIT)]],
        headers: { 'X-Project-Id': cce.projectId },
        requestId,
      },
      kubernetesListAnswer,
    );
    if (!answer.available) return answer;
    // A list cut short would hide names that exist (and answer 404 for them): none is offered.
    if ((answer.items.metadata?.continue ?? '') !== '') {
      return { available: false, reason: 'too-many' };
    }
    return {
      available: true,
      items: (answer.items.items ?? [])
        .map((item) => item.metadata.name)
        .filter((name) => kubernetesName.safeParse(name).success),
    };
  }

  /**
   * One answer per key for the cache's time: concurrent callers share the call in flight; a
   * transient failure is kept only briefly.
   */
  private cached<T>(key: string, load: () => Promise<Listing<T>>): Promise<Listing<T>> {
    const hit = this.cache.get(key);
    if (hit !== undefined && hit.until.at > this.now()) return hit.value as Promise<Listing<T>>;
    // Infinity while the call is in flight, then the answer's time.
    const until = { at: Number.POSITIVE_INFINITY };
    const value = load().then(
      (listing) => {
        const ttl =
          listing.available || listing.reason === 'denied'
            ? this.config.directory.cacheTtlMs
            : Math.min(RETRY_AFTER_FAILURE_MS, this.config.directory.cacheTtlMs);
        until.at = this.now() + ttl;
        return listing;
      },
      (error: unknown) => {
        // Not expected (every failure is a reason), and never kept.
        if (this.cache.get(key)?.until === until) this.cache.delete(key);
        throw error;
      },
    );
    const entry: CacheEntry = { until, value };
    this.cache.delete(key);
    this.cache.set(key, entry);
    while (this.cache.size > MAX_CACHE_ENTRIES) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return value;
  }

  /** A signed GET and its JSON, checked against `schema`; every failure becomes a reason. */
  private async read<T>(call: DirectoryCall, schema: z.ZodType<T>): Promise<Listing<T>> {
    let response: { status: number; body: Buffer; requestId: string | undefined };
    try {
      response = await this.get(call);
    } catch (error) {
      const kind = error instanceof UpstreamFailure ? error.kind : 'network';
      this.logger.warn(
        { requestId: call.requestId, service: call.service, path: call.path, kind },
        'directory read failed',
      );
      return {
        available: false,
        reason: kind === 'too-large' ? 'invalid-response' : 'unreachable',
      };
    }
    if (response.status < 200 || response.status > 299) {
      const denied = response.status === 401 || response.status === 403;
      this.logger.warn(
        {
          requestId: call.requestId,
          service: call.service,
          path: call.path,
          status: response.status,
          upstreamRequestId: response.requestId,
        },
        denied ? "the console's key may not read the directory" : 'directory read failed',
      );
      return { available: false, reason: denied ? 'denied' : 'unreachable' };
    }
    let json: unknown;
    try {
      json = JSON.parse(response.body.toString('utf8'));
    } catch {
      json = undefined;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      this.logger.warn(
        { requestId: call.requestId, service: call.service, path: call.path },
        'directory answer not understood',
      );
      return { available: false, reason: 'invalid-response' };
    }
    return { available: true, items: parsed.data };
  }

  /**
   * The signed request itself: headers built from scratch, a deadline, a size cap, no redirects
   * (a 3xx is an answer like any other). A cluster's Kubernetes API is called at
   * `{cluster}.{endpoint host}`; on the emulator (a loopback address, which has no names under
   * it) the connection goes to the endpoint and the cluster travels in the signed `Host` only.
   */
  private get(
    call: DirectoryCall,
  ): Promise<{ status: number; body: Buffer; requestId: string | undefined }> {
    const { endpoint } = call;
    const host = call.cluster === undefined ? endpoint.host : `${call.cluster}.${endpoint.host}`;
    const connectHost =
      call.cluster === undefined || isLiteralHost(endpoint.hostname)
        ? endpoint.hostname
        : `${call.cluster}.${endpoint.hostname}`;
    const queryString = formatQueryString(call.query);
    const credentials = {
      ak: this.config.credentials.ak,
      sk: this.config.credentials.sk,
      ...(this.config.credentials.securityToken === undefined
        ? {}
        : { securityToken: this.config.credentials.securityToken }),
    };
    const signed = signRequest({
      method: 'GET',
      url: `${endpoint.origin}${call.path}`,
      query: call.query,
      headers: { Host: host, 'Content-Type': 'application/json', ...call.headers },
      body: '',
      credentials,
    });
    const headers: Record<string, string> = {
      ...signed,
      Accept: 'application/json',
      'User-Agent': 'swr-dashboard-bff',
      'X-Request-Id': call.requestId,
    };
    const transport = endpoint.protocol === 'https:' ? https : http;
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const timeoutMs = this.config.upstream.timeoutMs;
    return new Promise((resolve, reject) => {
      const signal = AbortSignal.timeout(timeoutMs);
      const req = transport.request({
        protocol: endpoint.protocol,
        hostname: connectHost.replace(/^\[|\]$/g, ''),
        port: endpoint.port === '' ? undefined : Number(endpoint.port),
        method: 'GET',
        path: `${call.path}${queryString === '' ? '' : `?${queryString}`}`,
        headers,
        agent: this.agents[endpoint.protocol === 'https:' ? 'https:' : 'http:'],
        signal,
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            res.destroy();
            reject(
              new UpstreamFailure('too-large', elapsed(), 'the directory answer is too large'),
            );
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 502,
            body: Buffer.concat(chunks, size),
            requestId: header(res.headers, 'x-request-id'),
          });
        });
        res.on('error', (error) => {
          reject(this.failure(error, signal, elapsed()));
        });
      });
      req.on('error', (error) => {
        reject(this.failure(error, signal, elapsed()));
      });
      req.end();
    });
  }

  private failure(error: Error, signal: AbortSignal, latencyMs: number): UpstreamFailure {
    if (error instanceof UpstreamFailure) return error;
    if (signal.aborted) {
      return new UpstreamFailure('timeout', latencyMs, 'the directory did not answer in time');
    }
    const code = (error as NodeJS.ErrnoException).code;
    return new UpstreamFailure(
      'network',
      latencyMs,
      `the directory could not be reached${code === undefined ? '' : ` (${code})`}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The routes

export interface DirectoryDeps {
  config: BffConfig;
  audit: AuditTrail;
  logger: Logger;
  directory: Directory;
}

/** No query parameter is taken. */
const noQuery = z.strictObject({});

/** Records a refusal (400 `input.rejected`, 403 `authz.denied`) and returns the error to throw. */
function refusal(
  deps: DirectoryDeps,
  req: Request,
  route: string,
  error: AppError,
  reason: string,
): AppError {
  const denied = error.status === 403;
  recordBestEffort(
    deps,
    eventFor(req, denied ? 'authz.denied' : 'input.rejected', 'denied', {
      route,
      reason,
      httpStatus: error.status,
    }),
  );
  return error;
}

interface Target {
  region: RegionConfig;
  cluster?: string;
  namespace?: string;
  identity: Identity;
  /** Where the user's triggers may deploy; null: anywhere. */
  limits: DeployScope[] | null;
}

/** Whether a deploy scope reaches a CCE cluster (`*` any; `cci` is not a CCE cluster). */
function reachesCluster(limits: readonly DeployScope[], cluster: string): boolean {
  return limits.some((scope) => scope.cluster === '*' || scope.cluster === cluster);
}

/** A path parameter (Express decoded it; a malformed encoding was already a 400). */
function param(req: Request, name: string): string | undefined {
  const value: unknown = req.params[name];
  return typeof value === 'string' ? value : undefined;
}

const PARAM_RULES = {
  cluster: {
    valid: (value: string) => CLUSTER_ID.test(value),
    message: 'A cluster id is letters, digits and "-" (at most 63), as CCE names clusters.',
  },
  namespace: {
    valid: (value: string) => kubernetesName.safeParse(value).success,
    message:
      'A Kubernetes namespace is lowercase letters, digits and "-" (at most 63), starting and ending with a letter or digit.',
  },
} as const;

/** A path parameter of the right form, or undefined when the route has none (400, audited). */
function checkedParam(
  deps: DirectoryDeps,
  req: Request,
  route: string,
  name: keyof typeof PARAM_RULES,
): string | undefined {
  const value = param(req, name);
  if (value === undefined || PARAM_RULES[name].valid(value)) return value;
  const { message } = PARAM_RULES[name];
  const issues = [{ path: `params.${name}`, message }];
  throw refusal(
    deps,
    req,
    route,
    new AppError('invalid_parameter', message, { issues }),
    `params.${name}`,
  );
}

/** Those who may create a trigger may read where triggers deploy (403, audited). */
function authorizeTriggerMaker(
  deps: DirectoryDeps,
  req: Request,
  route: string,
  identity: Identity,
  what: string,
): void {
  const decision = authorize(identity, 'createTrigger');
  if (decision.allowed) return;
  const message =
    decision.reason === 'role'
      ? `${what} is for those who create deploy triggers (operator role); you are ${identity.role}`
      : decision.message;
  throw refusal(
    deps,
    req,
    route,
    new AppError('forbidden', message, { reason: decision.reason }),
    message,
  );
}

function describeLimits(limits: readonly DeployScope[]): string {
  return limits
    .map(
      (scope) =>
        `${scope.cluster === '*' ? 'any cluster' : scope.cluster} (${scope.namespaces.join(', ')})`,
    )
    .join('; ');
}

/** A deploy-limited user reads only the clusters and namespaces their limits reach (403). */
function checkReach(
  deps: DirectoryDeps,
  req: Request,
  route: string,
  limits: readonly DeployScope[] | null,
  where: { cluster: string | undefined; namespace: string | undefined },
): void {
  const { cluster, namespace } = where;
  if (limits === null || cluster === undefined) return;
  const allowed =
    namespace === undefined
      ? reachesCluster(limits, cluster)
      : deployAllowed(limits, { cluster, namespace });
  if (allowed) return;
  const place = namespace === undefined ? `cluster ${cluster}` : `${cluster}/${namespace}`;
  const message = `Your triggers may not deploy to ${place}; your deploy targets are ${describeLimits(limits)}.`;
  throw refusal(deps, req, route, new AppError('forbidden', message, { reason: 'scope' }), message);
}

/**
 * Everything a cluster route names, checked in order, before anything is sent: the query, the
 * region (404), the cluster and namespace (400), the role of those who create triggers, then the
 * user's deploy targets (403).
 */
function checkTarget(deps: DirectoryDeps, req: Request, route: string, what: string): Target {
  auditedQuery(deps, req, route, noQuery);
  const identity = signedIn(req);
  // The region the path names: one the console is configured for (404 otherwise).
  const region = configuredRegion(deps.config, param(req, 'region') ?? '');
  const cluster = checkedParam(deps, req, route, 'cluster');
  const namespace = checkedParam(deps, req, route, 'namespace');
  authorizeTriggerMaker(deps, req, route, identity, what);
  const limits = deployLimits(identity);
  checkReach(deps, req, route, limits, { cluster, namespace });
  return {
    region,
    identity,
    limits,
    ...(cluster === undefined ? {} : { cluster }),
    ...(namespace === undefined ? {} : { namespace }),
  };
}

/** A list the user's scopes shortened says by how many, as the proxy's scoped lists do. */
function hiddenHeader(res: { setHeader(name: string, value: string): unknown }, hidden: number) {
  if (hidden > 0) res.setHeader('X-Scope-Hidden', String(hidden));
}

/**
 * The cluster must be one CCE lists for the region (it becomes part of a host name) and, for a
 * namespace, one the cluster lists: an answer when a list is missing, a 404 when it is not there.
 */
async function knownTarget(
  deps: DirectoryDeps,
  req: Request,
  target: Target,
): Promise<{ available: false; reason: DirectoryUnavailableReason } | undefined> {
  const { region, cluster, namespace } = target;
  if (cluster === undefined) return undefined;
  const clusters = await deps.directory.clusters(region, req.requestId);
  if (!clusters.available) return clusters;
  if (!clusters.items.some((candidate) => candidate.id === cluster)) {
    throw new AppError('not_found', `CCE lists no cluster ${cluster} in ${region.id}.`);
  }
  if (namespace === undefined) return undefined;
  const namespaces = await deps.directory.namespaces(region, cluster, req.requestId);
  if (!namespaces.available) return namespaces;
  if (!namespaces.items.includes(namespace)) {
    throw new AppError('not_found', `Cluster ${cluster} has no Kubernetes namespace ${namespace}.`);
  }
  return undefined;
}

/** A list cut to what the user's deploy targets reach, with how many were left out. */
type Reached<T> = Listing<T[]> & { hidden?: number };

function cutToReach<T>(items: T[], reaches: (item: T) => boolean): Reached<T> {
  const kept = items.filter(reaches);
  return { available: true, items: kept, hidden: items.length - kept.length };
}

/** The field each cluster route's list is answered in. */
const LIST_FIELDS = {
  clusters: 'clusters',
  namespaces: 'namespaces',
  workloads: 'workloads',
} as const;

const CLUSTER_ENDPOINTS = {
  clusters: clustersEndpoint,
  namespaces: namespacesEndpoint,
  workloads: workloadsEndpoint,
} as const;

/**
 * One cluster route, as its steps: check what it names, answer `not-configured` for a region
 * without CCE, make sure the cluster and namespace are ones CCE lists, then read the list.
 */
function clusterRoute<T>(
  router: Router,
  deps: DirectoryDeps,
  route: keyof typeof LIST_FIELDS,
  what: string,
  find: (target: Target, requestId: string) => Promise<Reached<T>>,
): void {
  const endpoint = CLUSTER_ENDPOINTS[route];
  const path = endpoint.path;
  const field = LIST_FIELDS[route];
  serve(router, '/api', endpoint, async (req, res) => {
    const target = checkTarget(deps, req, path, what);
    const found: Reached<T> =
      target.region.cce === undefined
        ? { available: false, reason: 'not-configured' }
        : ((await knownTarget(deps, req, target)) ?? (await find(target, req.requestId)));
    if (!found.available) {
      await sendJson(req, res, 200, { available: false, reason: found.reason, [field]: [] });
      return;
    }
    hiddenHeader(res, found.hidden ?? 0);
    await sendJson(req, res, 200, { available: true, [field]: found.items });
  });
}

export function directoryRoutes(router: Router, deps: DirectoryDeps): void {
  const users = iamUsersEndpoint.path;
  serve(
    router,
    '/api',
    iamUsersEndpoint,
    adminOnly(deps, users, 'Listing IAM users'),
    async (req, res) => {
      auditedQuery(deps, req, users, noQuery);
      const listing = await deps.directory.iamUsers(req.requestId);
      await sendJson(
        req,
        res,
        200,
        listing.available
          ? { available: true, users: listing.items }
          : { available: false, reason: listing.reason, users: [] },
      );
    },
  );

  clusterRoute(router, deps, 'clusters', 'Listing clusters', async (target, requestId) => {
    const listing = await deps.directory.clusters(target.region, requestId);
    const limits = target.limits;
    if (!listing.available || limits === null) return listing;
    return cutToReach(listing.items, (item) => reachesCluster(limits, item.id));
  });
  clusterRoute(
    router,
    deps,
    'namespaces',
    'Listing Kubernetes namespaces',
    async (target, requestId) => {
      const cluster = target.cluster ?? '';
      const listing = await deps.directory.namespaces(target.region, cluster, requestId);
      const limits = target.limits;
      if (!listing.available || limits === null) return listing;
      return cutToReach(listing.items, (namespace) =>
        deployAllowed(limits, { cluster, namespace }),
      );
    },
  );
  clusterRoute(router, deps, 'workloads', 'Listing workloads', (target, requestId) =>
    deps.directory.workloads(
      target.region,
      target.cluster ?? '',
      target.namespace ?? '',
      requestId,
    ),
  );
}
