/**
 * SWR's naming rules and enumerations (docs/swr-api.md, "Names"), as schemas the emulator, the BFF
 * and the web forms all validate with. Each rule carries a human sentence, so a form can explain
 * it.
 */
import { z } from './zod';

/** Organization (namespace): 1–64, starts with a letter, ends with a letter or digit. */
export const NAMESPACE_PATTERN = /^[a-z][a-z0-9]*(?:(?:[._-]|__)[a-z0-9]+)*$/;
export const NAMESPACE_RULE =
  'Use 1–64 characters: lowercase letters, digits, and single ".", "_", "-" (or "__") between them. Start with a letter; end with a letter or digit.';
/** The longest organization name SWR takes. */
export const NAMESPACE_MAX_LENGTH = 64;
export const namespaceName = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(NAMESPACE_MAX_LENGTH),
    z.regex(NAMESPACE_PATTERN, { error: NAMESPACE_RULE }),
  );

/** Names SWR keeps for itself; creating one is refused. */
export const RESERVED_NAMESPACES: readonly string[] = ['library'];

/** Repository: 1–128, lowercase letters and digits separated by single `.` `/` `_` `-` or `__`. */
export const REPOSITORY_PATTERN = /^[a-z0-9]+(?:(?:[._/-]|__)[a-z0-9]+)*$/;
export const REPOSITORY_RULE =
  'Use 1–128 characters: lowercase letters, digits, and single ".", "/", "_", "-" (or "__") between them. Start and end with a letter or digit.';
export const repositoryName = z
  .string()
  .check(z.minLength(1), z.maxLength(128), z.regex(REPOSITORY_PATTERN, { error: REPOSITORY_RULE }));

/** Tag: the Docker/OCI rule. Every allowed character is URL-unreserved. */
export const TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
export const TAG_RULE =
  'Use 1–128 characters: letters, digits, "_", "." and "-". Do not start with "." or "-".';
export const tagName = z.string().check(z.regex(TAG_PATTERN, { error: TAG_RULE }));

/** Repository categories. The SDK spells ARM `arms`, the docs `arm`: both are accepted. */
export const REPOSITORY_CATEGORIES = [
  'app_server',
  'linux',
  'framework_app',
  'database',
  'lang',
  'windows',
  'arm',
  'other',
] as const;
export const repositoryCategory = z.enum([...REPOSITORY_CATEGORIES, 'arms']);
export type RepositoryCategory = z.infer<typeof repositoryCategory>;

/** SWR permission values for IAM users: 7 manage, 3 edit, 1 read. */
export const PERMISSION_LEVELS = { read: 1, edit: 3, manage: 7 } as const;
export const permissionLevel = z.union([z.literal(1), z.literal(3), z.literal(7)]);
export type PermissionLevel = z.infer<typeof permissionLevel>;

/**
 * IAM user id and name as SWR's permission APIs carry them. An IAM user id is 32 lowercase
 * hexadecimal characters (IAM console: My Credentials → IAM User ID).
 */
export const IAM_USER_ID_RULE =
  'An IAM user id is 32 hexadecimal characters (IAM console: My Credentials → IAM User ID).';
export const iamUserId = z.string().check(z.regex(/^[0-9a-f]{32}$/, { error: IAM_USER_ID_RULE }));
export const iamUserName = z.string().check(z.minLength(1), z.maxLength(64));

/**
 * Account (domain) names that images are shared with. IAM account names are 6–32 characters
 * (some legacy accounts are shorter), letters, digits, `-` and `_`, starting with a letter.
 */
export const ACCOUNT_RULE =
  'Use 1–64 characters: letters, digits, "-" and "_", starting with a letter.';
export const accountName = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(64),
    z.regex(/^[A-Za-z][A-Za-z0-9_-]*$/, { error: ACCOUNT_RULE }),
  );

/** Region ids look like `cn-north-4` or `ap-southeast-1`. */
export const regionId = z
  .string()
  .check(
    z.minLength(1),
    z.maxLength(32),
    z.regex(/^[a-z]{2,4}(?:-[a-z]+)+-\d{1,3}$/, { error: 'A region id looks like cn-north-4.' }),
  );

/** Repository descriptions may be long, but not unbounded. */
export const DESCRIPTION_MAX = 30_000;
export const repositoryDescription = z.string().check(z.maxLength(DESCRIPTION_MAX));

/** Trigger names: unique per repository, used as a path key. */
export const TRIGGER_NAME_RULE =
  'Use 1–64 characters: letters, digits, "_" and "-", starting with a letter.';
export const triggerName = z
  .string()
  .check(z.regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, { error: TRIGGER_NAME_RULE }));

/** Kubernetes names (workload, container, namespace): DNS-1123 labels. */
export const K8S_NAME_RULE =
  'Use 1–63 characters: lowercase letters, digits and "-", starting and ending with a letter or digit.';
export const kubernetesName = z
  .string()
  .check(z.regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, { error: K8S_NAME_RULE }));

/** A string SWR expects to be `"true"` or `"false"` (trigger `enable`). */
export const booleanString = z.enum(['true', 'false']);

/** Retention limits: days 1–365, number of tags 1–1000, both sent as strings. */
export const RETENTION_DAYS_MAX = 365;
export const RETENTION_NUM_MAX = 1000;
