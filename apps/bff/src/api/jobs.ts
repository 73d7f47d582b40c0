/**
 * The jobs API (issue 16, docs/decisions/0019): preview a job, start it with the count the user
 * confirmed, list and read jobs (one's own; an admin's, all), read their items, cancel, resume,
 * retry the failed items.
 *
 * A job is authorized as its calls would be, one by one, on everything they name: before SWR is
 * read, every call its spec tells of; after the preview, each item's call (a trigger's deploy
 * target is known only then). The job is created under its `job.created` record, opened before
 * anything is written (503: nothing done). A job is the owner's or an admin's to see, cancel and
 * resume; to anyone else it does not exist (404).
 */
import {
  cancelJobEndpoint,
  createJobEndpoint,
  jobEndpoint,
  jobItemsEndpoint,
  jobPreviewEndpoint,
  jobsEndpoint,
  namespaceAllowed,
  resumeJobEndpoint,
  retryJobEndpoint,
  type JobItemsResponse,
  type JobPreviewResponse,
  type JobSpec,
  type JobSummary,
  type JobTarget,
  issueAt,
} from '@swr-dashboard/swr-client';
import type { Request, Router } from 'express';
import type { Logger } from 'pino';
import { monotonicFactory } from 'ulid';
import { z } from 'zod';
import { eventFor } from '../audit/from-request';
import { openBeforeActing, recordBestEffort } from '../audit/policies';
import { actorOf, type AuditInput, type AuditTrail } from '../audit/trail';
import { authorize } from '../auth/authorize';
import type { Identity } from '../auth/identity';
import { sessionRef } from '../auth/session';
import type { BffConfig } from '../config/schema';
import { sendJson } from '../http/compression';
import { serve } from '../http/endpoint';
import { AppError, type Issue } from '../http/errors';
import type { JobRunner } from '../jobs/runner';
import type { ItemCall } from '../jobs/kind';
import { kindOf } from '../jobs/kinds';
import { callTargets, jobTargets, type StoredSpec } from '../jobs/records';
import { protectedPatterns } from '../proxy/protected-tags';
import type { JobItemRow, JobRow, JobRows } from '../store/store';

type JobItemResult = JobItemsResponse['items'][number]['result'];
import { auditedQuery } from './audit';
import { configuredRegion, signedIn } from './request';
import { readFailure } from './swr-read';

export interface JobRouteDeps {
  config: BffConfig;
  audit: AuditTrail;
  logger: Logger;
  rows: JobRows;
  runner: JobRunner;
}

const nextId = monotonicFactory();
/** Jobs a list answers at most. */
const LIST_LIMIT = 200;

function parseBody<T>(schema: z.core.$ZodType<T>, body: unknown): T {
  const parsed = z.safeParse(schema, body);
  if (parsed.success) return parsed.data;
  const issues: Issue[] = parsed.error.issues.map((issue) => issueAt('body', issue));
  throw new AppError('invalid_parameter', 'Invalid request body.', { issues });
}

/** Refuses (403, audited) unless the user may make every one of the calls. */
function authorizeCalls(
  deps: JobRouteDeps,
  req: Request,
  spec: JobSpec,
  calls: readonly ItemCall[],
): void {
  for (const call of calls) {
    const decision = authorize(signedIn(req), call.operation, callTargets(call, spec.region));
    if (decision.allowed) continue;
    const targets = jobTargets(spec);
    const details = { route: req.routeLabel, reason: decision.message, httpStatus: 403 };
    recordBestEffort(deps, { ...eventFor(req, 'authz.denied', 'denied', details), targets });
    throw new AppError('forbidden', decision.message, { reason: decision.reason });
  }
}

/** Refuses (403, audited) unless the user may make every call the job's spec tells of. */
function authorizeSpec(deps: JobRouteDeps, req: Request, spec: JobSpec): void {
  configuredRegion(deps.config, spec.region);
  authorizeCalls(deps, req, spec, kindOf(spec).declared(spec));
}

/** Refuses (403, audited) unless the user may make each item's call. */
function authorizeItems(
  deps: JobRouteDeps,
  req: Request,
  spec: JobSpec,
  items: readonly JobTarget[],
): void {
  const kind = kindOf(spec);
  authorizeCalls(
    deps,
    req,
    spec,
    items.map((item) => kind.call(spec, item)),
  );
}

/** The job's `job.created` record: who, what rule, on what, how many items. */
function createdRecord(
  req: Request,
  spec: JobSpec,
  total: number,
  event = eventFor(req, 'job.created', 'success', { route: createJobEndpoint.path }),
): Omit<AuditInput, 'outcome'> {
  const request = { ...event.request, body: { spec, total } };
  return { ...event, request, targets: jobTargets(spec), region: spec.region };
}

/** What the job would change now, its items authorized one by one. */
async function preview(
  deps: JobRouteDeps,
  req: Request,
  spec: JobSpec,
): Promise<JobPreviewResponse> {
  const found = await readPreview(deps, spec);
  authorizeItems(deps, req, spec, found.items);
  const most = deps.config.jobs.maxItems;
  if (found.items.length > most) {
    throw new AppError(
      'job_too_large',
      `The job would touch ${String(found.items.length)} items; one job may touch ${String(most)}.`,
    );
  }
  return {
    kind: spec.kind,
    ...found,
    confirmAbove: deps.config.jobs.confirmAbove,
  } as JobPreviewResponse;
}

