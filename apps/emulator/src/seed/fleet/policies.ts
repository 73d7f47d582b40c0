/**
 * What the fleet's repositories have besides tags, as a plan: retention policies on a third of
 * them, deploy triggers (succeeding, failing on the unavailable legacy cluster within the last
 * week or before it, on CCI, disabled, never matched), automatic sync to another region, and the
 * pushes of the last three weeks that set the triggers, syncs and retention off.
 *
 * Every group has a fixed size, drawn from one shuffled pool of active repositories, so the
 * totals are the same on every run and the tests can state them.
 */
import type { OperationInput } from '@swr-dashboard/swr-client';
import { stableId } from '../../config';
import type { Random } from '../random';
import { DAY, type PlannedRepo } from './repositories';

export const MAIN = 'cn-north-4';
const EAST = 'cn-east-3';
const SOUTHEAST = 'ap-southeast-3';

export type TriggerBody = OperationInput<'createTrigger'>['body'];
export type RetentionBody = OperationInput<'createRetention'>['body'];

/** Group sizes, in the order they are taken from the pool of active repositories. */
const GROUPS = {
  /** A trigger on the unavailable legacy cluster, pushed to within the last week. */
  failingRecently: 12,
  /** The same, last pushed to 8 to 20 days ago. */
  failedEarlier: 5,
  /** Deploying to prod or staging; the first few also have a failing legacy trigger. */
  deploying: 30,
  cci: 8,
  disabled: 6,
  /** A `tag` trigger on `stable;latest` that no new tag has matched. */
  tagOnly: 4,
  sync: 60,
  /** Pushed to in the last three weeks, with nothing else planned. */
  alsoLive: 150,
} as const;
const ALSO_FAILING = 6;
const SYNC_TO_EAST = 48;
const MANUALLY_SYNCED = 30;
const RETENTION_POLICIES = 333;

export interface PlannedTrigger {
  repo: PlannedRepo;
  body: TriggerBody;
}

export interface PlannedSync {
  repo: PlannedRepo;
  region: string;
  override: boolean;
  /** Tags copied by hand when the policy was made: the rest of the history is not there. */
  manual: string[];
}

export interface LivePush {
  repo: PlannedRepo;
  tag: string;
  at: number;
  size: number;
}

/** Where a repository's pushes of the last three weeks fall. */
type Window = 'recent' | 'older' | 'any';

/** Consecutive slices of `pool`, one per group, of the groups' sizes. */
function slices<K extends string>(pool: readonly PlannedRepo[], sizes: Record<K, number>) {
  const groups = {} as Record<K, PlannedRepo[]>;
  let next = 0;
  for (const [name, size] of Object.entries(sizes) as [K, number][]) {
    groups[name] = pool.slice(next, next + size);
    if (groups[name].length !== size) throw new Error('the fleet has too few active repositories');
    next += size;
  }
  return groups;
}

const CONDITIONS: Record<PlannedRepo['style'], string | undefined> = {
  semver: '^v?\\d+\\.\\d+\\.\\d+$',
  git: '^(main-)?[0-9a-f]{7}$',
  calver: '^\\d{4}\\.\\d{2}\\.\\d{2}',
  mixed: undefined,
};

function trigger(repo: PlannedRepo, name: string, fields: Partial<TriggerBody>): PlannedTrigger {
  const application = repo.name.replaceAll('/', '-').slice(0, 63).replace(/-+$/, '');
  return {
    repo,
    body: {
      action: 'update',
      app_type: 'deployments',
      application,
      cluster_ns: repo.namespace,
      condition: '.*',
      enable: 'true',
      name,
      trigger_type: 'all',
      ...fields,
    },
  };
}

const cluster = (stage: 'prod' | 'staging' | 'legacy') => stableId('cluster', MAIN, stage);

function planTriggers(groups: Record<keyof typeof GROUPS, PlannedRepo[]>): PlannedTrigger[] {
  const legacy = { cluster_id: cluster('legacy') };
  return [
    ...groups.failingRecently.map((repo) => trigger(repo, 'deploy-legacy', legacy)),
    ...groups.failedEarlier.map((repo) => trigger(repo, 'deploy-legacy', legacy)),
    ...groups.deploying.map((repo, i) => {
      const condition = i % 2 === 1 ? CONDITIONS[repo.style] : undefined;
      return trigger(repo, i % 3 === 2 ? 'deploy-staging' : 'deploy-prod', {
        cluster_id: cluster(i % 3 === 2 ? 'staging' : 'prod'),
        ...(condition === undefined ? {} : { trigger_type: 'regular', condition }),
      });
    }),
    ...groups.deploying
      .slice(0, ALSO_FAILING)
      .map((repo) => trigger(repo, 'deploy-legacy', legacy)),
    ...groups.cci.map((repo) => trigger(repo, 'deploy-cci', { trigger_mode: 'cci' })),
    ...groups.disabled.map((repo) =>
      trigger(repo, 'deploy-prod', { cluster_id: cluster('prod'), enable: 'false' }),
    ),
    ...groups.tagOnly.map((repo) =>
      trigger(repo, 'roll-stable', {
        cluster_id: cluster('prod'),
        trigger_type: 'tag',
        condition: 'stable;latest',
      }),
    ),
  ];
}

