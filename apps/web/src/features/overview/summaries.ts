/**
 * What the overview computes from the fleet index, as plain functions: a region's part of it,
 * counts and storage, shares that need attention by their deadline, triggers whose latest run
 * failed, and the latest changes in the audit trail. The time is always passed in.
 */
import type {
  AuditRecordShape,
  FleetRegion,
  FleetRepository,
  FleetResponse,
} from '@swr-dashboard/swr-client/browser';

const DAY_MS = 86_400_000;

/** The fleet index as the BFF answers it: every region the user may see. */
export type Fleet = FleetResponse;

/** What the overview reads of a repository of the index. */
export type IndexedRepository = Pick<
  FleetRepository,
  'namespace' | 'name' | 'size' | 'tags' | 'triggers' | 'shares'
>;

/** One region's part of the index, and how fresh it is. */
export interface RegionIndex {
  freshness: FleetRegion;
  /** The organizations' names. */
  namespaces: string[];
  repositories: IndexedRepository[];
}

/**
 * A region's part of the index. A region the answer does not name has not been indexed (the
 * BFF answers every region it has; the user's list and the BFF's may differ while one restarts).
 */
export function regionIndex(
  fleet: Pick<Fleet, 'regions' | 'namespaces' | 'repositories'>,
  region: string,
): RegionIndex {
  const freshness = fleet.regions.find((entry) => entry.id === region) ?? {
    id: region,
    status: 'never',
    sweptAt: null,
    sweeping: null,
    error: null,
  };
  return {
    freshness,
    namespaces: fleet.namespaces.filter((entry) => entry.region === region).map((ns) => ns.name),
    repositories: fleet.repositories.filter((entry) => entry.region === region),
  };
}

export interface RegionTotals {
  organizations: number;
  repositories: number;
  tags: number;
  bytes: number;
}

export function regionTotals(index: RegionIndex): RegionTotals {
  let tags = 0;
  let bytes = 0;
  for (const repo of index.repositories) {
    tags += repo.tags;
    bytes += repo.size;
  }
  const organizations = new Set([
    ...index.namespaces,
    ...index.repositories.map((repo) => repo.namespace),
  ]).size;
  return { organizations, repositories: index.repositories.length, tags, bytes };
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
  repositories: readonly Pick<IndexedRepository, 'namespace' | 'size' | 'tags'>[],
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
    organization.tags += repo.tags;
  }
  return [...byName.values()].sort(
    (a, b) => b.bytes - a.bytes || a.namespace.localeCompare(b.namespace),
  );
}

export const EXPIRING_WITHIN_DAYS = 7;

/** A share this account gives, with the repository it shares. */
export type IndexedShare = FleetRepository['shares'][number] & {
  namespace: string;
  repository: string;
};

/** Every share the repositories give. */
export function sharesOf(repositories: readonly IndexedRepository[]): IndexedShare[] {
  return repositories.flatMap((repo) =>
    repo.shares.map((share) => ({ ...share, namespace: repo.namespace, repository: repo.name })),
  );
}

export interface ShareAttention {
  share: IndexedShare;
  state: 'expiring' | 'expired';
  /** The deadline as epoch milliseconds. */
  deadline: number;
}

/**
 * Shares that end within `days` of `now`, soonest first, then shares already ended, most
 * recently ended first. Shares valid forever (or with a deadline that cannot be read) are left out.
 */
export function sharesNeedingAttention(
  shares: readonly IndexedShare[],
  now: number,
  days = EXPIRING_WITHIN_DAYS,
): ShareAttention[] {
  const expiring: ShareAttention[] = [];
  const expired: ShareAttention[] = [];
  for (const share of shares) {
    if (share.until === 'forever') continue;
    const deadline = Date.parse(share.until);
    if (!Number.isFinite(deadline)) continue;
    if (deadline <= now) expired.push({ share, state: 'expired', deadline });
    else if (deadline <= now + days * DAY_MS) expiring.push({ share, state: 'expiring', deadline });
  }
  expiring.sort((a, b) => a.deadline - b.deadline);
  expired.sort((a, b) => b.deadline - a.deadline);
  return [...expiring, ...expired];
}

/** A trigger whose latest run failed. */
export interface TriggerFailure {
  namespace: string;
  repository: string;
  trigger: string;
  /** Whether the trigger is still enabled (a disabled one will not run again on its own). */
  enabled: boolean;
  /** Where it deploys: the cluster and the workload. */
  cluster: string;
  application: string;
  /** The failed run: the tag pushed, and when. */
  tag: string;
  at: string;
}

const time = (iso: string): number => {
  const parsed = Date.parse(iso);
  return Number.isFinite(parsed) ? parsed : 0;
};

/**
 * Triggers whose latest run failed, the most recent failure first. The index keeps each
 * trigger's newest run, so a trigger that failed and has succeeded since is not among them.
 */
export function triggerFailures(repositories: readonly IndexedRepository[]): TriggerFailure[] {
  const failures: TriggerFailure[] = [];
  for (const repo of repositories) {
    for (const trigger of repo.triggers) {
      if (trigger.last?.result !== 'failed') continue;
      failures.push({
        namespace: repo.namespace,
        repository: repo.name,
        trigger: trigger.name,
        enabled: trigger.enabled,
        cluster: trigger.cluster,
        application: trigger.application,
        tag: trigger.last.tag,
        at: trigger.last.at,
      });
    }
  }
  return failures.sort((a, b) => time(b.at) - time(a.at));
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
