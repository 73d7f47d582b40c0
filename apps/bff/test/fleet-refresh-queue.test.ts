/**
 * The fleet index's refresh queue (src/fleet/refresh-queue.ts): a burst of changes to one
 * repository is read once, refreshes run one at a time in order, the queue is bounded and says
 * when it turned a key away, and a failed refresh does not stop the others. No timers: each
 * refresh is a promise the test settles.
 */
import { describe, expect, it } from 'vitest';
import { RefreshQueue } from '../src/fleet/refresh-queue';

/** A refresh that runs until the test lets it finish, and notes when it ran. */
function controlled(log: string[], name: string) {
  let finish: () => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const refresh = () => {
    log.push(name);
    return new Promise<void>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return {
    refresh,
    finish: () => {
      finish();
    },
    fail: (error: Error) => {
      fail(error);
    },
  };
}

describe('the refresh queue', () => {
  it('reads a repository changed many times while it waited once, in the order keys came', async () => {
    const log: string[] = [];
    const queue = new RefreshQueue(() => undefined);
    const first = controlled(log, 'a');
    queue.add('a', first.refresh);
    for (let i = 0; i < 50; i += 1) queue.add('b', () => Promise.resolve(void log.push('b')));
    queue.add('c', () => Promise.resolve(void log.push('c')));
    expect(queue.size).toBe(2);
    first.finish();
    await queue.idle();
    expect(log).toEqual(['a', 'b', 'c']);
  });

  it('reads a repository again when it changed after its refresh started', async () => {
    const log: string[] = [];
    const queue = new RefreshQueue(() => undefined);
    const first = controlled(log, 'a');
    queue.add('a', first.refresh);
    await Promise.resolve();
    queue.add('a', () => Promise.resolve(void log.push('a again')));
    first.finish();
    await queue.idle();
    expect(log).toEqual(['a', 'a again']);
  });

  it('keeps at most its bound waiting and says it turned keys away, once', async () => {
    const log: string[] = [];
    const queue = new RefreshQueue(() => undefined, 2);
    const first = controlled(log, 'running');
    queue.add('running', first.refresh);
    queue.add('x', () => Promise.resolve(void log.push('x')));
    queue.add('y', () => Promise.resolve(void log.push('y')));
    queue.add('z', () => Promise.resolve(void log.push('z')));
    queue.add('x', () => Promise.resolve(void log.push('x, replaced')));
    expect(queue.size).toBe(2);
    expect(queue.takeOverflow()).toBe(true);
    expect(queue.takeOverflow()).toBe(false);
    first.finish();
    await queue.idle();
    expect(log).toEqual(['running', 'x, replaced', 'y']);
  });

  it('goes on after a refresh fails, and tells which one', async () => {
    const log: string[] = [];
    const errors: string[] = [];
    const queue = new RefreshQueue((key, error) => {
      errors.push(`${key}: ${(error as Error).message}`);
    });
    const first = controlled(log, 'a');
    queue.add('a', first.refresh);
    queue.add('b', () => Promise.resolve(void log.push('b')));
    first.fail(new Error('SWR said 503'));
    await queue.idle();
    expect(errors).toEqual(['a: SWR said 503']);
    expect(log).toEqual(['a', 'b']);
  });
});
