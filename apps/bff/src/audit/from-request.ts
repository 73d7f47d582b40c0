/**
 * Audit records about a request: who, from where, which route. What the client wrote (its user
 * agent, its path) is cut to a bounded length: a record costs the same whatever was sent.
 */
import type { Request } from 'express';
import { sessionRef } from '../auth/session';
import { clipped } from '../http/clip';
import { clientAddress } from '../http/peers';
import { actorOf, type AuditInput, type AuditOutcome, type AuditRecord } from './trail';

export function requestPart(req: Request, route: string): AuditRecord['request'] {
  return {
    id: req.requestId,
    ...(req.clientRequestId === undefined ? {} : { clientId: req.clientRequestId }),
    method: req.method,
    route: clipped(route),
    params: {},
    query: {},
    body: null,
  };
}

/** Where the request came from: the client's address (an IP, never free text) and its user agent (cut). */
export function sourceOf(req: Request): AuditRecord['source'] {
  const userAgent = req.get('user-agent');
  return {
    ip: clientAddress(req),
    userAgent: userAgent === undefined ? undefined : clipped(userAgent),
  };
}

/** A finished event about this request (sign-in, refusal, logout). */
export function eventFor(
  req: Request,
  event: string,
  outcome: AuditOutcome,
  details: { route?: string; reason?: string | null; httpStatus?: number | null } = {},
): AuditInput {
  return {
    event,
    outcome,
    actor: actorOf(req.identity, sessionRef(req)),
    source: sourceOf(req),
    request: requestPart(req, details.route ?? req.originalUrl.split('?')[0] ?? req.path),
    resource: null,
    upstream: null,
    httpStatus: details.httpStatus ?? null,
    reason: details.reason ?? null,
  };
}
