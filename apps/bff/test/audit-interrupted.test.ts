/**
 * A mutation's audit record left `pending` by a BFF that died mid-call (kill -9): when the trail
 * opens again on the same database it keeps the `pending` outcome (nobody knows whether SWR
 * applied the change) and gains the interrupted reason once. On SQLite and on PostgreSQL.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditTrail, createSink, INTERRUPTED_REASON, type AuditRecord } from '../src/audit/trail';
import {
  ENGINES,
  engineDatabases,
  type DatabasePlace,
  type EngineDatabases,
} from './support/stores';

const directory = mkdtempSync(join(tmpdir(), 'swr-audit-interrupted-'));
afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

const BFF = { version: 'test', instance: 'test:1' };

function change(requestId: string): Parameters<AuditTrail['open']>[0] {
  return {
    event: 'swr.createNamespace',
    actor: null,
    source: { ip: '127.0.0.1', userAgent: null },
    request: {
      id: requestId,
      method: 'POST',
      route: '/api/swr/:region/v2/manage/namespaces',
      params: {},
      query: {},
      body: { namespace: 'team-a' },
    },
    resource: { type: 'namespace', namespace: 'team-a', name: null, tag: null },
    upstream: null,
    httpStatus: null,
    reason: null,
    region: 'cn-north-4',
  };
}

/** Every record in the table, oldest first (read through a store of its own). */
async function records(databases: EngineDatabases, place: DatabasePlace): Promise<AuditRecord[]> {
  const store = await databases.open(place);
  try {
    const all = await store.audit.page({}, 1000, 0);
    return all.reverse();
  } finally {
    await store.close();
  }
}

describe.each(ENGINES)('records a stopped BFF left pending (%s)', (engine) => {
  const databases = engineDatabases(engine);

  it('keep their pending outcome, gain the interrupted reason once when the trail reopens, and stay append-only', async () => {
    const database = await databases.fresh();
    const sinkFile = join(directory, `audit-${engine}.jsonl`);
    // The first process: one change finished, one sent and never answered (the process dies).
    const first = await databases.open(database);
    const firstTrail = new AuditTrail(first.audit, createSink(`file:${sinkFile}`), BFF);
    const finished = await firstTrail.open(change('req-finished'));
    await firstTrail.finalize(finished, {
      outcome: 'success',
      httpStatus: 201,
      upstream: null,
      reason: null,
    });
    const cut = await firstTrail.open(change('req-cut'));
    await first.close();
    expect((await records(databases, database)).map((record) => record.outcome)).toEqual([
      'success',
      'pending',
    ]);

    // The restart.
    const second = await databases.open(database);
    await new AuditTrail(second.audit, createSink(`file:${sinkFile}`), {
      ...BFF,
      instance: 'test:2',
    }).markInterrupted();
    await second.close();
    const [kept, marked] = await records(databases, database);
    expect(kept).toMatchObject({
      request: { id: 'req-finished' },
      outcome: 'success',
      reason: null,
    });
    expect(marked).toEqual({ ...cut, reason: INTERRUPTED_REASON });
    const lines = readFileSync(sinkFile, 'utf8').trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as AuditRecord).reason)).toEqual([
      null,
      INTERRUPTED_REASON,
    ]);

    // Another restart marks nothing again.
    const third = await databases.open(database);
    await new AuditTrail(third.audit, createSink(`file:${sinkFile}`), {
      ...BFF,
      instance: 'test:3',
    }).markInterrupted();
    await third.close();
    expect(readFileSync(sinkFile, 'utf8').trim().split('\n')).toHaveLength(2);
    expect(await records(databases, database)).toEqual([kept, marked]);
  });

  it('are not touched while the process that opened them is still running', async () => {
    const store = await databases.open(await databases.fresh());
    const trail = new AuditTrail(store.audit, createSink('none'), BFF);
    const open = await trail.open(change('req-open'));
    const again = (await trail.query({ limit: 10, offset: 0 })).items[0];
    expect(again).toEqual(open);
    expect(again?.reason).toBeNull();
    await store.close();
  });

  it('younger than the cut-off given are left alone (another BFF may be calling)', async () => {
    const database = await databases.fresh();
    const store = await databases.open(database);
    const trail = new AuditTrail(store.audit, createSink('none'), BFF);
    const open = await trail.open(change('req-other-bff'));
    await trail.markInterrupted(new Date(Date.parse(open.ts) - 60_000).toISOString());
    expect((await trail.query({ limit: 10, offset: 0 })).items).toEqual([open]);
    await trail.markInterrupted(new Date(Date.parse(open.ts) + 1).toISOString());
    expect((await trail.query({ limit: 10, offset: 0 })).items).toEqual([
      { ...open, reason: INTERRUPTED_REASON },
    ]);
    await store.close();
  });
});
