/**
 * docs/security.md cases 1, 5 and 6 against the real stack (OIDC sign-in through a local
 * provider, the emulator as SWR): unauthenticated API calls get a 401 JSON answer, never a
 * redirect; cross-site forms, `no-cors` fetches and method-override tricks are refused before
 * anything reaches SWR; a same-site sibling carrying `X-CSRF: 1` is still refused; and no route
 * answers a CORS preflight with any `Access-Control-*` header.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../src/audit/trail';
import { OIDC_ACCOUNTS } from '@swr-dashboard/test-support';
import { newClientAddress, rawRequest, type RawReply } from './support/raw-http';
import { startSignedInStack, type SignedInStack } from './support/signed-in-stack';
import type { Browser, Reply } from './support/stack';

const SWR = '/api/swr/cn-north-4/v2/manage';
const CREATE_REPO = `${SWR}/namespaces/platform/repos`;
const REPO = `${SWR}/namespaces/platform/repos/ci$runner`;
const EVIL = 'https://evil.example';
const SIBLING = 'https://other.corp.example';

let env: SignedInStack;
let operator: Browser;
let admin: Browser;
let counter = 0;

beforeAll(async () => {
  env = await startSignedInStack();
  ({ browser: operator } = await env.signIn(OIDC_ACCOUNTS.operator));
  ({ browser: admin } = await env.signIn(OIDC_ACCOUNTS.admin));
});
afterAll(async () => {
  await env.close();
});

function requestIdOf(reply: Reply | RawReply): string {
  const value =
    reply.headers instanceof Headers
      ? reply.headers.get('x-request-id')
      : reply.headers['x-request-id'];
  if (typeof value !== 'string') throw new Error('no X-Request-Id on the answer');
  return value;
}

/** The one audit record of `event` written for this answer's request. */
function auditFor(reply: Reply | RawReply, event: string): AuditRecord {
  const id = requestIdOf(reply);
  const records = env.audit(event).filter((record) => record.request.id === id);
  expect(records, `${event} records for ${id}`).toHaveLength(1);
  return records[0] as AuditRecord;
}

/** Runs `call` and asserts the emulator received nothing meanwhile. */
async function withoutUpstream<T>(call: () => Promise<T>): Promise<T> {
  const before = env.upstreamCalls();
  const result = await call();
  expect(env.stack.upstreamLog.slice(before)).toEqual([]);
  return result;
}

function uniqueRepo(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

function accessControlHeaders(headers: Headers | RawReply['headers']): string[] {
  const names = headers instanceof Headers ? [...headers.keys()] : Object.keys(headers);
  return names.filter((name) => name.toLowerCase().startsWith('access-control-'));
}

describe('case 1: an API call without a session', () => {
  it.each([
    ['no cookie, no X-CSRF', {}],
    ['X-CSRF: 1 but no session', { 'X-CSRF': '1' }],
    ['X-CSRF and a browser asking for HTML', { 'X-CSRF': '1', Accept: 'text/html' }],
    ['an unknown session cookie', { 'X-CSRF': '1', Cookie: 'swr-bff.sid=s%3Anobody.sig' }],
  ])('%s → 401 JSON, no redirect, nothing upstream, audited', async (_, headers) => {
    const reply = await withoutUpstream(() =>
      rawRequest(env.stack.origin, {
        path: `${SWR}/namespaces`,
        headers,
        localAddress: newClientAddress(),
      }),
    );
    expect(reply.status).toBe(401);
    expect(reply.headers.location).toBeUndefined();
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(reply.json).toEqual({
      code: 'unauthenticated',
      message: expect.any(String) as string,
      requestId: requestIdOf(reply),
    });
    expect(auditFor(reply, 'auth.unauthenticated')).toMatchObject({
      outcome: 'denied',
      actor: null,
      httpStatus: 401,
      request: { method: 'GET', route: `${SWR}/namespaces` },
    });
  });

  it('refuses a mutation and /api/me the same way', async () => {
    const client = newClientAddress();
    const create = await withoutUpstream(() =>
      rawRequest(env.stack.origin, {
        method: 'POST',
        path: CREATE_REPO,
        headers: {
          'X-CSRF': '1',
          Origin: env.stack.origin,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ repository: uniqueRepo('anon'), is_public: false }),
        localAddress: client,
      }),
    );
    expect(create.status).toBe(401);
    expect(create.headers.location).toBeUndefined();
    expect(create.json).toMatchObject({ code: 'unauthenticated' });
    expect(auditFor(create, 'auth.unauthenticated')).toMatchObject({
      request: { method: 'POST' },
    });
    const me = await rawRequest(env.stack.origin, {
      path: '/api/me',
      headers: { 'X-CSRF': '1' },
      localAddress: newClientAddress(),
    });
    expect(me.status).toBe(401);
    expect(me.json).toMatchObject({ code: 'unauthenticated' });
    expect(auditFor(me, 'auth.unauthenticated')).toMatchObject({ request: { route: '/api/me' } });
  });
});

