/**
 * The pieces of "SDK-HMAC-SHA256" shared by the signer and the verifier (docs/swr-api.md,
 * "Signing", steps 6–9): canonical request, string to sign, signature, and the Authorization
 * header.
 */
import { hmacSha256Hex, sha256Hex } from './hash';

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
/** SHA-256 of the empty body, the payload hash of every request without one. */
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** The `X-Sdk-Content-Sha256` value the SDK uses to skip body hashing (non-JSON bodies only). */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export interface CanonicalRequestParts {
  method: string;
  canonicalUri: string;
  canonicalQuery: string;
  /** Header values by lowercase name. */
  headers: Record<string, string>;
  /** Lowercase names, in the order they are signed (the signer sorts them). */
  signedHeaders: string[];
  payloadHash: string;
}

/**
 * The six canonical parts joined with `\n`. The header block is one `name:value\n` line per
 * signed header, values untrimmed, so a blank line precedes the SignedHeaders line. A signed
 * name missing from `headers` contributes an empty value (the verifier rejects that case before).
 */
export function canonicalRequest(parts: CanonicalRequestParts): string {
  const headerBlock = parts.signedHeaders
    .map((name) => `${name}:${Object.hasOwn(parts.headers, name) ? parts.headers[name] : ''}\n`)
    .join('');
  return [
    parts.method,
    parts.canonicalUri,
    parts.canonicalQuery,
    headerBlock,
    parts.signedHeaders.join(';'),
    parts.payloadHash,
  ].join('\n');
}

/** `SDK-HMAC-SHA256\n{X-Sdk-Date}\n{hex sha256 of the canonical request}`. */
export function stringToSign(sdkDate: string, canonicalRequestText: string): string {
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonicalRequestText)}`;
}

/** The hex signature: HMAC-SHA256 of the string to sign, keyed with the SK. */
export function computeSignature(
  sk: string,
  sdkDate: string,
  canonicalRequestText: string,
): string {
  return hmacSha256Hex(sk, stringToSign(sdkDate, canonicalRequestText));
}

export interface ParsedAuthorization {
  ak: string;
  signedHeaders: string[];
  signature: string;
}

/** `SDK-HMAC-SHA256 Access={ak}, SignedHeaders={a;b}, Signature={hex}`. */
export function formatAuthorization(auth: ParsedAuthorization): string {
  return `${SIGNING_ALGORITHM} Access=${auth.ak}, SignedHeaders=${auth.signedHeaders.join(';')}, Signature=${auth.signature}`;
}

/** Exactly the shape the SDK writes: one space after the algorithm, `, ` between fields. */
const AUTHORIZATION =
  /^SDK-HMAC-SHA256 Access=([^\s,]+), SignedHeaders=([^\s,]+), Signature=([0-9a-f]{64})$/;
/** An HTTP header name (RFC 9110 token), lowercase. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9a-z]+$/;

/**
 * Parses an Authorization header of this scheme; `undefined` if it is anything else. Rejects
 * empty, non-lowercase or repeated SignedHeaders names, and `authorization` itself (a header
 * cannot sign itself), so the verifier can trust the list.
 */
export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const match = AUTHORIZATION.exec(header);
  if (!match) return undefined;
  const [, ak, names, signature] = match;
  if (ak === undefined || names === undefined || signature === undefined) return undefined;
  const signedHeaders = names.split(';');
  const valid = signedHeaders.every((name) => HEADER_NAME.test(name) && name !== 'authorization');
  if (!valid || new Set(signedHeaders).size !== signedHeaders.length) return undefined;
  return { ak, signedHeaders, signature };
}
