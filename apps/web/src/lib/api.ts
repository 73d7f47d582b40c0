/**
 * How the SPA talks to the BFF: the typed SWR client per region (through `/api/swr/<region>`), and
 * a small JSON helper for the BFF's own endpoints, parsed with their shared schemas. Every failure
 * is a `SwrError`; no toast, redirect or business rule lives here.
 */
import {
  createBffTransport,
  createSwrClient,
  httpError,
  SwrError,
  type SwrClient,
} from '@swr-dashboard/swr-client/browser';
import { z } from './zod';

/** No request to the BFF waits longer than this; nothing spins forever. */
export const REQUEST_DEADLINE_MS = 30_000;

const clients = new Map<string, SwrClient>();

/** The SWR client for a region; one per region for the page's lifetime. */
export function swr(region: string): SwrClient {
  return clientFor(region, false);
}

/**
 * The client for the calls of a batch the console runs for the user (a bulk delete): marked
 * `X-Console-Batch: 1`, so the BFF pauses it before it spends the user's whole change budget
 * (429 `batch-reserve` with `Retry-After`).
 */
export function batchSwr(region: string): SwrClient {
  return clientFor(region, true);
}

function clientFor(region: string, batch: boolean): SwrClient {
  const key = `${region}${batch ? ' batch' : ''}`;
  let client = clients.get(key);
  if (client === undefined) {
    client = createSwrClient(
      createBffTransport({ region, ...(batch ? { headers: { 'X-Console-Batch': '1' } } : {}) }),
      { timeoutMs: REQUEST_DEADLINE_MS },
    );
    clients.set(key, client);
  }
  return client;
}

export interface BffRequest {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
  /** How long to wait for the whole answer; {@link REQUEST_DEADLINE_MS} unless given. */
  deadlineMs?: number;
}

/** Calls one of the BFF's own endpoints and checks the answer against its schema. */
export async function bff<T>(
  schema: z.core.$ZodType<T>,
  path: string,
  request: BffRequest = {},
): Promise<T> {
  const headers: Record<string, string> = { 'X-CSRF': '1', Accept: 'application/json' };
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  const deadlineMs = request.deadlineMs ?? REQUEST_DEADLINE_MS;
  const deadline = AbortSignal.timeout(deadlineMs);
  const signal =
    request.signal === undefined ? deadline : AbortSignal.any([request.signal, deadline]);
  let response: Response;
  let text: string;
  try {
    response = await fetch(path, {
      method: request.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      redirect: 'manual',
      signal,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });
    text = await response.text();
  } catch (error) {
    if (deadline.aborted) {
      throw new SwrError({
        kind: 'timeout',
        operation: path,
        message: `${path} got no answer within ${String(deadlineMs)} ms`,
      });
    }
    throw new SwrError({
      kind: request.signal?.aborted === true ? 'aborted' : 'network',
      operation: path,
      message: 'The console could not be reached.',
      cause: error,
    });
  }
  if (!response.ok) {
    throw httpError({
      operation: path,
      status: response.status,
      body: text,
      requestId: response.headers.get('x-request-id') ?? undefined,
      retryAfter: response.headers.get('retry-after'),
    });
  }
  const parsed = z.safeParse(schema, parseJson(text));
  if (!parsed.success) {
    throw new SwrError({
      kind: 'invalid-response',
      operation: path,
      message: `Unexpected answer from ${path}`,
    });
  }
  return parsed.data;
}

/** JSON text as a value; text that is not JSON fails the schema check instead of throwing. */
function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return Symbol('not JSON');
  }
}
