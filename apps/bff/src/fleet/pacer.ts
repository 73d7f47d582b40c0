/**
 * Paces the fleet index's calls to one region: at most `perSecond` calls start in any second,
 * evenly spread (one every 1/perSecond s), in the order they asked. The sweeps and the refreshes
 * of a region share one pacer, so together they stay within the region's budget
 * (FLEET_CALLS_PER_SECOND).
 */
import { setTimeout as wait } from 'node:timers/promises';

/** Time as the pacer sees it (a test gives its own). */
export interface PacerClock {
  now(): number;
  wait(ms: number, signal: AbortSignal | undefined): Promise<void>;
}

const realClock: PacerClock = {
  now: () => performance.now(),
  wait: async (ms, signal) => {
    await wait(ms, undefined, signal === undefined ? {} : { signal });
  },
};

export class Pacer {
  /** When the next call may start, on the clock's time. */
  private next = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly perSecond: number,
    private readonly clock: PacerClock = realClock,
  ) {}

  /** Resolves when the caller may start its call (rejects when `signal` aborts first). */
  async turn(signal?: AbortSignal): Promise<void> {
    const now = this.clock.now();
    const at = Math.max(now, this.next);
    this.next = at + 1000 / this.perSecond;
    if (at > now) await this.clock.wait(at - now, signal);
  }
}
