/** The overview's computations from the fleet index, with the time passed in. */
import type { FleetRepository } from '@swr-dashboard/swr-client/browser';
import { describe, expect, it } from 'vitest';
import {
  regionIndex,
  regionTotals,
  sharesNeedingAttention,
  sharesOf,
  storageByOrganization,
  triggerFailures,
  type IndexedRepository,
  type IndexedShare,
} from './summaries';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const DAY = 86_400_000;

const iso = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

function share(account: string, until: string): IndexedShare {
  return {
    namespace: 'web',
    repository: 'storefront',
    account,
    permit: 'read',
    until,
    valid: true,
  };
}

function repo(
  namespace: string,
  name: string,
  size: number,
  tags: number,
  extra: Partial<IndexedRepository> = {},
): IndexedRepository {
  return { namespace, name, size, tags, triggers: [], shares: [], ...extra };
}

type Trigger = FleetRepository['triggers'][number];

function trigger(name: string, last: Trigger['last'], enabled = true): Trigger {
  return {
    name,
    enabled,
    type: 'all',
    condition: '',
    cluster: 'prod',
    application: 'app',
    last,
  };
}

describe('sharesNeedingAttention', () => {
  it('keeps shares ending within 7 days (soonest first), then ended ones (latest first)', () => {
    const result = sharesNeedingAttention(
      [
        share('forever', 'forever'),
        share('in-8-days', iso(8 * DAY)),
        share('in-7-days', iso(7 * DAY)),
        share('in-1-hour', iso(3_600_000)),
        share('ended-long-ago', iso(-300 * DAY)),
        share('ended-just-now', iso(0)),
        share('unreadable', 'someday'),
      ],
      NOW,
    );
    expect(result.map((entry) => [entry.share.account, entry.state])).toEqual([
      ['in-1-hour', 'expiring'],
      ['in-7-days', 'expiring'],
      ['ended-just-now', 'expired'],
      ['ended-long-ago', 'expired'],
    ]);
  });

  it('takes another window when asked', () => {
    const result = sharesNeedingAttention([share('in-8-days', iso(8 * DAY))], NOW, 10);
    expect(result).toHaveLength(1);
  });

  it('names the repository each share is of', () => {
    const shares = sharesOf([
      repo('web', 'storefront', 1, 1, {
        shares: [{ account: 'acme', permit: 'read', until: 'forever', valid: true }],
      }),
      repo('data', 'airflow', 1, 1),
    ]);
    expect(shares).toEqual([
      {
        namespace: 'web',
        repository: 'storefront',
        account: 'acme',
        permit: 'read',
        until: 'forever',
        valid: true,
      },
    ]);
  });
});

describe('storage and counts', () => {
  const repos: IndexedRepository[] = [
    repo('b', 'one', 10, 2),
    repo('a', 'two', 10, 0),
    repo('c', 'three', 30, 5),
  ];

  it('sums sizes per organization, largest first, ties by name, empty organizations last', () => {
    expect(storageByOrganization(repos, ['z-empty', 'a'])).toEqual([
      { namespace: 'c', bytes: 30, repositories: 1, tags: 5 },
      { namespace: 'a', bytes: 10, repositories: 1, tags: 0 },
      { namespace: 'b', bytes: 10, repositories: 1, tags: 2 },
      { namespace: 'z-empty', bytes: 0, repositories: 0, tags: 0 },
    ]);
  });

  it("counts a region's organizations, repositories, tags and bytes", () => {
    const index = {
      freshness: { id: 'r', status: 'ok' as const, sweptAt: iso(0), sweeping: null, error: null },
      namespaces: ['a', 'b', 'z-empty'],
      repositories: repos,
    };
    // An organization that holds a repository counts even if its own entry is missing.
    expect(regionTotals(index)).toEqual({ organizations: 4, repositories: 3, tags: 7, bytes: 50 });
  });

  it("takes a region's part of the index, and a region it does not name as never indexed", () => {
    const fleet = {
      regions: [{ id: 'r1', status: 'ok' as const, sweptAt: iso(0), sweeping: null, error: null }],
      namespaces: [
        { region: 'r1', name: 'a', creator: 'x', grants: [], indexedAt: iso(0) },
        { region: 'r2', name: 'b', creator: 'x', grants: [], indexedAt: iso(0) },
      ],
      repositories: [],
    };
    expect(regionIndex(fleet, 'r1').namespaces).toEqual(['a']);
    expect(regionIndex(fleet, 'r2')).toEqual({
      freshness: { id: 'r2', status: 'never', sweptAt: null, sweeping: null, error: null },
      namespaces: ['b'],
      repositories: [],
    });
  });
});

describe('triggerFailures', () => {
  it('keeps the triggers whose latest run failed, the most recent first', () => {
    const failures = triggerFailures([
      repo('a', 'one', 1, 1, {
        triggers: [
          trigger('old-failure', { result: 'failed', at: iso(-2 * DAY), tag: 'v1' }),
          trigger('fine', { result: 'success', at: iso(-DAY), tag: 'v2' }),
          trigger('never-ran', null),
        ],
      }),
      repo('b', 'two', 1, 1, {
        triggers: [trigger('new-failure', { result: 'failed', at: iso(-DAY), tag: 'v3' }, false)],
      }),
    ]);
    expect(failures.map((failure) => [failure.trigger, failure.tag, failure.enabled])).toEqual([
      ['new-failure', 'v3', false],
      ['old-failure', 'v1', true],
    ]);
    expect(failures[0]).toMatchObject({ namespace: 'b', repository: 'two', cluster: 'prod' });
  });
});
