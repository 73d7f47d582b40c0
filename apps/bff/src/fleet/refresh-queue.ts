/**
 * The refreshes waiting for their turn in one region, one per key (a repository, or the
 * organizations): a repository changed again before its refresh ran is read once, however many
 * changes came. They run one at a time, in the order their keys first came (each call still waits
 * for the region's pacer), so a burst of changes costs what it changed, not what it did. At most
 * `max` keys wait; past that, the queue says it overflowed and the region is swept instead.
 */
export class RefreshQueue {
  private readonly waiting = new Map<string, () => Promise<void>>();
  private running: Promise<void> | undefined;
  /** A key was turned away since the last `take()`: the region needs a sweep. */
  private overflow = false;

  constructor(
    private readonly onError: (key: string, error: unknown) => void,
    private readonly max = 1000,
  ) {}

  /** Queues `refresh` under `key`, replacing one waiting under the same key. */
  add(key: string, refresh: () => Promise<void>): void {
    if (!this.waiting.has(key) && this.waiting.size >= this.max) {
      this.overflow = true;
      return;
    }
    this.waiting.set(key, refresh);
    this.running ??= this.drain();
  }

  private async drain(): Promise<void> {
    // A Map visits entries added while it is iterated: keys queued meanwhile run in this loop.
    for (const [key, refresh] of this.waiting) {
      this.waiting.delete(key);
      await refresh().catch((error: unknown) => {
        this.onError(key, error);
      });
    }
    this.running = undefined;
  }

  /** Whether keys were turned away since the last call (and forgets it). */
  takeOverflow(): boolean {
    const overflowed = this.overflow;
    this.overflow = false;
    return overflowed;
  }

  /** How many keys wait (the one running not counted). */
  get size(): number {
    return this.waiting.size;
  }

  /** Resolves once nothing runs or waits. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  /** Drops what waits; the refresh under way finishes. */
  clear(): void {
    this.waiting.clear();
  }
}
