/**
 * The BFF's errors, as they cross the wire: one body `{code, message, requestId, upstream?,
 * issues?, reason?}` for every route, and a closed set of codes, each with its HTTP status. The
 * BFF throws them; the web app branches on them, so a code the BFF does not have does not compile.
 */
export const BFF_ERROR_CODES = {
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
  /** The console's configuration protects the tag from deletion (`PROTECTED_TAGS`). */
  tag_protected: 409,
  /** A job's confirmed count is not what its preview finds now: preview and confirm again. */
  preview_changed: 409,
  /** A job would touch more items than one job may (JOB_MAX_ITEMS): narrow its rule. */
  job_too_large: 422,
  /** The job is still running: its failed items can be retried once it is finished. */
  job_not_finished: 409,
  /** Only a cancelled job with items it had not started resumes. */
  job_not_resumable: 409,
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
  /** The console's own database (its sessions) cannot be reached: nothing was done. */
  store_unavailable: 503,
  /** The shared rate-limit counters (Redis, `REDIS_URL`) cannot be reached: nothing was done. */
  limits_unavailable: 503,
  internal: 500,
} as const;

export type BffErrorCode = keyof typeof BFF_ERROR_CODES;
export const BFF_ERROR_CODE_NAMES = Object.keys(BFF_ERROR_CODES) as BffErrorCode[];

export function isBffErrorCode(code: unknown): code is BffErrorCode {
  return typeof code === 'string' && Object.hasOwn(BFF_ERROR_CODES, code);
}

/** One problem with the input: where (`params.namespace`, `body.rules.0.params.num`) and what. */
export interface BffIssue {
  path: string;
  message: string;
}

/**
 * A schema issue as the BFF reports it: the part of the request (`query`, `body`, `params`)
 * and the issue's path, dotted.
 */
export function issueAt(
  part: string,
  issue: { readonly path: readonly PropertyKey[]; readonly message: string },
): BffIssue {
  return { path: [part, ...issue.path.map(String)].join('.'), message: issue.message };
}
