/**
 * The BFF's configuration, validated at start. Every value comes from an environment variable or
 * from the optional YAML file (`BFF_CONFIG_FILE`); `docs/configuration.md` lists them all.
 */
import { JOB_MAX_ITEMS, regionId } from '@swr-dashboard/swr-client';
import { isIP } from 'node:net';
import { z } from 'zod';

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** `30m`, `12h`, `45s`, `2d` or plain milliseconds. */
export const duration = z
  .union([z.number(), z.string()])
  .transform((value, ctx) => {
    if (typeof value === 'number') return value;
    const match = /^(\d+)(ms|s|m|h|d)?$/.exec(value.trim());
    if (match === null) {
      ctx.addIssue({ code: 'custom', message: 'use a duration such as 30m, 12h or 45s' });
      return z.NEVER;
    }
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] ?? 'ms'] ?? 1;
    return Number(match[1]) * unit;
  })
  .pipe(z.int().positive());

const cidr = z.string().refine(
  (value) => {
    const [address, bits] = value.split('/');
    const family = isIP(address ?? '');
    if (family === 0) return false;
    if (bits === undefined) return true;
    const n = Number(bits);
    return Number.isInteger(n) && n >= 0 && n <= (family === 4 ? 32 : 128);
  },
  { error: 'use an IP address or a CIDR such as 10.0.0.0/8' },
);

const httpUrl = z.url({ protocol: /^https?$/, error: 'use an http(s) URL' });

const hexId = (what: string) =>
  z.string().regex(/^[0-9a-f]{32}$/, { error: `${what} is 32 hexadecimal characters` });

/** CCE in a region, for the cluster picker (docs/directory.md). */
const cce = z.strictObject({
  /** CCE's regional endpoint, e.g. https://cce.cn-north-4.myhuaweicloud.com */
  endpoint: httpUrl,
  /** The project whose clusters are listed (the region's `projectId` unless set). */
  projectId: hexId('a project id').optional(),
});

const region = z.strictObject({
  id: regionId,
  /** SWR's regional endpoint, e.g. https://swr-api.cn-north-4.myhuaweicloud.com */
  endpoint: httpUrl,
  /** The project id sent as X-Project-Id. */
  projectId: z
    .string()
    .regex(/^[0-9a-f]{32}$/, { error: 'a project id is 32 hexadecimal characters' })
    .optional(),
  /** CCE for the cluster picker; absent: deploy targets are typed. */
  cce: cce.optional(),
});

/** IAM and CCE reads for the console's pickers (docs/directory.md). */
const directory = z.strictObject({
  /** IAM's endpoint (global or regional) for the IAM user picker; absent: user ids are typed. */
  iamEndpoint: httpUrl.optional(),
  /** The account (domain) id: IAM is a global service, so AK/SK calls carry it as X-Domain-Id. */
  domainId: hexId('an account (domain) id').optional(),
  /** How long a directory answer is reused before IAM or CCE is asked again. */
  cacheTtlMs: duration,
});

const credentials = z.strictObject({
  ak: z.string().min(8, { error: 'the access key (AK) is missing or too short' }),
  sk: z.string().min(8, { error: 'the secret key (SK) is missing or too short' }),
  /** Temporary (STS) credentials carry a security token. */
  securityToken: z.string().min(1).optional(),
});

const oidc = z.strictObject({
  mode: z.literal('oidc'),
  issuer: httpUrl,
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  scopes: z.string().default('openid profile email'),
  groupsClaim: z.string().min(1).default('groups'),
  /** How the client authenticates at the token endpoint, as registered at the IdP. */
  tokenAuthMethod: z
    .enum(['client_secret_basic', 'client_secret_post'])
    .default('client_secret_basic'),
  /** Plain-http issuers are accepted only outside production (local test providers). */
  allowInsecureIssuer: z.boolean().default(false),
});

const header = z.strictObject({
  mode: z.literal('header'),
  /** Only these TCP peers may assert identity headers. Required: without it, anyone could. */
  trustedProxies: z.array(cidr).min(1, { error: 'list the proxy addresses (CIDRs) to trust' }),
  userHeader: z.string().min(1).default('x-forwarded-user'),
  emailHeader: z.string().min(1).default('x-forwarded-email'),
  groupsHeader: z.string().min(1).default('x-forwarded-groups'),
  /** Optional signed assertion (JWT) header, verified against a JWKS. */
  jwt: z
    .strictObject({
      header: z.string().min(1),
      jwksUrl: httpUrl,
      issuer: z.string().min(1),
      audience: z.string().min(1),
      groupsClaim: z.string().min(1).default('groups'),
    })
    .optional(),
  /** Where sign-out sends the browser: a path of this origin or an http(s) URL. */
  logoutUrl: z
    .string()
    .refine((value) => /^\/(?![/\\])/.test(value) || /^https?:\/\/[^\s]+$/i.test(value), {
      error: 'use a path such as /oauth2/sign_out or an http(s) URL',
    })
    .optional(),
});

