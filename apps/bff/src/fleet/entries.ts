/**
 * SWR's answers, turned into the fleet index's entries (the contract's `fleetRepository` and
 * `fleetNamespace`): what the views need, in the console's words, nothing SWR repeats.
 */
import type {
  FleetNamespace,
  FleetRepository,
  OperationResult as Answer,
} from '@swr-dashboard/swr-client';

/** An item of SWR's repository list. */
export type RepositorySummary = Answer<'listReposDetails'>['items'][number];
type Trigger = Answer<'listTriggersDetails'>[number];

/** What a repository's own reads answered. */
export interface RepositoryReads {
  retentions: Answer<'listRetentions'>;
  syncRepos: Answer<'listImageAutoSyncReposDetails'>;
  triggers: Answer<'listTriggersDetails'>;
  shares: Answer<'listRepoDomains'>;
  access: Answer<'showUserRepositoryAuth'>;
}

/** Others' grants: SWR lists the caller's own (the console's user) apart, as `self_auth`. */
function grants(access: { others_auths: { user_id: string; user_name: string; auth: number }[] }) {
  return access.others_auths.map((grant) => ({
    userId: grant.user_id,
    userName: grant.user_name,
    auth: grant.auth,
  }));
}

function lastRun(trigger: Trigger): FleetRepository['triggers'][number]['last'] {
  const newest = [...trigger.trigger_history].sort((a, b) =>
    a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0,
  )[0];
  return newest === undefined
    ? null
    : { result: newest.result, at: newest.created_at, tag: newest.tag };
}

function triggerEntry(trigger: Trigger): FleetRepository['triggers'][number] {
  return {
    name: trigger.name,
    enabled: trigger.enable === 'true',
    type: trigger.trigger_type,
    condition: trigger.condition,
    cluster: trigger.cluster_name === '' ? trigger.cluster_id : trigger.cluster_name,
    application: trigger.application,
    last: lastRun(trigger),
  };
}

export function repositoryEntry(
  region: string,
  summary: RepositorySummary,
  reads: RepositoryReads,
  indexedAt: string,
): FleetRepository {
  return {
    region,
    namespace: summary.namespace,
    name: summary.name,
    isPublic: summary.is_public,
    category: summary.category,
    description: summary.description,
    tags: summary.num_images,
    size: summary.size,
    downloads: summary.num_download,
    updatedAt: summary.updated_at === '' ? null : summary.updated_at,
    retentions: reads.retentions.map((retention) => ({
      id: retention.id,
      rules: retention.rules.map((rule) => ({
        template: rule.template,
        params: rule.params,
        excluded: rule.tag_selectors.map((selector) => selector.pattern),
      })),
    })),
    syncTargets: reads.syncRepos
      .filter((sync) => sync.syncAuto)
      .map((sync) => ({
        region: sync.remoteRegionId,
        namespace: sync.remoteNamespace,
        override: sync.override,
      })),
    triggers: reads.triggers.map(triggerEntry),
    shares: reads.shares.map((share) => ({
      account: share.access_domain,
      permit: share.permit,
      until: share.deadline,
      valid: share.status,
    })),
    grants: grants(reads.access),
    // Read after the entry, for the repositories that sync (sync-health.ts).
    syncHealth: [],
    indexedAt,
  };
}

export function namespaceEntry(
  region: string,
  access: Answer<'showNamespaceAuth'>,
  indexedAt: string,
): FleetNamespace {
  return {
    region,
    name: access.name,
    creator: access.creator_name,
    grants: grants(access),
    indexedAt,
  };
}
