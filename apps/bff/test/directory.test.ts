/**
 * The directory (`/api/directory/…`, docs/directory.md) against the real emulator, which serves
 * IAM's user list, CCE's cluster list and the clusters' Kubernetes reads on each region's port and
 * verifies every signature: IAM users for admins only; clusters, namespaces and workloads for those
 * who create triggers, cut to a deploy-limited user's targets; lists reused from the cache; a
 * picker that is not configured, or that the console's key may not read, answers
 * `available: false` with a reason; and every refusal (bad input, unknown region or cluster, role,
 * deploy targets) is decided before anything reaches the emulator (its request log).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  defaultConfig,
  defaultRegions,
  stableId,
  startEmulator,
  type EmulatorConfigInput,
  type RunningEmulator,
} from '@swr-dashboard/emulator';
import {
  clustersResponse,
  BFF_ENDPOINTS,
  bffUrl,
  iamUsersResponse,
  namespacesResponse,
  workloadsResponse,
} from '@swr-dashboard/swr-client';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUBERNETES_LIST_LIMIT } from '../src/api/directory';
import { createBff, type Bff } from '../src/bff';
import {
  ConfigError,
  EMULATOR_DEMO_DOMAIN_ID,
  emulatorDemoProjectId,
  loadConfig,
  regionEnvSuffix,
} from '../src/config/load';
import { rawRequest } from './support/raw-http';
import { Browser } from './support/stack';
import { sqliteDb } from './support/sqlite';

const NORTH = 'cn-north-4';
const EAST = 'cn-east-3';
const SOUTHEAST = 'ap-southeast-3';
const cluster = (region: string, stage: string) => stableId('cluster', region, stage);
const PROD = cluster(NORTH, 'prod');
const STAGING = cluster(NORTH, 'staging');
const LEGACY = cluster(NORTH, 'legacy');
const iamId = (name: string) => stableId('iam', 'demo-ops', name);

/**
 * The BFF in demo sign-in on the emulator's demo key, configured from `env(emulator)`: unlike
 * `startStack`, the environment may name the emulator's ports (IAM_ENDPOINT, CCE_ENDPOINT_…).
 */
interface DirectoryStack {
  emulator: RunningEmulator;
  bff: Bff;
  upstreamLog: string[];
  browser(): Browser;
  close(): Promise<void>;
}

async function startDirectoryStack(
  env: (emulator: RunningEmulator) => Record<string, string>,
  emulatorConfig: Partial<EmulatorConfigInput> = {},
): Promise<DirectoryStack> {
  const upstreamLog: string[] = [];
  const emulator = await startEmulator({
    seed: 'none',
    log: (line) => upstreamLog.push(line),
    config: { database: ':memory:', regions: defaultRegions(0), ...emulatorConfig },
  });
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const regionEnv: Record<string, string> = {
    SWR_REGIONS: emulator.regions.map((region) => region.id).join(','),
  };
  for (const region of emulator.regions) {
    const suffix = regionEnvSuffix(region.id);
    regionEnv[`SWR_ENDPOINT_${suffix}`] = region.url;
    regionEnv[`SWR_PROJECT_ID_${suffix}`] = emulator.projectId('demo-ops', region.id);
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    PUBLIC_ORIGIN: origin,
    BFF_DATABASE: ':memory:',
    UPSTREAM_TIMEOUT: '5s',
    // No background sweeps: these tests check that nothing reaches the emulator.
    FLEET_INDEX: 'off',
    ...regionEnv,
    ...env(emulator),
  });
  const bff = await createBff(config, { logger: pino({ level: 'silent' }) });
  server.on('request', bff.app);
  return {
    emulator,
    bff,
    upstreamLog,
    browser: () => new Browser(origin),
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
      await bff.close();
      await emulator.close();
    },
  };
}

/** The emulator's URL of a region. */
function urlOf(emulator: RunningEmulator, region: string): string {
  const url = emulator.regions.find((candidate) => candidate.id === region)?.url;
  if (url === undefined) throw new Error(`the emulator serves no ${region}`);
  return url;
}

interface AuditRow {
  event: string;
  outcome: string;
  request: { route: string };
}

