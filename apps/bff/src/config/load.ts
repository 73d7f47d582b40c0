/**
 * Reading the configuration: defaults, then the YAML file named by `BFF_CONFIG_FILE`, then
 * environment variables, validated once. A bad value stops the start with a message that names
 * the variable (or the YAML path) and says what is expected.
 *
 * With nothing configured the BFF runs in demo sign-in against the embedded emulator's default
 * endpoints with its public demo keys; those defaults are refused in production.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { JOB_MAX_ITEMS } from '@swr-dashboard/swr-client';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { configSchema, type BffConfig, type DeployScope } from './schema';

type Env = Record<string, string | undefined>;
type Json = Record<string, unknown>;

/** The embedded emulator's defaults (apps/emulator): ports 8801–8803 and its public demo keys. */
export const EMULATOR_DEFAULTS = {
  regions: [
    { id: 'cn-north-4', endpoint: 'http://127.0.0.1:8801' },
    { id: 'cn-east-3', endpoint: 'http://127.0.0.1:8802' },
    { id: 'ap-southeast-3', endpoint: 'http://127.0.0.1:8803' },
  ],
  credentials: { ak: 'EMULATORDEMOAK000001', sk: 'emulator-demo-sk-0000000000000000000000001' },
};

/** The emulator's stable ids (apps/emulator `stableId`): 32 hex characters of a SHA-256. */
function emulatorId(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/** The emulator's demo account (`demo-ops`, the account of its demo keys): its domain id. */
export const EMULATOR_DEMO_DOMAIN_ID = emulatorId('account', 'demo-ops');

/** The demo account's project in a region, as the emulator derives it (`projectIdOf`). */
export function emulatorDemoProjectId(region: string): string {
  return emulatorId('project', EMULATOR_DEMO_DOMAIN_ID, region);
}

/** Demo sign-in users, one per role and one scoped operator; groups map to roles below. */
export const DEMO_USERS = [
  { id: 'ada-admin', name: 'Ada Admin', email: 'ada@demo.example', groups: ['swr-admins'] },
  {
    id: 'otto-operator',
    name: 'Otto Operator',
    email: 'otto@demo.example',
    groups: ['swr-operators'],
  },
  { id: 'vera-viewer', name: 'Vera Viewer', email: 'vera@demo.example', groups: ['swr-viewers'] },
  {
    id: 'pat-payments',
    name: 'Pat Payments',
    email: 'pat@demo.example',
    groups: ['swr-operators-payments'],
  },
];

/** Loopback and the private and unique-local ranges. */
const PRIVATE_NETWORKS = [
  '127.0.0.0/8',
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '::1/128',
  'fc00::/7',
];

const DEFAULT_RBAC = {
  roles: { admin: ['swr-admins'], operator: ['swr-operators'], viewer: ['swr-viewers'] },
  namespaceScopes: {},
  deployScopes: {},
};

const DEMO_RBAC = {
  roles: {
    admin: ['swr-admins'],
    operator: ['swr-operators', 'swr-operators-payments'],
    viewer: ['swr-viewers'],
  },
  namespaceScopes: { 'swr-operators-payments': ['payments*'] },
  // The payments team rolls out to its own Kubernetes namespaces, on any cluster.
  deployScopes: { 'swr-operators-payments': [{ cluster: '*', namespaces: ['payments*'] }] },
};

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function int(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  return /^-?\d+$/.test(value.trim()) ? Number(value) : value;
}

function number(value: string | undefined): number | string | undefined {
  if (value === undefined) return undefined;
  return /^\d+(?:\.\d+)?$/.test(value.trim()) ? Number(value) : value;
}

function bool(value: string | undefined): boolean | string | undefined {
  if (value === undefined) return undefined;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  return value;
}

/** `SWR_ENDPOINT_CN_NORTH_4` for region `cn-north-4`. */
export function regionEnvSuffix(id: string): string {
  return id.toUpperCase().replaceAll('-', '_');
}

/** Each environment variable and where it lands in the configuration. */
const ENV_PATHS: readonly [string, string][] = [
  ['NODE_ENV', 'nodeEnv'],
  ['HOST', 'host'],
  ['PORT', 'port'],
  ['PUBLIC_ORIGIN', 'publicOrigin'],
  ['TRUST_PROXY_HOPS', 'trustProxyHops'],
  ['TRUST_PROXY_CIDRS', 'trustProxyCidrs'],
  ['SWR_REGIONS', 'regions'],
  ['HWC_AK', 'credentials.ak'],
  ['HWC_SK', 'credentials.sk'],
  ['HWC_SECURITY_TOKEN', 'credentials.securityToken'],
  ['AUTH_MODE', 'auth.mode'],
  ['OIDC_ISSUER', 'auth.issuer'],
  ['OIDC_CLIENT_ID', 'auth.clientId'],
  ['OIDC_CLIENT_SECRET', 'auth.clientSecret'],
  ['OIDC_SCOPES', 'auth.scopes'],
  ['OIDC_GROUPS_CLAIM', 'auth.groupsClaim'],
  ['OIDC_TOKEN_AUTH_METHOD', 'auth.tokenAuthMethod'],
  ['OIDC_ALLOW_INSECURE_ISSUER', 'auth.allowInsecureIssuer'],
  ['TRUSTED_PROXY_CIDRS', 'auth.trustedProxies'],
  ['AUTH_HEADER_USER', 'auth.userHeader'],
  ['AUTH_HEADER_EMAIL', 'auth.emailHeader'],
  ['AUTH_HEADER_GROUPS', 'auth.groupsHeader'],
  ['AUTH_HEADER_JWT', 'auth.jwt.header'],
  ['AUTH_JWKS_URL', 'auth.jwt.jwksUrl'],
  ['AUTH_JWT_ISSUER', 'auth.jwt.issuer'],
  ['AUTH_JWT_AUDIENCE', 'auth.jwt.audience'],
  ['AUTH_JWT_GROUPS_CLAIM', 'auth.jwt.groupsClaim'],
  ['LOGOUT_URL', 'auth.logoutUrl'],
  ['ROLE_ADMIN_GROUPS', 'rbac.roles.admin'],
  ['ROLE_OPERATOR_GROUPS', 'rbac.roles.operator'],
  ['ROLE_VIEWER_GROUPS', 'rbac.roles.viewer'],
  ['NAMESPACE_SCOPES', 'rbac.namespaceScopes'],
  ['DEPLOY_SCOPES', 'rbac.deployScopes'],
  ['SESSION_SECRETS', 'session.secrets'],
  ['SESSION_IDLE_TIMEOUT', 'session.idleTimeoutMs'],
  ['SESSION_MAX_LIFETIME', 'session.absoluteTimeoutMs'],
  ['BFF_DATABASE', 'database'],
  ['DATABASE_URL', 'databaseUrl'],
  ['REDIS_URL', 'redisUrl'],
  ['AUDIT_SINK', 'audit.sink'],
  ['AUDIT_READS', 'audit.reads'],
  ['UPSTREAM_TIMEOUT', 'upstream.timeoutMs'],
  ['UPSTREAM_READ_RETRIES', 'upstream.readRetries'],
  ['BREAKER_THRESHOLD', 'breaker.threshold'],
  ['BREAKER_COOL_DOWN', 'breaker.coolDownMs'],
  ['RATE_LIMIT_READS_PER_MINUTE', 'rateLimits.readsPerMinute'],
  ['RATE_LIMIT_MUTATIONS_PER_MINUTE', 'rateLimits.mutationsPerMinute'],
  ['RATE_LIMIT_LOGIN_COMMANDS_PER_HOUR', 'rateLimits.loginCommandsPerHour'],
  ['RATE_LIMIT_SIGN_IN_PER_MINUTE', 'rateLimits.signInPerMinute'],
  ['RATE_LIMIT_ANONYMOUS_PER_MINUTE', 'rateLimits.anonymousPerMinute'],
  ['RATE_LIMIT_BATCH_RESERVE', 'rateLimits.batchReserve'],
  ['FLEET_INDEX', 'fleet.enabled'],
  ['FLEET_CALLS_PER_SECOND', 'fleet.callsPerSecond'],
  ['FLEET_SWEEP_INTERVAL', 'fleet.sweepIntervalMs'],
  ['FLEET_OWN_ACCOUNTS', 'fleet.ownAccounts'],
  ['JOBS_CALLS_PER_SECOND', 'jobs.callsPerSecond'],
  ['JOBS_CONFIRM_ABOVE', 'jobs.confirmAbove'],
  ['JOBS_ITEM_LEASE', 'jobs.itemLeaseMs'],
  ['JOBS_MAX_ITEMS', 'jobs.maxItems'],
  ['JOBS_WEBHOOK_URL', 'jobs.webhook.url'],
  ['JOBS_WEBHOOK_SECRET', 'jobs.webhook.secret'],
  ['REGISTRY_READ', 'registry.read'],
  ['PROTECTED_TAGS', 'protectedTags.all'],
  ['PROTECTED_TAGS_BY_ORG', 'protectedTags.byNamespace'],
  ['READY_INTERVAL', 'probes.readyIntervalMs'],
  ['PROBE_CIDRS', 'probes.cidrs'],
  ['METRICS_CIDRS', 'metrics.cidrs'],
  ['METRICS_TOKEN', 'metrics.token'],
  ['IAM_ENDPOINT', 'directory.iamEndpoint'],
  ['HWC_DOMAIN_ID', 'directory.domainId'],
  ['DIRECTORY_CACHE_TTL', 'directory.cacheTtlMs'],
  ['SCOPED_LIST_MAX_ITEMS', 'scopedListMaxItems'],
  ['SHUTDOWN_TIMEOUT', 'shutdownTimeoutMs'],
  ['LOG_LEVEL', 'logLevel'],
  ['WEB_ROOT', 'webRoot'],
];

function set(target: Json, path: string, value: unknown): void {
  if (value === undefined) return;
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Json;
  }
  node[keys[keys.length - 1] ?? ''] = value;
}

