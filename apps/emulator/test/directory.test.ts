/**
 * IAM's and CCE's reads the console's pickers make (src/http/directory-route.ts), on each region's
 * port: IAM's user list (KeystoneListUsers, with the account in `X-Domain-Id`), CCE's cluster list
 * (ListClusters, for the key's project) and a cluster's Kubernetes reads through CCE's gateway (the
 * cluster named by the first label of the signed `Host`). Every one is signature-checked like an
 * SWR call, answers the documented shapes, and refuses a key whose IAM user may not read. The demo
 * configuration holds what the demo seed's triggers and permissions name.
 */
import { request } from 'node:http';
import {
  formatQueryString,
  signRequest,
  type QueryPairs,
  type SigningCredentials,
} from '@swr-dashboard/swr-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS, defaultConfig, stableId } from '../src/index';
import { EAST, MAIN, startTestEmulator, type TestEmulator } from './support/emulator';

/** A key of the demo account whose IAM user may read neither IAM's users nor CCE. */
const NARROW = { ak: 'EMULATORNARROWAK0001', sk: 'emulator-narrow-sk-000000000000000000000001' };

let fixture: TestEmulator;
let domainId: string;

beforeAll(async () => {
  const base = defaultConfig();
  fixture = await startTestEmulator({
    seed: 'demo',
    config: {
      accounts: base.accounts.map((account, index) =>
        index === 0
          ? {
              ...account,
              users: [
                ...account.users,
                {
                  id: stableId('user', 'demo-ops', 'narrow'),
                  name: 'narrow',
                  credentials: [{ ...NARROW }],
                  canListUsers: false,
                  canReadClusters: false,
                },
              ],
            }
          : account,
      ),
    },
  });
  domainId = fixture.emulator.config.accounts[0]?.id ?? '';
});
afterAll(async () => {
  await fixture.close();
});

interface Reply {
  status: number;
  json: unknown;
}

/**
 * A signed GET sent with node:http, so that `Host` can name a cluster (fetch sets its own).
 * `host` defaults to the region's; `tamper` signs with a wrong secret key.
 */
