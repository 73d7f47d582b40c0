/**
 * parseJson: SWR's answer parsed from its bytes, a large array of objects in pieces (no string of
 * the whole answer), must give exactly what JSON.parse of the whole text gives, and refuse exactly
 * what it refuses. Checked with generated JSON (fast-check), with damaged JSON, with cuts that fall
 * inside strings and nested arrays, and on a page of 100 tags.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseJson, PIECE_BYTES } from '../src/proxy/json';

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
  const original = Buffer.from(bytes);
  // Pieces of 0 bytes cut an array of objects at every place that looks like a cut.
  expect(verdict(() => parseJson(bytes, 0))).toEqual(verdict(() => JSON.parse(text) as unknown));
  expect(bytes.equals(original)).toBe(true);
}

const arrays = fc.oneof(
  fc.array(fc.jsonValue(), { maxLength: 12 }),
  // Arrays of objects, the pieces' way; keys and strings drawn from JSON's own punctuation too.
  fc.array(
    fc.dictionary(
      fc.oneof(fc.string(), fc.constantFrom('},{', '"', ',{"', '}')),
      fc.oneof(fc.jsonValue(), fc.constantFrom('},{', 'x},{', '},{"a"')),
      { maxKeys: 4 },
    ),
    { maxLength: 12 },
  ),
);
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
    '[{"a":1},{"b":2}]',
    '[{"a":"},{"},{"b":1}]',
    '[{"a":"x},{"}, {"b":1}]',
    '[{"a":[{"b":1},{"c":2}]},{"d":3}]',
    '[[{"a":1},{"b":2}]]',
    '[{"a":1},{"b":2},]',
    '[{"a":1},{"b":2}',
    '[{"a":1},{"b":2}]]',
    '[{"a":1},{"b":2}] x',
    '[{"a":1},{"b":2}]{"c":3}',
    '[{"a":1},{"":2},{}]',
    ' [ {"a":1},{"b":[]} ] ',
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

  describe('a page of 100 tags', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });
    const tag = (i: number) => ({
      Tag: `v1.0.${i}`,
      manifest: JSON.stringify({
        layers: Array.from({ length: 16 }, (_, n) => ({ digest: `sha256:${'0'.repeat(63)}${n}` })),
      }),
      size: 1_000_000 + i,
    });
    const page = Buffer.from(JSON.stringify(Array.from({ length: 100 }, (_, i) => tag(i))));

    it('is parsed in pieces below the large-object size, each its own array', () => {
      expect(page.length).toBeGreaterThan(PIECE_BYTES);
      const expected = JSON.parse(page.toString('utf8')) as unknown;
      const original = Buffer.from(page);
      const parse = vi.spyOn(JSON, 'parse');
      expect(parseJson(page)).toEqual(expected);
      // The bytes are SWR's answer, passed on as they are: the brackets written for a piece
      // are put back.
      expect(page.equals(original)).toBe(true);
      const texts = parse.mock.calls.map(([text]) => text);
      expect(texts.length).toBe(Math.ceil(page.length / PIECE_BYTES));
      for (const text of texts) expect(text.length).toBeLessThanOrEqual(PIECE_BYTES + 2);
    });

    it('is parsed whole when a cut falls inside a string', () => {
      // A string ending in `},{` at the first piece's end, the element's real end after it: the
      // last cut within the piece lands in the string.
      const at = page.lastIndexOf('},{"', PIECE_BYTES - 4);
      const note = ',"note":"';
      const padding = 'x'.repeat(PIECE_BYTES - 4 - at - note.length);
      const text = `${page.toString('utf8', 0, at)}${note}${padding}},{"${page.toString('utf8', at)}`;
      expect(text.lastIndexOf('},{"', PIECE_BYTES - 4)).toBe(at + note.length + padding.length);
      const bytes = Buffer.from(text);
      const parse = vi.spyOn(JSON, 'parse');
      expect(parseJson(bytes)).toEqual(JSON.parse(text));
      expect(bytes.toString('utf8')).toBe(text);
      // The refused piece, then the whole text (and the expectation's own parse).
      expect(parse.mock.calls.map(([input]) => input.length)).toEqual([
        expect.any(Number),
        text.length,
        text.length,
      ]);
    });
  });
});
