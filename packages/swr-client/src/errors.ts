/**
 * One error for everything that can go wrong in an SWR call. It understands SWR's three error
 * body shapes (docs/swr-api.md, "Errors") and never carries a secret in its text.
 */
import { isBffErrorCode, type BffErrorCode } from './bff-api/errors';

export type SwrErrorKind =
  /** SWR or its gateway answered with a non-success status. */
  | 'http'
  /** The request was refused before it was sent: input does not fit the contract. */
  | 'invalid-request'
  /** The response did not fit the contract. */
  | 'invalid-response'
  /** No answer within the deadline. */
  | 'timeout'
  /** The caller aborted. */
  | 'aborted'
  /** The connection failed. */
  | 'network';

/**
 * Where an `http` error's code and message came from: one of SWR's three shapes, or the
 * console's BFF (`{code, message, requestId, upstream?}`).
 */
export type ErrorShape = 'swr' | 'swr-list' | 'apig' | 'bff' | 'none';

/** What SWR answered, when the BFF reports an upstream failure. */
export interface UpstreamErrorInfo {
  status: number;
  code: string | undefined;
  requestId: string | undefined;
}

export interface SwrErrorInit {
  kind: SwrErrorKind;
  message: string;
  operation?: string;
  status?: number;
  code?: string;
  requestId?: string;
  shape?: ErrorShape;
  /** Field-level problems of an `invalid-request`, e.g. `body.namespace`. */
  issues?: readonly { path: string; message: string }[];
  /** From the BFF: what SWR answered, and why the BFF refused (`role`, `scope`, ...). */
  upstream?: UpstreamErrorInfo;
  reason?: string;
  /** Seconds to wait before trying again (`Retry-After` of a 429 or 503). */
  retryAfter?: number;
  cause?: unknown;
}

/** `Retry-After` in seconds (a number of seconds, or an HTTP date), if it says anything usable. */
export function retryAfterSeconds(
  header: string | null | undefined,
  now = Date.now(),
): number | undefined {
  if (header === null || header === undefined || header.trim() === '') return undefined;
  const seconds = /^\s*\d+\s*$/.test(header) ? Number(header) : (Date.parse(header) - now) / 1000;
  return Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : undefined;
}

export class SwrError extends Error {
  override readonly name = 'SwrError';
  readonly kind: SwrErrorKind;
  readonly operation: string | undefined;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  readonly shape: ErrorShape | undefined;
  readonly issues: readonly { path: string; message: string }[];
  readonly upstream: UpstreamErrorInfo | undefined;
  readonly reason: string | undefined;
  readonly retryAfter: number | undefined;

  constructor(init: SwrErrorInit) {
    super(
      redactSecrets(init.message),
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.kind = init.kind;
    this.operation = init.operation;
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.shape = init.shape;
    this.upstream = init.upstream;
    this.reason = init.reason;
    this.retryAfter = init.retryAfter;
    this.issues = (init.issues ?? []).map((issue) => ({
      path: issue.path,
      message: redactSecrets(issue.message),
    }));
  }

  /** Whether retrying the same request could succeed (a read, after this error). */
  get retryable(): boolean {
    if (this.kind === 'timeout' || this.kind === 'network') return true;
    if (this.kind !== 'http') return false;
    if (this.code !== undefined && RETRYABLE_CODES.has(this.code)) return true;
    return this.status === 429 || (this.status ?? 0) >= 500;
  }
}

/**
 * SWR's "try again later" answers, which come with 4xx statuses (docs/swr-api.md, "Errors"): too
 * many requests (403) and system busy (409).
 */
const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'SVCSTG.SWR.4031032',
  'SVCSTG.SWR.4031042',
  'SVCSTG.SWR.4090023',
]);

export function isSwrError(error: unknown): error is SwrError {
  return error instanceof SwrError;
}

/**
 * The BFF's code of an error the BFF answered, typed: comparing it with a code the BFF does not
 * have does not compile. Undefined for SWR's own codes and for failures that got no answer.
 */
export function bffCodeOf(error: unknown): BffErrorCode | undefined {
  if (!isSwrError(error) || error.shape !== 'bff') return undefined;
  return isBffErrorCode(error.code) ? error.code : undefined;
}

interface ParsedErrorBody {
  code?: string;
  message?: string;
  requestId?: string;
  shape: ErrorShape;
  upstream?: UpstreamErrorInfo;
  issues?: { path: string; message: string }[];
  reason?: string;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Reads an error body in any of SWR's shapes: `{errorCode, errorMessage}` (also inside a
 * one-element array, as the docs print it), `{errors: [{errorCode, errorMessage}]}`, or the
 * gateway's `{error_code, error_msg, request_id}`; or the BFF's `{code, message, requestId}`.
 */
