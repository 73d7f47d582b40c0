/**
 * One region's HTTP endpoint. Every request is read (with a size limit), its signature verified,
 * routed by the contract (or to the IAM and CCE reads of directory-route.ts), validated and run
 * in one transaction. Every answer carries an `X-Request-Id`. An unexpected error is a 500 and a
 * line on stderr: tests treat it as a bug.
 * Faults set for the region (`src/faults`) are applied here, around the whole of it.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import {
  APIG_SIGNATURE_ERROR,
  matchOperation,
  mergeQuery,
  operations,
  parseQueryString,
} from '@swr-dashboard/swr-client';
import type { ApiContext } from '../context';
import { execute, failureResponse, type ApiResponse } from '../api/execute';
import { SwrFailure } from '../api/failure';
import { queryFailure } from '../api/validation';
import type { EmulatorConfig, RegionConfig } from '../config';
import { answerWithFaults } from '../faults/inject';
import { NO_FAULTS, type FaultRegistry } from '../faults/registry';
import { FAULTS_PATH, runFaultsRoute } from '../faults/route';
import type { Store } from '../store/store';
import type { Authenticator } from './auth';
import { readBody } from './body';
import { answerDirectory } from './directory-route';
import { PUSH_PATH, runPush } from './push-route';
import { toWire } from './response';

export interface RegionServerOptions {
  config: EmulatorConfig;
  region: RegionConfig;
  store: Store;
  authenticate: Authenticator;
  faults: FaultRegistry;
  clock: () => Date;
  /** The URL this region is served at, known once it listens. */
  baseUrl: () => string;
  log?: (line: string) => void;
  /** With the registry front doors: told after every call, to carry out the registry's share. */
  registry?: { kick(): void };
}

function failure(key: ConstructorParameters<typeof SwrFailure>[0], detail?: string): ApiResponse {
  return failureResponse(new SwrFailure(key, detail));
}

/** JSON bodies only; an empty body is no body. */
function parseJsonBody(
  req: IncomingMessage,
  bytes: Buffer,
): { ok: true; value: unknown } | { ok: false; response: ApiResponse } {
  if (bytes.length === 0) return { ok: true, value: undefined };
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    return {
      ok: false,
      response: failure('invalidParam', 'Content-Type must be application/json'),
    };
  }
  try {
    return { ok: true, value: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch {
    return { ok: false, response: failure('invalidParam', 'the body is not valid JSON') };
  }
}

async function answer(
  options: RegionServerOptions,
  req: IncomingMessage,
  requestId: string,
): Promise<ApiResponse> {
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  const at = url.indexOf('?');
  const rawPath = at < 0 ? url : url.slice(0, at);
  const rawQuery = at < 0 ? '' : url.slice(at + 1);
  const body = await readBody(req, options.config.bodyLimit);
  if (!body.ok) {
    // The rest of an oversize body is never read, so the connection cannot be reused.
    const response = failure('bodyTooLarge', `at most ${options.config.bodyLimit} bytes`);
    return { ...response, headers: { ...response.headers, Connection: 'close' } };
  }
  const now = options.clock();
  // Signatures are judged by the wall clock, like the real gateway; `clock` is SWR's business time.
  const auth = options.authenticate({
    method,
    rawPath,
    rawQuery,
    headers: req.headers,
    body: body.bytes,
    now: new Date(),
    region: options.region.id,
  });
  if (!auth.ok) {
    return {
      status: APIG_SIGNATURE_ERROR.status,
      body: {
        error_code: APIG_SIGNATURE_ERROR.code,
        error_msg: auth.message,
        request_id: requestId,
      },
      headers: {},
    };
  }
  const json = parseJsonBody(req, body.bytes);
  if (!json.ok) return json.response;
  const ctx: ApiContext = {
    store: options.store,
    config: options.config,
    region: options.region,
    caller: auth.caller,
    now,
    baseUrl: options.baseUrl(),
    registry: options.registry !== undefined,
  };
  if (rawPath === PUSH_PATH && method === 'POST') return runPush(ctx, json.value);
  // IAM's and CCE's reads for the console's pickers (directory-route.ts).
  const directory = answerDirectory(ctx, { method, rawPath, rawQuery, headers: req.headers });
  if (directory !== undefined) return directory;
  if (rawPath === FAULTS_PATH) {
    return runFaultsRoute(options.faults, options.region.id, method, json.value);
  }
  const match = matchOperation(method, rawPath);
  if (!match.ok) {
    return match.reason === 'bad-encoding'
      ? failure('invalidParam', 'the path is not valid percent-encoding')
      : failure('urlNotFound', `${method} ${rawPath}`);
  }
  const pairs = parseQueryString(rawQuery);
  if (pairs === undefined)
    return failure('invalidParam', 'the query is not valid percent-encoding');
  const merged = mergeQuery(operations[match.name], pairs);
  if (!merged.ok) return failureResponse(queryFailure(merged.problem));
  return execute(ctx, match.name, { params: match.params, query: merged.query, body: json.value });
}

function pathOf(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? url : url.slice(0, at);
}

export function createRegionServer(options: RegionServerOptions): Server {
  return createServer((req, res) => {
    const requestId = randomUUID();
    const started = performance.now();
    const method = req.method ?? 'GET';
    const path = pathOf(req.url ?? '/');
    const run = () =>
      answer(options, req, requestId).catch((error: unknown) => {
        console.error(`[emulator ${options.region.id}] ${requestId}`, error);
        return failure('internal');
      });
    // The faults endpoint is never faulted, so a fault can always be cleared.
    const plan =
      (path === FAULTS_PATH ? undefined : options.faults.plan(options.region.id, method, path)) ??
      NO_FAULTS;
    answerWithFaults(plan, {
      req,
      res,
      answer: run,
      wire: (response) => toWire(requestId, response),
    })
      .then((status) => {
        options.registry?.kick();
        const fault = plan.kinds.length === 0 ? '' : ` fault=${plan.kinds.join(',')}`;
        options.log?.(
          `${options.region.id} ${method} ${path} ${status ?? '-'} ${(performance.now() - started).toFixed(1)}ms${fault}`,
        );
      })
      .catch((error: unknown) => {
        console.error(`[emulator ${options.region.id}] could not answer ${requestId}`, error);
        res.destroy();
      });
  });
}
