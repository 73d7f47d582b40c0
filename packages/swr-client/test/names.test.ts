import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  namespaceName,
  iamUserId,
  repositoryCategory,
  repositoryName,
  RESERVED_NAMESPACES,
  tagName,
} from '../src/names';
import { namespaceArb, repositoryArb, tagArb } from './support/arbitraries';

/** The regexes of docs/swr-api.md ("Names"), copied from the document rather than from src. */
const DOC_NAMESPACE = /^[a-z][a-z0-9]*(?:(?:[._-]|__)[a-z0-9]+)*$/;
const DOC_REPOSITORY = /^[a-z0-9]+(?:(?:[._/-]|__)[a-z0-9]+)*$/;
const DOC_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

const accepts = (schema: { safeParse(value: unknown): { success: boolean } }, value: string) =>
  schema.safeParse(value).success;

describe('namespace names (docs/swr-api.md, Names)', () => {
  it.each([
    ['a', 'one letter'],
    ['a'.repeat(64), '64 characters'],
    [`a${'0'.repeat(63)}`, '64 characters ending in digits'],
    ['demo', 'letters'],
    ['team1', 'ends with a digit'],
    ['a.b', 'a dot between'],
    ['a_b', 'an underscore between'],
    ['a-b', 'a hyphen between'],
    ['a__b', 'two underscores'],
    ['a.b_c-d__e', 'every separator once'],
    ['a1.2b', 'digits around a separator'],
    ['library', 'the reserved name is still well formed'],
  ])('accepts %j (%s)', (name) => {
    expect(accepts(namespaceName, name)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['a'.repeat(65), '65 characters'],
    ['1abc', 'starts with a digit'],
    ['.ab', 'starts with a dot'],
    ['_ab', 'starts with an underscore'],
    ['-ab', 'starts with a hyphen'],
    ['ab.', 'ends with a dot'],
    ['ab_', 'ends with an underscore'],
    ['ab-', 'ends with a hyphen'],
    ['ab__', 'ends with two underscores'],
    ['a..b', 'two dots'],
    ['a--b', 'two hyphens (strict rule)'],
    ['a.-b', 'dot then hyphen'],
    ['a-_b', 'hyphen then underscore'],
    ['a_.b', 'underscore then dot'],
    ['a___b', 'three underscores'],
    ['a__.b', 'double underscore then dot'],
    ['Demo', 'uppercase first'],
    ['deMo', 'uppercase inside'],
    ['a/b', 'a slash'],
    ['a b', 'a space'],
    ['a$b', 'a dollar'],
    ['ä', 'a non-ASCII letter'],
  ])('refuses %j (%s)', (name) => {
    expect(accepts(namespaceName, name)).toBe(false);
  });

  it('keeps library reserved', () => {
    expect(RESERVED_NAMESPACES).toContain('library');
  });

  it('accepts exactly the strings that fit the documented regex and 1–64 length', () => {
    const candidate = fc.string({
      unit: fc.constantFrom(...'ab0_.-Z/ '.split('')),
      maxLength: 70,
    });
    fc.assert(
      fc.property(fc.oneof(candidate, namespaceArb), (name) => {
        const documented = DOC_NAMESPACE.test(name) && name.length >= 1 && name.length <= 64;
        expect(accepts(namespaceName, name)).toBe(documented);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every name built from the grammar', () => {
    fc.assert(
      fc.property(namespaceArb, (name) => {
        expect(accepts(namespaceName, name)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses every grammar name made longer than 64', () => {
    fc.assert(
      fc.property(namespaceArb, (name) => {
        const long = name + 'x'.repeat(65 - name.length);
        expect(long).toHaveLength(65);
        expect(accepts(namespaceName, long)).toBe(false);
      }),
    );
  });
});

describe('repository names (docs/swr-api.md, Names)', () => {
  it.each([
    ['a', 'one letter'],
    ['0', 'one digit'],
    ['1app', 'starts with a digit'],
    ['a'.repeat(128), '128 characters'],
    ['web/app', 'a slash between'],
    ['team/web/app', 'two levels'],
    ['a.b', 'a dot'],
    ['a_b', 'an underscore'],
    ['a-b', 'a hyphen'],
    ['a__b', 'two underscores'],
    ['a/b.c_d-e__f9', 'every separator'],
  ])('accepts %j (%s)', (name) => {
    expect(accepts(repositoryName, name)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['a'.repeat(129), '129 characters'],
    ['/app', 'starts with a slash'],
    ['app/', 'ends with a slash'],
    ['.app', 'starts with a dot'],
    ['app-', 'ends with a hyphen'],
    ['_app', 'starts with an underscore'],
    ['web//app', 'two slashes'],
    ['web/.app', 'slash then dot'],
    ['web-/app', 'hyphen then slash'],
    ['web_/app', 'underscore then slash'],
    ['a___b', 'three underscores'],
    ['a--b', 'two hyphens'],
    ['Web/app', 'uppercase'],
    ['web$app', 'the path form is not a name'],
    ['web app', 'a space'],
    ['web:app', 'a colon'],
  ])('refuses %j (%s)', (name) => {
    expect(accepts(repositoryName, name)).toBe(false);
  });

  it('accepts exactly the strings that fit the documented regex and 1–128 length', () => {
    const candidate = fc.string({
      unit: fc.constantFrom(...'a0_.-/$A'.split('')),
      maxLength: 135,
    });
    fc.assert(
      fc.property(fc.oneof(candidate, repositoryArb), (name) => {
        const documented = DOC_REPOSITORY.test(name) && name.length >= 1 && name.length <= 128;
        expect(accepts(repositoryName, name)).toBe(documented);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every name built from the grammar', () => {
    fc.assert(
      fc.property(repositoryArb, (name) => {
        expect(accepts(repositoryName, name)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('tag names (Docker/OCI rule of docs/swr-api.md, Names)', () => {
  it.each([
    ['a', 'one letter'],
    ['_', 'one underscore'],
    ['V1.0', 'uppercase is fine in tags'],
    ['latest', 'latest'],
    ['1.2.3-rc.1_build', 'dots, hyphens, underscores'],
    ['a'.repeat(128), '128 characters'],
    ['_a.-', 'ends with a separator'],
  ])('accepts %j (%s)', (tag) => {
    expect(accepts(tagName, tag)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['a'.repeat(129), '129 characters'],
    ['.a', 'starts with a dot'],
    ['-a', 'starts with a hyphen'],
    ['a:b', 'a colon'],
    ['a/b', 'a slash'],
    ['a b', 'a space'],
    ['a+b', 'a plus'],
    ['é', 'a non-ASCII letter'],
  ])('refuses %j (%s)', (tag) => {
    expect(accepts(tagName, tag)).toBe(false);
  });

  it('accepts exactly the documented tags', () => {
    const candidate = fc.string({ unit: fc.constantFrom(...'aZ9_.-:/'.split('')), maxLength: 130 });
    fc.assert(
      fc.property(fc.oneof(candidate, tagArb), (tag) => {
        expect(accepts(tagName, tag)).toBe(DOC_TAG.test(tag));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('repository categories (docs/swr-api.md, Names)', () => {
  it.each(['app_server', 'linux', 'framework_app', 'database', 'lang', 'windows', 'arm', 'other'])(
    'accepts %s',
    (category) => {
      expect(accepts(repositoryCategory, category)).toBe(true);
    },
  );

  it('accepts the SDK spelling arms and nothing else', () => {
    expect(accepts(repositoryCategory, 'arms')).toBe(true);
    expect(accepts(repositoryCategory, 'Linux')).toBe(false);
    expect(accepts(repositoryCategory, 'arm64')).toBe(false);
  });
});

describe('IAM user ids', () => {
  it('are 32 lowercase hexadecimal characters', () => {
    expect(accepts(iamUserId, '0123456789abcdef0123456789abcdef')).toBe(true);
    for (const bad of [
      'not-an-id',
      '0123456789ABCDEF0123456789ABCDEF',
      '0123456789abcdef0123456789abcde',
      '0123456789abcdef0123456789abcdef0',
      'g123456789abcdef0123456789abcdef',
      '',
    ]) {
      expect(accepts(iamUserId, bad), bad).toBe(false);
    }
  });
});
