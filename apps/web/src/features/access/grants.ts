/**
 * Who can reach what, from the fleet index's grants (decision 0016): a user's effective
 * permission on a repository is the highest of their grant on its organization, their grant on the
 * repository itself and, for a public repository, the read everyone in the account has. A
 * repository grant is redundant when that permission is already given without it: by the
 * organization grant (at least as much), or, for a read grant, by the repository being public.
 * Users are told apart by their IAM user name, as the console shows them. Pure: the same answer
 * gives the same result.
 */
import {
  PERMISSION_LEVELS,
  type FleetNamespace,
  type FleetRepository,
  type FleetResponse,
} from '@swr-dashboard/swr-client/browser';

export type Grant = FleetRepository['grants'][number];
type Index = Pick<FleetResponse, 'namespaces' | 'repositories'>;

/** What everyone in the account may do with a public repository: pull it. */
export const PUBLIC_AUTH: number = PERMISSION_LEVELS.read;

export type GrantSource = 'organization' | 'repository';

/** Why a repository grant adds nothing. */
export type Redundancy =
  /** The organization grant gives `auth`, at least as much. */
  | { because: 'organization'; auth: number }
  /** The repository is public: everyone in the account can read it. */
  | { because: 'public' };

export interface GrantInfo {
  source: GrantSource;
  auth: number;
  redundant: Redundancy | undefined;
}

/** One user's access to one repository (or, with `repository` undefined, to an organization). */
export interface AccessLine {
  /** Unique in a result. */
  key: string;
  region: string;
  namespace: string;
  /** Undefined for an organization grant, which reaches every repository of the organization. */
  repository: FleetRepository | undefined;
  userName: string;
  /** The highest permission the user has there; 0 for none. */
  effective: number;
  /** The grants behind it, the organization's first. */
  grants: GrantInfo[];
  /** The repository is public: everyone can read it, grant or not. */
  isPublic: boolean;
}

/** `region/namespace`: an organization is unique per region. */
export function namespaceKey(region: string, namespace: string): string {
  return `${region}/${namespace}`;
}

/** `namespace/name`, as the page names a repository. */
export function repositoryRef(repository: Pick<FleetRepository, 'namespace' | 'name'>): string {
  return `${repository.namespace}/${repository.name}`;
}

/** The highest of the permissions given (0 for none). */
export function effectiveAuth(auths: readonly number[]): number {
  return auths.reduce((highest, auth) => Math.max(highest, auth), 0);
}

/** Why a repository grant of `auth` adds nothing, or undefined when it gives more. */
export function redundancyOf(
  auth: number,
  organizationAuth: number | undefined,
  isPublic: boolean,
): Redundancy | undefined {
  if (organizationAuth !== undefined && organizationAuth >= auth) {
    return { because: 'organization', auth: organizationAuth };
  }
  if (isPublic && auth <= PUBLIC_AUTH) return { because: 'public' };
  return undefined;
}

function byUser(grants: readonly Grant[]): Map<string, Grant> {
  return new Map(grants.map((grant) => [grant.userName, grant]));
}

/** The organizations of the index by {@link namespaceKey}. */
export function namespacesByKey(index: Pick<Index, 'namespaces'>): Map<string, FleetNamespace> {
  return new Map(index.namespaces.map((ns) => [namespaceKey(ns.region, ns.name), ns]));
}

/** A user's access to a repository from their grants on it and on its organization. */
function lineOf(
  repository: FleetRepository,
  userName: string,
  organization: Grant | undefined,
  own: Grant | undefined,
): AccessLine {
  const grants: GrantInfo[] = [];
  if (organization !== undefined) {
    grants.push({ source: 'organization', auth: organization.auth, redundant: undefined });
  }
  if (own !== undefined) {
    const redundant = redundancyOf(own.auth, organization?.auth, repository.isPublic);
    grants.push({ source: 'repository', auth: own.auth, redundant });
  }
  const publicAuth = repository.isPublic ? [PUBLIC_AUTH] : [];
  return {
    key: `${repository.region}/${repositoryRef(repository)}/${userName}`,
    region: repository.region,
    namespace: repository.namespace,
    repository,
    userName,
    effective: effectiveAuth([...grants.map((grant) => grant.auth), ...publicAuth]),
    grants,
    isPublic: repository.isPublic,
  };
}

