import type { SyncStart } from '@swr-dashboard/swr-client/browser';
import { describe, expect, it } from 'vitest';
import { startsOfJobs } from './started-by';

const start = (at: string, by: string, tags: string[] | null, jobsFrom?: string): SyncStart => ({
  at,
  by,
  tags,
  remoteRegionId: 'cn-east-3',
  remoteNamespace: 'payments',
  ...(jobsFrom === undefined ? {} : { jobsFrom }),
});

let nextId = 1;
const job = (tag: string, createdAt: string, remoteNamespace = 'payments') => ({
  id: nextId++,
  tag,
  createdAt,
  remoteRegionId: 'cn-east-3',
  remoteNamespace,
});

/** Who started each job, in the order given ('' for nobody through the console). */
function who(jobs: ReturnType<typeof job>[], starts: SyncStart[]): string[] {
  const byJob = startsOfJobs(jobs, starts);
  return jobs.map((one) => byJob.get(one.id)?.by ?? '');
}

describe('startsOfJobs', () => {
  // Newest first, as the BFF answers.
  const starts = [
    start('2026-03-01T12:00:00Z', 'bob', null),
    start('2026-03-01T10:00:00Z', 'alice', ['v1', 'v2']),
  ];

  it('gives each job to the request that asked for its tag, to its target, just before', () => {
    expect(
      who(
        [
          job('v1', '2026-03-01T10:00:03Z'),
          // SWR's clock may be a little behind the console's.
          job('v2', '2026-03-01T09:59:30Z'),
        ],
        starts,
      ),
    ).toEqual(['alice', 'alice']);
  });

  it('gives each asked-for tag one job: a later sync of the tag (a policy) is nobody’s', () => {
    expect(
      who([job('v1', '2026-03-01T10:05:00Z'), job('v1', '2026-03-01T10:00:02Z')], starts),
    ).toEqual(['', 'alice']);
  });

  it('takes a request whose tags were too many to keep as one that asked for any tag, once each', () => {
    expect(
      who(
        [
          job('v9', '2026-03-01T12:00:01Z'),
          job('v8', '2026-03-01T12:00:01Z'),
          job('v9', '2026-03-01T12:03:00Z'),
        ],
        starts,
      ),
    ).toEqual(['bob', 'bob', '']);
  });

  it('matches nothing long after, well before, or for another tag or target', () => {
    expect(
      who(
        [
          job('v1', '2026-03-01T10:30:00Z'),
          job('v1', '2026-03-01T09:50:00Z'),
          job('v3', '2026-03-01T10:00:03Z'),
          job('v1', '2026-03-01T10:00:03Z', 'other'),
        ],
        starts,
      ),
    ).toEqual(['', '', '', '']);
  });

  it("goes by SWR's own time of the request where SWR gave it", () => {
    const timed = [start('2026-03-01T10:00:00Z', 'alice', ['v1'], '2026-03-01T10:00:02Z')];
    // A policy's job of the same tag, dated by SWR a moment before the request reached it.
    expect(
      who([job('v1', '2026-03-01T10:00:01Z'), job('v1', '2026-03-01T10:00:02.500Z')], timed),
    ).toEqual(['', 'alice']);
  });
});
