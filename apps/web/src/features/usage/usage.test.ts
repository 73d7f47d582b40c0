/**
 * Usage over time: a region's daily totals, one or stacked by organization, and one organization's
 * own.
 */
import { describe, expect, it } from 'vitest';
import { dailyTotals, OTHERS_KEY, stackedByOrganization } from './usage';

function row(day: string, namespace: string, tags: number, region = 'cn-north-4') {
  return { day, region, namespace, repositories: 1, tags, size: tags * 10 };
}

describe('dailyTotals', () => {
  it("adds up the region's organizations per day, oldest day first, other regions aside", () => {
    const rows = [
      row('2026-03-02', 'a', 5),
      row('2026-03-01', 'a', 1),
      row('2026-03-01', 'b', 2),
      row('2026-03-02', 'a', 100, 'cn-east-3'),
    ];
    expect(dailyTotals(rows, { region: 'cn-north-4' }, 'tags')).toEqual([
      { day: '2026-03-01', value: 3 },
      { day: '2026-03-02', value: 5 },
    ]);
    expect(dailyTotals(rows, { region: 'cn-north-4' }, 'size')).toEqual([
      { day: '2026-03-01', value: 30 },
      { day: '2026-03-02', value: 50 },
    ]);
  });

  it("takes one organization's own totals, oldest day first, other regions aside", () => {
    const rows = [
      row('2026-03-02', 'a', 5),
      row('2026-03-01', 'a', 1),
      row('2026-03-01', 'b', 2),
      row('2026-03-01', 'a.b', 7),
      row('2026-03-02', 'a', 100, 'cn-east-3'),
    ];
    expect(dailyTotals(rows, { region: 'cn-north-4', namespace: 'a' }, 'tags')).toEqual([
      { day: '2026-03-01', value: 1 },
      { day: '2026-03-02', value: 5 },
    ]);
    expect(dailyTotals(rows, { region: 'cn-north-4', namespace: 'c' }, 'tags')).toEqual([]);
  });
});

describe('stackedByOrganization', () => {
  it('keys organizations by rank (names may hold dots), and counts a missing day as 0', () => {
    const rows = [
      row('2026-03-01', 'team.a', 4),
      row('2026-03-02', 'team.a', 6),
      row('2026-03-02', 'b', 9),
    ];
    const stack = stackedByOrganization(rows, 'cn-north-4', 'tags');
    expect(stack.organizations).toEqual([
      { key: 'org0', namespace: 'b' },
      { key: 'org1', namespace: 'team.a' },
    ]);
    expect(stack.others).toBe(false);
    expect(stack.points).toEqual([
      { day: '2026-03-01', org0: 0, org1: 4 },
      { day: '2026-03-02', org0: 9, org1: 6 },
    ]);
  });

  it('adds up the organizations past the named ones, ties by name', () => {
    const rows = ['d', 'c', 'b', 'a'].map((name) => row('2026-03-01', name, 5));
    const stack = stackedByOrganization(rows, 'cn-north-4', 'tags', 2);
    expect(stack.organizations.map((entry) => entry.namespace)).toEqual(['a', 'b']);
    expect(stack.others).toBe(true);
    expect(stack.points).toEqual([{ day: '2026-03-01', org0: 5, org1: 5, [OTHERS_KEY]: 10 }]);
  });
});
