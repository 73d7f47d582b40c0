/**
 * `/readyz` is public: it must not be a way to make SWR calls or to read the console's state.
 * However often and however concurrently it is hit, each region is called at most once per
 * READY_INTERVAL; only peers in PROBE_CIDRS (loopback by default) see each region's details, and
 * the details name a kind of failure, never an error's own text.
 */
import { readinessResponse } from '@swr-dashboard/swr-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultServer, type FaultServer } from './support/fault-server';
import { rawRequest, type RawReply } from './support/raw-http';
import { startStack, type Stack } from './support/stack';

const FAULTY = 'ap-southeast-3';

/** The lines of calls to `GET /` (the readiness probe) the emulator logged since `from`. */
function probesSince(stack: Stack, from: number): string[] {
  return stack.upstreamLog.slice(from).filter((line) => / GET \/ \d{3} /.test(line));
}

const readyz = (stack: Stack) => rawRequest(stack.origin, { path: '/readyz' });

describe('/readyz for the probe network', () => {
  let stack: Stack;
  let fault: FaultServer;
  beforeAll(async () => {
    fault = await startFaultServer();
    // An hour: every hit of this file falls in the interval of the first probe.
    stack = await startStack({
      env: { READY_INTERVAL: '1h', SWR_ENDPOINT_AP_SOUTHEAST_3: fault.origin },
    });
  });
  afterAll(async () => {
    await stack.close();
    await fault.close();
  });

  it('costs one call per region per interval, however many hits and however concurrent', async () => {
    const before = stack.upstreamLog.length;
    const concurrent = await Promise.all(Array.from({ length: 50 }, () => readyz(stack)));
    const sequential: RawReply[] = [];
    for (let i = 0; i < 50; i += 1) sequential.push(await readyz(stack));
    for (const reply of [...concurrent, ...sequential]) expect(reply.status).toBe(200);
    // The two emulator regions once each, and the fault server's region once.
    expect(
      probesSince(stack, before)
        .map((line) => line.split(' ')[0])
        .sort(),
    ).toEqual(['cn-east-3', 'cn-north-4']);
    expect(fault.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /']);
    expect(concurrent[0]?.json).toMatchObject({
      status: 'ok',
      database: 'ok',
      regions: [
        { id: 'cn-north-4', status: 'ok', breaker: { state: 'closed' } },
        { id: 'cn-east-3', status: 'ok' },
        { id: FAULTY, status: 'ok' },
      ],
    });
  });
});

describe('/readyz for everyone else', () => {
  let stack: Stack;
  let fault: FaultServer;
  beforeAll(async () => {
    fault = await startFaultServer();
    fault.setDown(true);
    stack = await startStack({
      env: {
        // Loopback (the tests) is not in the probe network here.
        PROBE_CIDRS: '10.0.0.0/8',
        READY_INTERVAL: '1h',
        SWR_ENDPOINT_AP_SOUTHEAST_3: fault.origin,
      },
    });
  });
  afterAll(async () => {
    await stack.close();
    await fault.close();
  });

  it('gets the status alone: no region, breaker, latency or error', async () => {
    const reply = await readyz(stack);
    expect(reply.status).toBe(503);
    expect(reply.json).toEqual({ status: 'failing' });
  });

  it('signed in, reads the whole report at /api/readiness from the same probes', async () => {
    expect((await rawRequest(stack.origin, { path: '/api/readiness' })).status).toBe(401);
    const browser = stack.browser();
    await browser.signInDemo('vera-viewer');
    const before = stack.upstreamLog.length;
    const reply = await browser.get('/api/readiness');
    expect(reply.status).toBe(200);
    expect(readinessResponse.parse(reply.json)).toMatchObject({
      status: 'failing',
      regions: [
        { id: 'cn-north-4', status: 'ok' },
        { id: 'cn-east-3', status: 'ok' },
        { id: FAULTY, status: 'failing', detail: 'network' },
      ],
    });
    // The probes of the /readyz call above, not new ones (an hour's interval).
    expect(probesSince(stack, before)).toEqual([]);
  });
});

describe('/readyz details', () => {
  let stack: Stack;
  let fault: FaultServer;
  beforeAll(async () => {
    fault = await startFaultServer();
    fault.setDown(true);
    stack = await startStack({ env: { SWR_ENDPOINT_AP_SOUTHEAST_3: fault.origin } });
  });
  afterAll(async () => {
    await stack.close();
    await fault.close();
  });

  it('name the kind of failure, never its text (hosts, ports, system errors)', async () => {
    const reply = await readyz(stack);
    expect(reply.status).toBe(503);
    const regions = (reply.json as { regions: { id: string; detail?: string }[] }).regions;
    expect(regions.find((region) => region.id === FAULTY)?.detail).toBe('network');
    const port = new URL(fault.origin).port;
    expect(reply.text).not.toContain(port);
    expect(reply.text).not.toMatch(/ECONNRESET|ECONNREFUSED|socket|127\.0\.0\.1/);
  });
});
