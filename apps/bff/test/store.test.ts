/**
 * The store's contract, the same on SQLite and on PostgreSQL: the audit trail's filters, actors,
 * manual syncs and export batches; single-use login transactions; values kept once.
 */
import { describe, expect, it } from 'vitest';
import { AuditTrail, createSink, type AuditInput } from '../src/audit/trail';
import { ENGINES, engineDatabases } from './support/stores';

function input(index: number, overrides: Partial<AuditInput> = {}): AuditInput {
  const actor = index % 2 === 0 ? 'ada' : 'bob';
  return {
    event: index % 3 === 0 ? 'swr.createManualImageSyncRepo' : 'swr.createNamespace',
    outcome: index % 4 === 0 ? 'failure' : 'success',
    actor: {
      key: `urn:test|${actor}`,
      iss: 'urn:test',
      sub: actor,
      name: actor.toUpperCase(),
      role: 'admin',
      groups: [],
      authMode: 'demo',
    },
    source: { ip: '127.0.0.1', userAgent: null },
    request: {
      id: `req-${String(index)}`,
      method: 'POST',
      route: '/r',
      params: { namespace: `team-${String(index % 2)}`, repository: 'app' },
      query: {},
      body: null,
    },
    resource: {
      type: 'repository',
      namespace: `team-${String(index % 2)}`,
      name: 'app',
      tag: null,
    },
    targets: [{ kind: 'namespace', field: 'body.remoteNamespace', name: 'shared' }],
    upstream: null,
    httpStatus: 201,
    reason: null,
    region: 'cn-north-4',
    ...overrides,
  };
}

describe.each(ENGINES)('the store (%s)', (engine) => {
  const databases = engineDatabases(engine);

  it('finds audit records by actor, event, organization, outcome and time; pages and counts', async () => {
    const store = await databases.open(await databases.fresh());
    const trail = new AuditTrail(store.audit, createSink('none'), { version: 't', instance: 't' });
    const records = [];
    for (let index = 0; index < 12; index += 1) records.push(await trail.record(input(index)));
    const ids = async (filter: Parameters<AuditTrail['query']>[0]) =>
      (await trail.query(filter)).items.map((record) => record.request.id);
    const page = { limit: 100, offset: 0 };

    expect(await ids(page)).toEqual(records.map((record) => record.request.id).reverse());
    expect(await ids({ ...page, actor: 'urn:test|bob' })).toEqual([
      'req-11',
      'req-9',
      'req-7',
      'req-5',
      'req-3',
      'req-1',
    ]);
    expect(await ids({ ...page, namespace: 'team-0', outcome: 'failure' })).toEqual([
      'req-8',
      'req-4',
      'req-0',
    ]);
    expect(await trail.count({ namespace: 'shared' })).toBe(12);
    expect(await trail.count({ event: 'swr.createManualImageSyncRepo' })).toBe(4);
    const middle = records[6]?.ts ?? '';
    expect(await trail.count({ from: middle })).toBe(
      records.filter((record) => record.ts >= middle).length,
    );
    expect(await trail.count({ to: middle })).toBe(records.filter((r) => r.ts < middle).length);
    expect(await trail.query({ limit: 2, offset: 3 })).toEqual({
      items: records.slice(7, 9).reverse(),
      total: 12,
    });
    expect(await trail.actors()).toEqual([
      { key: 'urn:test|ada', name: 'ADA' },
      { key: 'urn:test|bob', name: 'BOB' },
    ]);
    await store.close();
  });

  it('finds manual syncs of one repository, and exports in batches up to where it started', async () => {
    const store = await databases.open(await databases.fresh());
    const trail = new AuditTrail(store.audit, createSink('none'), { version: 't', instance: 't' });
    for (let index = 0; index < 7; index += 1) await trail.record(input(index));
    const syncs = await trail.manualSyncs(
      { region: 'cn-north-4', namespace: 'team-0', repository: 'app', since: '2000-01-01' },
      10,
    );
    // req-0 failed; req-6 succeeded; req-3 is team-1's.
    expect(syncs.map((record) => record.request.id)).toEqual(['req-6']);

    const batches = [];
    for await (const batch of trail.batches({ actor: 'urn:test|ada' }, 2)) {
      batches.push(batch.map((record) => record.request.id));
      await trail.record(input(100));
    }
    expect(batches).toEqual([
      ['req-0', 'req-2'],
      ['req-4', 'req-6'],
    ]);
    await store.close();
  });

  it('keeps login transactions for one use, and a value once', async () => {
    const store = await databases.open(await databases.fresh());
    const now = Date.now();
    await store.transactions.create('h1', '{"a":1}', now + 60_000, now);
    await store.transactions.create('h2', '{"b":2}', now + 1, now);
    expect(await store.transactions.take('h1')).toEqual({
      data: '{"a":1}',
      expiresAt: now + 60_000,
    });
    expect(await store.transactions.take('h1')).toBeUndefined();
    // Expired ones go when the next one is made.
    await store.transactions.create('h3', '{}', now + 120_000, now + 10);
    expect(await store.transactions.take('h2')).toBeUndefined();
    await store.transactions.discard('h3');
    expect(await store.transactions.take('h3')).toBeUndefined();

    expect(await store.metaValue('k', () => 'first')).toBe('first');
    expect(await store.metaValue('k', () => 'second')).toBe('first');
    await store.close();
  });
});
