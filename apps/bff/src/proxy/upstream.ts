/**
 * Signed calls to SWR. The URL is built only from the configured endpoint and the contract's
 * template, and checked after building; headers are built from scratch (nothing from the browser
 * goes upstream); redirects are not followed; each attempt has a deadline and a size cap; reads
 * are retried on 5xx, 429 and network errors with backoff (honouring `Retry-After`); mutations
 * are never retried. Each region has a circuit breaker (circuit-breaker.ts): while it is open,
 * calls to that region fail at once with `RegionUnavailable`, before anything is signed or sent.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { formatQueryString, signRequest, type QueryPairs } from '@swr-dashboard/swr-client';
import type { BffConfig, RegionConfig } from '../config/schema';
import { childTraceparent, newTrace, type TraceContext } from '../http/trace';
import { CircuitBreaker, type BreakerPermit, type BreakerSnapshot } from './circuit-breaker';

export interface UpstreamRequest {
  region: RegionConfig;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** The path built from the contract's template, e.g. `/v2/manage/namespaces/a/repos/b$c`. */
  path: string;
  query: QueryPairs;
  body: string | undefined;
  /** Reads may be retried; mutations never. */
  retry: boolean;
  requestId: string;
  /** The request's trace, passed on in `traceparent` (none: the call starts a trace). */
  trace?: TraceContext;
  signal?: AbortSignal;
}

export interface UpstreamResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** SWR's answer as it came: one Buffer, decoded only by whoever reads it. */
  body: Buffer;
  requestId: string | undefined;
  latencyMs: number;
  attempts: number;
}

export type UpstreamFailureKind =
  | 'timeout'
  | 'network'
  | 'too-large'
  | 'aborted'
  /** The region's circuit breaker is open: nothing was sent. */
  | 'circuit-open';

/** The call did not produce an HTTP answer; `sent` says whether the request may have arrived. */
export class UpstreamFailure extends Error {
  constructor(
    readonly kind: UpstreamFailureKind,
    readonly latencyMs: number,
    message: string,
    /** False only when no connection to SWR was ever made: the request certainly did not arrive. */
    readonly sent = true,
  ) {
    super(message);
    this.name = 'UpstreamFailure';
  }
}

/** The region's breaker refused the call: nothing was signed or sent. */
export class RegionUnavailable extends UpstreamFailure {
  constructor(
    readonly regionId: string,
    /** Until the breaker lets a probe through (0: a probe is in flight now). */
    readonly retryAfterMs: number,
    readonly consecutiveFailures: number,
  ) {
    super(
      'circuit-open',
      0,
      `region ${regionId} is unavailable after ${consecutiveFailures} failed calls in a row`,
      false,
    );
    this.name = 'RegionUnavailable';
  }
}

/** One call as the upstream client reports it when it ends (for the metrics). */
export interface UpstreamCall {
  region: string;
  method: UpstreamRequest['method'];
  path: string;
  /** SWR's answer's status, when there was one. */
  status?: number;
  /** Why there was no answer (`error`: something other than the call failed). */
  failure?: UpstreamFailureKind | 'error';
  /** The call's time, its retries included. */
  seconds: number;
}

/** Largest SWR answer the BFF reads (a page of 1,000 tags is about 1.5 MB). */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
const MAX_RETRY_AFTER_MS = 5_000;

function retryDelay(attempt: number, retryAfter: string | undefined): number | undefined {
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - Date.now();
    if (!Number.isFinite(ms)) return undefined;
    return ms > MAX_RETRY_AFTER_MS ? undefined : Math.max(0, ms);
  }
  return 100 * 2 ** attempt + Math.floor(Math.random() * 50);
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new UpstreamFailure('aborted', 0, 'the call was aborted'));
      },
      { once: true },
    );
  });
}

