/**
 * `/healthz`: the process answers. `/readyz`: each region's SWR endpoint answers a signed call (its
 * API version list) and the BFF's database answers; 503 when anything is not. The report names
 * the database's engine (`sqlite` or `postgres`), never where it is. With `REDIS_URL`, `redis` says
 * whether the rate-limit counters answer (limited requests are refused while they do not).
 *
 * `/readyz` is public (load balancers and kubelets call it without signing in), so it must not be
 * a way to make SWR calls or to read the console's state:
 *
 * - Each region is probed at most once per `READY_INTERVAL`, however often `/readyz` is hit:
 *   hits while a probe is in flight wait for it, hits after it read its result until the
 *   interval is over. The probe goes through the region's circuit breaker like any call.
 * - Only TCP peers in `PROBE_CIDRS` (by default loopback) see each region's state, latency and
 *   breaker; everyone else gets `{status}`. Signed-in users read the same report at
 *   `/api/readiness`. The state says what kind of failure it was (timeout, unreachable,
 *   HTTP 503, breaker open), never an error's own text.
 */
import type { RequestHandler } from 'express';
import { proxyTrust } from '../http/peers';
import type { BffConfig, RegionConfig } from '../config/schema';
import type { SharedRedis } from '../store/redis';
import type { BffStore } from '../store/store';
import { RegionUnavailable, UpstreamFailure, type Upstream } from '../proxy/upstream';

const READY_TIMEOUT_MS = 3000;

export const healthHandler: RequestHandler = (_req, res) => {
  res.json({ status: 'ok' });
};

interface RegionReadiness {
  id: string;
  status: 'ok' | 'failing';
  latencyMs: number;
  /** What kind of failure: `timeout`, `network`, `HTTP 503`, `circuit-open`... */
  detail?: string;
  checkedAt: string;
}

/** Why a probe failed, as a kind: never the error's text (it may name hosts or internals). */
function failureKind(error: unknown): string {
  if (error instanceof RegionUnavailable) return 'circuit-open: not called';
  if (error instanceof UpstreamFailure) return error.kind;
  return 'error';
}

async function probe(
  upstream: Upstream,
  region: RegionConfig,
  requestId: string,
): Promise<RegionReadiness> {
  const started = performance.now();
  const checkedAt = new Date().toISOString();
  try {
    // While the region's breaker is open this is refused without reaching SWR; once the
    // cool-down has passed it may itself be the half-open probe, so a region with no user
    // traffic still recovers as soon as it answers.
    const response = await upstream.send({
      region,
      method: 'GET',
      path: '/',
      query: [],
      body: undefined,
      retry: false,
      requestId,
      signal: AbortSignal.timeout(READY_TIMEOUT_MS),
    });
    const ok = response.status === 200;
    return {
      id: region.id,
      status: ok ? 'ok' : 'failing',
      latencyMs: response.latencyMs,
      ...(ok ? {} : { detail: `HTTP ${response.status}` }),
      checkedAt,
    };
  } catch (error) {
    return {
      id: region.id,
      status: 'failing',
      latencyMs: Math.round(performance.now() - started),
      detail: failureKind(error),
      checkedAt,
    };
  }
}

/** One region's probes: at most one per interval, shared by every caller. */
class RegionProbe {
  private last: { at: number; result: RegionReadiness } | undefined;
  private inFlight: Promise<RegionReadiness> | undefined;

  constructor(
    private readonly upstream: Upstream,
    private readonly region: RegionConfig,
    private readonly intervalMs: number,
  ) {}

  current(requestId: string): Promise<RegionReadiness> {
    if (this.inFlight !== undefined) return this.inFlight;
    if (this.last !== undefined && Date.now() - this.last.at < this.intervalMs) {
      return Promise.resolve(this.last.result);
    }
    const at = Date.now();
    this.inFlight = probe(this.upstream, this.region, requestId).then((result) => {
      this.last = { at, result };
      this.inFlight = undefined;
      return result;
    });
    return this.inFlight;
  }
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** The readiness report: each region's last probe (at most one per interval), the database. */
export class Readiness {
  private readonly probes: RegionProbe[];

  constructor(
    config: BffConfig,
    private readonly upstream: Upstream,
    private readonly store: BffStore,
    private readonly redis?: SharedRedis,
  ) {
    this.probes = config.regions.map(
      (region) => new RegionProbe(upstream, region, config.probes.readyIntervalMs),
    );
  }

  async report(requestId: string) {
    const regions = await Promise.all(this.probes.map((probe) => probe.current(requestId)));
    const database = await this.store.ping().then(
      () => 'ok' as const,
      () => 'failing' as const,
    );
    const redis = await this.redis?.ping().then(
      () => 'ok' as const,
      () => 'failing' as const,
    );
    const ready =
      database === 'ok' && redis !== 'failing' && regions.every((region) => region.status === 'ok');
    return {
      status: ready ? ('ok' as const) : ('failing' as const),
      database,
      databaseEngine: this.store.engine,
      ...(redis === undefined ? {} : { redis }),
      regions: regions.map((region) => {
        const breaker = this.upstream.breakerState(region.id);
        return {
          ...region,
          breaker: {
            state: breaker.state,
            consecutiveFailures: breaker.consecutiveFailures,
            probeAt: iso(breaker.probeAt),
          },
        };
      }),
    };
  }
}

/** `/readyz`: 200 or 503; the details only for peers of the probe network. */
export function readyHandler(config: BffConfig, readiness: Readiness): RequestHandler {
  const mayRead = proxyTrust(config.probes.cidrs);
  return async (req, res) => {
    const report = await readiness.report(req.requestId);
    res.status(report.status === 'ok' ? 200 : 503);
    if (mayRead(req.socket.remoteAddress)) res.json(report);
    else res.json({ status: report.status });
  };
}

/**
 * `GET /api/readiness`: the same report for signed-in users (the console's About page), from the
 * same probes: asking costs no SWR call beyond them. Always 200; the status is in the body.
 */
export function readinessHandler(readiness: Readiness): RequestHandler {
  return async (req, res) => {
    res.json(await readiness.report(req.requestId));
  };
}
