/** The radar's rows: ends seen at one time, the order by end date, the accounts, the filters. */
import type { FleetRepository } from '@swr-dashboard/swr-client/browser';
import { describe, expect, it } from 'vitest';
import { ENDING_SOON_DAYS } from '../../lib/share-ends';
import { accountSummaries, groupCounts, matchesFilters, shareEnd, shareRows } from './rows';
import { readView, viewSearch } from './view-state';

type Share = FleetRepository['shares'][number];

const NOW = Date.parse('2026-03-10T12:00:00Z');
const DAY = 86_400_000;
const iso = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();

function share(account: string, until: string, valid = true): Share {
  return { account, permit: 'read', until, valid };
}

function repository(namespace: string, name: string, shares: Share[], region = 'cn-north-4') {
  return { region, namespace, name, shares } as unknown as FleetRepository;
}

describe('share ends', () => {
  it('counts a share as ending soon within the shared threshold, and ended once invalid', () => {
    expect(shareEnd(share('a', iso(ENDING_SOON_DAYS * DAY)), NOW)).toBe('soon');
    expect(shareEnd(share('a', iso(ENDING_SOON_DAYS * DAY + 1)), NOW)).toBe('later');
    expect(shareEnd(share('a', iso(-1)), NOW)).toBe('ended');
    expect(shareEnd(share('a', iso(30 * DAY), false), NOW)).toBe('ended');
    expect(shareEnd(share('a', 'forever'), NOW)).toBe('forever');
    expect(shareEnd(share('a', 'forever', false), NOW)).toBe('ended');
    expect(shareEnd(share('a', 'not a date'), NOW)).toBe('ended');
  });
});

const ANSWER = {
  ownAccounts: ['demo-dr'],
  repositories: [
    repository('payments', 'gateway', [
      share('partner-corp', 'forever'),
      share('demo-dr', iso(3 * DAY)),
    ]),
    repository('platform', 'nginx', [share('partner-corp', iso(2 * DAY))]),
    repository('platform', 'alpine', [share('contractor-x', iso(-20 * DAY), false)]),
    repository('data', 'spark', [share('contractor-x', iso(40 * DAY))], 'cn-east-3'),
    repository('data', 'airflow', [share('partner-corp', 'forever', false)]),
  ],
};

describe('share rows', () => {
  it('orders the shares by end: ended first, then by date, never-ending last', () => {
    expect(
      shareRows(ANSWER, NOW).map((row) => `${row.namespace}/${row.repository} ${row.end}`),
    ).toEqual([
      'data/airflow ended',
      'platform/alpine ended',
      'platform/nginx soon',
      'payments/gateway soon',
      'data/spark later',
      'payments/gateway forever',
    ]);
  });

  it('marks an open share with an account not our own as leaving the company', () => {
    const leaving = shareRows(ANSWER, NOW)
      .filter((row) => row.leaving)
      .map((row) => row.key);
    expect(leaving).toEqual([
      'cn-north-4/platform/nginx/partner-corp',
      'cn-east-3/data/spark/contractor-x',
      'cn-north-4/payments/gateway/partner-corp',
    ]);
    // No own account named: every account is outside (as the Fleet grid has it).
    expect(
      shareRows({ ...ANSWER, ownAccounts: [] }, NOW).filter((row) => row.leaving),
    ).toHaveLength(4);
  });

  it('sums each account up, outside the company first, then by earliest end', () => {
    const rows = shareRows(ANSWER, NOW);
    expect(accountSummaries(rows, ANSWER.ownAccounts)).toEqual([
      {
        account: 'partner-corp',
        repositories: 3,
        earliestEnd: NOW + 2 * DAY,
        open: 2,
        ended: 1,
        endingSoon: 1,
        outside: true,
      },
      {
        account: 'contractor-x',
        repositories: 2,
        earliestEnd: NOW + 40 * DAY,
        open: 1,
        ended: 1,
        endingSoon: 0,
        outside: true,
      },
      {
        account: 'demo-dr',
        repositories: 1,
        earliestEnd: NOW + 3 * DAY,
        open: 1,
        ended: 0,
        endingSoon: 1,
        outside: false,
      },
    ]);
  });

  it('filters by group, account and leaving, and counts each group', () => {
    const rows = shareRows(ANSWER, NOW);
    const keys = (
      group: 'ended' | 'soon' | 'later' | undefined,
      account?: string,
      leaving = false,
    ) =>
      rows.filter((row) => matchesFilters(row, { group, account, leaving })).map((row) => row.key);
    expect(keys('later')).toEqual([
      'cn-east-3/data/spark/contractor-x',
      'cn-north-4/payments/gateway/partner-corp',
    ]);
    expect(keys(undefined, 'contractor-x')).toEqual([
      'cn-north-4/platform/alpine/contractor-x',
      'cn-east-3/data/spark/contractor-x',
    ]);
    expect(keys('soon', undefined, true)).toEqual(['cn-north-4/platform/nginx/partner-corp']);
    expect(groupCounts(rows)).toEqual({ ended: 2, soon: 2, later: 2 });
  });
});

describe('the view in the URL', () => {
  it('reads what it knows, drops the rest, and writes defaults out', () => {
    const view = readView(
      new URLSearchParams('regions=all&group=soon&account=partner-corp&leaving=1'),
    );
    expect(view).toEqual({
      allRegions: true,
      group: 'soon',
      account: 'partner-corp',
      leaving: true,
    });
    expect(viewSearch(view)).toBe('regions=all&group=soon&account=partner-corp&leaving=1');
    const junk = readView(new URLSearchParams('regions=some&group=never&account=&leaving=yes'));
    expect(junk).toEqual({
      allRegions: false,
      group: undefined,
      account: undefined,
      leaving: false,
    });
    expect(viewSearch(junk)).toBe('');
  });
});
