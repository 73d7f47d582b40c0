/**
 * fast-check generators built from the grammars of docs/swr-api.md ("Names"), written independently
 * of the schemas under test so a property can compare the two.
 */
import fc from 'fast-check';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
const UPPER = LOWER.toUpperCase();

const chars = (alphabet: string) => fc.constantFrom(...alphabet.split(''));
const word = (alphabet: string, minLength: number, maxLength: number) =>
  fc.string({ unit: chars(alphabet), minLength, maxLength });

/** Separated runs: `head (sep run)*`, every run of `[a-z0-9]+`. */
function separated(head: fc.Arbitrary<string>, separators: readonly string[], maxLength: number) {
  const segment = fc
    .tuple(fc.constantFrom(...separators), word(LOWER + DIGITS, 1, 10))
    .map(([sep, run]) => sep + run);
  return fc
    .tuple(head, fc.array(segment, { maxLength: 8 }))
    .map(([first, rest]) => first + rest.join(''))
    .filter((name) => name.length <= maxLength);
}

/** namespace: `[a-z][a-z0-9]*`, then (`.`|`_`|`-`|`__`) `[a-z0-9]+`, 1–64 characters. */
export const namespaceArb = separated(
  fc.tuple(chars(LOWER), word(LOWER + DIGITS, 0, 20)).map(([a, b]) => a + b),
  ['.', '_', '-', '__'],
  64,
);

/** repository: `[a-z0-9]+`, then (`.`|`/`|`_`|`-`|`__`) `[a-z0-9]+`, 1–128 characters. */
export const repositoryArb = separated(
  word(LOWER + DIGITS, 1, 30),
  ['.', '/', '_', '-', '__'],
  128,
);

/** A repository that certainly holds a `/`. */
export const nestedRepositoryArb = fc
  .tuple(repositoryArb, repositoryArb)
  .map(([a, b]) => `${a}/${b}`)
  .filter((name) => name.length <= 128);

/** tag: the Docker/OCI rule `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`. */
export const tagArb = fc
  .tuple(chars(LOWER + UPPER + DIGITS + '_'), word(LOWER + UPPER + DIGITS + '_.-', 0, 127))
  .map(([a, b]) => a + b);

/** An account (domain) name: a letter, then letters, digits, `_` and `-`, up to 64. */
const accountArb = fc
  .tuple(chars(LOWER + UPPER), word(LOWER + UPPER + DIGITS + '_-', 0, 63))
  .map(([a, b]) => a + b);

/** A trigger name: a letter, then letters, digits, `_` and `-`, up to 64. */
const triggerArb = accountArb;

/** An API version such as `v2` or `v2.26`. */
export const apiVersionArb = fc
  .tuple(fc.integer({ min: 0, max: 999 }), fc.option(fc.integer({ min: 0, max: 999 })))
  .map(([major, minor]) => (minor === null ? `v${major}` : `v${major}.${minor}`));

/** Generators for each path parameter name used by the contract. */
export const paramArbs: Readonly<Record<string, fc.Arbitrary<string | number>>> = {
  namespace: namespaceArb,
  repository: fc.oneof(repositoryArb, nestedRepositoryArb),
  tag: tagArb,
  access_domain: accountArb,
  trigger: triggerArb,
  retention_id: fc.integer({ min: 1, max: 2_147_483_647 }),
  api_version: apiVersionArb,
};