describe('case 5: classic cross-site CSRF', () => {
  /** What a page on another site can make a browser send: no X-CSRF, a foreign Origin. */
  function crossSite(
    method: string,
    path: string,
    contentType: string | undefined,
    body: string | undefined,
    extra: Record<string, string> = {},
  ): Promise<RawReply> {
    return rawRequest(env.stack.origin, {
      method,
      path,
      headers: {
        Cookie: operator.cookieHeader(),
        Origin: EVIL,
        'Sec-Fetch-Site': 'cross-site',
        ...(contentType === undefined ? {} : { 'Content-Type': contentType }),
        ...extra,
      },
      ...(body === undefined ? {} : { body }),
    });
  }

  it.each([
    [
      'an HTML form posting JSON as text/plain',
      'POST',
      CREATE_REPO,
      'text/plain',
      '{"repository":"csrf-plain","is_public":false,"x":"="}',
      { 'Sec-Fetch-Mode': 'navigate' },
    ],
    [
      'an urlencoded HTML form',
      'POST',
      CREATE_REPO,
      'application/x-www-form-urlencoded',
      'repository=csrf-form&is_public=false',
      { 'Sec-Fetch-Mode': 'navigate' },
    ],
    [
      'a multipart HTML form',
      'POST',
      CREATE_REPO,
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="repository"\r\n\r\ncsrf-multi\r\n--x--\r\n',
      { 'Sec-Fetch-Mode': 'navigate' },
    ],
    [
      'a form with _method=DELETE in the query and the body',
      'POST',
      `${REPO}?_method=DELETE`,
      'application/x-www-form-urlencoded',
      '_method=DELETE',
      { 'Sec-Fetch-Mode': 'navigate' },
    ],
    [
      "fetch(…, {mode: 'no-cors'}) with a text/plain JSON body",
      'POST',
      CREATE_REPO,
      'text/plain;charset=UTF-8',
      '{"repository":"csrf-no-cors","is_public":false}',
      { 'Sec-Fetch-Mode': 'no-cors' },
    ],
    [
      "fetch(…, {mode: 'no-cors'}) with X-HTTP-Method-Override",
      'POST',
      REPO,
      'text/plain',
      '',
      { 'Sec-Fetch-Mode': 'no-cors', 'X-HTTP-Method-Override': 'DELETE' },
    ],
    [
      'an <img> GET of an API route',
      'GET',
      `${SWR}/namespaces`,
      undefined,
      undefined,
      { 'Sec-Fetch-Mode': 'no-cors', 'Sec-Fetch-Dest': 'image' },
    ],
  ])(
    '%s → 403, nothing upstream, audited csrf.rejected',
    async (_, method, path, type, body, extra) => {
      const reply = await withoutUpstream(() => crossSite(method, path, type, body, extra));
      expect(reply.status).toBe(403);
      expect(reply.json).toMatchObject({ code: 'csrf', requestId: requestIdOf(reply) });
      expect(auditFor(reply, 'csrf.rejected')).toMatchObject({
        outcome: 'denied',
        httpStatus: 403,
        reason: 'the X-CSRF: 1 header is missing',
        actor: { sub: OIDC_ACCOUNTS.operator.id, role: 'operator' },
        request: { method },
      });
    },
  );

  it.each([
    ['text/plain', 'text/plain', '{"repository":"plain-same-origin","is_public":false}'],
    ['urlencoded', 'application/x-www-form-urlencoded', 'repository=form&is_public=false'],
    ['multipart', 'multipart/form-data; boundary=x', '--x--\r\n'],
    ['JSON in another charset', 'application/json; charset=iso-8859-1', '{}'],
  ])(
    'a non-JSON body (%s) even with X-CSRF from the console → 415, nothing upstream',
    async (_, contentType, body) => {
      const reply = await withoutUpstream(() =>
        operator.request('POST', CREATE_REPO, { body, headers: { 'Content-Type': contentType } }),
      );
      expect(reply.status).toBe(415);
      expect(reply.json).toMatchObject({ code: 'unsupported_media_type' });
    },
  );

  it('no method override: _method and X-HTTP-Method-Override never turn a call into a DELETE', async () => {
    const calls = await withoutUpstream(() =>
      Promise.all([
        operator.request('POST', `${REPO}?_method=DELETE`, { json: {} }),
        operator.request('POST', REPO, {
          json: {},
          headers: { 'X-HTTP-Method-Override': 'DELETE', 'X-Method-Override': 'DELETE' },
        }),
        operator.get(`${REPO}?_method=DELETE`),
        operator.request('POST', CREATE_REPO, {
          json: { repository: 'override', is_public: false, _method: 'DELETE' },
        }),
      ]),
    );
    expect(calls.map((reply) => reply.status)).toEqual([405, 405, 400, 400]);
    expect(calls.map((reply) => (reply.json as { code: string }).code)).toEqual([
      'method_not_allowed',
      'method_not_allowed',
      'invalid_parameter',
      'invalid_parameter',
    ]);
    // The repository is still there.
    expect((await operator.get(REPO)).status).toBe(200);
  });

  it.each([
    ['GET', '/api/me'],
    ['GET', '/api/regions'],
    ['GET', '/api/audit'],
    ['GET', '/api/sessions'],
    ['GET', `${SWR}/namespaces`],
    ['GET', '/api/swr/cn-north-4/'],
    ['HEAD', '/api/me'],
    ['POST', CREATE_REPO],
    ['PATCH', REPO],
    ['DELETE', `${REPO}/tags/latest`],
    ['GET', '/api/no-such-route'],
  ])('%s %s without X-CSRF: 1 → 403 csrf', async (method, path) => {
    const reply = await withoutUpstream(() =>
      admin.request(method, path, {
        csrf: false,
        ...(method === 'POST' || method === 'PATCH'
          ? { json: { repository: 'no-csrf', is_public: false } }
          : {}),
      }),
    );
    expect(reply.status).toBe(403);
    if (method !== 'HEAD') expect(reply.json).toMatchObject({ code: 'csrf' });
    expect(auditFor(reply, 'csrf.rejected').reason).toBe('the X-CSRF: 1 header is missing');
  });

  it.each(['0', 'true', 'yes', '', '1, 1'])('X-CSRF: %j is not X-CSRF: 1 → 403', async (value) => {
    const reply = await withoutUpstream(() =>
      rawRequest(env.stack.origin, {
        path: `${SWR}/namespaces`,
        headers: { Cookie: operator.cookieHeader(), 'X-CSRF': value },
      }),
    );
    expect(reply.status).toBe(403);
    expect(reply.json).toMatchObject({ code: 'csrf' });
  });
});