function auditRecords(stack: DirectoryStack): AuditRow[] {
  const rows = sqliteDb(stack.bff)
    .prepare('SELECT record FROM audit_events ORDER BY seq')
    .all() as {
    record: string;
  }[];
  return rows.map((row) => JSON.parse(row.record) as AuditRow);
}

/** The emulator's request log from `since` on, without timings: `<region> <METHOD> <path> <status>`. */
function upstreamSince(stack: DirectoryStack, since: number): string[] {
  return stack.upstreamLog.slice(since).map((line) => line.split(' ').slice(0, 4).join(' '));
}

async function signedIn(stack: DirectoryStack, user: string): Promise<Browser> {
  const browser = stack.browser();
  await browser.signInDemo(user);
  return browser;
}

describe('the directory, configured with the emulator', { timeout: 30_000 }, () => {
  let stack: DirectoryStack;
  let admin: Browser;
  let operator: Browser;
  let viewer: Browser;
  let payments: Browser;

  beforeAll(async () => {
    // Explicit settings, as in production (not the demo defaults): IAM on the first region's
    // port, CCE in two regions, none in the third. The payments team may deploy to `payments*`
    // on the prod cluster of cn-north-4 only (and to CCI).
    stack = await startDirectoryStack((emulator) => ({
      IAM_ENDPOINT: urlOf(emulator, NORTH),
      HWC_DOMAIN_ID: emulator.config.accounts[0]?.id ?? '',
      CCE_ENDPOINT_CN_NORTH_4: urlOf(emulator, NORTH),
      CCE_ENDPOINT_CN_EAST_3: urlOf(emulator, EAST),
      CCE_ENDPOINT_AP_SOUTHEAST_3: 'none',
      DEPLOY_SCOPES: `swr-operators-payments=${PROD}:payments* cci:payments`,
    }));
    admin = await signedIn(stack, 'ada-admin');
    operator = await signedIn(stack, 'otto-operator');
    viewer = await signedIn(stack, 'vera-viewer');
    payments = await signedIn(stack, 'pat-payments');
  });
  afterAll(async () => {
    await stack.close();
  });

  it("lists the account's IAM users for an admin, from IAM, once for a minute", async () => {
    const since = stack.upstreamLog.length;
    const first = await admin.get(bffUrl(BFF_ENDPOINTS.iamUsers, {}));
    expect(first.status).toBe(200);
    const body = iamUsersResponse.parse(first.json);
    expect(body.available).toBe(true);
    expect(body.users).toContainEqual({ id: iamId('alice-dev'), name: 'alice-dev', enabled: true });
    expect(body.users).toContainEqual({
      id: iamId('old-contractor'),
      name: 'old-contractor',
      enabled: false,
    });
    expect(body.users.map((user) => user.name)).toEqual(
      [...body.users.map((user) => user.name)].sort((a, b) => a.localeCompare(b)),
    );
    expect(upstreamSince(stack, since)).toEqual([`${NORTH} GET /v3/users 200`]);
    // The dialog opened again: the same answer, nothing asked of IAM.
    const again = await admin.get(bffUrl(BFF_ENDPOINTS.iamUsers, {}));
    expect(again.json).toEqual(first.json);
    expect(upstreamSince(stack, since)).toHaveLength(1);
    // A read: nothing in the audit trail.
    expect(auditRecords(stack).filter((r) => r.request.route.includes('directory'))).toEqual([]);
  });

  it('refuses IAM users to an operator (403, audited), sending nothing', async () => {
    const since = stack.upstreamLog.length;
    const reply = await operator.get(bffUrl(BFF_ENDPOINTS.iamUsers, {}));
    expect(reply.status).toBe(403);
    expect(reply.json).toMatchObject({ code: 'forbidden', reason: 'role' });
    expect(upstreamSince(stack, since)).toEqual([]);
    expect(auditRecords(stack).at(-1)).toMatchObject({
      event: 'authz.denied',
      outcome: 'denied',
      request: { route: '/api/directory/iam-users' },
    });
  });

  it("lists clusters, a cluster's namespaces and a namespace's workloads for an operator", async () => {
    const since = stack.upstreamLog.length;
    const clusters = clustersResponse.parse(
      (await operator.get(bffUrl(BFF_ENDPOINTS.clusters, { params: { region: NORTH } }))).json,
    );
    expect(clusters).toEqual({
      available: true,
      clusters: [
        { id: LEGACY, name: `legacy-${NORTH}`, phase: 'Unavailable' },
        { id: PROD, name: `prod-${NORTH}`, phase: 'Available' },
        { id: STAGING, name: `staging-${NORTH}`, phase: 'Available' },
      ],
    });
    const namespaces = await operator.get(
      bffUrl(BFF_ENDPOINTS.namespaces, { params: { region: NORTH, cluster: PROD } }),
    );
    expect(namespacesResponse.parse(namespaces.json)).toEqual({
      available: true,
      namespaces: ['default', 'ingress', 'kube-system', 'payments'],
    });
    expect(namespaces.headers.get('x-scope-hidden')).toBeNull();
    const workloads = await operator.get(
      bffUrl(BFF_ENDPOINTS.workloads, {
        params: { region: NORTH, cluster: PROD, namespace: 'ingress' },
      }),
    );
    expect(workloadsResponse.parse(workloads.json)).toEqual({
      available: true,
      workloads: [
        { type: 'deployments', name: 'default-backend' },
        { type: 'statefulsets', name: 'ingress-nginx' },
      ],
    });
    // One call each, the cluster list reused to check the cluster and the namespace list to check
    // the namespace; the Kubernetes reads went to the cluster through CCE's gateway (the emulator
    // found the cluster in the signed Host).
    expect(upstreamSince(stack, since)).toEqual([
      `${NORTH} GET /api/v3/projects/${stack.emulator.projectId('demo-ops', NORTH)}/clusters 200`,
      `${NORTH} GET /api/v1/namespaces 200`,
      `${NORTH} GET /apis/apps/v1/namespaces/ingress/deployments 200`,
      `${NORTH} GET /apis/apps/v1/namespaces/ingress/statefulsets 200`,
    ]);
  });

  it('answers for a cluster that cannot be read that its list is not available', async () => {
    const reply = await operator.get(
      bffUrl(BFF_ENDPOINTS.namespaces, { params: { region: NORTH, cluster: LEGACY } }),
    );
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ available: false, reason: 'unreachable', namespaces: [] });
  });

  it("cuts the lists to a deploy-limited user's targets, and refuses the rest unsent", async () => {
    const since = stack.upstreamLog.length;
    const clusters = await payments.get(
      bffUrl(BFF_ENDPOINTS.clusters, { params: { region: NORTH } }),
    );
    expect(clustersResponse.parse(clusters.json).clusters.map((c) => c.id)).toEqual([PROD]);
    expect(clusters.headers.get('x-scope-hidden')).toBe('2');
    const namespaces = await payments.get(
      bffUrl(BFF_ENDPOINTS.namespaces, { params: { region: NORTH, cluster: PROD } }),
    );
    expect(namespacesResponse.parse(namespaces.json).namespaces).toEqual(['payments']);
    expect(namespaces.headers.get('x-scope-hidden')).toBe('3');
    const workloads = await payments.get(
      bffUrl(BFF_ENDPOINTS.workloads, {
        params: { region: NORTH, cluster: PROD, namespace: 'payments' },
      }),
    );
    expect(workloadsResponse.parse(workloads.json).workloads).toEqual([
      { type: 'deployments', name: 'payment-gateway' },
      { type: 'deployments', name: 'payments-api' },
      { type: 'statefulsets', name: 'payments-ledger' },
    ]);
    const read = upstreamSince(stack, since).length;

    // Another cluster, another team's namespace: 403, audited, nothing sent.
    for (const path of [
      bffUrl(BFF_ENDPOINTS.namespaces, { params: { region: NORTH, cluster: STAGING } }),
      bffUrl(BFF_ENDPOINTS.workloads, {
        params: { region: NORTH, cluster: PROD, namespace: 'default' },
      }),
      bffUrl(BFF_ENDPOINTS.workloads, {
        params: { region: NORTH, cluster: STAGING, namespace: 'payments' },
      }),
    ]) {
      const reply = await payments.get(path);
      expect(reply.status, path).toBe(403);
      expect(reply.json).toMatchObject({ code: 'forbidden', reason: 'scope' });
      expect(auditRecords(stack).at(-1)).toMatchObject({ event: 'authz.denied' });
    }
    expect(upstreamSince(stack, since)).toHaveLength(read);
  });

  it('refuses viewers, bad input and unknown regions before anything is sent', async () => {
    // Warm the cluster list, so that what follows would only need a Kubernetes read.
    await operator.get(bffUrl(BFF_ENDPOINTS.clusters, { params: { region: EAST } }));
    const since = stack.upstreamLog.length;
    const viewerReply = await viewer.get(
      bffUrl(BFF_ENDPOINTS.clusters, { params: { region: NORTH } }),
    );
    expect(viewerReply.status).toBe(403);
    expect(viewerReply.json).toMatchObject({ code: 'forbidden', reason: 'role' });

    const base = `/api/directory/${NORTH}/clusters`;
    // Sent as written (fetch would resolve `%2E%2E` as a dot segment).
    const raw = (path: string) =>
      rawRequest(operator.origin, {
        path,
        headers: { Cookie: operator.cookieHeader(), 'X-CSRF': '1' },
      });
    for (const bad of [
      'a.b',
      'bad_cluster',
      '-abc',
      'abc-',
      '%2E%2E',
      '..%2Fv3%2Fusers',
      'x'.repeat(64),
      '%C3%A9t%C3%A9',
      'a%00b',
    ]) {
      const reply = await raw(`${base}/${bad}/namespaces`);
      expect(reply.status, bad).toBe(400);
      expect(reply.json, bad).toMatchObject({
        code: 'invalid_parameter',
        issues: [{ path: 'params.cluster' }],
      });
    }
    for (const bad of ['Default', 'a_b', 'ns.x', '-ns', '%2E', 'y'.repeat(64)]) {
      const reply = await raw(`${base}/${PROD}/namespaces/${bad}/workloads`);
      expect(reply.status, bad).toBe(400);
      expect(reply.json, bad).toMatchObject({ issues: [{ path: 'params.namespace' }] });
    }
    expect(auditRecords(stack).at(-1)).toMatchObject({ event: 'input.rejected' });
    const malformed = await operator.get(`${base}/%E0%A4/namespaces`);
    expect(malformed.status).toBe(400);
    const query = await operator.get(
      `${bffUrl(BFF_ENDPOINTS.clusters, { params: { region: NORTH } })}?limit=5`,
    );
    expect(query.status).toBe(400);
    const unknownRegion = await operator.get(
      bffUrl(BFF_ENDPOINTS.clusters, { params: { region: 'eu-west-0' } }),
    );
    expect(unknownRegion.status).toBe(404);
    expect(unknownRegion.json).toMatchObject({ code: 'not_found' });
    const trailing = await operator.get(
      `${bffUrl(BFF_ENDPOINTS.clusters, { params: { region: NORTH } })}/`,
    );
    expect(trailing.status).toBe(404);
    // A cluster of the right form that CCE does not list: 404 from the (cached) list alone.
    const unknownCluster = await operator.get(
      bffUrl(BFF_ENDPOINTS.namespaces, { params: { region: EAST, cluster: PROD } }),
    );
    expect(unknownCluster.status).toBe(404);
    expect(upstreamSince(stack, since)).toEqual([]);
  });

  it('says a region without CCE is not configured, sending nothing', async () => {
    const since = stack.upstreamLog.length;
    const reply = await operator.get(
      bffUrl(BFF_ENDPOINTS.clusters, { params: { region: SOUTHEAST } }),
    );
    expect(reply.json).toEqual({ available: false, reason: 'not-configured', clusters: [] });
    const namespaces = await operator.get(
      bffUrl(BFF_ENDPOINTS.namespaces, { params: { region: SOUTHEAST, cluster: PROD } }),
    );
    expect(namespaces.json).toEqual({ available: false, reason: 'not-configured', namespaces: [] });
    expect(upstreamSince(stack, since)).toEqual([]);
  });
});

