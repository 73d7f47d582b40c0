/**
 * `/api/swr/:region/<SWR path>`: the 44 operations of the contract, and nothing else. The one
 * place where every call is routed, validated, authorized, audited and sent:
 *
 *   raw path guard → route from the contract (unknown: 404) → validate params, query and body
 *   (bad: 400, nothing sent) → role and organization scope (denied: 403, nothing sent) → audit
 *   record opened for mutations (cannot: 503, nothing sent) → the region's circuit breaker
 *   (open: 503 `region_unavailable`, nothing sent) → signed call → answer checked against the
 *   contract → audit record closed → JSON to the browser.
 */
import {
  buildPath,
  encodeQuery,
  matchOperation,
  mergeQuery,
  operations,
  parseErrorBody,
  parseQueryString,
  SWR_ERRORS,
  type OperationDefinition,
  type OperationName,
} from '@swr-dashboard/swr-client';
import { isUtf8 } from 'node:buffer';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { compile } from 'zod';
import { eventFor } from '../audit/from-request';
import {
  actorOf,
  AuditUnavailableError,
  boundedBody,
  type AuditRecord,
  type AuditTrail,
} from '../audit/trail';
import { authorize } from '../auth/authorize';
import { sessionRef } from '../auth/session';
import type { BffConfig, RegionConfig } from '../config/schema';
import { sendJson } from '../http/compression';
import { AppError, type Issue, type UpstreamInfo } from '../http/errors';
import { pathProblem } from './guard';
import { parseJson } from './json';
import { collectScopedList, SCOPED_LISTS } from './scoped-lists';
import {
  header,
  RegionUnavailable,
  UpstreamFailure,
  type Upstream,
  type UpstreamResponse,
} from './upstream';

export const SWR_PREFIX = '/api/swr/';

/** Answer headers that carry part of a result; nothing else of SWR's reaches the browser. */
const PASSED_HEADERS = ['content-range', 'x-swr-dockerlogin', 'x-swr-expireat'];

export interface ProxyDeps {
  config: BffConfig;
  upstream: Upstream;
  audit: AuditTrail;
  logger: Logger;
}

interface Routed {
  region: RegionConfig;
  name: OperationName;
  definition: OperationDefinition;
  params: Record<string, string>;
  rawQuery: Record<string, string>;
  body: unknown;
  route: string;
}

