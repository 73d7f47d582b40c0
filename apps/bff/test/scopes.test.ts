/**
 * Object-level authorization (docs/security.md B5 and docs/authorization.md, case 9 / OWASP API1)
 * against the emulator's demo seed, signed in through the real local OpenID Provider: an operator
 * scoped to `payments*` (Paula) reads and changes `payments`, but anything in `platform` is a 403
 * with nothing sent; the organization and repository lists SWR answers for the whole account are
 * filtered on the server, with totals, `Content-Range` and paging over what she may see; and she
 * gets no docker login (it would open every organization).
 */
import {
  operations,
  type OperationName,
  type Page,
  type RepositorySummary,
} from '@swr-dashboard/swr-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityKey } from '../src/auth/identity';
import {
  auditRecordsFor,
  directClient,
  failureOf,
  ROLE_ACCOUNTS,
  signInAs,
  startOidcConsole,
  upstreamSince,
  type OidcConsole,
  type SignedIn,
} from './support/oidc-console';
import {
  callStep,
  lookUpSeed,
  OPERATION_TABLE,
  type TableContext,
} from './support/operation-table';

let console_: OidcConsole;
let paula: SignedIn;
let admin: SignedIn;
let ctx: TableContext;

const inScope = (namespace: string) => namespace.startsWith('payments');

beforeAll(async () => {
  // The payments team's triggers may deploy to its own Kubernetes namespaces, on any cluster.
  console_ = await startOidcConsole({
    env: { DEPLOY_SCOPES: 'swr-operators-payments=*:payments*' },
  });
  const { seeded, spareTags } = await lookUpSeed(directClient(console_.stack));
  ctx = { who: 'paula', seeded, spareTag: spareTags[0] ?? '', created: {} };
  paula = await signInAs(console_.stack, ROLE_ACCOUNTS.scopedOperator);
  admin = await signInAs(console_.stack, ROLE_ACCOUNTS.admin);
});
afterAll(async () => {
  await console_.close();
});

function hasNamespaceParam(name: OperationName): boolean {
  return Object.hasOwn(operations[name].params.shape, 'namespace');
}

/** A table input moved to `target` (and, where there is one, to a repository seeded there). */
function movedTo(input: unknown, target: string, repository: string): unknown {
  const value = input as { params?: Record<string, unknown> };
  const params = { ...value.params, namespace: target };
  if ('repository' in params) params.repository = repository;
  return { ...value, params };
}

async function expectScopeDenial(
  call: Promise<unknown>,
  reason: 'scope' | 'role',
  what: string,
  namespace: string | null,
): Promise<void> {
  const { stack } = console_;
  const before = stack.upstreamLog.length;
  const error = await failureOf(call);
  expect({ status: error.status, code: error.code, reason: error.reason }, what).toEqual({
    status: 403,
    code: 'forbidden',
    reason,
  });
  expect(upstreamSince(stack, before), `${what}: upstream calls`).toEqual([]);
  expect(auditRecordsFor(stack, error.requestId), `${what}: audit`).toMatchObject([
    {
      event: 'authz.denied',
      outcome: 'denied',
      httpStatus: 403,
      actor: { sub: ROLE_ACCOUNTS.scopedOperator.id, role: 'operator' },
      resource: { namespace },
    },
  ]);
}

describe('case 9: another organization is out of reach, and nothing is sent', () => {
  const targets = [
    { namespace: 'platform', repository: 'ci/runner' },
    { namespace: 'xpayments', repository: 'payment-gateway' },
    { namespace: 'pay', repository: 'payment-gateway' },
  ];
  for (const entry of OPERATION_TABLE.filter((step) => hasNamespaceParam(step.name))) {
    const capability = operations[entry.name].capability;
    // Admin-only operations are refused for the role before the organization is looked at.
    const reason = capability === 'admin' ? 'role' : 'scope';
    it(`${entry.name} (${capability}) in platform and look-alikes → 403 ${reason}`, async () => {
      for (const target of targets) {
        const input = movedTo(entry.input(ctx), target.namespace, target.repository);
        await expectScopeDenial(
          callStep(paula.client, entry.name, input),
          reason,
          `${entry.name} in ${target.namespace}`,
          target.namespace,
        );
      }
    });
  }

  it('the refusal names the scope, and /api/me lists it', async () => {
    const error = await failureOf(
      paula.client.listRepositoryTags({
        params: { namespace: 'platform', repository: 'ci/runner' },
      }),
    );
    expect(error.message).toMatch(/payments\*/);
    const me = await paula.browser.get('/api/me');
    expect(me.json).toMatchObject({ user: { role: 'operator' }, namespaces: ['payments*'] });
  });

  it('createSecret is refused for a scoped user (a login opens every organization)', async () => {
    await expectScopeDenial(paula.client.createSecret(), 'scope', 'createSecret', null);
    const me = (await paula.browser.get('/api/me')).json as {
      permissions: Record<string, { allowed: boolean; reason?: string }>;
    };
    expect(me.permissions.createSecret).toMatchObject({ allowed: false, reason: 'scope' });
    // The same call works for an unscoped operator's role: it is the scope that refuses.
    const login = await admin.client.createSecret();
    expect(login.command).toMatch(/^docker login -u /);
  });
});

