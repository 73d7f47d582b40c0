/**
 * How a client's request reaches SWR. The client builds the request from the contract; a
 * transport only moves it: signed straight to SWR (or the emulator), or to the BFF later.
 */
import type { HttpMethod } from './contract/define';
import type { OperationName } from './contract/operations';
import type { QueryPairs } from './contract/query';
import { formatQueryString } from './contract/query';
import { signRequest, type SigningCredentials } from './signing/signer';

export interface TransportRequest {
  operation: OperationName;
  method: HttpMethod;
  /** The path as sent, e.g. `/v2/manage/namespaces/demo/repos/web$app/tags`. */
  path: string;
  /** Decoded query pairs; the transport encodes them. */
  query: QueryPairs;
  /** JSON text, when the operation has a body. */
  body?: string;
  signal: AbortSignal;
}

export interface TransportResponse {
  status: number;
  headers: { get(name: string): string | null };
  body: string;
}

export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

export interface SignedTransportOptions {
  /** e.g. `https://swr-api.cn-north-4.myhuaweicloud.com`; no path, no trailing `/`. */
  endpoint: string;
  credentials: SigningCredentials;
  fetch?: typeof fetch;
  /** Extra unsigned headers, e.g. `User-Agent`. */
  headers?: Record<string, string>;
}

/** Checks an SWR endpoint: http(s), an authority, nothing after it. */
export function parseEndpoint(endpoint: string): URL {
  const url = new URL(endpoint);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error('An SWR endpoint is an http(s) URL');
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || endpoint.endsWith('/')) {
    throw new Error('An SWR endpoint has no path, query or trailing "/"');
  }
  if (url.username !== '' || url.password !== '') {
    throw new Error('An SWR endpoint carries no user or password');
  }
  return url;
}

/** Sends each request signed with AK/SK (SDK-HMAC-SHA256), redirects not followed. */
export function createSignedTransport(options: SignedTransportOptions): Transport {
  const origin = parseEndpoint(options.endpoint).origin;
  const send = options.fetch ?? fetch;
  return async (request) => {
    const queryString = formatQueryString(request.query);
    const url = `${origin}${request.path}${queryString === '' ? '' : `?${queryString}`}`;
    const signed = signRequest({
      method: request.method,
      url: `${origin}${request.path}`,
      query: request.query,
      headers: { 'Content-Type': 'application/json' },
      body: request.body ?? '',
      credentials: options.credentials,
    });
    const headers = new Headers(options.headers);
    for (const [name, value] of Object.entries(signed)) {
      if (name.toLowerCase() !== 'host') headers.set(name, value);
    }
    const init: RequestInit = {
      method: request.method,
      headers,
      redirect: 'manual',
      signal: request.signal,
    };
    if (request.body !== undefined) init.body = request.body;
    const response = await send(url, init);
    return { status: response.status, headers: response.headers, body: await response.text() };
  };
}
