/**
 * The radar's rows: every outbound share of the index, one row per repository and account, with
 * when it ends seen at one time, ordered by end date; and the accounts shared with, summed up.
 * Pure: the same answer and time give the same rows.
 */
import type { FleetRepository, FleetResponse } from '@swr-dashboard/swr-client/browser';
import { ENDING_SOON_DAYS } from '../../lib/share-ends';

const DAY_MS = 86_400_000;

type Share = FleetRepository['shares'][number];

/** When a share ends: already, within {@link ENDING_SOON_DAYS}, later, or never. */
export type ShareEnd = 'ended' | 'soon' | 'later' | 'forever';

/** The groups a user filters on: "later" holds the shares that never end too. */
export const GROUPS = ['ended', 'soon', 'later'] as const;
export type Group = (typeof GROUPS)[number];

export interface ShareRow {
  /** `region/namespace/name/account`: unique in the answer. */
  key: string;
  region: string;
  namespace: string;
  repository: string;
  share: Share;
  end: ShareEnd;
  group: Group;
  /** The end as a time (ms); null when it never ends or SWR's date cannot be read. */
  endsAt: number | null;
  /** Shared with an account that is not one of the company's own, and not ended. */
  leaving: boolean;
}

export interface AccountSummary {
  account: string;
  /** The repositories shared with it. */
  repositories: number;
  /** The earliest end of its shares still open; null when none of them ends. */
  earliestEnd: number | null;
  /** Its shares not ended yet. */
  open: number;
  ended: number;
  endingSoon: number;
  /** Not one of the company's own accounts. */
  outside: boolean;
}

/** When a share ends, seen at `now` (as the Fleet grid sees it). */
export function shareEnd(share: Share, now: number): ShareEnd {
  if (share.until === 'forever') return share.valid ? 'forever' : 'ended';
  const end = Date.parse(share.until);
  if (!share.valid || !Number.isFinite(end) || end <= now) return 'ended';
  return end - now <= ENDING_SOON_DAYS * DAY_MS ? 'soon' : 'later';
}

function endTime(share: Share): number | null {
  const end = share.until === 'forever' ? NaN : Date.parse(share.until);
  return Number.isFinite(end) ? end : null;
}

/**
 * Where a row goes in the list: ended first (those without a readable date before the rest),
 * then by end date, and the shares that never end last.
 */
function rank(row: ShareRow): number {
  if (row.endsAt !== null) return row.endsAt;
  return row.end === 'ended' ? -Infinity : Infinity;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byEnd(a: ShareRow, b: ShareRow): number {
  return (
    rank(a) - rank(b) ||
    compare(a.namespace, b.namespace) ||
    compare(a.repository, b.repository) ||
    compare(a.region, b.region) ||
    compare(a.share.account, b.share.account)
  );
}

/**
 * The company's own accounts, as the Fleet grid tells them: when the company names none, the
 * index cannot tell one of ours from another, and every account counts as outside.
 */
export function ownAccountTest(ownAccounts: readonly string[]): (account: string) => boolean {
  const own = new Set(ownAccounts);
  return (account) => own.has(account);
}

/** Every share of the answer as a row, seen at `now`, ordered by end date. */
export function shareRows(
  answer: Pick<FleetResponse, 'ownAccounts' | 'repositories'>,
  now: number,
): ShareRow[] {
  const isOwn = ownAccountTest(answer.ownAccounts);
  const rows = answer.repositories.flatMap((repository) =>
    repository.shares.map((share): ShareRow => {
      const end = shareEnd(share, now);
      return {
        key: `${repository.region}/${repository.namespace}/${repository.name}/${share.account}`,
        region: repository.region,
        namespace: repository.namespace,
        repository: repository.name,
        share,
        end,
        group: end === 'forever' ? 'later' : end,
        endsAt: endTime(share),
        leaving: end !== 'ended' && !isOwn(share.account),
      };
    }),
  );
  return rows.sort(byEnd);
}

function summaryOf(account: string, rows: readonly ShareRow[], outside: boolean): AccountSummary {
  const open = rows.filter((row) => row.end !== 'ended');
  const ends = open.flatMap((row) => (row.endsAt === null ? [] : [row.endsAt]));
  return {
    account,
    repositories: new Set(rows.map((row) => `${row.region}/${row.namespace}/${row.repository}`))
      .size,
    earliestEnd: ends.length === 0 ? null : Math.min(...ends),
    open: open.length,
    ended: rows.length - open.length,
    endingSoon: rows.filter((row) => row.end === 'soon').length,
    outside,
  };
}

/**
 * Each account shared with, summed up: outside the company first, then the one whose open shares
 * end first, then by name.
 */
export function accountSummaries(
  rows: readonly ShareRow[],
  ownAccounts: readonly string[],
): AccountSummary[] {
  const isOwn = ownAccountTest(ownAccounts);
  const byAccount = new Map<string, ShareRow[]>();
  for (const row of rows) {
    const shares = byAccount.get(row.share.account);
    if (shares === undefined) byAccount.set(row.share.account, [row]);
    else shares.push(row);
  }
  return [...byAccount]
    .map(([account, shares]) => summaryOf(account, shares, !isOwn(account)))
    .sort(
      (a, b) =>
        Number(b.outside) - Number(a.outside) ||
        (a.earliestEnd ?? Infinity) - (b.earliestEnd ?? Infinity) ||
        compare(a.account, b.account),
    );
}

export interface RadarFilters {
  /** Only this group; every group when undefined. */
  group: Group | undefined;
  /** Only the shares with this account. */
  account: string | undefined;
  /** Only the shares leaving the company. */
  leaving: boolean;
}

export function matchesFilters(row: ShareRow, filters: RadarFilters): boolean {
  if (filters.group !== undefined && row.group !== filters.group) return false;
  if (filters.account !== undefined && row.share.account !== filters.account) return false;
  return !filters.leaving || row.leaving;
}

/** How many rows each group holds. */
export function groupCounts(rows: readonly ShareRow[]): Record<Group, number> {
  const counts: Record<Group, number> = { ended: 0, soon: 0, later: 0 };
  for (const row of rows) counts[row.group] += 1;
  return counts;
}