describe('case 9: lists are filtered on the server', () => {
  async function allRepositories(
    who: SignedIn,
    query: Record<string, string | number> = {},
  ): Promise<Page<RepositorySummary>> {
    return who.client.listReposDetails({ query: { ...query, limit: 1000, offset: 0 } });
  }

  it('listNamespaces returns only payments* although SWR lists more', async () => {
    const everything = await directClient(console_.stack).listNamespaces();
    const all = everything.namespaces.map((ns) => ns.name);
    expect(all).toEqual(expect.arrayContaining(['platform', 'payments', 'data-eng']));
    const before = console_.stack.upstreamLog.length;
    const mine = await paula.client.listNamespaces();
    expect(upstreamSince(console_.stack, before)).toEqual([
      expect.stringMatching(/^cn-north-4 GET \/v2\/manage\/namespaces 200 /),
    ]);
    expect(mine.namespaces.map((ns) => ns.name)).toEqual(all.filter(inScope));
    expect(mine.namespaces.map((ns) => ns.name)).toEqual(['payments']);
    const filtered = await paula.client.listNamespaces({ query: { namespace: 'platform' } });
    expect(filtered.namespaces).toEqual([]);
  });

  it('listReposDetails: only payments* repositories, with totals and Content-Range over them', async () => {
    const everything = await allRepositories(admin);
    const expected = everything.items.filter((repo) => inScope(repo.namespace));
    expect(everything.total).toBeGreaterThan(expected.length);
    expect(expected.length).toBeGreaterThanOrEqual(6);
    const total = expected.length;

    const reply = await paula.browser.get('/api/swr/cn-north-4/v2/manage/repos');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-range')).toBe(`0-${total}/${total}`);
    const items = reply.json as RepositorySummary[];
    expect(items.map((repo) => `${repo.namespace}/${repo.name}`)).toEqual(
      expected.map((repo) => `${repo.namespace}/${repo.name}`),
    );
    expect(items.every((repo) => repo.total_range === total)).toBe(true);

    // Pages of 2 over the filtered set.
    const paged: string[] = [];
    for (let offset = 0; offset < total; offset += 2) {
      const page = await paula.client.listReposDetails({ query: { limit: 2, offset } });
      expect(page, `offset ${offset}`).toMatchObject({
        offset,
        count: Math.min(2, total - offset),
        total,
      });
      expect(page.items.every((repo) => inScope(repo.namespace))).toBe(true);
      paged.push(...page.items.map((repo) => `${repo.namespace}/${repo.name}`));
    }
    expect(paged).toEqual(expected.map((repo) => `${repo.namespace}/${repo.name}`));
    const past = await paula.browser.get(
      `/api/swr/cn-north-4/v2/manage/repos?limit=5&offset=${total + 10}`,
    );
    expect(past.status).toBe(200);
    expect(past.json).toEqual([]);
    expect(past.headers.get('content-range')).toBe(`${total + 10}-0/${total}`);
  });

  it('listReposDetails keeps filters and order, and a filter naming another organization finds nothing', async () => {
    const sorted = await allRepositories(admin, { order_column: 'name', order_type: 'asc' });
    const expected = sorted.items.filter((repo) => inScope(repo.namespace)).map((r) => r.name);
    const mine = await paula.client.listReposDetails({
      query: { order_column: 'name', order_type: 'asc', limit: 3, offset: 1 },
    });
    expect(mine.items.map((repo) => repo.name)).toEqual(expected.slice(1, 4));
    expect(mine.total).toBe(expected.length);
    const platform = await paula.client.listReposDetails({ query: { namespace: 'platform' } });
    expect(platform).toMatchObject({ items: [], total: 0, count: 0 });
    const adminPlatform = await admin.client.listReposDetails({ query: { namespace: 'platform' } });
    expect(adminPlatform.total).toBeGreaterThan(0);
  });

  it('listSharedReposDetails: shared by this account and with it, only payments*', async () => {
    for (const center of ['self', 'thirdparty'] as const) {
      const everything = await admin.client.listSharedReposDetails({
        query: { center, limit: 1000, offset: 0 },
      });
      const expected = everything.items.filter((repo) => inScope(repo.namespace));
      expect(everything.total, center).toBeGreaterThan(expected.length);
      const reply = await paula.browser.get(
        `/api/swr/cn-north-4/v2/manage/shared-repositories?center=${center}`,
      );
      expect(reply.status, center).toBe(200);
      expect(reply.headers.get('content-range'), center).toBe(
        `0-${expected.length}/${expected.length}`,
      );
      const items = reply.json as RepositorySummary[];
      expect(
        items.map((repo) => `${repo.namespace}/${repo.name}`),
        center,
      ).toEqual(expected.map((repo) => `${repo.namespace}/${repo.name}`));
    }
    // The seed shares payments/payment-gateway with partner-corp: the one row Paula sees.
    const mine = await paula.client.listSharedReposDetails({ query: { center: 'self' } });
    expect(mine.items.map((repo) => `${repo.namespace}/${repo.name}`)).toEqual([
      'payments/payment-gateway',
    ]);
  });
});

