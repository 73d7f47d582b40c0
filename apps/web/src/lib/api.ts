/**
 * How the SPA talks to the BFF: the typed SWR client per region (through `/api/swr/<region>`),
 * and one client for the BFF's own endpoints, called as their contract entries declare them.
 * Every failure is a `SwrError`; no toast, redirect or business rule lives here.
 */
import {
  bffUrl,
  createBffTransport,
  createSwrClient,
  httpError,
  SwrError,
  type BffEndpoint,
  type BffInput,
  type BffOutput,
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

export interface BffCallOptions {
  signal?: AbortSignal | undefined;
  /** How long to wait for the whole answer; {@link REQUEST_DEADLINE_MS} unless given. */
  deadlineMs?: number;
}

/**
 * Calls one of the BFF's own endpoints, as its contract entry declares it, and checks the answer
 * against the entry's schema.
 */
export async function bff<E extends BffEndpoint & { answer: z.core.$ZodType }>(
  endpoint: E,
  input: BffInput<E>,
  options: BffCallOptions = {},
): Promise<BffOutput<E>> {
  const { text } = await bffAnswer(endpoint, input, options);
  const parsed = z.safeParse(endpoint.answer, parseJson(text));
  if (!parsed.success) {
    throw new SwrError({
      kind: 'invalid-response',
      operation: endpoint.path,
      message: `Unexpected answer from ${endpoint.path}`,
    });
  }
  return parsed.data as BffOutput<E>;
}

/**
 * Calls an endpoint and returns its answer as it came (a file: the audit CSV), after the same
 * checks: the CSRF header, a deadline, and every failure as a `SwrError`.
 */
export async function bffAnswer<E extends BffEndpoint>(
  endpoint: E,
  input: BffInput<E>,
  options: BffCallOptions = {},
): Promise<{ text: string; headers: Headers }> {
  const operation = endpoint.path;
  const body = (input as { body?: unknown }).body;
  const headers: Record<string, string> = { 'X-CSRF': '1', Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const deadlineMs = options.deadlineMs ?? REQUEST_DEADLINE_MS;
  const deadline = AbortSignal.timeout(deadlineMs);
  const signal =
    options.signal === undefined ? deadline : AbortSignal.any([options.signal, deadline]);
  let response: Response;
  let text: string;
  try {
    response = await fetch(bffUrl(endpoint, input), {
      method: endpoint.method,
      headers,
      credentials: 'same-origin',
      redirect: 'manual',
      signal,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    text = await response.text();
  } catch (error) {
    if (deadline.aborted) {
      throw new SwrError({
        kind: 'timeout',
        operation,
        message: `${operation} got no answer within ${String(deadlineMs)} ms`,
      });
    }
    throw new SwrError({
      kind: options.signal?.aborted === true ? 'aborted' : 'network',
      operation,
      message: 'The console could not be reached.',
      cause: error,
    });
  }
  if (!response.ok) {
    throw httpError({
      operation,
      status: response.status,
      body: text,
      requestId: response.headers.get('x-request-id') ?? undefined,
      retryAfter: response.headers.get('retry-after'),
    });
  }
  return { text, headers: response.headers };
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
