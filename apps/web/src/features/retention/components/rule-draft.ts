/**
 * The retention form's state and its checks. The rule is checked with the contract's own schema
 * (`retentionRuleInput`); the messages are the console's, in the user's language.
 */
import {
  exemptingSelector,
  isValidRegExp,
  RETENTION_DAYS_MAX,
  RETENTION_NUM_MAX,
  retentionRuleInput,
  tagPatternTest,
  type Retention,
  type RetentionRuleInput,
  type TagSelector,
} from '@swr-dashboard/swr-client/browser';
import type { TFunction } from 'i18next';

export type Template = RetentionRuleInput['template'];

export interface SelectorDraft {
  /** A stable React key for the row. */
  key: number;
  kind: TagSelector['kind'];
  pattern: string;
}

export interface RuleDraft {
  template: Template;
  /** `num` (tag_rule) or `days` (date_rule), as typed. */
  amount: string;
  selectors: SelectorDraft[];
}

let nextKey = 0;

export function newSelector(kind: TagSelector['kind'] = 'label', pattern = ''): SelectorDraft {
  nextKey += 1;
  return { key: nextKey, kind, pattern };
}

export const AMOUNT_MAX: Record<Template, number> = {
  tag_rule: RETENTION_NUM_MAX,
  date_rule: RETENTION_DAYS_MAX,
};

/** A new policy starts as "keep the 10 most recent tags, except `latest`". */
export function draftFrom(policy: Retention | undefined): RuleDraft {
  const rule = policy?.rules[0];
  if (rule === undefined) {
    return { template: 'tag_rule', amount: '10', selectors: [newSelector('label', 'latest')] };
  }
  return {
    template: rule.template,
    amount: (rule.template === 'tag_rule' ? rule.params.num : rule.params.days) ?? '',
    selectors: rule.tag_selectors.map((selector) => newSelector(selector.kind, selector.pattern)),
  };
}

export function toRule(draft: RuleDraft): RetentionRuleInput {
  const amount = draft.amount.trim();
  const tag_selectors = draft.selectors.map(({ kind, pattern }) => ({ kind, pattern }));
  return draft.template === 'tag_rule'
    ? { template: 'tag_rule', params: { num: amount }, tag_selectors }
    : { template: 'date_rule', params: { days: amount }, tag_selectors };
}

export interface DraftProblems {
  amount: string | undefined;
  /** By selector row key. */
  selectors: Map<number, string>;
  valid: boolean;
}

function selectorProblem(selector: SelectorDraft, t: TFunction): string | undefined {
  if (selector.pattern === '') return t('retention:editor.patternRequired');
  if (selector.pattern.length > 256) return t('retention:editor.patternTooLong');
  if (selector.kind === 'regexp' && !isValidRegExp(selector.pattern))
    return t('retention:editor.patternInvalid');
  return undefined;
}

/** What is wrong with the draft, field by field, per the contract's schema. */
export function draftProblems(draft: RuleDraft, t: TFunction): DraftProblems {
  const parsed = retentionRuleInput.safeParse(toRule(draft));
  const problems: DraftProblems = {
    amount: undefined,
    selectors: new Map(),
    valid: parsed.success,
  };
  if (parsed.success) return problems;
  for (const issue of parsed.error.issues) {
    const [part, index] = issue.path;
    if (part === 'params') {
      problems.amount =
        draft.amount.trim() === ''
          ? t('retention:editor.amountRequired')
          : t(`retention:editor.amountRange.${draft.template}`, {
              max: AMOUNT_MAX[draft.template],
            });
    } else if (part === 'tag_selectors' && typeof index === 'number') {
      const selector = draft.selectors[index];
      const problem = selector === undefined ? undefined : selectorProblem(selector, t);
      if (selector !== undefined && problem !== undefined)
        problems.selectors.set(selector.key, problem);
    }
  }
  return problems;
}

/** The rule the simulator can already evaluate: a valid number, and the selectors that are valid. */
export function previewRule(
  draft: RuleDraft,
  problems: DraftProblems,
): RetentionRuleInput | undefined {
  if (problems.amount !== undefined) return undefined;
  const rule = toRule({
    ...draft,
    selectors: draft.selectors.filter((selector) => !problems.selectors.has(selector.key)),
  });
  return retentionRuleInput.safeParse(rule).success ? rule : undefined;
}

/** How many of the tags a selector matches (the live pattern playground). */
export function matchCount(selector: SelectorDraft, tags: readonly { tag: string }[]): number {
  const rule = { tag_selectors: [{ kind: selector.kind, pattern: selector.pattern }] };
  return tags.filter((candidate) => exemptingSelector(rule, candidate.tag) !== undefined).length;
}

/**
 * The exceptions that keep the tags a protected pattern names, in SWR's own syntax, less those the
 * draft has already: a pattern without wildcards is an exact tag (`label`); one with `*` or `?`
 * the same whole-name test as a regular expression (`^…$`, `.*` and `.`, the rest escaped).
 */
export function protectionSelectors(
  patterns: readonly { pattern: string }[],
  selectors: readonly SelectorDraft[],
): TagSelector[] {
  const wanted = patterns.map(({ pattern }): TagSelector =>
    /[*?]/.test(pattern)
      ? { kind: 'regexp', pattern: tagPatternTest(pattern).source }
      : { kind: 'label', pattern },
  );
  const has = (selector: TagSelector) =>
    selectors.some((other) => other.kind === selector.kind && other.pattern === selector.pattern);
  return wanted.filter(
    (selector, index) =>
      !has(selector) &&
      wanted.findIndex(
        (other) => other.kind === selector.kind && other.pattern === selector.pattern,
      ) === index,
  );
}
