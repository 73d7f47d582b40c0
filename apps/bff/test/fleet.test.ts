/**
 * The fleet index (src/fleet/) against the real emulator: a sweep reads every organization and
 * repository of a region with their policies, shares and grants; `GET /api/fleet` answers from
 * the store with no SWR call, filtered by the user's organization scopes; a change through the
 * console is re-read at once, a change behind the console's back at the next sweep; a region
 * that fails keeps its last index, marked failing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDENTIALS } from '@swr-dashboard/emulator';
import {
  createSignedTransport,
  createSwrClient,
  type FleetResponse,
  type FleetSearchResponse,
  type FleetUsageResponse,
  type SwrClient,
} from '@swr-dashboard/swr-client';
import { pino } from 'pino';
import { startPostgres, type TestPostgres } from '@swr-dashboard/test-support';
import { FleetIndex } from '../src/fleet/fleet-index';
import { Upstream } from '../src/proxy/upstream';
import { openStore as openBffStore } from '../src/store/open';
import type { BffStore } from '../src/store/store';
import { startStack, type Browser, type Stack } from './support/stack';
import { eventually } from './support/eventually';

const quiet = pino({ level: 'silent' });

/** The store of a replica on the PostgreSQL at `url`. */
function openStore(config: Stack['bff']['config'], logger: typeof quiet, url: string) {
  return openBffStore({ database: config.database, databaseUrl: url }, logger);
}

const REGION = 'cn-north-4';
const SWR = `/api/swr/${REGION}/v2/manage`;

