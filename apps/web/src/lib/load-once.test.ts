import { describe, expect, it } from 'vitest';
import { createLoadOnce } from './load-once';

/** A loader of numbered answers that fails its first `failures` calls for each key. */
function loader(failures: number) {
  const calls: string[] = [];
  const load = (key: string) => {
    calls.push(key);
    const attempt = calls.filter((called) => called === key).length;
    return attempt <= failures
      ? Promise.reject(new Error(`${key} failed (attempt ${String(attempt)})`))
      : Promise.resolve(`${key}#${String(attempt)}`);
  };
  return { calls, load };
}

describe('createLoadOnce', () => {
  it('loads a key once for every caller and keeps the value', async () => {
    const { calls, load } = loader(0);
    const store = createLoadOnce(load);
    let changes = 0;
    store.subscribe(() => {
      changes += 1;
    });

    const [first, second] = await Promise.all([store.load('tags'), store.load('tags')]);
    expect([first, second]).toEqual(['tags#1', 'tags#1']);
    expect(await store.load('tags')).toBe('tags#1');
    expect(store.loaded('tags')).toBe('tags#1');
    expect(store.loaded('sync')).toBeUndefined();
    expect(calls).toEqual(['tags']);
    expect(changes).toBe(1);
  });

  it('keeps a failure: asking again does not load again until retried', async () => {
    const { calls, load } = loader(1);
    const store = createLoadOnce(load);
    let changes = 0;
    store.subscribe(() => {
      changes += 1;
    });

    await expect(store.load('tags')).rejects.toThrow('tags failed (attempt 1)');
    await expect(store.load('tags')).rejects.toThrow('tags failed (attempt 1)');
    expect(store.failure('tags')?.error).toBeInstanceOf(Error);
    expect(calls).toEqual(['tags']);
    expect(changes).toBe(1);

    const retried = store.retry('tags');
    // The failure is gone at once (the page shows it loading again), then the value arrives.
    expect(store.failure('tags')).toBeUndefined();
    expect(await retried).toBe('tags#2');
    expect(store.loaded('tags')).toBe('tags#2');
    expect(calls).toEqual(['tags', 'tags']);
    expect(changes).toBe(3);
  });

  it('stops telling a listener once it unsubscribes', async () => {
    const store = createLoadOnce(loader(0).load);
    let changes = 0;
    const unsubscribe = store.subscribe(() => {
      changes += 1;
    });
    unsubscribe();
    await store.load('tags');
    expect(changes).toBe(0);
  });
});
