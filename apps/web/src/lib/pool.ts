/**
 * A bounded-concurrency map: many small tasks (one call per repository, per tag) run a few at a
 * time, each keeps its own outcome, and the results come back in the order of the items. Once
 * the signal is aborted no further task starts; the tasks already running finish.
 */

/** One item's outcome: its value, its error, or not started because the run was aborted. */
export type PoolOutcome<T, R> =
  | { item: T; status: 'fulfilled'; value: R }
  | { item: T; status: 'rejected'; error: unknown }
  | { item: T; status: 'skipped' };

export interface PoolOptions {
  /** Tasks in flight at once (at least 1). */
  limit: number;
  /** Once aborted, the items not yet started are skipped. */
  signal?: AbortSignal | undefined;
}

/** Runs `task` for every item, at most `limit` at once; resolves when all have settled. */
export async function mapPool<T, R>(
  items: readonly T[],
  task: (item: T, index: number) => Promise<R>,
  { limit, signal }: PoolOptions,
): Promise<PoolOutcome<T, R>[]> {
  const outcomes = new Array<PoolOutcome<T, R>>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next;
      next += 1;
      const item = items[index] as T;
      if (signal?.aborted === true) {
        outcomes[index] = { item, status: 'skipped' };
        continue;
      }
      try {
        outcomes[index] = { item, status: 'fulfilled', value: await task(item, index) };
      } catch (error) {
        outcomes[index] = { item, status: 'rejected', error };
      }
    }
  }
  const workers = Math.max(1, Math.min(Math.floor(limit), items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return outcomes;
}
