/**
 * The fleet index (issue 15): every organization and repository of the account, per region, with
 * each repository's retention, sync, triggers, outbound shares and permissions, as the BFF's
 * background sweep last saw them. SWR lists those one repository at a time; the BFF reads them
 * once, paced under a call budget, for every user, and answers each user the part their role and
 * organization scopes let them see. Each region's answer says how fresh it is.
 */
import { z } from '../zod';
import { bffEndpoint } from './define';

/** A permission someone was given (SWR's `auth`: 1 read, 3 edit, 7 manage). */
export const fleetGrant = z.object({
  userId: z.string(),
  userName: z.string(),
  auth: z.number(),
});

/** One rule of a retention policy, as SWR keeps it. */
const fleetRetentionRule = z.object({
  /** `date_rule` (older than N days) or `tag_rule` (keep the newest N). */
  template: z.string(),
  params: z.record(z.string(), z.string()),
  /** Tags the rule leaves alone, as patterns. */
  excluded: z.array(z.string()),
});

export const fleetRepository = z.object({
  region: z.string(),
  namespace: z.string(),
  name: z.string(),
  isPublic: z.boolean(),
  category: z.string(),
  description: z.string(),
  tags: z.number(),
  /** Bytes. */
  size: z.number(),
  downloads: z.number(),
  /** When SWR last changed it (ISO), as its list says. */
  updatedAt: z.nullable(z.string()),
  retentions: z.array(z.object({ id: z.number(), rules: z.array(fleetRetentionRule) })),
  /** Automatic sync policies: where each tag pushed here is copied. */
  syncTargets: z.array(
    z.object({ region: z.string(), namespace: z.string(), override: z.boolean() }),
  ),
  triggers: z.array(
    z.object({
      name: z.string(),
      enabled: z.boolean(),
      /** `all`, `tag` or `regular`, with `condition` its tag or pattern. */
      type: z.string(),
      condition: z.string(),
      cluster: z.string(),
      application: z.string(),
      /** The newest entry of its history, when it has one. */
      last: z.nullable(
        z.object({ result: z.enum(['success', 'failed']), at: z.string(), tag: z.string() }),
      ),
    }),
  ),
  /** Shared with other accounts (the account shared with, read or write, until when). */
  shares: z.array(
    z.object({ account: z.string(), permit: z.string(), until: z.string(), valid: z.boolean() }),
  ),
  /** Grants on the repository itself (not the organization's), the console's own user left out. */
  grants: z.array(fleetGrant),
  /**
   * For each automatic sync target, what the target region lacks: tags missing there, and tags
   * whose digest differs; and the sync jobs of the last week that failed. Only for repositories
   * with automatic sync; null when the target could not be read.
   */
  syncHealth: z.array(
    z.object({
      region: z.string(),
      namespace: z.string(),
      missing: z.nullable(z.array(z.string())),
      differing: z.nullable(z.array(z.string())),
      failedJobs: z.array(z.object({ tag: z.string(), status: z.string(), at: z.string() })),
    }),
  ),
  /** When the sweep read it (ISO). */
  indexedAt: z.string(),
});
export type FleetRepository = z.infer<typeof fleetRepository>;

export const fleetNamespace = z.object({
  region: z.string(),
  name: z.string(),
  creator: z.string(),
  /** Grants on the organization, the console's own user left out. */
  grants: z.array(fleetGrant),
  indexedAt: z.string(),
});
export type FleetNamespace = z.infer<typeof fleetNamespace>;

/** How fresh a region's part of the index is. */
export const fleetRegion = z.object({
  id: z.string(),
  /** `never`: not swept yet; `failing`: the last sweep failed and the index is what one before saw. */
  status: z.enum(['ok', 'failing', 'never']),
  /** When the last complete sweep started: nothing in the index is older (ISO). */
  sweptAt: z.nullable(z.string()),
  /** A sweep under way since (ISO); null when none is. */
  sweeping: z.nullable(z.string()),
  /** Why the last sweep failed, in the console's words. */
  error: z.nullable(z.string()),
});
export type FleetRegion = z.infer<typeof fleetRegion>;

export const fleetResponse = z.object({
  /** The company's own accounts (FLEET_OWN_ACCOUNTS): a share to any other leaves the company. */
  ownAccounts: z.array(z.string()),
  regions: z.array(fleetRegion),
  namespaces: z.array(fleetNamespace),
  repositories: z.array(fleetRepository),
});
export type FleetResponse = z.infer<typeof fleetResponse>;

/** The index of one region, or of all when `region` is not given, as the user may see it. */
export const fleetEndpoint = bffEndpoint({
  method: 'GET',
  path: '/api/fleet',
  query: z.strictObject({ region: z.optional(z.string().check(z.maxLength(64))) }),
  answer: fleetResponse,
});