describe('a cluster with more namespaces than one list holds', { timeout: 30_000 }, () => {
  let stack: DirectoryStack;
  let operator: Browser;
  const crowded = cluster(NORTH, 'crowded');

  beforeAll(async () => {
    // One more namespace than the BFF reads in one Kubernetes list.
    const namespaces = Array.from({ length: KUBERNETES_LIST_LIMIT + 1 }, (_, index) => ({
      name: `team-${String(index).padStart(4, '0')}`,
      deployments: ['web'],
      statefulsets: [],
    }));
    stack = await startDirectoryStack(
      (emulator) => ({ CCE_ENDPOINT_CN_NORTH_4: urlOf(emulator, NORTH) }),
      {
        regions: defaultRegions(0).map((region) =>
          region.id === NORTH
            ? {
                ...region,
                clusters: [{ id: crowded, name: 'crowded', available: true, namespaces }],
              }
            : region,
        ),
      },
    );
    operator = await signedIn(stack, 'otto-operator');
  });
  afterAll(async () => {
    await stack.close();
  });

  it('offers no namespace list (they are typed), and no false 404 for the last one', async () => {
    const namespaces = await operator.get(
      bffUrl(BFF_ENDPOINTS.namespaces, { params: { region: NORTH, cluster: crowded } }),
    );
    expect(namespaces.json).toEqual({ available: false, reason: 'too-many', namespaces: [] });
    const workloads = await operator.get(
      bffUrl(BFF_ENDPOINTS.workloads, {
        params: { region: NORTH, cluster: crowded, namespace: 'team-0500' },
      }),
    );
    expect(workloads.status).toBe(200);
    expect(workloads.json).toEqual({ available: false, reason: 'too-many', workloads: [] });
  });
});

