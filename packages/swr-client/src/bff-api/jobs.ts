/**
 * Server-side jobs (issue 16, docs/decisions/0019): bulk changes the BFF carries out itself,
 * paced under a budget of SWR calls per region and apart from the user's own budget. A job is
 * previewed first (exactly the items it will touch, and why), then confirmed with the count of
 * its items, then run; it can be cancelled and it survives a BFF restart.
 *
 * The first kind: a tag clean-up across one or many repositories of a region, by selection or by
 * rule. Protected tags (protected-tags.ts) are never among its items.
 */
import { namespaceName, regionId, repositoryName, tagName } from '../names';
import { z } from '../zod';
import { bffEndpoint } from './define';

/** The most repositories one clean-up names. */
export const JOB_MAX_REPOSITORIES = 100;
/** The most tags a selection names: even of 128 characters each, the body stays under 64 KB. */
export const JOB_MAX_SELECTED_TAGS = 400;
/** The most items one job holds. */
export const JOB_MAX_ITEMS = 50_000;

const wholeNumber = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));

/** Which of a repository's tags a clean-up deletes: every criterion given must hold. */
export const tagCleanupRule = z
  .strictObject({
    /** Exactly these tags (a selection); absent: every tag the other criteria let through. */
    tags: z.optional(z.array(tagName).check(z.minLength(1), z.maxLength(JOB_MAX_SELECTED_TAGS))),
    /** Tag names matching this pattern (`*` any characters, `?` one). */
    pattern: z.optional(
      z.string().check(
        z.regex(/^[A-Za-z0-9_.*?-]{1,128}$/, {
          error: 'use a tag name with * and ? as the only wildcards',
        }),
      ),
    ),
    /** Tags last pushed more than this many days ago. */
    olderThanDays: z.optional(wholeNumber(1, 3650)),
    /** Whatever else holds, each repository keeps its newest this many tags. */
    keepNewest: z.optional(wholeNumber(0, 10_000)),
  })
  .check(
    z.refine(
      (rule) =>
        rule.tags !== undefined || rule.pattern !== undefined || rule.olderThanDays !== undefined,
      {
        error:
          'choose tags, a name pattern or an age: a rule that names nothing would delete every tag',
      },
    ),
  );
export type TagCleanupRule = z.infer<typeof tagCleanupRule>;

export const tagCleanupSpec = z.strictObject({
  kind: z.literal('tag-cleanup'),
  region: regionId,
  repositories: z
    .array(z.strictObject({ namespace: namespaceName, repository: repositoryName }))
    .check(z.minLength(1), z.maxLength(JOB_MAX_REPOSITORIES)),
  rule: tagCleanupRule,
});
export type TagCleanupSpec = z.infer<typeof tagCleanupSpec>;

/** A tag a clean-up would delete, or leaves alone, and why. */
export const tagCleanupItem = z.object({
  namespace: z.string(),
  repository: z.string(),
  tag: z.string(),
  digest: z.string(),
  /** When it was last pushed (ISO). */
  updated: z.string(),
});
export type TagCleanupItem = z.infer<typeof tagCleanupItem>;

export const jobPreviewResponse = z.object({
  /** Exactly what the job will delete, in the order it will. */
  items: z.array(tagCleanupItem),
  /** Tags the rule matched that the job leaves alone: protected, or among the newest kept. */
  kept: z.array(
    z.object({
      namespace: z.string(),
      repository: z.string(),
      tag: z.string(),
      reason: z.enum(['protected', 'newest']),
      /** The pattern that protects it. */
      pattern: z.optional(z.string()),
    }),
  ),
  /** Above this many items, confirming asks for their count. */
  confirmAbove: z.number(),
});
export type JobPreviewResponse = z.infer<typeof jobPreviewResponse>;

export const JOB_STATUSES = ['running', 'cancelling', 'cancelled', 'done'] as const;
export const JOB_ITEM_STATES = ['pending', 'running', 'done', 'failed', 'cancelled'] as const;

export const jobSummary = z.object({
  id: z.string(),
  kind: z.literal('tag-cleanup'),
  region: z.string(),
  /** Who asked for it. */
  owner: z.string(),
  spec: tagCleanupSpec,
  status: z.enum(JOB_STATUSES),
  total: z.number(),
  counts: z.record(z.enum(JOB_ITEM_STATES), z.number()),
  createdAt: z.string(),
  finishedAt: z.nullable(z.string()),
});
export type JobSummary = z.infer<typeof jobSummary>;

export const jobItem = z.object({
  seq: z.number(),
  target: tagCleanupItem,
  status: z.enum(JOB_ITEM_STATES),
  attempts: z.number(),
  /** Once settled: SWR's request id and answer, or why it was not deleted. */
  result: z.nullable(
    z.object({
      requestId: z.nullable(z.string()),
      status: z.nullable(z.number()),
      message: z.string(),
    }),
  ),
});
export type JobItem = z.infer<typeof jobItem>;

/** `POST /api/jobs/preview`: what a clean-up would delete now, read from SWR. */
export const jobPreviewEndpoint = bffEndpoint({
  method: 'POST',
  path: '/api/jobs/preview',
  body: tagCleanupSpec,
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
    spec: tagCleanupSpec,
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

export const jobItemsEndpoint = bffEndpoint({
  method: 'GET',
  path: '/api/jobs/:id/items',
  query: z.strictObject({
    status: z.optional(z.enum(JOB_ITEM_STATES)),
    offset: z.optional(z.pipe(z.string().check(z.regex(/^\d{1,6}$/)), z.transform(Number))),
    limit: z.optional(z.pipe(z.string().check(z.regex(/^\d{1,4}$/)), z.transform(Number))),
  }),
  answer: z.object({ items: z.array(jobItem) }),
});
