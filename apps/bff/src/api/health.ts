/**
 * `/healthz`: the process answers. `/readyz`: each region's SWR endpoint answers a signed call
 * (its API version list) and the embedded database is readable; 503 when anything is not.
 */
import type { RequestHandler } from 'express';
import type { BffConfig } from '../config/schema';
import type { BffDatabase } from '../store/database';
import type { Upstream } from '../proxy/upstream';

const READY_TIMEOUT_MS = 3000;

export const healthHandler: RequestHandler = (_req, res) => {
  res.json({ status: 'ok' });
};

export function readyHandler(
  config: BffConfig,
  upstream: Upstream,
  db: BffDatabase,
): RequestHandler {
  return async (req, res) => {
    const regions = await Promise.all(
      config.regions.map(async (region) => {
        const started = performance.now();
        try {
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
          };
        } catch (error) {
          return {
            id: region.id,
            status: 'failing',
            latencyMs: Math.round(performance.now() - started),
            detail: error instanceof Error ? error.message : 'unreachable',
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
