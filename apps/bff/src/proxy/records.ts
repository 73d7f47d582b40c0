/**
 * The proxy's audit records: a refusal, and a call's record opened before it is sent. Both name
 * the route, the request's parameters, query and (bounded) body, the resource, and every target
 * the request named, so a search by any organization it touched finds it.
 */
import { operations } from '@swr-dashboard/swr-client';
import type { Request } from 'express';
import { eventFor } from '../audit/from-request';
import { actorOf, boundedBody, type AuditInput, type AuditRecord } from '../audit/trail';
import type { Identity } from '../auth/identity';
import { clipped } from '../http/clip';
import { sessionRef } from '../auth/session';
import type { Refusal, Routed } from './route';

/** A name-sized string field of a (possibly unvalidated) JSON body, if it has one. */
function bodyField(body: unknown, field: string): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const value: unknown = (body as Record<string, unknown>)[field];
  return typeof value === 'string' && value.length <= 255 ? value : undefined;
}

/**
 * What an operation acts on: the path names it, except for creations, which name the new
 * organization or repository in the body.
 */
export function resourceOf(routed: Partial<Routed>): AuditRecord['resource'] {
  if (routed.name === undefined) return null;
  const params = routed.params ?? {};
  const namespace =
    routed.name === 'createNamespace' ? bodyField(routed.body, 'namespace') : params.namespace;
  const name =
    routed.name === 'createRepo' ? bodyField(routed.body, 'repository') : params.repository;
  return {
    type: operations[routed.name].resource,
    namespace: namespace ?? null,
    name: name ?? null,
    tag: params.tag ?? null,
  };
}

/** What both kinds of record say about the request. */
function about(routed: Partial<Routed>, targets: Routed['targets'] | undefined) {
  return {
    resource: resourceOf(routed),
    region: routed.region?.id ?? null,
    ...(targets === undefined ? {} : { targets: targets.targets }),
  };
}

/** The record of a refused request (validation or authorization). */
export function refusalRecord(
  req: Request,
  refusal: Refusal,
  targets?: Routed['targets'],
): AuditInput {
  const { routed } = refusal;
  const input = eventFor(req, refusal.event ?? 'input.rejected', 'denied', {
    reason: refusal.reason,
    httpStatus: refusal.error.status,
    ...(routed.route === undefined ? {} : { route: routed.route }),
  });
  // What a refused request named may be anything a client wrote: each value is cut short.
  const params = Object.fromEntries(
    Object.entries(routed.params ?? {}).map(([key, value]) => [key, clipped(value)]),
  );
  return {
    ...input,
    request: { ...input.request, params, query: routed.rawQuery ?? {} },
    ...about({ ...routed, params }, targets ?? routed.targets),
  };
}

/** The record of a call, opened (`pending`) before it is sent. */
export function callRecord(
  req: Request,
  identity: Identity,
  routed: Routed,
  targets: Routed['targets'],
): Omit<AuditInput, 'outcome'> {
  const input = eventFor(req, `swr.${routed.name}`, 'success', { route: routed.route });
  return {
    ...input,
    actor: actorOf(identity, sessionRef(req)),
    request: {
      ...input.request,
      params: routed.params,
      query: routed.rawQuery,
      body: boundedBody(routed.body),
    },
    ...about(routed, targets),
  };
}
