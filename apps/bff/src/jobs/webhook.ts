/**
 * The finished-job webhook (`JOBS_WEBHOOK_URL`, `JOBS_WEBHOOK_SECRET`): when a job is done or
 * cancelled, one JSON POST to a chat or ticket system, signed so the receiver can trust it:
 * `X-SWR-Console-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the secret>`
 * and `X-SWR-Console-Timestamp: <unix seconds>` (a receiver refuses old timestamps, so a captured
 * call cannot be replayed later). Tried three times; a receiver that stays down is logged, never
 * the secret, and the job is finished all the same.
 */
import { createHmac } from 'node:crypto';
import { setTimeout as wait } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { BffConfig } from '../config/schema';
import type { JobItemStatus, JobRow } from '../store/store';

const ATTEMPTS = 3;
const TIMEOUT_MS = 10_000;
const FIRST_PAUSE_MS = 1000;

export type Webhook = NonNullable<BffConfig['jobs']['webhook']>;

/** The signature of a body sent at `timestamp`, as the header carries it. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What the receiver gets: the job, how its items ended, and where to see it. */
export function finishedPayload(
  job: JobRow,
  counts: Record<JobItemStatus, number>,
  status: 'done' | 'cancelled',
  publicOrigin: string,
) {
  return {
    event: `job.${status}`,
    job: {
      id: job.id,
      kind: job.kind,
      region: job.region,
      owner: job.ownerName,
      status,
      total: job.total,
      counts,
      createdAt: new Date(job.createdAt).toISOString(),
      url: `${publicOrigin}/${job.region}/jobs/${job.id}`,
    },
  };
}

async function postOnce(webhook: Webhook, body: string, signal: AbortSignal): Promise<number> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await fetch(webhook.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-SWR-Console-Timestamp': timestamp,
      'X-SWR-Console-Signature': webhookSignature(webhook.secret, timestamp, body),
    },
    body,
    signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Announces a finished job; never throws (a receiver that stays down is logged). */
export async function announce(
  webhook: Webhook,
  payload: ReturnType<typeof finishedPayload>,
  context: { logger: Logger; stop: AbortSignal },
): Promise<void> {
  const body = JSON.stringify(payload);
  let failure = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    try {
      const status = await postOnce(webhook, body, context.stop);
      if (status < 300) return;
      failure = `HTTP ${String(status)}`;
    } catch (error) {
      failure = error instanceof Error ? error.name : 'error';
    }
    if (context.stop.aborted || attempt === ATTEMPTS) break;
    await wait(FIRST_PAUSE_MS * 2 ** (attempt - 1), undefined, { signal: context.stop }).catch(
      () => undefined,
    );
  }
  context.logger.warn({ job: payload.job.id, failure }, 'the job webhook was not accepted');
}
