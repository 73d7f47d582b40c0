/**
 * `/api/swr/:region/<SWR path>`: the 44 operations of the contract, and nothing else. The one
 * place where every call is routed, validated, authorized, audited and sent, as these steps:
 *
 *   route and validate (route.ts: unknown → 404, bad → 400, nothing sent)
 *   → resolve the targets (deploy-target.ts: a trigger in the path, read from SWR if needed)
 *   → authorize every target (auth/authorize.ts: denied → 403, audited, nothing sent)
 *   → the operation's own limit (a docker login command: 429)
 *   → open the audit record for mutations (cannot → 503, nothing sent)
 *   → send, signed, through the region's circuit breaker (upstream.ts)
 *   → map the outcome (outcome.ts) and finish the audit record, on every path
 *   → JSON to the browser.
 */
import { buildPath, encodeQuery, type RequestTargets } from '@swr-dashboard/swr-client';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import {
  AuditUnavailableError,
  type AuditCompletion,
  type AuditRecord,
  type AuditTrail,
} from '../audit/trail';
import { authorize } from '../auth/authorize';
import type { Identity } from '../auth/identity';
import type { BffConfig } from '../config/schema';
import { sendJson } from '../http/compression';
import { AppError } from '../http/errors';
import type { OperationLimits } from '../security/rate-limits';
import { resolveTargets } from './deploy-target';
import { checkedBody, failureOf, InvalidAnswer, upstreamError, upstreamInfo } from './outcome';
import { callRecord, refusalRecord } from './records';
import { Refusal, routeRequest, type Routed } from './route';
import { collectScopedList, SCOPED_LISTS, type ScopedResponse } from './scoped-lists';
import { header, UpstreamFailure, type Upstream, type UpstreamResponse } from './upstream';

export { SWR_PREFIX } from './route';

/** Answer headers that carry part of a result; nothing else of SWR's reaches the browser. */
const PASSED_HEADERS = ['content-range', 'x-swr-dockerlogin', 'x-swr-expireat'];

export interface ProxyDeps {
  config: BffConfig;
  upstream: Upstream;
  audit: AuditTrail;
  logger: Logger;
  limits: OperationLimits;
}

/** A step that may refuse: its refusal is audited (unless it is a 404) and answered. */
async function refusingAudited<T>(
  deps: ProxyDeps,
  req: Request,
  step: () => Promise<T> | T,
): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    if (error.event !== null) {
      try {
        deps.audit.record(refusalRecord(req, error));
      } catch (auditError) {
        deps.logger.error(
          { err: auditError, requestId: req.requestId },
          'could not audit a refusal',
        );
      }
    }
    throw error.error;
  }
}

/** Refuses the request unless the user may run it on these targets. */
function allow(identity: Identity, routed: Routed, targets: RequestTargets): void {
  const decision = authorize(identity, routed.name, targets);
  if (decision.allowed) return;
  throw new Refusal(
    new AppError('forbidden', decision.message, { reason: decision.reason }),
    'authz.denied',
    decision.message,
    { ...routed, targets },
  );
}

/**
 * Authorizes the user for every target the request names; then, only if that passed, for where
 * the trigger in its path deploys (read from SWR when the user's deploy targets are limited).
 */
async function authorized(
  deps: ProxyDeps,
  req: Request,
  identity: Identity,
  routed: Routed,
): Promise<RequestTargets> {
  allow(identity, routed, routed.targets);
  const targets = await resolveTargets(deps.upstream, routed, identity);
  if (targets !== routed.targets) allow(identity, routed, targets);
  return targets;
}

/** Runs an Express middleware (a rate limiter) as a step: resolves, or rejects with its error. */
function passes(middleware: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    void middleware(req, res, (error?: unknown) => {
      if (error === undefined || error === null) resolve();
      else reject(error instanceof Error ? error : new Error('the limit failed'));
    });
  });
}

/** Writes a mutation's record before it is sent; if that cannot be done, nothing is sent. */
function openRecord(
  deps: ProxyDeps,
  req: Request,
  identity: Identity,
  routed: Routed,
  targets: RequestTargets,
): AuditRecord | undefined {
  if (routed.definition.method === 'GET' && !deps.config.audit.reads) return undefined;
  try {
    return deps.audit.open(callRecord(req, identity, routed, targets));
  } catch (error) {
    if (!(error instanceof AuditUnavailableError)) throw error;
    deps.logger.error(
      { err: error, requestId: req.requestId },
      'audit unavailable: mutation not sent',
    );
    throw new AppError(
      'audit_unavailable',
      'The change was not sent: the audit trail cannot be written.',
    );
  }
}

/** Finishes an opened record once; later calls do nothing. Never throws. */
function finisher(deps: ProxyDeps, req: Request, pending: AuditRecord | undefined): Finish {
  let done = pending === undefined;
  return (completion: AuditCompletion) => {
    if (done || pending === undefined) return;
    done = true;
    try {
      deps.audit.finalize(pending, completion);
    } catch (error) {
      deps.logger.error(
        { err: error, requestId: req.requestId, auditId: pending.id },
        'could not finalize an audit record',
      );
    }
  };
}

