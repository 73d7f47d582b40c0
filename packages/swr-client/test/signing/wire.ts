/** Builds the request a server sees, the way the official SDK (axios + querystring) sends it. */
import { stringify } from 'node:querystring';
import type { VerifySignatureInput } from '../../src/signing/signer';
import type { GeneratedRequest } from './arbitraries';
import { sdkQueryParams } from './official';

export type WireRequest = Omit<VerifySignatureInput, 'now' | 'lookup' | 'maxSkewMs'>;

/**
 * - path: axios resolves `endpoint + path` with WHATWG `URL`, which leaves `$` (and `| ^ '`…)
 *   raw and percent-encodes space, `"`, `{`, unicode and the like;
 * - query: the SDK's `paramsSerializer` is Node `querystring.stringify`, which leaves
 *   `* ' ( ) ! ~` raw;
 * - headers: Node `IncomingHttpHeaders`, lowercase names, plus unsigned ones added later
 *   (`Accept`, `User-Agent`, `Content-Length`); `host` from the signed set if the signer
 *   returned one (the SDK does), else from the URL as an HTTP client sets it.
 */
export function toWire(
  request: GeneratedRequest,
  signedHeaders: Record<string, string>,
  body: string | undefined,
): WireRequest {
  const url = new URL(request.endpoint + request.path);
  const bytes = new TextEncoder().encode(body ?? '');
  const headers: Record<string, string> = {
    host: url.host,
    accept: 'application/json',
    'user-agent': 'huaweicloud-usdk-nodejs/3.0',
    'content-length': String(bytes.length),
  };
  for (const [name, value] of Object.entries(signedHeaders)) headers[name.toLowerCase()] = value;
  return {
    method: request.method,
    rawPath: url.pathname,
    rawQuery: stringify(sdkQueryParams(request.query)),
    headers,
    body: bytes,
  };
}
