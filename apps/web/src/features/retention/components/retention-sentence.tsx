/**
 * A retention rule written as a sentence, with its patterns as code: "Keep the 10 most recent
 * tags, except tags matching `^release-` and the tag `latest`." Lists are joined the way the
 * chosen language joins them.
 */
import type { RetentionVerdict, TagSelector } from '@swr-dashboard/swr-client/browser';
import type { TFunction } from 'i18next';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What a sentence needs of a rule: the wire form and the form's both fit. */
export interface RuleLike {
  template: 'tag_rule' | 'date_rule';
  params: Partial<Record<string, string>>;
  tag_selectors: readonly TagSelector[];
}

/** The rule's number: how many tags (tag_rule) or days (date_rule). */
export function ruleAmount(rule: RuleLike): number {
  return Number(rule.template === 'tag_rule' ? rule.params.num : rule.params.days);
}

// Private-use characters mark where a node goes; no translation contains them.
const SLOT = /\uE000(\d+)\uE001/;

/** A placeholder for node `index` inside translated text, replaced by {@link fill}. */
function slot(index: number): string {
  return `\uE000${index}\uE001`;
}

/** Translated text with its placeholders replaced by nodes. */
function fill(text: string, nodes: readonly ReactNode[]): ReactNode {
  return text
    .split(SLOT)
    .map((part, index) =>
      index % 2 === 1 ? <Fragment key={index}>{nodes[Number(part)]}</Fragment> : part,
    );
}

function Pattern({ children }: { children: string }) {
  return <code className="rounded bg-hover px-1 py-0.5 font-mono text-[0.85em]">{children}</code>;
}

/** The sentence as text with slots, and the nodes for them. */
function sentence(rule: RuleLike, t: TFunction, language: string): [string, ReactNode[]] {
  const nodes: ReactNode[] = [];
  const add = (pattern: string) => {
    nodes.push(<Pattern>{pattern}</Pattern>);
    return slot(nodes.length - 1);
  };
  const and = new Intl.ListFormat(language, { type: 'conjunction' });
  const or = new Intl.ListFormat(language, { type: 'disjunction' });
  const labels = rule.tag_selectors.filter((selector) => selector.kind === 'label');
  const patterns = rule.tag_selectors.filter((selector) => selector.kind === 'regexp');
  const exceptions: string[] = [];
  if (labels.length > 0) {
    exceptions.push(
      t('retention:sentence.labels', {
        count: labels.length,
        list: and.format(labels.map((selector) => add(selector.pattern))),
      }),
    );
  }
  if (patterns.length > 0) {
    exceptions.push(
      t('retention:sentence.patterns', {
        count: patterns.length,
        list: or.format(patterns.map((selector) => add(selector.pattern))),
      }),
    );
  }
  const main = t(`retention:sentence.${rule.template}`, { count: ruleAmount(rule) });
  const except =
    exceptions.length === 0 ? '' : t('retention:sentence.except', { list: and.format(exceptions) });
  return [`${main}${except}${t('retention:sentence.end')}`, nodes];
}

export function RetentionSentence({ rule }: { rule: RuleLike }) {
  const { t, i18n } = useTranslation(['retention']);
  const [text, nodes] = sentence(rule, t, i18n.language);
  return <>{fill(text, nodes)}</>;
}

/** Why the simulator keeps or deletes a tag. */
export function VerdictReason({ verdict, rule }: { verdict: RetentionVerdict; rule: RuleLike }) {
  const { t } = useTranslation(['retention']);
  const count = ruleAmount(rule);
  if (verdict.reason === 'exempt' && verdict.selector !== undefined) {
    const key = verdict.selector.kind === 'label' ? 'reasons.exemptLabel' : 'reasons.exemptPattern';
    return (
      <>{fill(t(key, { pattern: slot(0) }), [<Pattern>{verdict.selector.pattern}</Pattern>])}</>
    );
  }
  return <>{t(`reasons.${verdict.reason}`, { count })}</>;
}
