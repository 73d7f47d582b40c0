/**
 * The BFF's own endpoints beside the SWR proxy: who is signed in, the regions, the audit log, the
 * sessions, demo sign-in. Their shapes live here, once, for the BFF that builds them and the web
 * app that reads them.
 */
import { z } from './zod';
import type { Capability } from './contract/define';
import { TRIGGER_APP_TYPES } from './contract/models';
import { operationNames } from './contract/operations';
import { TARGET_KINDS } from './contract/targets';

export const ROLE_NAMES = ['viewer', 'operator', 'admin'] as const;
export const roleName = z.enum(ROLE_NAMES);
export type RoleName = z.infer<typeof roleName>;

/** The least role that may use a capability: viewers read, operators write, admins administer. */
export const CAPABILITY_ROLES: Record<Capability, RoleName> = {
  read: 'viewer',
  write: 'operator',
  credential: 'operator',
  admin: 'admin',
};

export const AUTH_MODES = ['oidc', 'header', 'demo'] as const;
export const authModeName = z.enum(AUTH_MODES);

/** Whether the user may run an operation, and if not, why (for a disabled button's hint). */
export const permission = z.union([
  z.object({ allowed: z.literal(true) }),
  z.object({ allowed: z.literal(false), reason: z.enum(['role', 'scope']), message: z.string() }),
]);
export type Permission = z.infer<typeof permission>;

/** `GET /api/me` */
export const meResponse = z.object({
  user: z.object({
    name: z.string(),
    email: z.nullable(z.string()),
    role: roleName,
    groups: z.array(z.string()),
    authMode: authModeName,
  }),
  /** Organization patterns the user is limited to; null when not limited. */
  namespaces: z.nullable(z.array(z.string())),
  /**
   * Where the user's triggers may deploy: a cluster id (`cci` for CCI, `*` for any) with
   * Kubernetes namespace patterns; null when not limited, empty when limited to nowhere.
   */
  deployTargets: z.nullable(
    z.array(z.object({ cluster: z.string(), namespaces: z.array(z.string()) })),
  ),
  csrfHeader: z.string(),
  idleExpiresAt: z.nullable(z.string()),
  absoluteExpiresAt: z.nullable(z.string()),
  regions: z.array(z.object({ id: z.string() })),
  permissions: z.record(z.enum(operationNames), permission),
});
export type MeResponse = z.infer<typeof meResponse>;
/** Where a limited user's triggers may deploy: a cluster (`*`, `cci`) and namespace patterns. */
export type DeployScope = NonNullable<MeResponse['deployTargets']>[number];

/** `GET /api/regions` */
export const regionsResponse = z.object({ regions: z.array(z.object({ id: z.string() })) });

/** `GET /auth/demo/users` */
export const demoUsersResponse = z.object({
  users: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      role: z.nullable(roleName),
      namespaces: z.nullable(z.array(z.string())),
    }),
  ),
});
export type DemoUser = z.infer<typeof demoUsersResponse>['users'][number];

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied', 'pending'] as const;

/** One thing a request named: an organization (in a region), a region, an account, a cluster... */
export const auditTarget = z.object({
  kind: z.enum(TARGET_KINDS),
  name: z.string(),
  /** Where the request named it: `params.namespace`, `body.remoteNamespace`, `trigger.cluster_id`. */
  field: z.string(),
  region: z.optional(z.string()),
});

/** One audit record (docs/security.md B10). */
export const auditRecord = z.object({
  v: z.literal(1),
  id: z.string(),
  ts: z.string(),
  event: z.string(),
  outcome: z.enum(AUDIT_OUTCOMES),
  actor: z.nullable(
    z.object({
      key: z.string(),
      iss: z.string(),
      sub: z.string(),
      name: z.string(),
      email: z.nullish(z.string()),
      role: z.string(),
      groups: z.array(z.string()),
      authMode: z.string(),
      /** A short hash of the session id, to tell sessions apart without revealing them. */
      sessionRef: z.nullish(z.string()),
    }),
  ),
  source: z.object({ ip: z.nullish(z.string()), userAgent: z.nullish(z.string()) }),
  request: z.object({
    /** The BFF's own id for the request (also sent to SWR). */
    id: z.string(),
    /** The id the client sent in `X-Request-Id`, if any: kept apart, never trusted. */
    clientId: z.optional(z.string()),
    method: z.string(),
    route: z.string(),
    params: z.record(z.string(), z.string()),
    query: z.record(z.string(), z.string()),
    body: z.unknown(),
  }),
  resource: z.nullable(
    z.object({
      type: z.string(),
      namespace: z.nullable(z.string()),
      name: z.nullable(z.string()),
      tag: z.nullable(z.string()),
    }),
  ),
  /** Everything the request named that authorization looked at (absent on older records). */
  targets: z.optional(z.array(auditTarget)),
  upstream: z.nullable(
    z.object({
      method: z.string(),
      path: z.string(),
      status: z.nullable(z.number()),
      code: z.nullable(z.string()),
      requestId: z.nullable(z.string()),
      latencyMs: z.number(),
      /** SWR's clock when it answered (its `Date` header, whole seconds), when it sent one. */
      date: z.optional(z.string()),
    }),
  ),
  httpStatus: z.nullable(z.number()),
  reason: z.nullable(z.string()),
  bff: z.object({ version: z.string(), instance: z.string(), region: z.nullable(z.string()) }),
  /**
   * Set on a record that stands for several refusals of one address (anonymous requests are
   * recorded once per address and minute): how many, first and last.
   */
  repeats: z.optional(z.object({ count: z.number(), first: z.string(), last: z.string() })),
});
export type AuditRecordShape = z.infer<typeof auditRecord>;

