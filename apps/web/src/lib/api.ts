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
import type { z } from 'zod';

const clients = new Map<string, SwrClient>();

/** The SWR client for a region; one per region for the page's lifetime. */
export function swr(region: string): SwrClient {
  let client = clients.get(region);
  if (client === undefined) {
    client = createSwrClient(createBffTransport({ region }), { timeoutMs: 30_000 });
    clients.set(region, client);
  }
  return client;
}

export interface BffRequest {
  method?: 'GET' | 'POST' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/** Calls one of the BFF's own endpoints and checks the answer against its schema. */
export async function bff<T>(
  schema: z.ZodType<T>,
  path: string,
  request: BffRequest = {},
): Promise<T> {
  const headers: Record<string, string> = { 'X-CSRF': '1', Accept: 'application/json' };
  if (request.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method: request.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      redirect: 'manual',
      ...(request.signal === undefined ? {} : { signal: request.signal }),
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });
  } catch (error) {
    throw new SwrError({
      kind: request.signal?.aborted === true ? 'aborted' : 'network',
      operation: path,
      message: 'The console could not be reached.',
      cause: error,
    });
  }
  const text = await response.text();
  if (!response.ok) {
    throw httpError({
      operation: path,
      status: response.status,
      body: text,
      requestId: response.headers.get('x-request-id') ?? undefined,
    });
  }
  const parsed = schema.safeParse(text === '' ? undefined : JSON.parse(text));
  if (!parsed.success) {
    throw new SwrError({
      kind: 'invalid-response',
      operation: path,
      message: `Unexpected answer from ${path}`,
    });
  }
  return parsed.data;
}
