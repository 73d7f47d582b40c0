/**
 * AK/SK request signing, "SDK-HMAC-SHA256" (the APIG scheme used by the Huawei Cloud SDKs),
 * byte-compatible with `AKSKSigner` of `@huaweicloud/huaweicloud-sdk-core` 3.1.211 for every
 * request that SDK can express; see docs/swr-api.md ("Signing") and the oracle tests under
 * test/signing.
 *
 * This file holds the client side (`signRequest`) and re-exports the rest of the module.
 */
import { formatSdkDate, parseSdkDate } from './date';
import { canonicalQuery, canonicalUri, parseQueryString, type QueryPairs } from './encoding';
import { sha256Hex } from './hash';
import {
  canonicalRequest,
  computeSignature,
  EMPTY_BODY_SHA256,
  formatAuthorization,
} from './scheme';

export {
  canonicalQuery,
  canonicalUri,
  decodeComponent,
  encodeRfc3986,
  parseQueryString,
  type QueryPairs,
} from './encoding';
export { formatSdkDate, parseSdkDate } from './date';
export { constantTimeEqual, hmacSha256Hex, sha256Hex } from './hash';
export {
  EMPTY_BODY_SHA256,
  SIGNING_ALGORITHM,
  UNSIGNED_PAYLOAD,
  canonicalRequest,
  computeSignature,
  formatAuthorization,
  parseAuthorization,
  stringToSign,
  type CanonicalRequestParts,
  type ParsedAuthorization,
} from './scheme';
export {
  DEFAULT_MAX_SKEW_MS,
  verifySignature,
  type VerifyFailureReason,
  type VerifySignatureInput,
  type VerifySignatureResult,
} from './verify';

export interface SigningCredentials {
  ak: string;
  sk: string;
  /** STS temporary credentials: sent and signed as `X-Security-Token`. */
  securityToken?: string;
  /** Sent and signed as `X-Project-Id`. */
  projectId?: string;
}

export interface SignRequestInput {
  /** Used verbatim, as the SDK does: pass it uppercase (fetch uppercases GET/POST/… itself). */
  method: string;
  /**
   * A string URL carries its path decoded, as the caller means it (`$`, spaces and unicode are
   * data; a literal `%` is data too); any `?query` in it is read in wire form (percent-encoded,
   * `+` = space). A `URL` object always holds the wire form, so its path is read like a server
   * reads it. Dot segments in a string are signed verbatim; a fragment is ignored.
   */
  url: string | URL;
  /** Decoded query pairs (preferred over a query inside `url`; both are combined if given). */
  query?: QueryPairs;
  /** Names are case-insensitive; a name given twice in different cases is an error. */
  headers?: Record<string, string>;
  /** The exact body text; hashed as UTF-8. Empty or absent means no body. */
  body?: string;
  credentials: SigningCredentials;
  /** Signing time when no `X-Sdk-Date` header is given; defaults to now. */
  date?: Date;
}

interface Target {
  host: string;
  canonicalUri: string;
  query: QueryPairs;
}

/** scheme, authority, path and query of an absolute URL string (RFC 3986 appendix B). */
const URL_PARTS = /^([a-z][a-z0-9+.-]*:)\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?/i;

function queryFromWire(raw: string): QueryPairs {
  const pairs = parseQueryString(raw);
  if (pairs === undefined) throw new TypeError('malformed percent-encoding in the URL query');
  return pairs;
}

/**
 * Host (WHATWG `URL.host`: lowercase, default port omitted, no userinfo), canonical URI and
 * query of the target. A string URL is split by hand because `new URL` would percent-encode the
 * path and resolve dot segments, and the SDK signs the path text as written.
 */
