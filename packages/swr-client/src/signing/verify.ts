/**
 * Server-side verification of "SDK-HMAC-SHA256" requests, following the emulator recipe of
 * docs/swr-api.md ("Verifying a request"): rebuild the canonical request from what arrived on the
 * wire, decoding and re-encoding path and query (the SDK sends `$` and `* ' ( ) !` raw but signs
 * them encoded).
 */
import { parseSdkDate } from './date';
import { canonicalQuery, canonicalUri, parseQueryString } from './encoding';
import { constantTimeEqual, sha256Hex } from './hash';
import { UNSIGNED_PAYLOAD, canonicalRequest, computeSignature, parseAuthorization } from './scheme';

/** APIG's documented window for `X-Sdk-Date`, in either direction. */
export const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;

export type VerifyFailureReason =
  | 'missing-authorization'
  | 'malformed-authorization'
  | 'unknown-ak'
  | 'missing-date'
  | 'expired'
  | 'bad-signature'
  | 'bad-security-token';

export interface VerifySignatureInput {
  method: string;
  /** The path exactly as received (`req.url` before `?`), still percent-encoded. */
  rawPath: string;
  /** The query exactly as received, with or without the leading `?`. */
  rawQuery: string;
  /** Node's `IncomingHttpHeaders`: lowercase names; repeated headers may arrive as arrays. */
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
  now: Date;
  /** Allowed distance between `X-Sdk-Date` and `now`; default 15 minutes. */
  maxSkewMs?: number;
  /** The secret for an AK; `securityToken` set means the AK is a temporary (STS) one. */
  lookup: (ak: string) => { sk: string; securityToken?: string } | undefined;
}

/** Carries the AK only: never a secret, so the result is safe to log. */
export type VerifySignatureResult =
  { ok: true; ak: string } | { ok: false; reason: VerifyFailureReason };

/** Header values by lowercase name; arrays are joined like Node joins repeated headers. */
function normaliseHeaders(headers: VerifySignatureInput['headers']): Map<string, string> {
  const result = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = typeof value === 'string' ? value : value.join(', ');
    const lower = name.toLowerCase();
    const previous = result.get(lower);
    result.set(lower, previous === undefined ? text : `${previous}, ${text}`);
  }
  return result;
}

function fail(reason: VerifyFailureReason): VerifySignatureResult {
  return { ok: false, reason };
}

/**
 * Checks the temporary-credential rule: an AK with a security token must present it, signed
 * and equal; an AK without one must not present any.
 */
function securityTokenOk(
  expected: string | undefined,
  headers: Map<string, string>,
  signedHeaders: readonly string[],
): boolean {
  const presented = headers.get('x-security-token');
  if (expected === undefined || expected === '') return presented === undefined;
  return (
    presented !== undefined &&
    signedHeaders.includes('x-security-token') &&
    constantTimeEqual(presented, expected)
  );
}

/**
 * The payload hash to sign with. `X-Sdk-Content-Sha256` replaces the body hash only when it is
 * itself signed (an unsigned one could be injected to match a swapped body), and a signed value
 * other than UNSIGNED-PAYLOAD must be the true body hash. `undefined` means a mismatch.
 */
function payloadHash(
  body: Uint8Array,
  headers: Map<string, string>,
  signedHeaders: readonly string[],
): string | undefined {
  const bodyHash = sha256Hex(body);
  const declared = headers.get('x-sdk-content-sha256');
  if (declared === undefined || !signedHeaders.includes('x-sdk-content-sha256')) return bodyHash;
  return declared === UNSIGNED_PAYLOAD || declared === bodyHash ? declared : undefined;
}

/**
 * Verifies a signed request. Checks run in this order, and the first failure is reported:
 * Authorization present and well-formed, AK known, `X-Sdk-Date` present and well-formed
 * (`missing-date` covers a malformed one), date within `maxSkewMs` of `now`, security token,
 * then the signature (constant-time). A path or query with malformed percent-encoding, or a
 * signed header that is absent, can never match and yields `bad-signature`.
 */
export function verifySignature(input: VerifySignatureInput): VerifySignatureResult {
  const headers = normaliseHeaders(input.headers);
  const header = headers.get('authorization');
  if (header === undefined) return fail('missing-authorization');
  const auth = parseAuthorization(header);
  if (!auth) return fail('malformed-authorization');
  const secret = input.lookup(auth.ak);
  if (!secret) return fail('unknown-ak');

  const sdkDate = headers.get('x-sdk-date');
  const signedAt = sdkDate === undefined ? undefined : parseSdkDate(sdkDate);
  if (sdkDate === undefined || signedAt === undefined) return fail('missing-date');
  const skew = Math.abs(input.now.getTime() - signedAt.getTime());
  // Written as !(<=) so that NaN, from an invalid `now`, counts as expired too.
  if (!(skew <= (input.maxSkewMs ?? DEFAULT_MAX_SKEW_MS))) return fail('expired');

  if (!securityTokenOk(secret.securityToken, headers, auth.signedHeaders)) {
    return fail('bad-security-token');
  }

  const uri = canonicalUri(input.rawPath, { decoded: false });
  const query = parseQueryString(input.rawQuery);
  const hash = payloadHash(input.body, headers, auth.signedHeaders);
  const allSignedPresent = auth.signedHeaders.every((name) => headers.has(name));
  if (!allSignedPresent || uri === undefined || query === undefined || hash === undefined) {
    return fail('bad-signature');
  }

  const text = canonicalRequest({
    method: input.method,
    canonicalUri: uri,
    canonicalQuery: canonicalQuery(query),
    headers: Object.fromEntries(headers),
    signedHeaders: auth.signedHeaders,
    payloadHash: hash,
  });
  const expected = computeSignature(secret.sk, sdkDate, text);
  return constantTimeEqual(expected, auth.signature)
    ? { ok: true, ak: auth.ak }
    : fail('bad-signature');
}