const demoUser = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
  name: z.string().min(1),
  email: z.email(),
  groups: z.array(z.string().min(1)),
});

const demo = z.strictObject({
  mode: z.literal('demo'),
  users: z.array(demoUser).min(1),
});

export const authSchema = z.discriminatedUnion('mode', [oidc, header, demo]);

/**
 * A map keyed by SSO group. zod drops keys such as `__proto__` from a record silently; a group
 * named like a property of every object is refused by name instead.
 */
function groupMap<T extends z.ZodType>(value: T) {
  return z
    .unknown()
    .superRefine((map, ctx) => {
      const odd = ['__proto__', 'constructor', 'prototype'].filter(
        (key) => typeof map === 'object' && map !== null && Object.hasOwn(map, key),
      );
      if (odd.length > 0) {
        ctx.addIssue({ code: 'custom', message: `a group cannot be named ${odd.join(', ')}` });
      }
    })
    .pipe(z.record(z.string().min(1), value));
}

/** `*` is the only wildcard of a scope pattern. */
const scopePattern = (allowed: RegExp) =>
  z.string().regex(allowed, { error: 'use lowercase names with * as the only wildcard' });

/** A tag name with `*` (any characters) and `?` (one character) as wildcards. */
const tagPattern = z.string().regex(/^[A-Za-z0-9_.*?-]{1,128}$/, {
  error: 'use a tag name with * and ? as the only wildcards',
});

/** Where members of a group may roll images out: a cluster and Kubernetes namespace patterns. */
const deployScope = z.strictObject({
  /** A CCE cluster id, `cci` for CCI (which has no cluster), or `*` for any cluster. */
  cluster: z.string().regex(/^(?:\*|cci|[A-Za-z0-9][A-Za-z0-9-]{0,63})$/, {
    error: 'use a cluster id, cci or *',
  }),
  namespaces: z.array(scopePattern(/^[a-z0-9*-]{1,63}$/)).min(1),
});
export type DeployScope = z.output<typeof deployScope>;

const rbac = z.strictObject({
  /** SSO groups per role; the highest matching role wins, no match means no access. */
  roles: z.strictObject({
    admin: z.array(z.string().min(1)),
    operator: z.array(z.string().min(1)),
    viewer: z.array(z.string().min(1)),
  }),
  /** Group → organization patterns (`team-a-*`); a scoped user sees only matching ones. */
  namespaceScopes: groupMap(z.array(scopePattern(/^[a-z0-9._*-]+$/))),
  /**
   * Group → the clusters and Kubernetes namespaces its members' triggers may deploy to. A user
   * limited to some organizations, in no group listed here, cannot create or change triggers.
   */
  deployScopes: groupMap(z.array(deployScope)),
});