async function readPreview(deps: JobRouteDeps, spec: JobSpec) {
  try {
    return await kindOf(spec).preview(spec, {
      client: deps.runner.client(spec.region),
      patterns: (namespace) => protectedPatterns(deps.config, namespace),
      now: Date.now(),
      regions: deps.config.regions.map((region) => region.id),
    });
  } catch (error) {
    throw readFailure(error, spec.region, 'A repository the job names is not there (any more).');
  }
}

/** The job as the API answers it. */
async function summary(rows: JobRows, job: JobRow): Promise<JobSummary> {
  const stored = JSON.parse(job.spec) as StoredSpec;
  return {
    id: job.id,
    kind: stored.spec.kind,
    region: job.region,
    owner: job.ownerName,
    spec: stored.spec,
    status: job.status,
    total: job.total,
    counts: await rows.counts(job.id),
    createdAt: new Date(job.createdAt).toISOString(),
    finishedAt: job.finishedAt === null ? null : new Date(job.finishedAt).toISOString(),
  };
}

/**
 * Whether the user sees the job: their own, or an admin's whose organization scopes allow every
 * organization it names (a scoped admin sees no other team's names).
 */
function sees(identity: Identity, job: JobRow): boolean {
  if (job.ownerKey === identity.key) return true;
  if (identity.role !== 'admin') return false;
  const { spec } = JSON.parse(job.spec) as StoredSpec;
  return jobTargets(spec).every((target) => namespaceAllowed(identity.scopes, target.name));
}

/** The job, if the user sees it (else 404: it does not exist for them). */
async function visibleJob(deps: JobRouteDeps, req: Request): Promise<JobRow> {
  const identity = signedIn(req);
  const id = typeof req.params.id === 'string' ? req.params.id : '';
  const job = await deps.rows.job(id);
  if (job === undefined || !sees(identity, job)) {
    throw new AppError('not_found', 'No such job.');
  }
  return job;
}

async function createJob(deps: JobRouteDeps, req: Request): Promise<JobSummary> {
  const { spec, confirm } = parseBody(createJobEndpoint.body, req.body);
  authorizeSpec(deps, req, spec);
  const { items } = await preview(deps, req, spec);
  if (items.length !== confirm.count) {
    throw new AppError(
      'preview_changed',
      `The job would now touch ${String(items.length)} items, not ${String(confirm.count)}: preview it again.`,
    );
  }
  return startJob(deps, req, spec, items);
}

/** A new job of a finished job's failed items, as many as the user confirmed. */
async function retryJob(deps: JobRouteDeps, req: Request): Promise<JobSummary> {
  const job = await visibleJob(deps, req);
  const { confirm } = parseBody(retryJobEndpoint.body, req.body);
  const { spec } = JSON.parse(job.spec) as StoredSpec;
  authorizeSpec(deps, req, spec);
  if (job.status !== 'done' && job.status !== 'cancelled') {
    throw new AppError(
      'job_not_finished',
      'The job is still running: retry it once it is finished.',
    );
  }
  const failed = await deps.rows.items(job.id, 'failed', 0, deps.config.jobs.maxItems);
  if (failed.length !== confirm.count) {
    throw new AppError(
      'preview_changed',
      `The job has ${String(failed.length)} failed items, not ${String(confirm.count)}.`,
    );
  }
  const items = failed.map((row) => JSON.parse(row.target) as JobTarget);
  authorizeItems(deps, req, spec, items);
  return startJob(deps, req, spec, items);
}

/** A cancelled job goes on with the items it had not started, as many as the user confirmed. */
async function resumeJob(deps: JobRouteDeps, req: Request): Promise<JobSummary> {
  const job = await visibleJob(deps, req);
  const { confirm } = parseBody(resumeJobEndpoint.body, req.body);
  const { spec } = JSON.parse(job.spec) as StoredSpec;
  authorizeSpec(deps, req, spec);
  const left = (await deps.rows.counts(job.id)).cancelled;
  if (job.status !== 'cancelled' || left === 0) {
    throw new AppError('job_not_resumable', 'Only a cancelled job with items left resumes.');
  }
  if (left !== confirm.count) {
    throw new AppError(
      'preview_changed',
      `The job has ${String(left)} items left, not ${String(confirm.count)}.`,
    );
  }
  // Each item's call, as a retry's: where a trigger deploys is known only from its item.
  const cancelled = await deps.rows.items(job.id, 'cancelled', 0, left);
  authorizeItems(
    deps,
    req,
    spec,
    cancelled.map((row) => JSON.parse(row.target) as JobTarget),
  );
  const event = eventFor(req, 'job.resumed', 'success', { route: resumeJobEndpoint.path });
  const record = await openBeforeActing(
    deps,
    { ...createdRecord(req, spec, left, event), resource: null },
    'The job was not resumed: the audit trail cannot be written.',
  );
  const resumed = await deps.rows.resume(job.id, Date.now());
  const reason = `job ${job.id}: ${String(resumed)} items resumed`;
  void deps.audit.finalize(record, { outcome: 'success', httpStatus: 200, upstream: null, reason });
  void deps.runner.drive(job.id);
  return summary(deps.rows, (await deps.rows.job(job.id)) ?? job);
}

