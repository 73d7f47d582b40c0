/**
 * The typed SWR client: one function per operation of the contract, with the transport injected.
 * Input is validated against the contract before anything is sent; answers are checked against
 * the response schemas; every failure is a {@link SwrError}.
 */
import type { z } from './zod';
import type { OperationDefinition } from './contract/define';
import {
  operationNames,
  operations,
  type Operations,
  type OperationName,
  type PagedOperationName,
  type PageItemOf,
  type ParamsInput,
  type QueryInput,
  type ResponseOf,
} from './contract/operations';
import { buildPath } from './contract/paths';
import { encodeQuery } from './contract/query';
import { issueAt } from './bff-api/errors';
import { httpError, SwrError } from './errors';
import type { Transport, TransportResponse } from './transport';

export const DEFAULT_TIMEOUT_MS = 30_000;

/** A page of a list, with the range SWR reported in `Content-Range` (`offset-count/total`). */
export interface Page<T> {
  items: T[];
  offset: number;
  count: number;
  total: number;
  /**
   * Items of the list the console left out because the user's access is limited to some
   * organizations (the BFF's `X-Scope-Hidden`); absent when nothing was left out that way.
   */
  hidden?: number;
}

/** The temporary docker login command of createSecret. */
export interface LoginCommand {
  /** The registry host, e.g. `swr.cn-north-4.myhuaweicloud.com`. */
  registry: string;
  /** `docker login -u … -p …` without the host, as SWR sends it in `X-Swr-Dockerlogin`. */
  headerCommand: string;
  /** The full command: the header command followed by the registry host. */
  command: string;
  /** When the command stops working (`X-Swr-Expireat`), if SWR said. */
  expiresAt: string | undefined;
}

export type OperationResult<N extends OperationName> = N extends 'createSecret'
  ? LoginCommand
  : N extends PagedOperationName
    ? Page<PageItemOf<N>>
    : ResponseOf<N>;

type Part<K extends string, T> = keyof T extends never
  ? { [P in K]?: T }
  : Record<string, never> extends T
    ? { [P in K]?: T }
    : { [P in K]: T };

type BodyPart<N extends OperationName> = Operations[N] extends { body: z.ZodMiniType }
  ? { body: z.input<Operations[N]['body']> }
  : { body?: undefined };

export type OperationInput<N extends OperationName> = Part<'params', ParamsInput<N>> &
  Part<'query', QueryInput<N>> &
  BodyPart<N>;

export interface CallOptions {
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call. */
  timeoutMs?: number;
}

/** What a call returns with its result: the status and SWR's request id. */
export interface OperationResponse<N extends OperationName> {
  result: OperationResult<N>;
  status: number;
  requestId: string | undefined;
}

type CallArgs<N extends OperationName> =
  Record<string, never> extends OperationInput<N>
    ? [input?: OperationInput<N>, options?: CallOptions]
    : [input: OperationInput<N>, options?: CallOptions];

export type SwrClient = {
  [N in OperationName]: (...args: CallArgs<N>) => Promise<OperationResult<N>>;
} & {
  /** The same call, also returning the HTTP status and SWR's request id. */
  call<N extends OperationName>(
    name: N,
    input: OperationInput<N>,
    options?: CallOptions,
  ): Promise<OperationResponse<N>>;
};

export interface ClientOptions {
  /** Deadline of each call; default 30 s. */
  timeoutMs?: number;
}

interface LooseInput {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

export function createSwrClient(transport: Transport, options: ClientOptions = {}): SwrClient {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const call = async <N extends OperationName>(
    name: N,
    input: OperationInput<N>,
    callOptions: CallOptions = {},
  ): Promise<OperationResponse<N>> => {
    const response = await callOperation(transport, name, input, {
      timeoutMs: callOptions.timeoutMs ?? timeoutMs,
      signal: callOptions.signal,
    });
    return response;
  };
  const client: Record<string, unknown> = { call };
  for (const name of operationNames) {
    client[name] = async (input: LooseInput = {}, callOptions?: CallOptions) =>
      (await call(name, input as OperationInput<typeof name>, callOptions)).result;
  }
  return client as SwrClient;
}

function validate(
  operation: string,
  parts: readonly [string, z.ZodMiniType | undefined, unknown][],
): void {
  const issues: { path: string; message: string }[] = [];
  for (const [part, schema, value] of parts) {
    if (schema === undefined) continue;
    const parsed = schema.safeParse(value);
    if (parsed.success) continue;
    for (const issue of parsed.error.issues) issues.push(issueAt(part, issue));
  }
  if (issues.length > 0) {
    const first = issues[0];
    throw new SwrError({
      kind: 'invalid-request',
      operation,
      message: `Invalid input for ${operation}: ${first?.path ?? ''}: ${first?.message ?? ''}`,
      issues,
    });
  }
}

async function send(
  transport: Transport,
  name: OperationName,
  definition: OperationDefinition,
  input: LooseInput,
  options: { timeoutMs: number; signal: AbortSignal | undefined },
): Promise<TransportResponse> {
  const path = refuseUnsendable(name, 'params', () =>
    buildPath(definition.path, (input.params ?? {}) as Record<string, string | number>),
  );
  const query = refuseUnsendable(name, 'query', () => encodeQuery(definition, input.query));
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal =
    options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
  const request = {
    operation: name,
    method: definition.method,
    path,
    query,
    signal,
    ...(definition.body === undefined ? {} : { body: JSON.stringify(input.body) }),
  };
  let stop: (() => void) | undefined;
  try {
    signal.throwIfAborted();
    // A transport that ignores the signal must still not outlive the deadline or the abort.
    const abandoned = new Promise<never>((_, reject) => {
      stop = () => {
        reject(new Error('aborted'));
      };
      signal.addEventListener('abort', stop, { once: true });
    });
    return await Promise.race([transport(request), abandoned]);
  } catch (error) {
    if (timeout.aborted) {
      throw new SwrError({
        kind: 'timeout',
        operation: name,
        message: `${name} got no answer within ${options.timeoutMs} ms`,
      });
    }
    if (options.signal?.aborted === true) {
      throw new SwrError({ kind: 'aborted', operation: name, message: `${name} was aborted` });
    }
    throw new SwrError({
      kind: 'network',
      operation: name,
      message: `${name} failed to reach SWR: ${error instanceof Error ? error.message : String(error)}`,
    });
  } finally {
    if (stop !== undefined) signal.removeEventListener('abort', stop);
  }
}

/**
 * Runs a step that turns valid input into wire form. Input the schemas accept can still be
 * impossible to send (a `|` inside a `filter` value): that is the caller's input, refused.
 */
function refuseUnsendable<T>(name: OperationName, part: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new SwrError({
      kind: 'invalid-request',
      operation: name,
      message: `Invalid input for ${name}: ${part}: ${message}`,
      issues: [{ path: part, message }],
    });
  }
}

