/**
 * W3C Trace Context through the whole BFF: a trusted proxy's well-formed `traceparent` is the
 * request's trace (in its log line, and passed on to SWR with a span id of the BFF's); a
 * malformed one, or one from a peer that is not a trusted proxy, is ignored and the request
 * starts a trace of its own. The request ids stay as they were: the BFF's own, the client's kept
 * apart. SWR is a recording endpoint, which keeps each request's headers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childTraceparent, newTrace, parseTraceparent } from '../src/http/trace';
import { startRecordingEndpoint, type RecordingEndpoint } from './support/recording-endpoint';
import { startStack, type Browser, type Stack } from './support/stack';

const REGION = 'la-south-2';
const LIST = `/api/swr/${REGION}/v2/manage/namespaces`;
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${PARENT_ID}-01`;
const CLIENT_REQUEST_ID = '6f1c0f52-3b7e-4a8e-9a57-1d2a5f0e9c11';
const OUTGOING = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

const MALFORMED = [
  TRACEPARENT.toUpperCase(),
  `ff-${TRACE_ID}-${PARENT_ID}-01`,
  `00-${'0'.repeat(32)}-${PARENT_ID}-01`,
  `00-${TRACE_ID}-${'0'.repeat(16)}-01`,
  `${TRACEPARENT}-extra`,
  `00-${TRACE_ID.slice(1)}-${PARENT_ID}-01`,
  `00-${TRACE_ID}-${PARENT_ID}`,
  `${TRACEPARENT}, 00-${'1'.repeat(32)}-${PARENT_ID}-01`,
  ` ${TRACEPARENT}x`,
];

interface Traced {
  /** The `traceparent` SWR got. */
  upstream: string;
  /** The trace id of the request's log line. */
  logged: unknown;
  /** The request id SWR got, and the one the browser got. */
  upstreamRequestId: unknown;
  requestId: string | null;
}

async function tracedList(
  stack: Stack,
  swr: RecordingEndpoint,
  browser: Browser,
  headers: Record<string, string>,
  status = 200,
): Promise<Traced> {
  const from = swr.requests.length;
  const reply = await browser.get(LIST, { headers });
  expect(reply.status, reply.text).toBe(status);
  const sent = swr.requests.slice(from);
  expect(sent).toHaveLength(1);
  const requestId = reply.headers.get('x-request-id');
  const line = stack.logLines
    .map((text) => JSON.parse(text) as { req?: { id?: string }; traceId?: unknown })
    .find((entry) => entry.req?.id === requestId);
  return {
    upstream: String(sent[0]?.headers.traceparent),
    logged: line?.traceId,
    upstreamRequestId: sent[0]?.headers['x-request-id'],
    requestId,
  };
}

async function stackWith(env: Record<string, string>) {
  const swr = await startRecordingEndpoint();
  const stack = await startStack({
    env: {
      SWR_REGIONS: `cn-north-4,${REGION}`,
      SWR_ENDPOINT_LA_SOUTH_2: swr.url,
      UPSTREAM_READ_RETRIES: '0',
      ...env,
    },
  });
  const browser = stack.browser();
  await browser.signInDemo('vera-viewer');
  return { swr, stack, browser };
}