/** `GET /api/audit` */
export const auditListResponse = z.object({
  items: z.array(auditRecord),
  total: z.number(),
  offset: z.number(),
  limit: z.number(),
});
export type AuditListResponse = z.infer<typeof auditListResponse>;

/**
 * `GET /api/readiness` (signed-in users; `/readyz` gives the same to the probe network): the
 * database and each region's last probe, with its circuit breaker. `detail` names the kind of
 * failure (`timeout`, `network`, `HTTP 503`, `circuit-open: not called`).
 */
export const readinessResponse = z.object({
  status: z.enum(['ok', 'failing']),
  database: z.enum(['ok', 'failing']),
  regions: z.array(
    z.object({
      id: z.string(),
      status: z.enum(['ok', 'failing']),
      latencyMs: z.number(),
      detail: z.optional(z.string()),
      checkedAt: z.string(),
      breaker: z.object({
        state: z.enum(['closed', 'open', 'half-open']),
        consecutiveFailures: z.number(),
        probeAt: z.nullable(z.string()),
      }),
    }),
  ),
});
export type ReadinessResponse = z.infer<typeof readinessResponse>;

/** `GET /api/audit/actors`: everyone in the trail, by identity key, with their latest name. */
export const auditActorsResponse = z.object({
  actors: z.array(z.object({ key: z.string(), name: z.string() })),
});

/** `GET /api/sessions` */
export const sessionsResponse = z.object({
  users: z.array(
    z.object({
      /** The identity key (`iss|sub`): what `DELETE /api/sessions?user=` takes. */
      key: z.string(),
      name: z.string(),
      role: z.string(),
      /** How many live sessions the user has (browsers, devices). */
      sessions: z.number(),
      /** The latest request of any of them. */
      lastSeen: z.nullable(z.string()),
    }),
  ),
});
export type SignedInUser = z.infer<typeof sessionsResponse>['users'][number];

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
export const DIRECTORY_ROUTES = {
  iamUsers: { method: 'GET', path: '/api/directory/iam-users' },
  clusters: { method: 'GET', path: '/api/directory/:region/clusters' },
  namespaces: { method: 'GET', path: '/api/directory/:region/clusters/:cluster/namespaces' },
  workloads: {
    method: 'GET',
    path: '/api/directory/:region/clusters/:cluster/namespaces/:namespace/workloads',
  },
} as const;
export type DirectoryRoute = keyof typeof DIRECTORY_ROUTES;

/** A directory route's path with its parameters filled in (percent-encoded). */
export function directoryPath(
  route: DirectoryRoute,
  params: { region?: string; cluster?: string; namespace?: string } = {},
): string {
  return DIRECTORY_ROUTES[route].path.replace(/:(region|cluster|namespace)/g, (_match, name) => {
    const value = params[name as 'region' | 'cluster' | 'namespace'];
    if (value === undefined) throw new TypeError(`${route} needs ${String(name)}`);
    return encodeURIComponent(value);
  });
}

/** `GET /api/directory/iam-users`: the account's IAM users (IAM KeystoneListUsers). */
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

/**
 * `GET /api/sync-starts/:region?namespace=&repository=`: who started a repository's manual syncs
 * through the console, from the audit trail. SWR records its own IAM user (the console's) as the
 * operator of every job the console starts; this names the person. For whoever may read the
 * repository's sync jobs.
 */
export const SYNC_STARTS_ROUTE = { method: 'GET', path: '/api/sync-starts/:region' } as const;
/** How far back the trail is read for a repository's manual syncs. */
export const SYNC_STARTS_DAYS = 30;
/** At most this many starts are answered, newest first. */
export const SYNC_STARTS_MAX = 200;

export const syncStartsResponse = z.object({
  starts: z.array(
    z.object({
      /** When the console sent the request (its audit record's time, the console's clock). */
      at: z.string(),
      /**
       * The earliest SWR can have dated the request's jobs, by SWR's own clock (its answer's
       * `Date` less the call's time and a second for the header's precision); absent when SWR
       * sent no date.
       */
      jobsFrom: z.optional(z.string()),
      /** The person, as the audit trail names them. */
      by: z.string(),
      /** The tags asked for; null when the request was too large to keep in the trail. */
      tags: z.nullable(z.array(z.string())),
      remoteRegionId: z.string(),
      remoteNamespace: z.string(),
    }),
  ),
});
export type SyncStartsResponse = z.infer<typeof syncStartsResponse>;
export type SyncStart = SyncStartsResponse['starts'][number];
