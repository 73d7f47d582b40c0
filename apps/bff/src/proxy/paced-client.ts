/**
 * The SWR client of the BFF's background work (the fleet index's sweeps, the jobs' items): the
 * contract's typed client over the BFF's own upstream (signed with the console's key, the
 * region's circuit breaker, retries of reads), each call waiting for its turn on a pacer. Who
 * uses it hears of each call as it starts and as it is answered.
 */
import { createSwrClient, type SwrClient, type Transport } from '@swr-dashboard/swr-client';
import type { RegionConfig } from '../config/schema';
import type { Pacer } from '../fleet/pacer';
import { header, newRequestId, type Upstream } from './upstream';

export interface PacedClientParts {
  upstream: Upstream;
  region: RegionConfig;
  /** The pace of background work; none for a call a user's request makes (their limits pace it). */
  pacer?: Pacer;
  /** The work stops: a call waiting for its turn, or under way, is abandoned. */
  stop: AbortSignal;
  /** Only reads: a change is refused before it is paced (the fleet index). */
  readOnly?: boolean;
}

/** A call SWR answered. */
export interface AnsweredCall {
  requestId: string;
  method: string;
  path: string;
  status: number;
  latencyMs: number;
}

export interface CallWatch {
  /** Just before a call goes out (after its turn): from then on a change may have been made. */
  starting?: (method: string) => void;
  answered?: (call: AnsweredCall) => void;
}

export function pacedClient(parts: PacedClientParts, watch: CallWatch = {}): SwrClient {
  const { upstream, region, pacer, stop } = parts;
  const transport: Transport = async (request) => {
    if (parts.readOnly === true && request.method !== 'GET') {
      throw new Error(`this client only reads (${request.method})`);
    }
    const signal = AbortSignal.any([request.signal, stop]);
    await pacer?.turn(signal);
    const requestId = newRequestId();
    watch.starting?.(request.method);
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
    const { method, path } = request;
    const latencyMs = performance.now() - started;
    watch.answered?.({ requestId, method, path, status: response.status, latencyMs });
    return {
      status: response.status,
      headers: { get: (name) => header(response.headers, name) ?? null },
      body: response.body.toString('utf8'),
    };
  };
  return createSwrClient(transport);
}
