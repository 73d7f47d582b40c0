/**
 * The fleet grid's rows: each repository of the index with what the grid shows, filters and sorts
 * on worked out once per answer (its shares' ends, its recent trigger failures, whether anything
 * leaves the company). Pure: the same answer and time give the same rows.
 */
import type { FleetRepository, FleetResponse } from '@swr-dashboard/swr-client/browser';
import { ENDING_SOON_DAYS } from '../../lib/share-ends';

const DAY_MS = 86_400_000;
/** A trigger whose last run failed within this many days counts as recently failed. */
export const RECENT_FAILURE_DAYS = 7;

export type Share = FleetRepository['shares'][number];
export type Trigger = FleetRepository['triggers'][number];

/** When a share ends: never, later, within {@link ENDING_SOON_DAYS}, or already. */
export type ShareEnd = 'forever' | 'later' | 'soon' | 'ended';

export interface ShareInfo {
  share: Share;
  end: ShareEnd;
  /** Shared with an account that is not one of the company's own (and not ended). */
  outside: boolean;
}

export interface FleetRow {
  /** `region/namespace/name`: unique in the answer. */
  key: string;
  repository: FleetRepository;
  /** `namespace/name` in lower case, for the text filter. */
  search: string;
  /** Triggers whose last run failed within {@link RECENT_FAILURE_DAYS} days. */
  recentFailures: number;
  /** Triggers whose last run failed, whenever. */
  failedTriggers: number;
  shares: ShareInfo[];
  endingSoon: number;
  ended: number;
  /** Accounts outside the company that a share still open reaches. */
  outsideAccounts: string[];
}

/** When a share ends, seen at `now`. A share SWR no longer counts as valid has ended. */
export function shareEnd(share: Share, now: number): ShareEnd {
  if (share.until === 'forever') return share.valid ? 'forever' : 'ended';
  const end = Date.parse(share.until);
  if (!share.valid || !Number.isFinite(end) || end <= now) return 'ended';
  return end - now <= ENDING_SOON_DAYS * DAY_MS ? 'soon' : 'later';
}

/** Whether a trigger's last run failed within {@link RECENT_FAILURE_DAYS} days of `now`. */
export function failedRecently(trigger: Trigger, now: number): boolean {
  if (trigger.last?.result !== 'failed') return false;
  const at = Date.parse(trigger.last.at);
  return Number.isFinite(at) && now - at <= RECENT_FAILURE_DAYS * DAY_MS;
}

/**
 * The grid's rows of an answer, seen at `now`. An account not among `ownAccounts` is outside the
 * company; when the company names no account of its own, every account is (the index cannot tell
 * one of ours from another, and says so above the grid).
 */
export function fleetRows(
  answer: Pick<FleetResponse, 'ownAccounts' | 'repositories'>,
  now: number,
) {
  const own = new Set(answer.ownAccounts);
  return answer.repositories.map((repository): FleetRow => {
    const shares = repository.shares.map((share): ShareInfo => {
      const end = shareEnd(share, now);
      return { share, end, outside: end !== 'ended' && !own.has(share.account) };
    });
    return {
      key: `${repository.region}/${repository.namespace}/${repository.name}`,
      repository,
      search: `${repository.namespace}/${repository.name}`.toLowerCase(),
      recentFailures: repository.triggers.filter((trigger) => failedRecently(trigger, now)).length,
      failedTriggers: repository.triggers.filter((trigger) => trigger.last?.result === 'failed')
        .length,
      shares,
      endingSoon: shares.filter((info) => info.end === 'soon').length,
      ended: shares.filter((info) => info.end === 'ended').length,
      outsideAccounts: [
        ...new Set(shares.filter((info) => info.outside).map((info) => info.share.account)),
      ],
    };
  });
}

export const FACETS = ['no-retention', 'failed-trigger', 'shared-outside', 'has-sync'] as const;
export type Facet = (typeof FACETS)[number];

const FACET_TESTS: Record<Facet, (row: FleetRow) => boolean> = {
  'no-retention': (row) => row.repository.retentions.length === 0,
  'failed-trigger': (row) => row.recentFailures > 0,
  'shared-outside': (row) => row.outsideAccounts.length > 0,
  'has-sync': (row) => row.repository.syncTargets.length > 0,
};

export interface FleetFilters {
  /** Part of `organization/repository`, any case. */
  text: string;
  /** Every one must hold. */
  facets: readonly Facet[];
  /** More tags than this, when set. */
  tagsOver: number | undefined;
}

export function matchesFilters(row: FleetRow, filters: FleetFilters): boolean {
  const text = filters.text.trim().toLowerCase();
  if (text !== '' && !row.search.includes(text)) return false;
  if (filters.tagsOver !== undefined && row.repository.tags <= filters.tagsOver) return false;
  return filters.facets.every((facet) => FACET_TESTS[facet](row));
}

export const SORT_COLUMNS = [
  'organization',
  'repository',
  'region',
  'tags',
  'size',
  'downloads',
  'updated',
  'retention',
  'sync',
  'triggers',
  'shares',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export interface FleetSort {
  column: SortColumn;
  direction: 'asc' | 'desc';
}

/** How a retention policy orders: none first, then by age (days), then by count (newest N). */
function retentionRank(repository: FleetRepository): number {
  const rule = repository.retentions[0]?.rules[0];
  if (rule === undefined) return repository.retentions.length === 0 ? 0 : 1;
  const amount = Number(rule.template === 'tag_rule' ? rule.params.num : rule.params.days);
  const base = rule.template === 'date_rule' ? 1e6 : rule.template === 'tag_rule' ? 2e6 : 3e6;
  return base + (Number.isFinite(amount) ? amount : 0);
}

const SORT_VALUES: Record<SortColumn, (row: FleetRow) => string | number> = {
  organization: (row) => row.repository.namespace,
  repository: (row) => row.repository.name,
  region: (row) => row.repository.region,
  tags: (row) => row.repository.tags,
  size: (row) => row.repository.size,
  downloads: (row) => row.repository.downloads,
  updated: (row) => {
    const at = row.repository.updatedAt === null ? NaN : Date.parse(row.repository.updatedAt);
    return Number.isFinite(at) ? at : -Infinity;
  },
  retention: (row) => retentionRank(row.repository),
  sync: (row) => row.repository.syncTargets.length,
  // Failing triggers weigh more than any number of others.
  triggers: (row) => row.failedTriggers * 1000 + row.repository.triggers.length,
  // Shares reaching outside the company weigh more than any number of others.
  shares: (row) => row.outsideAccounts.length * 1000 + row.shares.length,
};

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The rows in the order asked for; equal values keep to organization, repository and region. */
export function sortRows(rows: readonly FleetRow[], sort: FleetSort): FleetRow[] {
  const value = SORT_VALUES[sort.column];
  const sign = sort.direction === 'asc' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, value: value(row) }));
  keyed.sort(
    (a, b) =>
      sign * compare(a.value, b.value) ||
      compare(a.row.repository.namespace, b.row.repository.namespace) ||
      compare(a.row.repository.name, b.row.repository.name) ||
      compare(a.row.repository.region, b.row.repository.region),
  );
  return keyed.map((entry) => entry.row);
}
