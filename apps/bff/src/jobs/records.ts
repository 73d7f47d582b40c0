/**
 * A job's audit records: one when it is created (who, what rule, how many items; written by the
 * API with the request), one per item (the delete, as the proxy records one, with SWR's request
 * id), and one when it is finished (how many items ended how). Items and the end have no request
 * of their own: they name the job's owner and the job.
 */
import type { TagCleanupItem, TagCleanupSpec } from '@swr-dashboard/swr-client';
import type { AuditActor, AuditCompletion, AuditInput } from '../audit/trail';
import type { JobItemStatus, JobRow } from '../store/store';
import type { AnsweredCall } from '../proxy/paced-client';

/** What a job row's `spec` holds: the job, and who asked for it as the audit trail names them. */
export interface StoredSpec {
  spec: TagCleanupSpec;
  actor: AuditActor | null;
}

/** The organizations a job names, as authorization and the audit trail see them. */
export function jobTargets(spec: TagCleanupSpec) {
  return spec.repositories.map((repository, index) => ({
    kind: 'namespace' as const,
    name: repository.namespace,
    field: `body.repositories.${String(index)}.namespace`,
    region: spec.region,
  }));
}

/** The route a job's own records name. */
export const JOB_ROUTE = '/api/jobs/:id';

function jobRequest(job: JobRow, seq: number | null) {
  return {
    id: seq === null ? `job-${job.id}` : `job-${job.id}-${String(seq)}`,
    method: 'DELETE',
    route: JOB_ROUTE,
    params: { id: job.id },
    query: {},
    body: null,
  };
}

/** An item's record, opened before its call is sent. */
export function itemRecord(
  job: JobRow,
  stored: StoredSpec,
  seq: number,
  item: TagCleanupItem,
): Omit<AuditInput, 'outcome'> {
  const request = jobRequest(job, seq);
  return {
    event: 'swr.deleteRepoTag',
    actor: stored.actor,
    source: { ip: null, userAgent: null },
    request: {
      ...request,
      params: {
        ...request.params,
        namespace: item.namespace,
        repository: item.repository,
        tag: item.tag,
      },
    },
    resource: { type: 'tag', namespace: item.namespace, name: item.repository, tag: item.tag },
    targets: [
      { kind: 'namespace', name: item.namespace, field: 'params.namespace', region: job.region },
    ],
    upstream: null,
    httpStatus: null,
    reason: null,
    region: job.region,
  };
}

/** How an item's record ends: its outcome, and the delete SWR answered, if one was sent. */
export function itemCompletion(
  outcome: { status: 'done' | 'failed'; message: string },
  call: AnsweredCall | undefined,
): AuditCompletion {
  return {
    outcome: outcome.status === 'done' ? 'success' : 'failure',
    httpStatus: call?.status ?? null,
    reason: outcome.message,
    upstream:
      call === undefined
        ? null
        : {
            method: call.method,
            path: call.path,
            status: call.status,
            code: null,
            requestId: call.requestId,
            latencyMs: Math.round(call.latencyMs),
          },
  };
}

/** The job's end: how many of its items ended how. */
export function finishedRecord(
  job: JobRow,
  stored: StoredSpec,
  counts: Record<JobItemStatus, number>,
  status: 'done' | 'cancelled',
): AuditInput {
  return {
    event: `job.${status}`,
    outcome: counts.failed === 0 ? 'success' : 'failure',
    actor: stored.actor,
    source: { ip: null, userAgent: null },
    request: { ...jobRequest(job, null), method: 'POST', body: { counts } },
    resource: null,
    targets: jobTargets(stored.spec),
    upstream: null,
    httpStatus: null,
    reason: `${String(counts.done)} done, ${String(counts.failed)} failed, ${String(counts.cancelled)} cancelled of ${String(job.total)}`,
    region: job.region,
  };
}
