/**
 * A trigger's condition for people: validated with the contract's `conditionProblem` (the same
 * rule the BFF and the emulator apply), explained in the user's language.
 */
import {
  conditionProblem,
  conditionTags,
  TAG_PATTERN,
  type Trigger,
} from '@swr-dashboard/swr-client/browser';
import type { TFunction } from 'i18next';

export type TriggerType = Trigger['trigger_type'];

/** Why a condition does not fit its trigger type, translated, or undefined when it fits. */
export function conditionMessage(
  type: TriggerType,
  condition: string,
  t: TFunction,
): string | undefined {
  if (conditionProblem(type, condition) === undefined) return undefined;
  switch (type) {
    case 'all':
      return t('triggers:condition.all');
    case 'tag': {
      const tags = conditionTags(condition);
      const bad = tags.find((tag) => !TAG_PATTERN.test(tag));
      return bad === undefined
        ? t('triggers:condition.noTags')
        : t('triggers:condition.badTag', { tag: bad });
    }
    case 'regular':
      return t('triggers:condition.badRegex');
  }
}

/** The condition as people read it: "all tags", "v1; latest", or the regular expression. */
export function describeCondition(
  trigger: Pick<Trigger, 'trigger_type' | 'condition'>,
  t: TFunction,
): string {
  switch (trigger.trigger_type) {
    case 'all':
      return t('triggers:type.allShort');
    case 'tag':
      return t('triggers:type.tagShort', { tags: conditionTags(trigger.condition).join(', ') });
    case 'regular':
      return t('triggers:type.regularShort', { pattern: trigger.condition });
  }
}
