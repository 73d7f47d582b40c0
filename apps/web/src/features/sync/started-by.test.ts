import type { SyncStart } from '@swr-dashboard/swr-client/browser';
import { describe, expect, it } from 'vitest';
import { startOf } from './started-by';

const start = (at: string, by: string, tags: string[] | null): SyncStart => ({
  at,
  by,
  tags,
  remoteRegionId: 'cn-east-3',
  remoteNamespace: 'payments',
});

const job = (tag: string, createdAt: string) => ({
  tag,
  createdAt,
  remoteRegionId: 'cn-east-3',
  remoteNamespace: 'payments',
});

describe('startOf', () => {
  // Newest first, as the BFF answers.
  const starts = [
    start('2026-03-01T12:00:00Z', 'bob', null),
    start('2026-03-01T10:00:00Z', 'alice', ['v1']),
  ];

  it('finds the newest start that asked for the tag, to that target, just before the job', () => {
    expect(startOf(job('v1', '2026-03-01T10:00:03Z'), starts)?.by).toBe('alice');
    // SWR's clock may be a little behind the console's.
    expect(startOf(job('v1', '2026-03-01T09:59:30Z'), starts)?.by).toBe('alice');
  });

  it('takes a start whose tags were too many to keep as one that asked for any tag', () => {
    expect(startOf(job('v9', '2026-03-01T12:00:01Z'), starts)?.by).toBe('bob');
  });

  it('matches nothing long after, well before, or for another tag or target', () => {
    expect(startOf(job('v1', '2026-03-01T10:30:00Z'), starts)).toBeUndefined();
    expect(startOf(job('v1', '2026-03-01T09:50:00Z'), starts)).toBeUndefined();
    expect(startOf(job('v2', '2026-03-01T10:00:03Z'), starts)).toBeUndefined();
    expect(
      startOf({ ...job('v1', '2026-03-01T10:00:03Z'), remoteNamespace: 'other' }, starts),
    ).toBeUndefined();
  });

  it("goes by SWR's own time of the request where SWR gave it", () => {
    const timed = [
      { ...start('2026-03-01T10:00:00Z', 'alice', ['v1']), jobsFrom: '2026-03-01T10:00:02Z' },
    ];
    // A policy's job of the same tag, dated by SWR a moment before the request reached it.
    expect(startOf(job('v1', '2026-03-01T10:00:01Z'), timed)).toBeUndefined();
    expect(startOf(job('v1', '2026-03-01T10:00:02.500Z'), timed)?.by).toBe('alice');
  });
});
