/**
 * Server-side jobs (issue 16, docs/decisions/0019): bulk changes the BFF carries out itself,
 * paced under a budget of SWR calls per region and apart from the user's own budget. A job is
 * previewed first (exactly the items it will touch, and why), then confirmed with the count of
 * its items, then run; it can be cancelled, resumed, and it survives a BFF restart.
 *
 * The kinds and their items are in job-kinds.ts; here are the unions over them and the endpoints.
 */
import { z } from '../zod';
import { bffEndpoint } from './define';
import {
  jobKept,
  retentionTemplateItem,
  retentionTemplateSpec,
  shareChangeItem,
  shareChangeSpec,
  syncTemplateItem,
  syncTemplateSpec,
  tagCleanupItem,
  tagCleanupKept,
  tagCleanupSpec,
  triggerSwitchItem,
  triggerSwitchSpec,
  triggerTemplateItem,
  triggerTemplateSpec,
} from './job-kinds';

/** The most items one job holds. */
export const JOB_MAX_ITEMS = 50_000;

const wholeNumber = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));

export const JOB_KINDS = [
  'tag-cleanup',
  'retention-template',
  'sync-template',
  'trigger-template',
  'share-change',
  'trigger-switch',
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** What a job does, as the user asked for it. */
export const jobSpec = z.discriminatedUnion('kind', [
  tagCleanupSpec,
  retentionTemplateSpec,
  syncTemplateSpec,
  triggerTemplateSpec,
  shareChangeSpec,
  triggerSwitchSpec,
]);
export type JobSpec = z.infer<typeof jobSpec>;

/** A kind's preview: exactly its items, in the order the job carries them out, and what it leaves. */
function previewOf<K extends JobKind, I extends z.ZodMiniType, P extends z.ZodMiniType>(
  kind: K,
  item: I,
  kept: P,
) {
  return z.object({
    kind: z.literal(kind),
    items: z.array(item),
    kept: z.array(kept),
    /** Above this many items, confirming asks for their count. */
    confirmAbove: z.number(),
  });
}

export const jobPreviewResponse = z.discriminatedUnion('kind', [
  previewOf('tag-cleanup', tagCleanupItem, tagCleanupKept),
  previewOf('retention-template', retentionTemplateItem, jobKept),
  previewOf('sync-template', syncTemplateItem, jobKept),
  previewOf('trigger-template', triggerTemplateItem, jobKept),
  previewOf('share-change', shareChangeItem, jobKept),
  previewOf('trigger-switch', triggerSwitchItem, jobKept),
]);
export type JobPreviewResponse = z.infer<typeof jobPreviewResponse>;
/** The preview of one kind of job. */
export type JobPreviewOf<K extends JobKind> = Extract<JobPreviewResponse, { kind: K }>;
/** What an item of one kind of job names. */
export type JobTargetOf<K extends JobKind> = JobPreviewOf<K>['items'][number];
/** Any item's target. */
export type JobTarget = JobPreviewResponse['items'][number];

export const JOB_STATUSES = ['running', 'cancelling', 'cancelled', 'done'] as const;
export const JOB_ITEM_STATES = ['pending', 'running', 'done', 'failed', 'cancelled'] as const;

export const jobSummary = z.object({
  id: z.string(),
  kind: z.enum(JOB_KINDS),
  region: z.string(),
  /** Who asked for it. */
  owner: z.string(),
  spec: jobSpec,
  status: z.enum(JOB_STATUSES),
  total: z.number(),
  counts: z.record(z.enum(JOB_ITEM_STATES), z.number()),
  createdAt: z.string(),
  finishedAt: z.nullable(z.string()),
});
export type JobSummary = z.infer<typeof jobSummary>;

/** Once an item is settled: SWR's request id and answer, or why nothing was changed. */
const itemResult = z.nullable(
  z.object({
    requestId: z.nullable(z.string()),
    status: z.nullable(z.number()),
    message: z.string(),
  }),
);

/** A page of a kind's items, each with its state. */
function itemsOf<K extends JobKind, I extends z.ZodMiniType>(kind: K, target: I) {
  return z.object({
    kind: z.literal(kind),
    items: z.array(
      z.object({
        seq: z.number(),
        target,
        status: z.enum(JOB_ITEM_STATES),
        attempts: z.number(),
        result: itemResult,
      }),
    ),
  });
}

export const jobItemsResponse = z.discriminatedUnion('kind', [
  itemsOf('tag-cleanup', tagCleanupItem),
  itemsOf('retention-template', retentionTemplateItem),
  itemsOf('sync-template', syncTemplateItem),
  itemsOf('trigger-template', triggerTemplateItem),
  itemsOf('share-change', shareChangeItem),
  itemsOf('trigger-switch', triggerSwitchItem),
]);
export type JobItemsResponse = z.infer<typeof jobItemsResponse>;
/** An item of any kind of job. */
export type JobItem = JobItemsResponse['items'][number];
/** An item of one kind of job. */
export type JobItemOf<K extends JobKind> = Extract<JobItemsResponse, { kind: K }>['items'][number];

/** `POST /api/jobs/preview`: what a job would change now, read from SWR. */
export const jobPreviewEndpoint = bffEndpoint({
  method: 'POST',
  path: '/api/jobs/preview',
  body: jobSpec,
  answer: jobPreviewResponse,
});

/**
 * `POST /api/jobs`: previews again and starts the job, when its items are as many as
 * `confirm.count` says (the user confirms what they saw; a count that no longer holds is 409).
 */
export const createJobEndpoint = bffEndpoint({
  method: 'POST',
  path: '/api/jobs',
  body: z.strictObject({
    spec: jobSpec,
    confirm: z.strictObject({ count: wholeNumber(0, JOB_MAX_ITEMS) }),
  }),
  answer: jobSummary,
});

/** `GET /api/jobs`: the user's jobs, newest first; an admin's `all=1`: everyone's. */
export const jobsEndpoint = bffEndpoint({
  method: 'GET',
  path: '/api/jobs',
  query: z.strictObject({ all: z.optional(z.enum(['1'])) }),
  answer: z.object({ jobs: z.array(jobSummary) }),
});

export const jobEndpoint = bffEndpoint({
  method: 'GET',
  path: '/api/jobs/:id',
  answer: jobSummary,
});

/** Cancels what has not started; the items under way finish. */
export const cancelJobEndpoint = bffEndpoint({
  method: 'POST',
  path: '/api/jobs/:id/cancel',
  answer: jobSummary,
});

/**
 * `POST /api/jobs/:id/retry`: a new job of the finished job's failed items, confirmed with their
 * count (409 `preview_changed` when it no longer holds; 409 `job_not_finished` while it runs).
 */
export const retryJobEndpoint = bffEndpoint({
  method: 'POST',
  path: '/api/jobs/:id/retry',
  body: z.strictObject({ confirm: z.strictObject({ count: wholeNumber(1, JOB_MAX_ITEMS) }) }),
  answer: jobSummary,
});

/**
 * `POST /api/jobs/:id/resume`: a cancelled job goes on with the items it had not started,
 * confirmed with their count (409 `preview_changed` when it no longer holds; 409
 * `job_not_resumable` unless the job is cancelled with items left).
 */
export const resumeJobEndpoint = bffEndpoint({
  method: 'POST',
  path: '/api/jobs/:id/resume',
  body: z.strictObject({ confirm: z.strictObject({ count: wholeNumber(1, JOB_MAX_ITEMS) }) }),
  answer: jobSummary,
});

export const jobItemsEndpoint = bffEndpoint({
  method: 'GET',
  path: '/api/jobs/:id/items',
  query: z.strictObject({
    status: z.optional(z.enum(JOB_ITEM_STATES)),
    offset: z.optional(z.pipe(z.string().check(z.regex(/^\d{1,6}$/)), z.transform(Number))),
    limit: z.optional(z.pipe(z.string().check(z.regex(/^\d{1,4}$/)), z.transform(Number))),
  }),
  answer: jobItemsResponse,
});
