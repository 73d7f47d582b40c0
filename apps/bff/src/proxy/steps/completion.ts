/** How a call's audit record is finished: SWR's side of the call, and each kind of ending. */
import { buildPath } from '@swr-dashboard/swr-client';
import type { AuditCompletion, AuditRecord } from '../../audit/trail';
import { AppError } from '../../http/errors';
import type { Routed } from '../route';
import { header, type UpstreamResponse } from '../upstream';

/** SWR's own clock when it answered (its `Date` header, whole seconds), if it gave a valid one. */
export function swrClock(response: UpstreamResponse | undefined): string | undefined {
  const value = response === undefined ? undefined : header(response.headers, 'date');
  const time = value === undefined ? Number.NaN : Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** SWR's side of a finished call, as its audit record states it. */
export function upstreamPart(
  routed: Routed,
  response: UpstreamResponse | undefined,
  latencyMs: number,
  code: string | null,
): AuditRecord['upstream'] {
  const date = swrClock(response);
  return {
    method: routed.definition.method,
    path: buildPath(routed.definition.path, routed.params),
    status: response?.status ?? null,
    code,
    requestId: response?.requestId ?? null,
    latencyMs,
    ...(date === undefined ? {} : { date }),
  };
}

/** A call that failed with `error` (the browser's answer), for `reason`. */
export function failed(
  error: AppError,
  upstream: AuditRecord['upstream'],
  reason: string,
): AuditCompletion {
  return { outcome: 'failure', httpStatus: error.status, upstream, reason };
}

/** The console itself failed while handling the call: whether it was sent is not known. */
export function interrupted(error: unknown): AuditCompletion {
  return {
    outcome: 'failure',
    httpStatus: error instanceof AppError ? error.status : 500,
    upstream: null,
    reason: `internal: the console failed while handling the call, which may or may not have been sent: ${error instanceof Error ? error.message : 'unknown error'}`,
  };
}
