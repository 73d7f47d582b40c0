/**
 * Wire shapes of SWR's responses (docs/swr-api.md, "Object shapes"), keys exactly as SWR sends
 * them.
 *
 * Response schemas are tolerant: `z.object` drops keys it does not know, because the real service
 * adds fields over time. Every field the console relies on is declared and checked; fields SWR
 * documents but never fills are optional.
 */
import { z } from '../zod';
import { booleanString, iamUserId, iamUserName, permissionLevel } from '../names';

const timestamp = z.string();

export const ShowNamespace = z.object({
  id: z.number(),
  name: z.string(),
  creator_name: z.string(),
  auth: z.number(),
});

export const UserAuth = z.object({
  user_id: z.string(),
  user_name: z.string(),
  auth: z.number(),
});

/** Request form of UserAuth: all three fields required, `auth` one of 1, 3, 7. */
export const UserAuthInput = z.strictObject({
  user_id: iamUserId,
  user_name: iamUserName,
  auth: permissionLevel,
});

export const NamespaceAuth = z.object({
  id: z.number(),
  name: z.string(),
  creator_name: z.string(),
  self_auth: UserAuth,
  others_auths: z.array(UserAuth),
});

export const RepositoryAuth = z.object({
  id: z.number(),
  name: z.string(),
  self_auth: UserAuth,
  others_auths: z.array(UserAuth),
});

/** An item of the repository lists (own and shared). */
export const RepositorySummary = z.object({
  name: z.string(),
  namespace: z.string(),
  category: z.string(),
  description: z.string(),
  size: z.number(),
  is_public: z.boolean(),
  num_images: z.number(),
  num_download: z.number(),
  created_at: timestamp,
  updated_at: timestamp,
  logo: z.optional(z.string()),
  url: z.optional(z.string()),
  path: z.string(),
  internal_path: z.string(),
  domain_name: z.string(),
  tags: z.array(z.string()),
  status: z.boolean(),
  total_range: z.number(),
});

/** showRepository: note `created`/`updated` here, `created_at`/`updated_at` in lists. */
export const RepositoryDetail = z.object({
  id: z.number(),
  ns_id: z.number(),
  name: z.string(),
  category: z.string(),
  description: z.string(),
  creator_id: z.string(),
  creator_name: z.string(),
  size: z.number(),
  is_public: z.boolean(),
  num_images: z.number(),
  num_download: z.number(),
  url: z.optional(z.string()),
  path: z.string(),
  internal_path: z.string(),
  created: timestamp,
  updated: timestamp,
  domain_id: z.string(),
  priority: z.optional(z.number()),
});

/** A tag list item. The tag's name travels as `Tag`, with a capital T. */
export const TagDetail = z.object({
  id: z.number(),
  repo_id: z.number(),
  Tag: z.string(),
  image_id: z.string(),
  manifest: z.string(),
  digest: z.string(),
  schema: z.number(),
  path: z.string(),
  internal_path: z.string(),
  size: z.number(),
  is_trusted: z.boolean(),
  created: timestamp,
  updated: timestamp,
  deleted: z.optional(z.nullable(z.string())),
  domain_id: z.string(),
  scanned: z.optional(z.boolean()),
  tag_type: z.number(),
});

export const RepositoryShare = z.object({
  namespace: z.string(),
  repository: z.string(),
  access_domain: z.string(),
  permit: z.string(),
  deadline: z.string(),
  description: z.string(),
  creator_id: z.string(),
  creator_name: z.string(),
  created: timestamp,
  updated: timestamp,
  status: z.boolean(),
});

/** showAccessDomain: `exist:false` with no other field when the share is absent. */
export const AccessDomainCheck = z.extend(z.partial(RepositoryShare), { exist: z.boolean() });

export const VersionDetail = z.object({
  id: z.string(),
  links: z.object({ href: z.string(), rel: z.string() }),
  version: z.string(),
  status: z.enum(['CURRENT', 'SUPPORTED', 'DEPRECATED']),
  updated: z.string(),
  min_version: z.string(),
});

