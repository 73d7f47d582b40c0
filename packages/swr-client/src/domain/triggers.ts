/**
 * Whether a trigger fires for a pushed tag: `all` for every tag, `tag` for the listed tags
 * (separated by `;`), `regular` when the regular expression matches (anywhere, unless anchored).
 */
import type { Trigger } from '../contract/models';
import { conditionTags } from '../contract/operations/triggers';

export function triggerMatches(
  trigger: Pick<Trigger, 'trigger_type' | 'condition'>,
  tag: string,
): boolean {
  switch (trigger.trigger_type) {
    case 'all':
      return true;
    case 'tag':
      return conditionTags(trigger.condition).includes(tag);
    case 'regular':
      try {
        return new RegExp(trigger.condition).test(tag);
      } catch {
        return false;
      }
  }
}
