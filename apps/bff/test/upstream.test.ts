/**
 * The upstream policy (docs/security.md B6, B9) against a misbehaving SWR endpoint on loopback:
 * reads are retried on 5xx, 429 and network errors (honouring a short `Retry-After`), mutations
 * never; redirects are not followed; oversized and invalid answers are errors, not crashes;
 * SWR's refusals reach the browser in the console's own words; /readyz names a failing region;
 * request ids are kept or replaced, sent upstream and logged without headers or cookies.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditRecord } from '../src/audit/trail';
import { MAX_RESPONSE_BYTES } from '../src/proxy/upstream';
import {
  FAULT_NAMESPACE,
  startFaultServer,
  swrError,
  type Fault,
  type FaultServer,
} from './support/fault-server';
import { OIDC_ACCOUNTS } from '@swr-dashboard/test-support';
import { rawRequest } from './support/raw-http';
import { startSignedInStack, type SignedInStack } from './support/signed-in-stack';
import type { Browser, Reply } from './support/stack';

const REGION = 'ap-southeast-3';
const SWR = `/api/swr/${REGION}/v2/manage`;
const LIST = `${SWR}/namespaces`;
const CREATE = `${SWR}/namespaces/${FAULT_NAMESPACE.name}/repos`;
const TIMEOUT_MS = 300;
/** Said by the fault server, never to be repeated to the browser, an audit record or a log. */
const UPSTREAM_TEXT = 'ZZ-UPSTREAM-RAW-TEXT-7f3a';
const INTERNAL = swrError('SVCSTG.SWR.5000001', `Internal error ${UPSTREAM_TEXT}`);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let env: SignedInStack;
let fault: FaultServer;
let elsewhere: FaultServer;
let admin: Browser;
let operator: Browser;
let counter = 0;

beforeAll(async () => {
  fault = await startFaultServer();
  elsewhere = await startFaultServer();
  env = await startSignedInStack({
    env: {
      SWR_ENDPOINT_AP_SOUTHEAST_3: fault.origin,
      UPSTREAM_TIMEOUT: `${TIMEOUT_MS}ms`,
      UPSTREAM_READ_RETRIES: '2',
    },
  });
  ({ browser: admin } = await env.signIn(OIDC_ACCOUNTS.admin));
  ({ browser: operator } = await env.signIn(OIDC_ACCOUNTS.operator));
});
afterAll(async () => {
  await env.close();
  await fault.close();
  await elsewhere.close();
});

/** A fresh script on the fault server for one test. */
function script(...faults: Fault[]): void {
  fault.reset();
  elsewhere.reset();
  fault.queue(...faults);
}

function reply(status: number, body = '', headers: Record<string, string> = {}): Fault {
  return { kind: 'reply', status, body, headers };
}

function createRepo(browser = operator): Promise<Reply> {
  counter += 1;
  return browser.request('POST', CREATE, {
    json: { repository: `upstream-${counter}`, is_public: false },
  });
}

function requestIdOf(answer: Reply): string {
  const id = answer.headers.get('x-request-id');
  if (id === null) throw new Error('no X-Request-Id');
  return id;
}

function auditFor(answer: Reply, event: string): AuditRecord {
  const records = env.audit(event).filter((record) => record.request.id === requestIdOf(answer));
  expect(records).toHaveLength(1);
  return records[0] as AuditRecord;
}

function expectNoUpstreamText(answer: Reply): void {
  expect(answer.text).not.toContain(UPSTREAM_TEXT);
  expect(answer.text).not.toContain('ZZ');
  expect(JSON.stringify(env.audit())).not.toContain(UPSTREAM_TEXT);
  expect(env.stack.logLines.join('\n')).not.toContain(UPSTREAM_TEXT);
}

