/** The tests' `eventually`: what it throws when the awaited thing never comes. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventually } from './support/eventually';

describe('eventually', () => {
  /** The clock `eventually` reads its deadline on, moved by the checks themselves. */
  let now = 0;
  afterEach(() => {
    vi.restoreAllMocks();
  });
  const clock = () => {
    now = 0;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
  };

  it('returns once the check holds', async () => {
    clock();
    let tries = 0;
    await eventually(async () => {
      tries += 1;
      await Promise.resolve();
      expect(tries).toBe(3);
    }, 0);
    expect(tries).toBe(3);
  });

  it('throws the last failed expectation, not an error of a later try', async () => {
    clock();
    let tries = 0;
    const polled = eventually(async () => {
      tries += 1;
      await Promise.resolve();
      if (tries <= 2) expect(tries, `records after try ${String(tries)}`).toBe(0);
      // The user's read limit has run out; the deadline passes during this try.
      now = tries === 4 ? 1 : 0;
      throw new Error('HTTP 429: too many reads');
    }, 0);
    await expect(polled).rejects.toThrow('records after try 2');
    expect(tries).toBe(4);
  });

  it('throws what the check threw when no expectation failed', async () => {
    clock();
    await expect(
      eventually(async () => {
        await Promise.resolve();
        now = 1;
        throw new Error('the replica is not up');
      }, 0),
    ).rejects.toThrow('the replica is not up');
  });
});