function get(
  region: string,
  path: string,
  options: {
    query?: QueryPairs;
    host?: string;
    headers?: Record<string, string>;
    credentials?: SigningCredentials;
    method?: string;
    tamper?: boolean;
  } = {},
): Promise<Reply> {
  const url = new URL(fixture.url(region));
  const query = options.query ?? [];
  const credentials = options.credentials ?? DEMO_CREDENTIALS;
  const signed = signRequest({
    method: options.method ?? 'GET',
    url: `${url.origin}${path}`,
    query,
    headers: {
      Host: options.host ?? url.host,
      'Content-Type': 'application/json',
      ...options.headers,
    },
    body: '',
    credentials:
      options.tamper === true ? { ...credentials, sk: `${credentials.sk}x` } : credentials,
  });
  const queryString = formatQueryString(query);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        hostname: url.hostname,
        port: url.port,
        method: options.method ?? 'GET',
        path: `${path}${queryString === '' ? '' : `?${queryString}`}`,
        headers: signed,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            json: text === '' ? undefined : JSON.parse(text),
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const cluster = (stage: string, region = MAIN) => stableId('cluster', region, stage);
/** The Host of a cluster's Kubernetes API on the emulator: `<cluster id>.<endpoint host>`. */
const clusterHost = (id: string, region = MAIN) => `${id}.${new URL(fixture.url(region)).host}`;

describe('IAM: GET /v3/users (KeystoneListUsers)', () => {
  it("lists the account's IAM users, keys or not, in IAM's shape", async () => {
    const reply = await get(MAIN, '/v3/users', { headers: { 'X-Domain-Id': domainId } });
    expect(reply.status).toBe(200);
    const body = reply.json as {
      links: { self: string };
      users: { id: string; name: string; domain_id: string; enabled: boolean }[];
    };
    expect(body.links.self).toBe(`${fixture.url(MAIN)}/v3/users`);
    expect(body.users.map((user) => user.name)).toEqual(
      expect.arrayContaining(['ops-admin', 'alice-dev', 'ci-pipeline', 'grace-qa', 'narrow']),
    );
    expect(body.users.find((user) => user.name === 'old-contractor')).toMatchObject({
      id: stableId('iam', 'demo-ops', 'old-contractor'),
      domain_id: domainId,
      enabled: false,
    });
    for (const user of body.users) expect(user.id).toMatch(/^[0-9a-f]{32}$/);
    // IAM's filters.
    const named = await get(MAIN, '/v3/users', {
      query: [['name', 'carol-sec']],
      headers: { 'X-Domain-Id': domainId },
    });
    expect((named.json as { users: { name: string }[] }).users.map((u) => u.name)).toEqual([
      'carol-sec',
    ]);
    const disabled = await get(MAIN, '/v3/users', {
      query: [['enabled', 'false']],
      headers: { 'X-Domain-Id': domainId },
    });
    expect((disabled.json as { users: { name: string }[] }).users.map((u) => u.name)).toEqual([
      'old-contractor',
    ]);
  });

  it("is the same on every region's port (IAM is global), for the key's account only", async () => {
    const east = await get(EAST, '/v3/users', { headers: { 'X-Domain-Id': domainId } });
    expect(east.status).toBe(200);
    const partner = fixture.emulator.config.accounts[1];
    const partnerKey = partner?.users[0]?.credentials[0];
    if (partner === undefined || partnerKey === undefined) throw new Error('no partner account');
    const theirs = await get(MAIN, '/v3/users', {
      credentials: partnerKey,
      headers: { 'X-Domain-Id': partner.id },
    });
    expect((theirs.json as { users: { name: string }[] }).users.map((u) => u.name)).toEqual([
      'partner-admin',
    ]);
    // Another account's id, in the header or the query: refused.
    expect(
      (
        await get(MAIN, '/v3/users', {
          credentials: partnerKey,
          headers: { 'X-Domain-Id': domainId },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await get(MAIN, '/v3/users', {
          query: [['domain_id', partner.id]],
          headers: { 'X-Domain-Id': domainId },
        })
      ).status,
    ).toBe(403);
  });

  it('needs X-Domain-Id, a valid signature and a user who may list users', async () => {
    const none = await get(MAIN, '/v3/users');
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ error: { code: 401, title: 'Unauthorized' } });
    const forged = await get(MAIN, '/v3/users', {
      headers: { 'X-Domain-Id': domainId },
      tamper: true,
    });
    expect(forged.status).toBe(401);
    expect(forged.json).toMatchObject({ error_code: 'APIGW.0301' });
    const narrow = await get(MAIN, '/v3/users', {
      credentials: NARROW,
      headers: { 'X-Domain-Id': domainId },
    });
    expect(narrow.status).toBe(403);
    expect(narrow.json).toMatchObject({ error: { code: 403, title: 'Forbidden' } });
    const post = await get(MAIN, '/v3/users', {
      method: 'POST',
      headers: { 'X-Domain-Id': domainId },
    });
    expect(post.status).toBe(405);
  });
});

describe('CCE: GET /api/v3/projects/{project_id}/clusters (ListClusters)', () => {
  const path = (region = MAIN) =>
    `/api/v3/projects/${fixture.emulator.projectId('demo-ops', region)}/clusters`;

  it("lists the region's clusters in CCE's shape, filtered by status", async () => {
    const reply = await get(MAIN, path());
    expect(reply.status).toBe(200);
    const body = reply.json as {
      kind: string;
      apiVersion: string;
      items: { kind: string; metadata: { uid: string; name: string }; status: { phase: string } }[];
    };
    expect(body).toMatchObject({ kind: 'Cluster', apiVersion: 'v3' });
    expect(
      body.items.map((item) => [item.metadata.uid, item.metadata.name, item.status.phase]),
    ).toEqual([
      [cluster('prod'), 'prod-cn-north-4', 'Available'],
      [cluster('staging'), 'staging-cn-north-4', 'Available'],
      [cluster('legacy'), 'legacy-cn-north-4', 'Unavailable'],
    ]);
    expect(body.items[0]).toMatchObject({ kind: 'Cluster', spec: { type: 'VirtualMachine' } });
    const available = await get(MAIN, path(), { query: [['status', 'Available']] });
    expect((available.json as { items: unknown[] }).items).toHaveLength(2);
    const east = await get(EAST, path(EAST));
    expect(
      (east.json as { items: { metadata: { uid: string } }[] }).items.map((i) => i.metadata.uid),
    ).toContain(cluster('prod', EAST));
  });

  it('refuses another project, a bad signature and a key that may not read CCE', async () => {
    expect((await get(MAIN, path(EAST))).status).toBe(403);
    const forged = await get(MAIN, path(), { tamper: true });
    expect(forged.status).toBe(401);
    expect(forged.json).toMatchObject({ error_code: 'APIGW.0301' });
    const narrow = await get(MAIN, path(), { credentials: NARROW });
    expect(narrow.status).toBe(403);
    const refusal = narrow.json as { error_code?: unknown; error_msg?: unknown };
    expect(typeof refusal.error_code).toBe('string');
    expect(typeof refusal.error_msg).toBe('string');
  });
});

describe("Kubernetes through CCE's gateway: https://{cluster id}.{endpoint}/…", () => {
  it("lists a cluster's namespaces and a namespace's deployments and statefulsets", async () => {
    const host = clusterHost(cluster('prod'));
    const namespaces = await get(MAIN, '/api/v1/namespaces', { host });
    expect(namespaces.status).toBe(200);
    const list = namespaces.json as {
      kind: string;
      apiVersion: string;
      items: { metadata: { name: string; uid: string }; status: { phase: string } }[];
    };
    expect(list).toMatchObject({ kind: 'NamespaceList', apiVersion: 'v1' });
    expect(list.items.map((item) => item.metadata.name)).toEqual([
      'default',
      'payments',
      'ingress',
      'kube-system',
    ]);
    expect(list.items[0]?.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    const deployments = await get(MAIN, '/apis/apps/v1/namespaces/payments/deployments', { host });
    expect(deployments.json).toMatchObject({ kind: 'DeploymentList', apiVersion: 'apps/v1' });
    expect(
      (
        deployments.json as { items: { metadata: { name: string; namespace: string } }[] }
      ).items.map((item) => `${item.metadata.namespace}/${item.metadata.name}`),
    ).toEqual(['payments/payment-gateway', 'payments/payments-api']);
    const statefulsets = await get(MAIN, '/apis/apps/v1/namespaces/ingress/statefulsets', {
      host,
    });
    expect(statefulsets.json).toMatchObject({ kind: 'StatefulSetList' });
    expect(
      (statefulsets.json as { items: { metadata: { name: string } }[] }).items.map(
        (item) => item.metadata.name,
      ),
    ).toEqual(['ingress-nginx']);
    // Like Kubernetes: a namespace that does not exist has nothing in it.
    const nowhere = await get(MAIN, '/apis/apps/v1/namespaces/nowhere/deployments', { host });
    expect(nowhere.status).toBe(200);
    expect((nowhere.json as { items: unknown[] }).items).toEqual([]);
  });

  it('pages with limit and continue', async () => {
    const host = clusterHost(cluster('prod'));
    const first = await get(MAIN, '/api/v1/namespaces', { host, query: [['limit', '3']] });
    const page1 = first.json as { metadata: { continue?: string }; items: unknown[] };
    expect(page1.items).toHaveLength(3);
    expect(page1.metadata.continue).toEqual(expect.any(String));
    const second = await get(MAIN, '/api/v1/namespaces', {
      host,
      query: [
        ['limit', '3'],
        ['continue', page1.metadata.continue ?? ''],
      ],
    });
    const page2 = second.json as { metadata: { continue?: string }; items: unknown[] };
    expect(page2.items).toHaveLength(1);
    expect(page2.metadata.continue).toBeUndefined();
  });

  it('refuses an unknown cluster, a cluster that is down, a bad signature, a narrow key and changes', async () => {
    const unknown = await get(MAIN, '/api/v1/namespaces', { host: clusterHost('no-such-cluster') });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ kind: 'Status', reason: 'NotFound', code: 404 });
    // The region's own host names no cluster.
    expect((await get(MAIN, '/api/v1/namespaces')).status).toBe(404);
    // Another region's cluster is not served here.
    expect(
      (await get(MAIN, '/api/v1/namespaces', { host: clusterHost(cluster('prod', EAST)) })).status,
    ).toBe(404);
    const down = await get(MAIN, '/api/v1/namespaces', { host: clusterHost(cluster('legacy')) });
    expect(down.status).toBe(503);
    expect(down.json).toMatchObject({ kind: 'Status', code: 503 });
    const host = clusterHost(cluster('prod'));
    const forged = await get(MAIN, '/api/v1/namespaces', { host, tamper: true });
    expect(forged.status).toBe(401);
    const narrow = await get(MAIN, '/api/v1/namespaces', { host, credentials: NARROW });
    expect(narrow.status).toBe(403);
    expect(narrow.json).toMatchObject({ kind: 'Status', reason: 'Forbidden' });
    const create = await get(MAIN, '/apis/apps/v1/namespaces/payments/deployments', {
      host,
      method: 'DELETE',
    });
    expect(create.status).toBe(405);
  });
});