export class Upstream {
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };

  private readonly breakers = new Map<string, CircuitBreaker>();

  /** Each endpoint parsed once. */
  private readonly endpoints = new Map<string, URL>();

  /** Told of every call when it ends (the metrics). */
  private observer: ((call: UpstreamCall) => void) | undefined;

  constructor(
    private readonly config: Pick<BffConfig, 'credentials' | 'upstream' | 'breaker'>,
    /** The breakers' clock: `Date.now` unless a test moves time on instead of waiting. */
    private readonly now?: () => number,
  ) {}

  private breaker(regionId: string): CircuitBreaker {
    let breaker = this.breakers.get(regionId);
    if (breaker === undefined) {
      breaker = new CircuitBreaker({
        threshold: this.config.breaker.threshold,
        coolDownMs: this.config.breaker.coolDownMs,
        ...(this.now === undefined ? {} : { now: this.now }),
      });
      this.breakers.set(regionId, breaker);
    }
    return breaker;
  }

  /** The region's breaker, as `/readyz` shows it. */
  breakerState(regionId: string): BreakerSnapshot {
    return this.breaker(regionId).snapshot();
  }

  /** Builds the URL and proves it stayed on the endpoint, on the template's path. */
  url(region: RegionConfig, path: string, query: QueryPairs): URL {
    let endpoint = this.endpoints.get(region.endpoint);
    if (endpoint === undefined) {
      endpoint = new URL(region.endpoint);
      this.endpoints.set(region.endpoint, endpoint);
    }
    const queryString = formatQueryString(query);
    const url = new URL(`${path}${queryString === '' ? '' : `?${queryString}`}`, endpoint);
    const versionPath = path === '/' || /^\/v\d+(?:\.\d+)?$/.test(path);
    if (
      url.origin !== endpoint.origin ||
      url.pathname !== path ||
      (!versionPath && !path.startsWith('/v2/'))
    ) {
      throw new Error(
        `refusing to call ${url.origin}${url.pathname}: not the template's path on the endpoint`,
      );
    }
    return url;
  }

  /** Tells `observer` of every call when it ends. */
  observe(observer: (call: UpstreamCall) => void): void {
    this.observer = observer;
  }

  /** One call (see `guarded`), reported to the observer when it ends, in its request's trace. */
  async send(request: UpstreamRequest): Promise<UpstreamResponse> {
    const started = performance.now();
    const call = { region: request.region.id, method: request.method, path: request.path };
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const response = await this.guarded({ ...request, trace: request.trace ?? newTrace() });
      this.observer?.({ ...call, status: response.status, seconds: seconds() });
      return response;
    } catch (error) {
      const failure = error instanceof UpstreamFailure ? error.kind : 'error';
      this.observer?.({ ...call, failure, seconds: seconds() });
      throw error;
    }
  }

  /**
   * One call, with the read retries, through the region's breaker: refused at once while it is
   * open; otherwise its outcome, once the retries are done, counts for or against the region.
   */
  private async guarded(request: UpstreamRequest): Promise<UpstreamResponse> {
    const decision = this.breaker(request.region.id).acquire();
    if (!decision.allowed) {
      throw new RegionUnavailable(
        request.region.id,
        decision.retryAfterMs,
        decision.consecutiveFailures,
      );
    }
    try {
      const response = await this.attempts(request);
      settle(decision.permit, response.status === 429 || response.status >= 500);
      return response;
    } catch (error) {
      const kind = error instanceof UpstreamFailure ? error.kind : undefined;
      settle(decision.permit, kind === 'timeout' || kind === 'network' ? true : undefined);
      throw error;
    }
  }

  private async attempts(request: UpstreamRequest): Promise<UpstreamResponse> {
    const attempts = request.retry ? this.config.upstream.readRetries + 1 : 1;
    const started = performance.now();
    for (let attempt = 0; ; attempt += 1) {
      const last = attempt + 1 >= attempts;
      try {
        const response = await this.once(request);
        const retryable = response.status === 429 || response.status >= 500;
        if (!retryable || last) {
          return {
            ...response,
            latencyMs: Math.round(performance.now() - started),
            attempts: attempt + 1,
          };
        }
        const delay = retryDelay(attempt, header(response.headers, 'retry-after'));
        if (delay === undefined) {
          return {
            ...response,
            latencyMs: Math.round(performance.now() - started),
            attempts: attempt + 1,
          };
        }
        await wait(delay, request.signal);
      } catch (error) {
        const failure = error instanceof UpstreamFailure ? error : undefined;
        if (
          failure === undefined ||
          failure.kind === 'aborted' ||
          failure.kind === 'too-large' ||
          last
        ) {
          throw error;
        }
        await wait(retryDelay(attempt, undefined) ?? 0, request.signal);
      }
    }
  }

  /** The request's headers, built from scratch and signed with the console's key. */
  private signedHeaders(request: UpstreamRequest, url: URL): Record<string, string> {
    const credentials = {
      ak: this.config.credentials.ak,
      sk: this.config.credentials.sk,
      ...(this.config.credentials.securityToken === undefined
        ? {}
        : { securityToken: this.config.credentials.securityToken }),
      ...(request.region.projectId === undefined ? {} : { projectId: request.region.projectId }),
    };
    const signed = signRequest({
      method: request.method,
      url: `${url.origin}${request.path}`,
      query: request.query,
      headers: { 'Content-Type': 'application/json' },
      body: request.body ?? '',
      credentials,
    });
    const headers: Record<string, string> = {
      ...signed,
      Accept: 'application/json',
      'User-Agent': 'swr-dashboard-bff',
      'X-Request-Id': request.requestId,
    };
    if (request.trace !== undefined) headers.traceparent = childTraceparent(request.trace);
    if (request.body !== undefined)
      headers['Content-Length'] = String(Buffer.byteLength(request.body));
    return headers;
  }

  /** One attempt: signed, sent with a deadline, its answer read whole (up to the cap). */
  private once(request: UpstreamRequest): Promise<Answer> {
    const url = this.url(request.region, request.path, request.query);
    const headers = this.signedHeaders(request, url);
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const timeout = AbortSignal.timeout(this.config.upstream.timeoutMs);
      const signal =
        request.signal === undefined ? timeout : AbortSignal.any([request.signal, timeout]);
      const req = transport.request(url, {
        method: request.method,
        headers,
        agent: this.agents[url.protocol === 'https:' ? 'https:' : 'http:'],
        signal,
      });
      const connection = trackConnection(req);
      const failed = (error: Error) => {
        reject(this.failure(error, timeout, signal, elapsed(), connection.made));
      };
      req.on('response', (res) => {
        readAnswer(res, elapsed, resolve, reject);
        res.on('error', failed);
      });
      req.on('error', failed);
      req.end(request.body);
    });
  }

  private failure(
    error: Error,
    timeout: AbortSignal,
    signal: AbortSignal,
    latencyMs: number,
    sent: boolean,
  ): UpstreamFailure {
    if (error instanceof UpstreamFailure) return error;
    if (timeout.aborted) {
      return new UpstreamFailure(
        'timeout',
        latencyMs,
        `SWR did not answer within ${this.config.upstream.timeoutMs} ms`,
        sent,
      );
    }
    // The caller's own deadline (e.g. /readyz's) is a timeout too, not a caller giving up.
    const reason: unknown = signal.reason;
    if (signal.aborted && reason instanceof DOMException && reason.name === 'TimeoutError') {
      return new UpstreamFailure(
        'timeout',
        latencyMs,
        "SWR did not answer within the caller's deadline",
        sent,
      );
    }
    if (error.name === 'AbortError')
      return new UpstreamFailure('aborted', latencyMs, 'the call was aborted', sent);
    const code = (error as NodeJS.ErrnoException).code;
    return new UpstreamFailure(
      'network',
      latencyMs,
      `SWR could not be reached${code === undefined ? '' : ` (${code})`}`,
      sent,
    );
  }

  close(): void {
    this.agents['http:'].destroy();
    this.agents['https:'].destroy();
  }
}

