/**
 * The kinds of server-side jobs (issue 16, docs/decisions/0019), each as data: what a job of the
 * kind names (its spec), the items its preview lists (one SWR change each) and what it leaves
 * alone and why. `jobs.ts` builds the endpoints' unions from these.
 *
 * - `tag-cleanup`: delete tags of one or many repositories, by selection or by rule.
 * - `retention-template`, `sync-template`, `trigger-template`: roll one retention policy,
 *   automatic sync policy or deploy trigger out to many repositories.
 * - `share-change`: extend or revoke many shares.
 * - `trigger-switch`: enable or disable many triggers.
 */
import { retentionRuleInput } from '../contract/operations/retention';
import { shareDeadline } from '../contract/operations/sharing';
import { TRIGGER_APP_TYPES, TRIGGER_MODES, TRIGGER_TYPES } from '../contract/models';
import {
  accountName,
  namespaceName,
  regionId,
  repositoryName,
  tagName,
  triggerName,
} from '../names';
import { z } from '../zod';

/** The most repositories one job names. */
export const JOB_MAX_REPOSITORIES = 100;
/** The most tags a selection names: even of 128 characters each, the body stays under 64 KB. */
export const JOB_MAX_SELECTED_TAGS = 400;
/** The most accounts or triggers a job names by name. */
export const JOB_MAX_NAMES = 100;

const wholeNumber = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));

const repositoryRef = z.strictObject({ namespace: namespaceName, repository: repositoryName });
/** The repositories a job acts on, all in its region. */
const repositories = z
  .array(repositoryRef)
  .check(z.minLength(1), z.maxLength(JOB_MAX_REPOSITORIES));

/** Where an item is: every item of every kind is in one repository of the job's region. */
const where = { namespace: z.string(), repository: z.string() };

// ---------------------------------------------------------------------------------------------
// tag-cleanup

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
  repositories,
  rule: tagCleanupRule,
});
export type TagCleanupSpec = z.infer<typeof tagCleanupSpec>;

/** A tag a clean-up deletes. */
export const tagCleanupItem = z.object({
  ...where,
  tag: z.string(),
  digest: z.string(),
  /** When it was last pushed (ISO). */
  updated: z.string(),
});
export type TagCleanupItem = z.infer<typeof tagCleanupItem>;

/** A tag the rule matched that the clean-up leaves alone. */
export const tagCleanupKept = z.object({
  ...where,
  tag: z.string(),
  reason: z.enum(['protected', 'newest']),
  /** The pattern that protects it. */
  pattern: z.optional(z.string()),
});

// ---------------------------------------------------------------------------------------------
// The templates and the changes of many things: what each leaves alone has one shape.

/**
 * Something the job leaves alone: `unchanged` (already as the job would make it), `exists` (a
 * trigger of the template's name is there, configured otherwise: the job does not overwrite it),
 * `invalid` (the template does not fit this repository; `message` says why).
 */
export const jobKept = z.object({
  ...where,
  /** What in the repository: an account, a trigger; empty for the repository's own policy. */
  subject: z.string(),
  reason: z.enum(['unchanged', 'exists', 'invalid']),
  message: z.optional(z.string()),
});
export type JobKept = z.infer<typeof jobKept>;

export const retentionTemplateSpec = z.strictObject({
  kind: z.literal('retention-template'),
  region: regionId,
  repositories,
  /** The policy every repository gets (SWR: one rule, algorithm `or`). */
  policy: z.strictObject({ algorithm: z.literal('or'), rules: z.tuple([retentionRuleInput]) }),
});
export type RetentionTemplateSpec = z.infer<typeof retentionTemplateSpec>;

/**
 * A repository given the policy: `create` (it has none), `update` (it has one of the same
 * template: changed in place), `replace` (one of the other template, which SWR cannot change:
 * deleted, then the new one created).
 */
export const retentionTemplateItem = z.object({
  ...where,
  action: z.enum(['create', 'update', 'replace']),
  /** The policy it has now, if any. */
  retentionId: z.nullable(z.number()),
  /** How many of its tags the policy deletes at once (SWR applies a policy when it is saved). */
  deletes: z.number(),
  /** Protected tags among those: SWR deletes them anyway, whatever the console protects. */
  protectedDeleted: z.array(z.string()),
});
export type RetentionTemplateItem = z.infer<typeof retentionTemplateItem>;

