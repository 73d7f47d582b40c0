/**
 * Lists for users limited to some organizations. SWR lists the whole account, so the BFF filters
 * on the server: organizations directly; repository lists are read whole (pages of 1,000), kept
 * to the user's organizations, and paged here, with totals that count only what the user may see.
 */
import {
  encodeQuery,
  formatContentRange,
  PAGE_LIMIT_DEFAULT,
  PAGE_LIMIT_MAX,
  type OperationDefinition,
  type OperationName,
} from '@swr-dashboard/swr-client';
import { namespaceAllowed } from '../auth/roles';
import { AppError } from '../http/errors';
import type { RegionConfig } from '../config/schema';
import type { TraceContext } from '../http/trace';
import { parseJson } from './json';
import { InvalidAnswer } from './outcome';
import type { Upstream, UpstreamResponse } from './upstream';

export const SCOPED_LISTS: ReadonlySet<OperationName> = new Set([
  'listNamespaces',
  'listReposDetails',
  'listSharedReposDetails',
]);

interface ScopedListInput {
  upstream: Upstream;
  routed: {
    region: RegionConfig;
    name: OperationName;
    definition: OperationDefinition;
    rawQuery: Record<string, string>;
  };
  scopes: readonly string[];
  requestId: string;
  /** The request's trace, passed on to each call. */
  trace?: TraceContext;
  /** Items read at most (`SCOPED_LIST_MAX_ITEMS`); an account with more gets a clear error. */
  maxItems: number;
}

/**
 * The account holds more than a scoped list reads (`SCOPED_LIST_MAX_ITEMS`): the BFF would have
 * to read the whole account for every page. Narrow the list with a filter, or raise the cap.
 */
export class ScopedListTooLarge extends AppError {
  constructor(maxItems: number) {
    super(
      'list_too_large',
      `This list reads more than ${maxItems} items of the account to filter them to your organizations; narrow it with a filter (organization or name).`,
      { reason: 'scoped-list-cap' },
    );
  }
}

/**
 * SWR's answer as the user may see it, and how many items it left out for the user's scopes
 * (sent as `X-Scope-Hidden`, so that the console can say why a list is shorter than the
 * account's, or empty, and never leaves it unexplained).
 */
export type ScopedResponse = UpstreamResponse & { scopeHidden?: number };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a value is a list of objects that each name an organization in `key`. */
function isListOf<K extends string>(value: unknown, key: K): value is Record<K, string>[] {
  return (
    Array.isArray(value) && value.every((item) => isObject(item) && typeof item[key] === 'string')
  );
}

/** SWR's answer as JSON; an answer that is not JSON is SWR's fault, not the console's. */
function readJson(response: UpstreamResponse): unknown {
  try {
    return parseJson(response.body);
  } catch {
    throw new InvalidAnswer('not JSON');
  }
}

function ok(response: UpstreamResponse): boolean {
  return response.status >= 200 && response.status < 300;
}

export async function collectScopedList(input: ScopedListInput): Promise<ScopedResponse> {
  const { upstream, routed, scopes, requestId, trace, maxItems } = input;
  const call = (query: Record<string, string>) =>
    upstream.send({
      region: routed.region,
      method: 'GET',
      path: routed.definition.path,
      query: encodeQuery(routed.definition, query),
      body: undefined,
      retry: true,
      requestId,
      trace,
    });
  if (routed.name === 'listNamespaces') {
    const response = await call(routed.rawQuery);
    if (!ok(response)) return response;
    const body = readJson(response);
    const listed: unknown = isObject(body) ? (body.namespaces ?? []) : undefined;
    if (!isObject(body) || !isListOf(listed, 'name')) throw new InvalidAnswer('not a list');
    const namespaces = listed.filter((ns) => namespaceAllowed(scopes, ns.name));
    return {
      ...response,
      scopeHidden: listed.length - namespaces.length,
      body: Buffer.from(JSON.stringify({ ...body, namespaces })),
    };
  }
  const { limit, offset, ...filters } = routed.rawQuery;
  const items: Record<'namespace', string>[] = [];
  let read = 0;
  let last: UpstreamResponse | undefined;
  let latencyMs = 0;
  for (let page = 0; ; page += 1) {
    const response = await call({
      ...filters,
      limit: String(PAGE_LIMIT_MAX),
      offset: String(page * PAGE_LIMIT_MAX),
    });
    latencyMs += response.latencyMs;
    if (!ok(response)) return response;
    last = response;
    const batch = readJson(response);
    if (!isListOf(batch, 'namespace')) throw new InvalidAnswer('not a list');
    read += batch.length;
    items.push(...batch.filter((item) => namespaceAllowed(scopes, item.namespace)));
    if (batch.length < PAGE_LIMIT_MAX) break;
    if ((page + 1) * PAGE_LIMIT_MAX >= maxItems) throw new ScopedListTooLarge(maxItems);
  }
  const start = Number(offset ?? 0);
  const size = Number(limit ?? PAGE_LIMIT_DEFAULT);
  const pageItems = items
    .slice(start, start + size)
    .map((item) => ({ ...item, total_range: items.length }));
  return {
    ...last,
    latencyMs,
    headers: {
      ...last.headers,
      'content-range': formatContentRange({
        offset: start,
        count: pageItems.length,
        total: items.length,
      }),
    },
    scopeHidden: read - items.length,
    body: Buffer.from(JSON.stringify(pageItems)),
  };
}
