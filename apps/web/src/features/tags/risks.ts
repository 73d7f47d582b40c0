/**
 * Tags whose deletion can break something beyond the tag itself: `latest` (what a pull without a
 * tag gets), tags that an enabled deploy trigger of the repository matches (a workload may run
 * that image, and pushing the tag again would roll it out again), and the newest synced copy (the
 * repository is where another region's automatic sync copies its pushes, and the tag is its newest:
 * without it this region has no copy of the latest image until the next push there). Deleting one
 * asks for an explicit acknowledgement.
 */
import {
  triggerMatches,
  type FleetRepository,
  type Trigger,
} from '@swr-dashboard/swr-client/browser';

export type TagRisk =
  | { kind: 'latest' }
  | { kind: 'trigger'; trigger: string }
  /** `from`: the repository that syncs here, as `region/namespace/repository`. */
  | { kind: 'syncedCopy'; from: string };

/** Where a repository's synced copies come from, and its newest tag. */
export interface SyncedCopies {
  /** Each repository of another region that syncs automatically here (`region/namespace/name`). */
  from: readonly string[];
  /** The repository's newest tag (by update time); undefined when not known. */
  newest: string | undefined;
}

const NO_COPIES: SyncedCopies = { from: [], newest: undefined };

/**
 * The repositories of other regions whose automatic sync policies copy into this one: SWR copies a
 * pushed tag to the repository of the same name in the target region's organization. Read from the
 * fleet index; what the index does not hold (a region not swept yet, an organization out of the
 * user's scope) is not named.
 */
export function syncSources(
  repositories: readonly Pick<FleetRepository, 'region' | 'namespace' | 'name' | 'syncTargets'>[],
  here: { region: string; namespace: string; repository: string },
): string[] {
  return repositories
    .filter(
      (source) =>
        source.region !== here.region &&
        source.name === here.repository &&
        source.syncTargets.some(
          (target) => target.region === here.region && target.namespace === here.namespace,
        ),
    )
    .map((source) => `${source.region}/${source.namespace}/${source.name}`)
    .sort();
}

/** For each risky tag among `tags`, why; tags without risk are left out. */
export function tagRisks(
  tags: readonly string[],
  triggers: readonly Pick<Trigger, 'name' | 'enable' | 'trigger_type' | 'condition'>[],
  copies: SyncedCopies = NO_COPIES,
): Map<string, TagRisk[]> {
  const enabled = triggers.filter((trigger) => trigger.enable === 'true');
  const risks = new Map<string, TagRisk[]>();
  for (const tag of tags) {
    const reasons: TagRisk[] = [];
    if (tag === 'latest') reasons.push({ kind: 'latest' });
    for (const trigger of enabled) {
      if (triggerMatches(trigger, tag)) reasons.push({ kind: 'trigger', trigger: trigger.name });
    }
    if (copies.newest !== undefined && tag === copies.newest) {
      for (const from of copies.from) reasons.push({ kind: 'syncedCopy', from });
    }
    if (reasons.length > 0) risks.set(tag, reasons);
  }
  return risks;
}
