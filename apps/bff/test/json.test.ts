/**
 * parseJson: SWR's answer parsed from its bytes, a large top-level array element by element (no
 * string of the whole answer), must give exactly what JSON.parse of the whole text gives, and
 * refuse exactly what it refuses. Checked with generated JSON (fast-check), with damaged JSON, and
 * on a real page of 100 tags from the emulator.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrayElements, parseJson, SPLIT_MIN_BYTES } from '../src/proxy/json';

/** JSON.parse's verdict on `text`: its value, or that it threw. */
function verdict(parse: () => unknown): { value: unknown } | { threw: true } {
  try {
    return { value: parse() };
  } catch {
    return { threw: true };
  }
}

function expectSameAsJsonParse(text: string): void {
  const bytes = Buffer.from(text);
  // A threshold of 0 takes the element-by-element way for every array.
  expect(verdict(() => parseJson(bytes, 0))).toEqual(verdict(() => JSON.parse(text) as unknown));
}

const arrays = fc.array(fc.jsonValue(), { maxLength: 12 });
/** Whitespace JSON allows between tokens. */
const space = fc.constantFrom('', ' ', '\n', '\r\n\t ', '  ');

describe('parseJson', () => {
  it('gives what JSON.parse gives, for any array', () => {
    fc.assert(
      fc.property(arrays, fc.constantFrom(undefined, 1, 2, '\t'), space, (value, indent, pad) => {
        expectSameAsJsonParse(`${pad}${JSON.stringify(value, null, indent)}${pad}`);
      }),
      { numRuns: 500 },
    );
  });

  it('gives what JSON.parse gives, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expectSameAsJsonParse(JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses what JSON.parse refuses: arrays with a character added, removed or changed', () => {
    const damaged = arrays
      .map((value) => JSON.stringify(value))
      .chain((text) =>
        fc.tuple(
          fc.constant(text),
          fc.nat({ max: Math.max(0, text.length) }),
          fc.constantFrom('', ',', '[', ']', '{', '}', '"', '\\', ':', ' ', 'x', '1', '\u00a0'),
          fc.boolean(),
        ),
      )
      .map(([text, at, insert, replace]) =>
        replace
          ? `${text.slice(0, at)}${insert}${text.slice(at + 1)}`
          : `${text.slice(0, at)}${insert}${text.slice(at)}`,
      );
    fc.assert(fc.property(damaged, expectSameAsJsonParse), { numRuns: 2000 });
  });

  it.each([
    '[]',
    ' [ ] ',
    '[1,]',
    '[,1]',
    '[1,,2]',
    '[1 2]',
    '[1]]',
    '[[1]',
    '[{]',
    '[{"a":"]"},"\\"",["[",{}]]',
    '["\\\\",2]',
    '["a\\\\\\"b"]',
    '[1] x',
    '\ufeff[1]',
    '[1,\u00a02]',
    '{"a":[1,2]}',
    '"[1,2]"',
    '',
    '[',
    '["unterminated]',
  ])('%j: the same as JSON.parse', (text) => {
    expectSameAsJsonParse(text);
  });

  it('decodes each element as the whole text decodes: multi-byte and invalid UTF-8', () => {
    const bytes = Buffer.concat([
      Buffer.from('[{"name":"镜像"},"a'),
      Buffer.from([0xe9, 0x95]), // a character cut short
      Buffer.from('",{"x":"'),
      Buffer.from([0xff]),
      Buffer.from('"}]'),
    ]);
    expect(parseJson(bytes, 0)).toEqual(JSON.parse(bytes.toString('utf8')));
  });

  it('takes the element-by-element way for a page of 100 tags, and only for large arrays', () => {
    const tag = (i: number) => ({
      Tag: `v1.0.${i}`,
      manifest: JSON.stringify({
        layers: Array.from({ length: 8 }, (_, n) => ({ digest: `sha256:${'0'.repeat(63)}${n}` })),
      }),
      size: 1_000_000 + i,
    });
    const page = Buffer.from(JSON.stringify(Array.from({ length: 100 }, (_, i) => tag(i))));
    expect(page.length).toBeGreaterThanOrEqual(SPLIT_MIN_BYTES);
    expect(arrayElements(page)).toHaveLength(100);
    expect(parseJson(page)).toEqual(JSON.parse(page.toString('utf8')));
    expect(arrayElements(Buffer.from('{"namespaces":[]}'))).toBeUndefined();
  });
});
