/**
 * Who started a sync job. SWR records the IAM user whose key made the call: for every job the
 * console starts, the console's own. The console's audit trail knows the person who asked for a
 * manual sync; a job is theirs when it copies one of the tags they asked for, to the target they
 * named, soon after they asked, by SWR's own clock where SWR gave its time. A job SWR dated before
 * the request cannot be the request's (a policy's sync of the same tag a moment earlier).
 */
import type { SyncJob, SyncStart } from '@swr-dashboard/swr-client/browser';

/**
 * Without SWR's own time of the request (`jobsFrom`), how much earlier than the console's record
 * SWR's clock may date a job.
 */
const CLOCK_SKEW_MS = 60_000;
/** How long after the request SWR may still create the request's jobs. */
const JOB_DELAY_MS = 10 * 60_000;

type JobFields = Pick<SyncJob, 'tag' | 'remoteRegionId' | 'remoteNamespace' | 'createdAt'>;

/** The start that created `job`: the newest that fits. `starts` are newest first. */
export function startOf(job: JobFields, starts: readonly SyncStart[]): SyncStart | undefined {
  const created = Date.parse(job.createdAt);
  return starts.find((start) => {
    const at = Date.parse(start.at);
    const from = start.jobsFrom === undefined ? at - CLOCK_SKEW_MS : Date.parse(start.jobsFrom);
    return (
      start.remoteRegionId === job.remoteRegionId &&
      start.remoteNamespace === job.remoteNamespace &&
      (start.tags === null || start.tags.includes(job.tag)) &&
      created >= from &&
      created <= from + JOB_DELAY_MS
    );
  });
}
