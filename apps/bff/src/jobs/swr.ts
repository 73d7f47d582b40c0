/**
 * A job's SWR client: the contract's typed client over the BFF's own upstream (signed with the
 * console's key, the region's circuit breaker, retries of reads), each call waiting for its turn
 * on the region's job pacer. It tells who asks the id of each request it sent, which the job's
 * items and audit records keep.
 */
import { createSwrClient, type SwrClient, type Transport } from '@swr-dashboard/swr-client';
import type { RegionConfig } from '../config/schema';
import type { Pacer } from '../fleet/pacer';
import { header, newRequestId, type Upstream } from '../proxy/upstream';

export interface JobClientParts {
  upstream: Upstream;
  region: RegionConfig;
  pacer: Pacer;
  /** The runner stops: a call waiting for its turn, or under way, is abandoned. */
  stop: AbortSignal;
  /** Told just before a change (not a read) goes out: from then on it may have been made. */
  changing?: () => void;
}

export interface SentCall {
  requestId: string;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
}

export function jobClient(
  { upstream, region, pacer, stop, changing }: JobClientParts,
  sent: (call: SentCall) => void = () => undefined,
): SwrClient {
  const transport: Transport = async (request) => {
    const signal = AbortSignal.any([request.signal, stop]);
    await pacer.turn(signal);
    const requestId = newRequestId();
    if (request.method !== 'GET') changing?.();
    const started = performance.now();
    const response = await upstream.send({
      region,
      method: request.method,
      path: request.path,
      query: request.query,
      body: request.body,
      retry: request.method === 'GET',
      requestId,
      signal,
    });
    const latencyMs = performance.now() - started;
    sent({
      requestId,
      method: request.method,
      path: request.path,
      status: response.status,
      latencyMs,
    });
    return {
      status: response.status,
      headers: { get: (name) => header(response.headers, name) ?? null },
      body: response.body.toString('utf8'),
    };
  };
  return createSwrClient(transport);
}