describe('the fleet index', () => {
  let stack: Stack;
  let admin: Browser;
  let swr: SwrClient;
  /** A client signed with the demo key, straight to the emulator's `region`: SWR's own view. */
  const clientOf = (region: string) => {
    const running = stack.emulator.regions.find((candidate) => candidate.id === region);
    if (running === undefined) throw new Error(`no ${region}`);
    return createSwrClient(
      createSignedTransport({
        endpoint: running.url,
        credentials: {
          ...DEMO_CREDENTIALS,
          projectId: stack.emulator.projectId('demo-ops', region),
        },
      }),
    );
  };
  beforeAll(async () => {
    stack = await startStack({
      env: {
        FLEET_INDEX: 'on',
        FLEET_CALLS_PER_SECOND: '100',
        FLEET_SWEEP_INTERVAL: '1h',
        FLEET_OWN_ACCOUNTS: 'demo-ops,partner-corp',
      },
    });
    admin = stack.browser();
    await admin.signInDemo('ada-admin');
    swr = clientOf(REGION);
    await stack.bff.fleet.sweepNow(REGION);
  });
  afterAll(async () => {
    await stack.close();
  });

  const fleet = async (browser: Browser, query = `?region=${REGION}`) => {
    const reply = await browser.get(`/api/fleet${query}`);
    expect(reply.status, reply.text).toBe(200);
    return reply.json as FleetResponse;
  };

  it('holds every repository of the region with what SWR says of it', async () => {
    const index = await fleet(admin);
    const list = await swr.listReposDetails({ query: { limit: 1000, offset: 0 } });
    expect(index.regions).toEqual([
      expect.objectContaining({ id: REGION, status: 'ok', error: null, sweeping: null }),
    ]);
    const key = (entry: { namespace: string; name: string }) => `${entry.namespace}/${entry.name}`;
    expect(index.repositories.map(key).sort()).toEqual(list.items.map(key).sort());
    // One repository in detail, against SWR's own answers.
    const withTriggers = [];
    for (const entry of index.repositories) {
      const params = { namespace: entry.namespace, repository: entry.name };
      const [retentions, triggers, shares] = await Promise.all([
        swr.listRetentions({ params }),
        swr.listTriggersDetails({ params }),
        swr.listRepoDomains({ params }),
      ]);
      expect(entry.retentions.map((retention) => retention.id)).toEqual(
        retentions.map((retention) => retention.id),
      );
      expect(entry.triggers.map((trigger) => trigger.name)).toEqual(
        triggers.map((trigger) => trigger.name),
      );
      expect(entry.shares.map((share) => share.account)).toEqual(
        shares.map((share) => share.access_domain),
      );
      if (triggers.length > 0) withTriggers.push(entry);
    }
    expect(withTriggers.length).toBeGreaterThan(0);
    const namespaces = await swr.listNamespaces();
    expect(index.namespaces.map((namespace) => namespace.name).sort()).toEqual(
      namespaces.namespaces.map((namespace) => namespace.name).sort(),
    );
  });

  it('knows, for each repository that syncs, what each target region lacks', async () => {
    // Behind the console's back, a synced tag disappears from its first target.
    const before = (await fleet(admin)).repositories.find(
      (entry) => entry.syncTargets.length > 0 && entry.tags > 0,
    );
    const target = before?.syncTargets[0];
    if (before === undefined || target === undefined) throw new Error('no synced repository');
    const [first] = (
      await clientOf(REGION).listRepositoryTags({
        params: { namespace: before.namespace, repository: before.name },
        query: { limit: 1, offset: 0 },
      })
    ).items;
    if (first === undefined) throw new Error('no tag');
    await clientOf(target.region)
      .deleteRepoTag({
        params: { namespace: target.namespace, repository: before.name, tag: first.Tag },
      })
      .catch(() => undefined);
    await stack.bff.fleet.sweepNow(REGION);
    const index = await fleet(admin);
    const synced = index.repositories.filter((entry) => entry.syncTargets.length > 0);
    const changed = synced.find((entry) => entry.name === before.name);
    expect(changed?.syncHealth[0]?.missing).toContain(first.Tag);
    const tagsOf = async (region: string, namespace: string, repository: string) => {
      try {
        const page = await clientOf(region).listRepositoryTags({
          params: { namespace, repository },
          query: { limit: 1000, offset: 0 },
        });
        return new Map(page.items.map((tag) => [tag.Tag, tag.digest]));
      } catch {
        return new Map<string, string>();
      }
    };
    for (const entry of synced) {
      const here = await tagsOf(REGION, entry.namespace, entry.name);
      expect(entry.syncHealth.map((health) => health.region)).toEqual(
        entry.syncTargets.map((target) => target.region),
      );
      for (const health of entry.syncHealth) {
        const there = await tagsOf(health.region, health.namespace, entry.name);
        expect(health.missing).toEqual([...here.keys()].filter((tag) => !there.has(tag)));
        expect(health.differing).toEqual(
          [...here]
            .filter(([tag, digest]) => there.has(tag) && there.get(tag) !== digest)
            .map(([tag]) => tag),
        );
      }
    }
    expect(index.ownAccounts).toEqual(['demo-ops', 'partner-corp']);
  });

  it('keeps each day’s totals per organization, as the user may see them', async () => {
    const usage = async (browser: Browser, query: string) => {
      const reply = await browser.get(`/api/fleet/usage${query}`);
      expect(reply.status, reply.text).toBe(200);
      return (reply.json as FleetUsageResponse).days;
    };
    const index = await fleet(admin);
    const today = new Date().toISOString().slice(0, 10);
    const days = await usage(admin, `?region=${REGION}&days=7`);
    const counted = new Map<string, number>();
    for (const entry of index.repositories)
      counted.set(entry.namespace, (counted.get(entry.namespace) ?? 0) + 1);
    const todays = days.filter((day) => day.day === today);
    expect(new Map(todays.map((day) => [day.namespace, day.repositories]))).toEqual(counted);
    const pat = stack.browser();
    await pat.signInDemo('pat-payments');
    const scoped = await usage(pat, '');
    expect(scoped.length).toBeGreaterThan(0);
    for (const day of scoped) expect(day.namespace).toMatch(/^payments/);
    for (const wrong of ['?days=0', '?days=401', '?days=abc', '?days=7&x=1']) {
      const reply = await admin.get(`/api/fleet/usage${wrong}`);
      expect(reply.status, wrong).toBe(400);
    }
  });

  it('answers from the store: no SWR call per view', async () => {
    const before = stack.upstreamLog.length;
    await fleet(admin, '');
    await fleet(admin);
    expect(stack.upstreamLog.slice(before)).toEqual([]);
  });

  it('shows a scoped user only the organizations of their scope, in every part', async () => {
    const pat = stack.browser();
    await pat.signInDemo('pat-payments');
    const index = await fleet(pat);
    const everything = await fleet(admin);
    expect(index.repositories.length).toBeGreaterThan(0);
    expect(index.repositories.length).toBeLessThan(everything.repositories.length);
    for (const entry of [
      ...index.repositories,
      ...index.namespaces.map((n) => ({ namespace: n.name })),
    ])
      expect(entry.namespace).toMatch(/^payments/);
  });

  it('finds organizations and repositories by name, best first, the region in view first', async () => {
    const search = async (browser: Browser, query: string) => {
      const reply = await browser.get(`/api/fleet/search?${query}`);
      expect(reply.status, reply.text).toBe(200);
      return reply.json as FleetSearchResponse;
    };
    const before = stack.upstreamLog.length;
    const found = await search(admin, `q=${encodeURIComponent('PAY gate')}&region=${REGION}`);
    expect(stack.upstreamLog.slice(before)).toEqual([]);
    // Every word in the name, case ignored; the index's own entries, each region's freshness.
    expect(found.repositories[0]).toEqual({
      region: REGION,
      namespace: 'payments',
      name: 'payment-gateway',
    });
    for (const hit of found.repositories) {
      expect(`${hit.namespace}/${hit.name}`).toMatch(/pay.*gate|gate.*pay/i);
    }
    expect(found.regions.map((region) => region.id)).toContain(REGION);

    const payments = await search(admin, 'q=payments&limit=2');
    expect(payments.namespaces[0]).toMatchObject({ name: 'payments' });
    expect(payments.repositories).toHaveLength(2);
    const index = await fleet(admin, '');
    const inPayments = index.repositories.filter((entry) => entry.namespace.includes('payments'));
    expect(payments.totals.repositories).toBe(inPayments.length);
  });

  it('searches only what a scoped user may see, counts included', async () => {
    const pat = stack.browser();
    await pat.signInDemo('pat-payments');
    const reply = await pat.get('/api/fleet/search?q=a&limit=50');
    expect(reply.status, reply.text).toBe(200);
    const found = reply.json as FleetSearchResponse;
    const theirs = await fleet(pat, '');
    expect(found.totals.repositories).toBe(
      theirs.repositories.filter((entry) => `${entry.namespace}/${entry.name}`.includes('a'))
        .length,
    );
    for (const hit of [
      ...found.repositories,
      ...found.namespaces.map((n) => ({ namespace: n.name })),
    ])
      expect(hit.namespace).toMatch(/^payments/);
  });

  it('refuses a search without text, too long, or of a region it does not know', async () => {
    for (const [query, status] of [
      ['q=%20%20', 400],
      [`q=${'a'.repeat(129)}`, 400],
      ['q=a&limit=0', 400],
      ['q=a&limit=51', 400],
      ['q=a&region=xx-nowhere-1', 404],
    ] as const) {
      const reply = await admin.get(`/api/fleet/search?${query}`);
      expect(reply.status, query).toBe(status);
    }
  });

  it('re-reads a repository changed through the console at once', async () => {
    const created = await admin.request('POST', `${SWR}/namespaces/platform/repos`, {
      json: { repository: 'fleet-new', is_public: false, category: 'other', description: 'x' },
    });
    expect(created.status, created.text).toBe(201);
    await eventually(async () => {
      const index = await fleet(admin);
      expect(index.repositories).toContainEqual(
        expect.objectContaining({ namespace: 'platform', name: 'fleet-new', description: 'x' }),
      );
    });
    const deleted = await admin.request('DELETE', `${SWR}/namespaces/platform/repos/fleet-new`);
    expect(deleted.status, deleted.text).toBe(204);
    await eventually(async () => {
      const index = await fleet(admin);
      expect(index.repositories.map((entry) => entry.name)).not.toContain('fleet-new');
    });
  });

  it('sees a change made behind the console’s back at the next sweep', async () => {
    await swr.createRepo({
      params: { namespace: 'platform' },
      body: { repository: 'behind-back', is_public: true, category: 'other', description: '' },
    });
    expect((await fleet(admin)).repositories.map((entry) => entry.name)).not.toContain(
      'behind-back',
    );
    await stack.bff.fleet.sweepNow(REGION);
    expect((await fleet(admin)).repositories).toContainEqual(
      expect.objectContaining({ namespace: 'platform', name: 'behind-back', isPublic: true }),
    );
  });

  it('keeps the last index of a region that fails, marked failing, and recovers', async () => {
    const before = await fleet(admin);
    stack.emulator.faults.set(REGION, [{ kind: 'error', status: 503 }]);
    try {
      await stack.bff.fleet.sweepNow(REGION);
    } finally {
      stack.emulator.faults.clear(REGION);
    }
    const failing = await fleet(admin);
    expect(failing.regions[0]).toMatchObject({ status: 'failing', sweeping: null });
    expect(failing.regions[0]?.error).toMatch(/^SWR could not be (read|reached)/);
    expect(failing.regions[0]?.sweptAt).toBe(before.regions[0]?.sweptAt);
    expect(failing.repositories).toEqual(before.repositories);
    await stack.bff.fleet.sweepNow(REGION);
    expect((await fleet(admin)).regions[0]).toMatchObject({ status: 'ok', error: null });
  });

  it('sweeps once when asked twice at once', async () => {
    const listings = () =>
      stack.upstreamLog.filter((line) => line.startsWith(`${REGION} GET /v2/manage/namespaces `));
    const before = listings().length;
    await Promise.all([stack.bff.fleet.sweepNow(REGION), stack.bff.fleet.sweepNow(REGION)]);
    expect(listings().length - before).toBe(1);
  });

  it('refuses a region the console does not know', async () => {
    const reply = await admin.get('/api/fleet?region=xx-nowhere-1');
    expect(reply.status).toBe(404);
    expect(reply.json).toMatchObject({ code: 'not_found' });
  });
});

