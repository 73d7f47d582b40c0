/**
 * A repository's tags: the paged list (SWR pages on the server; in list.ts), and deleting one tag
 * or a batch of them. Each delete is its own deleteRepoTag call; nothing is removed from the view
 * before SWR confirms it, and a batch reports every tag's outcome.
 */
import { bffCodeOf, isSwrError } from '@swr-dashboard/swr-client/browser';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { batchSwr, swr } from '../../lib/api';
import { mapPool } from '../../lib/pool';
import { protectedTagKeys } from '../../lib/protected-tags';
import { swrKeys } from '../../lib/query-keys';
import { tagKeys } from './list';

/** After tags are deleted: the tag lists and the repository's counts (tags, size) change. */
function invalidateAfterDelete(
  queryClient: QueryClient,
  region: string,
  namespace: string,
  repository: string,
): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: tagKeys.repository(region, namespace, repository) }),
    queryClient.invalidateQueries({
      queryKey: swrKeys.repository({ region, namespace, repository }),
    }),
  ]);
}

/**
 * The BFF refused a delete because the tag is protected: the patterns changed since they were
 * read. The tags and the patterns are read again, so the list marks what is protected now.
 */
function isTagProtected(error: unknown): boolean {
  return bffCodeOf(error) === 'tag_protected';
}

function rereadAfterProtected(
  queryClient: QueryClient,
  region: string,
  namespace: string,
  repository: string,
): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: protectedTagKeys.organization(namespace) }),
    queryClient.invalidateQueries({ queryKey: tagKeys.repository(region, namespace, repository) }),
  ]);
}

export function useDeleteTag(region: string, namespace: string, repository: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tag: string) =>
      swr(region).deleteRepoTag({ params: { namespace, repository, tag } }),
    onSuccess: () => invalidateAfterDelete(queryClient, region, namespace, repository),
    onError: (error) =>
      isTagProtected(error)
        ? rereadAfterProtected(queryClient, region, namespace, repository)
        : undefined,
  });
}

/** One tag's outcome in a batch delete. */
export type TagDeleteOutcome =
  | { tag: string; status: 'deleted' }
  | { tag: string; status: 'failed'; error: unknown }
  /** Not attempted: the batch was stopped, or the console's rate limit was reached. */
  | { tag: string; status: 'skipped'; reason: 'stopped' | 'rate-limited' };

export interface BatchProgress {
  total: number;
  /** Tags answered so far (deleted or failed). */
  done: number;
  /** While paused to leave the user's change budget room: when it goes on (ms since epoch). */
  pausedUntil?: number;
}

/** How many deletes run at once: fast enough for a page of tags, gentle on SWR. */
export const BATCH_CONCURRENCY = 4;

function isRateLimited(error: unknown): boolean {
  return bffCodeOf(error) === 'rate_limited' || (isSwrError(error) && error.status === 429);
}

/** The shortest pause, whatever the answer says: a batch never asks again at once. */
const MIN_PAUSE_SECONDS = 1;

/** The BFF paused the batch at the reserve of the user's change budget: wait, then go on. */
function pauseOf(error: unknown): number | undefined {
  return isSwrError(error) && error.reason === 'batch-reserve'
    ? Math.max(MIN_PAUSE_SECONDS, error.retryAfter ?? MIN_PAUSE_SECONDS)
    : undefined;
}

/** Waits `ms`, or until the batch is stopped, whichever comes first. */
function waitUnlessStopped(ms: number, stop: AbortSignal): Promise<void> {
  if (ms <= 0 || stop.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    stop.addEventListener('abort', done);
  });
}

/** The state of one run of a batch, shared by the tags in flight. */
interface BatchRun {
  readonly total: number;
  readonly deleteTag: (tag: string) => Promise<unknown>;
  readonly stop: AbortSignal;
  readonly report: (progress: BatchProgress) => void;
  done: number;
  rateLimited: boolean;
  /** Until when every tag waits (ms since epoch); 0 when not paused. */
  pausedUntil: number;
}

