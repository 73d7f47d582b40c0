/**
 * Who may see the fleet's images, as a plan: outbound shares (valid forever, ending within 30
 * days, ending later, ended, and one with an account the emulator holds no keys for), IAM
 * users' permissions on organizations and on repositories, some of them redundant (a user
 * granted a repository of an organization that already grants them).
 */
import { stableId } from '../../config';
import type { Random } from '../random';
import { DAY, type PlannedRepo, type PlannedTeam } from './repositories';

/** The account the fleet's images are shared with, one of the emulator's own accounts. */
const PARTNER = 'partner-corp';
/** An account known by name only: no keys here, not ours. */
const OUTSIDER = 'contractor-x';

const SHARES = { forever: 6, endingSoon: 5, later: 6, ended: 5, outsider: 1 } as const;
const GRANTED_ORGANIZATIONS = 30;
const REDUNDANT_GRANTS = 15;
const OTHER_GRANTS = 35;

/** The demo account's IAM users (packages/emulator-fixtures), none of them the seed's caller. */
const IAM_USERS = [
  'alice-dev',
  'bob-ops',
  'carol-sec',
  'ci-pipeline',
  'dave-data',
  'erin-ml',
  'frank-web',
  'grace-qa',
  'old-contractor',
] as const;

export interface Grant {
  user_id: string;
  user_name: string;
  auth: 1 | 3 | 7;
}

export interface PlannedShare {
  repo: PlannedRepo;
  domain: string;
  createdAt: number;
  /** `forever`, or a time as SWR writes it (`2026-12-01T08:00:00Z`). */
  deadline: string;
  description: string;
}

export interface AccessPlan {
  shares: PlannedShare[];
  organizationGrants: { namespace: string; users: Grant[] }[];
  repositoryGrants: { repo: PlannedRepo; users: Grant[] }[];
}

const DESCRIPTIONS = [
  'Partner integration environment',
  'Joint load test',
  'Vendor support reproduces issues with it',
  'Shared SDK images',
  '',
];

const swrTime = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

function planShares(random: Random, now: number, repos: readonly PlannedRepo[]): PlannedShare[] {
  const pool = random.shuffle(repos.filter((repo) => !repo.isPublic && repo.tags.length > 0));
  const share = (repo: PlannedRepo, kind: keyof typeof SHARES): PlannedShare => {
    const ended = kind === 'ended';
    const createdAt = now - random.int(ended ? 150 : 20, 300) * DAY;
    const deadline = {
      forever: 'forever',
      outsider: 'forever',
      endingSoon: swrTime(now + random.int(1, 28) * DAY + random.int(0, DAY - 1)),
      later: swrTime(now + random.int(60, 365) * DAY),
      ended: swrTime(now - random.int(1, 90) * DAY),
    }[kind];
    const domain = kind === 'outsider' ? OUTSIDER : PARTNER;
    return { repo, domain, createdAt, deadline, description: random.pick(DESCRIPTIONS) };
  };
  const shares: PlannedShare[] = [];
  for (const [kind, count] of Object.entries(SHARES) as [keyof typeof SHARES, number][]) {
    for (const repo of pool.slice(shares.length, shares.length + count))
      shares.push(share(repo, kind));
  }
  return shares;
}

function grant(random: Random, name: string): Grant {
  return {
    user_id: stableId('iam', 'demo-ops', name),
    user_name: name,
    auth: random.pick([1, 3, 7] as const),
  };
}

function planGrants(random: Random, teams: readonly PlannedTeam[], repos: readonly PlannedRepo[]) {
  const organizationGrants = random
    .shuffle(teams)
    .slice(0, GRANTED_ORGANIZATIONS)
    .map((team) => ({
      namespace: team.name,
      users: random
        .shuffle(IAM_USERS)
        .slice(0, random.int(1, 4))
        .map((name) => grant(random, name)),
    }));
  const granted = new Map(
    organizationGrants.map((org) => [org.namespace, org.users.map((user) => user.user_name)]),
  );
  const pool = random.shuffle(repos.filter((repo) => repo.tags.length > 0));
  const redundant = pool.filter((repo) => granted.has(repo.namespace)).slice(0, REDUNDANT_GRANTS);
  const others = pool.filter((repo) => !redundant.includes(repo)).slice(0, OTHER_GRANTS);
  const outside = (repo: PlannedRepo) =>
    random.shuffle(IAM_USERS).filter((name) => !granted.get(repo.namespace)?.includes(name));
  const repositoryGrants = [
    ...redundant.map((repo) => {
      const again = random.pick(granted.get(repo.namespace) ?? []);
      const extra = random.next() < 0.5 ? outside(repo).slice(0, 1) : [];
      return { repo, users: [again, ...extra].map((name) => grant(random, name)) };
    }),
    ...others.map((repo) => ({
      repo,
      users: outside(repo)
        .slice(0, random.int(1, 2))
        .map((name) => grant(random, name)),
    })),
  ];
  return { organizationGrants, repositoryGrants };
}

export function planAccess(
  random: Random,
  now: number,
  teams: readonly PlannedTeam[],
  repos: readonly PlannedRepo[],
): AccessPlan {
  return { shares: planShares(random, now, repos), ...planGrants(random, teams, repos) };
}