async function callOperation(
  transport: Transport,
  name: OperationName,
  input: LooseInput,
  options: { timeoutMs: number; signal: AbortSignal | undefined },
): Promise<OperationResponse<OperationName>> {
  const definition: OperationDefinition = operations[name];
  validate(name, [
    ['params', definition.params, input.params ?? {}],
    ['query', definition.query, input.query ?? {}],
    ['body', definition.body, input.body],
  ]);
  const response = await send(transport, name, definition, input, options);
  const requestId = response.headers.get('x-request-id') ?? undefined;
  if (response.status < 200 || response.status >= 300) {
    throw httpError({
      operation: name,
      status: response.status,
      body: response.body,
      requestId,
      retryAfter: response.headers.get('retry-after'),
    });
  }
  const invalid = (message: string) =>
    new SwrError({
      kind: 'invalid-response',
      operation: name,
      status: response.status,
      message,
      ...(requestId === undefined ? {} : { requestId }),
    });
  let body: unknown = undefined;
  if (definition.response !== undefined) {
    let json: unknown;
    try {
      json = JSON.parse(response.body);
    } catch {
      throw invalid(`${name} answered with a body that is not JSON`);
    }
    const parsed = definition.response.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw invalid(
        `${name} answered with an unexpected body at ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
      );
    }
    body = parsed.data;
  }
  const result = shapeResult(definition, input, body, response, invalid);
  return { result: result as OperationResult<OperationName>, status: response.status, requestId };
}

/** Turns a checked body into the client's result: pages and login commands get their form. */
function shapeResult(
  definition: OperationDefinition,
  input: LooseInput,
  body: unknown,
  response: TransportResponse,
  invalid: (message: string) => SwrError,
): unknown {
  if (definition.responseHeaders?.includes('x-swr-dockerlogin') === true) {
    return loginCommand(body as { auths: Record<string, unknown> }, response, invalid);
  }
  if (definition.page === undefined) return body;
  const items =
    definition.page.items === 'body'
      ? (body as unknown[])
      : ((body as Record<string, unknown[]>)[definition.page.key] ?? []);
  const hiddenHeader = Number(response.headers.get('x-scope-hidden') ?? '');
  const hidden = Number.isInteger(hiddenHeader) && hiddenHeader > 0 ? { hidden: hiddenHeader } : {};
  const range = parseContentRange(response.headers.get('content-range'));
  if (range !== undefined) return { items, ...range, ...hidden };
  const total = (body as { total?: unknown }).total;
  const offset = Number(input.query?.offset ?? 0);
  return {
    items,
    offset,
    count: items.length,
    // Without a header or a body total, what this page proves: at least offset + its items.
    total: typeof total === 'number' ? total : offset + items.length,
    ...hidden,
  };
}

function loginCommand(
  body: { auths: Record<string, unknown> },
  response: TransportResponse,
  invalid: (message: string) => SwrError,
): LoginCommand {
  const headerCommand = response.headers.get('x-swr-dockerlogin');
  const registry = Object.keys(body.auths)[0];
  if (headerCommand === null || registry === undefined) {
    throw invalid('createSecret answered without the login command or the registry host');
  }
  return {
    registry,
    headerCommand,
    command: `${headerCommand} ${registry}`,
    expiresAt: response.headers.get('x-swr-expireat') ?? undefined,
  };
}

/** `offset-count/total`, e.g. `0-10/23`. */
export function parseContentRange(
  header: string | null,
): { offset: number; count: number; total: number } | undefined {
  const match = header === null ? null : /^\s*(\d+)-(\d+)\/(\d+)\s*$/.exec(header);
  if (match === null) return undefined;
  return { offset: Number(match[1]), count: Number(match[2]), total: Number(match[3]) };
}

/** Formats `Content-Range` the way SWR documents it. */
export function formatContentRange(range: {
  offset: number;
  count: number;
  total: number;
}): string {
  return `${range.offset}-${range.count}/${range.total}`;
}
