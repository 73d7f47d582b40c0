/**
 * Who started a sync job. SWR records the IAM user whose key made the call: for every job the
 * console starts, the console's own. The console's audit trail knows the person who asked for a
 * manual sync; a job is theirs when it copies one of the tags they asked for, to the target they
 * named, soon after SWR received the request (by SWR's own clock where SWR gave its time), and
 * each tag they asked for accounts for one job only: the first. A later sync of the same tag (a
 * policy on the next push) is not theirs.
 *
 * Only the jobs on screen are matched: when a request's first job is on another page, a later
 * job of the same tag on this one can be taken for it.
 */
import type { SyncJob, SyncStart } from '@swr-dashboard/swr-client/browser';

/**
 * Without SWR's own time of the request (`jobsFrom`), how much earlier than the console's record
 * SWR's clock may date a job.
 */
const CLOCK_SKEW_MS = 60_000;
/** How long after the request SWR may still create the request's jobs. */
const JOB_DELAY_MS = 10 * 60_000;

type JobFields = Pick<SyncJob, 'id' | 'tag' | 'remoteRegionId' | 'remoteNamespace' | 'createdAt'>;

/** When SWR may have dated the request's first job, by SWR's clock where it is known. */
function earliestJob(start: SyncStart): number {
  return start.jobsFrom === undefined
    ? Date.parse(start.at) - CLOCK_SKEW_MS
    : Date.parse(start.jobsFrom);
}

function fits(job: JobFields, start: SyncStart): boolean {
  const created = Date.parse(job.createdAt);
  const from = earliestJob(start);
  return (
    start.remoteRegionId === job.remoteRegionId &&
    start.remoteNamespace === job.remoteNamespace &&
    (start.tags === null || start.tags.includes(job.tag)) &&
    created >= from &&
    created <= from + JOB_DELAY_MS
  );
}

/** The start behind each job that has one, by job id. */
export function startsOfJobs(
  jobs: readonly JobFields[],
  starts: readonly SyncStart[],
): Map<number, SyncStart> {
  const byJob = new Map<number, SyncStart>();
  /** The tags each start has accounted for already. */
  const claimed = new Map<SyncStart, Set<string>>();
  const oldestFirst = [...jobs].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  for (const job of oldestFirst) {
    // The latest request that fits and has not accounted for this tag yet.
    const start = starts
      .filter((candidate) => fits(job, candidate) && !claimed.get(candidate)?.has(job.tag))
      .sort((a, b) => earliestJob(b) - earliestJob(a))[0];
    if (start === undefined) continue;
    byJob.set(job.id, start);
    claimed.set(start, (claimed.get(start) ?? new Set()).add(job.tag));
  }
  return byJob;
}