export const syncTemplateSpec = z.strictObject({
  kind: z.literal('sync-template'),
  region: regionId,
  repositories,
  target: z.strictObject({
    remoteRegionId: regionId,
    /** The organization in the other region; absent: each repository's own organization's name. */
    remoteNamespace: z.optional(namespaceName),
    syncAuto: z.boolean(),
    override: z.boolean(),
  }),
});
export type SyncTemplateSpec = z.infer<typeof syncTemplateSpec>;

/** A repository given an automatic sync policy to the target. */
export const syncTemplateItem = z.object({
  ...where,
  remoteRegionId: z.string(),
  remoteNamespace: z.string(),
});
export type SyncTemplateItem = z.infer<typeof syncTemplateItem>;

/** In a trigger template's workload name, the repository's name (its last part, `/` aside). */
export const REPOSITORY_PLACEHOLDER = '{repository}';

export const triggerTemplateSpec = z.strictObject({
  kind: z.literal('trigger-template'),
  region: regionId,
  repositories,
  /**
   * The trigger every repository gets, as `createTrigger` takes it; `application` may hold
   * `{repository}`. Each repository's trigger is checked as `createTrigger` checks one: one that
   * does not fit (a workload name too long) is left out, saying why.
   */
  trigger: z.strictObject({
    name: triggerName,
    trigger_type: z.enum(TRIGGER_TYPES),
    condition: z.string().check(z.minLength(1), z.maxLength(1024)),
    trigger_mode: z.enum(TRIGGER_MODES),
    cluster_id: z.optional(z.string().check(z.maxLength(64))),
    cluster_name: z.optional(z.string().check(z.maxLength(64))),
    cluster_ns: z.string().check(z.minLength(1), z.maxLength(63)),
    app_type: z.enum(TRIGGER_APP_TYPES),
    application: z.string().check(z.minLength(1), z.maxLength(128)),
    container: z.optional(z.string().check(z.maxLength(63))),
    enable: z.boolean(),
  }),
});
export type TriggerTemplateSpec = z.infer<typeof triggerTemplateSpec>;

/** A repository given the trigger, with the workload it deploys to. */
export const triggerTemplateItem = z.object({
  ...where,
  trigger: z.string(),
  application: z.string(),
});
export type TriggerTemplateItem = z.infer<typeof triggerTemplateItem>;

export const shareChangeSpec = z.strictObject({
  kind: z.literal('share-change'),
  region: regionId,
  repositories,
  /** Only the shares with these accounts; absent: with any account. */
  accounts: z.optional(z.array(accountName).check(z.minLength(1), z.maxLength(JOB_MAX_NAMES))),
  /** Only shares that end before this time (ISO); absent: whenever they end. */
  endingBefore: z.optional(z.iso.datetime()),
  change: z.discriminatedUnion('action', [
    z.strictObject({ action: z.literal('extend'), deadline: shareDeadline }),
    z.strictObject({ action: z.literal('revoke') }),
  ]),
});
export type ShareChangeSpec = z.infer<typeof shareChangeSpec>;

/** A share extended or revoked, with the end it had. */
export const shareChangeItem = z.object({
  ...where,
  account: z.string(),
  deadline: z.string(),
  description: z.string(),
});
export type ShareChangeItem = z.infer<typeof shareChangeItem>;

export const triggerSwitchSpec = z.strictObject({
  kind: z.literal('trigger-switch'),
  region: regionId,
  repositories,
  /** Only the triggers of these names; absent: every trigger of the repositories. */
  triggers: z.optional(z.array(triggerName).check(z.minLength(1), z.maxLength(JOB_MAX_NAMES))),
  enable: z.boolean(),
});
export type TriggerSwitchSpec = z.infer<typeof triggerSwitchSpec>;

/** A trigger enabled or disabled, with where it deploys. */
export const triggerSwitchItem = z.object({
  ...where,
  trigger: z.string(),
  /** `CCE cluster/namespace` or `CCI namespace`, and the workload. */
  cluster: z.nullable(z.string()),
  clusterNamespace: z.string(),
  workload: z.string(),
});
export type TriggerSwitchItem = z.infer<typeof triggerSwitchItem>;
