/**
 * The BFF under upstream faults, through the whole BFF (demo sign-in, real audit trail) against
 * fake SWR endpoints on loopback that the test scripts: 503s, 429 with `Retry-After`, connection
 * resets before any answer and in the middle of one, answers that never come, bodies that stall
 * or trickle, and a port where nothing listens. It checks the guarantees (reads retried, then a
 * clear error; a change sent at most once; a lost answer to a change is `outcome_unknown`; every
 * call ends by its deadline) and the per-region circuit breaker: it opens after failures in a
 * row, fails fast with `region_unavailable` without calling SWR, shows in `/readyz`, leaves the
 * other regions alone and recovers by itself after its cool-down.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../src/audit/trail';
import {
  FAULT_NAMESPACE,
  startFaultServer,
  swrError,
  type Fault,
  type FaultServer,
} from './support/fault-server';
import { rawRequest, type RawReply } from './support/raw-http';
import { startStack, type Browser, type Reply, type Stack } from './support/stack';
import { sqliteDb } from './support/sqlite';

const FAULTY = 'ap-southeast-3';
const EDGE = 'cn-east-3';
const HEALTHY = 'cn-north-4';
const TIMEOUT_MS = 200;
const INTERNAL = swrError('SVCSTG.SWR.5000001', 'Internal error');

const listOf = (region: string) => `/api/swr/${region}/v2/manage/namespaces`;
const reposOf = (region: string) =>
  `/api/swr/${region}/v2/manage/namespaces/${FAULT_NAMESPACE.name}/repos`;

function reply(status: number, body = '', headers: Record<string, string> = {}): Fault {
  return { kind: 'reply', status, body, headers };
}

const RESET: Fault = { kind: 'reset' };
const HANG: Fault = { kind: 'hang' };
function stall(status: number, partialBody: string): Fault {
  return { kind: 'stall', status, partialBody };
}

function times(fault: Fault, count: number): Fault[] {
  return Array.from({ length: count }, () => fault);
}

let counter = 0;
function createRepo(browser: Browser, region = FAULTY): Promise<Reply> {
  counter += 1;
  return browser.request('POST', reposOf(region), {
    json: { repository: `faults-${counter}`, is_public: false },
  });
}

function auditOf(stack: Stack, answer: Reply): AuditRecord[] {
  const id = answer.headers.get('x-request-id');
  const rows = sqliteDb(stack.bff)
    .prepare('SELECT record FROM audit_events ORDER BY seq')
    .all() as {
    record: string;
  }[];
  return rows
    .map((row) => JSON.parse(row.record) as AuditRecord)
    .filter((record) => record.request.id === id);
}

type EdgeMode = 'trickle' | 'reset-mid-body';

/**
 * A second fake SWR endpoint for what the fault server does not do: a body that keeps coming,
 * one byte at a time, never finishing (a deadline on idleness alone would never fire); and an
 * answer cut by a reset after its status line and part of its body.
 */
interface Edge {
  origin: string;
  mode: EdgeMode;
  requests: { method: string; path: string; body: string }[];
  close(): Promise<void>;
}