describe('reads are retried', () => {
  it.each([500, 502, 503, 504])('on %d, then succeed', async (status) => {
    script(reply(status, INTERNAL));
    const answer = await admin.get(LIST);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.json).toEqual({ namespaces: [FAULT_NAMESPACE] });
    const [first, second, ...more] = fault.requests;
    expect(more).toEqual([]);
    expect([first?.method, first?.path, second?.method, second?.path]).toEqual([
      'GET',
      '/v2/manage/namespaces',
      'GET',
      '/v2/manage/namespaces',
    ]);
    // Backoff between attempts; one request id for the browser's call, on every attempt.
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(90);
    expect(first?.headers['x-request-id']).toBe(requestIdOf(answer));
    expect(second?.headers['x-request-id']).toBe(requestIdOf(answer));
    expect(answer.headers.get('x-upstream-request-id')).toBe('fault-req-2');
  });

  it.each([
    ['0', 0],
    ['1', 1000],
  ])('on 429 with Retry-After: %s, after that many seconds', async (retryAfter, waitMs) => {
    script(
      reply(429, swrError('SVCSTG.SWR.4290000', 'Too many requests'), {
        'Retry-After': retryAfter,
      }),
    );
    const answer = await admin.get(LIST);
    expect(answer.status, answer.text).toBe(200);
    const [first, second] = fault.requests;
    expect(fault.requests).toHaveLength(2);
    const gap = (second?.at ?? 0) - (first?.at ?? 0);
    expect(gap).toBeGreaterThanOrEqual(waitMs - 10);
    expect(gap).toBeLessThan(waitMs + 3000);
  });

  it('on a connection reset, then succeed', async () => {
    script({ kind: 'reset' });
    const answer = await admin.get(LIST);
    expect(answer.status, answer.text).toBe(200);
    expect(fault.requests).toHaveLength(2);
  });

  it('up to the configured number of retries, then 502 upstream_error naming the last answer', async () => {
    script(reply(503, INTERNAL), reply(500, INTERNAL), reply(503, INTERNAL));
    const answer = await admin.get(LIST);
    expect(fault.requests).toHaveLength(env.stack.bff.config.upstream.readRetries + 1);
    expect(answer.status).toBe(502);
    expect(answer.json).toEqual({
      code: 'upstream_error',
      message: 'SWR failed to answer (HTTP 503).',
      requestId: requestIdOf(answer),
      upstream: { status: 503, code: 'SVCSTG.SWR.5000001', requestId: 'fault-req-3' },
    });
    expectNoUpstreamText(answer);
  });

  it('on network errors every time → 503 upstream_unavailable', async () => {
    script({ kind: 'reset' }, { kind: 'reset' }, { kind: 'reset' });
    const answer = await admin.get(LIST);
    expect(fault.requests).toHaveLength(3);
    expect(answer.status).toBe(503);
    expect(answer.json).toMatchObject({ code: 'upstream_unavailable', reason: 'network' });
  });

  it.each([
    [429, '6', 429, 'upstream_rejected'],
    [503, '60', 502, 'upstream_error'],
    [503, 'Wed, 21 Oct 2099 07:28:00 GMT', 502, 'upstream_error'],
  ])(
    'not when %d says Retry-After: %s (more than 5 s): the error comes back at once',
    async (status, retryAfter, browserStatus, code) => {
      script(reply(status, INTERNAL, { 'Retry-After': retryAfter }));
      const started = performance.now();
      const answer = await admin.get(LIST);
      expect(performance.now() - started).toBeLessThan(2000);
      expect(fault.requests).toHaveLength(1);
      expect(answer.status).toBe(browserStatus);
      expect(answer.json).toMatchObject({ code, upstream: { status } });
      expectNoUpstreamText(answer);
    },
  );
});

