/**
 * The fleet index's SWR client: the contract's typed client over the BFF's own upstream (signed
 * with the console's key, each region's circuit breaker, retries of reads), every call waiting
 * for its turn on the region's pacer and counted.
 */
import { createSwrClient, type SwrClient, type Transport } from '@swr-dashboard/swr-client';
import type { RegionConfig } from '../config/schema';
import { header, newRequestId, type Upstream } from '../proxy/upstream';
import type { Pacer } from './pacer';

export interface FleetClientParts {
  upstream: Upstream;
  region: RegionConfig;
  pacer: Pacer;
  /** The index stops: a call waiting for its turn, or under way, is abandoned. */
  stop: AbortSignal;
}

export function fleetClient(
  { upstream, region, pacer, stop }: FleetClientParts,
  counted: () => void,
): SwrClient {
  const transport: Transport = async (request) => {
    if (request.method !== 'GET') throw new Error(`the fleet index only reads (${request.method})`);
    const signal = AbortSignal.any([request.signal, stop]);
    await pacer.turn(signal);
    counted();
    const response = await upstream.send({
      region,
      method: 'GET',
      path: request.path,
      query: request.query,
      body: undefined,
      retry: true,
      requestId: newRequestId(),
      signal,
    });
    return {
      status: response.status,
      headers: { get: (name) => header(response.headers, name) ?? null },
      body: response.body.toString('utf8'),
    };
  };
  return createSwrClient(transport);
}