describe('case 9: within payments* the scoped operator works normally', () => {
  it('reads, and writes to repositories, tags, triggers and retention in payments', async () => {
    const { stack } = console_;
    const before = stack.upstreamLog.length;
    const repo = await paula.client.showRepository({
      params: { namespace: 'payments', repository: 'payment-gateway' },
    });
    expect(repo.name).toBe('payment-gateway');
    const params = { namespace: 'payments', repository: 'paula/app' };
    await paula.client.createRepo({
      params: { namespace: 'payments' },
      body: { repository: 'paula/app', is_public: false, category: 'other' },
    });
    await paula.client.updateRepo({ params, body: { is_public: false, description: 'mine' } });
    await paula.client.createTrigger({
      params,
      body: {
        action: 'update',
        app_type: 'deployments',
        application: 'paula-app',
        cluster_ns: 'payments-apps',
        condition: '.*',
        enable: 'true',
        name: 'paula',
        trigger_type: 'all',
        trigger_mode: 'cci',
      },
    });
    await paula.client.updateTrigger({
      params: { ...params, trigger: 'paula' },
      body: { enable: 'false' },
    });
    const retention = await paula.client.createRetention({
      params,
      body: {
        algorithm: 'or',
        rules: [{ template: 'tag_rule', params: { num: '5' }, tag_selectors: [] }],
      },
    });
    await paula.client.updateRetention({
      params: { ...params, retention_id: retention.id },
      body: {
        algorithm: 'or',
        rules: [{ template: 'tag_rule', params: { num: '9' }, tag_selectors: [] }],
      },
    });
    await paula.client.deleteRepoTag({
      params: { namespace: 'payments', repository: 'settlement-batch', tag: ctx.spareTag },
    });
    const shown = await paula.client.showRepository({ params });
    expect(shown).toMatchObject({ name: 'paula/app', description: 'mine' });
    expect(
      upstreamSince(stack, before).every((line) =>
        / \/v2\/manage\/(namespaces\/payments\/|repos)/.test(line),
      ),
    ).toBe(true);
    const writes = (
      await stack.bff.audit.query({
        actor: identityKey(console_.idp.issuer, paula.account.id),
        outcome: 'success',
        limit: 50,
        offset: 0,
      })
    ).items.map((record) => record.event);
    expect(writes).toEqual(
      expect.arrayContaining([
        'swr.createRepo',
        'swr.updateRepo',
        'swr.createTrigger',
        'swr.updateTrigger',
        'swr.createRetention',
        'swr.updateRetention',
        'swr.deleteRepoTag',
      ]),
    );
  });

  it('a new organization matching payments* is in scope: listed, and writable', async () => {
    await admin.client.createNamespace({ body: { namespace: 'payments-archive' } });
    await admin.client.createNamespace({ body: { namespace: 'archive-payments' } });
    const names = (await paula.client.listNamespaces()).namespaces.map((ns) => ns.name);
    expect(names.sort()).toEqual(['payments', 'payments-archive']);
    await paula.client.createRepo({
      params: { namespace: 'payments-archive' },
      body: { repository: 'old-gateway', is_public: false },
    });
    const repos = await paula.client.listReposDetails({ query: { limit: 100, offset: 0 } });
    expect(repos.items.map((repo) => `${repo.namespace}/${repo.name}`)).toContain(
      'payments-archive/old-gateway',
    );
    expect(repos.items.every((repo) => inScope(repo.namespace))).toBe(true);
    await expectScopeDenial(
      paula.client.createRepo({
        params: { namespace: 'archive-payments' },
        body: { repository: 'old-gateway', is_public: false },
      }),
      'scope',
      'createRepo in archive-payments',
      'archive-payments',
    );
  });
});
