/**
 * SWR path templates: building a path from parameters, and matching a raw request path back to
 * its operation. Repository names travel with every `/` replaced by `$` (docs/swr-api.md, "Names").
 */
import { operationNames, operations, type OperationName } from './operations';

/** Parameters whose `/` travel as `$`. */
const DOLLAR_PARAMS: ReadonlySet<string> = new Set(['repository']);

/** `web/app` → `web$app`; the inverse of {@link repositoryFromPath}. */
export function repositoryToPath(repository: string): string {
  return repository.replaceAll('/', '$');
}

/** `web$app` → `web/app`. */
export function repositoryFromPath(segment: string): string {
  return segment.replaceAll('$', '/');
}

/** Encodes one path parameter as SWR expects it on the wire. `$` stays literal, like the SDK. */
function encodeParam(name: string, value: string): string {
  const text = DOLLAR_PARAMS.has(name) ? repositoryToPath(value) : value;
  return encodeURIComponent(text).replaceAll('%24', '$');
}

/** Fills a path template. Throws when a parameter is missing: the caller validated them first. */
export function buildPath(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`path parameter ${name} is missing`);
    return encodeParam(name, String(value));
  });
}

type Segment = { literal: string } | { param: string };

interface Route {
  name: OperationName;
  method: string;
  segments: Segment[];
  literals: number;
}

function splitPath(path: string): string[] {
  if (path === '/') return [];
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.split('/').slice(1);
}

const routes: Route[] = operationNames.map((name) => {
  const { method, path } = operations[name];
  const segments = splitPath(path).map((part): Segment => {
    const param = /^\{(\w+)\}$/.exec(part)?.[1];
    return param === undefined ? { literal: part } : { param };
  });
  return { name, method, segments, literals: segments.filter((s) => 'literal' in s).length };
});

export type MatchResult =
  | { ok: true; name: OperationName; params: Record<string, string> }
  | { ok: false; reason: 'not-found' | 'method-not-allowed' | 'bad-encoding' };

/**
 * Finds the operation for a method and a raw (still percent-encoded) path. Parameters come back
 * decoded, repositories with their real `/`. Where two templates match (`retentions/histories`
 * and `retentions/{retention_id}`), the one with more literal segments wins.
 */
export function matchOperation(method: string, rawPath: string): MatchResult {
  const raw = splitPath(rawPath);
  let decoded: string[];
  try {
    decoded = raw.map((segment) => decodeURIComponent(segment));
  } catch {
    return { ok: false, reason: 'bad-encoding' };
  }
  // The most specific template wins on the path alone, before the method is looked at: a
  // `DELETE …/retentions/histories` is a wrong method, not a retention with id "histories".
  const fitting = routes.filter(
    (route) =>
      route.segments.length === decoded.length &&
      route.segments.every((segment, i) =>
        'literal' in segment ? segment.literal === decoded[i] : decoded[i] !== '',
      ),
  );
  if (fitting.length === 0) return { ok: false, reason: 'not-found' };
  const literals = Math.max(...fitting.map((route) => route.literals));
  const best = fitting.find(
    (route) => route.literals === literals && route.method === method.toUpperCase(),
  );
  if (best === undefined) return { ok: false, reason: 'method-not-allowed' };
  const params: Record<string, string> = {};
  best.segments.forEach((segment, i) => {
    if ('param' in segment) {
      const value = decoded[i] ?? '';
      params[segment.param] = DOLLAR_PARAMS.has(segment.param) ? repositoryFromPath(value) : value;
    }
  });
  return { ok: true, name: best.name, params };
}
