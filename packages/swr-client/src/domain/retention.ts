/**
 * What a retention rule does to a repository's tags. The emulator applies it; the console's
 * simulator shows it before saving. Pure: the same tags, rule and time give the same verdicts.
 *
 * Semantics (SWR's user guide, pinned down where it is silent):
 * - Tags matching a selector are exempt: kept, and not counted towards `num`.
 * - `tag_rule` keeps the `num` newest of the other tags, newest by last update (push) time;
 *   equal times are ordered by tag name so the result is stable.
 * - `date_rule` keeps the other tags updated less than `days` × 24 h ago.
 * - A `regexp` selector matches anywhere in the tag unless anchored (like Go's MatchString);
 *   a `label` selector matches the whole tag exactly.
 */
import type { RetentionRule } from '../contract/models';

export interface RetentionCandidate {
  tag: string;
  /** Last push time, ISO-8601. */
  updated: string;
}

export type RetentionReason =
  'exempt' | 'among-newest' | 'beyond-newest' | 'within-days' | 'older-than-days';

export interface RetentionVerdict {
  tag: string;
  updated: string;
  action: 'keep' | 'delete';
  reason: RetentionReason;
  /** The selector that exempted the tag. */
  selector?: { kind: 'label' | 'regexp'; pattern: string };
}

const DAY_MS = 24 * 60 * 60 * 1000;

type Rule = Pick<RetentionRule, 'template' | 'params' | 'tag_selectors'>;

/** The selector exempting a tag, if any. Invalid regular expressions match nothing. */
export function exemptingSelector(
  rule: Pick<Rule, 'tag_selectors'>,
  tag: string,
): { kind: 'label' | 'regexp'; pattern: string } | undefined {
  return rule.tag_selectors.find((selector) => {
    if (selector.kind === 'label') return selector.pattern === tag;
    try {
      return new RegExp(selector.pattern).test(tag);
    } catch {
      return false;
    }
  });
}

/** Newest first by update time, then by tag name. */
function byNewest(a: RetentionCandidate, b: RetentionCandidate): number {
  const diff = Date.parse(b.updated) - Date.parse(a.updated);
  return diff !== 0 ? diff : a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0;
}

/** A verdict for every tag, newest first. */
export function evaluateRetention(
  rule: Rule,
  tags: readonly RetentionCandidate[],
  now: Date,
): RetentionVerdict[] {
  const sorted = [...tags].sort(byNewest);
  const num = Number(rule.params.num ?? 0);
  const cutoff = now.getTime() - Number(rule.params.days ?? 0) * DAY_MS;
  let counted = 0;
  return sorted.map((candidate): RetentionVerdict => {
    const selector = exemptingSelector(rule, candidate.tag);
    if (selector !== undefined) {
      return { ...candidate, action: 'keep', reason: 'exempt', selector };
    }
    if (rule.template === 'tag_rule') {
      counted += 1;
      return counted <= num
        ? { ...candidate, action: 'keep', reason: 'among-newest' }
        : { ...candidate, action: 'delete', reason: 'beyond-newest' };
    }
    return Date.parse(candidate.updated) > cutoff
      ? { ...candidate, action: 'keep', reason: 'within-days' }
      : { ...candidate, action: 'delete', reason: 'older-than-days' };
  });
}

/** The rule as SWR records it in a retention log's `rule_type`. */
export function ruleTypeText(rule: Rule): string {
  return JSON.stringify({
    template: rule.template,
    params: rule.params,
    tag_selectors: rule.tag_selectors.map(({ kind, pattern }) => ({ kind, pattern })),
  });
}
