/**
 * The BFF's metrics, in Prometheus's text format at `/metrics` (docs/observability.md lists each
 * one). One registry per app, so that several BFFs in one process (tests) count apart.
 *
 * Labels are bounded: a route is the contract's template or the SWR operation's (never the path a
 * client wrote), a region is a configured one, an outcome or a status is one of a few values; no
 * user, organization, repository or id is ever a label.
 *
 * `/metrics` answers only the metrics network (`METRICS_CIDRS`, judged on the client address as
 * the trusted proxies give it) or a bearer of `METRICS_TOKEN` (compared in constant time); anyone
 * else gets the 404 of a path that does not exist.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { matchOperation, operations } from '@swr-dashboard/swr-client';
import type { Request, RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BffConfig } from '../config/schema';
import type { BreakerSnapshot } from '../proxy/circuit-breaker';
import { SWR_PREFIX } from '../proxy/route';
import type { UpstreamCall } from '../proxy/upstream';
import { AppError } from './errors';
import { clientAddress, proxyTrust } from './peers';

/** How a call to SWR ended: its answer's class, or why there was none. */
export type UpstreamOutcome =
  | 'ok'
  | 'client_error'
  | 'throttled'
  | 'server_error'
  | 'timeout'
  | 'network'
  | 'too_large'
  | 'aborted'
  | 'circuit_open'
  | 'error';

/** The audit trail's writes: a record written whole, opened `pending`, or finished. */
export type AuditWrite = 'record' | 'open' | 'finalize';

/** What the metrics read when they are scraped. */
export interface MetricsSources {
  /** The configured regions, each with its circuit breaker. */
  regions: readonly string[];
  breakerState: (regionId: string) => BreakerSnapshot;
  /** Sessions that have not expired (none: the gauge is not offered). */
  activeSessions?: () => number | Promise<number>;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const AUDIT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];
const BREAKER_STATES = ['closed', 'open', 'half-open'] as const;
const SWR_OPERATION_ROUTE = `${SWR_PREFIX}:region`;