describe('case 6: a same-site sibling and requests that name no origin', () => {
  function mutation(headers: Record<string, string>, repository = uniqueRepo('sibling')) {
    const body = JSON.stringify({ repository, is_public: false });
    return rawRequest(env.stack.origin, {
      method: 'POST',
      path: CREATE_REPO,
      headers: {
        Cookie: operator.cookieHeader(),
        'X-CSRF': '1',
        'Content-Type': 'application/json',
        ...headers,
      },
      body,
    });
  }

  it.each([
    [
      'Origin of a sibling subdomain, Sec-Fetch-Site: same-site',
      { Origin: SIBLING, 'Sec-Fetch-Site': 'same-site' },
      `origin ${SIBLING} is not this console`,
    ],
    [
      'no Origin, Sec-Fetch-Site: cross-site',
      { 'Sec-Fetch-Site': 'cross-site' },
      'a cross-site request',
    ],
    [
      'no Origin, Sec-Fetch-Site: same-site',
      { 'Sec-Fetch-Site': 'same-site' },
      'a same-site request',
    ],
    ['no Origin, Sec-Fetch-Site: none', { 'Sec-Fetch-Site': 'none' }, 'a none request'],
    ['neither Origin nor Sec-Fetch-Site', {}, 'the request names no origin'],
    ['Origin: null (a sandboxed frame)', { Origin: 'null' }, 'origin null is not this console'],
    [
      'the same origin but a wrong port',
      { Origin: 'http://127.0.0.1:1' },
      'origin http://127.0.0.1:1 is not this console',
    ],
  ])('%s, with X-CSRF: 1 → 403, nothing upstream, audited', async (_, headers, reason) => {
    const reply = await withoutUpstream(() => mutation(headers));
    expect(reply.status).toBe(403);
    expect(reply.json).toMatchObject({ code: 'csrf', reason });
    expect(auditFor(reply, 'csrf.rejected')).toMatchObject({ outcome: 'denied', reason });
  });

  it('the console itself passes: its Origin, or Sec-Fetch-Site: same-origin without one', async () => {
    const before = env.upstreamCalls();
    const withOrigin = await mutation({ Origin: env.publicOrigin });
    const withoutOrigin = await mutation({ 'Sec-Fetch-Site': 'same-origin' });
    expect([withOrigin.status, withoutOrigin.status]).toEqual([201, 201]);
    expect(env.upstreamCalls() - before).toBe(2);
  });

  it('a sibling cannot sign the user out either', async () => {
    const { browser } = await env.signIn(OIDC_ACCOUNTS.viewer);
    const reply = await rawRequest(env.stack.origin, {
      method: 'POST',
      path: '/auth/logout',
      headers: {
        Cookie: browser.cookieHeader(),
        'X-CSRF': '1',
        Origin: SIBLING,
        'Sec-Fetch-Site': 'same-site',
      },
    });
    expect(reply.status).toBe(403);
    expect(reply.json).toMatchObject({ code: 'csrf' });
    expect((await browser.get('/api/me')).status).toBe(200);
  });
});

