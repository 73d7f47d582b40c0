import type { FleetRepository } from '@swr-dashboard/swr-client/browser';
import { describe, expect, it } from 'vitest';
import { chunks, healthRows, matchesFilters, reindexedSince, sortRows } from './rows';

type Health = FleetRepository['syncHealth'][number];

function repository(name: string, health: Health[], override = false): FleetRepository {
  return {
    region: 'cn-north-4',
    namespace: 'team',
    name,
    isPublic: false,
    category: 'other',
    description: '',
    tags: 1,
    size: 1,
    downloads: 0,
    updatedAt: null,
    retentions: [],
    syncTargets: health.map(({ region, namespace }) => ({ region, namespace, override })),
    triggers: [],
    shares: [],
    grants: [],
    syncHealth: health,
    indexedAt: '2026-03-10T12:00:00.000Z',
  };
}

const job = (tag: string) => ({ tag, status: 'failed', at: '2026-03-09T12:00:00.000Z' });

describe('sync health rows', () => {
  it('gives each target its problems, most pressing first, and counts only failed jobs still due', () => {
    const rows = healthRows({
      repositories: [
        repository('a', [
          {
            region: 'cn-east-3',
            namespace: 'team',
            missing: ['v1'],
            differing: ['latest'],
            failedJobs: [job('v1'), job('v1'), job('v0')],
          },
          {
            region: 'ap-southeast-3',
            namespace: 'team',
            missing: [],
            differing: [],
            failedJobs: [],
          },
        ]),
        repository(
          'b',
          [
            {
              region: 'cn-east-3',
              namespace: 'dr',
              missing: null,
              differing: null,
              failedJobs: [job('x')],
            },
          ],
          true,
        ),
      ],
    });
    expect(rows.map((row) => [row.key, row.statuses, row.failedTags, row.override])).toEqual([
      ['cn-north-4/team/a>cn-east-3/team', ['failing', 'differing', 'missing'], ['v1'], false],
      ['cn-north-4/team/a>ap-southeast-3/team', ['healthy'], [], false],
      ['cn-north-4/team/b>cn-east-3/dr', ['unreadable', 'failing'], ['x'], true],
    ]);
    expect(rows[0]?.failing).toHaveLength(2);
    expect(
      rows.filter((row) => matchesFilters(row, { statuses: ['missing'], organization: undefined })),
    ).toHaveLength(1);
    expect(sortRows(rows, { column: 'status', direction: 'asc' }).map((row) => row.status)).toEqual(
      ['unreadable', 'failing', 'healthy'],
    );
  });

  it('lists the tags in name order, numbers by value', () => {
    const [row] = healthRows({
      repositories: [
        repository('a', [
          {
            region: 'cn-east-3',
            namespace: 'team',
            missing: ['v10', 'v2', 'latest'],
            differing: [],
            failedJobs: [],
          },
        ]),
      ],
    });
    expect(row?.missing).toEqual(['latest', 'v2', 'v10']);
  });

  it('splits tags into requests of a bounded size, in order', () => {
    const tags = Array.from({ length: 205 }, (_, index) => String(index));
    expect(chunks(tags, 100).map((group) => [group[0], group.length])).toEqual([
      ['0', 100],
      ['100', 100],
      ['200', 5],
    ]);
    expect(chunks([], 100)).toEqual([]);
  });

  it('tells whether the index read a repository again since a time', () => {
    const answer = { repositories: [repository('a', [])] };
    const at = Date.parse('2026-03-10T12:00:00.000Z');
    expect(reindexedSince(answer, 'cn-north-4/team/a', at)).toBe(true);
    expect(reindexedSince(answer, 'cn-north-4/team/a', at + 1)).toBe(false);
    expect(reindexedSince(answer, 'cn-north-4/team/gone', at + 1)).toBe(true);
  });
});
