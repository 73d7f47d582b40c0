/**
 * URI and query canonicalisation for the "SDK-HMAC-SHA256" scheme (docs/swr-api.md, "Signing",
 * steps 3–4).
 *
 * Everything here works on JS strings and the standard `encodeURIComponent`/`decodeURIComponent`
 * pair, so it runs unchanged in Node and in browsers.
 */

import type { QueryPairs } from '../contract/query';

/**
 * Query parameters as ordered pairs; a key may repeat (`?a=1&a=2`). The contract declares the
 * same type; re-exporting that one keeps `export *` of both modules unambiguous.
 */
export type { QueryPairs };

/** `encodeURIComponent` leaves these five literal, but they are not RFC 3986 unreserved. */
const NOT_UNRESERVED = /[!'()*]/g;

/**
 * Percent-encodes everything except the RFC 3986 unreserved set `A-Z a-z 0-9 - _ . ~`, as UTF-8
 * with uppercase hex. This is the one encoder the signature uses for path segments, query names
 * and query values.
 *
 * @throws URIError when `value` holds a lone UTF-16 surrogate (it has no UTF-8 form).
 */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    NOT_UNRESERVED,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Strict percent-decoding of one URI component. Returns `undefined` for a malformed
 * `%`-sequence or for bytes that are not valid UTF-8, instead of throwing.
 */
export function decodeComponent(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/**
 * CanonicalURI: split on `/`, encode each segment, re-join, and make sure it ends in `/`.
 *
 * - `decoded: true` (default, client side): `path` is the path as the caller means it, so a
 *   literal `%` is data and becomes `%25`.
 * - `decoded: false` (server side): `path` is the raw path from the wire; each segment is
 *   percent-decoded first. A malformed `%`-sequence makes the result `undefined` (no throw):
 *   such a path cannot match any signature, so callers treat it as a bad signature.
 */
export function canonicalUri(path: string, options?: { decoded?: true }): string;
export function canonicalUri(path: string, options: { decoded: boolean }): string | undefined;
export function canonicalUri(path: string, options?: { decoded?: boolean }): string | undefined {
  const decoded = options?.decoded ?? true;
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    const text = decoded ? segment : decodeComponent(segment);
    if (text === undefined) return undefined;
    segments.push(encodeRfc3986(text));
  }
  const joined = segments.join('/');
  return joined.endsWith('/') ? joined : `${joined}/`;
}

/** Plain UTF-16 code-unit order, which is what `Array.prototype.sort()` uses in the SDK. */
function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/**
 * CanonicalQueryString: pairs sorted by raw (unencoded) name, then raw value, in code-unit order,
 * each written `enc(name)=enc(value)` and joined with `&`. Sorting the raw text, not the encoded
 * text, matters: `a|` sorts after `ab` raw but `a%7C` sorts before `ab`.
 */
export function canonicalQuery(pairs: QueryPairs): string {
  return [...pairs]
    .sort(([ka, va], [kb, vb]) => compareCodeUnits(ka, kb) || compareCodeUnits(va, vb))
    .map(([key, value]) => `${encodeRfc3986(key)}=${encodeRfc3986(value)}`)
    .join('&');
}

/**
 * Parses a raw query string as found on the wire (a leading `?` is optional) into decoded pairs.
 * Form semantics: pieces split on `&`, name and value split on the first `=`, `+` means space
 * (Node `querystring` and `URLSearchParams` both read it that way; the SDK itself always sends
 * `%2B` and `%20`). Empty pieces are skipped. Returns `undefined` for a malformed `%`-sequence.
 */
export function parseQueryString(raw: string): QueryPairs | undefined {
  const text = raw.startsWith('?') ? raw.slice(1) : raw;
  const pairs: (readonly [string, string])[] = [];
  if (text === '') return pairs;
  for (const piece of text.split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const rawKey = eq === -1 ? piece : piece.slice(0, eq);
    const rawValue = eq === -1 ? '' : piece.slice(eq + 1);
    const key = decodeComponent(rawKey.replaceAll('+', ' '));
    const value = decodeComponent(rawValue.replaceAll('+', ' '));
    if (key === undefined || value === undefined) return undefined;
    pairs.push([key, value]);
  }
  return pairs;
}
