/** Effective permissions and redundant grants, by example and as properties over random indexes. */
import type { FleetNamespace, FleetRepository } from '@swr-dashboard/swr-client/browser';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  effectiveAuth,
  findRepositories,
  namespaceKey,
  namespacesByKey,
  publicRepositories,
  redundancyOf,
  redundantGrants,
  repositoryAccess,
  repositoryRefs,
  userNames,
  userReach,
  type Grant,
} from './grants';

const AT = '2026-03-10T12:00:00.000Z';
const READ = 1;
const EDIT = 3;
const MANAGE = 7;

function grant(userName: string, auth: number): Grant {
  return { userId: `id-${userName}`, userName, auth };
}

function namespace(name: string, grants: Grant[], region = 'cn-north-4'): FleetNamespace {
  return { region, name, creator: 'ops', grants, indexedAt: AT };
}

function repository(
  ns: string,
  name: string,
  grants: Grant[],
  extra: Partial<FleetRepository> = {},
): FleetRepository {
  return {
    region: 'cn-north-4',
    namespace: ns,
    name,
    isPublic: false,
    category: 'other',
    description: '',
    tags: 1,
    size: 1,
    downloads: 0,
    updatedAt: null,
    retentions: [],
    syncTargets: [],
    triggers: [],
    shares: [],
    grants,
    syncHealth: [],
    indexedAt: AT,
    ...extra,
  };
}

describe('effective permission', () => {
  it('is the highest grant, or 0 without any', () => {
    expect(effectiveAuth([])).toBe(0);
    expect(effectiveAuth([READ])).toBe(READ);
    expect(effectiveAuth([EDIT, READ, MANAGE])).toBe(MANAGE);
  });

  it('takes the higher of the organization grant and the repository grant', () => {
    const payments = namespace('payments', [grant('alice', EDIT), grant('carol', READ)]);
    const gateway = repository('payments', 'gateway', [grant('carol', EDIT), grant('frank', READ)]);
    const lines = repositoryAccess(gateway, payments);
    expect(lines.map((line) => [line.userName, line.effective])).toEqual([
      ['alice', EDIT],
      ['carol', EDIT],
      ['frank', READ],
    ]);
    expect(lines[1]?.grants).toEqual([
      { source: 'organization', auth: READ, redundant: undefined },
      { source: 'repository', auth: EDIT, redundant: undefined },
    ]);
    expect(lines[2]?.grants).toEqual([{ source: 'repository', auth: READ, redundant: undefined }]);
  });

  it('counts the read a public repository gives everyone', () => {
    const web = repository('web', 'site', [grant('erin', READ)], { isPublic: true });
    const [erin] = repositoryAccess(web, undefined);
    expect(erin?.effective).toBe(READ);
    expect(erin?.isPublic).toBe(true);
    expect(erin?.grants[0]?.redundant).toEqual({ because: 'public' });
  });
});

describe('redundant grants', () => {
  it('are repository grants the organization grant equals or exceeds', () => {
    expect(redundancyOf(READ, EDIT, false)).toEqual({ because: 'organization', auth: EDIT });
    expect(redundancyOf(EDIT, EDIT, false)).toEqual({ because: 'organization', auth: EDIT });
    expect(redundancyOf(MANAGE, EDIT, false)).toBeUndefined();
    expect(redundancyOf(READ, undefined, false)).toBeUndefined();
  });

  it('are read grants on a public repository, the organization named first', () => {
    expect(redundancyOf(READ, undefined, true)).toEqual({ because: 'public' });
    expect(redundancyOf(READ, READ, true)).toEqual({ because: 'organization', auth: READ });
    expect(redundancyOf(EDIT, undefined, true)).toBeUndefined();
  });

  it('are listed for the whole index, by region, repository and user', () => {
    const index = {
      namespaces: [
        namespace('payments', [grant('alice', EDIT), grant('bob', READ)]),
        namespace('payments', [grant('alice', READ)], 'cn-east-3'),
      ],
      repositories: [
        repository('payments', 'gateway', [grant('bob', READ), grant('alice', READ)]),
        repository('payments', 'gateway', [grant('alice', EDIT)], { region: 'cn-east-3' }),
        repository('web', 'site', [grant('zoe', READ)], { isPublic: true }),
      ],
    };
    expect(
      redundantGrants(index).map((entry) => [entry.key, entry.auth, entry.redundancy.because]),
    ).toEqual([
      ['cn-north-4/payments/gateway/alice', READ, 'organization'],
      ['cn-north-4/payments/gateway/bob', READ, 'organization'],
      ['cn-north-4/web/site/zoe', READ, 'public'],
    ]);
  });
});

