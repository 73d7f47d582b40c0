/**
 * Every fault kind of the real embedded emulator, through the whole BFF: demo sessions, the real
 * audit trail, faults set with the emulator's programmatic API (`emulator.faults`). Each test
 * checks what the browser sees and what really happened in SWR: how many requests reached the
 * emulator (its request log, or what is left of a `count` fault), and whether a change exists
 * afterwards. Latency, 5xx and 429 on reads (retried, then a mapped error), 503 and lost answers
 * on changes (sent once; `outcome_unknown` only when SWR may have applied it), cut and malformed
 * bodies, trickled bodies within and beyond the deadline, and the per-region circuit breaker
 * opening on a real fault and recovering once the fault is cleared.
 */
import type { FaultInput } from '@swr-dashboard/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../src/audit/trail';
import { startStack, type Browser, type Reply, type Stack } from './support/stack';
import { sqliteDb } from './support/sqlite';

const REGION = 'cn-north-4';
const NAMESPACE = 'platform';
const TIMEOUT_MS = 800;
const LIST_PATH = '/v2/manage/namespaces';
const LIST = `/api/swr/${REGION}${LIST_PATH}`;
const REPOS_PATH = `/v2/manage/namespaces/${NAMESPACE}/repos`;

/** The emulator's error codes for injected errors (apps/emulator/README.md). */
const FAULT_CODES = {
  429: 'SVCSTG.SWR.4290000',
  500: 'SVCSTG.SWR.5000001',
  502: 'SVCSTG.SWR.5020000',
  503: 'SVCSTG.SWR.5030000',
  504: 'SVCSTG.SWR.5040000',
} as const;

/** The BFF's error shape. */
interface BffError {
  code: string;
  message: string;
  requestId: string;
  reason?: string;
  upstream?: { status: number; code?: string; requestId?: string };
}

interface RegionReadiness {
  id: string;
  status: string;
  detail?: string;
  breaker: { state: string; consecutiveFailures: number; probeAt: string | null };
}

interface Readiness {
  status: string;
  regions: RegionReadiness[];
}

function errorOf(reply: Reply): BffError {
  expect(reply.json, reply.text).toMatchObject({ code: expect.any(String) as string });
  return reply.json as BffError;
}

/** Emulator request-log lines (`<region> <METHOD> <path> <status> <ms>[ fault=…]`) since `from`. */
function callsSince(stack: Stack, from: number, method: string, path: string): string[] {
  const prefix = `${REGION} ${method} ${path} `;
  return stack.upstreamLog.slice(from).filter((line) => line.startsWith(prefix));
}

/** What is left of the only fault in force (its `count`), to count the requests it hit. */
function remainingCount(stack: Stack): number | undefined {
  const faults = stack.emulator.faults.list(REGION);
  expect(faults).toHaveLength(1);
  return faults[0]?.count;
}

async function timed(call: Promise<Reply>): Promise<{ reply: Reply; ms: number }> {
  const started = performance.now();
  const reply = await call;
  return { reply, ms: performance.now() - started };
}

function auditOf(stack: Stack, reply: Reply): AuditRecord[] {
  const id = reply.headers.get('x-request-id');
  expect(id).toBeTruthy();
  const rows = sqliteDb(stack.bff)
    .prepare(
      "SELECT record FROM audit_events WHERE json_extract(record, '$.request.id') = ? ORDER BY seq",
    )
    .all(id) as { record: string }[];
  return rows.map((row) => JSON.parse(row.record) as AuditRecord);
}

