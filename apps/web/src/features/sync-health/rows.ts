/**
 * Sync health's rows: one per repository and automatic sync target of the fleet index, with what
 * the target lacks (tags missing there, tags with another digest), the failed sync jobs whose tag
 * the target still lacks, and a status. Pure: the same answer gives the same rows.
 */
import type { FleetRepository, FleetResponse } from '@swr-dashboard/swr-client/browser';

type Target = FleetRepository['syncHealth'][number];
export type FailedJob = Target['failedJobs'][number];

/** From the most pressing to the least; a row has one or more problems, or is healthy. */
export const STATUSES = ['unreadable', 'failing', 'differing', 'missing', 'healthy'] as const;
export type Status = (typeof STATUSES)[number];

export interface HealthRow {
  /** `region/namespace/name>targetRegion/targetNamespace`: unique in the answer. */
  key: string;
  repository: FleetRepository;
  target: Target;
  /** Whether the automatic policy replaces tags the target already has. */
  override: boolean;
  /** Tags the target lacks; empty when it could not be read. */
  missing: readonly string[];
  /** Tags the target holds with another digest; empty when it could not be read. */
  differing: readonly string[];
  /** The week's failed jobs whose tag the target still lacks (all of them when unreadable). */
  failing: readonly FailedJob[];
  /** The distinct tags of {@link failing}. */
  failedTags: readonly string[];
  /** Each problem the row has, most pressing first; `['healthy']` when none. */
  statuses: readonly Status[];
  /** The most pressing of {@link statuses}. */
  status: Status;
}

/** `region/namespace/name`: a repository's key in the index. */
export function repositoryKey(repository: Pick<FleetRepository, 'region' | 'namespace' | 'name'>) {
  return `${repository.region}/${repository.namespace}/${repository.name}`;
}

function statusesOf(row: Omit<HealthRow, 'statuses' | 'status' | 'key'>): Status[] {
  const has: Record<Status, boolean> = {
    unreadable: row.target.missing === null || row.target.differing === null,
    failing: row.failing.length > 0,
    differing: row.differing.length > 0,
    missing: row.missing.length > 0,
    healthy: false,
  };
  const problems = STATUSES.filter((status) => has[status]);
  return problems.length === 0 ? ['healthy'] : problems;
}

/** Tags in name order, numbers by value (`v2` before `v10`): lists read and compare easily. */
function byName(tags: readonly string[]): string[] {
  return [...tags].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

function rowOf(repository: FleetRepository, target: Target): HealthRow {
  const unreadable = target.missing === null || target.differing === null;
  const missing = byName(target.missing ?? []);
  const differing = byName(target.differing ?? []);
  const lacking = new Set([...missing, ...differing]);
  // A job that failed for a tag the target now holds as the source does needs nothing more.
  const failing = unreadable
    ? target.failedJobs
    : target.failedJobs.filter((job) => lacking.has(job.tag));
  const base = {
    repository,
    target,
    override:
      repository.syncTargets.find(
        (candidate) =>
          candidate.region === target.region && candidate.namespace === target.namespace,
      )?.override ?? false,
    missing,
    differing,
    failing,
    failedTags: [...new Set(failing.map((job) => job.tag))],
  };
  const statuses = statusesOf(base);
  return {
    ...base,
    key: `${repositoryKey(repository)}>${target.region}/${target.namespace}`,
    statuses,
    status: statuses[0] ?? 'healthy',
  };
}

/** The rows of an answer: each repository's sync targets, in the index's order. */
export function healthRows(answer: Pick<FleetResponse, 'repositories'>): HealthRow[] {
  return answer.repositories.flatMap((repository) =>
    repository.syncHealth.map((target) => rowOf(repository, target)),
  );
}

/** How many rows have each status as their most pressing. */
export function countByStatus(rows: readonly HealthRow[]): Record<Status, number> {
  const counts = Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<
    Status,
    number
  >;
  for (const row of rows) counts[row.status] += 1;
  return counts;
}

export interface HealthFilters {
  /** A row shows when one of its statuses is chosen. */
  statuses: readonly Status[];
  /** The source repository's organization; every one when undefined. */
  organization: string | undefined;
}

export function matchesFilters(row: HealthRow, filters: HealthFilters): boolean {
  if (filters.organization !== undefined && row.repository.namespace !== filters.organization) {
    return false;
  }
  return row.statuses.some((status) => filters.statuses.includes(status));
}

/** The source organizations of the rows, sorted, once each. */
export function organizationsOf(rows: readonly HealthRow[]): string[] {
  return [...new Set(rows.map((row) => row.repository.namespace))].sort();
}

export const SORT_COLUMNS = [
  'repository',
  'region',
  'target',
  'status',
  'missing',
  'differing',
  'failed',
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export interface HealthSort {
  column: SortColumn;
  direction: 'asc' | 'desc';
}

const SORT_VALUES: Record<SortColumn, (row: HealthRow) => string | number> = {
  repository: (row) => `${row.repository.namespace}/${row.repository.name}`,
  region: (row) => row.repository.region,
  target: (row) => `${row.target.region}/${row.target.namespace}`,
  // Ascending: the most pressing first.
  status: (row) => STATUSES.indexOf(row.status),
  missing: (row) => row.missing.length,
  differing: (row) => row.differing.length,
  failed: (row) => row.failing.length,
};

function compare(a: string | number, b: string | number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The rows in the order asked for; equal values keep to repository, region and target. */
export function sortRows(rows: readonly HealthRow[], sort: HealthSort): HealthRow[] {
  const value = SORT_VALUES[sort.column];
  const sign = sort.direction === 'asc' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, value: value(row) }));
  keyed.sort((a, b) => sign * compare(a.value, b.value) || compare(a.row.key, b.row.key));
  return keyed.map((entry) => entry.row);
}

/** `items` in consecutive groups of at most `size` (a manual sync takes a bounded number). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    out.push(items.slice(start, start + size));
  }
  return out;
}

/**
 * Whether the index has read a repository again since `since` (ms): its entry is newer, or gone
 * (the repository was deleted meanwhile, or the answer is of another region).
 */
export function reindexedSince(
  answer: Pick<FleetResponse, 'repositories'>,
  key: string,
  since: number,
): boolean {
  const entry = answer.repositories.find((repository) => repositoryKey(repository) === key);
  return entry === undefined || Date.parse(entry.indexedAt) >= since;
}

/** How a row is named in labels: `organization/repository` and `region/organization`. */
export function rowNames(row: HealthRow): { source: string; target: string } {
  return {
    source: `${row.repository.namespace}/${row.repository.name}`,
    target: `${row.target.region}/${row.target.namespace}`,
  };
}