describe('a user’s reach', () => {
  const index = {
    namespaces: [
      namespace('payments', [grant('alice', EDIT)]),
      namespace('platform', [grant('bob', MANAGE)]),
      namespace('payments', [], 'cn-east-3'),
    ],
    repositories: [
      repository('payments', 'gateway', [grant('alice', READ)]),
      repository('payments', 'ledger', [grant('alice', MANAGE)]),
      repository('payments', 'web', []),
      repository('platform', 'nginx', [grant('alice', READ)]),
      repository('platform', 'base', [], { isPublic: true }),
      repository('payments', 'gateway', [grant('alice', EDIT)], { region: 'cn-east-3' }),
    ],
  };

  it('groups the organizations and repositories by region and organization, with counts', () => {
    const groups = userReach(index, 'alice');
    expect(groups.map((group) => group.key)).toEqual([
      'cn-east-3/payments',
      'cn-north-4/payments',
      'cn-north-4/platform',
    ]);
    const [east, payments, platform] = groups;
    expect(east?.organization).toBeUndefined();
    expect(east?.repositories.map((line) => line.repository?.name)).toEqual(['gateway']);
    expect(east?.counts).toEqual([{ auth: EDIT, repositories: 1 }]);

    expect(payments?.organization?.effective).toBe(EDIT);
    expect(payments?.organization?.repository).toBeUndefined();
    expect(payments?.total).toBe(3);
    expect(payments?.repositories.map((line) => [line.repository?.name, line.effective])).toEqual([
      ['gateway', EDIT],
      ['ledger', MANAGE],
    ]);
    expect(payments?.repositories[0]?.grants[1]?.redundant).toEqual({
      because: 'organization',
      auth: EDIT,
    });
    // web through the organization, gateway too (its read adds nothing), ledger by its own grant.
    expect(payments?.counts).toEqual([
      { auth: MANAGE, repositories: 1 },
      { auth: EDIT, repositories: 2 },
    ]);
    // A public repository without a grant is not in the user's reach: everyone has it.
    expect(platform?.total).toBe(2);
    expect(platform?.counts).toEqual([{ auth: READ, repositories: 1 }]);
  });

  it('is empty for a user without any grant', () => {
    expect(userReach(index, 'nobody')).toEqual([]);
  });

  it('lists the users, repositories and public repositories of the index', () => {
    expect(userNames(index)).toEqual(['alice', 'bob']);
    expect(repositoryRefs(index)).toEqual([
      'payments/gateway',
      'payments/ledger',
      'payments/web',
      'platform/base',
      'platform/nginx',
    ]);
    expect(findRepositories(index, 'payments/gateway').map((repo) => repo.region)).toEqual([
      'cn-east-3',
      'cn-north-4',
    ]);
    expect(findRepositories(index, 'payments').length).toBe(0);
    expect(publicRepositories(index).map((repo) => repo.name)).toEqual(['base']);
  });
});

