/**
 * Fake BFF answers for page tests, typed from the contract: `swr('listNamespaces', …)` can only
 * answer with what listNamespaces returns. Paths come from the contract's templates, so a test
 * cannot drift from the real URL.
 */
import {
  CAPABILITY_ROLES,
  clustersEndpoint,
  iamUsersEndpoint,
  namespacesEndpoint,
  workloadsEndpoint,
  operationNames,
  operations,
  type BffEndpoint,
  type BffErrorCode,
  type BffOutput,
  type DirectoryUnavailableReason,
  meEndpoint,
  type MeResponse,
  type OperationName,
  type ResponseOf,
  type RoleName,
  type TagDetail,
} from '@swr-dashboard/swr-client/browser';
import { http, HttpResponse, type JsonBodyType } from 'msw';

const RANK: Record<RoleName, number> = { viewer: 0, operator: 1, admin: 2 };

export function meFor(role: RoleName, overrides: Partial<MeResponse> = {}): MeResponse {
  const permissions = Object.fromEntries(
    operationNames.map((name) => {
      const needed = CAPABILITY_ROLES[operations[name].capability];
      return [
        name,
        RANK[role] >= RANK[needed]
          ? { allowed: true as const }
          : { allowed: false as const, reason: 'role' as const, message: `needs ${needed}` },
      ];
    }),
  ) as MeResponse['permissions'];
  return {
    user: { name: `Test ${role}`, email: null, role, groups: [], authMode: 'oidc' },
    namespaces: null,
    deployTargets: null,
    csrfHeader: 'X-CSRF',
    idleExpiresAt: null,
    absoluteExpiresAt: null,
    regions: [{ id: 'cn-north-4' }, { id: 'cn-east-3' }],
    permissions,
    ...overrides,
  };
}

export function sessionHandlers(role: RoleName, overrides: Partial<MeResponse> = {}) {
  return [bffHandler(meEndpoint, () => meFor(role, overrides))];
}

/** The msw path of an operation: `/api/swr/:region` + its template with `{x}` as `:x`. */
export function swrPath(name: OperationName): string {
  const template = operations[name].path.replace(/\{(\w+)\}/g, ':$1');
  return `/api/swr/:region${template === '/' ? '/' : template}`;
}

export interface SwrAnswer<N extends OperationName> {
  status?: number;
  body?: ResponseOf<N>;
  headers?: Record<string, string>;
}

type Method = 'get' | 'post' | 'patch' | 'delete';

/** A handler for one operation; the resolver sees the request and its path params. */
export function swr<N extends OperationName>(
  name: N,
  resolve: (request: {
    request: Request;
    params: Record<string, string>;
  }) => SwrAnswer<N> | Promise<SwrAnswer<N>>,
) {
  const method = operations[name].method.toLowerCase() as Method;
  return http[method](swrPath(name), async ({ request, params }) => {
    const answer = await resolve({ request, params: params as Record<string, string> });
    const status = answer.status ?? operations[name].status;
    return answer.body === undefined
      ? new HttpResponse(null, { status, headers: answer.headers ?? {} })
      : HttpResponse.json(answer.body as JsonBodyType, { status, headers: answer.headers ?? {} });
  });
}

/** The demo repository payments/payment-gateway as showRepository answers it. */
export function repositoryDetail(): ResponseOf<'showRepository'> {
  return {
    id: 1,
    ns_id: 1,
    name: 'payment-gateway',
    category: 'app_server',
    description: '',
    creator_id: 'u1',
    creator_name: 'ops-admin',
    size: 1024,
    is_public: false,
    num_images: 3,
    num_download: 0,
    path: 'swr.cn-north-4.myhuaweicloud.com/payments/payment-gateway',
    internal_path: '10.0.0.1:20202/payments/payment-gateway',
    created: '2026-01-01T00:00:00Z',
    updated: '2026-01-01T00:00:00Z',
    domain_id: 'd1',
  };
}