/** `team-a=team-a-* shared;team-b=team-b-*` → `{ 'team-a': ['team-a-*', 'shared'], ... }`. */
function parseScopes(value: string): Record<string, string[]> | string {
  const scopes: [string, string[]][] = [];
  for (const entry of value
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part !== '')) {
    const [group, patterns] = entry.split('=');
    if (group === undefined || patterns === undefined) return value;
    scopes.push([group.trim(), patterns.split(/\s+/).filter((pattern) => pattern !== '')]);
  }
  // Own properties only, whatever the group is called; the schema then refuses odd names.
  return Object.fromEntries(scopes);
}

/**
 * `payments=<cluster>:payments* cci:payments;web=*:web-*` → for each group, its clusters with
 * their Kubernetes namespace patterns. A value that does not parse is passed on as it is, for
 * the schema to refuse with the variable's name.
 */
function parseDeployScopes(value: string): Record<string, DeployScope[]> | string {
  const groups = parseScopes(value);
  if (typeof groups === 'string') return value;
  const parsed: [string, DeployScope[]][] = [];
  for (const [group, entries] of Object.entries(groups)) {
    const byCluster = new Map<string, string[]>();
    for (const entry of entries) {
      const at = entry.lastIndexOf(':');
      if (at <= 0 || at === entry.length - 1) return value;
      const cluster = entry.slice(0, at);
      byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), entry.slice(at + 1)]);
    }
    parsed.push([group, [...byCluster].map(([cluster, namespaces]) => ({ cluster, namespaces }))]);
  }
  return Object.fromEntries(parsed);
}

