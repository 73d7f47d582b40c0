/**
 * The send step: the signed call, through the region's breaker (a scoped list is collected and
 * filtered on the way). A call that got no answer is mapped here and its record finished.
 */
import { buildPath, encodeQuery } from '@swr-dashboard/swr-client';
import type { Request, Response } from 'express';
import type { Finish } from '../../audit/policies';
import { AppError } from '../../http/errors';
import { failureOf, InvalidAnswer } from '../outcome';
import type { Routed } from '../route';
import { collectScopedList, SCOPED_LISTS, type ScopedResponse } from '../scoped-lists';
import { UpstreamFailure } from '../upstream';
import { failed, upstreamPart } from './completion';
import type { ProxyDeps } from './deps';
import { invalidAnswer } from './invalid-answer';

/** The signed call: a scoped list is collected and filtered here, anything else sent as is. */
function call(
  deps: Pick<ProxyDeps, 'upstream' | 'config'>,
  req: Request,
  routed: Routed,
): Promise<ScopedResponse> {
  const { definition } = routed;
  const scopes = req.identity?.scopes ?? null;
  if (scopes !== null && SCOPED_LISTS.has(routed.name)) {
    return collectScopedList({
      upstream: deps.upstream,
      routed,
      scopes,
      requestId: req.requestId,
      trace: req.trace,
      maxItems: deps.config.scopedListMaxItems,
    });
  }
  return deps.upstream.send({
    region: routed.region,
    method: definition.method,
    path: buildPath(definition.path, routed.params),
    query: encodeQuery(definition, routed.rawQuery),
    body: definition.body === undefined ? undefined : JSON.stringify(routed.body),
    retry: definition.method === 'GET',
    requestId: req.requestId,
    trace: req.trace,
  });
}

/** The error for a call that got no answer, its record finished (and `Retry-After` for a breaker). */
function unanswered(error: unknown, res: Response, routed: Routed, finish: Finish): unknown {
  if (error instanceof InvalidAnswer) return invalidAnswer(routed, undefined, finish);
  if (error instanceof AppError) {
    // Refused on the way (a scoped list too large to read): said as it is.
    finish(failed(error, null, error.message));
    return error;
  }
  if (!(error instanceof UpstreamFailure)) return error;
  const failure = failureOf(error, routed.definition.method !== 'GET', routed.region.id);
  const breaker = failure.retryAfter !== undefined;
  // A call the region's breaker refused never went anywhere.
  const upstream = breaker ? null : upstreamPart(routed, undefined, error.latencyMs, null);
  finish(failed(failure.error, upstream, failure.reason));
  if (breaker) res.setHeader('Retry-After', String(failure.retryAfter));
  return failure.error;
}

/** SWR's answer, whatever its status; a call without an answer throws its mapped error. */
export async function sent(
  deps: Pick<ProxyDeps, 'upstream' | 'config'>,
  req: Request,
  res: Response,
  routed: Routed,
  finish: Finish,
): Promise<ScopedResponse> {
  try {
    return await call(deps, req, routed);
  } catch (error) {
    throw unanswered(error, res, routed, finish);
  }
}
