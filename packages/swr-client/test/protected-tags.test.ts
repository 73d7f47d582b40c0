/** Protected tags' patterns (bff-api/protected-tags.ts): whole names, `*` and `?`, nothing else. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protectingPattern, tagPatternTest } from '../src/bff-api/protected-tags';

const tagName = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}$/);

describe('protected tag patterns', () => {
  it('match whole names, * any characters, ? exactly one', () => {
    expect(tagPatternTest('latest').test('latest')).toBe(true);
    expect(tagPatternTest('latest').test('latest-1')).toBe(false);
    expect(tagPatternTest('latest').test('my-latest')).toBe(false);
    expect(tagPatternTest('v*.*.*').test('v1.2.3')).toBe(true);
    expect(tagPatternTest('v*.*.*').test('v1.2')).toBe(false);
    expect(tagPatternTest('release-?').test('release-7')).toBe(true);
    expect(tagPatternTest('release-?').test('release-10')).toBe(false);
    expect(tagPatternTest('*').test('anything.at-all_1')).toBe(true);
  });

  it('take a dot for a dot, not for any character', () => {
    expect(tagPatternTest('v1.0').test('v1x0')).toBe(false);
    expect(tagPatternTest('1.*').test('10')).toBe(false);
  });

  it('match a name without wildcards only to itself', () => {
    fc.assert(
      fc.property(tagName, tagName, (pattern, tag) => {
        expect(tagPatternTest(pattern).test(tag)).toBe(pattern === tag);
      }),
    );
  });

  it('name the first pattern that protects a tag', () => {
    const patterns = [
      { pattern: 'latest', scope: 'all' },
      { pattern: 'v*', scope: 'organization' },
      { pattern: 'v1*', scope: 'organization' },
    ];
    expect(protectingPattern(patterns, 'v1.0')).toBe(patterns[1]);
    expect(protectingPattern(patterns, 'main-1')).toBeUndefined();
  });
});