function planSyncs(repos: readonly PlannedRepo[]): PlannedSync[] {
  return repos.map((repo, i) => {
    const versions = repo.tags.filter((tag) => tag.tag !== 'latest').slice(-3);
    return {
      repo,
      region: i < SYNC_TO_EAST ? EAST : SOUTHEAST,
      override: i % 2 === 0,
      manual: i < MANUALLY_SYNCED ? [...versions.map((tag) => tag.tag), 'latest'] : [],
    };
  });
}

function retentionRule(random: Random, i: number): RetentionBody {
  const latest = [{ kind: 'label' as const, pattern: 'latest' }];
  const rule =
    i % 5 < 3
      ? {
          template: 'tag_rule' as const,
          params: { num: String(random.pick([10, 15, 20, 30, 50])) },
          tag_selectors:
            i % 3 === 0
              ? []
              : i % 3 === 1
                ? latest
                : [{ kind: 'regexp' as const, pattern: '^release-' }],
        }
      : {
          template: 'date_rule' as const,
          params: { days: String(random.pick([60, 90, 180, 365])) },
          tag_selectors: i % 2 === 0 ? latest : [],
        };
  return { algorithm: 'or', rules: [rule] };
}

/** The pushes of the last three weeks of one repository, in its window. */
function livePushes(random: Random, now: number, repo: PlannedRepo, window: Window): LivePush[] {
  const [from, to] = window === 'older' ? [20 * DAY, 8 * DAY] : [20 * DAY, DAY / 24];
  const count = random.int(1, window === 'older' ? 3 : 6);
  const times = Array.from({ length: count }, () => now - to - random.next() * (from - to));
  if (window === 'recent') times.push(now - DAY / 24 - random.next() * 5 * DAY);
  times.sort((a, b) => a - b);
  return times.map((at) => ({
    repo,
    tag: repo.namer.next(at),
    at: Math.round(at),
    size: Math.round(repo.size * (0.95 + 0.15 * random.next())),
  }));
}

/** `latest` pushed again: a new image under a tag the repository (and perhaps a target) has. */
function latestAgain(random: Random, now: number, repo: PlannedRepo): LivePush {
  const at = Math.round(now - DAY / 24 - random.next() * 19 * DAY);
  return { repo, tag: 'latest', at, size: Math.round(repo.size * (1 + 0.1 * random.next())) };
}

function planLive(
  random: Random,
  now: number,
  groups: Record<keyof typeof GROUPS, PlannedRepo[]>,
): LivePush[] {
  const recent = new Set([...groups.failingRecently, ...groups.deploying.slice(0, ALSO_FAILING)]);
  const older = new Set(groups.failedEarlier);
  const pushes: LivePush[] = [];
  for (const repos of Object.values(groups)) {
    for (const repo of repos) {
      const window = recent.has(repo) ? 'recent' : older.has(repo) ? 'older' : 'any';
      pushes.push(...livePushes(random, now, repo, window));
    }
  }
  const again = [...groups.sync, ...groups.alsoLive.filter(() => random.next() < 0.2)];
  pushes.push(...again.map((repo) => latestAgain(random, now, repo)));
  return pushes.sort((a, b) => a.at - b.at);
}

export interface PolicyPlan {
  retention: { repo: PlannedRepo; body: RetentionBody }[];
  triggers: PlannedTrigger[];
  syncs: PlannedSync[];
  live: LivePush[];
}

export function planPolicies(
  random: Random,
  now: number,
  repos: readonly PlannedRepo[],
): PolicyPlan {
  const active = repos.filter(
    (repo) => repo.tags.length >= 5 && repo.hasLatest && !repo.big && !repo.stale,
  );
  const groups = slices(random.shuffle(active), GROUPS);
  const retained = random
    .shuffle(repos.filter((repo) => repo.tags.length > 0 && !repo.big))
    .slice(0, RETENTION_POLICIES);
  return {
    retention: retained.map((repo, i) => ({ repo, body: retentionRule(random, i) })),
    triggers: planTriggers(groups),
    syncs: planSyncs(groups.sync),
    live: planLive(random, now, groups),
  };
}
