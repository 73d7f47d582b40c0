/**
 * The overview's data: query keys and options. The inventory reads every repository of a region
 * (pages of 1,000); shares and triggers fan out one call per repository, a few at a time and
 * bounded, so they are cached longer than a plain list.
 */
import { auditListEndpoint, type RepositoryShare } from '@swr-dashboard/swr-client/browser';
import { queryOptions, useIsFetching, useQueryClient } from '@tanstack/react-query';
import { bff, swr } from '../../lib/api';
import { settleWithLimit, successesOrThrow } from './concurrency';
import {
  latestTriggerFailures,
  mostRecentlyUpdated,
  recentMutations,
  type Inventory,
} from './summaries';
import { swrKeys } from '../../lib/query-keys';

/** SWR's largest page. */
const PAGE = 1000;
/** Pages of repositories the overview reads at most (20,000 repositories). */
const MAX_PAGES = 20;
/** Calls of one fan-out in flight at once. */
const CONCURRENCY = 6;
/**
 * Repositories whose triggers are read: the most recently pushed to. With the shares below, a
 * view of the overview costs at most about 50 reads of a user's budget (300 a minute by
 * default), however large the region: the cards say what was left unread.
 */
export const TRIGGER_SCAN_MAX = 20;
/** Shared repositories whose shares are read. */
export const SHARE_SCAN_MAX = 25;
/** Failures and changes shown. */
export const RECENT_LIMIT = 10;
/** Audit records read to find the latest changes among sign-ins and other events. */
const AUDIT_WINDOW = 200;

const FAN_OUT_STALE_MS = 2 * 60_000;

export const overviewKeys = {
  all: (region: string) => [...swrKeys.region(region), 'overview'] as const,
  organizations: (region: string) => [...overviewKeys.all(region), 'organizations'] as const,
  inventory: (region: string) => [...overviewKeys.all(region), 'inventory'] as const,
  shares: (region: string) => [...overviewKeys.all(region), 'shares'] as const,
  triggerFailures: (region: string) => [...overviewKeys.all(region), 'trigger-failures'] as const,
  recentChanges: (region: string) => ['audit', 'recent-changes', region] as const,
};

/** The organizations of a region (their names). */
export const organizationNamesQuery = (region: string) =>
  queryOptions({
    queryKey: overviewKeys.organizations(region),
    queryFn: async ({ signal }) => {
      const answer = await swr(region).listNamespaces({}, { signal });
      return answer.namespaces.map((namespace) => namespace.name);
    },
    staleTime: 60_000,
  });

/** Every repository of a region, reduced to what the overview counts. */
export const inventoryQuery = (region: string) =>
  queryOptions({
    queryKey: overviewKeys.inventory(region),
    queryFn: async ({ signal }): Promise<Inventory> => {
      const repositories: Inventory['repositories'] = [];
      let total = 0;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const answer = await swr(region).listReposDetails(
          { query: { limit: PAGE, offset: page * PAGE, order_column: 'name', order_type: 'asc' } },
          { signal },
        );
        total = answer.total;
        for (const repo of answer.items) {
          repositories.push({
            namespace: repo.namespace,
            name: repo.name,
            size: repo.size,
            num_images: repo.num_images,
            updated_at: repo.updated_at,
          });
        }
        if (answer.items.length < PAGE || repositories.length >= total) {
          return { repositories, total, complete: true };
        }
      }
      return { repositories, total, complete: repositories.length >= total };
    },
    staleTime: 60_000,
  });

export interface SharesAnswer {
  shares: RepositoryShare[];
  /** Shared repositories whose shares could not be read. */
  unreadable: { namespace: string; repository: string }[];
  /** Shared repositories left unread beyond the bound. */
  skipped: number;
}

/** Every share this account gives in a region (through the repositories it shares). */
export const sharesQuery = (region: string) =>
  queryOptions({
    queryKey: overviewKeys.shares(region),
    queryFn: async ({ signal }): Promise<SharesAnswer> => {
      const shared: { namespace: string; repository: string }[] = [];
      let total = 0;
      for (let page = 0; page < MAX_PAGES && shared.length < SHARE_SCAN_MAX; page += 1) {
        const answer = await swr(region).listSharedReposDetails(
          { query: { center: 'self', limit: PAGE, offset: page * PAGE } },
          { signal },
        );
        total = answer.total;
        for (const repo of answer.items)
          shared.push({ namespace: repo.namespace, repository: repo.name });
        if (answer.items.length < PAGE || shared.length >= total) break;
      }
      const scanned = shared.slice(0, SHARE_SCAN_MAX);
      const settled = await settleWithLimit(scanned, CONCURRENCY, (repo) =>
        swr(region).listRepoDomains({ params: repo }, { signal }),
      );
      const { values, failed } = successesOrThrow(settled);
      return {
        shares: values.flatMap(({ value }) => value),
        unreadable: failed,
        skipped: Math.max(total, shared.length) - scanned.length,
      };
    },
    staleTime: FAN_OUT_STALE_MS,
  });

/** The latest failed trigger runs of a region, from its most recently pushed repositories. */
export const triggerFailuresQuery = (region: string) =>
  queryOptions({
    queryKey: overviewKeys.triggerFailures(region),
    queryFn: async ({ client, signal }) => {
      const inventory = await client.query(inventoryQuery(region));
      const scanned = mostRecentlyUpdated(inventory.repositories, TRIGGER_SCAN_MAX);
      const settled = await settleWithLimit(scanned, CONCURRENCY, (repo) =>
        swr(region).listTriggersDetails(
          { params: { namespace: repo.namespace, repository: repo.name } },
          { signal },
        ),
      );
      const { values, failed } = successesOrThrow(settled);
      const failures = latestTriggerFailures(
        values.map(({ item, value }) => ({
          namespace: item.namespace,
          repository: item.name,
          triggers: value,
        })),
        RECENT_LIMIT,
      );
      return {
        failures,
        scanned: scanned.length,
        withTags: inventory.repositories.filter((repo) => repo.num_images > 0).length,
        unreadable: failed.map((repo) => ({ namespace: repo.namespace, repository: repo.name })),
      };
    },
    staleTime: FAN_OUT_STALE_MS,
  });

/** The latest SWR changes made through the console in a region (the audit trail: admins only). */
export const recentChangesQuery = (region: string) =>
  queryOptions({
    queryKey: overviewKeys.recentChanges(region),
    queryFn: async ({ signal }) => {
      const answer = await bff(auditListEndpoint, { query: { limit: AUDIT_WINDOW } }, { signal });
      return recentMutations(answer.items, region, RECENT_LIMIT);
    },
    staleTime: 30_000,
  });

/**
 * Reads everything the overview shows again: the region's cards and the other regions' counts.
 * Busy while the region's own cards reload.
 */
export function useRefreshOverview(
  region: string,
  regions: readonly string[],
): { refresh: () => void; refreshing: boolean } {
  const queryClient = useQueryClient();
  const fetching = useIsFetching({ queryKey: overviewKeys.all(region) });
  return {
    refresh: () => {
      for (const other of new Set([region, ...regions])) {
        void queryClient.invalidateQueries({ queryKey: overviewKeys.all(other) });
      }
      void queryClient.invalidateQueries({ queryKey: overviewKeys.recentChanges(region) });
    },
    refreshing: fetching > 0,
  };
}
