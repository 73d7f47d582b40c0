/** The New clean-up form's draft as the job it asks for, or what is wrong with it. */
import { describe, expect, it } from 'vitest';
import { draftFor, EMPTY_DRAFT, specOf, tagList } from './draft';

describe('a clean-up draft', () => {
  it('asks for repositories and a rule that names something', () => {
    expect(specOf('cn-north-4', { ...EMPTY_DRAFT, keepNewest: '5' })).toEqual({
      ok: false,
      problems: { repositories: 'noRepositories', rule: 'nothingNamed' },
    });
  });

  it('refuses a bad pattern, age, count or tag name', () => {
    const result = specOf('cn-north-4', {
      repositories: ['payments/gateway'],
      pattern: 'pr-[0-9]',
      olderThanDays: '0',
      keepNewest: '-1',
      tags: 'v1 .hidden',
    });
    expect(result).toEqual({
      ok: false,
      problems: { pattern: 'pattern', olderThanDays: 'days', keepNewest: 'keep', tags: 'tags' },
    });
  });

  it('is the spec of every criterion given, a repository split at its first slash', () => {
    expect(
      specOf('cn-north-4', {
        repositories: ['platform/base/alpine'],
        pattern: ' pr-* ',
        olderThanDays: '30',
        keepNewest: '',
        tags: 'v1, v2\nv1',
      }),
    ).toEqual({
      ok: true,
      spec: {
        kind: 'tag-cleanup',
        region: 'cn-north-4',
        repositories: [{ namespace: 'platform', repository: 'base/alpine' }],
        rule: { tags: ['v1', 'v2'], pattern: 'pr-*', olderThanDays: 30 },
      },
    });
    expect(tagList(' a,b  c\n\na ')).toEqual(['a', 'b', 'c']);
  });

  it('starts with the repository a link chose, when it is a name SWR could hold', () => {
    expect(draftFor('platform/base/alpine')).toEqual({
      ...EMPTY_DRAFT,
      repositories: ['platform/base/alpine'],
    });
    expect(draftFor(undefined)).toBe(EMPTY_DRAFT);
    for (const name of ['gateway', 'payments/', '/gateway', 'Payments/gateway', 'a/b//c']) {
      expect(draftFor(name)).toBe(EMPTY_DRAFT);
    }
    expect(draftFor(`payments/${'a'.repeat(129)}`)).toBe(EMPTY_DRAFT);
  });
});