/** Regions from `SWR_REGIONS=cn-north-4,cn-east-3` with `SWR_ENDPOINT_<ID>` and `SWR_PROJECT_ID_<ID>`. */
function regionsFromEnv(env: Env): Json[] | undefined {
  const ids = list(env.SWR_REGIONS);
  if (ids === undefined) return undefined;
  return ids.map((id) => {
    const suffix = regionEnvSuffix(id);
    const region: Json = {
      id,
      endpoint: env[`SWR_ENDPOINT_${suffix}`] ?? `https://swr-api.${id}.myhuaweicloud.com`,
    };
    const projectId = env[`SWR_PROJECT_ID_${suffix}`];
    if (projectId !== undefined) region.projectId = projectId;
    return region;
  });
}

function fromEnv(env: Env): Json {
  const values: Record<string, unknown> = {
    NODE_ENV: env.NODE_ENV,
    HOST: env.HOST,
    PORT: int(env.PORT),
    PUBLIC_ORIGIN: env.PUBLIC_ORIGIN,
    TRUST_PROXY_HOPS: int(env.TRUST_PROXY_HOPS),
    TRUST_PROXY_CIDRS: list(env.TRUST_PROXY_CIDRS),
    SWR_REGIONS: regionsFromEnv(env),
    OIDC_ALLOW_INSECURE_ISSUER: bool(env.OIDC_ALLOW_INSECURE_ISSUER),
    TRUSTED_PROXY_CIDRS: list(env.TRUSTED_PROXY_CIDRS),
    ROLE_ADMIN_GROUPS: list(env.ROLE_ADMIN_GROUPS),
    ROLE_OPERATOR_GROUPS: list(env.ROLE_OPERATOR_GROUPS),
    ROLE_VIEWER_GROUPS: list(env.ROLE_VIEWER_GROUPS),
    NAMESPACE_SCOPES:
      env.NAMESPACE_SCOPES === undefined ? undefined : parseScopes(env.NAMESPACE_SCOPES),
    DEPLOY_SCOPES:
      env.DEPLOY_SCOPES === undefined ? undefined : parseDeployScopes(env.DEPLOY_SCOPES),
    PROBE_CIDRS: list(env.PROBE_CIDRS),
    METRICS_CIDRS: list(env.METRICS_CIDRS),
    SCOPED_LIST_MAX_ITEMS: int(env.SCOPED_LIST_MAX_ITEMS),
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: int(env.RATE_LIMIT_ANONYMOUS_PER_MINUTE),
    RATE_LIMIT_BATCH_RESERVE: int(env.RATE_LIMIT_BATCH_RESERVE),
    SESSION_SECRETS: list(env.SESSION_SECRETS),
    AUDIT_READS: bool(env.AUDIT_READS),
    UPSTREAM_READ_RETRIES: int(env.UPSTREAM_READ_RETRIES),
    BREAKER_THRESHOLD: int(env.BREAKER_THRESHOLD),
    RATE_LIMIT_READS_PER_MINUTE: int(env.RATE_LIMIT_READS_PER_MINUTE),
    RATE_LIMIT_MUTATIONS_PER_MINUTE: int(env.RATE_LIMIT_MUTATIONS_PER_MINUTE),
    RATE_LIMIT_LOGIN_COMMANDS_PER_HOUR: int(env.RATE_LIMIT_LOGIN_COMMANDS_PER_HOUR),
    RATE_LIMIT_SIGN_IN_PER_MINUTE: int(env.RATE_LIMIT_SIGN_IN_PER_MINUTE),
    FLEET_INDEX: bool(env.FLEET_INDEX),
    FLEET_CALLS_PER_SECOND: number(env.FLEET_CALLS_PER_SECOND),
    FLEET_OWN_ACCOUNTS: list(env.FLEET_OWN_ACCOUNTS),
    JOBS_CALLS_PER_SECOND: number(env.JOBS_CALLS_PER_SECOND),
    JOBS_CONFIRM_ABOVE: int(env.JOBS_CONFIRM_ABOVE),
    JOBS_MAX_ITEMS: int(env.JOBS_MAX_ITEMS),
    PROTECTED_TAGS: list(env.PROTECTED_TAGS),
    PROTECTED_TAGS_BY_ORG:
      env.PROTECTED_TAGS_BY_ORG === undefined ? undefined : parseScopes(env.PROTECTED_TAGS_BY_ORG),
  };
  const config: Json = {};
  for (const [name, path] of ENV_PATHS) {
    set(config, path, name in values ? values[name] : env[name]);
  }
  return config;
}