/** Highest permission first, then by user name. */
function byPermissionThenName(a: AccessLine, b: AccessLine): number {
  return b.effective - a.effective || compareText(a.userName, b.userName);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Every user with a grant on the repository or on its organization (`namespace`, of the same
 * region), with their effective permission and why: highest first, then by name.
 */
export function repositoryAccess(
  repository: FleetRepository,
  namespace: FleetNamespace | undefined,
): AccessLine[] {
  const organization = byUser(namespace?.grants ?? []);
  const own = byUser(repository.grants);
  const users = new Set([...organization.keys(), ...own.keys()]);
  return [...users]
    .map((user) => lineOf(repository, user, organization.get(user), own.get(user)))
    .sort(byPermissionThenName);
}

/** The repositories of the index named `namespace/name` (one per region that has it). */
export function findRepositories(index: Pick<Index, 'repositories'>, ref: string) {
  return index.repositories
    .filter((repository) => repositoryRef(repository) === ref)
    .sort((a, b) => compareText(a.region, b.region));
}

/** How many repositories a user reaches with each permission, highest first. */
export interface LevelCount {
  auth: number;
  repositories: number;
}

/** What a user reaches in one organization of one region. */
export interface ReachGroup {
  key: string;
  region: string;
  namespace: string;
  /** The user's grant on the organization: a line for it, or undefined when they have none. */
  organization: AccessLine | undefined;
  /** The repositories where the user has a grant of their own. */
  repositories: AccessLine[];
  /** The organization's repositories in the index. */
  total: number;
  /** The repositories the user can reach (by a grant), counted by effective permission. */
  counts: LevelCount[];
}

function countLevels(auths: readonly number[]): LevelCount[] {
  const counts = new Map<number, number>();
  for (const auth of auths) counts.set(auth, (counts.get(auth) ?? 0) + 1);
  return [...counts]
    .map(([auth, repositories]) => ({ auth, repositories }))
    .sort((a, b) => b.auth - a.auth);
}

function organizationLine(namespace: FleetNamespace, grant: Grant): AccessLine {
  return {
    key: `${namespaceKey(namespace.region, namespace.name)}/*/${grant.userName}`,
    region: namespace.region,
    namespace: namespace.name,
    repository: undefined,
    userName: grant.userName,
    effective: grant.auth,
    grants: [{ source: 'organization', auth: grant.auth, redundant: undefined }],
    isPublic: false,
  };
}

/** A user's reach in one organization: its grant, the repositories' own grants, the counts. */
function reachIn(
  key: string,
  namespace: FleetNamespace | undefined,
  repositories: readonly FleetRepository[],
  userName: string,
): ReachGroup | undefined {
  const organization = namespace?.grants.find((grant) => grant.userName === userName);
  const lines = repositories.map((repository) =>
    lineOf(
      repository,
      userName,
      organization,
      repository.grants.find((grant) => grant.userName === userName),
    ),
  );
  const reached = lines.filter((line) => line.grants.length > 0);
  const first = repositories[0];
  if (reached.length === 0 && organization === undefined) return undefined;
  return {
    key,
    region: namespace?.region ?? first?.region ?? '',
    namespace: namespace?.name ?? first?.namespace ?? '',
    organization:
      namespace === undefined || organization === undefined
        ? undefined
        : organizationLine(namespace, organization),
    repositories: reached
      .filter((line) => line.grants.some((grant) => grant.source === 'repository'))
      .sort((a, b) => compareText(a.repository?.name ?? '', b.repository?.name ?? '')),
    total: repositories.length,
    counts: countLevels(reached.map((line) => line.effective)),
  };
}

/** The index's repositories by organization ({@link namespaceKey}). */
function repositoriesByNamespace(index: Pick<Index, 'repositories'>) {
  const groups = new Map<string, FleetRepository[]>();
  for (const repository of index.repositories) {
    const key = namespaceKey(repository.region, repository.namespace);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [repository]);
    else group.push(repository);
  }
  return groups;
}

/**
 * Everything a user reaches through a grant, by organization (by region, then name): the
 * organization grant, each repository grant with the effective permission and why, and how many
 * repositories they reach with each permission.
 */
export function userReach(index: Index, userName: string): ReachGroup[] {
  const namespaces = namespacesByKey(index);
  const repositories = repositoriesByNamespace(index);
  const keys = new Set([...namespaces.keys(), ...repositories.keys()]);
  return [...keys]
    .sort(compareText)
    .map((key) => reachIn(key, namespaces.get(key), repositories.get(key) ?? [], userName))
    .filter((group) => group !== undefined);
}

/** Every user with a grant anywhere in the index, by name. */
export function userNames(index: Index): string[] {
  const names = new Set<string>();
  for (const ns of index.namespaces) for (const grant of ns.grants) names.add(grant.userName);
  for (const repo of index.repositories) for (const grant of repo.grants) names.add(grant.userName);
  return [...names].sort(compareText);
}

/** Every repository of the index as `namespace/name`, once, in order. */
export function repositoryRefs(index: Pick<Index, 'repositories'>): string[] {
  return [...new Set(index.repositories.map(repositoryRef))].sort(compareText);
}

/** A repository grant that adds nothing, with where it is and why. */
export interface RedundantGrant {
  key: string;
  repository: FleetRepository;
  userName: string;
  auth: number;
  redundancy: Redundancy;
}

/** Every redundant repository grant of the index, by region, repository and user. */
export function redundantGrants(index: Index): RedundantGrant[] {
  const namespaces = namespacesByKey(index);
  return index.repositories
    .flatMap((repository) => {
      const organization = byUser(
        namespaces.get(namespaceKey(repository.region, repository.namespace))?.grants ?? [],
      );
      return repository.grants.flatMap((grant): RedundantGrant[] => {
        const auth = organization.get(grant.userName)?.auth;
        const redundancy = redundancyOf(grant.auth, auth, repository.isPublic);
        if (redundancy === undefined) return [];
        const key = `${repository.region}/${repositoryRef(repository)}/${grant.userName}`;
        return [{ key, repository, userName: grant.userName, auth: grant.auth, redundancy }];
      });
    })
    .sort((a, b) => compareText(a.key, b.key));
}

/** The index's public repositories. */
export function publicRepositories(index: Pick<Index, 'repositories'>): FleetRepository[] {
  return index.repositories.filter((repository) => repository.isPublic);
}

/** The lines of the repositories named `ref` (one per user with a grant there, by region). */
export function repositoryLines(index: Index, ref: string): AccessLine[] {
  const namespaces = namespacesByKey(index);
  return findRepositories(index, ref).flatMap((repository) =>
    repositoryAccess(
      repository,
      namespaces.get(namespaceKey(repository.region, repository.namespace)),
    ),
  );
}

/** A user's reach as lines, by organization: its grant first, then its repositories'. */
export function reachLines(groups: readonly ReachGroup[]): AccessLine[] {
  return groups.flatMap((group) => [
    ...(group.organization === undefined ? [] : [group.organization]),
    ...group.repositories,
  ]);
}
