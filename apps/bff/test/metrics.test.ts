/**
 * `/metrics` through the whole BFF against the real emulator: requests counted by their route
 * template or SWR operation (never a path a client wrote), status and role; calls to SWR by
 * region, operation and outcome, a failure included; each region's breaker after a real fault
 * opened it; the audit trail's writes. Who may scrape: the metrics network (as the trusted proxy
 * gives the client address) or a bearer of the token; anyone else gets the 404 of no route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/load';
import { Metrics } from '../src/http/metrics';
import type { BreakerSnapshot } from '../src/proxy/circuit-breaker';
import { startStack, type Browser, type Reply, type Stack } from './support/stack';

const TOKEN = 'metrics-token-0123456789abcdef-0123456789';
const HEALTHY = 'cn-north-4';
const FAILING = 'cn-east-3';
const THRESHOLD = 2;
const LIST = (region: string) => `/api/swr/${region}/v2/manage/namespaces`;

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus's text format, one sample a line (comments skipped). */
function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match === null) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1] ?? ''] = pair[2] ?? '';
    }
    samples.push({ name: match[1] ?? '', labels, value: Number(match[3]) });
  }
  return samples;
}

/** The sum of the samples of `name` whose labels include `labels`. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter(
      (sample) =>
        sample.name === name &&
        Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
    )
    .reduce((sum, sample) => sum + sample.value, 0);
}

describe('/metrics', { timeout: 60_000 }, () => {
  let stack: Stack;
  let viewer: Browser;
  let operator: Browser;

  /** A scrape with the token (the test runs outside the metrics network). */
  const scrape = async (): Promise<Sample[]> => {
    const reply = await stack
      .browser()
      .get('/metrics', { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(reply.status, reply.text).toBe(200);
    return parse(reply.text);
  };

  beforeAll(async () => {
    stack = await startStack({
      env: {
        // The test's loopback peer is the trusted proxy; its X-Forwarded-For is the client.
        TRUST_PROXY_HOPS: '1',
        METRICS_CIDRS: '192.0.2.0/24',
        METRICS_TOKEN: TOKEN,
        UPSTREAM_READ_RETRIES: '0',
        BREAKER_THRESHOLD: String(THRESHOLD),
        BREAKER_COOL_DOWN: '10m',
        RATE_LIMIT_READS_PER_MINUTE: '10000',
      },
    });
    viewer = stack.browser();
    await viewer.signInDemo('vera-viewer');
    operator = stack.browser();
    await operator.signInDemo('otto-operator');
  });
  afterAll(async () => {
    await stack.close();
  });

  it('counts requests by route template or SWR operation, status and role; never a raw path', async () => {
    expect((await viewer.get(LIST(HEALTHY))).status).toBe(200);
    expect((await viewer.get('/api/me')).status).toBe(200);
    const missing = await viewer.get(
      `/api/swr/${HEALTHY}/v2/manage/namespaces/secret-org-x/repos/secret-repo-y`,
    );
    expect(missing.status).toBe(404);
    expect((await viewer.get('/no-such/secret-path-z')).status).toBe(404);

    const samples = await scrape();
    const list = {
      route: `/api/swr/:region/v2/manage/namespaces`,
      operation: 'listNamespaces',
    };
    expect(
      valueOf(samples, 'swr_bff_http_requests_total', { ...list, status: '200', role: 'viewer' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      valueOf(samples, 'swr_bff_http_request_duration_seconds_count', list),
    ).toBeGreaterThanOrEqual(1);
    expect(
      valueOf(samples, 'swr_bff_http_requests_total', {
        route: '/api/me',
        status: '200',
        role: 'viewer',
      }),
    ).toBe(1);
    expect(
      valueOf(samples, 'swr_bff_http_requests_total', {
        route: '/api/swr/:region/v2/manage/namespaces/{namespace}/repos/{repository}',
        operation: 'showRepository',
        status: '404',
        role: 'viewer',
      }),
    ).toBe(1);
    expect(
      valueOf(samples, 'swr_bff_http_requests_total', {
        route: 'other',
        status: '404',
        role: 'none',
      }),
    ).toBe(1);
    // Sign-in is counted under the contract's path, with the role it signed in.
    expect(
      valueOf(samples, 'swr_bff_http_requests_total', {
        route: '/auth/demo/login',
        status: '200',
      }),
    ).toBe(2);
    const labels = samples.flatMap((sample) => Object.values(sample.labels)).join(' ');
    expect(labels).not.toMatch(/secret-|vera|ada|otto/);
  });

  it("counts SWR calls by region, operation and outcome, and shows the process's own metrics", async () => {
    expect((await viewer.get(LIST(HEALTHY))).status).toBe(200);
    const samples = await scrape();
    const ok = { region: HEALTHY, operation: 'listNamespaces', outcome: 'ok' };
    expect(valueOf(samples, 'swr_bff_upstream_requests_total', ok)).toBeGreaterThanOrEqual(2);
    expect(
      valueOf(samples, 'swr_bff_upstream_request_duration_seconds_count', ok),
    ).toBeGreaterThanOrEqual(2);
    expect(
      valueOf(samples, 'swr_bff_upstream_request_duration_seconds_bucket', { ...ok, le: '+Inf' }),
    ).toBe(valueOf(samples, 'swr_bff_upstream_requests_total', ok));
    expect(valueOf(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(samples.some((sample) => sample.name.startsWith('nodejs_heap_size'))).toBe(true);
  });

  it("times each of the audit trail's writes: a change's pending record and its outcome", async () => {
    const count = (samples: Sample[], write: string) =>
      valueOf(samples, 'swr_bff_audit_write_duration_seconds_count', { write, outcome: 'ok' });
    const earlier = await scrape();
    const before = count(earlier, 'open');
    const created = await operator.request('POST', `${LIST(HEALTHY)}/platform/repos`, {
      json: { repository: 'metrics-audit', is_public: false },
    });
    expect(created.status, created.text).toBe(201);
    const samples = await scrape();
    expect(count(samples, 'open')).toBe(before + 1);
    // The outcome is written after the answer: it may land just after it.
    await stack.bff.audit.settled();
    expect(count(await scrape(), 'finalize')).toBeGreaterThan(count(earlier, 'finalize'));
    expect(valueOf(samples, 'swr_bff_audit_write_failures_total')).toBe(0);
  });

  it("shows a failing region's outcomes and its breaker opening", async () => {
    stack.emulator.faults.set(FAILING, [{ kind: 'error', status: 503 }]);
    const closed = await scrape();
    expect(
      valueOf(closed, 'swr_bff_circuit_breaker_state', { region: FAILING, state: 'closed' }),
    ).toBe(1);
    for (let call = 0; call < THRESHOLD; call += 1) {
      expect((await viewer.get(LIST(FAILING))).status).toBe(502);
    }
    expect((await viewer.get(LIST(FAILING))).status).toBe(503);

    const samples = await scrape();
    const calls = { region: FAILING, operation: 'listNamespaces' };
    expect(
      valueOf(samples, 'swr_bff_upstream_requests_total', { ...calls, outcome: 'server_error' }),
    ).toBe(THRESHOLD);
    expect(
      valueOf(samples, 'swr_bff_upstream_requests_total', { ...calls, outcome: 'circuit_open' }),
    ).toBe(1);
    expect(valueOf(samples, 'swr_bff_circuit_breaker_state', { region: FAILING })).toBe(1);
    expect(
      valueOf(samples, 'swr_bff_circuit_breaker_state', { region: FAILING, state: 'open' }),
    ).toBe(1);
    expect(
      valueOf(samples, 'swr_bff_circuit_breaker_consecutive_failures', { region: FAILING }),
    ).toBe(THRESHOLD);
    expect(
      valueOf(samples, 'swr_bff_circuit_breaker_state', { region: HEALTHY, state: 'closed' }),
    ).toBe(1);
    stack.emulator.faults.clear(FAILING);
  });

  it('counts the live sessions from the session store', async () => {
    // Two demo users signed in above; a third signs in and then out.
    expect(valueOf(await scrape(), 'swr_bff_active_sessions')).toBe(2);
    const visitor = stack.browser();
    await visitor.signInDemo('ada-admin');
    expect(valueOf(await scrape(), 'swr_bff_active_sessions')).toBe(3);
    expect((await visitor.request('POST', '/auth/logout')).status).toBe(200);
    expect(valueOf(await scrape(), 'swr_bff_active_sessions')).toBe(2);
  });

  describe('who may scrape', () => {
    const scrapeAs = (headers: Record<string, string>): Promise<Reply> =>
      stack.browser().get('/metrics', { headers });
    const noRoute = async () => (await stack.browser().get('/no-such-route')).json;

    it('refuses anyone outside the network without the token, as a path that does not exist', async () => {
      const absent = { ...((await noRoute()) as object), requestId: expect.any(String) as string };
      const strangers: Record<string, string>[] = [
        {},
        { Authorization: `Bearer ${TOKEN}x` },
        { Authorization: `Bearer ${TOKEN.slice(0, -1)}` },
        { Authorization: `Basic ${TOKEN}` },
        { Authorization: 'Bearer' },
        { 'X-Forwarded-For': '203.0.113.9' },
      ];
      for (const headers of strangers) {
        const reply = await scrapeAs(headers);
        expect(reply.status, JSON.stringify(headers)).toBe(404);
        expect(reply.json).toEqual(absent);
        expect(reply.text).not.toContain('swr_bff');
      }
    });

    it('answers the token and the metrics network, in the text format', async () => {
      const withToken = await scrapeAs({ Authorization: `bearer ${TOKEN}` });
      expect(withToken.status).toBe(200);
      expect(withToken.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(withToken.headers.get('cache-control')).toBe('no-store');
      const fromNetwork = await scrapeAs({ 'X-Forwarded-For': '192.0.2.7' });
      expect(fromNetwork.status).toBe(200);
      expect(fromNetwork.text).toContain('# TYPE swr_bff_http_requests_total counter');
    });

    it('never logs the token', () => {
      expect(stack.logLines.join('\n')).not.toContain(TOKEN);
    });
  });
});

describe('the metrics settings', () => {
  const REAL = {
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: 'https://sso.example.com',
    OIDC_CLIENT_ID: 'swr',
    OIDC_CLIENT_SECRET: 'client-secret-value',
    HWC_AK: 'REALACCESSKEY0000001',
    HWC_SK: 'real-secret-key-000000000000001',
    SWR_REGIONS: 'cn-north-4',
    SESSION_SECRETS: 'a-session-secret-of-at-least-32-characters',
  };
  const problemsOf = (env: Record<string, string>): string[] => {
    try {
      loadConfig(env);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it('defaults to loopback and no token, and reads both', () => {
    expect(loadConfig({ ...REAL, NODE_ENV: 'development' }).metrics).toEqual({
      cidrs: ['127.0.0.0/8', '::1'],
    });
    expect(
      loadConfig({ ...REAL, NODE_ENV: 'development', METRICS_CIDRS: '', METRICS_TOKEN: TOKEN })
        .metrics,
    ).toEqual({ cidrs: [], token: TOKEN });
  });

  it('refuses a short token without saying it, and everyone as the network in production', () => {
    const short = problemsOf({ ...REAL, NODE_ENV: 'development', METRICS_TOKEN: 'short-token' });
    expect(short).toEqual(['METRICS_TOKEN: the metrics token needs 32+ characters']);
    const metricsProblems = (env: Record<string, string>) =>
      problemsOf(env).filter((problem) => problem.startsWith('METRICS_'));
    expect(
      metricsProblems({ ...REAL, NODE_ENV: 'production', METRICS_CIDRS: '0.0.0.0/0' }),
    ).toEqual([
      expect.stringMatching(/^METRICS_CIDRS: 0\.0\.0\.0\/0 lets anyone read the metrics/),
    ]);
    expect(
      metricsProblems({ ...REAL, NODE_ENV: 'production', METRICS_CIDRS: '10.0.0.0/8' }),
    ).toEqual([]);
    expect(metricsProblems({ ...REAL, NODE_ENV: 'development', METRICS_CIDRS: '::/0' })).toEqual(
      [],
    );
  });
});

describe('the gauges read when scraped', () => {
  const closed: BreakerSnapshot = {
    state: 'closed',
    consecutiveFailures: 0,
    openedAt: null,
    probeAt: null,
    probing: false,
  };

  it('counts active sessions through the callback the app is given, at each scrape; a failed count is NaN', async () => {
    let sessions = 3;
    const metrics = new Metrics({
      regions: ['cn-north-4'],
      breakerState: () => closed,
      activeSessions: () => Promise.resolve(sessions),
    });
    expect(valueOf(parse(await metrics.registry.metrics()), 'swr_bff_active_sessions')).toBe(3);
    sessions = 5;
    expect(valueOf(parse(await metrics.registry.metrics()), 'swr_bff_active_sessions')).toBe(5);
    const failing = new Metrics({
      regions: ['cn-north-4'],
      breakerState: () => closed,
      activeSessions: () => Promise.reject(new Error('the database is down')),
    });
    const scraped = parse(await failing.registry.metrics());
    expect(valueOf(scraped, 'swr_bff_active_sessions')).toBeNaN();
    expect(valueOf(scraped, 'swr_bff_circuit_breaker_state', { state: 'closed' })).toBe(1);
    const without = new Metrics({ regions: [], breakerState: () => closed });
    expect(await without.registry.metrics()).not.toContain('swr_bff_active_sessions');
  });

  it('times audit writes that return, resolve, throw or reject', async () => {
    const metrics = new Metrics({ regions: [], breakerState: () => closed });
    expect(metrics.timeAuditWrite('record', () => 1)).toBe(1);
    await expect(metrics.timeAuditWrite('finalize', () => Promise.resolve(2))).resolves.toBe(2);
    expect(() =>
      metrics.timeAuditWrite('open', () => {
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    await expect(
      metrics.timeAuditWrite('finalize', () => Promise.reject(new Error('gone'))),
    ).rejects.toThrow('gone');
    const samples = parse(await metrics.registry.metrics());
    const count = 'swr_bff_audit_write_duration_seconds_count';
    expect(valueOf(samples, count, { write: 'record', outcome: 'ok' })).toBe(1);
    expect(valueOf(samples, count, { write: 'finalize', outcome: 'ok' })).toBe(1);
    expect(valueOf(samples, count, { write: 'finalize', outcome: 'failed' })).toBe(1);
    expect(valueOf(samples, 'swr_bff_audit_write_failures_total', { write: 'open' })).toBe(1);
    expect(valueOf(samples, 'swr_bff_audit_write_failures_total')).toBe(2);
  });
});
