/**
 * JSON.parse of SWR's answer, from its bytes, without one string of the whole answer when the
 * answer is a large array (a page of tags or repositories).
 *
 * Why: V8 keeps a string of 128 KiB or more in its large-object space, and making one costs about
 * 1 ms (a fresh memory mapping, and collections sooner), more than parsing it: a page of 100 tags
 * is 132 KiB. So a top-level array of at least `SPLIT_MIN_BYTES` is cut into its elements by
 * scanning the bytes for the commas between them (strings are skipped with `indexOf` of their
 * closing quote), and each element is parsed from its own small string. The result is the
 * value JSON.parse gives for the whole text, and anything JSON.parse would refuse is refused: each
 * element is parsed in full by JSON.parse, and whatever the scan cannot account for (not an
 * array, a stray comma, bytes after the array) falls back to JSON.parse of the whole text.
 */

export const SPLIT_MIN_BYTES = 64 * 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/** JSON's four whitespace bytes. */
function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** The index of the quote that closes the string opened at `open`, or -1. */
function closingQuote(bytes: Buffer, open: number): number {
  let at = open;
  for (;;) {
    at = bytes.indexOf(QUOTE, at + 1);
    if (at < 0) return -1;
    let backslashes = 0;
    while (bytes[at - 1 - backslashes] === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return at;
  }
}

/**
 * The byte ranges of the elements of the top-level array in `bytes`, or undefined when `bytes` is
 * not a top-level array whose elements this scan can delimit.
 */
export function arrayElements(bytes: Buffer): [number, number][] | undefined {
  const end = bytes.length;
  let at = 0;
  while (at < end && isSpace(bytes[at])) at += 1;
  if (bytes[at] !== OPEN_ARRAY) return undefined;
  const ranges: [number, number][] = [];
  let depth = 0;
  let start = -1;
  let afterComma = false;
  let closed = false;
  for (at += 1; at < end; at += 1) {
    const byte = bytes[at];
    if (byte === QUOTE) {
      if (start < 0) start = at;
      at = closingQuote(bytes, at);
      if (at < 0) return undefined;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (start < 0) start = at;
      depth += 1;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      if (depth > 0) {
        depth -= 1;
        continue;
      }
      if (byte !== CLOSE_ARRAY) return undefined;
      if (start >= 0) ranges.push([start, at]);
      else if (afterComma) return undefined;
      closed = true;
      at += 1;
      break;
    } else if (depth === 0) {
      if (byte === COMMA) {
        if (start < 0) return undefined;
        ranges.push([start, at]);
        start = -1;
        afterComma = true;
      } else if (start < 0 && !isSpace(byte)) {
        start = at;
      }
    }
  }
  if (!closed) return undefined;
  while (at < end && isSpace(bytes[at])) at += 1;
  return at === end ? ranges : undefined;
}

/** `JSON.parse` of `bytes` (UTF-8); throws as JSON.parse does on what is not JSON. */
export function parseJson(bytes: Buffer, splitMinBytes = SPLIT_MIN_BYTES): unknown {
  const ranges = bytes.length >= splitMinBytes ? arrayElements(bytes) : undefined;
  if (ranges === undefined) return JSON.parse(bytes.toString('utf8'));
  return ranges.map(([start, end]) => JSON.parse(bytes.toString('utf8', start, end)) as unknown);
}