describe('properties', () => {
  const users = ['alice', 'bob', 'carol', 'dave'];
  const auth = fc.constantFrom(READ, EDIT, MANAGE);
  const grants = fc
    .uniqueArray(fc.constantFrom(...users), { maxLength: users.length })
    .chain((names) => fc.tuple(...names.map((name) => auth.map((level) => grant(name, level)))));
  const namespaces = fc.constantFrom('payments', 'platform', 'data');
  const arbitraryIndex = fc.record({
    namespaces: fc
      .uniqueArray(namespaces, { maxLength: 3 })
      .chain((names) =>
        fc.tuple(...names.map((name) => grants.map((list) => namespace(name, list)))),
      ),
    repositories: fc
      .uniqueArray(fc.tuple(namespaces, fc.constantFrom('a', 'b', 'c')), {
        maxLength: 9,
        selector: ([ns, name]) => `${ns}/${name}`,
      })
      .chain((refs) =>
        fc.tuple(
          ...refs.map(([ns, name]) =>
            fc
              .tuple(grants, fc.boolean())
              .map(([list, isPublic]) => repository(ns, name, list, { isPublic })),
          ),
        ),
      ),
  });
  interface Index {
    namespaces: FleetNamespace[];
    repositories: FleetRepository[];
  }
  const withoutRedundant = (index: Index): Index => {
    const redundant = new Set(redundantGrants(index).map((entry) => entry.key));
    return {
      ...index,
      repositories: index.repositories.map((repo) => ({
        ...repo,
        grants: repo.grants.filter(
          (entry) =>
            !redundant.has(`${repo.region}/${repo.namespace}/${repo.name}/${entry.userName}`),
        ),
      })),
    };
  };
  const accessOf = (index: Index) => {
    const byKey = namespacesByKey(index);
    return new Map(
      index.repositories.flatMap((repo) =>
        repositoryAccess(repo, byKey.get(namespaceKey(repo.region, repo.namespace))).map(
          (line) => [line.key, line.effective] as const,
        ),
      ),
    );
  };

  it('the effective permission is at least every grant behind it, and one of them', () => {
    fc.assert(
      fc.property(arbitraryIndex, (index) => {
        const byKey = namespacesByKey(index);
        for (const repo of index.repositories) {
          const ns = byKey.get(namespaceKey(repo.region, repo.namespace));
          for (const line of repositoryAccess(repo, ns)) {
            const auths = line.grants.map((entry) => entry.auth);
            expect(auths.every((value) => value <= line.effective)).toBe(true);
            const given = repo.isPublic ? [...auths, READ] : auths;
            expect(given).toContain(line.effective);
          }
        }
      }),
    );
  });

  it('removing every redundant grant changes nobody’s effective permission anywhere', () => {
    fc.assert(
      fc.property(arbitraryIndex, (index) => {
        const before = accessOf(index);
        const cleaned = withoutRedundant(index);
        const after = accessOf(cleaned);
        for (const [key, effective] of after) expect(before.get(key)).toBe(effective);
        // A user whose only grant there was redundant keeps the read of a public repository.
        for (const [key, effective] of before) {
          expect(after.get(key) ?? READ).toBe(effective);
        }
        expect(redundantGrants(cleaned)).toEqual([]);
      }),
    );
  });

  it('removing a grant that is not redundant takes something away from its user', () => {
    fc.assert(
      fc.property(arbitraryIndex, (index) => {
        const redundant = new Set(redundantGrants(index).map((entry) => entry.key));
        const before = accessOf(index);
        for (const repo of index.repositories) {
          for (const own of repo.grants) {
            const key = `${repo.region}/${repo.namespace}/${repo.name}/${own.userName}`;
            if (redundant.has(key)) continue;
            const changed = {
              ...index,
              repositories: index.repositories.map((other) =>
                other === repo
                  ? { ...repo, grants: repo.grants.filter((entry) => entry !== own) }
                  : other,
              ),
            };
            expect(accessOf(changed).get(key) ?? 0).toBeLessThan(before.get(key) ?? 0);
          }
        }
      }),
    );
  });

  it('counts each reachable repository once per user, at its effective permission', () => {
    fc.assert(
      fc.property(arbitraryIndex, fc.constantFrom(...users), (index, user) => {
        const effective = accessOf(index);
        for (const group of userReach(index, user)) {
          const reached = group.counts.reduce((sum, count) => sum + count.repositories, 0);
          const mine = index.repositories.filter(
            (repo) =>
              repo.namespace === group.namespace &&
              (group.organization !== undefined ||
                repo.grants.some((entry) => entry.userName === user)),
          );
          expect(reached).toBe(mine.length);
          expect(reached).toBeLessThanOrEqual(group.total);
          for (const line of group.repositories)
            expect(effective.get(line.key)).toBe(line.effective);
        }
      }),
    );
  });
});
