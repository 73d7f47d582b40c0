/**
 * One error shape for every route: `{code, message, requestId, upstream?, issues?}`. Codes are a
 * closed, stable set the UI branches on; messages are for people and never carry a secret.
 */
import {
  BFF_ERROR_CODES,
  redactSecrets,
  type BffErrorBody,
  type BffErrorCode,
  type BffIssue,
} from '@swr-dashboard/swr-client';

/** The codes and their statuses are part of the contract, shared with the web app. */
export const ERROR_CODES = BFF_ERROR_CODES;
export type ErrorCode = BffErrorCode;

export interface UpstreamInfo {
  status: number;
  code: string | undefined;
  requestId: string | undefined;
}

/** Where (`params.namespace`, `body.rules.0.params.num`, `query.limit`) and what. */
export type Issue = BffIssue;

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

  body(requestId: string): BffErrorBody {
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