describe('mutations are never retried', () => {
  it.each([500, 502, 503, 504])(
    '%d → one request, 502 upstream_error, audited as a failure',
    async (status) => {
      script(reply(status, INTERNAL));
      const answer = await createRepo();
      expect(fault.requests).toHaveLength(1);
      expect(answer.status).toBe(502);
      expect(answer.json).toMatchObject({
        code: 'upstream_error',
        upstream: { status, code: 'SVCSTG.SWR.5000001', requestId: 'fault-req-1' },
      });
      expect(auditFor(answer, 'swr.createRepo')).toMatchObject({
        outcome: 'failure',
        httpStatus: 502,
        upstream: { method: 'POST', status, requestId: 'fault-req-1' },
      });
      expectNoUpstreamText(answer);
    },
  );

  it('429 with Retry-After: 0 → one request, the refusal comes back', async () => {
    script(reply(429, INTERNAL, { 'Retry-After': '0' }));
    const answer = await createRepo();
    expect(fault.requests).toHaveLength(1);
    expect(answer.status).toBe(429);
    expect(answer.json).toMatchObject({ code: 'upstream_rejected' });
  });

  it('a connection reset after the request arrived → 504 outcome_unknown, one request', async () => {
    script({ kind: 'reset' });
    const answer = await createRepo();
    expect(fault.requests).toHaveLength(1);
    expect(fault.requests[0]?.body).toMatch(/"repository":"upstream-\d+"/);
    expect(answer.status).toBe(504);
    expect(answer.json).toMatchObject({ code: 'outcome_unknown', reason: 'network' });
    const record = auditFor(answer, 'swr.createRepo');
    expect(record).toMatchObject({
      outcome: 'failure',
      httpStatus: 504,
      upstream: { status: null },
    });
    expect(record.reason).toMatch(/network|reached|reset/i);
  });

  it('no answer in time → 504 outcome_unknown after the timeout, audited as a timeout', async () => {
    script({ kind: 'hang' });
    const started = performance.now();
    const answer = await createRepo();
    expect(performance.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(fault.requests).toHaveLength(1);
    expect(answer.status).toBe(504);
    expect(answer.json).toMatchObject({ code: 'outcome_unknown', reason: 'timeout' });
    const record = auditFor(answer, 'swr.createRepo');
    expect(record).toMatchObject({ outcome: 'failure', httpStatus: 504 });
    expect(record.reason).toMatch(/timeout|timed out/i);
  });

  it('a read that times out is retried, then 504 upstream_timeout', async () => {
    script({ kind: 'hang' }, { kind: 'hang' }, { kind: 'hang' });
    const answer = await admin.get(LIST);
    expect(fault.requests).toHaveLength(3);
    expect(answer.status).toBe(504);
    expect(answer.json).toMatchObject({ code: 'upstream_timeout' });
  });
});

describe('redirects are not followed', () => {
  it.each([
    [301, 'GET'],
    [302, 'GET'],
    [307, 'GET'],
    [302, 'POST'],
    [307, 'POST'],
    [308, 'POST'],
  ])('%d on %s → an error for the browser; the target hears nothing', async (status, method) => {
    script(reply(status, '', { Location: `${elsewhere.origin}/v2/manage/namespaces` }));
    const answer = method === 'GET' ? await admin.get(LIST) : await createRepo();
    expect(answer.status).toBe(502);
    expect(answer.headers.get('location')).toBeNull();
    expect(answer.json).toMatchObject({ code: 'upstream_error', upstream: { status } });
    expect(answer.text).not.toContain(elsewhere.origin);
    expect(fault.requests).toHaveLength(1);
    expect(elsewhere.requests).toEqual([]);
  });
});

describe('answers the console cannot take', () => {
  it('a body over the size cap → an error, not a crash', async () => {
    script({ kind: 'huge', bytes: MAX_RESPONSE_BYTES + 1 });
    const answer = await admin.get(LIST);
    expect(fault.requests).toHaveLength(1);
    expect(answer.status).toBe(502);
    expect(answer.json).toMatchObject({ code: 'upstream_invalid_response', reason: 'too-large' });
    expect((await rawRequest(env.stack.origin, { path: '/healthz' })).status).toBe(200);
    expect((await admin.get(LIST)).status).toBe(200);
  });

  it('a body over the size cap for a change → 504 outcome_unknown, audited', async () => {
    script({ kind: 'huge', bytes: MAX_RESPONSE_BYTES + 1 });
    const answer = await createRepo();
    expect(fault.requests).toHaveLength(1);
    expect(answer.status).toBe(504);
    expect(answer.json).toMatchObject({ code: 'outcome_unknown', reason: 'too-large' });
    const record = auditFor(answer, 'swr.createRepo');
    expect(record).toMatchObject({ outcome: 'failure', httpStatus: 504 });
    expect(record.reason).toMatch(/^too-large: /);
  });

  it.each([
    ['a body that breaks the contract', '{"namespaces":"ZZ-UPSTREAM-RAW-TEXT-7f3a"}'],
    ['a body that is not JSON', `<html>${UPSTREAM_TEXT}</html>`],
    ['an empty body', ''],
  ])('a 200 with %s → 502 upstream_invalid_response, not retried', async (_, body) => {
    script(reply(200, body));
    const answer = await admin.get(LIST);
    expect(fault.requests).toHaveLength(1);
    expect(answer.status).toBe(502);
    expect(answer.json).toEqual({
      code: 'upstream_invalid_response',
      message: expect.any(String) as string,
      requestId: requestIdOf(answer),
      upstream: { status: 200, requestId: 'fault-req-1' },
    });
    expectNoUpstreamText(answer);
  });
});

describe("SWR's refusals, in the console's words", () => {
  it('409 with an SWR error body → 409 upstream_rejected, our message, the SWR code', async () => {
    script(reply(409, swrError('SVCSTG.SWR.4090006', `Image already exists ${UPSTREAM_TEXT}`)));
    const answer = await createRepo();
    expect(fault.requests).toHaveLength(1);
    expect(answer.status).toBe(409);
    expect(answer.json).toEqual({
      code: 'upstream_rejected',
      message: 'Image already exists.',
      requestId: requestIdOf(answer),
      upstream: { status: 409, code: 'SVCSTG.SWR.4090006', requestId: 'fault-req-1' },
    });
    expect(auditFor(answer, 'swr.createRepo')).toMatchObject({
      outcome: 'failure',
      httpStatus: 409,
      upstream: { status: 409, code: 'SVCSTG.SWR.4090006' },
    });
    expectNoUpstreamText(answer);
  });

  it.each([
    [
      'an unknown SWR code',
      400,
      swrError('SVCSTG.SWR.4009999', UPSTREAM_TEXT),
      'SVCSTG.SWR.4009999',
    ],
    ['an HTML error page', 404, `<h1>${UPSTREAM_TEXT}</h1>`, undefined],
    [
      'an APIG error',
      400,
      JSON.stringify({ error_code: 'APIGW.0101', error_msg: UPSTREAM_TEXT }),
      'APIGW.0101',
    ],
  ])('%s → a generic sentence of ours', async (_, status, body, code) => {
    script(reply(status, body));
    const answer = await admin.get(LIST);
    expect(answer.status).toBe(status);
    expect(answer.json).toMatchObject({
      code: 'upstream_rejected',
      message: 'SWR refused the request.',
      upstream: { status, ...(code === undefined ? {} : { code }) },
    });
    expectNoUpstreamText(answer);
  });

  it("401/403 (SWR refusing the console's key) → 502, not the user's fault", async () => {
    script(reply(403, swrError('SVCSTG.SWR.4039002', UPSTREAM_TEXT)));
    const answer = await admin.get(LIST);
    expect(answer.status).toBe(502);
    expect(answer.json).toMatchObject({ code: 'upstream_error', upstream: { status: 403 } });
    expectNoUpstreamText(answer);
  });
});

describe('/readyz', () => {
  // Readiness probes each region at most once per READY_INTERVAL (10 s by default): each check
  // here is made in an interval of its own, on a clock moved forward (Date only).
  let clock = Date.now();
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: clock });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  function readyz() {
    clock += 10_001;
    vi.setSystemTime(clock);
    return rawRequest(env.stack.origin, { path: '/readyz' });
  }

  it('is 200 with every region ok', async () => {
    fault.reset();
    const ready = await readyz();
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({
      status: 'ok',
      database: 'ok',
      regions: [
        { id: 'cn-north-4', status: 'ok' },
        { id: 'cn-east-3', status: 'ok' },
        { id: REGION, status: 'ok' },
      ],
    });
    expect(fault.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /']);
  });

  it('is 503 naming the region whose endpoint is down, and recovers', async () => {
    fault.reset();
    fault.setDown(true);
    try {
      const ready = await readyz();
      expect(ready.status).toBe(503);
      expect(ready.json).toMatchObject({
        status: 'failing',
        regions: [
          { id: 'cn-north-4', status: 'ok' },
          { id: 'cn-east-3', status: 'ok' },
          { id: REGION, status: 'failing', detail: expect.any(String) as string },
        ],
      });
    } finally {
      fault.setDown(false);
    }
    expect((await readyz()).status).toBe(200);
  });

  it('is 503 when a region answers an error', async () => {
    script(reply(500, INTERNAL));
    const ready = await readyz();
    expect(ready.status).toBe(503);
    expect(ready.json).toMatchObject({
      regions: [{}, {}, { id: REGION, status: 'failing', detail: 'HTTP 500' }],
    });
    expect(ready.text).not.toContain(UPSTREAM_TEXT);
  });
});