export const configSchema = z.strictObject({
  nodeEnv: z.enum(['production', 'development', 'test']),
  host: z.string().min(1),
  port: z.int({ error: 'use a port number' }).min(0).max(65_535),
  /** The origin browsers use, e.g. https://swr.ops.example.com. */
  publicOrigin: httpUrl,
  /** Proxy hops in front of the BFF to trust for the client address (0: none). */
  trustProxyHops: z.int({ error: 'use a whole number of proxy hops' }).min(0).max(10),
  /** The addresses of those proxies: `X-Forwarded-For` is believed only from them. */
  trustProxyCidrs: z.array(cidr).min(1, { error: "list the proxies' addresses (CIDRs)" }),
  regions: z.array(region).min(1, { error: 'configure at least one region' }),
  credentials,
  auth: authSchema,
  rbac,
  session: z.strictObject({
    /** Cookie-signing secrets, newest first (rotation). Empty outside production: generated. */
    secrets: z.array(z.string().min(32, { error: 'each session secret needs 32+ characters' })),
    idleTimeoutMs: duration,
    absoluteTimeoutMs: duration,
  }),
  /** The embedded SQLite file for sessions, login transactions and the audit trail. */
  database: z.string().min(1),
  /**
   * PostgreSQL instead of the SQLite file (`DATABASE_URL`): a secret (its password), never logged
   * nor shown in an error.
   */
  databaseUrl: z
    .string()
    .refine((url) => /^postgres(?:ql)?:\/\/[^/]/.test(url), {
      error: 'use postgres://user:password@host:port/database (or postgresql://)',
    })
    .optional(),
  /**
   * Redis for the rate-limit counters (`REDIS_URL`), shared by every replica; absent: each BFF
   * counts in its own memory. A secret (its password), never logged nor shown in an error.
   */
  redisUrl: z
    .string()
    .refine((url) => /^rediss?:\/\/[^/\s]/.test(url) && URL.canParse(url), {
      error: 'use redis://[:password@]host:port[/db] (or rediss:// for TLS)',
    })
    .optional(),
  audit: z.strictObject({
    /** Where each audit record also goes as one JSON line: nowhere, stdout or a file. */
    sink: z.union([z.literal('none'), z.literal('stdout'), z.string().regex(/^file:.+/)]),
    /** Also audit reads (off by default, like Harbor's pull audit). */
    reads: z.boolean(),
  }),
  upstream: z.strictObject({
    timeoutMs: duration,
    /** Extra attempts for reads after a 5xx, 429 or network error; mutations never retry. */
    readRetries: z.int().min(0).max(5),
  }),
  /** Each region's circuit breaker (proxy/circuit-breaker.ts). */
  breaker: z.strictObject({
    /** Failed calls in a row (each after its retries) that open a region's breaker. */
    threshold: z.int({ error: 'use a whole number of failed calls' }).min(1).max(1000),
    /** How long an open breaker refuses calls before it lets one probe through. */
    coolDownMs: duration,
  }),
  rateLimits: z.strictObject({
    readsPerMinute: z.int().positive(),
    mutationsPerMinute: z.int().positive(),
    loginCommandsPerHour: z.int().positive(),
    signInPerMinute: z.int().positive(),
    /** Refused requests of no signed-in user, per client address. */
    anonymousPerMinute: z.int().positive(),
    /** Changes a minute a batch (a bulk delete) leaves to the user's own clicks. */
    batchReserve: z.int().min(0),
  }),
  /** `/readyz`: how often it calls SWR at most, and who sees its details. */
  /** The fleet index (fleet/): how fast and how often it reads SWR. */
  fleet: z.strictObject({
    /** Off: no sweeps and no refreshes; `/api/fleet` answers every region `never` swept. */
    enabled: z.boolean(),
    /** SWR calls a second per region the index may make (its sweeps and refreshes together). */
    callsPerSecond: z.number().min(0.1).max(100),
    /** A region is swept again this long after its last sweep started. */
    sweepIntervalMs: duration,
    /** The company's own accounts: a share to any other leaves the company. */
    ownAccounts: z.array(z.string().check(z.minLength(1), z.maxLength(64))),
  }),
  /** Server-side jobs (jobs/): their pace, apart from the users' own limits. */
  jobs: z.strictObject({
    /** SWR calls a second per region the jobs may make, all jobs together. */
    callsPerSecond: z.number().min(0.1).max(100),
    /** Above this many items, starting a job asks for their count. */
    confirmAbove: z.number().int().min(0).max(100_000),
    /** How long a replica holds an item: longer than its calls can take, retries included. */
    itemLeaseMs: duration,
    /** The most items one job may touch (at most the contract's JOB_MAX_ITEMS). */
    maxItems: z.number().int().min(1).max(JOB_MAX_ITEMS),
    /** Where a finished job is announced (JSON signed with HMAC-SHA256), if anywhere. */
    webhook: z.optional(
      z.strictObject({
        url: httpUrl,
        secret: z.string().min(16, { error: 'use a secret of at least 16 characters' }),
      }),
    ),
  }),
  /**
   * Reading images from the registry (registry/reader.ts): their config and an index's platforms,
   * with a login of the console's own key (createSecret), read-only. `off`, or the scheme of the
   * registry hosts SWR names (`https`; `http` only for the embedded emulator's front doors).
   */
  registry: z.strictObject({ read: z.enum(['off', 'https', 'http']) }),
  /**
   * Tags the console refuses to delete (proxy/protected-tags.ts): patterns for every
   * organization, and per organization (its name → more patterns).
   */
  protectedTags: z.strictObject({
    all: z.array(tagPattern),
    byNamespace: groupMap(z.array(tagPattern)),
  }),
  probes: z.strictObject({
    /** A region's readiness is probed at most once per interval, however often `/readyz` is hit. */
    readyIntervalMs: duration,
    /** TCP peers shown each region's details (default: loopback); others get only the status. */
    cidrs: z.array(cidr),
  }),
  /** `/metrics`: who may scrape it (docs/observability.md). */
  metrics: z.strictObject({
    /** Client addresses that may scrape without a token (default: loopback; empty: none). */
    cidrs: z.array(cidr),
    /** A bearer token that lets anyone else scrape; a secret, never logged. */
    token: z.string().min(32, { error: 'the metrics token needs 32+ characters' }).optional(),
  }),
  /** IAM users and CCE clusters for the pickers, read with the console's key. */
  directory,
  /** Users limited to some organizations get repository lists the BFF filters: at most this many. */
  scopedListMaxItems: z.int().min(1000).max(1_000_000),
  /** On SIGTERM, how long requests in flight may take before their connections are cut. */
  shutdownTimeoutMs: duration,
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
  /** The built web app to serve (apps/web/dist); none: the BFF serves only its API. */
  webRoot: z.string().min(1).optional(),
});

export type BffConfig = z.output<typeof configSchema>;
export type RegionConfig = BffConfig['regions'][number];