/** Cancels what of the job has not started, recorded (naming the job and what it names). */
async function cancelJob(deps: JobRouteDeps, req: Request): Promise<JobSummary> {
  const job = await visibleJob(deps, req);
  // Only a running job: one settled (or being cancelled) meanwhile stays as it is.
  await deps.rows.setStatus(job.id, 'cancelling', Date.now());
  const { spec } = JSON.parse(job.spec) as StoredSpec;
  const details = { route: cancelJobEndpoint.path, reason: `job ${job.id}` };
  recordBestEffort(deps, {
    ...eventFor(req, 'job.cancel', 'success', details),
    targets: jobTargets(spec),
    region: job.region,
  });
  void deps.runner.drive(job.id);
  const now = await deps.rows.job(job.id);
  return summary(deps.rows, now ?? job);
}

/** Writes the job under its `job.created` record (nothing when it cannot be written) and runs it. */
async function startJob(
  deps: JobRouteDeps,
  req: Request,
  spec: JobSpec,
  items: readonly JobTarget[],
): Promise<JobSummary> {
  const identity = signedIn(req);
  const record = await openBeforeActing(
    deps,
    createdRecord(req, spec, items.length),
    'The job was not started: the audit trail cannot be written.',
  );
  const stored: StoredSpec = { spec, actor: actorOf(identity, sessionRef(req)) };
  const row = {
    id: nextId(),
    kind: spec.kind,
    region: spec.region,
    ownerKey: identity.key,
    ownerName: identity.name,
    spec: JSON.stringify(stored),
    createdAt: Date.now(),
  };
  await deps.rows.create(
    row,
    items.map((item) => JSON.stringify(item)),
  );
  const reason = `job ${row.id}`;
  void deps.audit.finalize(record, { outcome: 'success', httpStatus: 201, upstream: null, reason });
  void deps.runner.drive(row.id);
  const job = await deps.rows.job(row.id);
  if (job === undefined) throw new Error('a job just written is gone');
  return summary(deps.rows, job);
}

/** A page of the job's items, as the API answers it. */
function itemsOf(spec: JobSpec, rows: readonly JobItemRow[]): JobItemsResponse {
  return {
    kind: spec.kind,
    items: rows.map((row) => ({
      seq: row.seq,
      target: JSON.parse(row.target) as JobTarget,
      status: row.status,
      attempts: row.attempts,
      result: row.result === null ? null : (JSON.parse(row.result) as JobItemResult),
    })),
  } as JobItemsResponse;
}

export function jobRoutes(router: Router, deps: JobRouteDeps): void {
  serve(router, '/api', jobPreviewEndpoint, async (req, res) => {
    const spec = parseBody(jobPreviewEndpoint.body, req.body);
    authorizeSpec(deps, req, spec);
    await sendJson(req, res, 200, await preview(deps, req, spec));
  });
  serve(router, '/api', createJobEndpoint, async (req, res) => {
    await sendJson(req, res, 201, await createJob(deps, req));
  });
  serve(router, '/api', retryJobEndpoint, async (req, res) => {
    await sendJson(req, res, 201, await retryJob(deps, req));
  });
  serve(router, '/api', resumeJobEndpoint, async (req, res) => {
    await sendJson(req, res, 200, await resumeJob(deps, req));
  });
  serve(router, '/api', jobsEndpoint, async (req, res) => {
    const identity = signedIn(req);
    const { all } = auditedQuery(deps, req, jobsEndpoint.path, jobsEndpoint.query);
    if (all !== undefined && identity.role !== 'admin') {
      throw new AppError('forbidden', 'Only admins see every job.', { reason: 'role' });
    }
    const rows = await deps.rows.list(all === undefined ? identity.key : undefined, LIST_LIMIT);
    const seen = rows.filter((row) => sees(identity, row));
    await sendJson(req, res, 200, {
      jobs: await Promise.all(seen.map((row) => summary(deps.rows, row))),
    });
  });
  serve(router, '/api', jobEndpoint, async (req, res) => {
    await sendJson(req, res, 200, await summary(deps.rows, await visibleJob(deps, req)));
  });
  serve(router, '/api', cancelJobEndpoint, async (req, res) => {
    await sendJson(req, res, 200, await cancelJob(deps, req));
  });
  serve(router, '/api', jobItemsEndpoint, async (req, res) => {
    const job = await visibleJob(deps, req);
    const {
      status,
      offset = 0,
      limit = 100,
    } = auditedQuery(deps, req, jobItemsEndpoint.path, jobItemsEndpoint.query);
    const rows = await deps.rows.items(job.id, status, offset, Math.min(limit, 1000));
    const { spec } = JSON.parse(job.spec) as StoredSpec;
    await sendJson(req, res, 200, itemsOf(spec, rows));
  });
}