describe('each fault kind of the emulator, through the BFF', () => {
  let stack: Stack;
  let viewer: Browser;
  let operator: Browser;
  /** The healthy answer of the read under test, to compare faulted answers with. */
  let healthy: unknown;
  let repoCounter = 0;

  const setFaults = (...faults: FaultInput[]) => {
    stack.emulator.faults.set(REGION, faults);
  };
  const mark = () => stack.upstreamLog.length;
  const listCalls = (from: number) => callsSince(stack, from, 'GET', LIST_PATH);

  const newRepoName = () => {
    repoCounter += 1;
    return `emu-faults-${repoCounter}`;
  };
  const createRepo = (repository: string) =>
    operator.request('POST', `/api/swr/${REGION}${REPOS_PATH}`, {
      json: { repository, is_public: false },
    });
  /** The repository as SWR now has it, read through the BFF with no fault in force. */
  const showRepo = (repository: string) => {
    stack.emulator.faults.clear(REGION);
    return viewer.get(`/api/swr/${REGION}${REPOS_PATH}/${repository}`);
  };

  beforeAll(async () => {
    stack = await startStack({
      env: {
        UPSTREAM_TIMEOUT: `${TIMEOUT_MS}ms`,
        UPSTREAM_READ_RETRIES: '2',
        // The breaker has its own stack below; here every failure must reach SWR.
        BREAKER_THRESHOLD: '1000',
        RATE_LIMIT_READS_PER_MINUTE: '10000',
        RATE_LIMIT_MUTATIONS_PER_MINUTE: '10000',
      },
    });
    viewer = stack.browser();
    await viewer.signInDemo('vera-viewer');
    operator = stack.browser();
    await operator.signInDemo('otto-operator');
    const first = await viewer.get(LIST);
    expect(first.status, first.text).toBe(200);
    healthy = first.json;
  });
  afterAll(async () => {
    await stack.close();
  });

  it('latency 300 ms: 200 with the same data, at least 300 ms later, one request', async () => {
    setFaults({ operation: 'listNamespaces', kind: 'latency', ms: 300 });
    const from = mark();
    const { reply, ms } = await timed(viewer.get(LIST));
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json).toEqual(healthy);
    expect(ms).toBeGreaterThanOrEqual(300);
    expect(ms).toBeLessThan(TIMEOUT_MS);
    expect(listCalls(from)).toEqual([expect.stringMatching(/ 200 [\d.]+ms fault=latency$/)]);
  });

  describe('error on a read: retried (3 attempts in all), then a mapped error', () => {
    it.each([500, 502, 503, 504] as const)(
      'a persistent %d → 502 upstream_error naming SWR’s status and code, after 3 requests',
      async (status) => {
        setFaults({ operation: 'listNamespaces', kind: 'error', status });
        const from = mark();
        const reply = await viewer.get(LIST);
        expect(reply.status, reply.text).toBe(502);
        expect(errorOf(reply)).toMatchObject({
          code: 'upstream_error',
          message: `SWR failed to answer (HTTP ${status}).`,
          upstream: { status, code: FAULT_CODES[status] },
        });
        expect(listCalls(from)).toEqual(
          Array<string>(3).fill(
            expect.stringMatching(` ${status} [\\d.]+ms fault=error$`) as string,
          ),
        );
      },
    );

    it.each([500, 502, 503, 504] as const)(
      'a %d twice (count 2) → 200: the third attempt succeeds and the browser never sees it',
      async (status) => {
        setFaults({ operation: 'listNamespaces', kind: 'error', status, count: 2 });
        const from = mark();
        const reply = await viewer.get(LIST);
        expect(reply.status, reply.text).toBe(200);
        expect(reply.json).toEqual(healthy);
        const calls = listCalls(from);
        expect(calls).toHaveLength(3);
        expect(calls.filter((line) => line.endsWith('fault=error'))).toHaveLength(2);
        expect(stack.emulator.faults.list(REGION)).toEqual([]);
      },
    );
  });

  describe('429 with Retry-After on a read', () => {
    it('Retry-After: 1 once → retried after at least 1 s, then 200', async () => {
      setFaults({
        operation: 'listNamespaces',
        kind: 'error',
        status: 429,
        retryAfter: 1,
        count: 1,
      });
      const from = mark();
      const { reply, ms } = await timed(viewer.get(LIST));
      expect(reply.status, reply.text).toBe(200);
      expect(reply.json).toEqual(healthy);
      expect(ms).toBeGreaterThanOrEqual(1000);
      const calls = listCalls(from);
      expect(calls).toHaveLength(2);
      expect(calls[0]).toMatch(/ 429 [\d.]+ms fault=error$/);
      expect(calls[1]).toMatch(/ 200 [\d.]+ms$/);
    });

    it('a persistent 429 (Retry-After: 0) → 429 upstream_rejected after 3 requests', async () => {
      setFaults({ operation: 'listNamespaces', kind: 'error', status: 429, retryAfter: 0 });
      const from = mark();
      const reply = await viewer.get(LIST);
      expect(reply.status, reply.text).toBe(429);
      expect(errorOf(reply)).toMatchObject({
        code: 'upstream_rejected',
        upstream: { status: 429, code: FAULT_CODES[429] },
      });
      expect(listCalls(from)).toHaveLength(3);
    });

    it('Retry-After beyond the 5 s the BFF waits → not retried: 429 at once, one request', async () => {
      setFaults({ operation: 'listNamespaces', kind: 'error', status: 429, retryAfter: 30 });
      const from = mark();
      const { reply, ms } = await timed(viewer.get(LIST));
      expect(reply.status, reply.text).toBe(429);
      expect(errorOf(reply).code).toBe('upstream_rejected');
      expect(listCalls(from)).toHaveLength(1);
      expect(ms).toBeLessThan(1000);
    });
  });

  describe('changes: one attempt, never repeated; the truth is read back afterwards', () => {
    it('503 on create repository → 502 upstream_error, one request, the repository does not exist', async () => {
      const name = newRepoName();
      setFaults({ operation: 'createRepo', kind: 'error', status: 503 });
      const from = mark();
      const reply = await createRepo(name);
      expect(reply.status, reply.text).toBe(502);
      expect(errorOf(reply)).toMatchObject({
        code: 'upstream_error',
        upstream: { status: 503, code: FAULT_CODES[503] },
      });
      expect(callsSince(stack, from, 'POST', REPOS_PATH)).toEqual([
        expect.stringMatching(/ 503 [\d.]+ms fault=error$/),
      ]);
      expect(auditOf(stack, reply)).toMatchObject([
        { event: 'swr.createRepo', outcome: 'failure', httpStatus: 502 },
      ]);
      const after = await showRepo(name);
      expect(after.status, after.text).toBe(404);
      expect(errorOf(after)).toMatchObject({
        code: 'upstream_rejected',
        upstream: { status: 404 },
      });
    });

    // The emulator resets the connection after it accepted it and read the request head: for
    // the BFF this is indistinguishable from a reset after the change was applied (a connection
    // was made, no answer came), so it must say `outcome_unknown`, not "not sent". Only a
    // connection that was never made (refused) is `upstream_unavailable` "not sent".
    it('reset-before on create repository → 504 outcome_unknown (reason network), one request, nothing created', async () => {
      const name = newRepoName();
      setFaults({ operation: 'createRepo', kind: 'reset-before' });
      const from = mark();
      const reply = await createRepo(name);
      expect(reply.status, reply.text).toBe(504);
      const error = errorOf(reply);
      expect(error).toMatchObject({ code: 'outcome_unknown', reason: 'network' });
      expect(error.message).toMatch(/refresh/i);
      expect(callsSince(stack, from, 'POST', REPOS_PATH)).toEqual([
        expect.stringMatching(/ - [\d.]+ms fault=reset-before$/),
      ]);
      expect(auditOf(stack, reply)).toMatchObject([
        { event: 'swr.createRepo', outcome: 'failure', httpStatus: 504 },
      ]);
      expect((await showRepo(name)).status).toBe(404);
    });

    it('reset-after on create repository → 504 outcome_unknown with a prompt to refresh, and the repository exists', async () => {
      const name = newRepoName();
      setFaults({ operation: 'createRepo', kind: 'reset-after' });
      const from = mark();
      const reply = await createRepo(name);
      expect(reply.status, reply.text).toBe(504);
      const error = errorOf(reply);
      expect(error).toMatchObject({ code: 'outcome_unknown', reason: 'network' });
      expect(error.message).toMatch(/may or may not have been applied/);
      expect(error.message).toMatch(/refresh/i);
      expect(callsSince(stack, from, 'POST', REPOS_PATH)).toEqual([
        expect.stringMatching(/ - [\d.]+ms fault=reset-after$/),
      ]);
      // The audit record of this request: finalized once, as a failure with the BFF's 504 and
      // no SWR answer; its reason is the transport's (`network: …`), see the report.
      expect(auditOf(stack, reply)).toMatchObject([
        {
          event: 'swr.createRepo',
          outcome: 'failure',
          httpStatus: 504,
          upstream: { method: 'POST', status: null, requestId: null },
          reason: expect.stringMatching(
            /^network: outcome unknown, the change may have been applied: /,
          ) as string,
          resource: { type: 'repository', namespace: NAMESPACE, name },
        },
      ]);
      const after = await showRepo(name);
      expect(after.status, after.text).toBe(200);
      expect(after.json).toMatchObject({
        name,
        is_public: false,
        path: expect.stringMatching(new RegExp(`/${NAMESPACE}/${name}$`)) as string,
      });
    });

    it('truncated answer to create repository → 504 outcome_unknown, one request, and the repository exists', async () => {
      const name = newRepoName();
      setFaults({ operation: 'createRepo', kind: 'truncated' });
      const from = mark();
      const reply = await createRepo(name);
      expect(reply.status, reply.text).toBe(504);
      expect(errorOf(reply)).toMatchObject({ code: 'outcome_unknown' });
      expect(callsSince(stack, from, 'POST', REPOS_PATH)).toEqual([
        expect.stringMatching(/ fault=truncated$/),
      ]);
      expect((await showRepo(name)).status).toBe(200);
    });
  });

  describe('cut and malformed bodies on a read', () => {
    it('truncated every time → 503 upstream_unavailable after 3 requests, never a 500', async () => {
      setFaults({ operation: 'listNamespaces', kind: 'truncated' });
      const from = mark();
      const reply = await viewer.get(LIST);
      expect(reply.status, reply.text).toBe(503);
      expect(errorOf(reply)).toMatchObject({ code: 'upstream_unavailable', reason: 'network' });
      expect(listCalls(from)).toEqual(
        Array<string>(3).fill(expect.stringMatching(/ 200 [\d.]+ms fault=truncated$/) as string),
      );
    });

    it('truncated twice (count 2) → retried, 200 with the whole data', async () => {
      setFaults({ operation: 'listNamespaces', kind: 'truncated', count: 2 });
      const from = mark();
      const reply = await viewer.get(LIST);
      expect(reply.status, reply.text).toBe(200);
      expect(reply.json).toEqual(healthy);
      expect(listCalls(from)).toHaveLength(3);
    });

    it('malformed JSON → 502 upstream_invalid_response, not retried (a 200 is an answer)', async () => {
      setFaults({ operation: 'listNamespaces', kind: 'malformed' });
      const from = mark();
      const reply = await viewer.get(LIST);
      expect(reply.status, reply.text).toBe(502);
      expect(errorOf(reply)).toMatchObject({
        code: 'upstream_invalid_response',
        message: 'SWR answered with something the console does not understand.',
        upstream: { status: 200 },
      });
      expect(reply.text).not.toContain('<html>');
      expect(listCalls(from)).toEqual([expect.stringMatching(/ 200 [\d.]+ms fault=malformed$/)]);
    });
  });

  describe('trickled bodies', () => {
    it('a body trickled within the deadline → 200 with the whole data', async () => {
      const chunkBytes = 64;
      const intervalMs = 25;
      setFaults({ operation: 'listNamespaces', kind: 'trickle', chunkBytes, intervalMs });
      const from = mark();
      const { reply, ms } = await timed(viewer.get(LIST));
      expect(reply.status, reply.text).toBe(200);
      expect(reply.json).toEqual(healthy);
      // The BFF's answer is at most as long as SWR's (it drops unknown fields), so SWR sent at
      // least this many chunks, `intervalMs` apart.
      const chunks = Math.ceil(Buffer.byteLength(JSON.stringify(healthy)) / chunkBytes);
      expect(chunks).toBeGreaterThanOrEqual(4);
      expect(ms).toBeGreaterThanOrEqual((chunks - 1) * intervalMs);
      expect(listCalls(from)).toEqual([expect.stringMatching(/ 200 [\d.]+ms fault=trickle$/)]);
    });

    it('a body that would trickle past the deadline → 504 upstream_timeout after 3 attempts', async () => {
      // One byte every 50 ms: the whole list would take over a minute.
      setFaults({
        operation: 'listNamespaces',
        kind: 'trickle',
        chunkBytes: 1,
        intervalMs: 50,
        count: 10,
      });
      const { reply, ms } = await timed(viewer.get(LIST));
      expect(reply.status, reply.text).toBe(504);
      expect(errorOf(reply)).toMatchObject({
        code: 'upstream_timeout',
        message: 'SWR did not answer in time.',
      });
      // The request log line of a trickle is written when it stops, so count what the fault
      // has left instead: 3 of its 10 were used.
      expect(remainingCount(stack)).toBe(7);
      expect(ms).toBeGreaterThanOrEqual(3 * TIMEOUT_MS);
      expect(ms).toBeLessThan(3 * TIMEOUT_MS + 2000);
    });
  });
});

