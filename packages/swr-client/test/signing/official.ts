/**
 * The official signer of `@huaweicloud/huaweicloud-sdk-core` 3.1.211, used as the test oracle.
 * The package is untyped CommonJS for our purposes, so only the narrow surface we call is typed.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Header record as the SDK keeps it: names in whatever case they were added. */
export type SdkHeaders = Record<string, string>;

/** What `AKSKSigner.sign` reads from a request (`IHttpRequest`). */
export interface SdkSignRequest {
  method: string;
  /** Full URL with path; the SDK parses it with the legacy `url.parse`. */
  endpoint: string;
  headers: SdkHeaders;
  /** One value or, for a repeated key, an array of values. */
  queryParams: Record<string, string | string[]>;
  /** A JSON value; the SDK hashes `JSON.stringify(data)` when it is truthy. */
  data?: unknown;
}

export interface SdkCredentials {
  withAk(ak: string): this;
  withSk(sk: string): this;
  withSecurityToken(token: string): this;
  withProjectId(projectId: string): this;
  /** Adds X-Project-Id / X-Security-Token, then signs; what the real client does per call. */
  processAuthRequest(client: undefined, request: SdkHttpRequest): Promise<SdkHttpRequest>;
}

export interface SdkHttpRequest {
  endpoint: string;
  url: string;
  headers: SdkHeaders;
}

interface SdkHttpRequestBuilder {
  withEndpoint(endpoint: string): this;
  withUrl(url: string): this;
  withMethod(method: string): this;
  withHeaders(headers: SdkHeaders): this;
  withQueryParams(query: Record<string, string | string[]>): this;
  withData(data: unknown): this;
  build(): SdkHttpRequest;
}

export interface SdkSigner {
  sign(request: SdkSignRequest, credentials: SdkCredentials): SdkHeaders;
  /** Protected in the typings; spied on to read the canonical request text. */
  buildCanonicalRequest(...parts: string[]): string;
}

const signerModule = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
  AKSKSigner: SdkSigner;
};
const coreModule = require('@huaweicloud/huaweicloud-sdk-core') as {
  BasicCredentials: new () => SdkCredentials;
};
const builderModule = require('@huaweicloud/huaweicloud-sdk-core/http/IHttpRequestBuilder') as {
  HttpRequestBuilder: new () => SdkHttpRequestBuilder;
};

export const AKSKSigner = signerModule.AKSKSigner;

export function sdkCredentials(options: {
  ak: string;
  sk: string;
  projectId?: string;
  securityToken?: string;
}): SdkCredentials {
  const credentials = new coreModule.BasicCredentials().withAk(options.ak).withSk(options.sk);
  if (options.projectId !== undefined) credentials.withProjectId(options.projectId);
  if (options.securityToken !== undefined) credentials.withSecurityToken(options.securityToken);
  return credentials;
}

/** Groups pairs the way the SDK models a query: an object with a string or an array per key. */
export function sdkQueryParams(
  pairs: ReadonlyArray<readonly [string, string]>,
): Record<string, string | string[]> {
  const grouped = new Map<string, string[]>();
  for (const [key, value] of pairs) grouped.set(key, [...(grouped.get(key) ?? []), value]);
  // fromEntries defines own properties, so a `__proto__` key stays an ordinary key.
  return Object.fromEntries(
    [...grouped].map(([key, values]) => [key, values.length === 1 ? (values[0] ?? '') : values]),
  );
}

/**
 * Signs like `HcClient.buildRequest` does for every SWR call: builds the `IHttpRequest`
 * (endpoint + url, the caller's headers, query object, JSON data) and runs the credentials'
 * `processAuthRequest`, which adds X-Project-Id / X-Security-Token and calls `AKSKSigner.sign`.
 * Returns the headers the SDK would send (including its own `host`).
 */
export async function sdkSign(request: {
  method: string;
  endpoint: string;
  path: string;
  headers: SdkHeaders;
  query: ReadonlyArray<readonly [string, string]>;
  data: unknown;
  credentials: SdkCredentials;
}): Promise<SdkHeaders> {
  const built = new builderModule.HttpRequestBuilder()
    .withEndpoint(request.endpoint)
    .withUrl(request.path)
    .withMethod(request.method)
    .withHeaders({ ...request.headers })
    .withQueryParams(sdkQueryParams(request.query))
    .withData(request.data)
    .build();
  const signed = await request.credentials.processAuthRequest(undefined, built);
  return signed.headers;
}