/** The signed call: a scoped list is collected and filtered here, anything else sent as is. */
function call(deps: ProxyDeps, req: Request, routed: Routed): Promise<ScopedResponse> {
  const { definition } = routed;
  const scopes = req.identity?.scopes ?? null;
  if (scopes !== null && SCOPED_LISTS.has(routed.name)) {
    return collectScopedList({
      upstream: deps.upstream,
      routed,
      scopes,
      requestId: req.requestId,
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
  });
}

type Finish = (completion: AuditCompletion) => void;

/** SWR's side of a finished call, as its audit record states it. */
function upstreamPart(
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

/** SWR's own clock when it answered (its `Date` header, whole seconds), if it gave a valid one. */
function swrClock(response: UpstreamResponse | undefined): string | undefined {
  const value = response === undefined ? undefined : header(response.headers, 'date');
  const time = value === undefined ? Number.NaN : Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** SWR answered with something the contract does not allow: a 502, the record finished. */
function invalidAnswer(
  routed: Routed,
  response: UpstreamResponse | undefined,
  finish: Finish,
): AppError {
  const error = new AppError(
    'upstream_invalid_response',
    'SWR answered with something the console does not understand.',
    response === undefined ? {} : { upstream: upstreamInfo(response, undefined) },
  );
  finish({
    outcome: 'failure',
    httpStatus: error.status,
    upstream: upstreamPart(routed, response, response?.latencyMs ?? 0, null),
    reason: 'invalid response',
  });
  return error;
}

/** The call and SWR's answer, whatever its status; a call without an answer is mapped here. */
async function sent(
  deps: ProxyDeps,
  req: Request,
  res: Response,
  routed: Routed,
  finish: Finish,
): Promise<ScopedResponse> {
  try {
    return await call(deps, req, routed);
  } catch (error) {
    if (error instanceof InvalidAnswer) throw invalidAnswer(routed, undefined, finish);
    if (error instanceof AppError) {
      // Refused on the way (a scoped list too large to read): said as it is.
      finish({
        outcome: 'failure',
        httpStatus: error.status,
        upstream: null,
        reason: error.message,
      });
      throw error;
    }
    if (!(error instanceof UpstreamFailure)) throw error;
    const failure = failureOf(error, routed.definition.method !== 'GET', routed.region.id);
    const breaker = failure.retryAfter !== undefined;
    finish({
      outcome: 'failure',
      httpStatus: failure.error.status,
      // A call the region's breaker refused never went anywhere.
      upstream: breaker ? null : upstreamPart(routed, undefined, error.latencyMs, null),
      reason: failure.reason,
    });
    if (breaker) res.setHeader('Retry-After', String(failure.retryAfter));
    throw failure.error;
  }
}

/** The body for the browser from a 2xx answer; any other answer is mapped, its record finished. */
function accepted(routed: Routed, response: ScopedResponse, finish: Finish): Buffer | undefined {
  if (response.status < 200 || response.status >= 300) {
    const error = upstreamError(response);
    finish({
      outcome: 'failure',
      httpStatus: error.status,
      upstream: upstreamPart(
        routed,
        response,
        response.latencyMs,
        error.extra.upstream?.code ?? null,
      ),
      reason: error.message,
    });
    throw error;
  }
  try {
    return checkedBody(routed.name, routed.definition, response);
  } catch (error) {
    if (!(error instanceof InvalidAnswer)) throw error;
    throw invalidAnswer(routed, response, finish);
  }
}

/** Sends the call and answers the browser, finishing the record on every path. */
async function sendAndAnswer(
  deps: ProxyDeps,
  req: Request,
  res: Response,
  routed: Routed,
  finish: Finish,
): Promise<void> {
  const response = await sent(deps, req, res, routed, finish);
  const body = accepted(routed, response, finish);
  for (const name of PASSED_HEADERS) {
    const value = header(response.headers, name);
    if (value !== undefined) res.setHeader(name, value);
  }
  if (response.requestId !== undefined) res.setHeader('X-Upstream-Request-Id', response.requestId);
  if (response.scopeHidden !== undefined && response.scopeHidden > 0) {
    res.setHeader('X-Scope-Hidden', String(response.scopeHidden));
  }
  finish({
    outcome: 'success',
    httpStatus: response.status,
    upstream: upstreamPart(routed, response, response.latencyMs, null),
    reason: null,
  });
  if (body === undefined) res.status(response.status).end();
  else await sendJson(req, res, response.status, body);
}

export function swrProxy(deps: ProxyDeps): RequestHandler {
  const regions = new Map(deps.config.regions.map((region) => [region.id, region]));
  return async (req, res) => {
    const identity = req.identity;
    if (identity === undefined) throw new AppError('unauthenticated', 'Sign in first.');
    const { routed, targets } = await refusingAudited(deps, req, async () => {
      const routed = routeRequest(req, regions);
      return { routed, targets: await authorized(deps, req, identity, routed) };
    });
    const limit = deps.limits[routed.name];
    if (limit !== undefined) await passes(limit, req, res);
    const finish = finisher(deps, req, openRecord(deps, req, identity, routed, targets));
    try {
      await sendAndAnswer(deps, req, res, routed, finish);
    } catch (error) {
      // Whatever went wrong, a record opened for this call does not stay `pending`.
      finish({
        outcome: 'failure',
        httpStatus: error instanceof AppError ? error.status : 500,
        upstream: null,
        reason: `internal: the console failed while handling the call, which may or may not have been sent: ${error instanceof Error ? error.message : 'unknown error'}`,
      });
      throw error;
    }
  };
}
