/**
 * The shape of one SWR operation as data, and the small schema helpers the operation files share.
 *
 * An operation is plain data: method, path template, schemas, success status, capability. The
 * signed transport, the emulator, the BFF and the web app all read the same entries.
 */
import { z } from '../zod';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * What an operation needs from the console's roles: `read` for any viewer, `write` for operators
 * (repositories, tags, sync, triggers, retention), `admin` for organizations, permissions and
 * sharing, `credential` for issuing a temporary docker login.
 */
export type Capability = 'read' | 'write' | 'admin' | 'credential';
export const CAPABILITIES: readonly Capability[] = ['read', 'write', 'admin', 'credential'];

/**
 * The kind of thing an operation acts on, as its audit records name it (the audit page shows and
 * translates these words, so they are part of the trail's format).
 */
export type ResourceType =
  | 'namespace'
  | 'repository'
  | 'tag'
  | 'permission'
  | 'share'
  | 'sync'
  | 'trigger'
  | 'retention'
  | 'credential'
  | 'api';

/** Where a request names something: a path parameter, a query key or a body field (dotted). */
export type TargetField = `params.${string}` | `query.${string}` | `body.${string}`;

/** The body fields of a deploy trigger that say where it rolls images out. */
export interface DeployTargetFields {
  /** `cce` (the default) or `cci`: a CCI trigger has no cluster. */
  readonly mode: TargetField;
  readonly cluster: TargetField;
  /** The cluster's display name: recorded, never decisive (SWR goes by the id). */
  readonly clusterName: TargetField;
  /** The Kubernetes namespace of the workload. */
  readonly namespace: TargetField;
  readonly workload: TargetField;
  readonly workloadType: TargetField;
}

/**
 * Everything besides its path that a request names and that authorization must look at. Each
 * operation declares its own (`{}` when it names nothing), so a new operation cannot forget one;
 * a test walks every schema of the contract and fails on a naming field that is not declared
 * here. docs/authorization.md says what each kind means.
 */
export interface OperationTargets {
  /** Organizations acted on; `region` names the field that holds their region, if not the request's. */
  readonly namespaces?: readonly { readonly field: TargetField; readonly region?: TargetField }[];
  /** Other regions the request reaches: each must be a region the console manages. */
  readonly regions?: readonly TargetField[];
  /** Projects named (`<region>` or `<region>_<sub-project>`): each must be of the request's region. */
  readonly projects?: readonly TargetField[];
  /** Accounts named (sharing with another account): recorded, not limited by scopes. */
  readonly accounts?: readonly TargetField[];
  /** Where images are rolled out: named in the body, or that of the trigger named in the path. */
  readonly deploy?: DeployTargetFields | 'path-trigger';
  /**
   * Search text over organization names (a list's filter), not a target: a list for a user
   * limited to some organizations is filtered on the server instead.
   */
  readonly namespaceFilters?: readonly TargetField[];
  /** Opens every organization of the account (a docker login): refused to limited users. */
  readonly wholeAccount?: true;
}

/** The usual case: the organization in the path is the only target. */
export const IN_PATH_NAMESPACE = {
  namespaces: [{ field: 'params.namespace' }],
} as const satisfies OperationTargets;

/** How a paged list carries its items: the body is the array, or an object holding it. */
export type PageShape =
  { readonly items: 'body' } | { readonly items: 'key'; readonly key: string };

export interface OperationDefinition {
  /** The official SDK's method name, e.g. `listRepositoryTags`. */
  readonly name: string;
  /** Position in SWR's API overview (1–44). */
  readonly number: number;
  readonly summary: string;
  readonly method: HttpMethod;
  /** SWR path template with `{param}` placeholders, e.g. `/v2/manage/namespaces/{namespace}`. */
  readonly path: string;
  /** Path parameters, decoded (a repository has its real `/`, not `$`). */
  readonly params: z.ZodMiniObject;
  /** Query parameters as the caller means them (never `filter`: see `filterKeys`). */
  readonly query: z.ZodMiniObject;
  /**
   * Query keys SWR also accepts packed into one `filter=key::value|key::value` parameter. The
   * emulator and the BFF merge the two forms; the client sends these keys inside `filter`
   * when `queryStyle` is `filter`.
   */
  readonly filterKeys: readonly string[];
  readonly queryStyle: 'plain' | 'filter';
  /** JSON request body; absent when the operation takes none. Body schemas never transform. */
  readonly body?: z.ZodMiniType;
  /** JSON response body; absent when SWR answers with an empty body. */
  readonly response?: z.ZodMiniType;
  /** Success status. */
  readonly status: 200 | 201 | 204;
  readonly capability: Capability;
  /** What it acts on, for its audit records: declared, never guessed from the name. */
  readonly resource: ResourceType;
  /** What the request names besides its capability: organizations, regions, deploy targets. */
  readonly targets: OperationTargets;
  /** Set on paged lists that answer with `Content-Range`. */
  readonly page?: PageShape;
  /** Response headers that carry part of the result. */
  readonly responseHeaders?: readonly string[];
}

