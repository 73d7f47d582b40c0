/**
 * Server-side jobs' storage (issue 16), the same on SQLite and on PostgreSQL: a job written with
 * its items at once; items claimed lowest first under a lease, held by one holder at a time and
 * taken again once the lease ended (with the attempt counted); settled only by their holder;
 * cancelling a job cancels what has not started; a cancelled job resumes its cancelled items
 * (pending again, each counted as claimed once so that it is checked first); and many replicas
 * claiming at once from two stores, every item settled exactly once.
 */
import { describe, expect, it } from 'vitest';
import type { JobRow, JobRows } from '../src/store/store';
import { ENGINES, engineDatabases } from './support/stores';

/** A time in ms large enough to need PostgreSQL's BIGINT. */
const T = 1_790_000_000_000;

function job(id: string, ownerKey = 'alice', createdAt = T): Parameters<JobRows['create']>[0] {
  return {
    id,
    kind: 'tag-cleanup',
    region: 'cn-north-4',
    ownerKey,
    ownerName: ownerKey.toUpperCase(),
    spec: '{"rule":{"olderThanDays":30}}',
    createdAt,
  };
}

const targets = (count: number) =>
  Array.from({ length: count }, (_, index) => `{"tag":"v${String(index)}","note":"ü"}`);

describe.each(ENGINES)('server-side jobs (%s)', (engine) => {
  const databases = engineDatabases(engine);

  it('writes a job with its items and lists jobs newest first, per owner or all', async () => {
    const store = await databases.open(await databases.fresh());
    await store.jobs.create(job('j1', 'alice', T), targets(3));
    await store.jobs.create(job('j2', 'bob', T + 1), targets(1));
    await store.jobs.create(job('j3', 'alice', T + 2), []);
    expect(await store.jobs.job('j1')).toEqual<JobRow>({
      ...job('j1'),
      status: 'running',
      total: 3,
      finishedAt: null,
    });
    expect(await store.jobs.job('nope')).toBeUndefined();
    expect((await store.jobs.list(undefined, 10)).map((row) => row.id)).toEqual(['j3', 'j2', 'j1']);
    expect((await store.jobs.list('alice', 10)).map((row) => row.id)).toEqual(['j3', 'j1']);
    expect((await store.jobs.list(undefined, 2)).map((row) => row.id)).toEqual(['j3', 'j2']);
    expect(await store.jobs.counts('j1')).toEqual({
      pending: 3,
      running: 0,
      done: 0,
      failed: 0,
      cancelled: 0,
    });
    const items = await store.jobs.items('j1', undefined, 0, 10);
    expect(items.map((item) => [item.seq, item.target, item.status, item.attempts])).toEqual(
      targets(3).map((target, seq) => [seq, target, 'pending', 0]),
    );
    expect(items[0]).toMatchObject({ holder: null, leaseUntil: null, result: null, updatedAt: T });
    await store.close();
  });

  it('claims lowest first under a lease, and takes an item again only once its lease ended', async () => {
    const store = await databases.open(await databases.fresh());
    const { jobs } = store;
    await jobs.create(job('j'), targets(5));
    const first = await jobs.claim('j', 'a', T + 10, T + 1000, 2);
    expect(first.map((item) => [item.seq, item.holder, item.leaseUntil, item.attempts])).toEqual([
      [0, 'a', T + 1000, 1],
      [1, 'a', T + 1000, 1],
    ]);
    // Held: another holder gets the next ones, not those.
    expect((await jobs.claim('j', 'b', T + 20, T + 2000, 2)).map((item) => item.seq)).toEqual([
      2, 3,
    ]);
    expect((await jobs.claim('j', 'b', T + 999, T + 2000, 5)).map((item) => item.seq)).toEqual([4]);
    expect(await jobs.claim('j', 'b', T + 1000, T + 2000, 5)).toEqual([]);
    // a's lease ended: its items are b's now, the attempt counted (a may have carried them out).
    const again = await jobs.claim('j', 'b', T + 1001, T + 3000, 5);
    expect(again.map((item) => [item.seq, item.holder, item.attempts])).toEqual([
      [0, 'b', 2],
      [1, 'b', 2],
    ]);
    expect(await jobs.counts('j')).toMatchObject({ pending: 0, running: 5 });
    await store.close();
  });

  it('settles an item only for its holder, once', async () => {
    const store = await databases.open(await databases.fresh());
    const { jobs } = store;
    await jobs.create(job('j'), targets(2));
    const [item] = await jobs.claim('j', 'a', T, T + 1000, 1);
    if (item === undefined) throw new Error('nothing claimed');
    const done = { status: 'done' as const, result: '{"requestId":"r1"}' };
    expect(await jobs.settle(item, 'b', done, T + 5)).toBe(false);
    expect(await jobs.settle(item, 'a', done, T + 6)).toBe(true);
    expect(await jobs.settle(item, 'a', { status: 'failed', result: '{}' }, T + 7)).toBe(false);
    // A holder that lost its item to another (its lease ended) cannot settle it either.
    const [other] = await jobs.claim('j', 'a', T, T + 10, 1);
    if (other === undefined) throw new Error('nothing claimed');
    await jobs.claim('j', 'b', T + 11, T + 1000, 1);
    expect(await jobs.settle(other, 'a', done, T + 12)).toBe(false);
    expect(await jobs.settle(other, 'b', { status: 'failed', result: '{"e":1}' }, T + 13)).toBe(
      true,
    );
    expect(
      (await jobs.items('j', undefined, 0, 10)).map((row) => [row.status, row.result, row.holder]),
    ).toEqual([
      ['done', '{"requestId":"r1"}', null],
      ['failed', '{"e":1}', null],
    ]);
    expect((await jobs.items('j', 'failed', 0, 10)).map((row) => row.seq)).toEqual([1]);
    expect(await jobs.counts('j')).toMatchObject({ done: 1, failed: 1, pending: 0, running: 0 });
    await store.close();
  });

  it('cancels what has not started; the job is active until it is settled', async () => {
    const store = await databases.open(await databases.fresh());
    const { jobs } = store;
    await jobs.create(job('j1'), targets(4));
    await jobs.create(job('j2', 'bob', T + 1), targets(1));
    const held = await jobs.claim('j1', 'a', T, T + 1000, 1);
    expect(await jobs.setStatus('j1', 'cancelling', T + 5)).toBe(true);
    expect(await jobs.counts('j1')).toMatchObject({ running: 1, cancelled: 3, pending: 0 });
    expect(await jobs.claim('j1', 'b', T + 6, T + 1000, 5)).toEqual([]);
    expect((await jobs.active()).map((row) => [row.id, row.status])).toEqual([
      ['j1', 'cancelling'],
      ['j2', 'running'],
    ]);
    const [item] = held;
    if (item === undefined) throw new Error('nothing claimed');
    expect(await jobs.settle(item, 'a', { status: 'done', result: '{}' }, T + 7)).toBe(true);
    // A job moves on only from the state each move starts from.
    expect(await jobs.setStatus('j1', 'done', T + 8)).toBe(false);
    expect(await jobs.setStatus('j1', 'cancelled', T + 8)).toBe(true);
    expect(await jobs.job('j1')).toMatchObject({ status: 'cancelled', finishedAt: T + 8 });
    expect(await jobs.setStatus('j1', 'cancelling', T + 9)).toBe(false);
    expect(await jobs.setStatus('j2', 'cancelled', T + 9)).toBe(false);
    expect(await jobs.setStatus('j2', 'done', T + 9)).toBe(true);
    // A cancel that comes after the end changes nothing.
    expect(await jobs.setStatus('j2', 'cancelling', T + 10)).toBe(false);
    expect(await jobs.job('j2')).toMatchObject({ status: 'done', finishedAt: T + 9 });
    expect(await jobs.active()).toEqual([]);
    await store.close();
  });

  it('hands back only what its holder holds: pending again, or cancelled in a cancelled job', async () => {
    const store = await databases.open(await databases.fresh());
    const { jobs } = store;
    await jobs.create(job('j'), targets(4));
    await jobs.claim('j', 'a', T, T + 1000, 2);
    await jobs.claim('j', 'b', T, T + 1000, 1);
    // b's item is not a's to hand back; a hands back both of its own.
    expect(await jobs.release('j', [0, 1, 2], 'a', T + 5)).toBe(2);
    const items = await jobs.items('j', undefined, 0, 10);
    expect(items.map((item) => [item.status, item.holder, item.attempts])).toEqual([
      ['pending', null, 0],
      ['pending', null, 0],
      ['running', 'b', 1],
      ['pending', null, 0],
    ]);
    // Claimed again at once, lowest first, as if never claimed.
    expect(
      (await jobs.claim('j', 'a', T + 6, T + 1000, 1)).map((item) => [item.seq, item.attempts]),
    ).toEqual([[0, 1]]);
    await jobs.setStatus('j', 'cancelling', T + 7);
    expect(await jobs.release('j', [0], 'a', T + 8)).toBe(1);
    expect(await jobs.counts('j')).toMatchObject({ pending: 0, running: 1, cancelled: 3 });
    // An item an earlier claim may have carried out is not taken for cancelled: it stays to be
    // checked, even in a cancelled job.
    await jobs.create(job('k'), targets(1));
    await jobs.claim('k', 'a', T, T + 10, 1);
    expect((await jobs.claim('k', 'b', T + 11, T + 1000, 1))[0]?.attempts).toBe(2);
    await jobs.setStatus('k', 'cancelling', T + 12);
    expect(await jobs.release('k', [0], 'b', T + 13)).toBe(1);
    expect(
      (await jobs.items('k', undefined, 0, 1)).map((item) => [item.status, item.attempts]),
    ).toEqual([['pending', 1]]);
    await store.close();
  });

  it('resumes only a cancelled job with cancelled items: those pending again, counted as claimed once', async () => {
    const store = await databases.open(await databases.fresh());
    const { jobs } = store;
    await jobs.create(job('j'), targets(6));
    // Not cancelled (running): nothing to resume, nothing written.
    expect(await jobs.resume('j', T + 1)).toBe(0);
    expect(await jobs.job('j')).toMatchObject({ status: 'running', finishedAt: null });
    // 0 done, 1 failed, 2 handed back while cancelling (cancelled), 3 held when the job was
    // cancelled (done meanwhile), 4 and 5 cancelled at once.
    const [zero, one, two] = await jobs.claim('j', 'a', T + 2, T + 1000, 3);
    if (zero === undefined || one === undefined || two === undefined) throw new Error('no claim');
    await jobs.settle(zero, 'a', { status: 'done', result: '{"d":0}' }, T + 3);
    await jobs.settle(one, 'a', { status: 'failed', result: '{"f":1}' }, T + 4);
    const [three] = await jobs.claim('j', 'b', T + 5, T + 1000, 1);
    if (three === undefined) throw new Error('no claim');
    expect(await jobs.setStatus('j', 'cancelling', T + 6)).toBe(true);
    expect(await jobs.release('j', [2], 'a', T + 7)).toBe(1);
    // Being cancelled, an item still under way: not resumable yet.
    expect(await jobs.resume('j', T + 8)).toBe(0);
    expect(await jobs.job('j')).toMatchObject({ status: 'cancelling' });
    await jobs.settle(three, 'b', { status: 'done', result: '{"d":3}' }, T + 9);
    expect(await jobs.setStatus('j', 'cancelled', T + 10)).toBe(true);
    expect(await jobs.counts('j')).toMatchObject({ done: 2, failed: 1, cancelled: 3 });

    expect(await jobs.resume('j', T + 11)).toBe(3);
    expect(await jobs.job('j')).toMatchObject({ status: 'running', finishedAt: null, total: 6 });
    expect(await jobs.active()).toEqual([expect.objectContaining({ id: 'j' })]);
    const items = await jobs.items('j', undefined, 0, 10);
    expect(
      items.map((item) => [item.status, item.attempts, item.holder, item.leaseUntil, item.result]),
    ).toEqual([
      ['done', 1, null, null, '{"d":0}'],
      ['failed', 1, null, null, '{"f":1}'],
      ['pending', 1, null, null, null],
      ['done', 1, null, null, '{"d":3}'],
      ['pending', 1, null, null, null],
      ['pending', 1, null, null, null],
    ]);
    expect(items.filter((item) => item.status === 'pending').map((item) => item.updatedAt)).toEqual(
      [T + 11, T + 11, T + 11],
    );
    // Running again: a second resume changes nothing.
    expect(await jobs.resume('j', T + 12)).toBe(0);
    expect(await jobs.counts('j')).toMatchObject({ pending: 3, done: 2, failed: 1, cancelled: 0 });
    // Claimed lowest first, each as its second attempt: its new holder checks it first.
    const again = await jobs.claim('j', 'c', T + 13, T + 1000, 10);
    expect(again.map((item) => [item.seq, item.attempts])).toEqual([
      [2, 2],
      [4, 2],
      [5, 2],
    ]);
    for (const item of again) {
      expect(await jobs.settle(item, 'c', { status: 'done', result: '{}' }, T + 14)).toBe(true);
    }
    expect(await jobs.setStatus('j', 'done', T + 15)).toBe(true);
    // Done: not resumable.
    expect(await jobs.resume('j', T + 16)).toBe(0);
    expect(await jobs.job('j')).toMatchObject({ status: 'done', finishedAt: T + 15 });
    await store.close();
  });

  it('resumes nothing of a cancelled job none of whose items was cancelled', async () => {
    const store = await databases.open(await databases.fresh());
    const { jobs } = store;
    await jobs.create(job('j'), targets(1));
    const [item] = await jobs.claim('j', 'a', T, T + 1000, 1);
    if (item === undefined) throw new Error('no claim');
    await jobs.setStatus('j', 'cancelling', T + 1);
    await jobs.settle(item, 'a', { status: 'done', result: '{}' }, T + 2);
    expect(await jobs.setStatus('j', 'cancelled', T + 3)).toBe(true);
    expect(await jobs.resume('j', T + 4)).toBe(0);
    expect(await jobs.job('j')).toMatchObject({ status: 'cancelled', finishedAt: T + 3 });
    expect(await jobs.counts('j')).toMatchObject({ done: 1, pending: 0, cancelled: 0 });
    expect(await jobs.resume('nope', T + 5)).toBe(0);
    await store.close();
  });

  it('settles every item exactly once with many holders claiming at once from two stores', async () => {
    const place = await databases.fresh();
    const stores = [await databases.open(place), await databases.open(place)] as const;
    await stores[0].jobs.create(job('j'), targets(300));
    const settledBy = new Map<number, string>();
    const worker = async (holder: string, jobs: JobRows) => {
      for (;;) {
        const items = await jobs.claim('j', holder, T, T + 60_000, 7);
        if (items.length === 0) return;
        for (const item of items) {
          const settled = await jobs.settle(item, holder, { status: 'done', result: holder }, T);
          expect(settled).toBe(true);
          expect(settledBy.has(item.seq), `item ${String(item.seq)} settled twice`).toBe(false);
          settledBy.set(item.seq, holder);
        }
      }
    };
    await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        worker(`replica-${String(index)}`, stores[index % 2 === 0 ? 0 : 1].jobs),
      ),
    );
    expect(settledBy.size).toBe(300);
    const items = await stores[1].jobs.items('j', undefined, 0, 1000);
    expect(items.every((item) => item.status === 'done' && item.attempts === 1)).toBe(true);
    expect(items.map((item) => item.result)).toEqual(items.map((item) => settledBy.get(item.seq)));
    await Promise.all(stores.map((store) => store.close()));
  });
});
