/**
 * Sync health's data and its one change. The data is one read of the BFF's fleet index (decision
 * 0016), for one region or for all the user has; the BFF answers only what the user's organization
 * scopes let them see. The change is SWR's manual sync (`createManualImageSyncRepo`), sent in
 * requests of at most {@link MANUAL_SYNC_TAGS_MAX} tags, one after the other.
 */
import {
  bffCodeOf,
  fleetEndpoint,
  isSwrError,
  MANUAL_SYNC_TAGS_MAX,
  type FleetResponse,
} from '@swr-dashboard/swr-client/browser';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { bff, swr } from '../../lib/api';
import { swrKeys } from '../../lib/query-keys';
import { chunks, type HealthRow } from './rows';

/** How often the index is read again while a region of it has never been swept. */
export const BUILDING_POLL_MS = 5000;
/** How often the index is read again after a sync, until it shows the repository re-read. */
export const AFTER_SYNC_POLL_MS = 2000;
/** How long after a sync the page keeps reading the index again, at most. */
export const AFTER_SYNC_WAIT_MS = 60_000;

export const syncHealthKeys = {
  all: ['sync-health'] as const,
  /** The index of one region, or of every region (`all`). */
  index: (region: string | undefined) => [...syncHealthKeys.all, 'index', region ?? 'all'] as const,
};

export function indexBuilding(data: FleetResponse | undefined): boolean {
  return data?.regions.some((state) => state.status === 'never') === true;
}

export const syncHealthQuery = (region: string | undefined) =>
  queryOptions({
    queryKey: syncHealthKeys.index(region),
    queryFn: ({ signal }) =>
      bff(fleetEndpoint, { query: region === undefined ? {} : { region } }, { signal }),
    staleTime: 60_000,
    refetchInterval: (query) => (indexBuilding(query.state.data) ? BUILDING_POLL_MS : false),
  });

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
 * right after a change made through the console), and the SWR reads of both regions go stale.
 */
export function useSyncPlan(onRequest: (index: number, total: number) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (plan: SyncPlan) => sendPlan(plan, onRequest),
    onSettled: (_data, _error, plan) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: syncHealthKeys.all }),
        queryClient.invalidateQueries({ queryKey: swrKeys.region(plan.row.repository.region) }),
        queryClient.invalidateQueries({ queryKey: swrKeys.region(plan.row.target.region) }),
      ]),
  });
}