/** A schema's issues (classic zod's or zod/mini's: the same shape) as the BFF reports them. */
function issuesOf(
  part: string,
  error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] },
): Issue[] {
  return error.issues.map((issue) => ({
    path: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/**
 * The contract's response schemas, compiled once: zod/mini objects have no fast path of their own
 * (a page of 100 tags: about 7 µs compiled, 120 µs not). The BFF's CSP does not apply to Node.
 */
const compiledResponses = new Map<OperationName, NonNullable<OperationDefinition['response']>>();
function responseSchema(name: OperationName, definition: OperationDefinition) {
  let schema = compiledResponses.get(name);
  if (schema === undefined && definition.response !== undefined) {
    schema = compile(definition.response);
    compiledResponses.set(name, schema);
  }
  return schema;
}

/** The kind of thing an operation acts on, for audit records. */
function resourceType(name: OperationName, params: Record<string, string>): string {
  if (name === 'createSecret') return 'credential';
  if (name === 'listApiVersions' || name === 'showApiVersion') return 'api';
  if (name.includes('Auth')) return 'permission';
  if (params.tag !== undefined) return 'tag';
  if (params.trigger !== undefined || name.includes('Trigger')) return 'trigger';
  if (params.retention_id !== undefined || name.includes('Retention')) return 'retention';
  if (params.access_domain !== undefined || name.includes('Domain') || name.includes('Shared'))
    return 'share';
  if (name.includes('Sync')) return 'sync';
  if (params.repository !== undefined || name.includes('Repo')) return 'repository';
  return 'namespace';
}

/** A name-sized string field of a (possibly unvalidated) JSON body, if it has one. */
function bodyField(body: unknown, field: string): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const value: unknown = (body as Record<string, unknown>)[field];
  return typeof value === 'string' && value.length <= 255 ? value : undefined;
}

/**
 * What an operation acts on, for audit records: the path names it, except for creations, which
 * name the new organization or repository in the body.
 */
function resourceOf(routed: Partial<Routed>): AuditRecord['resource'] {
  if (routed.name === undefined) return null;
  const params = routed.params ?? {};
  const namespace =
    routed.name === 'createNamespace' ? bodyField(routed.body, 'namespace') : params.namespace;
  const name =
    routed.name === 'createRepo' ? bodyField(routed.body, 'repository') : params.repository;
  return {
    type: resourceType(routed.name, params),
    namespace: namespace ?? null,
    name: name ?? null,
    tag: params.tag ?? null,
  };
}

function upstreamInfo(response: UpstreamResponse, code: string | undefined): UpstreamInfo {
  return { status: response.status, code, requestId: response.requestId };
}

/** Our own words for SWR's codes; an unknown code gets a generic sentence, never SWR's text. */
function messageFor(code: string | undefined): string {
  const known = Object.values(SWR_ERRORS).find((error) => error.code === code);
  return known === undefined ? 'SWR refused the request.' : `${known.message}.`;
}

function upstreamError(response: UpstreamResponse): AppError {
  const parsed = parseErrorBody(response.body.toString('utf8'));
  const upstream = upstreamInfo(response, parsed.code);
  if (response.status === 401 || response.status === 403) {
    return new AppError(
      'upstream_error',
      "SWR refused the console's cloud credentials for this call.",
      {
        upstream,
      },
    );
  }
  if (response.status >= 400 && response.status < 500) {
    return new AppError('upstream_rejected', messageFor(parsed.code), {
      status: response.status,
      upstream,
    });
  }
  return new AppError('upstream_error', `SWR failed to answer (HTTP ${response.status}).`, {
    upstream,
  });
}

/**
 * Whether `output` (what a schema made of `input`, a value JSON.parse gave) is the same JSON value
 * as `input`: same keys, in any order, and the same values. A schema that stripped a field, added
 * a default or transformed a value makes a difference. Deep as the schema's shape at most: it runs
 * only on values the schema accepted.
 */
export function sameJson(input: unknown, output: unknown): boolean {
  if (input === output) return true;
  if (typeof input !== 'object' || typeof output !== 'object' || input === null || output === null)
    return false;
  if (Array.isArray(input)) {
    if (!Array.isArray(output) || input.length !== output.length) return false;
    for (let index = 0; index < input.length; index += 1) {
      if (!sameJson(input[index], output[index])) return false;
    }
    return true;
  }
  if (Array.isArray(output) || Object.getPrototypeOf(output) !== Object.prototype) return false;
  const keys = Object.keys(input);
  if (keys.length !== Object.keys(output).length) return false;
  for (const key of keys) {
    if (
      !Object.hasOwn(output, key) ||
      !sameJson((input as Record<string, unknown>)[key], (output as Record<string, unknown>)[key])
    )
      return false;
  }
  return true;
}

export function swrProxy(deps: ProxyDeps): RequestHandler {
  const { config, upstream, audit, logger } = deps;
  const regions = new Map(config.regions.map((region) => [region.id, region]));

  const record = (
    req: Request,
    event: string,
    routed: Partial<Routed>,
    reason: string,
    status: number,
  ) => {
    try {
      const input = eventFor(req, event, 'denied', {
        reason,
        httpStatus: status,
        ...(routed.route === undefined ? {} : { route: routed.route }),
      });
      const params = routed.params ?? {};
      audit.record({
        ...input,
        region: routed.region?.id ?? null,
        request: { ...input.request, params, query: routed.rawQuery ?? {} },
        resource: resourceOf(routed),
      });
    } catch (error) {
      logger.error({ err: error, requestId: req.requestId }, 'could not audit a refusal');
    }
  };

  /** Parses and validates the request, or throws the 4xx it deserves (audited). */
  const route = (req: Request): Routed => {
    const url = req.originalUrl;
    const at = url.indexOf('?');
    const path = at < 0 ? url : url.slice(0, at);
    const rawQuery = at < 0 ? '' : url.slice(at + 1);
    // An absolute-form target (`GET http://host/api/swr/...`) keeps its scheme and host in
    // `originalUrl`: the positions below would then cut the wrong string. (Express routes
    // without regard to case, so neither does this check.)
    if (path.slice(0, SWR_PREFIX.length).toLowerCase() !== SWR_PREFIX) {
      record(req, 'input.rejected', {}, 'the request target is not an origin-form path', 400);
      throw new AppError('invalid_parameter', 'Invalid path: send an origin-form request target.');
    }
    const afterPrefix = path.slice(SWR_PREFIX.length);
    const slash = afterPrefix.indexOf('/');
    const regionId = slash < 0 ? afterPrefix : afterPrefix.slice(0, slash);
    const swrPath = slash < 0 ? '/' : afterPrefix.slice(slash);
    const region = regions.get(regionId);
    if (region === undefined)
      throw new AppError('not_found', `No region ${regionId} is configured.`);
    const problem = pathProblem(swrPath);
    if (problem !== undefined) {
      record(req, 'input.rejected', { region }, problem, 400);
      throw new AppError('invalid_parameter', `Invalid path: ${problem}.`);
    }
    const match = matchOperation(req.method, swrPath);
    if (!match.ok) {
      if (match.reason === 'method-not-allowed') {
        throw new AppError('method_not_allowed', `${req.method} is not allowed here.`);
      }
      throw new AppError('not_found', 'No such SWR operation.');
    }
    const definition: OperationDefinition = operations[match.name];
    const routeName = `${SWR_PREFIX}:region${definition.path}`;
    const partial = { region, route: routeName, params: match.params, name: match.name };
    const reject = (message: string, issues: Issue[]) => {
      record(req, 'input.rejected', partial, issues[0]?.path ?? message, 400);
      return new AppError('invalid_parameter', message, { issues });
    };
    const params = definition.params.safeParse(match.params);
    if (!params.success) throw reject('Invalid path parameter.', issuesOf('params', params.error));
    const pairs = parseQueryString(rawQuery);
    if (pairs === undefined)
      throw reject('Invalid query string.', [
        { path: 'query', message: 'malformed percent-encoding' },
      ]);
    const merged = mergeQuery(definition, pairs);
    if (!merged.ok) {
      const detail =
        merged.problem.kind === 'bad-filter'
          ? merged.problem.message
          : `${merged.problem.kind} parameter ${merged.problem.key}`;
      throw reject('Invalid query.', [{ path: 'query', message: detail }]);
    }
    const query = definition.query.safeParse(merged.query);
    if (!query.success) throw reject('Invalid query parameter.', issuesOf('query', query.error));
    const hasBody = req.body !== undefined;
    if (definition.body === undefined) {
      if (hasBody)
        throw reject('This operation takes no body.', [
          { path: 'body', message: 'unexpected body' },
        ]);
    } else {
      const body = definition.body.safeParse(req.body);
      if (!body.success) throw reject('Invalid body.', issuesOf('body', body.error));
    }
    return {
      region,
      name: match.name,
      definition,
      params: match.params,
      rawQuery: merged.query,
      body: req.body as unknown,
      route: routeName,
    };
  };

  const send = async (
    req: Request,
    res: Response,
    routed: Routed,
    pending: AuditRecord | undefined,
  ) => {
    const { definition, name } = routed;
    const path = buildPath(definition.path, routed.params);
    const upstreamRecord = (
      response: UpstreamResponse | undefined,
      latencyMs: number,
      code: string | null,
    ) => ({
      method: definition.method,
      path,
      status: response?.status ?? null,
      code,
      requestId: response?.requestId ?? null,
      latencyMs,
    });
    const finish = (
      outcome: 'success' | 'failure',
      httpStatus: number,
      upstreamPart: AuditRecord['upstream'],
      reason: string | null,
    ) => {
      if (pending === undefined) return;
      try {
        audit.finalize(pending, { outcome, httpStatus, upstream: upstreamPart, reason });
      } catch (error) {
        logger.error(
          { err: error, requestId: req.requestId, auditId: pending.id },
          'could not finalize an audit record',
        );
      }
    };
    const scoped = req.identity?.scopes ?? null;
    let response: UpstreamResponse;
    try {
      response =
        scoped !== null && SCOPED_LISTS.has(name)
          ? await collectScopedList({ upstream, routed, scopes: scoped, requestId: req.requestId })
          : await upstream.send({
              region: routed.region,
              method: definition.method,
              path,
              query: encodeQuery(definition, routed.rawQuery),
              body: definition.body === undefined ? undefined : JSON.stringify(routed.body),
              retry: definition.method === 'GET',
              requestId: req.requestId,
            });
    } catch (error) {
      if (error instanceof RegionUnavailable) {
        // Refused by the region's breaker before anything was signed or sent: a change is
        // certainly not applied, so this is never "outcome unknown".
        const seconds = Math.max(1, Math.ceil(error.retryAfterMs / 1000));
        const appError = new AppError(
          'region_unavailable',
          `The region ${routed.region.id} is unavailable: its recent calls to SWR failed, so the console is not sending more for now. Nothing was sent; try again in about ${seconds} s.`,
          { reason: 'circuit-open' },
        );
        finish('failure', appError.status, null, `circuit-open: ${error.message}`);
        res.setHeader('Retry-After', String(seconds));
        throw appError;
      }
      if (!(error instanceof UpstreamFailure)) throw error;
      const mutation = definition.method !== 'GET';
      const appError =
        mutation && !error.sent
          ? new AppError(
              error.kind === 'timeout' ? 'upstream_timeout' : 'upstream_unavailable',
              'SWR could not be reached; the change was not sent.',
              { reason: error.kind },
            )
          : mutation && error.kind !== 'aborted'
            ? new AppError(
                'outcome_unknown',
                'SWR did not confirm the change; it may or may not have been applied. Refresh to see the current state.',
                { reason: error.kind },
              )
            : error.kind === 'timeout'
              ? new AppError('upstream_timeout', 'SWR did not answer in time.')
              : error.kind === 'too-large'
                ? new AppError(
                    'upstream_invalid_response',
                    'SWR answered with more than the console reads.',
                    { reason: error.kind },
                  )
                : new AppError('upstream_unavailable', 'SWR could not be reached.', {
                    reason: error.kind,
                  });
      // The kind first (`timeout: …`), so the trail can be searched for timeouts; a change whose
      // answer was lost says so, so nobody reading the trail takes it for a change not made.
      const verdict =
        appError.code === 'outcome_unknown'
          ? 'outcome unknown, the change may have been applied: '
          : '';
      finish(
        'failure',
        appError.status,
        upstreamRecord(undefined, error.latencyMs, null),
        `${error.kind}: ${verdict}${error.message}`,
      );
      throw appError;
    }
    if (response.status < 200 || response.status >= 300) {
      const appError = upstreamError(response);
      finish(
        'failure',
        appError.status,
        upstreamRecord(response, response.latencyMs, appError.extra.upstream?.code ?? null),
        appError.message,
      );
      throw appError;
    }
    let body: Buffer | undefined;
    if (definition.response !== undefined) {
      let parsed: { success: true; data: unknown } | { success: false };
      let json: unknown;
      try {
        json = parseJson(response.body);
        parsed = (responseSchema(name, definition) ?? definition.response).safeParse(json);
      } catch {
        parsed = { success: false };
      }
      if (!parsed.success) {
        const appError = new AppError(
          'upstream_invalid_response',
          'SWR answered with something the console does not understand.',
          {
            upstream: upstreamInfo(response, undefined),
          },
        );
        finish(
          'failure',
          appError.status,
          upstreamRecord(response, response.latencyMs, null),
          'invalid response',
        );
        throw appError;
      }
      // What the browser gets is what the contract's schema let through. When the schema kept
      // SWR's answer as it was (the usual case), SWR's own bytes are that value: no need to
      // serialise it again. Bytes that are not valid UTF-8 are never passed on as they are.
      body =
        isUtf8(response.body) && sameJson(json, parsed.data)
          ? response.body
          : Buffer.from(JSON.stringify(parsed.data));
    }
    for (const name of PASSED_HEADERS) {
      const value = header(response.headers, name);
      if (value !== undefined) res.setHeader(name, value);
    }
    if (response.requestId !== undefined)
      res.setHeader('X-Upstream-Request-Id', response.requestId);
    finish('success', response.status, upstreamRecord(response, response.latencyMs, null), null);
    if (body === undefined) {
      res.status(response.status).end();
    } else {
      await sendJson(req, res, response.status, body);
    }
  };

  return async (req, res) => {
    const routed = route(req);
    const identity = req.identity;
    if (identity === undefined) throw new AppError('unauthenticated', 'Sign in first.');
    const decision = authorize(identity, routed.name, routed.params.namespace);
    if (!decision.allowed) {
      record(req, 'authz.denied', routed, decision.message, 403);
      throw new AppError('forbidden', decision.message, { reason: decision.reason });
    }
    const mutation = routed.definition.method !== 'GET';
    let pending: AuditRecord | undefined;
    if (mutation || config.audit.reads) {
      try {
        pending = audit.open({
          event: `swr.${routed.name}`,
          actor: actorOf(identity, sessionRef(req)),
          source: { ip: req.ip, userAgent: req.get('user-agent') },
          request: {
            id: req.requestId,
            method: req.method,
            route: routed.route,
            params: routed.params,
            query: routed.rawQuery,
            body: boundedBody(routed.body),
          },
          resource: resourceOf(routed),
          upstream: null,
          httpStatus: null,
          reason: null,
          region: routed.region.id,
        });
      } catch (error) {
        if (error instanceof AuditUnavailableError) {
          logger.error(
            { err: error, requestId: req.requestId },
            'audit unavailable: mutation not sent',
          );
          throw new AppError(
            'audit_unavailable',
            'The change was not sent: the audit trail cannot be written.',
          );
        }
        throw error;
      }
    }
    await send(req, res, routed, pending);
  };
}
