/**
 * A job's audit records: one when it is created (who, what rule, how many items; written by the
 * API with the request), one per item (its SWR change, as the proxy records one, with SWR's
 * request id), and one when it is finished (how many items ended how). Items and the end have
 * no request of their own: they name the job's owner and the job.
 */
import {
  operations,
  targetsOf,
  triggerDeployTargets,
  type JobSpec,
  type RequestTargets,
  type Target,
} from '@swr-dashboard/swr-client';
import {
  boundedBody,
  type AuditActor,
  type AuditCompletion,
  type AuditInput,
} from '../audit/trail';
import type { JobItemStatus, JobRow } from '../store/store';
import type { AnsweredCall } from '../proxy/paced-client';
import { resourceOf } from '../proxy/records';
import type { ItemCall } from './kind';
import { kindOf } from './kinds';

/** What a job row's `spec` holds: the job, and who asked for it as the audit trail names them. */
export interface StoredSpec {
  spec: JobSpec;
  actor: AuditActor | null;
}

/** Everything a call names, where the trigger it switches deploys included. */
export function callTargets(call: ItemCall, region: string): RequestTargets {
  const found = targetsOf(call.operation, call.parts, region);
  if (call.deploy === undefined) return found;
  return {
    ...found,
    targets: [...found.targets, ...triggerDeployTargets(call.deploy)],
    deploy: call.deploy,
  };
}

/**
 * Everything a job may name (each once), as its spec tells: the organizations of its
 * repositories (named by where the job's body has them), and whatever its template names.
 */
export function jobTargets(spec: JobSpec): Target[] {
  const targets: Target[] = spec.repositories.map((repository, index) => ({
    kind: 'namespace',
    name: repository.namespace,
    field: `body.repositories.${String(index)}.namespace`,
    region: spec.region,
  }));
  const seen = new Set(
    targets.map((target) => `${target.kind}|${target.name}|${target.region ?? ''}`),
  );
  for (const call of kindOf(spec).declared(spec)) {
    for (const target of callTargets(call, spec.region).targets) {
      const key = `${target.kind}|${target.name}|${target.region ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      targets.push({ ...target, field: target.field.replace(/^body\./, 'body.spec.') });
    }
  }
  return targets;
}

/** The route a job's own records name. */
export const JOB_ROUTE = '/api/jobs/:id';

function jobRequest(job: JobRow, seq: number | null) {
  return {
    id: seq === null ? `job-${job.id}` : `job-${job.id}-${String(seq)}`,
    method: 'POST',
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
  call: ItemCall,
): Omit<AuditInput, 'outcome'> {
  const request = jobRequest(job, seq);
  const params = call.parts.params as Record<string, string>;
  return {
    event: `swr.${call.operation}`,
    actor: stored.actor,
    source: { ip: null, userAgent: null },
    request: {
      ...request,
      method: operations[call.operation].method,
      params: { ...request.params, ...params },
      body: boundedBody(call.parts.body ?? null),
    },
    resource: resourceOf({ name: call.operation, params, body: call.parts.body }),
    targets: callTargets(call, job.region).targets,
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
    request: { ...jobRequest(job, null), body: { counts } },
    resource: null,
    targets: jobTargets(stored.spec),
    upstream: null,
    httpStatus: null,
    reason: `${String(counts.done)} done, ${String(counts.failed)} failed, ${String(counts.cancelled)} cancelled of ${String(job.total)}`,
    region: job.region,
  };
}