/** Runs the batch: a few tags at a time (the shared pool) until none are left. */
async function runDeleteBatch(
  tags: readonly string[],
  deleteTag: (tag: string) => Promise<unknown>,
  stop: AbortSignal,
  report: (progress: BatchProgress) => void,
): Promise<TagDeleteOutcome[]> {
  const run: BatchRun = {
    total: tags.length,
    deleteTag,
    stop,
    report,
    done: 0,
    rateLimited: false,
    pausedUntil: 0,
  };
  reportProgress(run);
  // The stop is checked per tag (below), so that a tag a rate limit skipped is named as such.
  const outcomes = await mapPool(tags, (tag) => deleteInTurn(run, tag), {
    limit: BATCH_CONCURRENCY,
  });
  return outcomes.map((outcome): TagDeleteOutcome =>
    outcome.status === 'fulfilled'
      ? outcome.value
      : { tag: outcome.item, status: 'skipped', reason: 'stopped' },
  );
}

/** One tag's turn: after a stop or a rate limit, skipped; otherwise deleted and counted. */
async function deleteInTurn(run: BatchRun, tag: string): Promise<TagDeleteOutcome> {
  if (run.stop.aborted || run.rateLimited) {
    return { tag, status: 'skipped', reason: run.rateLimited ? 'rate-limited' : 'stopped' };
  }
  const outcome = await deleteWithPauses(run, tag);
  // Answered: deleted or failed. A tag the stop caught during a pause was not sent.
  if (outcome.status !== 'skipped') run.done += 1;
  reportProgress(run);
  return outcome;
}

/** Deletes one tag, waiting out (and then retrying after) any pause the BFF asks for. */
async function deleteWithPauses(run: BatchRun, tag: string): Promise<TagDeleteOutcome> {
  for (;;) {
    // Every tag in flight waits out a pause any of them was told about.
    if (run.pausedUntil > Date.now()) {
      await waitUnlessStopped(run.pausedUntil - Date.now(), run.stop);
      reportProgress(run);
    }
    if (run.stop.aborted) return { tag, status: 'skipped', reason: 'stopped' };
    try {
      await run.deleteTag(tag);
      return { tag, status: 'deleted' };
    } catch (error) {
      const pause = pauseOf(error);
      if (pause === undefined) {
        if (isRateLimited(error)) run.rateLimited = true;
        return { tag, status: 'failed', error };
      }
      run.pausedUntil = Math.max(run.pausedUntil, Date.now() + pause * 1000);
      reportProgress(run);
    }
  }
}

function reportProgress(run: BatchRun): void {
  const paused = run.pausedUntil > Date.now() ? { pausedUntil: run.pausedUntil } : {};
  run.report({ total: run.total, done: run.done, ...paused });
}

/**
 * Deletes tags one call each, a few at a time, reporting progress. Failures do not stop the batch
 * (each keeps its error). The calls are a batch for the BFF: at the reserve of the user's change
 * budget it pauses the batch (the user's own clicks keep working), and the batch waits the
 * seconds it is told, then goes on with the same tag. Any other rate limit stops it (the rest are
 * reported as not attempted, to be retried later), and so does `stop()`.
 */
export function useDeleteTags(region: string, namespace: string, repository: string) {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<BatchProgress>({ total: 0, done: 0 });
  const stopper = useRef<AbortController | null>(null);
  // Leaving the page stops the batch: nobody would be there to see it or to stop it.
  useEffect(
    () => () => {
      stopper.current?.abort();
    },
    [],
  );
  const mutation = useMutation({
    mutationFn: (tags: readonly string[]): Promise<TagDeleteOutcome[]> => {
      stopper.current = new AbortController();
      const deleteTag = (tag: string) =>
        batchSwr(region).deleteRepoTag({ params: { namespace, repository, tag } });
      return runDeleteBatch(tags, deleteTag, stopper.current.signal, setProgress);
    },
    onSettled: (outcomes) =>
      Promise.all([
        invalidateAfterDelete(queryClient, region, namespace, repository),
        outcomes?.some((outcome) => outcome.status === 'failed' && isTagProtected(outcome.error))
          ? queryClient.invalidateQueries({ queryKey: protectedTagKeys.organization(namespace) })
          : undefined,
      ]),
  });
  return {
    mutation,
    progress,
    /** Lets the calls already sent finish, and sends no more. */
    stop: () => {
      stopper.current?.abort();
    },
  };
}
