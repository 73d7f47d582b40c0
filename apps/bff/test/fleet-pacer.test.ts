/**
 * The fleet index's pacer (src/fleet/pacer.ts) on a clock the test drives: calls start evenly
 * spread at the budget, in the order they asked, and a pause does not bank turns for later.
 */
import { describe, expect, it } from 'vitest';
import { Pacer, type PacerClock } from '../src/fleet/pacer';

/** A clock that moves only when a waiter's time comes: each wait advances it to its end. */
function testClock(): PacerClock & { time: number } {
  const clock = {
    time: 0,
    now: () => clock.time,
    wait: (ms: number) => {
      clock.time += ms;
      return Promise.resolve();
    },
  };
  return clock;
}

describe('the pacer', () => {
  it('spreads calls evenly at the budget, however many ask at once', async () => {
    const clock = testClock();
    const pacer = new Pacer(4, clock);
    const starts: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      await pacer.turn();
      starts.push(clock.now());
    }
    expect(starts).toEqual([0, 250, 500, 750, 1000]);
  });

  it('does not bank the turns of a quiet time: after a pause the budget is the same', async () => {
    const clock = testClock();
    const pacer = new Pacer(10, clock);
    await pacer.turn();
    clock.time = 5000;
    const starts: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      await pacer.turn();
      starts.push(clock.now());
    }
    expect(starts).toEqual([5000, 5100, 5200]);
  });

  it('gives turns in the order they were asked for', async () => {
    const waits: number[] = [];
    const clock: PacerClock = {
      now: () => 0,
      wait: (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    };
    const pacer = new Pacer(2, clock);
    await Promise.all([pacer.turn(), pacer.turn(), pacer.turn()]);
    expect(waits).toEqual([500, 1000]);
  });
});