describe('case 6: CORS preflights get no Access-Control-* header anywhere', () => {
  const paths = [
    `${SWR}/namespaces`,
    CREATE_REPO,
    `${REPO}/tags/latest`,
    '/api/me',
    '/api/audit',
    '/api/no-such-route',
    '/auth/login',
    '/auth/logout',
    '/auth/callback',
    '/',
    '/healthz',
    '/readyz',
    '/no-such-page',
  ];

  it.each(paths)('OPTIONS %s', async (path) => {
    for (const cookie of [undefined, operator.cookieHeader()]) {
      for (const method of ['POST', 'DELETE', 'GET']) {
        const reply = await withoutUpstream(() =>
          rawRequest(env.stack.origin, {
            method: 'OPTIONS',
            path,
            headers: {
              Origin: SIBLING,
              'Access-Control-Request-Method': method,
              'Access-Control-Request-Headers': 'x-csrf, content-type',
              ...(cookie === undefined ? {} : { Cookie: cookie }),
            },
          }),
        );
        expect(accessControlHeaders(reply.headers), `${method} ${path}`).toEqual([]);
        if (path.startsWith('/api/')) expect(reply.status).toBeGreaterThanOrEqual(400);
      }
    }
  });

  it('ordinary answers to a foreign Origin carry none either', async () => {
    const read = await operator.get(`${SWR}/namespaces`, { headers: { Origin: EVIL } });
    expect(read.status).toBe(200);
    expect(accessControlHeaders(read.headers)).toEqual([]);
    const refused = await operator.request('POST', CREATE_REPO, {
      json: { repository: uniqueRepo('foreign'), is_public: false },
      headers: { Origin: EVIL },
    });
    expect(refused.status).toBe(403);
    expect(accessControlHeaders(refused.headers)).toEqual([]);
  });
});
