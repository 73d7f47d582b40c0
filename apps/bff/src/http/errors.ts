/**
 * One error shape for every route: `{code, message, requestId, upstream?, issues?}`. Codes are a
 * closed, stable set the UI branches on; messages are for people and never carry a secret.
 */
import { redactSecrets } from '@swr-dashboard/swr-client';

export const ERROR_CODES = {
  unauthenticated: 401,
  session_expired: 401,
  forbidden: 403,
  csrf: 403,
  not_found: 404,
  method_not_allowed: 405,
  invalid_parameter: 400,
  invalid_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  rate_limited: 429,
  /** A list the BFF filters for a scoped user would read more of the account than it may. */
  list_too_large: 422,
  login_failed: 400,
  upstream_rejected: 400,
  upstream_error: 502,
  upstream_invalid_response: 502,
  upstream_timeout: 504,
  /** A change was sent but not confirmed: it may or may not have been applied. */
  outcome_unknown: 504,
  upstream_unavailable: 503,
  /** The region's circuit breaker is open: the call was refused without reaching SWR. */
  region_unavailable: 503,
  audit_unavailable: 503,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface UpstreamInfo {
  status: number;
  code: string | undefined;
  requestId: string | undefined;
}

export interface Issue {
  /** Where: `params.namespace`, `body.rules.0.params.num`, `query.limit`. */
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: {
      status?: number;
      upstream?: UpstreamInfo;
      issues?: Issue[];
      reason?: string;
      /** Seconds to wait before trying again: sent as `Retry-After`. */
      retryAfter?: number;
    } = {},
  ) {
    super(redactSecrets(message));
    this.name = 'AppError';
    this.status = extra.status ?? ERROR_CODES[code];
  }

  body(requestId: string): Record<string, unknown> {
    return {
      code: this.code,
      message: this.message,
      requestId,
      ...(this.extra.upstream === undefined ? {} : { upstream: this.extra.upstream }),
      ...(this.extra.issues === undefined ? {} : { issues: this.extra.issues }),
      ...(this.extra.reason === undefined ? {} : { reason: this.extra.reason }),
    };
  }
}
