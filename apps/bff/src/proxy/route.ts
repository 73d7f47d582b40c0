/**
 * The proxy's first step: from the raw request to one operation of the contract with validated
 * parameters, query and body, and the targets they name. Anything else is refused before
 * anything is sent: an unknown region or operation (404), a bad path, query or body (400), a
 * region the console does not manage named in the body (400).
 */
import {
  issueAt,
  matchOperation,
  mergeQuery,
  operations,
  parseQueryString,
  targetsOf,
  type OperationDefinition,
  type OperationName,
  type RequestTargets,
} from '@swr-dashboard/swr-client';
import type { Request } from 'express';
import type { RegionConfig } from '../config/schema';
import { AppError, type Issue } from '../http/errors';
import { pathProblem } from './guard';

export const SWR_PREFIX = '/api/swr/';

export interface Routed {
  region: RegionConfig;
  name: OperationName;
  definition: OperationDefinition;
  /** Path parameters, decoded (a repository with its real `/`). */
  params: Record<string, string>;
  /** The query, merged from plain keys and `filter`, as strings. */
  rawQuery: Record<string, string>;
  body: unknown;
  /** `/api/swr/:region<template>`: the route audit records name. */
  route: string;
  targets: RequestTargets;
}

/**
 * A request the proxy refuses. `event` names its audit record (null: not audited, as for an
 * unknown route), `routed` what was understood of the request before the refusal.
 */
export class Refusal extends Error {
  constructor(
    readonly error: AppError,
    readonly event: 'input.rejected' | 'authz.denied' | 'policy.denied' | null,
    readonly reason: string,
    readonly routed: Partial<Routed> = {},
  ) {
    super(error.message);
    this.name = 'Refusal';
  }
}

/** A schema's issues (classic zod's or zod/mini's: the same shape) as the BFF reports them. */
export function issuesOf(
  part: string,
  error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] },
): Issue[] {
  return error.issues.map((issue) => issueAt(part, issue));
}

/** The path and the query string of the request target, exactly as sent. */
function splitTarget(req: Request): { path: string; query: string } {
  const url = req.originalUrl;
  const at = url.indexOf('?');
  return at < 0 ? { path: url, query: '' } : { path: url.slice(0, at), query: url.slice(at + 1) };
}

/** The region and the SWR path of `/api/swr/<region><SWR path>`; the prefix is checked exactly. */
function regionAndPath(
  path: string,
  regions: ReadonlyMap<string, RegionConfig>,
): { region: RegionConfig; swrPath: string } {
  // An absolute-form target (`GET http://host/api/swr/...`) keeps its scheme and host in
  // `originalUrl`, and the router matches only this exact spelling of the prefix.
  if (!path.startsWith(SWR_PREFIX)) {
    throw new Refusal(
      new AppError('invalid_parameter', 'Invalid path: send an origin-form request target.'),
      'input.rejected',
      'the request target is not an origin-form path',
    );
  }
  const afterPrefix = path.slice(SWR_PREFIX.length);
  const slash = afterPrefix.indexOf('/');
  const regionId = slash < 0 ? afterPrefix : afterPrefix.slice(0, slash);
  const region = regions.get(regionId);
  if (region === undefined) {
    throw new Refusal(new AppError('not_found', `No region ${regionId} is configured.`), null, '');
  }
  const swrPath = slash < 0 ? '/' : afterPrefix.slice(slash);
  const problem = pathProblem(swrPath);
  if (problem !== undefined) {
    throw new Refusal(
      new AppError('invalid_parameter', `Invalid path: ${problem}.`),
      'input.rejected',
      problem,
      { region },
    );
  }
  return { region, swrPath };
}

/** Validates the query and the body against the operation's schemas; returns the query. */
function validated(
  req: Request,
  definition: OperationDefinition,
  rawQuery: string,
  reject: (message: string, issues: Issue[]) => Refusal,
): { query: Record<string, string>; parsed: { query: unknown; body: unknown } } {
  const pairs = parseQueryString(rawQuery);
  if (pairs === undefined) {
    throw reject('Invalid query string.', [
      { path: 'query', message: 'malformed percent-encoding' },
    ]);
  }
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
  if (definition.body === undefined) {
    if (req.body !== undefined) {
      throw reject('This operation takes no body.', [{ path: 'body', message: 'unexpected body' }]);
    }
    return { query: merged.query, parsed: { query: query.data, body: undefined } };
  }
  const body = definition.body.safeParse(req.body);
  if (!body.success) throw reject('Invalid body.', issuesOf('body', body.error));
  return { query: merged.query, parsed: { query: query.data, body: body.data } };
}

/** Parses and validates a proxied request, or throws the Refusal it deserves. */
export function routeRequest(req: Request, regions: ReadonlyMap<string, RegionConfig>): Routed {
  const target = splitTarget(req);
  const { region, swrPath } = regionAndPath(target.path, regions);
  const match = matchOperation(req.method, swrPath);
  if (!match.ok) {
    throw new Refusal(
      match.reason === 'method-not-allowed'
        ? new AppError('method_not_allowed', `${req.method} is not allowed here.`)
        : new AppError('not_found', 'No such SWR operation.'),
      null,
      '',
    );
  }
  const definition: OperationDefinition = operations[match.name];
  const partial = {
    region,
    route: `${SWR_PREFIX}:region${definition.path}`,
    params: match.params,
    name: match.name,
  };
  const reject = (message: string, issues: Issue[]) =>
    new Refusal(
      new AppError('invalid_parameter', message, { issues }),
      'input.rejected',
      issues[0]?.path ?? message,
      partial,
    );
  const params = definition.params.safeParse(match.params);
  if (!params.success) throw reject('Invalid path parameter.', issuesOf('params', params.error));
  const { query, parsed } = validated(req, definition, target.query, reject);
  const targets = targetsOf(
    match.name,
    { params: params.data, query: parsed.query as Record<string, unknown>, body: parsed.body },
    region.id,
  );
  const problem = outsideConsole(targets, region, regions);
  if (problem !== undefined) throw reject(problem.message, [problem.issue]);
  return { ...partial, definition, rawQuery: query, body: req.body as unknown, targets };
}

/**
 * A region the console does not manage, or a project of another region than the request's: the
 * console cannot vouch for what it has no endpoint, keys or breaker for.
 */
function outsideConsole(
  { targets }: RequestTargets,
  region: RegionConfig,
  regions: ReadonlyMap<string, RegionConfig>,
): { message: string; issue: Issue } | undefined {
  for (const named of targets) {
    if (named.kind === 'region' && !regions.has(named.name)) {
      return {
        message: 'The console does not manage that region.',
        issue: {
          path: named.field,
          message: `${named.name} is not a region of this console (${[...regions.keys()].join(', ')})`,
        },
      };
    }
    if (
      named.kind === 'project' &&
      named.name !== region.id &&
      !named.name.startsWith(`${region.id}_`)
    ) {
      return {
        message: 'That project is not of this region.',
        issue: {
          path: named.field,
          message: `${named.name} is not ${region.id} or one of its projects (${region.id}_…)`,
        },
      };
    }
  }
  return undefined;
}
