/**
 * `/healthz`: the process answers. `/readyz`: each region's SWR endpoint answers a signed call
 * (its API version list) and the embedded database is readable; 503 when anything is not. Each
 * region also shows its circuit breaker: state, failed calls in a row, and when an open one
 * lets its next probe through.
 */
import type { RequestHandler } from 'express';
import type { BffConfig } from '../config/schema';
import type { BffDatabase } from '../store/database';
import { RegionUnavailable, type Upstream } from '../proxy/upstream';

const READY_TIMEOUT_MS = 3000;

export const healthHandler: RequestHandler = (_req, res) => {
  res.json({ status: 'ok' });
};

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function readyHandler(
  config: BffConfig,
  upstream: Upstream,
  db: BffDatabase,
): RequestHandler {
  return async (req, res) => {
    const regions = await Promise.all(
      config.regions.map(async (region) => {
        const started = performance.now();
        const breaker = () => {
          const snapshot = upstream.breakerState(region.id);
          return {
            state: snapshot.state,
            consecutiveFailures: snapshot.consecutiveFailures,
            probeAt: iso(snapshot.probeAt),
          };
        };
        try {
          // This call goes through the region's breaker like any other. While the breaker is
          // open it is refused without reaching SWR (a readiness poller must not hammer a region
          // that is down), and the region reports `failing`. It is never blocked for longer
          // than one cool-down: once that has passed, this call may itself be the half-open
          // probe, so a region with no user traffic still recovers as soon as it answers. Its
          // outcome counts like any call's: a failure here re-opens the breaker.
          const response = await upstream.send({
            region,
            method: 'GET',
            path: '/',
            query: [],
            body: undefined,
            retry: false,
            requestId: req.requestId,
            signal: AbortSignal.timeout(READY_TIMEOUT_MS),
          });
          const ok = response.status === 200;
          return {
            id: region.id,
            status: ok ? 'ok' : 'failing',
            latencyMs: response.latencyMs,
            ...(ok ? {} : { detail: `HTTP ${response.status}` }),
            breaker: breaker(),
          };
        } catch (error) {
          const detail =
            error instanceof RegionUnavailable
              ? 'circuit breaker open: not called'
              : error instanceof Error
                ? error.message
                : 'unreachable';
          return {
            id: region.id,
            status: 'failing',
            latencyMs: Math.round(performance.now() - started),
            detail,
            breaker: breaker(),
          };
        }
      }),
    );
    let database = 'ok';
    try {
      db.prepare('SELECT 1').get();
    } catch {
      database = 'failing';
    }
    const ready = database === 'ok' && regions.every((region) => region.status === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'failing', database, regions });
  };
}
