/**
 * Paces the fleet index's calls to one region: at most `perSecond` calls start in any second,
 * evenly spread (one every 1/perSecond s), in the order they asked. The sweeps and the refreshes
 * of a region share one pacer, so together they stay within the region's budget (FLEET_CALLS_PER_SECOND).
 */
import { setTimeout as wait } from 'node:timers/promises';

export class Pacer {
  /** When the next call may start (ms, `performance.now()`'s clock). */
  private next = 0;

  constructor(private readonly perSecond: number) {}

  /** Resolves when the caller may start its call (rejects when `signal` aborts first). */
  async turn(signal?: AbortSignal): Promise<void> {
    const now = performance.now();
    const at = Math.max(now, this.next);
    this.next = at + 1000 / this.perSecond;
    if (at > now) await wait(at - now, undefined, signal === undefined ? {} : { signal });
  }
}