async function startEdge(): Promise<Edge> {
  const server: Server = createServer((req, res) => {
    res.on('error', () => undefined);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      edge.requests.push({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const status = req.method === 'POST' ? 201 : 200;
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': '100000' });
      if (edge.mode === 'reset-mid-body') {
        res.write('{"namespaces":[', () => {
          req.socket.destroy();
        });
        return;
      }
      // A deliberate latency under test: a byte every 20 ms, until the BFF hangs up.
      const trickle = setInterval(() => {
        res.write(' ');
      }, 20);
      res.on('close', () => {
        clearInterval(trickle);
      });
    });
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const edge: Edge = {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    mode: 'trickle',
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
  return edge;
}

/** A loopback port where nothing listens (connections are refused). */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return `http://127.0.0.1:${port}`;
}

describe('the guarantees, one fault at a time', () => {
  let stack: Stack;
  let fault: FaultServer;
  let edge: Edge;
  let refused: string;
  let viewer: Browser;
  let operator: Browser;

  beforeAll(async () => {
    fault = await startFaultServer();
    edge = await startEdge();
    refused = await closedPort();
    stack = await startStack({
      env: {
        SWR_ENDPOINT_AP_SOUTHEAST_3: fault.origin,
        SWR_ENDPOINT_CN_EAST_3: edge.origin,
        SWR_ENDPOINT_CN_NORTH_4: refused,
        UPSTREAM_TIMEOUT: `${TIMEOUT_MS}ms`,
        UPSTREAM_READ_RETRIES: '2',
        // Out of the way here: the breaker has its own tests below.
        BREAKER_THRESHOLD: '1000',
      },
    });
    viewer = stack.browser();
    await viewer.signInDemo('vera-viewer');
    operator = stack.browser();
    await operator.signInDemo('otto-operator');
  });
  afterAll(async () => {
    await stack.close();
    await fault.close();
    await edge.close();
  });

  function script(...faults: Fault[]): void {
    fault.reset();
    fault.queue(...faults);
  }

  describe('reads: retried per the policy (3 attempts), then a clear error', () => {
    it.each([
      ['503 every time', 502, 'upstream_error', reply(503, INTERNAL)],
      [
        '429 with Retry-After: 0 every time',
        429,
        'upstream_rejected',
        reply(429, INTERNAL, { 'Retry-After': '0' }),
      ],
      ['a reset before any answer', 503, 'upstream_unavailable', RESET],
      ['no answer', 504, 'upstream_timeout', HANG],
      ['a body that stalls half-way', 504, 'upstream_timeout', stall(200, '{"namespaces":[')],
    ])('%s → %d %s after 3 requests', async (_, status, code, kind) => {
      script(...times(kind, 3));
      const started = performance.now();
      const answer = await viewer.get(listOf(FAULTY));
      const elapsed = performance.now() - started;
      expect(answer.status, answer.text).toBe(status);
      expect(answer.json).toMatchObject({ code });
      expect(fault.requests.map((r) => `${r.method} ${r.path}`)).toEqual(
        Array<string>(3).fill('GET /v2/manage/namespaces'),
      );
      // Three attempts of at most the timeout each, plus backoff: never a hang.
      expect(elapsed).toBeLessThan(3 * TIMEOUT_MS + 1500);
    });

    it('a 503 then a healthy answer → 200, the browser never sees the fault', async () => {
      script(reply(503, INTERNAL));
      const answer = await viewer.get(listOf(FAULTY));
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ namespaces: [FAULT_NAMESPACE] });
      expect(fault.requests).toHaveLength(2);
    });

    it('a body that trickles forever ends in 504 upstream_timeout by the deadline', async () => {
      edge.mode = 'trickle';
      edge.requests.length = 0;
      const started = performance.now();
      const answer = await viewer.get(listOf(EDGE));
      const elapsed = performance.now() - started;
      expect(answer.status, answer.text).toBe(504);
      expect(answer.json).toMatchObject({ code: 'upstream_timeout' });
      expect(edge.requests).toHaveLength(3);
      expect(elapsed).toBeGreaterThanOrEqual(3 * TIMEOUT_MS);
      expect(elapsed).toBeLessThan(3 * TIMEOUT_MS + 1500);
    });

    it('an answer cut by a reset mid-body → 503 upstream_unavailable after 3 requests', async () => {
      edge.mode = 'reset-mid-body';
      edge.requests.length = 0;
      const answer = await viewer.get(listOf(EDGE));
      expect(answer.status, answer.text).toBe(503);
      expect(answer.json).toMatchObject({ code: 'upstream_unavailable', reason: 'network' });
      expect(edge.requests).toHaveLength(3);
    });
  });

  describe('mutations: sent once at most, never retried', () => {
    it.each([
      ['503', 502, 'upstream_error', undefined, reply(503, INTERNAL)],
      [
        '429 with Retry-After: 0',
        429,
        'upstream_rejected',
        undefined,
        reply(429, INTERNAL, { 'Retry-After': '0' }),
      ],
      ['a reset after the request arrived', 504, 'outcome_unknown', 'network', RESET],
      ['no answer', 504, 'outcome_unknown', 'timeout', HANG],
      ['a body that stalls half-way', 504, 'outcome_unknown', 'timeout', stall(201, '{')],
    ])('%s → one request, %d %s, one audit record', async (_, status, code, reason, kind) => {
      script(kind);
      const answer = await createRepo(operator);
      expect(answer.status, answer.text).toBe(status);
      expect(answer.json).toMatchObject({ code, ...(reason === undefined ? {} : { reason }) });
      expect(fault.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        `POST /v2/manage/namespaces/${FAULT_NAMESPACE.name}/repos`,
      ]);
      const records = auditOf(stack, answer);
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({
        event: 'swr.createRepo',
        outcome: 'failure',
        httpStatus: status,
      });
    });

    it('a lost answer says the outcome is unknown and to refresh', async () => {
      script(RESET);
      const answer = await createRepo(operator);
      expect(answer.status).toBe(504);
      const body = answer.json as { code: string; message: string };
      expect(body.code).toBe('outcome_unknown');
      expect(body.message).toMatch(/may or may not have been applied/);
      expect(body.message).toMatch(/Refresh/);
      expect(fault.requests).toHaveLength(1);
    });

    it.each([
      ['a body that trickles forever', 'trickle', 'timeout'],
      ['an answer cut by a reset mid-body', 'reset-mid-body', 'network'],
    ] as const)('%s → one request, 504 outcome_unknown', async (_, mode, reason) => {
      edge.mode = mode;
      edge.requests.length = 0;
      const started = performance.now();
      const answer = await createRepo(operator, EDGE);
      expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + 1000);
      expect(answer.status, answer.text).toBe(504);
      expect(answer.json).toMatchObject({ code: 'outcome_unknown', reason });
      expect(edge.requests.map((r) => r.method)).toEqual(['POST']);
      expect(auditOf(stack, answer)).toMatchObject([{ outcome: 'failure', httpStatus: 504 }]);
    });

    it('a refused connection → 503 upstream_unavailable: certainly not sent, so not "unknown"', async () => {
      const answer = await createRepo(operator, HEALTHY);
      expect(answer.status, answer.text).toBe(503);
      expect(answer.json).toMatchObject({
        code: 'upstream_unavailable',
        message: 'SWR could not be reached; the change was not sent.',
        reason: 'network',
      });
      expect(auditOf(stack, answer)).toMatchObject([
        { event: 'swr.createRepo', outcome: 'failure', httpStatus: 503 },
      ]);
    });
  });
});

