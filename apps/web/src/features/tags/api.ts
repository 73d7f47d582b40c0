/**
 * A repository's tags: the paged list (SWR pages on the server; in list.ts), and deleting one tag
 * or a batch of them. Each delete is its own deleteRepoTag call; nothing is removed from the view
 * before SWR confirms it, and a batch reports every tag's outcome.
 */
import { isSwrError } from '@swr-dashboard/swr-client/browser';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { swr } from '../../lib/api';
import { repositoryKeys } from '../repository/api';
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
      queryKey: repositoryKeys.detail(region, namespace, repository),
    }),
  ]);
}

export function useDeleteTag(region: string, namespace: string, repository: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tag: string) =>
      swr(region).deleteRepoTag({ params: { namespace, repository, tag } }),
    onSuccess: () => invalidateAfterDelete(queryClient, region, namespace, repository),
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
}

/** How many deletes run at once: fast enough for a page of tags, gentle on SWR. */
export const BATCH_CONCURRENCY = 4;

function isRateLimited(error: unknown): boolean {
  return isSwrError(error) && (error.code === 'rate_limited' || error.status === 429);
}

/**
 * Deletes tags one call each, a few at a time, reporting progress. Failures do not stop the batch
 * (each keeps its error); the console's rate limit does (the rest are reported as not attempted,
 * to be retried later), and so does `stop()`.
 */
export function useDeleteTags(region: string, namespace: string, repository: string) {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<BatchProgress>({ total: 0, done: 0 });
  const stopped = useRef(false);
  const mutation = useMutation({
    mutationFn: async (tags: readonly string[]): Promise<TagDeleteOutcome[]> => {
      stopped.current = false;
      let rateLimited = false;
      let done = 0;
      setProgress({ total: tags.length, done: 0 });
      const outcomes: (TagDeleteOutcome | undefined)[] = tags.map(() => undefined);
      let next = 0;
      const worker = async () => {
        while (next < tags.length) {
          const index = next;
          next += 1;
          const tag = tags[index] ?? '';
          if (stopped.current || rateLimited) {
            outcomes[index] = {
              tag,
              status: 'skipped',
              reason: rateLimited ? 'rate-limited' : 'stopped',
            };
            continue;
          }
          try {
            await swr(region).deleteRepoTag({ params: { namespace, repository, tag } });
            outcomes[index] = { tag, status: 'deleted' };
          } catch (error) {
            if (isRateLimited(error)) rateLimited = true;
            outcomes[index] = { tag, status: 'failed', error };
          }
          done += 1;
          setProgress({ total: tags.length, done });
        }
      };
      await Promise.all(
        Array.from({ length: Math.min(BATCH_CONCURRENCY, tags.length) }, () => worker()),
      );
      return outcomes.map(
        (outcome, index): TagDeleteOutcome =>
          outcome ?? { tag: tags[index] ?? '', status: 'skipped', reason: 'stopped' },
      );
    },
    onSettled: () => invalidateAfterDelete(queryClient, region, namespace, repository),
  });
  return {
    mutation,
    progress,
    /** Lets the calls already sent finish, and sends no more. */
    stop: () => {
      stopped.current = true;
    },
  };
}