/** What an operation file writes: params, query and the query's form may be left out. */
export type OperationSpec = Omit<
  OperationDefinition,
  'params' | 'query' | 'filterKeys' | 'queryStyle'
> &
  Partial<Pick<OperationDefinition, 'params' | 'query' | 'filterKeys' | 'queryStyle'>>;

/** An operation with the defaults filled in: no params, no query, plain query style. */
export type DefinedOperation<T extends OperationSpec> = Omit<
  T,
  'params' | 'query' | 'filterKeys' | 'queryStyle'
> & {
  params: T extends { params: infer P } ? P : typeof noParams;
  query: T extends { query: infer Q } ? Q : typeof noQuery;
  filterKeys: T extends { filterKeys: infer F } ? F : readonly [];
  queryStyle: T extends { queryStyle: infer S } ? S : 'plain';
};

/**
 * Checks an operation against the definition, keeps its literal types, and fills the defaults
 * (an operation without path parameters or query says nothing about them).
 */
export function defineOperation<const T extends OperationSpec>(spec: T): DefinedOperation<T> {
  const defaults = { params: noParams, query: noQuery, filterKeys: [], queryStyle: 'plain' };
  // TypeScript cannot follow a spread through the conditional types; the shape is the same.
  return { ...defaults, ...spec } as unknown as DefinedOperation<T>;
}

export const noParams = z.strictObject({});
export const noQuery = z.strictObject({});

/**
 * An integer that arrives as a string on the wire but may be given as a number by a caller.
 * Output is the number.
 */
export function intLike(min: number, max: number, message?: string) {
  const range = z.int().check(z.gte(min, message), z.lte(max, message));
  return z.union(
    [
      range,
      z.pipe(z.pipe(z.string().check(z.regex(/^\d{1,10}$/, message)), z.transform(Number)), range),
    ],
    {
      error: message,
    },
  );
}

/** `true`/`false` as a query string or a boolean; output is the boolean. */
export const booleanLike = z.union([
  z.boolean(),
  z.pipe(
    z.enum(['true', 'false']),
    z.transform((value) => value === 'true'),
  ),
]);

/** Free text that may travel inside a `filter` parameter, where `|` separates entries. */
export function filterText(max: number) {
  return z.string().check(z.maxLength(max), z.regex(/^[^|]*$/, { error: 'must not contain "|"' }));
}

export const PAGE_LIMIT_MAX = 1000;
export const PAGE_LIMIT_DEFAULT = 100;
export const pageLimit = intLike(1, PAGE_LIMIT_MAX, `limit must be 1–${PAGE_LIMIT_MAX}`);
export const pageOffset = intLike(0, 2_147_483_647, 'offset must be a non-negative integer');
export const orderType = z.enum(['asc', 'desc']);

/**
 * Paging and sorting come in pairs: `limit` with `offset`, `order_column` with `order_type`
 * (docs/swr-api.md, "Paging, sorting and filter"). Attach to a query schema with
 * `.check(z.superRefine(pairedPaging))`.
 */
export function pairedPaging(
  query: { limit?: unknown; offset?: unknown; order_column?: unknown; order_type?: unknown },
  ctx: z.core.$RefinementCtx,
): void {
  if ((query.limit === undefined) !== (query.offset === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: [query.limit === undefined ? 'limit' : 'offset'],
      message: 'limit and offset must be given together',
    });
  }
  if ((query.order_column === undefined) !== (query.order_type === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: [query.order_column === undefined ? 'order_column' : 'order_type'],
      message: 'order_column and order_type must be given together',
    });
  }
}

/** A number sent as a string, within bounds (retention `days` and `num`). */
export function numericString(min: number, max: number) {
  return z.string().check(
    z.regex(/^\d{1,4}$/, `must be a number from ${min} to ${max}`),
    z.refine((value) => Number(value) >= min && Number(value) <= max, {
      error: `must be a number from ${min} to ${max}`,
    }),
  );
}

/** Whether a string compiles as a JavaScript regular expression. */
export function isValidRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
