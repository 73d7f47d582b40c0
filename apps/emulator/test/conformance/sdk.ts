/**
 * The official Node SDK (`@huaweicloud/huaweicloud-sdk-swr` 3.1.128) as the conformance suite
 * drives it. Its TypeScript types do not describe what its calls return (a list resolves to a
 * real Array with `httpStatusCode` and `Content-Range` attached, `.body` is undefined), so every
 * call here returns `unknown` and {@link sdkSuccess} / {@link sdkErrorCode} read the runtime shape.
 *
 * Importing this module silences the SDK's log4js logger process-wide: on every non-2xx answer it
 * would print the request's `Authorization` header to stdout.
 */
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import { Logger4jInstance } from '@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger';
import { UserOptions } from '@huaweicloud/huaweicloud-sdk-core/UserOptions';
import * as S from '@huaweicloud/huaweicloud-sdk-swr';
import {
  formatFilter,
  operations,
  parseContentRange,
  repositoryToPath,
  type OperationName,
  type SigningCredentials,
} from '@swr-dashboard/swr-client';

Logger4jInstance.level = 'off';

/** With a custom user agent the SDK never reads or writes `~/.huaweicloud/application_id`. */
export const SDK_USER_AGENT = 'swr-conformance';
export const SDK_TIMEOUT_MS = 5_000;

/**
 * `strict` is the SDK as its users run it: non-2xx answers reject. `lenient` resolves every
 * answer (`validateStatus: () => true`), the only way to read SWR's own error body through it.
 */
export type SdkMode = 'strict' | 'lenient';

export function createSdkClient(
  endpoint: string,
  credentials: SigningCredentials,
  mode: SdkMode,
): S.SwrClient {
  if (endpoint.endsWith('/')) {
    // The SDK would sign `//v2/…` while sending `/v2/…`: docs/swr-api.md, "The official
    // Node.js SDK", item 1.
    throw new Error(`an SDK endpoint has no trailing "/": ${endpoint}`);
  }
  const credential = new BasicCredentials().withAk(credentials.ak).withSk(credentials.sk);
  // An explicit project id: without one the SDK would not ask IAM here, but would send none.
  credential.withProjectId(credentials.projectId);
  if (credentials.securityToken !== undefined) {
    credential.withSecurityToken(credentials.securityToken);
  }
  return S.SwrClient.newBuilder()
    .withCredential(credential)
    .withEndpoint(endpoint)
    .withOptions(
      Object.assign(new UserOptions(), {
        customUserAgent: SDK_USER_AGENT,
        axiosRequestConfig: {
          timeout: SDK_TIMEOUT_MS,
          ...(mode === 'lenient' ? { validateStatus: () => true } : {}),
        },
      }),
    )
    .build();
}

/**
 * A request as the contract describes it: path parameters with real repository names, the query
 * as the caller means it (never a packed `filter`), the JSON body. Values are not checked here:
 * the SDK sends whatever it is given, and so does this mapping.
 */