function httpMetrics(registers: Registry[]) {
  return {
    requests: new Counter({
      name: 'swr_bff_http_requests_total',
      help: 'Requests answered, by route (template or SWR operation), operation, status and role.',
      labelNames: ['route', 'operation', 'status', 'role'] as const,
      registers,
    }),
    seconds: new Histogram({
      name: 'swr_bff_http_request_duration_seconds',
      help: 'Time from a request to the end of its answer, by route and operation.',
      labelNames: ['route', 'operation'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
  };
}

function upstreamMetrics(registers: Registry[]) {
  return {
    calls: new Counter({
      name: 'swr_bff_upstream_requests_total',
      help: 'Calls to SWR (each with its retries), by region, operation and outcome.',
      labelNames: ['region', 'operation', 'outcome'] as const,
      registers,
    }),
    seconds: new Histogram({
      name: 'swr_bff_upstream_request_duration_seconds',
      help: 'Time of a call to SWR, its retries included, by region, operation and outcome.',
      labelNames: ['region', 'operation', 'outcome'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
  };
}

function auditMetrics(registers: Registry[]) {
  return {
    seconds: new Histogram({
      name: 'swr_bff_audit_write_duration_seconds',
      help: 'Time of an audit trail write, by write (record, open, finalize) and outcome.',
      labelNames: ['write', 'outcome'] as const,
      buckets: AUDIT_BUCKETS,
      registers,
    }),
    failures: new Counter({
      name: 'swr_bff_audit_write_failures_total',
      help: 'Audit trail writes that failed, by write (record, open, finalize).',
      labelNames: ['write'] as const,
      registers,
    }),
  };
}

/** Each region's breaker as it is when scraped: one series per state, 1 for the current one. */
function breakerGauges(registers: Registry[], sources: MetricsSources): void {
  new Gauge({
    name: 'swr_bff_circuit_breaker_state',
    help: "Each region's circuit breaker: 1 for its current state, 0 for the others.",
    labelNames: ['region', 'state'] as const,
    registers,
    collect() {
      for (const region of sources.regions) {
        const current = sources.breakerState(region).state;
        for (const state of BREAKER_STATES) this.set({ region, state }, state === current ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: 'swr_bff_circuit_breaker_consecutive_failures',
    help: "Failed calls in a row counted by each region's circuit breaker.",
    labelNames: ['region'] as const,
    registers,
    collect() {
      for (const region of sources.regions) {
        this.set({ region }, sources.breakerState(region).consecutiveFailures);
      }
    },
  });
}

function sessionGauge(registers: Registry[], count: () => number | Promise<number>): void {
  new Gauge({
    name: 'swr_bff_active_sessions',
    help: 'Signed-in sessions that have not expired, counted when scraped.',
    registers,
    // A count that fails (the database is down) is NaN, not a number of sessions, and the rest
    // of the metrics are still answered.
    async collect() {
      let sessions = Number.NaN;
      try {
        sessions = await count();
      } catch {
        // stays NaN: unknown this time
      }
      this.set(sessions);
    },
  });
}

const FAILURE_OUTCOMES: Record<NonNullable<UpstreamCall['failure']>, UpstreamOutcome> = {
  timeout: 'timeout',
  network: 'network',
  'too-large': 'too_large',
  aborted: 'aborted',
  'circuit-open': 'circuit_open',
  error: 'error',
};

/** An answer's class, or the kind of failure of a call that got none. */
function upstreamOutcome(call: Pick<UpstreamCall, 'status' | 'failure'>): UpstreamOutcome {
  if (call.failure !== undefined) return FAILURE_OUTCOMES[call.failure];
  const status = call.status ?? 0;
  if (status === 429) return 'throttled';
  if (status >= 500) return 'server_error';
  if (status >= 400) return 'client_error';
  return status > 0 ? 'ok' : 'error';
}

/** The SWR operation a method and an SWR path name, or `unknown`. */
function operationOf(method: string, swrPath: string): string {
  const match = matchOperation(method, swrPath);
  return match.ok ? match.name : 'unknown';
}

/** The template and name of the SWR operation a proxied request names, if it names one. */
function swrRouteOf(
  method: string,
  path: string,
): { route: string; operation: string } | undefined {
  const slash = path.indexOf('/', SWR_PREFIX.length);
  if (slash < 0) return undefined;
  const match = matchOperation(method, path.slice(slash));
  if (!match.ok) return undefined;
  return { route: `${SWR_OPERATION_ROUTE}${operations[match.name].path}`, operation: match.name };
}

/**
 * A request's route as a bounded label: the contract's path of the BFF endpoint that answered
 * it, the template of the SWR operation it names (with its name), or `other` (the web app's
 * files, paths that are no route).
 */
function routeOf(req: Request): { route: string; operation: string } {
  if (req.routeLabel !== undefined) return { route: req.routeLabel, operation: '' };
  const path = req.originalUrl.split('?')[0] ?? '';
  const swr = path.startsWith(SWR_PREFIX) ? swrRouteOf(req.method, path) : undefined;
  return swr ?? { route: 'other', operation: '' };
}

export class Metrics {
  readonly registry = new Registry();
  private readonly http;
  private readonly upstream;
  private readonly audit;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.http = httpMetrics(registers);
    this.upstream = upstreamMetrics(registers);
    this.audit = auditMetrics(registers);
    breakerGauges(registers, sources);
    if (sources.activeSessions !== undefined) sessionGauge(registers, sources.activeSessions);
  }

  /** Counts every request once its answer ends (or its connection closes before that). */
  readonly countRequests: RequestHandler = (req, res, next) => {
    const started = performance.now();
    res.once('close', () => {
      const { route, operation } = routeOf(req);
      const status = res.writableFinished ? String(res.statusCode) : 'aborted';
      const role = req.identity?.role ?? 'none';
      this.http.requests.inc({ route, operation, status, role });
      this.http.seconds.observe({ route, operation }, (performance.now() - started) / 1000);
    });
    next();
  };

  /** One call to SWR, as the upstream client reports it. */
  upstreamCall(call: UpstreamCall): void {
    const labels = {
      region: call.region,
      operation: operationOf(call.method, call.path),
      outcome: upstreamOutcome(call),
    };
    this.upstream.calls.inc(labels);
    this.upstream.seconds.observe(labels, call.seconds);
  }

  /** One write of the audit trail: how long it took and whether it was written. */
  auditWrite(write: AuditWrite, outcome: 'ok' | 'failed', seconds: number): void {
    this.audit.seconds.observe({ write, outcome }, seconds);
    if (outcome === 'failed') this.audit.failures.inc({ write });
  }

  /**
   * Runs an audit write and measures it, whether it returns or throws, at once or as a promise
   * (the trail's writes are becoming asynchronous).
   */
  timeAuditWrite<T>(write: AuditWrite, action: () => T): T {
    const started = performance.now();
    const done = (outcome: 'ok' | 'failed') => {
      this.auditWrite(write, outcome, (performance.now() - started) / 1000);
    };
    let result: T;
    try {
      result = action();
    } catch (error) {
      done('failed');
      throw error;
    }
    if (!(result instanceof Promise)) {
      done('ok');
      return result;
    }
    return result.then(
      (value: unknown) => {
        done('ok');
        return value;
      },
      (error: unknown) => {
        done('failed');
        throw error;
      },
    ) as T;
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Whether `Authorization` holds the bearer token; compared as digests, in constant time. */
function bearerMatches(authorization: string | undefined, token: Buffer): boolean {
  const match = /^Bearer +([^\s]+) *$/i.exec(authorization ?? '');
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), token);
}

/** Who may scrape: the metrics network, or a bearer of the token. */
export function metricsAccess(settings: BffConfig['metrics']): (req: Request) => boolean {
  const network = proxyTrust(settings.cidrs);
  const token = settings.token === undefined ? undefined : digest(settings.token);
  return (req) =>
    network(clientAddress(req)) ||
    (token !== undefined && bearerMatches(req.headers.authorization, token));
}

/** `GET /metrics`: the registry's text, or the 404 of a path that does not exist. */
export function metricsHandler(settings: BffConfig['metrics'], metrics: Metrics): RequestHandler {
  const mayScrape = metricsAccess(settings);
  return async (req, res, next) => {
    if (!mayScrape(req)) {
      next(new AppError('not_found', 'Not found.'));
      return;
    }
    const text = await metrics.registry.metrics();
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.send(text);
  };
}
