/**
 * JSON.parse of SWR's answer, from its bytes, without one string of the whole answer when the
 * answer is a large array of objects (a page of tags or repositories).
 *
 * Why: V8 keeps a string of 128 KiB or more in its large-object space, and making one costs about
 * 0.2 ms (a fresh memory mapping, and collections sooner) where a string of 120 KiB costs 0.01 ms:
 * a page of 100 tags is 132 KiB. So such an array is parsed in pieces of at most `PIECE_BYTES`.
 *
 * How: a piece ends where an element ends, at `},{"` (an object closing, a comma, the next object
 * opening on its first key). Those four bytes cannot lie inside a string, since a string holds a
 * quote only escaped, except at the end of a string that ends in `},{`; nor deeper in the array,
 * since then the piece's brackets would not balance. Each piece is parsed as an array of its own
 * (the commas around it read as `[` and `]`), so a cut that was not between two elements of the
 * top-level array gives a piece JSON.parse refuses. If every piece parses, the whole text is
 * those arrays joined by commas and its value is theirs joined: what JSON.parse of the whole text
 * gives. Anything else (a piece refused, not an array of objects, no place to cut) is parsed
 * whole, so whatever JSON.parse refuses is refused. The cuts are at ASCII bytes, so the pieces
 * decode as the whole text does, invalid UTF-8 included.
 */

/** Pieces stay under V8's 128 KiB large-object size, counted in bytes (never fewer characters). */
export const PIECE_BYTES = 96 * 1024;

/** Where one element of an array of objects ends and the next begins. */
const BETWEEN_OBJECTS = Buffer.from('},{"');
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;

/** JSON's four whitespace bytes. */
function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

/** Whether `bytes` starts (after whitespace) with `[` and then `{`. */
function opensArrayOfObjects(bytes: Buffer): boolean {
  let at = 0;
  while (isSpace(bytes[at])) at += 1;
  if (bytes[at] !== OPEN_ARRAY) return false;
  at += 1;
  while (isSpace(bytes[at])) at += 1;
  return bytes[at] === OPEN_OBJECT;
}

/**
 * The index of the `}` that ends the piece starting at `start`: the last cut within `pieceBytes`,
 * or the first after it when one element is larger; -1 when the rest is the last piece.
 */
function cutAfter(bytes: Buffer, start: number, pieceBytes: number): number {
  const limit = start + pieceBytes;
  if (limit >= bytes.length) return -1;
  const before = bytes.lastIndexOf(BETWEEN_OBJECTS, limit - BETWEEN_OBJECTS.length);
  return before > start ? before : bytes.indexOf(BETWEEN_OBJECTS, limit);
}

/**
 * JSON.parse of `bytes[from, to)` read as an array: the comma before the piece's first element
 * read as `[` (`open`) and the comma after its last as `]` (`close`). The two bytes are written in
 * place for the time of one `toString` and put back, so that the piece's text is made once, with
 * no second copy to add its brackets; JSON.parse then runs on the string alone.
 */
function parseBracketed(bytes: Buffer, from: number, to: number, open: boolean, close: boolean) {
  const first = bytes[from] ?? 0;
  const last = bytes[to - 1] ?? 0;
  if (open) bytes[from] = OPEN_ARRAY;
  if (close) bytes[to - 1] = CLOSE_ARRAY;
  let text: string;
  try {
    text = bytes.toString('utf8', from, to);
  } finally {
    bytes[from] = first;
    bytes[to - 1] = last;
  }
  return JSON.parse(text) as unknown;
}

/** Each piece's elements, or undefined when a piece is not an array (a cut in the wrong place). */
function parsePieces(bytes: Buffer, pieceBytes: number): unknown[][] | undefined {
  const parts: unknown[][] = [];
  // The first piece begins with the array's `[`; each later one with the comma before its first
  // element, read as `[`.
  let from = 0;
  for (;;) {
    const cut = cutAfter(bytes, from, pieceBytes);
    let part: unknown;
    try {
      part = parseBracketed(bytes, from, cut < 0 ? bytes.length : cut + 2, from > 0, cut >= 0);
    } catch {
      return undefined;
    }
    if (!Array.isArray(part)) return undefined;
    parts.push(part);
    if (cut < 0) return parts;
    from = cut + 1;
  }
}

/** `JSON.parse` of `bytes` (UTF-8); throws as JSON.parse does on what is not JSON. */
export function parseJson(bytes: Buffer, pieceBytes = PIECE_BYTES): unknown {
  const parts =
    bytes.length > pieceBytes && opensArrayOfObjects(bytes)
      ? parsePieces(bytes, pieceBytes)
      : undefined;
  if (parts === undefined) return JSON.parse(bytes.toString('utf8'));
  return parts.length === 1 ? parts[0] : parts.flat(1);
}
