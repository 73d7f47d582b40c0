/**
 * Query strings of SWR lists: plain parameters and/or one `filter=key::value|key::value`
 * parameter that means the same thing (docs/swr-api.md, "Paging, sorting and filter").
 */
import { encodeRfc3986 } from '../signing/encoding';
import type { OperationDefinition } from './define';

export type QueryPairs = ReadonlyArray<readonly [string, string]>;

export type QueryProblem =
  | { kind: 'bad-filter'; message: string }
  | { kind: 'repeated'; key: string }
  | { kind: 'unknown'; key: string };

/** Parses `a::1|b::2`. Each part must be `key::value` with a non-empty key, each key once. */
export function parseFilter(
  filter: string,
): { ok: true; entries: Map<string, string> } | { ok: false; problem: QueryProblem } {
  const entries = new Map<string, string>();
  if (filter === '') return { ok: true, entries };
  for (const part of filter.split('|')) {
    const at = part.indexOf('::');
    const key = at < 0 ? '' : part.slice(0, at);
    if (key === '') {
      return { ok: false, problem: { kind: 'bad-filter', message: `"${part}" is not key::value` } };
    }
    if (entries.has(key)) return { ok: false, problem: { kind: 'repeated', key } };
    entries.set(key, part.slice(at + 2));
  }
  return { ok: true, entries };
}

/** Formats entries as a filter value. Values holding `|` cannot be expressed and are refused. */
export function formatFilter(entries: Iterable<readonly [string, string]>): string {
  const parts: string[] = [];
  for (const [key, value] of entries) {
    if (value.includes('|')) throw new Error(`filter value for ${key} must not contain "|"`);
    parts.push(`${key}::${value}`);
  }
  return parts.join('|');
}

/**
 * Merges plain parameters and the `filter` parameter into one record, refusing repeated keys,
 * keys the operation does not know, and a key given both ways with different values.
 */
export function mergeQuery(
  operation: Pick<OperationDefinition, 'query' | 'filterKeys'>,
  pairs: QueryPairs,
): { ok: true; query: Record<string, string> } | { ok: false; problem: QueryProblem } {
  const known = new Set(Object.keys(operation.query.shape));
  const query: Record<string, string> = {};
  const seen = new Set<string>();
  let filter: string | undefined;
  for (const [key, value] of pairs) {
    if (seen.has(key)) return { ok: false, problem: { kind: 'repeated', key } };
    seen.add(key);
    if (key === 'filter' && operation.filterKeys.length > 0) filter = value;
    else if (known.has(key)) query[key] = value;
    else return { ok: false, problem: { kind: 'unknown', key } };
  }
  if (filter === undefined) return { ok: true, query };
  const parsed = parseFilter(filter);
  if (!parsed.ok) {
    // Inside `filter`, a repeated key is a malformed filter, not a repeated parameter.
    const { problem } = parsed;
    return {
      ok: false,
      problem:
        problem.kind === 'repeated'
          ? { kind: 'bad-filter', message: `"${problem.key}" is repeated in the filter` }
          : problem,
    };
  }
  for (const [key, value] of parsed.entries) {
    if (!operation.filterKeys.includes(key)) {
      return {
        ok: false,
        problem: { kind: 'bad-filter', message: `"${key}" cannot be filtered on` },
      };
    }
    const plain = query[key];
    if (plain !== undefined && plain !== value) {
      return { ok: false, problem: { kind: 'bad-filter', message: `"${key}" is given twice` } };
    }
    query[key] = value;
  }
  return { ok: true, query };
}

/**
 * Turns a caller's query into wire pairs: for `filter`-style operations the filter keys go into
 * one `filter` parameter (in the contract's order), everything else stays plain.
 */
export function encodeQuery(
  operation: Pick<OperationDefinition, 'filterKeys' | 'queryStyle'>,
  query: Readonly<Record<string, unknown>> | undefined,
): [string, string][] {
  const present = Object.entries(query ?? {}).filter(([, value]) => value !== undefined);
  const text = (value: unknown): string =>
    typeof value === 'string' ? value : JSON.stringify(value);
  if (operation.queryStyle === 'plain') return present.map(([key, value]) => [key, text(value)]);
  const packed = operation.filterKeys
    .filter((key) => present.some(([name]) => name === key))
    .map((key): [string, string] => [key, text(query?.[key])]);
  const plain = present
    .filter(([key]) => !operation.filterKeys.includes(key))
    .map(([key, value]): [string, string] => [key, text(value)]);
  return packed.length === 0 ? plain : [...plain, ['filter', formatFilter(packed)]];
}

/** `a=1&b=x%3Ay`, encoded with the signer's RFC 3986 encoder (what SWR signs). */
export function formatQueryString(query: QueryPairs): string {
  return query.map(([key, value]) => `${encodeRfc3986(key)}=${encodeRfc3986(value)}`).join('&');
}
