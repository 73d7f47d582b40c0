/** Audit records about a request: who, from where, which route. */
import type { Request } from 'express';
import { sessionRef } from '../auth/session';
import { actorOf, type AuditInput, type AuditOutcome, type AuditRecord } from './trail';

export function requestPart(req: Request, route: string): AuditRecord['request'] {
  return {
    id: req.requestId,
    method: req.method,
    route,
    params: {},
    query: {},
    body: null,
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
    source: { ip: req.ip, userAgent: req.get('user-agent') },
    request: requestPart(req, details.route ?? req.originalUrl.split('?')[0] ?? req.path),
    resource: null,
    upstream: null,
    httpStatus: details.httpStatus ?? null,
    reason: details.reason ?? null,
  };
}
