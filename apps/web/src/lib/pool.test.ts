/** The bounded-concurrency map: order, the bound, errors per item and a stop. */
import { describe, expect, it } from 'vitest';
import { mapPool } from './pool';

/** Answers the test releases by hand, one per item: `wait(i)` in a task, `release(i, value)`. */
function gates<R>(count: number) {
  const releases: ((value: R) => void)[] = [];
  const promises = Array.from(
    { length: count },
    () =>
      new Promise<R>((resolve) => {
        releases.push(resolve);
      }),
  );
  return {
    wait: (index: number): Promise<R> => promises[index] ?? Promise.reject(new Error('no gate')),
    release: (index: number, value: R) => {
      releases[index]?.(value);
    },
  };
}

/** Lets every answer already given run its continuation. */
async function settle(): Promise<void> {
  for (let tick = 0; tick < 5; tick += 1) await Promise.resolve();
}

describe('mapPool', () => {
  it('keeps the items’ order, whatever order the answers come in', async () => {
    const answers = gates<string>(3);
    const run = mapPool([0, 1, 2], (index) => answers.wait(index), { limit: 3 });
    answers.release(2, 'c');
    answers.release(1, 'b');
    answers.release(0, 'a');
    expect(await run).toEqual([
      { item: 0, status: 'fulfilled', value: 'a' },
      { item: 1, status: 'fulfilled', value: 'b' },
      { item: 2, status: 'fulfilled', value: 'c' },
    ]);
  });

  it('never runs more than the limit at once, and starts the next as one ends', async () => {
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const answers = gates<undefined>(7);
    const run = mapPool(
      [0, 1, 2, 3, 4, 5, 6],
      async (index) => {
        started.push(index);
        running += 1;
        most = Math.max(most, running);
        await answers.wait(index);
        running -= 1;
        return index;
      },
      { limit: 3 },
    );
    expect(started).toEqual([0, 1, 2]);
    answers.release(1, undefined);
    await settle();
    expect(started).toEqual([0, 1, 2, 3]);
    for (let index = 0; index < 7; index += 1) answers.release(index, undefined);
    expect((await run).map((outcome) => outcome.status === 'fulfilled' && outcome.value)).toEqual([
      0, 1, 2, 3, 4, 5, 6,
    ]);
    expect(most).toBe(3);
  });

  it('keeps each item’s error and goes on with the others', async () => {
    const outcomes = await mapPool(
      [1, 2, 3, 4],
      (n) => (n % 2 === 0 ? Promise.reject(new Error(`no ${String(n)}`)) : Promise.resolve(n * 10)),
      { limit: 2 },
    );
    expect(outcomes).toEqual([
      { item: 1, status: 'fulfilled', value: 10 },
      { item: 2, status: 'rejected', error: new Error('no 2') },
      { item: 3, status: 'fulfilled', value: 30 },
      { item: 4, status: 'rejected', error: new Error('no 4') },
    ]);
  });

  it('starts nothing new once aborted, and lets the running tasks finish', async () => {
    const stop = new AbortController();
    const started: number[] = [];
    const answers = gates<string>(5);
    const run = mapPool(
      [0, 1, 2, 3, 4],
      (index) => {
        started.push(index);
        return answers.wait(index);
      },
      { limit: 2, signal: stop.signal },
    );
    stop.abort();
    answers.release(0, 'a');
    answers.release(1, 'b');
    expect(await run).toEqual([
      { item: 0, status: 'fulfilled', value: 'a' },
      { item: 1, status: 'fulfilled', value: 'b' },
      { item: 2, status: 'skipped' },
      { item: 3, status: 'skipped' },
      { item: 4, status: 'skipped' },
    ]);
    expect(started).toEqual([0, 1]);
  });

  it('starts nothing when aborted before it begins, and settles an empty list at once', async () => {
    const stop = new AbortController();
    stop.abort();
    let calls = 0;
    const outcomes = await mapPool(
      ['a', 'b'],
      () => {
        calls += 1;
        return Promise.resolve(1);
      },
      { limit: 4, signal: stop.signal },
    );
    expect(calls).toBe(0);
    expect(outcomes).toEqual([
      { item: 'a', status: 'skipped' },
      { item: 'b', status: 'skipped' },
    ]);
    expect(await mapPool([], () => Promise.resolve(1), { limit: 3 })).toEqual([]);
  });
});