describe("the demo configuration and the demo seed's targets", () => {
  it("holds every cluster, namespace and workload the seed's CCE triggers deploy to", async () => {
    const client = fixture.client(MAIN);
    const repositories: [string, string][] = [
      ['payments', 'payment-gateway'],
      ['web-frontend', 'storefront'],
      ['platform', 'nginx'],
      ['legacy-apps', 'java8-monolith'],
      ['data-eng', 'airflow'],
    ];
    const clusters = fixture.emulator.config.regions.find((r) => r.id === MAIN)?.clusters ?? [];
    let checked = 0;
    for (const [namespace, repository] of repositories) {
      const triggers = await client.listTriggersDetails({ params: { namespace, repository } });
      for (const trigger of triggers.filter((t) => t.trigger_mode === 'cce')) {
        const target = clusters
          .find((c) => c.id === trigger.cluster_id)
          ?.namespaces.find((n) => n.name === trigger.cluster_ns);
        expect(target?.[trigger.app_type], `${namespace}/${repository} ${trigger.name}`).toContain(
          trigger.application,
        );
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
  });

  it('lists every IAM user the seed grants a permission to', async () => {
    const users = await get(MAIN, '/v3/users', { headers: { 'X-Domain-Id': domainId } });
    const ids = new Set((users.json as { users: { id: string }[] }).users.map((u) => u.id));
    const client = fixture.client(MAIN);
    for (const namespace of ['platform', 'payments', 'data-eng', 'ml-research', 'web-frontend']) {
      const auths = await client.showNamespaceAuth({ params: { namespace } });
      for (const user of auths.others_auths) expect(ids, user.user_name).toContain(user.user_id);
    }
  });
});
