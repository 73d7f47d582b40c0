/** Hashing primitives. `node:crypto` is the only dependency of the signer. */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Lowercase hex SHA-256; strings are hashed as UTF-8. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Lowercase hex HMAC-SHA256 keyed with `key` as UTF-8 (the SK, used as-is, no derivation). */
export function hmacSha256Hex(key: string, data: string): string {
  return createHmac('sha256', key).update(data).digest('hex');
}

const utf8 = new TextEncoder();

/** Compares two strings without leaking, through timing, where they first differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = utf8.encode(a);
  const right = utf8.encode(b);
  // The length is not secret here: signatures are always 64 hex characters.
  return left.length === right.length && timingSafeEqual(left, right);
}