describe('the fleet index of two replicas on one PostgreSQL', () => {
  let stack: Stack;
  let postgres: TestPostgres;
  const stores: BffStore[] = [];
  beforeAll(async () => {
    postgres = await startPostgres();
    // The index is off in this BFF; the two replicas below are built from its configuration.
    stack = await startStack({ env: { FLEET_CALLS_PER_SECOND: '100' } });
    for (let i = 0; i < 2; i += 1)
      stores.push(await openStore(stack.bff.config, quiet, postgres.url));
  });
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await stack.close();
    await postgres.stop();
  });

  it('sweeps a region once between them: the other finds the lease taken', async () => {
    const upstream = new Upstream(stack.bff.config);
    const replicas = stores.map(
      (store, i) =>
        new FleetIndex({
          config: stack.bff.config,
          upstream,
          rows: store.fleet,
          logger: quiet,
          holder: `replica-${String(i)}`,
        }),
    );
    const listings = () =>
      stack.upstreamLog.filter((line) => line.startsWith(`${REGION} GET /v2/manage/namespaces `));
    const before = listings().length;
    await Promise.all(replicas.map((replica) => replica.sweepNow(REGION)));
    expect(listings().length - before).toBe(1);
    // Both read the one index the sweep wrote.
    const [first, second] = await Promise.all(
      stores.map((store) => store.fleet.repositories(REGION)),
    );
    expect(first?.length).toBeGreaterThan(0);
    expect(second).toEqual(first);
    upstream.close();
  });
});

describe('a BFF stopping while its fleet index sweeps', () => {
  it('stops the sweep instead of waiting for it', async () => {
    // At half a call a second the demo account's sweep would take ten minutes.
    const stack = await startStack({
      env: { FLEET_INDEX: 'on', FLEET_CALLS_PER_SECOND: '0.5' },
    });
    const sweeping = async () => {
      const reply = await stack.browser().get('/healthz');
      expect(reply.status).toBe(200);
      return stack.upstreamLog.length;
    };
    // The first sweep starts with the BFF; its first call is made at once.
    await eventually(async () => {
      expect(await sweeping()).toBeGreaterThan(0);
    });
    await stack.close();
    const calls = stack.upstreamLog.length;
    expect(calls).toBeLessThan(10);
  }, 20_000);
});
