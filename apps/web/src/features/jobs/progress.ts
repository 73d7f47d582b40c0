/**
 * A job's progress as the page shows it: what is settled and what is left, and, while it runs,
 * its rate and the time left, measured from the counts this page read over time (the times are
 * the browser's own, when each answer arrived: no clock of the server's is compared with ours).
 */
import type { JobSummary } from '@swr-dashboard/swr-client/browser';

export interface Progress {
  done: number;
  failed: number;
  cancelled: number;
  /** Not settled yet: pending or under way. */
  left: number;
  total: number;
  /** Settled items out of the total, 0 to 1. */
  fraction: number;
}

export function progressOf(job: JobSummary): Progress {
  const { done, failed, cancelled, pending, running } = job.counts;
  const settled = done + failed + cancelled;
  return {
    done,
    failed,
    cancelled,
    left: pending + running,
    total: job.total,
    fraction: job.total === 0 ? 1 : Math.min(1, settled / job.total),
  };
}

/** One reading of the job: when it arrived (ms, the browser's clock) and how many items it had carried out. */
export interface Sample {
  at: number;
  /** Items done or failed (cancelled ones were never carried out). */
  carriedOut: number;
}

/** Readings kept: about the last half minute at one every 2 s. */
export const SAMPLES_KEPT = 16;
/** A rate needs readings at least this far apart, and some progress between them. */
const MIN_SPAN_MS = 3000;

export function sampleOf(job: JobSummary, at: number): Sample {
  return { at, carriedOut: job.counts.done + job.counts.failed };
}

/** The readings with a new one added (the oldest dropped past {@link SAMPLES_KEPT}). */
export function withSample(samples: readonly Sample[], next: Sample): Sample[] {
  const last = samples.at(-1);
  if (last !== undefined && last.at === next.at) return [...samples];
  // Fewer items than before: another job's counts, or the server's state went back; start over.
  if (last !== undefined && next.carriedOut < last.carriedOut) return [next];
  return [...samples, next].slice(-SAMPLES_KEPT);
}

export interface Pace {
  /** Items carried out per second over the readings. */
  perSecond: number;
  /** Seconds until the items left are carried out at that rate. */
  secondsLeft: number;
}

/**
 * The rate over the readings kept and the time left at that rate; undefined until the readings
 * span a few seconds with some progress (no rate is better than a made-up one).
 */
export function paceOf(samples: readonly Sample[], left: number): Pace | undefined {
  const first = samples[0];
  const last = samples.at(-1);
  if (first === undefined || last === undefined) return undefined;
  const span = last.at - first.at;
  const progressed = last.carriedOut - first.carriedOut;
  if (span < MIN_SPAN_MS || progressed <= 0) return undefined;
  const perSecond = (progressed * 1000) / span;
  return { perSecond, secondsLeft: Math.ceil(left / perSecond) };
}
