/**
 * What a BFF endpoint says when SWR could not be read for it (a job's preview, an image's
 * details): the proxy's errors for a read, never a 500.
 */
import { isSwrError } from '@swr-dashboard/swr-client';
import { AppError } from '../http/errors';
import { failureOf } from '../proxy/outcome';
import { UpstreamFailure } from '../proxy/upstream';

export function readFailure(error: unknown, region: string, notFound: string): unknown {
  if (!isSwrError(error)) return error;
  if (error.cause instanceof UpstreamFailure) return failureOf(error.cause, false, region).error;
  if (error.kind !== 'http') return new AppError('upstream_unavailable', 'SWR could not be read.');
  if (error.status === 404) return new AppError('not_found', notFound);
  const code = error.status !== undefined && error.status < 500 && error.status !== 429;
  return new AppError(code ? 'upstream_rejected' : 'upstream_error', error.message);
}
