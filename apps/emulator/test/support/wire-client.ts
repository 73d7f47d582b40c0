/**
 * Signed requests with exact wire bytes. The path and query travel exactly as given (no URL
 * normalisation, so `..`, `%2F`, `%00` and doubled `/` reach the emulator untouched) and are signed
 * with the server recipe of docs/swr-api.md ("Verifying a request": decode each segment,
 * re-encode), so every request passes the signature check and reaches routing and validation.
 *
 * `fetch` cannot send such requests: it resolves dot segments and re-encodes the path, and the
 * fixture's `raw` signs the path as decoded text (a literal `%` becomes `%25`).
 */
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import {
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  computeSignature,
  formatAuthorization,
  formatSdkDate,
  parseQueryString,
  sha256Hex,
  type SigningCredentials,
} from '@swr-dashboard/swr-client';

export interface WireRequest {
  method: string;
  /** The path as it travels, percent-encoded where wanted. Must be valid percent-encoding. */
  path: string;
  /** The query as it travels, without `?`. Must be valid percent-encoding. */
  query: string;
  /** Exact body bytes; empty or absent sends no body. */
  body?: Buffer;
  /** `Content-Type` header; `null` sends none. Default `application/json`. */
  contentType?: string | null;
  /** Send the body chunked, without `Content-Length`. */
  chunked?: boolean;
}

export interface WireResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The parsed body, or undefined when it is empty or not JSON. */
  json: unknown;
}

export interface WireClient {
  send(request: WireRequest): Promise<WireResponse>;
  close(): void;
}

/** The signed headers of a request, computed the way the emulator verifies them. */
export function signWire(
  request: WireRequest,
  host: string,
  credentials: SigningCredentials,
  date: Date = new Date(),
): Record<string, string> {
  const uri = canonicalUri(request.path, { decoded: false });
  const pairs = parseQueryString(request.query);
  if (uri === undefined || pairs === undefined) {
    throw new Error(`cannot sign ${request.path}?${request.query}: malformed percent-encoding`);
  }
  const headers: Record<string, string> = { host, 'x-sdk-date': formatSdkDate(date) };
  const contentType = request.contentType === undefined ? 'application/json' : request.contentType;
  if (contentType !== null) headers['content-type'] = contentType;
  if (credentials.projectId !== undefined) headers['x-project-id'] = credentials.projectId;
  if (credentials.securityToken !== undefined) {
    headers['x-security-token'] = credentials.securityToken;
  }
  const signedHeaders = Object.keys(headers).sort();
  const text = canonicalRequest({
    method: request.method,
    canonicalUri: uri,
    canonicalQuery: canonicalQuery(pairs),
    headers,
    signedHeaders,
    payloadHash: sha256Hex(request.body ?? Buffer.alloc(0)),
  });
  const signature = computeSignature(credentials.sk, headers['x-sdk-date'] ?? '', text);
  return {
    ...headers,
    authorization: formatAuthorization({ ak: credentials.ak, signedHeaders, signature }),
  };
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

export function createWireClient(baseUrl: string, credentials: SigningCredentials): WireClient {
  const target = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const send = (wire: WireRequest): Promise<WireResponse> =>
    new Promise((resolve, reject) => {
      const body = wire.body ?? Buffer.alloc(0);
      const headers = signWire(wire, target.host, credentials);
      if (body.length > 0) {
        // Node frames a GET or DELETE body only when told how: by length, or chunked.
        if (wire.chunked === true) headers['transfer-encoding'] = 'chunked';
        else headers['content-length'] = String(body.length);
      }
      const path = wire.query === '' ? wire.path : `${wire.path}?${wire.query}`;
      let answered = false;
      const req = request(
        { host: target.hostname, port: target.port, method: wire.method, path, headers, agent },
        (res) => {
          answered = true;
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          let ended = false;
          res.on('error', reject);
          res.on('close', () => {
            if (!ended) reject(new Error(`${wire.method} ${path}: the answer was cut off`));
          });
          res.on('end', () => {
            ended = true;
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              text,
              json: parseJson(text),
            });
          });
        },
      );
      req.on('error', (error) => {
        // An oversize body is answered before it is read, and the socket is then closed while
        // the rest is still being written: that error is expected once the answer is in.
        if (!answered) reject(error);
      });
      if (body.length > 0) req.end(body);
      else req.end();
    });
  return {
    send,
    close: () => {
      agent.destroy();
    },
  };
}
