import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RetentionRule, TagSelector } from '../src/contract/models';
import {
  evaluateRetention,
  exemptingSelector,
  ruleTypeText,
  type RetentionCandidate,
  type RetentionVerdict,
} from '../src/domain/retention';

const NOW = new Date('2024-06-30T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

const daysAgo = (days: number, extraMs = 0) =>
  new Date(NOW.getTime() - days * DAY + extraMs).toISOString();

const tagRule = (num: number, selectors: TagSelector[] = []) => ({
  template: 'tag_rule' as const,
  params: { num: String(num) },
  tag_selectors: selectors,
});

const dateRule = (days: number, selectors: TagSelector[] = []) => ({
  template: 'date_rule' as const,
  params: { days: String(days) },
  tag_selectors: selectors,
});

const summary = (verdicts: RetentionVerdict[]) =>
  verdicts.map((verdict) => `${verdict.tag}:${verdict.action}:${verdict.reason}`);

describe('tag_rule', () => {
  const tags: RetentionCandidate[] = [
    { tag: 'v1', updated: daysAgo(50) },
    { tag: 'v4', updated: daysAgo(5) },
    { tag: 'latest', updated: daysAgo(60) },
    { tag: 'v2', updated: daysAgo(40) },
    { tag: 'v3', updated: daysAgo(10) },
  ];

  it('keeps the num newest and deletes the rest, newest first', () => {
    expect(summary(evaluateRetention(tagRule(2), tags, NOW))).toEqual([
      'v4:keep:among-newest',
      'v3:keep:among-newest',
      'v2:delete:beyond-newest',
      'v1:delete:beyond-newest',
      'latest:delete:beyond-newest',
    ]);
  });

  it('keeps exempt tags without counting them towards num', () => {
    const rule = tagRule(2, [{ kind: 'label', pattern: 'v3' }]);
    expect(summary(evaluateRetention(rule, tags, NOW))).toEqual([
      'v4:keep:among-newest',
      'v3:keep:exempt',
      'v2:keep:among-newest',
      'v1:delete:beyond-newest',
      'latest:delete:beyond-newest',
    ]);
  });

  it('keeps an old exempt tag and names the selector that saved it', () => {
    const selector: TagSelector = { kind: 'label', pattern: 'latest' };
    const verdicts = evaluateRetention(tagRule(1, [selector]), tags, NOW);
    expect(verdicts.find((verdict) => verdict.tag === 'latest')).toEqual({
      tag: 'latest',
      updated: daysAgo(60),
      action: 'keep',
      reason: 'exempt',
      selector,
    });
    expect(verdicts.filter((verdict) => verdict.action === 'keep')).toHaveLength(2);
  });

  it('keeps everything when num is at least the number of tags', () => {
    const verdicts = evaluateRetention(tagRule(1000), tags, NOW);
    expect(verdicts.every((verdict) => verdict.action === 'keep')).toBe(true);
  });

  it('orders equal times by tag name', () => {
    const same = daysAgo(3);
    const tied = ['c', 'a', 'b', 'd'].map((tag) => ({ tag, updated: same }));
    expect(summary(evaluateRetention(tagRule(2), tied, NOW))).toEqual([
      'a:keep:among-newest',
      'b:keep:among-newest',
      'c:delete:beyond-newest',
      'd:delete:beyond-newest',
    ]);
  });

  it('orders by the instant, whatever the precision or offset of the timestamp', () => {
    const verdicts = evaluateRetention(
      tagRule(1),
      [
        { tag: 'seconds', updated: '2018-03-21T12:22:37Z' },
        { tag: 'nanos', updated: '2018-03-21T12:22:37.542841141Z' },
        { tag: 'offset', updated: '2018-03-21T20:22:37.100+08:00' },
      ],
      NOW,
    );
    expect(summary(verdicts)).toEqual([
      'nanos:keep:among-newest',
      'offset:delete:beyond-newest',
      'seconds:delete:beyond-newest',
    ]);
  });

  it('gives no verdict when there are no tags', () => {
    expect(evaluateRetention(tagRule(3), [], NOW)).toEqual([]);
  });
});

describe('date_rule', () => {
  it('keeps tags updated less than days × 24 h ago and deletes the older ones', () => {
    const tags = [
      { tag: 'fresh', updated: daysAgo(1) },
      { tag: 'edge-inside', updated: daysAgo(30, 1) },
      { tag: 'edge', updated: daysAgo(30) },
      { tag: 'old', updated: daysAgo(31) },
    ];
    expect(summary(evaluateRetention(dateRule(30), tags, NOW))).toEqual([
      'fresh:keep:within-days',
      'edge-inside:keep:within-days',
      'edge:delete:older-than-days',
      'old:delete:older-than-days',
    ]);
  });

  it('keeps exempt tags however old', () => {
    const tags = [
      { tag: 'release-1', updated: daysAgo(300) },
      { tag: 'build-1', updated: daysAgo(300) },
    ];
    const rule = dateRule(7, [{ kind: 'regexp', pattern: '^release-' }]);
    expect(summary(evaluateRetention(rule, tags, NOW))).toEqual([
      'build-1:delete:older-than-days',
      'release-1:keep:exempt',
    ]);
  });

  it('does not cap the number of tags it keeps', () => {
    const tags = Array.from({ length: 20 }, (_, i) => ({ tag: `t${i}`, updated: daysAgo(i / 10) }));
    const verdicts = evaluateRetention(dateRule(2), tags, NOW);
    expect(verdicts.every((verdict) => verdict.action === 'keep')).toBe(true);
  });
});

describe('selectors', () => {
  const rule = (selectors: TagSelector[]) => ({ tag_selectors: selectors });

  it('matches a label against the whole tag only', () => {
    const label = { kind: 'label' as const, pattern: 'v1' };
    expect(exemptingSelector(rule([label]), 'v1')).toEqual(label);
    expect(exemptingSelector(rule([label]), 'v10')).toBeUndefined();
    expect(exemptingSelector(rule([label]), 'xv1')).toBeUndefined();
    expect(exemptingSelector(rule([label]), 'V1')).toBeUndefined();
  });

  it('treats a label as text, not a pattern', () => {
    const label = { kind: 'label' as const, pattern: 'v1.*' };
    expect(exemptingSelector(rule([label]), 'v1.0')).toBeUndefined();
    expect(exemptingSelector(rule([label]), 'v1.*')).toEqual(label);
  });

  it('matches a regexp anywhere in the tag unless anchored', () => {
    const loose = { kind: 'regexp' as const, pattern: 'v1' };
    const anchored = { kind: 'regexp' as const, pattern: '^v1$' };
    expect(exemptingSelector(rule([loose]), 'xv10')).toEqual(loose);
    expect(exemptingSelector(rule([anchored]), 'xv10')).toBeUndefined();
    expect(exemptingSelector(rule([anchored]), 'v1')).toEqual(anchored);
  });

  it('returns the first selector that matches', () => {
    const first = { kind: 'regexp' as const, pattern: '^v' };
    const second = { kind: 'label' as const, pattern: 'v2' };
    expect(exemptingSelector(rule([first, second]), 'v2')).toEqual(first);
    expect(exemptingSelector(rule([second, first]), 'v2')).toEqual(second);
  });

  it('lets an invalid regexp match nothing, and the tag is judged by the rule', () => {
    const broken = { kind: 'regexp' as const, pattern: '(' };
    expect(exemptingSelector(rule([broken]), '(')).toBeUndefined();
    const verdicts = evaluateRetention(
      tagRule(1, [broken]),
      [
        { tag: 'new', updated: daysAgo(1) },
        { tag: '(', updated: daysAgo(2) },
      ],
      NOW,
    );
    expect(summary(verdicts)).toEqual(['new:keep:among-newest', '(:delete:beyond-newest']);
  });
});

describe('ruleTypeText', () => {
  it('writes the rule as SWR records it in a retention log', () => {
    expect(ruleTypeText(tagRule(7))).toBe(
      '{"template":"tag_rule","params":{"num":"7"},"tag_selectors":[]}',
    );
  });

  it('keeps only kind and pattern of each selector', () => {
    const selector = { kind: 'label', pattern: 'latest', extra: 1 } as TagSelector;
    const rule: RetentionRule = { ...dateRule(30), tag_selectors: [selector] };
    expect(JSON.parse(ruleTypeText(rule))).toEqual({
      template: 'date_rule',
      params: { days: '30' },
      tag_selectors: [{ kind: 'label', pattern: 'latest' }],
    });
  });
});

describe('evaluateRetention properties', () => {
  const tagNameArb = fc.string({ unit: fc.constantFrom(...'abv12.-_'.split('')), minLength: 1 });
  const candidatesArb = fc.uniqueArray(
    fc.record({
      tag: tagNameArb,
      updated: fc
        .integer({ min: 0, max: 400 * DAY })
        .map((ago) => new Date(NOW.getTime() - ago).toISOString()),
    }),
    { selector: (candidate) => candidate.tag, maxLength: 30 },
  );
  const selectorArb: fc.Arbitrary<TagSelector> = fc.oneof(
    fc.record({ kind: fc.constant('label' as const), pattern: tagNameArb }),
    fc.record({
      kind: fc.constant('regexp' as const),
      pattern: fc.constantFrom('^v1', 'a$', '\\d', '(', '[', 'b.*a', '^$'),
    }),
  );
  const selectorsArb = fc.array(selectorArb, { maxLength: 4 });
  const ruleArb = fc.oneof(
    fc.tuple(fc.integer({ min: 1, max: 40 }), selectorsArb).map(([num, s]) => tagRule(num, s)),
    fc.tuple(fc.integer({ min: 1, max: 365 }), selectorsArb).map(([days, s]) => dateRule(days, s)),
  );

  it('gives every tag exactly one verdict, with its own time, newest first', () => {
    fc.assert(
      fc.property(ruleArb, candidatesArb, (rule, tags) => {
        const verdicts = evaluateRetention(rule, tags, NOW);
        expect(verdicts.map((verdict) => verdict.tag).sort()).toEqual(
          tags.map((candidate) => candidate.tag).sort(),
        );
        for (const verdict of verdicts) {
          expect(verdict.updated).toBe(tags.find((t) => t.tag === verdict.tag)?.updated);
        }
        for (let i = 1; i < verdicts.length; i += 1) {
          const before = Date.parse(verdicts[i - 1]?.updated ?? '');
          const after = Date.parse(verdicts[i]?.updated ?? '');
          expect(before).toBeGreaterThanOrEqual(after);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never deletes an exempt tag, and marks exactly the selector-matched ones exempt', () => {
    fc.assert(
      fc.property(ruleArb, candidatesArb, (rule, tags) => {
        for (const verdict of evaluateRetention(rule, tags, NOW)) {
          const exempt = exemptingSelector(rule, verdict.tag) !== undefined;
          expect(verdict.reason === 'exempt').toBe(exempt);
          if (exempt) expect(verdict.action).toBe('keep');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('with tag_rule keeps min(num, non-exempt count) non-exempt tags, the newest ones', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        selectorsArb,
        candidatesArb,
        (num, selectors, tags) => {
          const rule = tagRule(num, selectors);
          const verdicts = evaluateRetention(rule, tags, NOW);
          const counted = verdicts.filter((verdict) => verdict.reason !== 'exempt');
          const kept = counted.filter((verdict) => verdict.action === 'keep');
          expect(kept).toHaveLength(Math.min(num, counted.length));
          const oldestKept = Math.min(...kept.map((verdict) => Date.parse(verdict.updated)));
          for (const verdict of counted.filter((v) => v.action === 'delete')) {
            expect(Date.parse(verdict.updated)).toBeLessThanOrEqual(oldestKept);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('with date_rule keeps exactly the non-exempt tags newer than the cutoff', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 365 }),
        selectorsArb,
        candidatesArb,
        (days, selectors, tags) => {
          const cutoff = NOW.getTime() - days * DAY;
          for (const verdict of evaluateRetention(dateRule(days, selectors), tags, NOW)) {
            if (verdict.reason === 'exempt') continue;
            expect(verdict.action).toBe(Date.parse(verdict.updated) > cutoff ? 'keep' : 'delete');
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order the tags come in', () => {
    fc.assert(
      fc.property(ruleArb, candidatesArb, (rule, tags) => {
        const reversed = evaluateRetention(rule, [...tags].reverse(), NOW);
        expect(reversed).toEqual(evaluateRetention(rule, tags, NOW));
      }),
      { numRuns: 200 },
    );
  });
});
