/**
 * A mutation's audit record left `pending` by a BFF that died mid-call (kill -9): when the trail
 * opens again on the same database it keeps the `pending` outcome (nobody knows whether SWR
 * applied the change), gains the interrupted reason once, and stays append-only.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AuditTrail, createSink, INTERRUPTED_REASON, type AuditRecord } from '../src/audit/trail';
import { openDatabase } from '../src/store/database';

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

function records(path: string): AuditRecord[] {
  const db = openDatabase(path);
  try {
    return (
      db.prepare('SELECT record FROM audit_events ORDER BY seq').all() as { record: string }[]
    ).map((row) => JSON.parse(row.record) as AuditRecord);
  } finally {
    db.close();
  }
}

describe('records a stopped BFF left pending', () => {
  it('keep their pending outcome, gain the interrupted reason once when the trail reopens, and stay append-only', () => {
    const database = join(directory, 'bff.sqlite');
    const sinkFile = join(directory, 'audit.jsonl');
    // The first process: one change finished, one sent and never answered (the process dies).
    const first = openDatabase(database);
    const firstTrail = new AuditTrail(first, createSink(`file:${sinkFile}`), BFF);
    const finished = firstTrail.open(change('req-finished'));
    firstTrail.finalize(finished, {
      outcome: 'success',
      httpStatus: 201,
      upstream: null,
      reason: null,
    });
    const cut = firstTrail.open(change('req-cut'));
    first.close();
    expect(records(database).map((record) => record.outcome)).toEqual(['success', 'pending']);

    // The restart.
    const second = openDatabase(database);
    new AuditTrail(second, createSink(`file:${sinkFile}`), { ...BFF, instance: 'test:2' });
    second.close();
    const [kept, marked] = records(database);
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

    // Another restart marks nothing again; the record still cannot be deleted.
    const third = openDatabase(database);
    new AuditTrail(third, createSink(`file:${sinkFile}`), { ...BFF, instance: 'test:3' });
    expect(() => third.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
    third.close();
    expect(readFileSync(sinkFile, 'utf8').trim().split('\n')).toHaveLength(2);
    expect(records(database)).toEqual([kept, marked]);
  });

  it('are not touched while the process that opened them is still running', () => {
    const db = openDatabase(':memory:');
    const trail = new AuditTrail(db, createSink('none'), BFF);
    const open = trail.open(change('req-open'));
    const again = trail.query({ limit: 10, offset: 0 }).items[0];
    expect(again).toEqual(open);
    expect(again?.reason).toBeNull();
    db.close();
  });
});