describe('the per-region circuit breaker', () => {
  const THRESHOLD = 3;
  const COOL_DOWN_MS = 400;
  let stack: Stack;
  let fault: FaultServer;
  let viewer: Browser;
  let operator: Browser;
  /** The breakers' clock: the real one, moved on past each cool-down instead of waiting. */
  let skew = 0;
  const clock = () => Date.now() + skew;

  interface RegionReadiness {
    id: string;
    status: string;
    detail?: string;
    breaker: { state: string; consecutiveFailures: number; probeAt: string | null };
  }

  const readyz = () => rawRequest(stack.origin, { path: '/readyz' });
  const regionIn = (ready: RawReply, id: string): RegionReadiness => {
    const found = (ready.json as { regions: RegionReadiness[] }).regions.find((r) => r.id === id);
    if (found === undefined) throw new Error(`no ${id} in /readyz`);
    return found;
  };

  beforeAll(async () => {
    fault = await startFaultServer();
    stack = await startStack({
      env: {
        SWR_ENDPOINT_AP_SOUTHEAST_3: fault.origin,
        UPSTREAM_TIMEOUT: `${TIMEOUT_MS}ms`,
        UPSTREAM_READ_RETRIES: '1',
        BREAKER_THRESHOLD: String(THRESHOLD),
        BREAKER_COOL_DOWN: `${COOL_DOWN_MS}ms`,
        // Each /readyz here probes again: calls through the BFF always lie between two of them.
        READY_INTERVAL: '1ms',
      },
      breakerClock: clock,
    });
    viewer = stack.browser();
    await viewer.signInDemo('vera-viewer');
    operator = stack.browser();
    await operator.signInDemo('otto-operator');
  });
  afterAll(async () => {
    await stack.close();
    await fault.close();
  });

  function script(...faults: Fault[]): void {
    fault.reset();
    fault.queue(...faults);
  }

  /** Opens the faulty region's breaker with three failing reads; returns when it will probe. */
  async function open(): Promise<number> {
    script(...times(reply(503, INTERNAL), 2 * THRESHOLD));
    for (let i = 0; i < THRESHOLD; i += 1) {
      expect((await viewer.get(listOf(FAULTY))).status).toBe(502);
    }
    const ready = await readyz();
    const breaker = regionIn(ready, FAULTY).breaker;
    expect(breaker.state).toBe('open');
    fault.reset();
    return Date.parse(breaker.probeAt ?? '');
  }

  /** The cool-down passes: the breakers' clock moves on just past the probe's time. */
  function coolDown(probeAt: number): void {
    skew += Math.max(0, probeAt - clock()) + 5;
  }

  /** Leaves the breaker closed for the next test: the cool-down, then /readyz's probe succeeds. */
  async function recover(probeAt: number): Promise<void> {
    coolDown(probeAt);
    fault.reset();
    const ready = await readyz();
    expect(ready.status, ready.text).toBe(200);
    fault.reset();
  }

  it('counts one failure per call after its retries; 4xx do not count; the third failure opens it', async () => {
    script(
      reply(404, swrError('SVCSTG.SWR.4040083', 'URL not found')),
      reply(503, INTERNAL),
      reply(503, INTERNAL),
      reply(429, INTERNAL, { 'Retry-After': '0' }),
      reply(429, INTERNAL, { 'Retry-After': '0' }),
      reply(500, INTERNAL),
    );
    expect((await viewer.get(listOf(FAULTY))).status).toBe(404);
    expect((await viewer.get(listOf(FAULTY))).status).toBe(502);
    expect((await viewer.get(listOf(FAULTY))).status).toBe(429);
    // 5 attempts so far but 2 failed calls: still closed, so /readyz calls SWR, and its 500
    // is the third failure in a row.
    const ready = await readyz();
    expect(fault.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      ...Array<string>(5).fill('GET /v2/manage/namespaces'),
      'GET /',
    ]);
    expect(ready.status).toBe(503);
    expect(regionIn(ready, FAULTY)).toMatchObject({
      status: 'failing',
      breaker: { state: 'open', consecutiveFailures: THRESHOLD },
    });
    await recover(Date.parse(regionIn(ready, FAULTY).breaker.probeAt ?? ''));
  });

  it('while open: reads and changes fail fast with 503 region_unavailable and Retry-After, nothing sent', async () => {
    const probeAt = await open();
    const read = await viewer.get(listOf(FAULTY));
    expect(read.status).toBe(503);
    const body = read.json as { code: string; message: string };
    expect(body.code).toBe('region_unavailable');
    expect(body.message).toContain(FAULTY);
    const retryAfter = Number(read.headers.get('retry-after'));
    expect(retryAfter).toBe(Math.max(1, Math.ceil((probeAt - clock()) / 1000)));

    const change = await createRepo(operator);
    expect(change.status).toBe(503);
    expect(change.json).toMatchObject({ code: 'region_unavailable', reason: 'circuit-open' });
    expect(change.text).not.toContain('outcome');
    expect(Number(change.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(auditOf(stack, change)).toMatchObject([
      {
        event: 'swr.createRepo',
        outcome: 'failure',
        httpStatus: 503,
        upstream: null,
        reason: expect.stringMatching(/^circuit-open: /) as string,
      },
    ]);
    expect(fault.requests).toEqual([]);
    await recover(probeAt);
  });

  it('other regions are unaffected, and /readyz shows each breaker without calling the open one', async () => {
    const probeAt = await open();
    const elsewhere = await viewer.get(listOf(HEALTHY));
    expect(elsewhere.status, elsewhere.text).toBe(200);
    expect((await createRepo(operator, HEALTHY)).status).not.toBe(503);
    const ready = await readyz();
    expect(ready.status).toBe(503);
    expect(ready.json).toMatchObject({ status: 'failing', database: 'ok' });
    expect(regionIn(ready, FAULTY)).toMatchObject({
      status: 'failing',
      detail: 'circuit-open: not called',
      breaker: {
        state: 'open',
        consecutiveFailures: THRESHOLD,
        probeAt: new Date(probeAt).toISOString(),
      },
    });
    for (const id of [HEALTHY, EDGE]) {
      expect(regionIn(ready, id)).toMatchObject({
        status: 'ok',
        breaker: { state: 'closed', consecutiveFailures: 0, probeAt: null },
      });
    }
    expect(fault.requests).toEqual([]);
    await recover(probeAt);
  });

  it('recovers by itself: after the cool-down one probe goes through and its success closes it', async () => {
    coolDown(await open());
    const answer = await viewer.get(listOf(FAULTY));
    expect(answer.status, answer.text).toBe(200);
    expect(fault.requests).toHaveLength(1);
    const after = await readyz();
    expect(after.status).toBe(200);
    expect(regionIn(after, FAULTY).breaker).toEqual({
      state: 'closed',
      consecutiveFailures: 0,
      probeAt: null,
    });
  });

  it('a failing probe re-opens it for a new cool-down; meanwhile others are refused', async () => {
    const first = await open();
    coolDown(first);
    script(HANG, HANG);
    const probe = viewer.get(listOf(FAULTY));
    await fault.waitForRequests(1);
    // The probe is in flight: everyone else is still refused, told to come back in a second.
    const meanwhile = await viewer.get(listOf(FAULTY));
    expect(meanwhile.status).toBe(503);
    expect(meanwhile.headers.get('retry-after')).toBe('1');
    expect((await probe).json).toMatchObject({ code: 'upstream_timeout' });
    const ready = await readyz();
    const breaker = regionIn(ready, FAULTY).breaker;
    expect(breaker).toMatchObject({ state: 'open', consecutiveFailures: THRESHOLD + 1 });
    expect(Date.parse(breaker.probeAt ?? '')).toBeGreaterThan(first);
    // The probe's two attempts, and nothing else.
    expect(fault.requests).toHaveLength(2);
    await recover(Date.parse(breaker.probeAt ?? ''));
  });

  it('/readyz is not blocked forever: once the cool-down has passed, its own call is the probe', async () => {
    coolDown(await open());
    const ready = await readyz();
    expect(ready.status).toBe(200);
    expect(fault.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /']);
    expect(regionIn(ready, FAULTY)).toMatchObject({ status: 'ok', breaker: { state: 'closed' } });
  });
});
