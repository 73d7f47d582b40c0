/**
 * docs/security.md case 16 (unrestricted resource consumption) against the real stack: request
 * bodies over 64 KB, out-of-range page sizes, per-user limits on changes, reads and docker login
 * commands, per-address limits on starting a sign-in (and only on that), and an SWR endpoint that
 * never answers or stalls mid-answer. Small limits and a 300 ms upstream timeout keep it fast;
 * the defaults are checked through the configuration.
 */
import { PAGE_LIMIT_MAX } from '@swr-dashboard/swr-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load';
import { startFaultServer, type FaultServer } from './support/fault-server';
import { OIDC_ACCOUNTS } from '@swr-dashboard/test-support';
import { RECORDED_PER_KIND } from '../src/security/refusals';
import { rawRequest } from './support/raw-http';
import { startSignedInStack, type SignedInStack } from './support/signed-in-stack';
import type { Browser, Reply } from './support/stack';

const SWR = '/api/swr/cn-north-4/v2/manage';
const FAULT_SWR = '/api/swr/ap-southeast-3/v2/manage';
const MUTATIONS = 4;
const READS = 8;
const LOGIN_COMMANDS = 2;
const SIGN_INS = 8;
const TIMEOUT_MS = 300;
const READ_RETRIES = 1;

let env: SignedInStack;
let fault: FaultServer;
let operator: Browser;
let viewer: Browser;
let admin: Browser;
let payments: Browser;
let counter = 0;

beforeAll(async () => {
  fault = await startFaultServer();
  env = await startSignedInStack({
    env: {
      RATE_LIMIT_MUTATIONS_PER_MINUTE: String(MUTATIONS),
      RATE_LIMIT_READS_PER_MINUTE: String(READS),
      RATE_LIMIT_LOGIN_COMMANDS_PER_HOUR: String(LOGIN_COMMANDS),
      RATE_LIMIT_SIGN_IN_PER_MINUTE: String(SIGN_INS),
      UPSTREAM_TIMEOUT: `${TIMEOUT_MS}ms`,
      UPSTREAM_READ_RETRIES: String(READ_RETRIES),
      SWR_ENDPOINT_AP_SOUTHEAST_3: fault.origin,
    },
  });
  // Four sign-ins from 127.0.0.1, under its sign-in limit; the sign-in tests use other addresses.
  const browsers = await Promise.all(
    [
      OIDC_ACCOUNTS.operator,
      OIDC_ACCOUNTS.viewer,
      OIDC_ACCOUNTS.admin,
      OIDC_ACCOUNTS.scopedOperator,
    ].map(async (account) => (await env.signIn(account)).browser),
  );
  [operator, viewer, admin, payments] = browsers as [Browser, Browser, Browser, Browser];
});
afterAll(async () => {
  await env.close();
  await fault.close();
});