export function parseErrorBody(body: string): ParsedErrorBody {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { shape: 'none' };
  }
  const first = Array.isArray(json) ? (json as unknown[])[0] : json;
  const object = record(first);
  if (object === undefined) return { shape: 'none' };
  if (text(object.errorCode) !== undefined) {
    const parsed: ParsedErrorBody = { code: text(object.errorCode), shape: 'swr' };
    const message = text(object.errorMessage) ?? text(object.detail);
    if (message !== undefined) parsed.message = message;
    return parsed;
  }
  const errors = object.errors;
  const inner = Array.isArray(errors) ? record((errors as unknown[])[0]) : undefined;
  if (inner !== undefined && text(inner.errorCode) !== undefined) {
    const parsed: ParsedErrorBody = { code: text(inner.errorCode), shape: 'swr-list' };
    const message = text(inner.errorMessage);
    if (message !== undefined) parsed.message = message;
    return parsed;
  }
  if (text(object.code) !== undefined && text(object.message) !== undefined) {
    return bffError(object);
  }
  if (text(object.error_code) !== undefined) {
    const parsed: ParsedErrorBody = { code: text(object.error_code), shape: 'apig' };
    const message = text(object.error_msg);
    const requestId = text(object.request_id);
    if (message !== undefined) parsed.message = message;
    if (requestId !== undefined) parsed.requestId = requestId;
    return parsed;
  }
  return { shape: 'none' };
}

/** The BFF's shape: `{code, message, requestId, upstream?, issues?, reason?}`. */
function bffError(object: Record<string, unknown>): ParsedErrorBody {
  const parsed: ParsedErrorBody = { shape: 'bff' };
  const code = text(object.code);
  const message = text(object.message);
  const requestId = text(object.requestId);
  const reason = text(object.reason);
  if (code !== undefined) parsed.code = code;
  if (message !== undefined) parsed.message = message;
  if (requestId !== undefined) parsed.requestId = requestId;
  if (reason !== undefined) parsed.reason = reason;
  const upstream = record(object.upstream);
  if (upstream !== undefined && typeof upstream.status === 'number') {
    parsed.upstream = {
      status: upstream.status,
      code: text(upstream.code),
      requestId: text(upstream.requestId),
    };
  }
  if (Array.isArray(object.issues)) {
    parsed.issues = (object.issues as unknown[]).flatMap((item) => {
      const issue = record(item);
      const path = text(issue?.path);
      const message = text(issue?.message);
      return path === undefined || message === undefined ? [] : [{ path, message }];
    });
  }
  return parsed;
}

/** Builds the error for a non-success HTTP answer. */
export function httpError(input: {
  operation: string;
  status: number;
  body: string;
  requestId: string | undefined;
  /** The answer's `Retry-After` header, if any. */
  retryAfter?: string | null;
}): SwrError {
  const parsed = parseErrorBody(input.body);
  const requestId = input.requestId ?? parsed.requestId;
  const init: SwrErrorInit = {
    kind: 'http',
    operation: input.operation,
    status: input.status,
    shape: parsed.shape,
    message: parsed.message ?? `SWR answered ${input.operation} with HTTP ${input.status}`,
  };
  if (parsed.code !== undefined) init.code = parsed.code;
  if (requestId !== undefined) init.requestId = requestId;
  if (parsed.upstream !== undefined) init.upstream = parsed.upstream;
  if (parsed.issues !== undefined) init.issues = parsed.issues;
  if (parsed.reason !== undefined) init.reason = parsed.reason;
  const retryAfter = retryAfterSeconds(input.retryAfter);
  if (retryAfter !== undefined) init.retryAfter = retryAfter;
  return new SwrError(init);
}

const MAX_MESSAGE = 500;

/**
 * Removes what could be a credential from text meant for people: docker passwords (`-p …`),
 * signatures and access keys of an Authorization header, security tokens, basic-auth blobs.
 */
export function redactSecrets(message: string): string {
  const redacted = message
    .replace(/(-p\s+|--password[=\s]+)\S+/g, '$1[redacted]')
    .replace(/(Signature=)[0-9a-fA-F]+/g, '$1[redacted]')
    .replace(/(Access=)[^,\s]+/g, '$1[redacted]')
    .replace(/(Bearer\s+)\S+/gi, '$1[redacted]')
    .replace(
      /\b((?:x-security-token|securityToken|token|password|secret|sk)\\?["']?\s*[:=]\s*\\?["']?)[^"'\\\s,}]+/gi,
      '$1[redacted]',
    )
    .replace(/(\\?"auth\\?"\s*:\s*\\?")[^"\\]+/g, '$1[redacted]');
  return redacted.length > MAX_MESSAGE ? `${redacted.slice(0, MAX_MESSAGE)}…` : redacted;
}