export interface LooseInput {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

type SdkCall = (client: S.SwrClient, input: LooseInput) => Promise<unknown>;

// The SDK's setters are typed, its wire is not: values pass through as given, as a caller's would.
function text(value: unknown): string {
  return value as string;
}

function number(value: unknown): number {
  return value as number;
}

function flag(value: unknown): boolean {
  return value as boolean;
}

/** The SDK substitutes path parameters raw: a repository's `/` must already be `$`. */
function repoPath(value: unknown): string {
  return typeof value === 'string' ? repositoryToPath(value) : text(value);
}

function field(record: unknown, key: string): unknown {
  return typeof record === 'object' && record !== null
    ? (record as Record<string, unknown>)[key]
    : undefined;
}

function params(input: LooseInput, key: string): unknown {
  return input.params?.[key];
}

function query(input: LooseInput, key: string): unknown {
  return input.query?.[key];
}

/** Paging values may be given as numbers; the SDK's setters take the wire's strings. */
function queryText(input: LooseInput, key: string): string {
  const value = query(input, key);
  return text(typeof value === 'number' ? String(value) : value);
}

/** Query keys the SDK has no setter for travel in `filter=key::value|…`; undefined when none. */
function filterOf(input: LooseInput, keys: readonly string[]): string {
  const entries = keys.flatMap((key): [string, string][] => {
    const value = query(input, key);
    return value === undefined
      ? []
      : [[key, typeof value === 'string' ? value : JSON.stringify(value)]];
  });
  return text(entries.length === 0 ? undefined : formatFilter(entries));
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : [];
}

function userAuths(body: unknown): S.UserAuth[] {
  return list(body).map((grant) =>
    new S.UserAuth()
      .withUserId(text(field(grant, 'user_id')))
      .withUserName(text(field(grant, 'user_name')))
      .withAuth(number(field(grant, 'auth'))),
  );
}

function rules(body: unknown): S.Rule[] {
  return list(field(body, 'rules')).map((rule) =>
    new S.Rule()
      .withTemplate(text(field(rule, 'template')))
      .withParams(field(rule, 'params') as object)
      .withTagSelectors(
        list(field(rule, 'tag_selectors')).map((selector) =>
          new S.TagSelector()
            .withKind(text(field(selector, 'kind')))
            .withPattern(text(field(selector, 'pattern'))),
        ),
      ),
  );
}

/**
 * Every contract operation, called through the SDK method of the same name (the contract's `name`
 * is the SDK method name) with the SDK's own request classes and body models.
 */
export const SDK_OPERATIONS: { readonly [N in OperationName]: SdkCall } = {
  // Organizations
  createNamespace: (c, i) =>
    c.createNamespace(
      new S.CreateNamespaceRequest().withBody(
        new S.CreateNamespaceRequestBody().withNamespace(text(field(i.body, 'namespace'))),
      ),
    ),
  deleteNamespaces: (c, i) =>
    c.deleteNamespaces(new S.DeleteNamespacesRequest().withNamespace(text(params(i, 'namespace')))),
  listNamespaces: (c, i) =>
    c.listNamespaces(
      new S.ListNamespacesRequest()
        .withNamespace(text(query(i, 'namespace')))
        .withFilter(filterOf(i, ['mode'])),
    ),
  showNamespace: (c, i) =>
    c.showNamespace(new S.ShowNamespaceRequest().withNamespace(text(params(i, 'namespace')))),

  // Repositories and tags
  createRepo: (c, i) =>
    c.createRepo(
      new S.CreateRepoRequest().withNamespace(text(params(i, 'namespace'))).withBody(
        new S.CreateRepoRequestBody()
          .withRepository(text(field(i.body, 'repository')))
          .withIsPublic(flag(field(i.body, 'is_public')))
          .withCategory(text(field(i.body, 'category')))
          .withDescription(text(field(i.body, 'description'))),
      ),
    ),
  deleteRepo: (c, i) =>
    c.deleteRepo(
      new S.DeleteRepoRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository'))),
    ),
  updateRepo: (c, i) =>
    c.updateRepo(
      new S.UpdateRepoRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository')))
        .withBody(
          new S.UpdateRepoRequestBody()
            .withIsPublic(flag(field(i.body, 'is_public')))
            .withCategory(text(field(i.body, 'category')))
            .withDescription(text(field(i.body, 'description'))),
        ),
    ),
  showRepository: (c, i) =>
    c.showRepository(
      new S.ShowRepositoryRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository'))),
    ),
  listReposDetails: (c, i) =>
    c.listReposDetails(
      new S.ListReposDetailsRequest()
        .withNamespace(text(query(i, 'namespace')))
        .withName(text(query(i, 'name')))
        .withCategory(text(query(i, 'category')))
        .withLimit(queryText(i, 'limit'))
        .withOffset(queryText(i, 'offset'))
        .withOrderColumn(text(query(i, 'order_column')))
        .withOrderType(text(query(i, 'order_type')))
        // The SDK has no `is_public` setter (docs/swr-api.md, "Repositories and tags"): it goes in
        // `filter`.
        .withFilter(filterOf(i, ['is_public'])),
    ),
  listRepositoryTags: (c, i) =>
    c.listRepositoryTags(
      new S.ListRepositoryTagsRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository')))
        .withLimit(queryText(i, 'limit'))
        .withOffset(queryText(i, 'offset'))
        .withOrderColumn(text(query(i, 'order_column')))
        .withOrderType(text(query(i, 'order_type')))
        .withTag(text(query(i, 'tag'))),
    ),
  deleteRepoTag: (c, i) =>
    c.deleteRepoTag(
      new S.DeleteRepoTagRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository')))
        .withTag(text(params(i, 'tag'))),
    ),

  // Login secret
  createSecret: (c, i) =>
    c.createSecret(new S.CreateSecretRequest().withProjectname(text(query(i, 'projectname')))),

  // Sharing
  createRepoDomains: (c, i) =>
    c.createRepoDomains(
      new S.CreateRepoDomainsRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository')))
        .withBody(
          new S.CreateRepoDomainsRequestBody()
            .withAccessDomain(text(field(i.body, 'access_domain')))
            .withPermit(text(field(i.body, 'permit')))
            .withDeadline(text(field(i.body, 'deadline')))
            .withDescription(text(field(i.body, 'description'))),
        ),
    ),
  deleteRepoDomains: (c, i) =>
    c.deleteRepoDomains(
      new S.DeleteRepoDomainsRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository')))
        .withAccessDomain(text(params(i, 'access_domain'))),
    ),
  updateRepoDomains: (c, i) =>
    c.updateRepoDomains(
      new S.UpdateRepoDomainsRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository')))
        .withAccessDomain(text(params(i, 'access_domain')))
        .withBody(
          new S.UpdateRepoDomainsRequestBody()
            .withPermit(text(field(i.body, 'permit')))
            .withDeadline(text(field(i.body, 'deadline')))
            .withDescription(text(field(i.body, 'description'))),
        ),
    ),
  showAccessDomain: (c, i) =>
    c.showAccessDomain(
      new S.ShowAccessDomainRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository')))
        .withAccessDomain(text(params(i, 'access_domain'))),
    ),
  listRepoDomains: (c, i) =>
    c.listRepoDomains(
      new S.ListRepoDomainsRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository'))),
    ),
  listSharedReposDetails: (c, i) =>
    c.listSharedReposDetails(
      new S.ListSharedReposDetailsRequest()
        .withCenter(text(query(i, 'center')))
        .withNamespace(text(query(i, 'namespace')))
        .withName(text(query(i, 'name')))
        .withLimit(queryText(i, 'limit'))
        .withOffset(queryText(i, 'offset'))
        .withOrderColumn(text(query(i, 'order_column')))
        .withOrderType(text(query(i, 'order_type'))),
    ),

  // API versions
  listApiVersions: (c) => c.listApiVersions(new S.ListApiVersionsRequest()),
  showApiVersion: (c, i) =>
    c.showApiVersion(new S.ShowApiVersionRequest().withApiVersion(text(params(i, 'api_version')))),

  // Organization permissions
  createNamespaceAuth: (c, i) =>
    c.createNamespaceAuth(
      new S.CreateNamespaceAuthRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withBody(userAuths(i.body)),
    ),
  deleteNamespaceAuth: (c, i) =>
    c.deleteNamespaceAuth(
      new S.DeleteNamespaceAuthRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withBody(list(i.body).map(text)),
    ),
  updateNamespaceAuth: (c, i) =>
    c.updateNamespaceAuth(
      new S.UpdateNamespaceAuthRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withBody(userAuths(i.body)),
    ),
  showNamespaceAuth: (c, i) =>
    c.showNamespaceAuth(
      new S.ShowNamespaceAuthRequest().withNamespace(text(params(i, 'namespace'))),
    ),

  // Repository permissions
  createUserRepositoryAuth: (c, i) =>
    c.createUserRepositoryAuth(
      new S.CreateUserRepositoryAuthRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository')))
        .withBody(userAuths(i.body)),
    ),
  deleteUserRepositoryAuth: (c, i) =>
    c.deleteUserRepositoryAuth(
      new S.DeleteUserRepositoryAuthRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository')))
        .withBody(list(i.body).map(text)),
    ),
  updateUserRepositoryAuth: (c, i) =>
    c.updateUserRepositoryAuth(
      new S.UpdateUserRepositoryAuthRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository')))
        .withBody(userAuths(i.body)),
    ),
  showUserRepositoryAuth: (c, i) =>
    c.showUserRepositoryAuth(
      new S.ShowUserRepositoryAuthRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository'))),
    ),

  // Image sync
  showSyncJob: (c, i) =>
    c.showSyncJob(
      new S.ShowSyncJobRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository')))
        // The SDK only knows `filter` here, and requires it.
        .withFilter(filterOf(i, ['limit', 'offset', 'order'])),
    ),
  listImageAutoSyncReposDetails: (c, i) =>
    c.listImageAutoSyncReposDetails(
      new S.ListImageAutoSyncReposDetailsRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository'))),
    ),
  createImageSyncRepo: (c, i) =>
    c.createImageSyncRepo(
      new S.CreateImageSyncRepoRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository')))
        .withBody(
          new S.CreateImageSyncRepoRequestBody()
            .withRemoteRegionId(text(field(i.body, 'remoteRegionId')))
            .withRemoteNamespace(text(field(i.body, 'remoteNamespace')))
            .withSyncAuto(flag(field(i.body, 'syncAuto')))
            .withOverride(flag(field(i.body, 'override'))),
        ),
    ),
  deleteImageSyncRepo: (c, i) =>
    c.deleteImageSyncRepo(
      new S.DeleteImageSyncRepoRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository')))
        .withBody(
          new S.DeleteImageSyncRepoRequestBody()
            .withRemoteRegionId(text(field(i.body, 'remoteRegionId')))
            .withRemoteNamespace(text(field(i.body, 'remoteNamespace'))),
        ),
    ),
  createManualImageSyncRepo: (c, i) =>
    c.createManualImageSyncRepo(
      new S.CreateManualImageSyncRepoRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository')))
        .withBody(
          new S.CreateManualImageSyncRepoRequestBody()
            .withImageTag(list(field(i.body, 'imageTag')).map(text))
            .withRemoteNamespace(text(field(i.body, 'remoteNamespace')))
            .withRemoteRegionId(text(field(i.body, 'remoteRegionId')))
            .withOverride(flag(field(i.body, 'override'))),
        ),
    ),

  // Triggers
  createTrigger: (c, i) =>
    c.createTrigger(
      new S.CreateTriggerRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository')))
        .withBody(
          new S.CreateTriggerRequestBody()
            .withAction(text(field(i.body, 'action')))
            .withAppType(text(field(i.body, 'app_type')))
            .withApplication(text(field(i.body, 'application')))
            .withClusterId(text(field(i.body, 'cluster_id')))
            .withClusterName(text(field(i.body, 'cluster_name')))
            .withClusterNs(text(field(i.body, 'cluster_ns')))
            .withCondition(text(field(i.body, 'condition')))
            .withContainer(text(field(i.body, 'container')))
            .withEnable(text(field(i.body, 'enable')))
            .withName(text(field(i.body, 'name')))
            .withTriggerMode(text(field(i.body, 'trigger_mode')))
            .withTriggerType(text(field(i.body, 'trigger_type'))),
        ),
    ),
  listTriggersDetails: (c, i) =>
    c.listTriggersDetails(
      new S.ListTriggersDetailsRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository'))),
    ),
  deleteTrigger: (c, i) =>
    c.deleteTrigger(
      new S.DeleteTriggerRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository')))
        .withTrigger(text(params(i, 'trigger'))),
    ),
  showTrigger: (c, i) =>
    c.showTrigger(
      new S.ShowTriggerRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository')))
        .withTrigger(text(params(i, 'trigger'))),
    ),
  updateTrigger: (c, i) =>
    c.updateTrigger(
      new S.UpdateTriggerRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository')))
        .withTrigger(text(params(i, 'trigger')))
        .withBody(new S.UpdateTriggerRequestBody().withEnable(text(field(i.body, 'enable')))),
    ),

  // Retention
  createRetention: (c, i) =>
    c.createRetention(
      new S.CreateRetentionRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository')))
        .withBody(
          new S.CreateRetentionRequestBody()
            .withAlgorithm(text(field(i.body, 'algorithm')))
            .withRules(rules(i.body)),
        ),
    ),
  listRetentions: (c, i) =>
    c.listRetentions(
      new S.ListRetentionsRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository'))),
    ),
  deleteRetention: (c, i) =>
    c.deleteRetention(
      new S.DeleteRetentionRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository')))
        .withRetentionId(number(params(i, 'retention_id'))),
    ),
  showRetention: (c, i) =>
    c.showRetention(
      new S.ShowRetentionRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository')))
        .withRetentionId(number(params(i, 'retention_id'))),
    ),
  updateRetention: (c, i) =>
    c.updateRetention(
      new S.UpdateRetentionRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository')))
        .withRetentionId(number(params(i, 'retention_id')))
        .withBody(
          new S.UpdateRetentionRequestBody()
            .withAlgorithm(text(field(i.body, 'algorithm')))
            .withRules(rules(i.body)),
        ),
    ),
  listRetentionHistories: (c, i) =>
    c.listRetentionHistories(
      new S.ListRetentionHistoriesRequest()
        .withNamespace(text(params(i, 'namespace')))
        .withRepository(repoPath(params(i, 'repository')))
        // The SDK has no `limit`/`offset` setters here: only `filter`.
        .withFilter(filterOf(i, ['limit', 'offset'])),
    ),
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The status the SDK attached to a resolved answer. */
export function sdkStatus(raw: unknown): number {
  const status = isRecord(raw) ? raw.httpStatusCode : undefined;
  if (typeof status !== 'number') {
    throw new Error(`the SDK answered without an httpStatusCode: ${JSON.stringify(raw)}`);
  }
  return status;
}

/**
 * A successful SDK answer in the form our client gives it: pages as `{items, offset, count,
 * total}` (from the `Content-Range` the SDK merged into the answer), the login command as
 * `{registry, headerCommand, command}`, bodies without the SDK's `httpStatusCode`, and no body as
 * `undefined`. Anything unexpected is kept as is, so the comparison with our client shows it.
 */
export function sdkSuccess(name: OperationName, raw: unknown): { status: number; data: unknown } {
  const status = sdkStatus(raw);
  if (!isRecord(raw)) return { status, data: raw };
  const definition = operations[name];
  if (name === 'createSecret') {
    const auths = isRecord(raw.auths) ? raw.auths : {};
    const registry = Object.keys(auths)[0];
    const headerCommand = raw['X-Swr-Dockerlogin'];
    return {
      status,
      data:
        registry === undefined || typeof headerCommand !== 'string'
          ? { unexpected: { ...raw } }
          : { registry, headerCommand, command: `${headerCommand} ${registry}` },
    };
  }
  if ('page' in definition) {
    const items: unknown = Array.isArray(raw)
      ? [...(raw as unknown[])]
      : definition.page.items === 'key'
        ? raw[definition.page.key]
        : undefined;
    const header = raw['Content-Range'];
    const range = parseContentRange(typeof header === 'string' ? header : null);
    return {
      status,
      data: range === undefined ? { items, contentRange: header ?? null } : { items, ...range },
    };
  }
  if (Array.isArray(raw)) return { status, data: [...(raw as unknown[])] };
  const { httpStatusCode: _, ...body } = raw;
  if (!('response' in definition) && Object.keys(body).length === 0) {
    return { status, data: undefined };
  }
  return { status, data: body };
}

/**
 * SWR's error code in an answer the lenient client resolved with: `{errorCode}`, `[{errorCode}]`,
 * `{errors: [{errorCode}]}` or the gateway's `{error_code}`.
 */
export function sdkErrorCode(raw: unknown): string | undefined {
  const first: unknown = Array.isArray(raw) ? (raw as unknown[])[0] : raw;
  if (!isRecord(first)) return undefined;
  if (typeof first.errorCode === 'string') return first.errorCode;
  const errors = first.errors;
  if (Array.isArray(errors)) {
    const inner: unknown = (errors as unknown[])[0];
    if (isRecord(inner) && typeof inner.errorCode === 'string') return inner.errorCode;
  }
  return typeof first.error_code === 'string' ? first.error_code : undefined;
}