function uniqueRepo(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

async function withoutUpstream<T>(call: () => Promise<T>): Promise<T> {
  const before = env.upstreamCalls();
  const faultBefore = fault.requests.length;
  const result = await call();
  expect(env.stack.upstreamLog.slice(before)).toEqual([]);
  expect(fault.requests.slice(faultBefore)).toEqual([]);
  return result;
}

function expectRateLimited(reply: Reply, limit: number, windowSeconds: number): void {
  expect(reply.status, reply.text).toBe(429);
  expect(reply.json).toMatchObject({
    code: 'rate_limited',
    requestId: reply.headers.get('x-request-id'),
  });
  expect(reply.headers.get('ratelimit')).toMatch(/"[^"]+"; r=0; t=\d+/);
  expect(reply.headers.get('ratelimit-policy')).toContain(`q=${limit}; w=${windowSeconds};`);
  expect(reply.headers.get('x-ratelimit-limit')).toBeNull();
}

describe('the defaults', () => {
  it('are 30 changes and 300 reads a minute per user, 5 login commands an hour, 20 sign-ins and 60 refusals of anonymous requests a minute per address', () => {
    const config = loadConfig({ NODE_ENV: 'test', BFF_DATABASE: ':memory:' });
    expect(config.rateLimits).toEqual({
      mutationsPerMinute: 30,
      readsPerMinute: 300,
      loginCommandsPerHour: 5,
      signInPerMinute: 20,
      anonymousPerMinute: 60,
      batchReserve: 5,
    });
    expect(config.upstream).toEqual({ timeoutMs: 15_000, readRetries: 2 });
    expect(env.stack.bff.config.rateLimits).toEqual({
      mutationsPerMinute: MUTATIONS,
      readsPerMinute: READS,
      loginCommandsPerHour: LOGIN_COMMANDS,
      signInPerMinute: SIGN_INS,
      anonymousPerMinute: 60,
      batchReserve: 5,
    });
  });
});

describe('request size', () => {
  it('a 1 MB JSON body → 413 payload_too_large, nothing upstream', async () => {
    const description = 'x'.repeat(1024 * 1024);
    const reply = await withoutUpstream(() =>
      admin.request('POST', `${SWR}/namespaces/platform/repos`, {
        json: { repository: uniqueRepo('big'), is_public: false, description },
      }),
    );
    expect(reply.status).toBe(413);
    expect(reply.json).toMatchObject({
      code: 'payload_too_large',
      requestId: reply.headers.get('x-request-id'),
    });
  });

  it('the limit is 64 KB: just over is 413, just under is parsed (and then validated)', async () => {
    const body = (size: number) => {
      const base = JSON.stringify({ repository: 'edge', is_public: false, description: '' });
      return base.replace('"description":""', `"description":"${'d'.repeat(size - base.length)}"`);
    };
    const over = await withoutUpstream(() =>
      admin.request('POST', `${SWR}/namespaces/platform/repos`, {
        body: body(64 * 1024 + 1),
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    expect(over.status).toBe(413);
    const under = await withoutUpstream(() =>
      admin.request('POST', `${SWR}/namespaces/platform/repos`, {
        body: body(60 * 1024),
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    expect(under.status).toBe(400);
    expect(under.json).toMatchObject({
      code: 'invalid_parameter',
      issues: [{ path: 'body.description' }],
    });
  });

  it.each(['100000', String(PAGE_LIMIT_MAX + 1), '0', '-1', '1e3'])(
    'limit=%s → 400, nothing upstream',
    async (limit) => {
      const reply = await withoutUpstream(() =>
        operator.get(`${SWR}/repos?limit=${limit}&offset=0`),
      );
      expect(reply.status).toBe(400);
      expect(reply.json).toMatchObject({
        code: 'invalid_parameter',
        issues: [{ path: 'query.limit' }],
      });
    },
  );
});

describe('changes per user per minute', () => {
  it(`the ${MUTATIONS + 1}th change within a minute → 429 with RateLimit headers, nothing upstream`, async () => {
    for (let i = 1; i <= MUTATIONS; i += 1) {
      const reply = await payments.request('POST', `${SWR}/namespaces/payments/repos`, {
        json: { repository: uniqueRepo('limited'), is_public: false },
      });
      expect(reply.status, reply.text).toBe(201);
      expect(reply.headers.get('ratelimit')).toMatch(`r=${MUTATIONS - i};`);
    }
    const refused = await withoutUpstream(() =>
      payments.request('DELETE', `${SWR}/namespaces/payments/repos/no-such-repo/tags/latest`),
    );
    expectRateLimited(refused, MUTATIONS, 60);
    // The limit is the user's, not the session's: a second sign-in does not reset it.
    const { browser: again } = await env.signIn(OIDC_ACCOUNTS.scopedOperator);
    const second = await withoutUpstream(() =>
      again.request('POST', `${SWR}/namespaces/payments/repos`, {
        json: { repository: uniqueRepo('limited'), is_public: false },
      }),
    );
    expectRateLimited(second, MUTATIONS, 60);
    // Reads are counted apart, and another user still gets to make changes.
    expect((await payments.get(`${SWR}/namespaces`)).status).toBe(200);
    const other = await admin.request('POST', `${SWR}/namespaces/platform/repos`, {
      json: { repository: uniqueRepo('other-user'), is_public: false },
    });
    expect(other.status, other.text).toBe(201);
  });
});

describe("a job's preview", () => {
  it('counts with the reads, not against the change budget', async () => {
    const { browser: scopedAdmin } = await env.signIn(OIDC_ACCOUNTS.scopedAdmin);
    const spec = {
      kind: 'tag-cleanup',
      region: 'cn-north-4',
      repositories: [{ namespace: 'payments', repository: 'payment-gateway' }],
      rule: { pattern: 'no-such-tag-*' },
    };
    for (let i = 1; i <= MUTATIONS + 1; i += 1) {
      const reply = await scopedAdmin.request('POST', '/api/jobs/preview', { json: spec });
      expect(reply.status, reply.text).toBe(200);
      expect(reply.headers.get('ratelimit')).toMatch(`r=${READS - i};`);
    }
  });
});

describe('a batch of changes', () => {
  it('leaves part of the change budget to the user: paused at the reserve, with the seconds to wait', async () => {
    const { browser: dana } = await env.signIn(OIDC_ACCOUNTS.deployOperator);
    const batch = { 'X-Console-Batch': '1' };
    // MUTATIONS is 4: the reserve is half of it here (5 at most).
    const reserve = Math.min(5, Math.floor(MUTATIONS / 2));
    for (let i = 0; i < MUTATIONS - reserve; i += 1) {
      const reply = await dana.request('POST', `${SWR}/namespaces/platform/repos`, {
        json: { repository: uniqueRepo('batch'), is_public: false },
        headers: batch,
      });
      expect(reply.status, reply.text).toBe(201);
    }
    const paused = await withoutUpstream(() =>
      dana.request('POST', `${SWR}/namespaces/platform/repos`, {
        json: { repository: uniqueRepo('batch'), is_public: false },
        headers: batch,
      }),
    );
    expect(paused.status).toBe(429);
    expect(paused.json).toMatchObject({ code: 'rate_limited', reason: 'batch-reserve' });
    expect(Number(paused.headers.get('retry-after'))).toBeGreaterThan(0);
    // The user's own changes still go through, down to the whole budget.
    for (let i = 0; i < reserve; i += 1) {
      const own = await dana.request('POST', `${SWR}/namespaces/platform/repos`, {
        json: { repository: uniqueRepo('own'), is_public: false },
      });
      expect(own.status, own.text).toBe(201);
    }
    expectRateLimited(
      await dana.request('POST', `${SWR}/namespaces/platform/repos`, {
        json: { repository: uniqueRepo('own'), is_public: false },
      }),
      MUTATIONS,
      60,
    );
  });
});

describe('reads per user per minute', () => {
  it("one user's exhausted read budget does not touch another's, nor the user's shell", async () => {
    for (let i = 1; i <= READS; i += 1) {
      const reply = await viewer.get(i % 2 === 0 ? '/api/audit' : `${SWR}/namespaces`);
      expect(reply.status === 200 || reply.status === 403, reply.text).toBe(true);
    }
    const refused = await withoutUpstream(() => viewer.get(`${SWR}/namespaces`));
    expectRateLimited(refused, READS, 60);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Who the user is and which regions exist still answer: the shell shows the limit itself.
    for (let i = 0; i < READS + 2; i += 1) {
      expect((await viewer.get('/api/me')).status).toBe(200);
      expect((await viewer.get('/api/regions')).status).toBe(200);
    }
    const other = await operator.get(`${SWR}/namespaces`);
    expect(other.status).toBe(200);
    expect(other.headers.get('ratelimit')).not.toMatch(/r=0;/);
  });

  it(`a refusal by a limit is audited: ${RECORDED_PER_KIND} a minute one by one, the rest counted`, async () => {
    // The viewer is over the read budget (the test above: one refusal of this route so far).
    for (let i = 0; i < RECORDED_PER_KIND + 2; i += 1) {
      expect((await viewer.get(`${SWR}/namespaces`)).status).toBe(429);
    }
    const mine = () =>
      env
        .audit('ratelimit.refused')
        .filter((record) => record.actor?.sub === OIDC_ACCOUNTS.viewer.id);
    expect(mine()).toHaveLength(RECORDED_PER_KIND);
    expect(mine()[0]).toMatchObject({
      outcome: 'denied',
      httpStatus: 429,
      reason: 'too many requests',
      actor: { role: 'viewer' },
    });
    env.stack.bff.refusals.flush(true);
    expect(mine().map((record) => record.repeats?.count ?? 1)).toEqual([
      ...Array<number>(RECORDED_PER_KIND).fill(1),
      3,
    ]);
  });
});

describe('docker login commands per user per hour', () => {
  const SECRET = '/api/swr/cn-north-4/v2/manage/utils/secret';

  it(`the ${LOGIN_COMMANDS + 1}th within an hour → 429, nothing upstream; other users unaffected`, async () => {
    for (let i = 0; i < LOGIN_COMMANDS; i += 1) {
      const reply = await operator.request('POST', SECRET);
      expect(reply.status, reply.text).toBe(200);
      expect(reply.json).toMatchObject({ auths: expect.any(Object) as object });
    }
    const refused = await withoutUpstream(() =>
      operator.request('POST', `${SECRET}?projectname=cn-north-4`),
    );
    expectRateLimited(refused, LOGIN_COMMANDS, 3600);
    expect((refused.json as { message: string }).message).toMatch(/login commands/);
    // Another spelling of the path is no way around the limit: it is no route at all (the
    // viewer tries the rest: the operator's change budget of the minute is spent).
    const spelled = await withoutUpstream(() =>
      operator.request('POST', '/api/SWR/cn-north-4/v2/manage/utils/secret'),
    );
    expect(spelled.status).toBe(404);
    expect(spelled.json).toMatchObject({ code: 'not_found' });
    for (const path of [
      '/API/swr/cn-north-4/v2/manage/utils/secret',
      '/api/swr/cn-north-4/V2/manage/utils/secret',
      '/api/swr/cn-north-4/v2/manage/utils/SECRET',
    ]) {
      const other = await withoutUpstream(() => viewer.request('POST', path));
      expect(other.status, path).toBe(404);
      expect(other.json, path).toMatchObject({ code: 'not_found' });
    }
    // A trailing `/` is an empty segment, which the path guard refuses as malformed.
    const slash = await withoutUpstream(() => viewer.request('POST', `${SECRET}/`));
    expect(slash.status).toBe(400);
    const other = await admin.request('POST', SECRET);
    expect(other.status, other.text).toBe(200);
  });
});

describe('starting a sign-in, per client address', () => {
  const origin = () => env.stack.origin;
  const start = (localAddress: string, path = '/auth/login', method = 'GET') =>
    rawRequest(origin(), {
      method,
      path,
      localAddress,
      ...(method === 'POST'
        ? {
            headers: {
              'X-CSRF': '1',
              Origin: env.publicOrigin,
              'Content-Type': 'application/json',
            },
            body: JSON.stringify({ user: 'ada-admin' }),
          }
        : {}),
    });

  it(`the ${SIGN_INS + 1}th /auth/login from one address → 429; other addresses still start`, async () => {
    for (let i = 0; i < SIGN_INS; i += 1) {
      expect((await start('127.0.0.9')).status).toBe(302);
    }
    const refused = await start('127.0.0.9');
    expect(refused.status).toBe(429);
    expect(refused.headers.location).toBeUndefined();
    expect(refused.json).toMatchObject({ code: 'rate_limited' });
    expect(refused.headers['ratelimit-policy']).toContain(`q=${SIGN_INS}; w=60;`);
    // The route with a query is the same route, still limited; other spellings are no route.
    expect((await start('127.0.0.9', '/auth/login?returnTo=/x')).status).toBe(429);
    for (const path of ['/auth/LOGIN', '/auth/login/', '/AUTH/login']) {
      expect((await start('127.0.0.9', path)).status, path).toBe(404);
    }
    // A forged X-Forwarded-For is not believed (no proxy hop is trusted here).
    const forged = await rawRequest(origin(), {
      path: '/auth/login',
      localAddress: '127.0.0.9',
      headers: { 'X-Forwarded-For': '10.9.8.7' },
    });
    expect(forged.status).toBe(429);
    expect((await start('127.0.0.10')).status).toBe(302);
  });

  it('/auth/demo/login shares the same budget', async () => {
    for (let i = 0; i < SIGN_INS / 2; i += 1) {
      expect((await start('127.0.0.11')).status).toBe(302);
      // Demo sign-in is off in oidc mode: 404, but the attempt still counts.
      expect((await start('127.0.0.11', '/auth/demo/login', 'POST')).status).toBe(404);
    }
    const refused = await start('127.0.0.11', '/auth/demo/login', 'POST');
    expect(refused.status).toBe(429);
    expect(refused.json).toMatchObject({ code: 'rate_limited' });
    expect((await start('127.0.0.11')).status).toBe(429);
  });

  it('callbacks and sign-outs are outside the sign-in limit; failed callbacks are counted per address', async () => {
    for (let i = 0; i < SIGN_INS; i += 1) await start('127.0.0.12');
    expect((await start('127.0.0.12')).status).toBe(429);
    for (let i = 0; i < SIGN_INS + 2; i += 1) {
      const callback = await rawRequest(origin(), {
        path: '/auth/callback?code=x&state=y',
        localAddress: '127.0.0.12',
      });
      expect(callback.status).toBe(400);
      expect(callback.json).toMatchObject({ code: 'login_failed' });
      const logout = await rawRequest(origin(), {
        method: 'POST',
        path: '/auth/logout',
        localAddress: '127.0.0.12',
        headers: { 'X-CSRF': '1', Origin: env.publicOrigin },
      });
      expect(logout.status).toBe(200);
      const getLogout = await rawRequest(origin(), {
        path: '/auth/logout',
        localAddress: '127.0.0.12',
      });
      expect(getLogout.status).toBe(405);
    }
    // The first few failures are on record at once; the ones after them in the minute are
    // counted into one record when the minute ends (anonymous.test.ts).
    expect(
      env.audit('login.failure').filter((record) => record.source.ip === '127.0.0.12'),
    ).toHaveLength(RECORDED_PER_KIND);
  });
});

describe('a hung or stalling SWR endpoint', () => {
  async function timedRead(): Promise<{ reply: Reply; ms: number }> {
    const started = performance.now();
    const reply = await admin.get(`${FAULT_SWR}/namespaces`);
    return { reply, ms: performance.now() - started };
  }

  it('one that never answers → 504 upstream_timeout after the timeout', async () => {
    fault.reset();
    fault.queue(...Array.from({ length: READ_RETRIES + 1 }, () => ({ kind: 'hang' as const })));
    const { reply, ms } = await timedRead();
    expect(reply.status, reply.text).toBe(504);
    expect(reply.json).toMatchObject({
      code: 'upstream_timeout',
      requestId: reply.headers.get('x-request-id'),
    });
    expect(fault.requests).toHaveLength(READ_RETRIES + 1);
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS * (READ_RETRIES + 1));
    expect(ms).toBeLessThan(5_000);
  });

  it('one that sends headers and part of the body, then stalls → 504 after the timeout', async () => {
    fault.reset();
    fault.queue(
      ...Array.from({ length: READ_RETRIES + 1 }, () => ({
        kind: 'stall' as const,
        status: 200,
        partialBody: '{"namespaces":[',
      })),
    );
    const { reply, ms } = await timedRead();
    expect(reply.status, reply.text).toBe(504);
    expect(reply.json).toMatchObject({ code: 'upstream_timeout' });
    expect(fault.requests).toHaveLength(READ_RETRIES + 1);
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(ms).toBeLessThan(5_000);
  });

  it('the process stays up and keeps serving', async () => {
    fault.reset();
    const health = await rawRequest(env.stack.origin, { path: '/healthz' });
    expect(health.status).toBe(200);
    expect((await admin.get(`${FAULT_SWR}/namespaces`)).status).toBe(200);
    expect((await admin.get(`${SWR}/namespaces`)).status).toBe(200);
    expect(env.stack.logLines.join('\n')).not.toMatch(/unexpected error|uncaught|unhandled/i);
  });
});