describe('X-Request-Id', () => {
  it.each([
    ['a UUID', randomUUID()],
    ['a ULID', '01J9ZQ8W3X4Y5Z6A7B8C9D0E1F'],
  ])(
    "%s from the browser is kept as the client's id only: the BFF answers, sends and records its own",
    async (_, id) => {
      script(reply(201));
      counter += 1;
      const answer = await operator.request('POST', CREATE, {
        json: { repository: `upstream-${counter}`, is_public: false },
        headers: { 'X-Request-Id': id },
      });
      expect(answer.status, answer.text).toBe(201);
      const own = requestIdOf(answer);
      expect(own).not.toBe(id);
      expect(own).toMatch(UUID);
      expect(fault.requests.map((request) => request.headers['x-request-id'])).toEqual([own]);
      expect(auditFor(answer, 'swr.createRepo').request).toMatchObject({ id: own, clientId: id });
      // The client's id, sent again, does not make the next request look like this one.
      script();
      const again = await admin.get(LIST, { headers: { 'X-Request-Id': id } });
      expect([id, own]).not.toContain(requestIdOf(again));
      expect(fault.requests.map((request) => request.headers['x-request-id'])).toEqual([
        requestIdOf(again),
      ]);
    },
  );

  it.each([
    ['not an id', 'not-a-request-id'],
    ['too long', 'a'.repeat(300)],
    ['a UUID with more after it', `${randomUUID()}-x`],
    ['a ULID with a letter ULIDs never use', '01J9ZQ8W3X4Y5Z6A7B8C9D0E1U'],
    ['log injection', `${randomUUID()} {"level":60}`],
  ])("%s is not kept at all; the BFF's own id is what goes upstream", async (_, id) => {
    script();
    const answer = await admin.get(LIST, { headers: { 'X-Request-Id': id } });
    expect(answer.status).toBe(200);
    const own = requestIdOf(answer);
    expect(own).not.toBe(id);
    expect(own).toMatch(UUID);
    expect(fault.requests.map((request) => request.headers['x-request-id'])).toEqual([own]);
  });

  it('errors carry the same id in the body and the header', async () => {
    script(reply(400, swrError('SVCSTG.SWR.4000014', 'Invalid param')));
    const answer = await admin.get(LIST, { headers: { 'X-Request-Id': randomUUID() } });
    expect(answer.status).toBe(400);
    const own = requestIdOf(answer);
    expect(answer.json).toMatchObject({ requestId: own });
    expect(fault.requests.map((request) => request.headers['x-request-id'])).toEqual([own]);
  });

  it('log lines carry the request id and no headers or cookies', async () => {
    script();
    const before = env.stack.logLines.length;
    const answer = await admin.get(LIST, {
      headers: { Authorization: 'Bearer ZZ-browser-token' },
    });
    expect(answer.status).toBe(200);
    const id = requestIdOf(answer);
    const lines = env.stack.logLines.slice(before);
    const mine = lines.filter((line) => line.includes(id));
    expect(mine.length).toBeGreaterThan(0);
    const parsed = mine.map((line) => JSON.parse(line) as { req?: { id?: string } });
    expect(parsed.some((line) => line.req?.id === id)).toBe(true);
    const everything = env.stack.logLines.join('\n');
    for (const browser of [admin, operator]) {
      for (const value of browser.cookies.values()) expect(everything).not.toContain(value);
    }
    expect(everything).not.toContain('ZZ-browser-token');
    expect(everything).not.toMatch(/"headers"|"cookie"|"set-cookie"|"authorization"|x-csrf/i);
  });
});