describe(
  'the directory on demo defaults, with a key that may not read it',
  { timeout: 30_000 },
  () => {
    let stack: DirectoryStack;

    beforeAll(async () => {
      // The console's key (the demo key) may neither list IAM users nor read CCE: IAM and CCE
      // answer 403. Nothing is set but turning CCE off in one region: demo sign-in on the demo key
      // points IAM and CCE at the emulator by itself.
      const base = defaultConfig();
      stack = await startDirectoryStack(() => ({ CCE_ENDPOINT_CN_EAST_3: 'none' }), {
        accounts: base.accounts.map((account, index) =>
          index === 0
            ? {
                ...account,
                users: account.users.map((user) => ({
                  ...user,
                  canListUsers: false,
                  canReadClusters: false,
                })),
              }
            : account,
        ),
      });
    });
    afterAll(async () => {
      await stack.close();
    });

    it('points IAM and CCE at the emulator, with its demo account and projects', () => {
      const { config } = stack.bff;
      expect(EMULATOR_DEMO_DOMAIN_ID).toBe(stack.emulator.config.accounts[0]?.id);
      expect(config.directory.iamEndpoint).toBe(urlOf(stack.emulator, NORTH));
      expect(config.directory.domainId).toBe(EMULATOR_DEMO_DOMAIN_ID);
      for (const region of [NORTH, SOUTHEAST]) {
        expect(emulatorDemoProjectId(region)).toBe(stack.emulator.projectId('demo-ops', region));
        expect(config.regions.find((r) => r.id === region)?.cce).toEqual({
          endpoint: urlOf(stack.emulator, region),
          projectId: stack.emulator.projectId('demo-ops', region),
        });
      }
      expect(config.regions.find((r) => r.id === EAST)?.cce).toBeUndefined();
    });

    it("answers `denied` when IAM or CCE refuses the console's key, never an error", async () => {
      const admin = await signedIn(stack, 'ada-admin');
      const since = stack.upstreamLog.length;
      const users = await admin.get(bffUrl(BFF_ENDPOINTS.iamUsers, {}));
      expect(users.status).toBe(200);
      expect(users.json).toEqual({ available: false, reason: 'denied', users: [] });
      const clusters = await admin.get(
        bffUrl(BFF_ENDPOINTS.clusters, { params: { region: NORTH } }),
      );
      expect(clusters.json).toEqual({ available: false, reason: 'denied', clusters: [] });
      const namespaces = await admin.get(
        bffUrl(BFF_ENDPOINTS.namespaces, { params: { region: NORTH, cluster: PROD } }),
      );
      expect(namespaces.json).toEqual({ available: false, reason: 'denied', namespaces: [] });
      const east = await admin.get(bffUrl(BFF_ENDPOINTS.clusters, { params: { region: EAST } }));
      expect(east.json).toEqual({ available: false, reason: 'not-configured', clusters: [] });
      // A refusal is kept like a list: asked once.
      await admin.get(bffUrl(BFF_ENDPOINTS.iamUsers, {}));
      expect(upstreamSince(stack, since)).toEqual([
        `${NORTH} GET /v3/users 403`,
        `${NORTH} GET /api/v3/projects/${stack.emulator.projectId('demo-ops', NORTH)}/clusters 403`,
      ]);
    });
  },
);