/** Image sync: keys are camelCase on the wire. */
export const SyncRepo = z.object({
  id: z.number(),
  createdAt: timestamp,
  updatedAt: timestamp,
  domainID: z.string(),
  domainName: z.string(),
  namespace: z.string(),
  repoName: z.string(),
  remoteRegionId: z.string(),
  remoteNamespace: z.string(),
  override: z.boolean(),
  syncAuto: z.boolean(),
});

export const SYNC_JOB_STATUSES = [
  'waiting',
  'running',
  'success',
  'failed',
  'timeout',
  'cancel',
  'existed',
] as const;

export const SyncJob = z.extend(z.omit(SyncRepo, { syncAuto: true }), {
  status: z.enum(SYNC_JOB_STATUSES),
  syncOperatorId: z.string(),
  syncOperatorName: z.string(),
  tag: z.string(),
});

export const TRIGGER_TYPES = ['all', 'tag', 'regular'] as const;
export const TRIGGER_MODES = ['cce', 'cci'] as const;
export const TRIGGER_APP_TYPES = ['deployments', 'statefulsets'] as const;

/** What a trigger deploys to, shared by the trigger and each entry of its history. */
const TriggerTarget = z.object({
  action: z.string(),
  application: z.string(),
  cluster_id: z.string(),
  cluster_name: z.string(),
  cluster_ns: z.string(),
  condition: z.string(),
  container: z.string(),
  created_at: timestamp,
  creator_name: z.string(),
});

export const TriggerHistory = z.extend(TriggerTarget, {
  app_type: z.string(),
  detail: z.string(),
  result: z.enum(['success', 'failed']),
  tag: z.string(),
});

export const Trigger = z.extend(TriggerTarget, {
  app_type: z.enum(TRIGGER_APP_TYPES),
  enable: booleanString,
  name: z.string(),
  trigger_history: z.array(TriggerHistory),
  trigger_mode: z.enum(TRIGGER_MODES),
  trigger_type: z.enum(TRIGGER_TYPES),
});

export const TAG_SELECTOR_KINDS = ['label', 'regexp'] as const;
export const RETENTION_TEMPLATES = ['date_rule', 'tag_rule'] as const;

export const TagSelector = z.object({
  kind: z.enum(TAG_SELECTOR_KINDS),
  pattern: z.string(),
});

export const RetentionRule = z.object({
  template: z.enum(RETENTION_TEMPLATES),
  params: z.record(z.string(), z.string()),
  tag_selectors: z.array(TagSelector),
});

export const Retention = z.object({
  id: z.number(),
  algorithm: z.string(),
  rules: z.array(RetentionRule),
  scope: z.string(),
});

export const RetentionLog = z.object({
  id: z.number(),
  created_at: timestamp,
  namespace: z.string(),
  repo: z.string(),
  tag: z.string(),
  retention_id: z.number(),
  rule_type: z.string(),
});

export type ShowNamespace = z.infer<typeof ShowNamespace>;
export type UserAuth = z.infer<typeof UserAuth>;
export type NamespaceAuth = z.infer<typeof NamespaceAuth>;
export type RepositoryAuth = z.infer<typeof RepositoryAuth>;
export type RepositorySummary = z.infer<typeof RepositorySummary>;
export type RepositoryDetail = z.infer<typeof RepositoryDetail>;
export type TagDetail = z.infer<typeof TagDetail>;
export type RepositoryShare = z.infer<typeof RepositoryShare>;
export type AccessDomainCheck = z.infer<typeof AccessDomainCheck>;
export type VersionDetail = z.infer<typeof VersionDetail>;
export type SyncRepo = z.infer<typeof SyncRepo>;
export type SyncJob = z.infer<typeof SyncJob>;
export type SyncJobStatus = SyncJob['status'];
export type Trigger = z.infer<typeof Trigger>;
export type TriggerHistory = z.infer<typeof TriggerHistory>;
export type TagSelector = z.infer<typeof TagSelector>;
export type RetentionRule = z.infer<typeof RetentionRule>;
export type Retention = z.infer<typeof Retention>;
export type RetentionLog = z.infer<typeof RetentionLog>;