describe('the circuit breaker, opened by a real fault', () => {
  const THRESHOLD = 2;
  const COOL_DOWN_MS = 600;
  let stack: Stack;
  let viewer: Browser;
  let operator: Browser;
  /** The breakers' clock: the real one, moved on past the cool-down instead of waiting. */
  let skew = 0;
  const clock = () => Date.now() + skew;

  const readyz = async (): Promise<{ status: number; body: Readiness }> => {
    const reply = await stack.browser().get('/readyz');
    return { status: reply.status, body: reply.json as Readiness };
  };
  const regionIn = (body: Readiness): RegionReadiness => {
    const found = body.regions.find((region) => region.id === REGION);
    if (found === undefined) throw new Error(`no ${REGION} in /readyz`);
    return found;
  };
  const regionCalls = (from: number) =>
    stack.upstreamLog.slice(from).filter((line) => line.startsWith(`${REGION} `));

  beforeAll(async () => {
    stack = await startStack({
      env: {
        UPSTREAM_TIMEOUT: '2s',
        UPSTREAM_READ_RETRIES: '1',
        BREAKER_THRESHOLD: String(THRESHOLD),
        BREAKER_COOL_DOWN: `${COOL_DOWN_MS}ms`,
        // Each /readyz here probes again: calls through the BFF always lie between two of them.
        READY_INTERVAL: '1ms',
        RATE_LIMIT_READS_PER_MINUTE: '10000',
        RATE_LIMIT_MUTATIONS_PER_MINUTE: '10000',
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
  });

  it('opens on a persistent 503, fails fast without calling SWR, and recovers once the fault is cleared', async () => {
    stack.emulator.faults.set(REGION, [{ kind: 'error', status: 503 }]);
    let from = stack.upstreamLog.length;
    for (let call = 0; call < THRESHOLD; call += 1) {
      const reply = await viewer.get(LIST);
      expect(reply.status, reply.text).toBe(502);
    }
    // Each failed read was 2 attempts.
    expect(regionCalls(from)).toHaveLength(2 * THRESHOLD);

    // Open: /readyz shows it without calling the region.
    from = stack.upstreamLog.length;
    const open = await readyz();
    expect(open.status).toBe(503);
    expect(regionIn(open.body)).toMatchObject({
      status: 'failing',
      detail: 'circuit-open: not called',
      breaker: { state: 'open', consecutiveFailures: THRESHOLD },
    });
    const probeAt = Date.parse(regionIn(open.body).breaker.probeAt ?? '');
    expect(probeAt).toBeGreaterThan(clock());

    // Reads and changes are refused at once, with Retry-After, and nothing reaches SWR.
    const refused = await viewer.get(LIST);
    expect(refused.status, refused.text).toBe(503);
    expect(errorOf(refused)).toMatchObject({ code: 'region_unavailable', reason: 'circuit-open' });
    expect(errorOf(refused).message).toContain(REGION);
    expect(refused.headers.get('retry-after')).toBe('1');
    const change = await operator.request('POST', `/api/swr/${REGION}${REPOS_PATH}`, {
      json: { repository: 'breaker-open', is_public: false },
    });
    expect(change.status, change.text).toBe(503);
    expect(errorOf(change)).toMatchObject({ code: 'region_unavailable' });
    expect(regionCalls(from)).toEqual([]);

    // The fault is cleared. Just before the probe's time everyone is still refused, nothing
    // sent; just after it the next read is the probe, one request, and its success closes it.
    stack.emulator.faults.clear(REGION);
    from = stack.upstreamLog.length;
    skew += probeAt - clock() - COOL_DOWN_MS / 2;
    const early = await viewer.get(LIST);
    expect(early.status, early.text).toBe(503);
    expect(errorOf(early)).toMatchObject({ code: 'region_unavailable' });
    expect(regionCalls(from)).toEqual([]);
    skew += probeAt - clock() + 5;
    const reply = await viewer.get(LIST);
    expect(reply.status, reply.text).toBe(200);
    expect(clock()).toBeGreaterThanOrEqual(probeAt);
    expect(regionCalls(from)).toEqual([
      expect.stringMatching(/^\S+ GET \/v2\/manage\/namespaces 200 /),
    ]);

    const ready = await readyz();
    expect(ready.status).toBe(200);
    expect(regionIn(ready.body)).toMatchObject({
      status: 'ok',
      breaker: { state: 'closed', consecutiveFailures: 0, probeAt: null },
    });
  });
});