describe('traces from a trusted proxy', { timeout: 60_000 }, () => {
  let env: Awaited<ReturnType<typeof stackWith>>;
  beforeAll(async () => {
    // The test's loopback peer is in TRUST_PROXY_CIDRS (private networks by default).
    env = await stackWith({ TRUST_PROXY_HOPS: '1' });
  });
  afterAll(async () => {
    await env.stack.close();
    await env.swr.close();
  });

  it("continues the proxy's trace: in the log line, and to SWR with a new span id", async () => {
    const traced = await tracedList(env.stack, env.swr, env.browser, {
      traceparent: TRACEPARENT,
      'X-Request-Id': CLIENT_REQUEST_ID,
    });
    const [, traceId, spanId, flags] = OUTGOING.exec(traced.upstream) ?? [];
    expect(traceId).toBe(TRACE_ID);
    expect(spanId).not.toBe(PARENT_ID);
    expect(spanId).not.toMatch(/^0+$/);
    expect(flags).toBe('01');
    expect(traced.logged).toBe(TRACE_ID);
    // The request id is still the BFF's own, not the client's.
    expect(traced.requestId).not.toBe(CLIENT_REQUEST_ID);
    expect(traced.upstreamRequestId).toBe(traced.requestId);
  });

  it('puts the trace on the line of a request that failed', async () => {
    const { answer } = env.swr;
    env.swr.answer = () => ({ status: 500, body: '{}' });
    try {
      const traced = await tracedList(
        env.stack,
        env.swr,
        env.browser,
        { traceparent: TRACEPARENT },
        502,
      );
      expect(traced.logged).toBe(TRACE_ID);
    } finally {
      env.swr.answer = answer;
    }
  });

  it('gives each call to SWR a span id of its own', async () => {
    const first = await tracedList(env.stack, env.swr, env.browser, { traceparent: TRACEPARENT });
    const second = await tracedList(env.stack, env.swr, env.browser, { traceparent: TRACEPARENT });
    expect(first.upstream).not.toBe(second.upstream);
  });

  it.each(MALFORMED)('ignores a malformed traceparent: %s', async (traceparent) => {
    const traced = await tracedList(env.stack, env.swr, env.browser, { traceparent });
    const [, traceId, , flags] = OUTGOING.exec(traced.upstream) ?? [];
    expect(traceId).toBeDefined();
    expect(traceId).not.toBe(TRACE_ID);
    expect(flags).toBe('00');
    expect(traced.logged).toBe(traceId);
  });

  it('starts a trace for a request that comes with none', async () => {
    const one = await tracedList(env.stack, env.swr, env.browser, {});
    const two = await tracedList(env.stack, env.swr, env.browser, {});
    const idOf = (traced: Traced) => OUTGOING.exec(traced.upstream)?.[1];
    expect(idOf(one)).toBe(one.logged);
    expect(idOf(two)).toBe(two.logged);
    expect(idOf(one)).not.toBe(idOf(two));
  });
});

describe('traces from anyone else', { timeout: 60_000 }, () => {
  let env: Awaited<ReturnType<typeof stackWith>>;
  beforeAll(async () => {
    // A proxy is trusted, but not the test's loopback peer.
    env = await stackWith({ TRUST_PROXY_HOPS: '1', TRUST_PROXY_CIDRS: '192.0.2.0/24' });
  });
  afterAll(async () => {
    await env.stack.close();
    await env.swr.close();
  });

  it("ignores an untrusted peer's traceparent", async () => {
    const traced = await tracedList(env.stack, env.swr, env.browser, { traceparent: TRACEPARENT });
    const traceId = OUTGOING.exec(traced.upstream)?.[1];
    expect(traceId).toBeDefined();
    expect(traceId).not.toBe(TRACE_ID);
    expect(traced.logged).toBe(traceId);
  });
});

describe('the traceparent format', () => {
  it('reads version 00 exactly and a later version with more fields', () => {
    expect(parseTraceparent(TRACEPARENT)).toEqual({
      traceId: TRACE_ID,
      parentId: PARENT_ID,
      flags: '01',
    });
    expect(parseTraceparent(`cc-${TRACE_ID}-${PARENT_ID}-09-what-comes-later`)).toEqual({
      traceId: TRACE_ID,
      parentId: PARENT_ID,
      flags: '09',
    });
    expect(parseTraceparent(`cc-${TRACE_ID}-${PARENT_ID}-09x`)).toBeUndefined();
    expect(parseTraceparent([TRACEPARENT, TRACEPARENT])).toBeUndefined();
    expect(parseTraceparent(undefined)).toBeUndefined();
    for (const value of MALFORMED) expect(parseTraceparent(value), value).toBeUndefined();
  });

  it("passes the trace on with the caller's flags and a fresh span id", () => {
    const outgoing = childTraceparent({ traceId: TRACE_ID, parentId: PARENT_ID, flags: '01' });
    expect(outgoing).toMatch(new RegExp(`^00-${TRACE_ID}-[0-9a-f]{16}-01$`));
    expect(parseTraceparent(outgoing)?.parentId).not.toBe(PARENT_ID);
  });

  it('draws ids that never repeat, across refills of the random pool', () => {
    // 4 KiB of random bytes hold 170 traces with a span each: 2,000 of them refill it often.
    const ids = Array.from({ length: 2000 }, () => {
      const { traceId } = newTrace();
      const spanId = parseTraceparent(childTraceparent({ traceId, flags: '00' }))?.parentId;
      return [traceId, spanId];
    }).flat();
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}(?:[0-9a-f]{16})?$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
