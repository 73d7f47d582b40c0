/**
 * What the overview computes from SWR's answers, as plain functions: counts and storage from the
 * repository list, shares that need attention by their deadline, the latest failed trigger runs,
 * and the latest changes in the audit trail. The time is always passed in.
 */
import type {
  AuditRecordShape,
  RepositoryShare,
  RepositorySummary,
  Trigger,
} from '@swr-dashboard/swr-client/browser';

const DAY_MS = 86_400_000;

/** What the overview keeps of a repository. */
export type InventoryRepository = Pick<
  RepositorySummary,
  'namespace' | 'name' | 'size' | 'num_images' | 'updated_at'
>;

export interface Inventory {
  repositories: InventoryRepository[];
  /** How many repositories SWR reports (its `Content-Range` total). */
  total: number;
  /** False when the list was cut short (more pages than the overview reads). */
  complete: boolean;
}

export interface InventoryTotals {
  repositories: number;
  tags: number;
  bytes: number;
}

export function inventoryTotals(inventory: Inventory): InventoryTotals {
  let tags = 0;
  let bytes = 0;
  for (const repo of inventory.repositories) {
    tags += repo.num_images;
    bytes += repo.size;
  }
  return { repositories: Math.max(inventory.total, inventory.repositories.length), tags, bytes };
}

export interface OrganizationStorage {
  namespace: string;
  bytes: number;
  repositories: number;
  tags: number;
}

/**
 * Storage per organization, largest first (ties by name). Organizations without repositories
 * are listed too, with nothing stored, when their names are given.
 */
export function storageByOrganization(
  repositories: readonly InventoryRepository[],
  namespaces: readonly string[] = [],
): OrganizationStorage[] {
  const byName = new Map<string, OrganizationStorage>();
  const entry = (namespace: string): OrganizationStorage => {
    let found = byName.get(namespace);
    if (found === undefined) {
      found = { namespace, bytes: 0, repositories: 0, tags: 0 };
      byName.set(namespace, found);
    }
    return found;
  };
  for (const name of namespaces) entry(name);
  for (const repo of repositories) {
    const organization = entry(repo.namespace);
    organization.bytes += repo.size;
    organization.repositories += 1;
    organization.tags += repo.num_images;
  }
  return [...byName.values()].sort(
    (a, b) => b.bytes - a.bytes || a.namespace.localeCompare(b.namespace),
  );
}

/** The repositories most recently changed (pushed to) first, at most `limit`. */
export function mostRecentlyUpdated(
  repositories: readonly InventoryRepository[],
  limit: number,
): InventoryRepository[] {
  return [...repositories]
    .filter((repo) => repo.num_images > 0)
    .sort((a, b) => Date.parse(b.updated_at) - Date.parse(a.updated_at))
    .slice(0, limit);
}

export const EXPIRING_WITHIN_DAYS = 7;

export interface ShareAttention {
  share: RepositoryShare;
  state: 'expiring' | 'expired';
  /** The deadline as epoch milliseconds. */
  deadline: number;
}

/**
 * Shares that end within `days` of `now`, soonest first, then shares already ended, most
 * recently ended first. Shares valid forever (or with a deadline that cannot be read) are left out.
 */
export function sharesNeedingAttention(
  shares: readonly RepositoryShare[],
  now: number,
  days = EXPIRING_WITHIN_DAYS,
): ShareAttention[] {
  const expiring: ShareAttention[] = [];
  const expired: ShareAttention[] = [];
  for (const share of shares) {
    if (share.deadline === 'forever') continue;
    const deadline = Date.parse(share.deadline);
    if (!Number.isFinite(deadline)) continue;
    if (deadline <= now) expired.push({ share, state: 'expired', deadline });
    else if (deadline <= now + days * DAY_MS) expiring.push({ share, state: 'expiring', deadline });
  }
  expiring.sort((a, b) => a.deadline - b.deadline);
  expired.sort((a, b) => b.deadline - a.deadline);
  return [...expiring, ...expired];
}

export interface RepositoryTriggers {
  namespace: string;
  repository: string;
  triggers: readonly Trigger[];
}