/** SWR's answer as one attempt got it, before the retries' totals are added. */
type Answer = Omit<UpstreamResponse, 'latencyMs' | 'attempts'>;

/**
 * Whether a connection to SWR was made. A failure before it exists (refused, unresolvable,
 * connect timeout) means nothing reached SWR; after it, a change may have arrived.
 */
function trackConnection(req: http.ClientRequest): { made: boolean } {
  const connection = { made: false };
  req.on('socket', (socket) => {
    if (!socket.connecting) connection.made = true;
    else
      socket.once('connect', () => {
        connection.made = true;
      });
  });
  return connection;
}

/** Reads an answer whole into one Buffer; past MAX_RESPONSE_BYTES it is dropped: `too-large`. */
function readAnswer(
  res: http.IncomingMessage,
  elapsed: () => number,
  resolve: (answer: Answer) => void,
  reject: (failure: UpstreamFailure) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  res.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_RESPONSE_BYTES) {
      res.destroy();
      reject(
        new UpstreamFailure(
          'too-large',
          elapsed(),
          `SWR answered with more than ${MAX_RESPONSE_BYTES} bytes`,
        ),
      );
      return;
    }
    chunks.push(chunk);
  });
  res.on('end', () => {
    resolve({
      status: res.statusCode ?? 502,
      headers: res.headers,
      body:
        chunks.length === 1 && chunks[0] !== undefined ? chunks[0] : Buffer.concat(chunks, size),
      requestId: header(res.headers, 'x-request-id'),
    });
  });
}

/** A call's verdict on its region: failed, answered, or neither (aborted, oversized, refused). */
function settle(permit: BreakerPermit, failed: boolean | undefined): void {
  if (failed === undefined) permit.released();
  else if (failed) permit.failed();
  else permit.succeeded();
}

export function header(headers: http.IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function newRequestId(): string {
  return randomUUID();
}
