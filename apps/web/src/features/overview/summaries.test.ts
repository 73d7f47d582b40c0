/** The overview's computations, with the time passed in. */
import type { ResponseOf } from '@swr-dashboard/swr-client/browser';
import { describe, expect, it } from 'vitest';
import { settleWithLimit, successesOrThrow } from './concurrency';
import {
  inventoryTotals,
  mostRecentlyUpdated,
  sharesNeedingAttention,
  storageByOrganization,
  type InventoryRepository,
} from './summaries';

type Share = ResponseOf<'listRepoDomains'>[number];

const NOW = Date.parse('2026-03-10T12:00:00Z');
const DAY = 86_400_000;

function share(account: string, deadline: string): Share {
  return {
    namespace: 'web',
    repository: 'storefront',
    access_domain: account,
    permit: 'read',
    deadline,
    description: '',
    creator_id: 'u1',
    creator_name: 'ops',
    created: '2026-01-01T00:00:00Z',
    updated: '2026-01-01T00:00:00Z',
    status: true,
  };
}

const iso = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

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
    expect(result.map((entry) => [entry.share.access_domain, entry.state])).toEqual([
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
});

describe('storage and counts', () => {
  const repos: InventoryRepository[] = [
    { namespace: 'b', name: 'one', size: 10, num_images: 2, updated_at: iso(-DAY) },
    { namespace: 'a', name: 'two', size: 10, num_images: 0, updated_at: iso(0) },
    { namespace: 'c', name: 'three', size: 30, num_images: 5, updated_at: iso(-2 * DAY) },
  ];

  it('sums sizes per organization, largest first, ties by name, empty organizations last', () => {
    expect(storageByOrganization(repos, ['z-empty', 'a'])).toEqual([
      { namespace: 'c', bytes: 30, repositories: 1, tags: 5 },
      { namespace: 'a', bytes: 10, repositories: 1, tags: 0 },
      { namespace: 'b', bytes: 10, repositories: 1, tags: 2 },
      { namespace: 'z-empty', bytes: 0, repositories: 0, tags: 0 },
    ]);
  });

  it('counts with the total SWR reports', () => {
    expect(inventoryTotals({ repositories: repos, total: 3, complete: true })).toEqual({
      repositories: 3,
      tags: 7,
      bytes: 50,
    });
  });

  it('picks the most recently pushed repositories that hold tags', () => {
    expect(mostRecentlyUpdated(repos, 5).map((repo) => repo.name)).toEqual(['one', 'three']);
    expect(mostRecentlyUpdated(repos, 1).map((repo) => repo.name)).toEqual(['one']);
  });
});

describe('bounded fan-out', () => {
  it('runs at most the limit at once and keeps every outcome in order', async () => {
    let running = 0;
    let most = 0;
    const settled = await settleWithLimit([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await Promise.resolve();
      running -= 1;
      if (n === 4) throw new Error('four');
      return n * 10;
    });
    expect(most).toBeLessThanOrEqual(3);
    expect(settled.map((outcome) => (outcome.ok ? outcome.value : 'failed'))).toEqual([
      10,
      20,
      30,
      'failed',
      50,
      60,
      70,
    ]);
    expect(successesOrThrow(settled).failed).toEqual([4]);
  });

  it('fails as a whole when nothing could be read', async () => {
    const settled = await settleWithLimit([1, 2], 2, () => Promise.reject(new Error('down')));
    expect(() => successesOrThrow(settled)).toThrow('down');
  });
});
