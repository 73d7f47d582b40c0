/**
 * About the console: each region's SWR API versions, and the BFF's readiness (`GET /readyz`, public
 * JSON: the database and each region's SWR answering a signed call, with its latency).
 */
import { httpError, SwrError } from '@swr-dashboard/swr-client/browser';
import { queryOptions } from '@tanstack/react-query';
import { swr } from '../../lib/api';
import { z } from '../../lib/zod';

export const aboutKeys = {
  all: ['about'] as const,
  readiness: () => [...aboutKeys.all, 'readiness'] as const,
  apiVersions: (region: string) => ['swr', region, 'api-versions'] as const,
};

export const apiVersionsQuery = (region: string) =>
  queryOptions({
    queryKey: aboutKeys.apiVersions(region),
    queryFn: ({ signal }) => swr(region).listApiVersions({}, { signal }),
    select: (data) => data.versions,
    staleTime: 5 * 60_000,
  });

/** `/readyz`: `status` is `ok` or `failing` (with HTTP 503), likewise each part. */
export const readiness = z.object({
  status: z.string(),
  database: z.string(),
  regions: z.array(
    z.object({
      id: z.string(),
      status: z.string(),
      latencyMs: z.number(),
      detail: z.optional(z.string()),
    }),
  ),
});
export type Readiness = z.infer<typeof readiness>;

const READYZ = '/readyz';

async function fetchReadiness(signal: AbortSignal): Promise<Readiness> {
  let response: Response;
  try {
    response = await fetch(READYZ, {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    throw new SwrError({
      kind: signal.aborted ? 'aborted' : 'network',
      operation: READYZ,
      message: 'The console could not be reached.',
      cause: error,
    });
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  // 503 still carries the report: which part is failing.
  const parsed = readiness.safeParse(json);
  if (parsed.success) return parsed.data;
  if (!response.ok) {
    throw httpError({
      operation: READYZ,
      status: response.status,
      body: text,
      requestId: response.headers.get('x-request-id') ?? undefined,
    });
  }
  throw new SwrError({
    kind: 'invalid-response',
    operation: READYZ,
    message: 'Unexpected answer from /readyz',
  });
}

export const readinessQuery = () =>
  queryOptions({
    queryKey: aboutKeys.readiness(),
    queryFn: ({ signal }) => fetchReadiness(signal),
    staleTime: 0,
  });