/** Deep merge of plain objects; arrays and scalars of `over` replace those of `base`. */
function merge(base: Json, over: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    // Defined, not assigned: a key such as `__proto__` (a group's name in a scope map) stays a
    // plain key, which the schema then refuses by name, and never becomes a prototype.
    Object.defineProperty(out, key, {
      value:
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        typeof current === 'object' &&
        current !== null &&
        !Array.isArray(current)
          ? merge(current as Json, value as Json)
          : value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function readFile(path: string, what: string): Json {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ConfigError([`${what}: cannot read ${path}`]);
  }
  try {
    const parsed: unknown = parseYaml(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error('not a mapping');
    }
    return parsed as Json;
  } catch {
    throw new ConfigError([`${what}: ${path} is not a YAML or JSON mapping`]);
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid BFF configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}

/** Names an issue by the environment variable that sets it, or by its YAML path. */
function nameOf(path: readonly PropertyKey[], candidate: Json): string {
  if (path[0] === 'regions' && typeof path[1] === 'number') {
    const regions = Array.isArray(candidate.regions) ? (candidate.regions as Json[]) : [];
    const id = regions[path[1]]?.id;
    const field = path[2];
    const where = `(region ${path[1] + 1})`;
    if (typeof id === 'string' && field === 'endpoint')
      return `SWR_ENDPOINT_${regionEnvSuffix(id)} ${where}`;
    if (typeof id === 'string' && field === 'projectId')
      return `SWR_PROJECT_ID_${regionEnvSuffix(id)} ${where}`;
    if (typeof id === 'string' && field === 'cce')
      return `CCE_ENDPOINT_${regionEnvSuffix(id)} ${where}`;
    return `SWR_REGIONS ${where}`;
  }
  const dotted = path.map(String).join('.');
  const env = ENV_PATHS.find(([, target]) => dotted === target || dotted.startsWith(`${target}.`));
  if (env !== undefined) return env[0];
  return dotted === '' ? 'configuration' : dotted;
}

function formatIssues(
  issues: readonly z.core.$ZodIssue[],
  mode: string,
  candidate: Json,
): string[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map(
          (key) =>
            `${nameOf([...issue.path, key], candidate)}: set, but not used with AUTH_MODE=${mode}`,
        )
      : [`${nameOf(issue.path, candidate)}: ${issue.message}`],
  );
}

/** Whether an endpoint is plain http on loopback: the embedded emulator's. */
function isEmulatorEndpoint(endpoint: unknown): endpoint is string {
  if (typeof endpoint !== 'string') return false;
  try {
    const url = new URL(endpoint);
    return url.protocol === 'http:' && isLoopback(url.hostname);
  } catch {
    return false;
  }
}

/**
 * The directory's settings that depend on the regions: `CCE_ENDPOINT_<REGION>` for whichever
 * regions are configured (environment, file or defaults), each region's project for CCE, and
 * `none`, which turns a picker off. With demo sign-in on the emulator's demo key and nothing set,
 * IAM and CCE are the emulator's (it serves both on each region's port).
 */
function resolveDirectory(candidate: Json, env: Env, mode: string): Json {
  const credentials = candidate.credentials as Json | undefined;
  const demo = mode === 'demo' && credentials?.ak === EMULATOR_DEFAULTS.credentials.ak;
  const regions = Array.isArray(candidate.regions)
    ? (candidate.regions as unknown[]).map((region): unknown => {
        if (typeof region !== 'object' || region === null || Array.isArray(region)) return region;
        const copy: Json = { ...(region as Json) };
        if (typeof copy.id !== 'string') return copy;
        const fromEnv = env[`CCE_ENDPOINT_${regionEnvSuffix(copy.id)}`];
        let cce: unknown = copy.cce;
        if (fromEnv !== undefined) {
          cce =
            fromEnv.trim() === 'none'
              ? 'none'
              : {
                  ...(typeof cce === 'object' && cce !== null ? cce : {}),
                  endpoint: fromEnv,
                };
        }
        if (cce === undefined && demo && isEmulatorEndpoint(copy.endpoint)) {
          cce = {
            endpoint: copy.endpoint,
            projectId: copy.projectId ?? emulatorDemoProjectId(copy.id),
          };
        }
        if (cce === undefined || cce === 'none') {
          delete copy.cce;
        } else if (typeof cce === 'object' && cce !== null && !Array.isArray(cce)) {
          const withProject: Json = { ...(cce as Json) };
          if (withProject.projectId === undefined && copy.projectId !== undefined) {
            withProject.projectId = copy.projectId;
          }
          copy.cce = withProject;
        } else {
          copy.cce = cce;
        }
        return copy;
      })
    : candidate.regions;
  const directory: Json =
    typeof candidate.directory === 'object' && candidate.directory !== null
      ? { ...(candidate.directory as Json) }
      : {};
  if (typeof directory.iamEndpoint === 'string' && directory.iamEndpoint.trim() === 'none') {
    delete directory.iamEndpoint;
  } else if (directory.iamEndpoint === undefined && demo && Array.isArray(regions)) {
    const emulator = (regions as Json[]).find((region) => isEmulatorEndpoint(region.endpoint));
    if (emulator !== undefined) {
      directory.iamEndpoint = emulator.endpoint;
      directory.domainId ??= EMULATOR_DEMO_DOMAIN_ID;
    }
  }
  return { ...candidate, regions, directory };
}

/** An IAM or CCE endpoint: like SWR's, an origin of the cloud, an allowed one, or the emulator. */
function endpointProblem(
  endpoint: string,
  cloudHost: RegExp,
  what: string,
  production: boolean,
  env: Env,
): string | undefined {
  const url = new URL(endpoint);
  if (url.pathname !== '/' || endpoint.endsWith('/') || url.search !== '') {
    return 'an endpoint has no path, query or trailing "/"';
  }
  if (url.protocol === 'http:' && (production || !isLoopback(url.hostname))) {
    return 'plain http is allowed only for a loopback endpoint outside production';
  }
  if (url.protocol === 'https:' && !cloudHost.test(url.hostname)) {
    const allowed = list(env.DIRECTORY_ENDPOINT_ALLOWLIST) ?? [];
    if (!allowed.includes(url.origin)) {
      return `${url.origin} is not ${what}; add it to DIRECTORY_ENDPOINT_ALLOWLIST to allow it`;
    }
  }
  return undefined;
}

/** The pickers' endpoints and what IAM and CCE need besides them. */
function directoryChecks(config: BffConfig, env: Env): string[] {
  const problems: string[] = [];
  const production = config.nodeEnv === 'production';
  const iam = config.directory.iamEndpoint;
  if (iam !== undefined) {
    const problem = endpointProblem(
      iam,
      /^iam(?:\.[a-z0-9-]+)?\.myhuaweicloud\.(?:com|eu)$/,
      'an IAM endpoint',
      production,
      env,
    );
    if (problem !== undefined) problems.push(`IAM_ENDPOINT: ${problem}`);
    if (config.directory.domainId === undefined) {
      problems.push(
        'HWC_DOMAIN_ID: required with IAM_ENDPOINT (IAM is a global service: a call signed with AK/SK names the account in X-Domain-Id)',
      );
    }
  }
  for (const [index, region] of config.regions.entries()) {
    if (region.cce === undefined) continue;
    const suffix = regionEnvSuffix(region.id);
    const name = `CCE_ENDPOINT_${suffix} (region ${index + 1})`;
    const problem = endpointProblem(
      region.cce.endpoint,
      /^cce\.[a-z0-9-]+\.myhuaweicloud\.(?:com|eu)$/,
      'a CCE endpoint',
      production,
      env,
    );
    if (problem !== undefined) problems.push(`${name}: ${problem}`);
    if (region.cce.projectId === undefined) {
      problems.push(
        `${name}: CCE lists the clusters of a project; set SWR_PROJECT_ID_${suffix} (the region's project)`,
      );
    }
  }
  return problems;
}

/** Demo sign-in's limits, and what the public origin allows. */
function originChecks(config: BffConfig, env: Env, production: boolean): string[] {
  const problems: string[] = [];
  const origin = new URL(config.publicOrigin);
  if (config.auth.mode === 'demo') {
    if (production) {
      problems.push(
        `AUTH_MODE: demo sign-in is refused when NODE_ENV=production${env.NODE_ENV === undefined ? ' (the default: set NODE_ENV=development for a demo, as pnpm start does)' : ''}`,
      );
    }
    if (!isLoopback(config.host)) {
      problems.push(`AUTH_MODE: demo sign-in listens on loopback only, not HOST=${config.host}`);
    }
  }
  if (origin.protocol === 'http:' && (production || !isLoopback(origin.hostname))) {
    problems.push(
      'PUBLIC_ORIGIN: plain http is allowed only for a loopback origin outside production',
    );
  }
  if (origin.protocol === 'https:' && config.trustProxyHops === 0) {
    // The BFF itself speaks plain http: TLS ends at a proxy, whose X-Forwarded-Proto must be
    // believed, or express-session never sets the Secure cookie and sign-in silently fails.
    problems.push(
      'TRUST_PROXY_HOPS: PUBLIC_ORIGIN is https, so set the number of proxies in front (TLS ends there)',
    );
  }
  if (origin.pathname !== '/' || origin.search !== '' || origin.hash !== '') {
    problems.push('PUBLIC_ORIGIN: an origin has no path, query or fragment');
  }
  return problems;
}

/** Each region's SWR endpoint: no path, https to SWR (or an allowed origin), http on loopback. */
function regionChecks(config: BffConfig, env: Env, production: boolean): string[] {
  const problems: string[] = [];
  for (const [index, region] of config.regions.entries()) {
    const url = new URL(region.endpoint);
    const name = `SWR_ENDPOINT_${regionEnvSuffix(region.id)} (region ${index + 1})`;
    if (url.pathname !== '/' || region.endpoint.endsWith('/') || url.search !== '') {
      problems.push(`${name}: an endpoint has no path, query or trailing "/"`);
    }
    if (url.protocol === 'http:' && (production || !isLoopback(url.hostname))) {
      problems.push(
        `${name}: plain http is allowed only for a loopback endpoint outside production`,
      );
    }
    if (
      url.protocol === 'https:' &&
      !/^swr-api\.[a-z0-9-]+\.myhuaweicloud\.(com|eu)$/.test(url.hostname)
    ) {
      const allowed = list(env.SWR_ENDPOINT_ALLOWLIST) ?? [];
      if (!allowed.includes(url.origin)) {
        problems.push(
          `${name}: ${url.origin} is not an SWR endpoint; add it to SWR_ENDPOINT_ALLOWLIST to allow it`,
        );
      }
    }
  }
  return problems;
}

/** Sign-in, sessions, the web root and the cloud key: what production refuses. */
function trustChecks(config: BffConfig, production: boolean): string[] {
  const problems: string[] = [];
  if (config.auth.mode === 'header' && config.auth.jwt !== undefined && production) {
    const jwks = new URL(config.auth.jwt.jwksUrl);
    if (jwks.protocol === 'http:' && !isLoopback(jwks.hostname)) {
      problems.push('AUTH_JWKS_URL: plain http is allowed only on loopback in production');
    }
  }
  if (config.auth.mode === 'oidc' && config.auth.allowInsecureIssuer && production) {
    problems.push('OIDC_ALLOW_INSECURE_ISSUER: refused when NODE_ENV=production');
  }
  if (production && config.session.secrets.length === 0) {
    problems.push('SESSION_SECRETS: required in production');
  }
  if (config.session.idleTimeoutMs > config.session.absoluteTimeoutMs) {
    problems.push('SESSION_IDLE_TIMEOUT: longer than SESSION_MAX_LIFETIME');
  }
  if (config.webRoot !== undefined && !existsSync(resolve(config.webRoot, 'index.html'))) {
    problems.push(`WEB_ROOT: ${config.webRoot} holds no index.html (build the web app first)`);
  }
  const isDemoKey = config.credentials.ak === EMULATOR_DEFAULTS.credentials.ak;
  if (isDemoKey && config.auth.mode !== 'demo') {
    problems.push(
      'HWC_AK: the emulator demo key is only for demo sign-in; configure real credentials',
    );
  }
  return problems;
}

/** Who may scrape `/metrics`: in production, a network that is everyone is refused. */
function metricsChecks(config: BffConfig, production: boolean): string[] {
  const everyone = config.metrics.cidrs.filter((entry) => /\/0$/.test(entry));
  return production && everyone.length > 0
    ? [
        `METRICS_CIDRS: ${everyone.join(', ')} lets anyone read the metrics in production; list the scrapers' networks or use METRICS_TOKEN`,
      ]
    : [];
}

/** One database: the SQLite file or PostgreSQL, not both. */
function databaseChecks(given: Json): string[] {
  return given.database !== undefined && given.databaseUrl !== undefined
    ? [
        'DATABASE_URL and BFF_DATABASE are both set: DATABASE_URL puts everything in PostgreSQL, BFF_DATABASE names the SQLite file used without it; set one',
      ]
    : [];
}

/** Checks that only make sense across several values. */
function crossChecks(config: BffConfig, env: Env): string[] {
  const production = config.nodeEnv === 'production';
  const duplicateRegion =
    new Set(config.regions.map((region) => region.id)).size !== config.regions.length;
  return [
    ...originChecks(config, env, production),
    ...regionChecks(config, env, production),
    ...directoryChecks(config, env),
    ...(duplicateRegion ? ['SWR_REGIONS: a region is listed twice'] : []),
    ...trustChecks(config, production),
    ...metricsChecks(config, production),
  ];
}

/**
 * Builds the configuration. Outside production, session secrets may be left empty: the BFF then
 * keeps a generated one in its database, so sessions survive restarts.
 */
export function loadConfig(env: Env = process.env, options: { cwd?: string } = {}): BffConfig {
  const cwd = options.cwd ?? process.cwd();
  const fileConfig =
    env.BFF_CONFIG_FILE === undefined
      ? {}
      : readFile(resolve(cwd, env.BFF_CONFIG_FILE), 'BFF_CONFIG_FILE');
  const envConfig = fromEnv(env);
  if (env.HWC_CREDENTIALS_FILE !== undefined) {
    const file = readFile(resolve(cwd, env.HWC_CREDENTIALS_FILE), 'HWC_CREDENTIALS_FILE');
    envConfig.credentials = merge(file, (envConfig.credentials as Json | undefined) ?? {});
  }
  const merged = merge(fileConfig, envConfig);
  const auth = merged.auth as Json | undefined;
  const mode = (auth?.mode as string | undefined) ?? 'demo';
  const host = (merged.host as string | undefined) ?? '127.0.0.1';
  const port = typeof merged.port === 'number' ? merged.port : 8080;
  const defaults: Json = {
    // Production unless said otherwise: its checks are on by default (`pnpm start` says development).
    nodeEnv: 'production',
    host,
    port,
    publicOrigin: `http://${isIP(host) === 6 ? `[${host}]` : host}:${port}`,
    trustProxyHops: 0,
    // Proxies in front of a BFF usually sit on loopback or a private network (an ingress).
    trustProxyCidrs: PRIVATE_NETWORKS,
    regions: mode === 'demo' ? EMULATOR_DEFAULTS.regions : [],
    credentials:
      mode === 'demo' && merged.credentials === undefined ? EMULATOR_DEFAULTS.credentials : {},
    auth: mode === 'demo' ? { mode: 'demo', users: DEMO_USERS } : { mode },
    rbac: mode === 'demo' ? DEMO_RBAC : DEFAULT_RBAC,
    session: { secrets: [], idleTimeoutMs: '30m', absoluteTimeoutMs: '12h' },
    database: resolve(cwd, '.data/bff.sqlite'),
    audit: { sink: 'none', reads: false },
    upstream: { timeoutMs: '15s', readRetries: 2 },
    breaker: { threshold: 20, coolDownMs: '30s' },
    rateLimits: {
      readsPerMinute: 300,
      mutationsPerMinute: 30,
      loginCommandsPerHour: 5,
      signInPerMinute: 20,
      anonymousPerMinute: 60,
      batchReserve: 5,
    },
    fleet: { enabled: true, callsPerSecond: 5, sweepIntervalMs: '15m', ownAccounts: [] },
    jobs: { callsPerSecond: 5, confirmAbove: 20, itemLeaseMs: '5m', maxItems: JOB_MAX_ITEMS },
    registry: { read: 'off' },
    protectedTags: { all: [], byNamespace: {} },
    probes: { readyIntervalMs: '10s', cidrs: ['127.0.0.0/8', '::1'] },
    metrics: { cidrs: ['127.0.0.0/8', '::1'] },
    directory: { cacheTtlMs: '60s' },
    scopedListMaxItems: 10_000,
    shutdownTimeoutMs: '10s',
    logLevel: 'info',
  };
  const candidate = resolveDirectory(merge(defaults, merged), env, mode);
  const parsed = configSchema.safeParse(candidate);
  if (!parsed.success) throw new ConfigError(formatIssues(parsed.error.issues, mode, candidate));
  const config = parsed.data;
  const problems = [...crossChecks(config, env), ...databaseChecks(merged)];
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
