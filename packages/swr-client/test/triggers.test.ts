import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionProblem, conditionTags } from '../src/contract/operations/triggers';
import { triggerMatches } from '../src/domain/triggers';
import { tagArb } from './support/arbitraries';

describe('triggerMatches', () => {
  it('fires an all trigger for every tag', () => {
    fc.assert(
      fc.property(tagArb, (tag) => {
        expect(triggerMatches({ trigger_type: 'all', condition: '.*' }, tag)).toBe(true);
      }),
    );
  });

  it.each([
    ['v1', true],
    ['v2', true],
    ['latest', true],
    ['v3', false],
    ['v', false],
    ['v1.0', false],
    ['', false],
  ])('fires a tag trigger "v1;v2; latest ;" for %j: %s', (tag, fires) => {
    expect(triggerMatches({ trigger_type: 'tag', condition: 'v1;v2; latest ;' }, tag)).toBe(fires);
  });

  it.each([
    ['v\\d+', 'v12', true],
    ['v\\d+', 'release-v3-rc', true],
    ['v\\d+', 'latest', false],
    ['^v\\d+$', 'v12', true],
    ['^v\\d+$', 'v1-rc', false],
    ['^release-', 'release-2024', true],
    ['^release-', 'prerelease-2024', false],
    ['.*', 'anything', true],
  ])('fires a regular trigger %j for %j: %s', (condition, tag, fires) => {
    expect(triggerMatches({ trigger_type: 'regular', condition }, tag)).toBe(fires);
  });

  it.each(['(', '[a-', '*v', '(?<name'])(
    'does not fire (nor throw) for the invalid regular expression %j',
    (condition) => {
      expect(triggerMatches({ trigger_type: 'regular', condition }, condition)).toBe(false);
    },
  );

  it('fires a tag trigger exactly for the listed tags', () => {
    fc.assert(
      fc.property(fc.uniqueArray(tagArb, { minLength: 1, maxLength: 5 }), tagArb, (listed, tag) => {
        const trigger = { trigger_type: 'tag' as const, condition: listed.join(';') };
        expect(triggerMatches(trigger, tag)).toBe(listed.includes(tag));
        for (const name of listed) expect(triggerMatches(trigger, name)).toBe(true);
      }),
    );
  });
});

describe('trigger conditions', () => {
  it('splits a tag condition on ;, trimming and skipping empties', () => {
    expect(conditionTags(' v1 ;;v2;')).toEqual(['v1', 'v2']);
    expect(conditionTags('')).toEqual([]);
  });

  it.each([
    ['all', '.*', true],
    ['all', 'v1', false],
    ['tag', 'v1;latest', true],
    ['tag', ';', false],
    ['tag', 'v1;.bad', false],
    ['regular', '^v\\d+$', true],
    ['regular', '(', false],
  ] as const)('judges a %s condition %j valid: %s', (type, condition, valid) => {
    expect(conditionProblem(type, condition) === undefined).toBe(valid);
  });
});
