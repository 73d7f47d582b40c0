/** SWR answered with something the contract does not allow: a 502, the record finished. */
import type { Finish } from '../../audit/policies';
import { AppError } from '../../http/errors';
import { upstreamInfo } from '../outcome';
import type { Routed } from '../route';
import type { UpstreamResponse } from '../upstream';
import { failed, upstreamPart } from './completion';

export function invalidAnswer(
  routed: Routed,
  response: UpstreamResponse | undefined,
  finish: Finish,
): AppError {
  const error = new AppError(
    'upstream_invalid_response',
    'SWR answered with something the console does not understand.',
    response === undefined ? {} : { upstream: upstreamInfo(response, undefined) },
  );
  finish(
    failed(
      error,
      upstreamPart(routed, response, response?.latencyMs ?? 0, null),
      'invalid response',
    ),
  );
  return error;
}
