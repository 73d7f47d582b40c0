/**
 * Tags whose deletion can break something beyond the tag itself: `latest` (what a pull without a
 * tag gets) and tags that an enabled deploy trigger of the repository matches (a workload may run
 * that image, and pushing the tag again would roll it out again). Deleting one asks for an explicit
 * acknowledgement.
 */
import { triggerMatches, type Trigger } from '@swr-dashboard/swr-client/browser';

export type TagRisk = { kind: 'latest' } | { kind: 'trigger'; trigger: string };

/** For each risky tag among `tags`, why; tags without risk are left out. */
export function tagRisks(
  tags: readonly string[],
  triggers: readonly Pick<Trigger, 'name' | 'enable' | 'trigger_type' | 'condition'>[],
): Map<string, TagRisk[]> {
  const enabled = triggers.filter((trigger) => trigger.enable === 'true');
  const risks = new Map<string, TagRisk[]>();
  for (const tag of tags) {
    const reasons: TagRisk[] = [];
    if (tag === 'latest') reasons.push({ kind: 'latest' });
    for (const trigger of enabled) {
      if (triggerMatches(trigger, tag)) reasons.push({ kind: 'trigger', trigger: trigger.name });
    }
    if (reasons.length > 0) risks.set(tag, reasons);
  }
  return risks;
}