/** A trigger with failed runs: its latest failure and how often it failed. */
export interface TriggerFailure {
  namespace: string;
  repository: string;
  trigger: string;
  /** The latest failed run. */
  tag: string;
  detail: string;
  at: string;
  /** Failed runs, and all runs, in the trigger's history. */
  failed: number;
  runs: number;
  /** Tags of the failed runs before the latest, newest first (a few). */
  earlierTags: string[];
  /** Whether the trigger's latest run failed too (it has not recovered since). */
  stillFailing: boolean;
}

const time = (iso: string): number => {
  const parsed = Date.parse(iso);
  return Number.isFinite(parsed) ? parsed : 0;
};

/** Earlier failed tags named per trigger. */
const EARLIER_TAGS = 3;

/**
 * Triggers whose runs failed, the one with the most recent failure first; each with its latest
 * failed run, so one trigger failing on every push takes one row, not all of them.
 */
export function latestTriggerFailures(
  repositories: readonly RepositoryTriggers[],
  limit: number,
): TriggerFailure[] {
  const failures: TriggerFailure[] = [];
  for (const { namespace, repository, triggers } of repositories) {
    for (const trigger of triggers) {
      const history = [...trigger.trigger_history].sort(
        (a, b) => time(b.created_at) - time(a.created_at),
      );
      const failedRuns = history.filter((run) => run.result === 'failed');
      const latest = failedRuns[0];
      if (latest === undefined) continue;
      failures.push({
        namespace,
        repository,
        trigger: trigger.name,
        tag: latest.tag,
        detail: latest.detail,
        at: latest.created_at,
        failed: failedRuns.length,
        runs: history.length,
        earlierTags: failedRuns.slice(1, 1 + EARLIER_TAGS).map((run) => run.tag),
        stillFailing: history[0]?.result === 'failed',
      });
    }
  }
  return failures.sort((a, b) => time(b.at) - time(a.at)).slice(0, limit);
}

/** The latest changes made through the console in a region (SWR mutations), newest first. */
export function recentMutations(
  records: readonly AuditRecordShape[],
  region: string,
  limit: number,
): AuditRecordShape[] {
  return records
    .filter(
      (record) =>
        record.event.startsWith('swr.') &&
        record.request.method !== 'GET' &&
        record.bff.region === region,
    )
    .sort((a, b) => time(b.ts) - time(a.ts))
    .slice(0, limit);
}

/**
 * Which change a record is, as the overview names it: the operation, except that enabling and
 * disabling a trigger (one operation, `updateTrigger`) are told apart by what was sent.
 */
export function changeKind(record: AuditRecordShape): string {
  const operation = record.event.replace(/^swr\./, '');
  if (operation !== 'updateTrigger') return operation;
  const body = record.request.body as { enable?: unknown } | null;
  if (body?.enable === 'true') return 'enableTrigger';
  if (body?.enable === 'false') return 'disableTrigger';
  return operation;
}

export interface ChangeTarget {
  /** `namespace/repository:tag`, as far as the change names them. */
  path: string | undefined;
  /** The account shared with, the trigger, the retention policy… when the change names one. */
  detail: string | undefined;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

/** What a change was made to, from its path parameters and, for creations, its body. */
export function changeTarget(record: AuditRecordShape): ChangeTarget {
  const body: Record<string, unknown> =
    typeof record.request.body === 'object' && record.request.body !== null
      ? (record.request.body as Record<string, unknown>)
      : {};
  const params = record.request.params;
  const namespace =
    text(record.resource?.namespace) ?? text(params.namespace) ?? text(body.namespace);
  const repository =
    text(record.resource?.name) ?? text(params.repository) ?? text(body.repository);
  const tag = text(record.resource?.tag) ?? text(params.tag);
  let path = namespace;
  if (path !== undefined && repository !== undefined) path = `${path}/${repository}`;
  if (path !== undefined && tag !== undefined) path = `${path}:${tag}`;
  const remote =
    text(body.remoteNamespace) === undefined
      ? undefined
      : `→ ${String(body.remoteNamespace)}${text(body.remoteRegionId) === undefined ? '' : ` @ ${String(body.remoteRegionId)}`}`;
  const detail =
    text(params.access_domain) ??
    text(body.access_domain) ??
    text(params.trigger) ??
    (record.event === 'swr.createTrigger' ? text(body.name) : undefined) ??
    remote;
  return { path, detail };
}
