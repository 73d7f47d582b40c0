/**
 * Sync health's one change: SWR's manual sync (`createManualImageSyncRepo`), sent in requests of
 * at most {@link MANUAL_SYNC_TAGS_MAX} tags, one after the other. Its data is the fleet index,
 * read as every view on it reads it (lib/fleet-index.ts), and read again more often after a sync.
 */
import { bffCodeOf, isSwrError, MANUAL_SYNC_TAGS_MAX } from '@swr-dashboard/swr-client/browser';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { swr } from '../../lib/api';
import { fleetIndexKeys } from '../../lib/fleet-index';
import { swrKeys } from '../../lib/query-keys';
import { chunks, type HealthRow } from './rows';

/** How often the index is read again after a sync, until it shows the repository re-read. */
export const AFTER_SYNC_POLL_MS = 2000;
/** How long after a sync the page keeps reading the index again, at most. */
export const AFTER_SYNC_WAIT_MS = 60_000;

/** What to sync: tags of a row's repository, to the row's target. */
export interface SyncPlan {
  row: HealthRow;
  tags: readonly string[];
  override: boolean;
}

/** One request's outcome: sent and answered (with the tags SWR says failed), refused, or unknown. */
export type RequestOutcome =
  | { kind: 'done'; tags: string[]; failed: string[] }
  | { kind: 'refused' | 'unknown'; tags: string[]; error: unknown }
  | { kind: 'skipped'; tags: string[] };

/** Whether a failed change may still have been applied: no answer, or the BFF could not tell. */
export function mayHaveApplied(error: unknown): boolean {
  return (
    bffCodeOf(error) === 'outcome_unknown' ||
    (isSwrError(error) && (error.kind === 'timeout' || error.kind === 'network'))
  );
}

/**
 * Sends the plan's tags in requests of at most {@link MANUAL_SYNC_TAGS_MAX}, one after the other.
 * After a request that fails, the rest are not sent (what stopped one would stop the next).
 */
export async function sendPlan(
  plan: SyncPlan,
  onRequest: (index: number, total: number) => void,
): Promise<RequestOutcome[]> {
  const { repository, target } = plan.row;
  const groups = chunks(plan.tags, MANUAL_SYNC_TAGS_MAX);
  const outcomes: RequestOutcome[] = [];
  for (const [index, tags] of groups.entries()) {
    if (outcomes.some((outcome) => outcome.kind !== 'done')) {
      outcomes.push({ kind: 'skipped', tags });
      continue;
    }
    onRequest(index, groups.length);
    try {
      const failed = await swr(repository.region).createManualImageSyncRepo({
        params: { namespace: repository.namespace, repository: repository.name },
        body: {
          imageTag: tags,
          remoteRegionId: target.region,
          remoteNamespace: target.namespace,
          override: plan.override,
        },
      });
      outcomes.push({ kind: 'done', tags, failed });
    } catch (error) {
      outcomes.push({ kind: mayHaveApplied(error) ? 'unknown' : 'refused', tags, error });
    }
  }
  return outcomes;
}

/**
 * Runs a plan. Whatever came of it, the index is read again (the BFF re-reads the repository
 * right after a change made through the console), with all read from it under its root (the
 * Overview's totals among them), and the SWR reads of both regions go stale.
 */
export function useSyncPlan(onRequest: (index: number, total: number) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (plan: SyncPlan) => sendPlan(plan, onRequest),
    onSettled: (_data, _error, plan) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: fleetIndexKeys.all }),
        queryClient.invalidateQueries({ queryKey: swrKeys.region(plan.row.repository.region) }),
        queryClient.invalidateQueries({ queryKey: swrKeys.region(plan.row.target.region) }),
      ]),
  });
}