function readTarget(url: string | URL): Target {
  if (typeof url !== 'string') {
    const uri = canonicalUri(url.pathname, { decoded: false });
    if (uri === undefined) throw new TypeError('malformed percent-encoding in the URL path');
    return { host: url.host, canonicalUri: uri, query: queryFromWire(url.search) };
  }
  const match = URL_PARTS.exec(url);
  if (!match) throw new TypeError('signRequest needs an absolute URL (scheme://host/path)');
  const [, scheme = '', authority = '', path = '', query = ''] = match;
  return {
    host: new URL(`${scheme}//${authority}`).host,
    canonicalUri: canonicalUri(path),
    query: queryFromWire(query),
  };
}

/**
 * Signs a request and returns every header to send: the given ones, plus `Content-Type:
 * application/json`, `X-Project-Id`, `X-Security-Token` and `X-Sdk-Date` where not already given
 * (a given header always wins, as in the SDK), plus `Authorization` (a given one is replaced).
 *
 * `host` is always signed (a given `Host` header, else the URL authority) but never added to
 * the result: HTTP stacks set it from the URL, and browsers forbid setting it. All other returned headers are
 * signed, names sorted lowercase in code-unit order. Header values are signed untrimmed, so do
 * not give values with leading or trailing whitespace (HTTP parsers strip it on receipt).
 *
 * @throws TypeError for a relative URL, malformed percent-encoding in the URL, a header name
 *   given twice, or a given `X-Sdk-Date` that is not `YYYYMMDDTHHMMSSZ`.
 * @throws RangeError when `date` is invalid.
 */
export function signRequest(input: SignRequestInput): Record<string, string> {
  const { credentials } = input;
  const target = readTarget(input.url);
  // Entries, not an object literal: a header named `__proto__` must stay a plain key.
  const toSend: [string, string][] = [];
  const signed = new Map<string, string>();

  for (const [name, value] of Object.entries(input.headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'authorization') continue;
    if (signed.has(lower)) throw new TypeError(`header given twice: ${lower}`);
    toSend.push([name, value]);
    signed.set(lower, value);
  }
  const addUnlessGiven = (name: string, value: () => string | undefined): void => {
    const lower = name.toLowerCase();
    if (signed.has(lower)) return;
    const text = value();
    // Empty credentials fields count as absent, like the SDK's truthiness checks.
    if (text === undefined || text === '') return;
    toSend.push([name, text]);
    signed.set(lower, text);
  };
  addUnlessGiven('Content-Type', () => 'application/json');
  addUnlessGiven('X-Project-Id', () => credentials.projectId);
  addUnlessGiven('X-Security-Token', () => credentials.securityToken);
  addUnlessGiven('X-Sdk-Date', () => formatSdkDate(input.date ?? new Date()));

  const sdkDate = signed.get('x-sdk-date') ?? '';
  if (parseSdkDate(sdkDate) === undefined) {
    throw new TypeError('X-Sdk-Date must be formatted YYYYMMDDTHHMMSSZ');
  }
  if (!signed.has('host')) signed.set('host', target.host);

  // The default sort is UTF-16 code-unit order, as in the SDK's SignedHeaders list.
  const signedHeaders = [...signed.keys()].sort();
  const text = canonicalRequest({
    method: input.method,
    canonicalUri: target.canonicalUri,
    canonicalQuery: canonicalQuery([...target.query, ...(input.query ?? [])]),
    headers: Object.fromEntries(signed),
    signedHeaders,
    // The SDK lets an explicit X-Sdk-Content-Sha256 (e.g. UNSIGNED-PAYLOAD) stand in for the hash.
    // Most calls have no body: its hash is a constant.
    payloadHash:
      signed.get('x-sdk-content-sha256') ??
      (input.body === undefined || input.body === '' ? EMPTY_BODY_SHA256 : sha256Hex(input.body)),
  });
  const authorization = formatAuthorization({
    ak: credentials.ak,
    signedHeaders,
    signature: computeSignature(credentials.sk, sdkDate, text),
  });
  return Object.fromEntries([...toSend, ['Authorization', authorization]]);
}