/** The digest of the `index`th tag made by {@link tagDetail}: unique, in SWR's form. */
export function tagDigest(index: number): string {
  return `sha256:${index.toString(16).padStart(4, '0')}${'ab'.repeat(30)}`;
}

/**
 * A tag of `namespace/repository` as listRepositoryTags answers it: pushed `index` hours after
 * the start of 2026 (a higher index is newer), its digest {@link tagDigest}; `overrides` for the
 * rest.
 */
export function tagDetail(
  repository: { namespace: string; name: string; id: number },
  tag: string,
  index: number,
  overrides: Partial<TagDetail> = {},
): TagDetail {
  const updated = new Date(Date.UTC(2026, 0, 1) + index * 3_600_000).toISOString();
  const image = `${repository.namespace}/${repository.name}:${tag}`;
  return {
    id: index + 1,
    repo_id: repository.id,
    Tag: tag,
    image_id: `img-${index}`,
    manifest: '{}',
    digest: tagDigest(index),
    schema: 2,
    path: `swr.cn-north-4.myhuaweicloud.com/${image}`,
    internal_path: `internal/${image}`,
    size: 1024 * (index + 1),
    is_trusted: false,
    created: updated,
    updated,
    deleted: null,
    domain_id: 'demo',
    scanned: false,
    tag_type: 0,
    ...overrides,
  };
}

/** A BFF error answer, in the BFF's one error shape. */
export function bffError(
  status: number,
  code: BffErrorCode,
  extra: {
    message?: string;
    upstream?: { status: number; code: string; requestId: string };
    reason?: string;
    headers?: Record<string, string>;
  } = {},
) {
  return HttpResponse.json(
    {
      code,
      message: extra.message ?? code,
      requestId: 'req-test',
      ...(extra.upstream ? { upstream: extra.upstream } : {}),
      ...(extra.reason === undefined ? {} : { reason: extra.reason }),
    },
    { status, ...(extra.headers === undefined ? {} : { headers: extra.headers }) },
  );
}

/**
 * A handler for one of the BFF's own endpoints, at its contract path and method, answering what
 * its schema says (or a `Response`: an error, a file).
 */
export function bffHandler<E extends BffEndpoint>(
  endpoint: E,
  resolve: (request: {
    request: Request;
    params: Record<string, string>;
  }) => BffOutput<E> | Response | Promise<BffOutput<E> | Response>,
) {
  const method = { GET: http.get, POST: http.post, DELETE: http.delete }[endpoint.method];
  return method(endpoint.path, async ({ request, params }) => {
    const answer = await resolve({ request, params: params as Record<string, string> });
    return answer instanceof Response ? answer : HttpResponse.json(answer as JsonBodyType);
  });
}

const DIRECTORY_ENDPOINTS = {
  iamUsers: iamUsersEndpoint,
  clusters: clustersEndpoint,
  namespaces: namespacesEndpoint,
  workloads: workloadsEndpoint,
} as const;
type DirectoryRoute = keyof typeof DIRECTORY_ENDPOINTS;

/**
 * A handler for one directory route (the BFF's IAM and CCE lists for the pickers, docs/directory.md),
 * typed by its shared schema; the resolver sees the path params (`region`, `cluster`, `namespace`).
 */
export function directory<R extends DirectoryRoute>(
  route: R,
  resolve: Parameters<typeof bffHandler<(typeof DIRECTORY_ENDPOINTS)[R]>>[1],
) {
  return bffHandler(DIRECTORY_ENDPOINTS[route], resolve);
}

/** Every directory route answering `available: false` (the console cannot read IAM or CCE). */
export function directoryUnavailable(
  reason: DirectoryUnavailableReason = 'not-configured',
): ReturnType<typeof directory>[] {
  return [
    directory('iamUsers', () => ({ available: false, reason, users: [] })),
    directory('clusters', () => ({ available: false, reason, clusters: [] })),
    directory('namespaces', () => ({ available: false, reason, namespaces: [] })),
    directory('workloads', () => ({ available: false, reason, workloads: [] })),
  ];
}