describe('the directory, not configured', { timeout: 30_000 }, () => {
  let stack: DirectoryStack;

  beforeAll(async () => {
    stack = await startDirectoryStack(() => ({
      IAM_ENDPOINT: 'none',
      CCE_ENDPOINT_CN_NORTH_4: 'none',
      RATE_LIMIT_READS_PER_MINUTE: '3',
    }));
  });
  afterAll(async () => {
    await stack.close();
  });

  it('answers `not-configured`, sending nothing, and counts each call as a read', async () => {
    const admin = await signedIn(stack, 'ada-admin');
    const since = stack.upstreamLog.length;
    expect((await admin.get(bffUrl(BFF_ENDPOINTS.iamUsers, {}))).json).toEqual({
      available: false,
      reason: 'not-configured',
      users: [],
    });
    expect(
      (await admin.get(bffUrl(BFF_ENDPOINTS.clusters, { params: { region: NORTH } }))).json,
    ).toEqual({
      available: false,
      reason: 'not-configured',
      clusters: [],
    });
    expect(
      (
        await admin.get(
          bffUrl(BFF_ENDPOINTS.workloads, {
            params: { region: NORTH, cluster: PROD, namespace: 'a' },
          }),
        )
      ).json,
    ).toEqual({ available: false, reason: 'not-configured', workloads: [] });
    const limited = await admin.get(bffUrl(BFF_ENDPOINTS.iamUsers, {}));
    expect(limited.status).toBe(429);
    expect(upstreamSince(stack, since)).toEqual([]);
  });
});

