/**
 * The fleet index's SWR client: the contract's typed client over the BFF's own upstream (signed
 * with the console's key, each region's circuit breaker, retries of reads), every call waiting
 * for its turn on the region's pacer and counted.
 */
import { createSwrClient, type SwrClient, type Transport } from '@swr-dashboard/swr-client';
import type { RegionConfig } from '../config/schema';
import { header, newRequestId, type Upstream } from '../proxy/upstream';
import type { Pacer } from './pacer';

export function fleetClient(
  upstream: Upstream,
  region: RegionConfig,
  pacer: Pacer,
  counted: () => void,
): SwrClient {
  const transport: Transport = async (request) => {
    if (request.method !== 'GET') throw new Error(`the fleet index only reads (${request.method})`);
    await pacer.turn(request.signal);
    counted();
    const response = await upstream.send({
      region,
      method: 'GET',
      path: request.path,
      query: request.query,
      body: undefined,
      retry: true,
      requestId: newRequestId(),
      signal: request.signal,
    });
    return {
      status: response.status,
      headers: { get: (name) => header(response.headers, name) ?? null },
      body: response.body.toString('utf8'),
    };
  };
  return createSwrClient(transport);
}
