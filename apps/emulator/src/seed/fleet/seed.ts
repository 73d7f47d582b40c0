/**
 * The fleet seed: the demo account as a large company's SWR, for account-wide views. 50
 * organizations with 1,000 repositories in cn-north-4, a year of tags, retention, triggers,
 * sync to the other regions, shares and permissions (./repositories.ts, ./policies.ts,
 * ./access.ts say what and how many).
 *
 * The plan is drawn from a seeded random source and every time is an offset from `now`, so the
 * same `now` gives the same data. It is applied through the emulator's own operations and
 * effects, in one transaction: the history of tags in bulk (`addTags`), then the policies, then
 * the last three weeks' pushes one by one, which fire the triggers, sync and apply retention as
 * real pushes do.
 */
import type { EmulatorConfig } from '../../config';
import type { Store } from '../../store/store';
import type { SeedSummary } from '../demo';
import { Random } from '../random';
import { SeedSession } from '../session';
import { planAccess, type AccessPlan } from './access';
import { MAIN, planPolicies, type PolicyPlan } from './policies';
import { DAY, planRepositories, type PlannedRepo, type PlannedTeam } from './repositories';

const RANDOM_SEED = 15_000_050;
/** When the policies, triggers and sync arrive: after the history, before the live pushes. */
const SETUP = 21 * DAY;

interface FleetPlan extends PolicyPlan, AccessPlan {
  teams: PlannedTeam[];
  repos: PlannedRepo[];
}

function planFleet(now: number): FleetPlan {
  // One random source per part, so that a part drawing more or less (tag names collide on some
  // dates and not on others) leaves the others as they are.
  const source = (part: number) => new Random(RANDOM_SEED + part);
  const { teams, repos } = planRepositories(source(0), source(1), now);
  return {
    teams,
    repos,
    ...planPolicies(source(2), now, repos),
    ...planAccess(source(3), now, teams, repos),
  };
}

const at = (seed: SeedSession, ms: number) => {
  seed.now = new Date(ms);
};

function createRepositories(seed: SeedSession, plan: FleetPlan): void {
  for (const team of plan.teams) {
    at(seed, team.createdAt);
    seed.call(MAIN, 'createNamespace', { body: { namespace: team.name } });
  }
  for (const repo of plan.repos) {
    at(seed, repo.createdAt);
    seed.call(MAIN, 'createRepo', {
      params: { namespace: repo.namespace },
      body: {
        repository: repo.name,
        is_public: repo.isPublic,
        category: repo.category,
        description: repo.description,
      },
    });
    seed.backfill(
      MAIN,
      repo.namespace,
      repo.name,
      repo.tags.map((tag) => ({ tag: tag.tag, size: tag.size, at: new Date(tag.at) })),
    );
  }
}

function grantPermissions(seed: SeedSession, plan: FleetPlan, now: number): void {
  at(seed, now - SETUP);
  for (const { namespace, users } of plan.organizationGrants)
    seed.call(MAIN, 'createNamespaceAuth', { params: { namespace }, body: users });
  for (const { repo, users } of plan.repositoryGrants) {
    seed.call(MAIN, 'createUserRepositoryAuth', {
      params: { namespace: repo.namespace, repository: repo.name },
      body: users,
    });
  }
  for (const share of plan.shares) {
    at(seed, share.createdAt);
    seed.call(MAIN, 'createRepoDomains', {
      params: { namespace: share.repo.namespace, repository: share.repo.name },
      body: {
        access_domain: share.domain,
        permit: 'read',
        deadline: share.deadline,
        description: share.description,
      },
    });
  }
}

function createSync(seed: SeedSession, plan: FleetPlan, now: number): void {
  at(seed, now - SETUP - DAY);
  const targets = new Set<string>();
  for (const sync of plan.syncs) {
    const key = `${sync.region}/${sync.repo.namespace}`;
    if (targets.has(key)) continue;
    targets.add(key);
    seed.call(sync.region, 'createNamespace', { body: { namespace: sync.repo.namespace } });
  }
  at(seed, now - SETUP);
  for (const sync of plan.syncs) {
    const params = { namespace: sync.repo.namespace, repository: sync.repo.name };
    const target = { remoteRegionId: sync.region, remoteNamespace: sync.repo.namespace };
    seed.call(MAIN, 'createImageSyncRepo', {
      params,
      body: { ...target, syncAuto: true, override: sync.override },
    });
    if (sync.manual.length > 0) {
      seed.call(MAIN, 'createManualImageSyncRepo', {
        params,
        body: { ...target, imageTag: sync.manual, override: sync.override },
      });
    }
  }
}

function createPolicies(seed: SeedSession, plan: FleetPlan, now: number): void {
  plan.retention.forEach(({ repo, body }, i) => {
    at(seed, now - SETUP + i * 60_000);
    seed.call(MAIN, 'createRetention', {
      params: { namespace: repo.namespace, repository: repo.name },
      body,
    });
  });
  plan.triggers.forEach(({ repo, body }, i) => {
    at(seed, now - SETUP + i * 60_000);
    seed.call(MAIN, 'createTrigger', {
      params: { namespace: repo.namespace, repository: repo.name },
      body,
    });
  });
}

/** Seeds an empty store with the fleet account, in one transaction. */
export function seedFleet(input: { store: Store; config: EmulatorConfig; now: Date }): SeedSummary {
  const { store, config } = input;
  const now = input.now.getTime();
  const plan = planFleet(now);
  return store.transaction(() => {
    const seed = new SeedSession(store, config, 'demo-ops', input.now);
    createRepositories(seed, plan);
    grantPermissions(seed, plan, now);
    createSync(seed, plan, now);
    createPolicies(seed, plan, now);
    for (const push of plan.live) {
      at(seed, push.at);
      seed.push(MAIN, push.repo.namespace, push.repo.name, push.tag, push.size);
    }
    for (const repo of plan.repos) {
      if (repo.downloads > 0) seed.pulls(MAIN, repo.namespace, repo.name, repo.downloads);
    }
    return {
      organizations: plan.teams.length,
      repositories: plan.repos.length,
      pushes: plan.repos.reduce((sum, repo) => sum + repo.tags.length, 0) + plan.live.length,
    };
  });
}
