/**
 * Fan-outs with a bound: many small reads (one per repository) run a few at a time, and each
 * outcome is kept, so a card can show what it found and say what it could not read.
 */
import { mapPool } from '../../lib/pool';

export type Settled<T, R> =
  { item: T; ok: true; value: R } | { item: T; ok: false; error: unknown };

/** Runs `task` for every item, at most `limit` at once; resolves when all have settled. */
export async function settleWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<Settled<T, R>[]> {
  const outcomes = await mapPool(items, task, { limit });
  return outcomes.map((outcome): Settled<T, R> =>
    outcome.status === 'fulfilled'
      ? { item: outcome.item, ok: true, value: outcome.value }
      : // Without a signal nothing is skipped: every other outcome is an error.
        {
          item: outcome.item,
          ok: false,
          error: outcome.status === 'rejected' ? outcome.error : undefined,
        },
  );
}

/**
 * The answers of a fan-out, or its first error when nothing at all could be read (then the card
 * shows an error with a retry, not an empty result).
 */
export function successesOrThrow<T, R>(
  settled: readonly Settled<T, R>[],
): { values: { item: T; value: R }[]; failed: T[] } {
  const values: { item: T; value: R }[] = [];
  const failed: T[] = [];
  const errors: unknown[] = [];
  for (const outcome of settled) {
    if (outcome.ok) values.push({ item: outcome.item, value: outcome.value });
    else {
      failed.push(outcome.item);
      errors.push(outcome.error);
    }
  }
  if (values.length === 0 && errors.length > 0) throw errors[0];
  return { values, failed };
}