describe('the directory settings', () => {
  const REAL = {
    NODE_ENV: 'development',
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: 'https://sso.example.com',
    OIDC_CLIENT_ID: 'swr',
    OIDC_CLIENT_SECRET: 'client-secret-value',
    HWC_AK: 'REALACCESSKEY0000001',
    HWC_SK: 'real-secret-key-000000000000001',
    SWR_REGIONS: 'cn-north-4,cn-east-3',
    SWR_PROJECT_ID_CN_NORTH_4: '0123456789abcdef0123456789abcdef',
    BFF_DATABASE: ':memory:',
  };
  const DOMAIN = 'fedcba9876543210fedcba9876543210';

  function problems(env: Record<string, string>): string[] {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  }

  it('has no picker unless IAM and CCE are configured (outside demo sign-in)', () => {
    const config = loadConfig(REAL);
    expect(config.directory).toEqual({ cacheTtlMs: 60_000 });
    expect(config.regions.map((region) => region.cce)).toEqual([undefined, undefined]);
  });

  it("takes IAM's endpoint with the account id, and CCE's per region with its project", () => {
    const config = loadConfig({
      ...REAL,
      IAM_ENDPOINT: 'https://iam.myhuaweicloud.com',
      HWC_DOMAIN_ID: DOMAIN,
      CCE_ENDPOINT_CN_NORTH_4: 'https://cce.cn-north-4.myhuaweicloud.com',
      DIRECTORY_CACHE_TTL: '5m',
    });
    expect(config.directory).toEqual({
      iamEndpoint: 'https://iam.myhuaweicloud.com',
      domainId: DOMAIN,
      cacheTtlMs: 300_000,
    });
    expect(config.regions[0]?.cce).toEqual({
      endpoint: 'https://cce.cn-north-4.myhuaweicloud.com',
      projectId: REAL.SWR_PROJECT_ID_CN_NORTH_4,
    });
    expect(config.regions[1]?.cce).toBeUndefined();
    // A regional IAM endpoint, and the European cloud.
    expect(
      problems({
        ...REAL,
        IAM_ENDPOINT: 'https://iam.eu-west-101.myhuaweicloud.eu',
        HWC_DOMAIN_ID: DOMAIN,
      }),
    ).toEqual([]);
  });

  it('refuses what it cannot use, naming the variable', () => {
    expect(problems({ ...REAL, IAM_ENDPOINT: 'https://iam.myhuaweicloud.com' })).toEqual([
      expect.stringMatching(/^HWC_DOMAIN_ID: required with IAM_ENDPOINT/),
    ]);
    expect(
      problems({ ...REAL, IAM_ENDPOINT: 'https://iam.evil.example', HWC_DOMAIN_ID: DOMAIN }),
    ).toEqual([
      'IAM_ENDPOINT: https://iam.evil.example is not an IAM endpoint; add it to DIRECTORY_ENDPOINT_ALLOWLIST to allow it',
    ]);
    expect(
      problems({
        ...REAL,
        IAM_ENDPOINT: 'https://iam.gw.example',
        HWC_DOMAIN_ID: DOMAIN,
        DIRECTORY_ENDPOINT_ALLOWLIST: 'https://iam.gw.example',
      }),
    ).toEqual([]);
    expect(
      problems({ ...REAL, IAM_ENDPOINT: 'http://iam.example', HWC_DOMAIN_ID: DOMAIN }),
    ).toEqual([
      'IAM_ENDPOINT: plain http is allowed only for a loopback endpoint outside production',
    ]);
    expect(problems({ ...REAL, HWC_DOMAIN_ID: 'not-an-id' })).toEqual([
      'HWC_DOMAIN_ID: an account (domain) id is 32 hexadecimal characters',
    ]);
    expect(
      problems({ ...REAL, CCE_ENDPOINT_CN_EAST_3: 'https://cce.cn-east-3.myhuaweicloud.com' }),
    ).toEqual([
      "CCE_ENDPOINT_CN_EAST_3 (region 2): CCE lists the clusters of a project; set SWR_PROJECT_ID_CN_EAST_3 (the region's project)",
    ]);
    expect(
      problems({
        ...REAL,
        CCE_ENDPOINT_CN_NORTH_4: 'https://cce.cn-north-4.myhuaweicloud.com/api',
      }),
    ).toEqual([
      'CCE_ENDPOINT_CN_NORTH_4 (region 1): an endpoint has no path, query or trailing "/"',
    ]);
    expect(
      problems({
        ...REAL,
        CCE_ENDPOINT_CN_NORTH_4: 'https://swr-api.cn-north-4.myhuaweicloud.com',
      }),
    ).toEqual([expect.stringContaining('is not a CCE endpoint')]);
    expect(problems({ ...REAL, CCE_ENDPOINT_CN_NORTH_4: 'not a url' })).toEqual([
      'CCE_ENDPOINT_CN_NORTH_4 (region 1): use an http(s) URL',
    ]);
    expect(
      problems({
        ...REAL,
        NODE_ENV: 'production',
        PUBLIC_ORIGIN: 'https://swr.example.com',
        TRUST_PROXY_HOPS: '1',
        SESSION_SECRETS: 'x'.repeat(32),
        CCE_ENDPOINT_CN_NORTH_4: 'http://127.0.0.1:8801',
      }),
    ).toEqual([
      'CCE_ENDPOINT_CN_NORTH_4 (region 1): plain http is allowed only for a loopback endpoint outside production',
    ]);
  });

  it('points demo sign-in on the demo key at the emulator, unless told `none`', () => {
    const demo = loadConfig({ NODE_ENV: 'development', BFF_DATABASE: ':memory:' });
    expect(demo.directory).toMatchObject({
      iamEndpoint: 'http://127.0.0.1:8801',
      domainId: EMULATOR_DEMO_DOMAIN_ID,
    });
    expect(demo.regions.map((region) => region.cce?.endpoint)).toEqual(
      demo.regions.map((region) => region.endpoint),
    );
    const off = loadConfig({
      NODE_ENV: 'development',
      BFF_DATABASE: ':memory:',
      IAM_ENDPOINT: 'none',
      CCE_ENDPOINT_CN_EAST_3: 'none',
    });
    expect(off.directory.iamEndpoint).toBeUndefined();
    expect(off.regions.map((region) => region.cce === undefined)).toEqual([false, true, false]);
  });
});
