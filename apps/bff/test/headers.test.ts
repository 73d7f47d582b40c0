/**
 * docs/security.md cases 17 and 19 against the real stack: malformed input gets a 4xx JSON error
 * `{code, message, requestId}` that names no stack frame, file, framework or version, and the
 * process keeps serving; every answer (pages, API, sign-in, errors) carries the security headers
 * of B8; the session cookie is `__Host-`, Secure, HttpOnly, SameSite=Strict, Path=/ and has no
 * Domain behind https, and drops the prefix and Secure on plain-http loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OIDC_ACCOUNTS } from '@swr-dashboard/test-support';
import { rawExchange, rawRequest, type RawReply } from './support/raw-http';
import { startSignedInStack, type SignedInStack } from './support/signed-in-stack';
import type { Browser, Reply } from './support/stack';
import { sqliteDb } from './support/sqlite';

const SWR = '/api/swr/cn-north-4/v2/manage';
const CREATE_REPO = `${SWR}/namespaces/platform/repos`;

/** What an error body must never show: stack frames, files, paths, frameworks, versions. */
const LEAKS =
  /\bat \S+ \(|\bat (?:file|node):|\.(?:ts|js|mjs|cjs)\b|node_modules|\/work\/|\/src\/|\/home\/|[A-Z]:\\|express|koa|body-parser|path-to-regexp|\bnode\b|\bv?\d+\.\d+\.\d+\b|<!doctype|<html|<pre/i;

type AnyReply = Reply | RawReply;

function header(reply: AnyReply, name: string): string | undefined {
  if (reply.headers instanceof Headers) return reply.headers.get(name) ?? undefined;
  const value = reply.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

function setCookies(reply: AnyReply): string[] {
  if (reply.headers instanceof Headers) return reply.headers.getSetCookie();
  return reply.headers['set-cookie'] ?? [];
}

/** The 4xx JSON shape, with nothing about the machinery behind it. */
function expectCleanError(reply: AnyReply, status: number, code: string): void {
  expect(reply.status, reply.text).toBe(status);
  expect(header(reply, 'content-type')).toMatch(/^application\/json/);
  const body = reply.json as Record<string, unknown>;
  expect(body).toMatchObject({
    code,
    message: expect.any(String) as string,
    requestId: header(reply, 'x-request-id'),
  });
  expect(
    Object.keys(body).filter(
      (key) => !['code', 'message', 'requestId', 'issues', 'reason'].includes(key),
    ),
  ).toEqual([]);
  expect(reply.text).not.toMatch(LEAKS);
  expect(header(reply, 'x-powered-by')).toBeUndefined();
  expect(header(reply, 'cache-control')).toBe('no-store');
}

function cspDirectives(reply: AnyReply): Map<string, string[]> {
  const csp = header(reply, 'content-security-policy');
  expect(csp, 'Content-Security-Policy').toBeDefined();
  const directives = new Map<string, string[]>();
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name !== undefined && name !== '') directives.set(name.toLowerCase(), values);
  }
  return directives;
}

/** B8: the headers every answer carries, whatever it is. */
function expectSecurityHeaders(reply: AnyReply, secure: boolean): void {
  const csp = cspDirectives(reply);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  const scripts = csp.get('script-src') ?? csp.get('default-src');
  expect(scripts).toBeDefined();
  for (const forbidden of ["'unsafe-inline'", "'unsafe-eval'", 'data:', '*', 'http:', 'https:']) {
    expect(scripts).not.toContain(forbidden);
  }
  expect(csp.has('upgrade-insecure-requests')).toBe(secure);
  const hsts = /max-age=(\d+)/.exec(header(reply, 'strict-transport-security') ?? '');
  expect(Number(hsts?.[1] ?? 0)).toBeGreaterThanOrEqual(31_536_000);
  expect(header(reply, 'x-content-type-options')).toBe('nosniff');
  expect(header(reply, 'referrer-policy')).toBe('no-referrer');
  expect(header(reply, 'cross-origin-opener-policy')).toBe('same-origin');
  expect(header(reply, 'cross-origin-resource-policy')).toBe('same-origin');
  expect(header(reply, 'x-frame-options')).toBe('DENY');
  expect(header(reply, 'x-powered-by')).toBeUndefined();
}

interface ParsedCookie {
  name: string;
  value: string;
  attributes: Map<string, string>;
  /** Attribute names as sent, in order. */
  order: string[];
}

function parseSetCookie(line: string): ParsedCookie {
  const [pair = '', ...rest] = line.split(';').map((part) => part.trim());
  const at = pair.indexOf('=');
  const attributes = new Map<string, string>();
  const order: string[] = [];
  for (const attribute of rest) {
    const eq = attribute.indexOf('=');
    const name = eq < 0 ? attribute : attribute.slice(0, eq);
    attributes.set(name.toLowerCase(), eq < 0 ? '' : attribute.slice(eq + 1));
    order.push(name);
  }
  return { name: pair.slice(0, at), value: pair.slice(at + 1), attributes, order };
}

describe('over plain http on loopback', () => {
  let env: SignedInStack;
  let operator: Browser;
  let callback: Reply;

  beforeAll(async () => {
    env = await startSignedInStack();
    ({ browser: operator, callback } = await env.signIn(OIDC_ACCOUNTS.operator));
  });
  afterAll(async () => {
    await env.close();
  });

  describe('case 17: malformed input', () => {
    it('invalid JSON → 400 invalid_json', async () => {
      for (const body of ['{"repository":', '{repository: 1}', '[1,]', '\u0000']) {
        const reply = await operator.request('POST', CREATE_REPO, {
          body,
          headers: { 'Content-Type': 'application/json' },
        });
        expectCleanError(reply, 400, 'invalid_json');
      }
    });

    it.each([
      'application/xml',
      'text/html',
      'application/json; charset=utf-16',
      'application/jsonx',
      'application/x-www-form-urlencoded',
    ])('Content-Type: %s → 415', async (contentType) => {
      const reply = await operator.request('POST', CREATE_REPO, {
        body: '{"repository":"x","is_public":false}',
        headers: { 'Content-Type': contentType },
      });
      expectCleanError(reply, 415, 'unsupported_media_type');
    });

    it('a body without any Content-Type → 415', async () => {
      const reply = await rawRequest(env.stack.origin, {
        method: 'POST',
        path: CREATE_REPO,
        headers: { Cookie: operator.cookieHeader(), 'X-CSRF': '1', Origin: env.publicOrigin },
        body: '{"repository":"x","is_public":false}',
      });
      expectCleanError(reply, 415, 'unsupported_media_type');
    });

    it.each([
      [`${SWR}/namespaces/%E0%A4%A`, 400, 'invalid_parameter'],
      [`${SWR}/namespaces/%`, 400, 'invalid_parameter'],
      [`${SWR}/namespaces/platform/repos/%zz`, 400, 'invalid_parameter'],
      [`${SWR}/repos?name=%E0%A4%A`, 400, 'invalid_parameter'],
      ['/api/me/%E0%A4%A', 404, 'not_found'],
      ['/%E0%A4%A', 404, 'not_found'],
      ['/auth/%', 404, 'not_found'],
    ])('malformed percent-encoding: %s → %d', async (path, status, code) => {
      const reply = await rawRequest(env.stack.origin, {
        path,
        headers: { Cookie: operator.cookieHeader(), 'X-CSRF': '1' },
      });
      expectCleanError(reply, status, code);
    });

    it('a huge header: Node answers 431 itself, with no stack trace, and the BFF keeps serving', async () => {
      const response = await rawExchange(
        env.stack.origin,
        `GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-CSRF: 1\r\nX-Padding: ${'a'.repeat(64 * 1024)}\r\n\r\n`,
      );
      expect(response).toMatch(/^HTTP\/1\.1 431 /);
      expect(response).not.toMatch(LEAKS);
      const cookie = await rawExchange(
        env.stack.origin,
        `GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${'c=1; '.repeat(8000)}\r\n\r\n`,
      );
      expect(cookie).toMatch(/^HTTP\/1\.1 431 /);
      expect(cookie).not.toMatch(LEAKS);
      expect((await rawRequest(env.stack.origin, { path: '/healthz' })).status).toBe(200);
      expect((await operator.get('/api/me')).status).toBe(200);
    });

    it('a request line that is not HTTP → 400 from Node, nothing else', async () => {
      const response = await rawExchange(env.stack.origin, 'HELLO /\u0000 WORLD\r\n\r\n');
      expect(response).toMatch(/^HTTP\/1\.1 400 /);
      expect(response).not.toMatch(LEAKS);
    });

    it.each([
      ['GET', '/no-such-page', 404, 'not_found'],
      ['GET', '/api/no-such-route', 404, 'not_found'],
      ['GET', '/api/swr/cn-north-4/v2/no-such-operation', 404, 'not_found'],
      ['GET', '/api/swr/xx-nowhere-9/v2/manage/namespaces', 404, 'not_found'],
      ['POST', '/auth/no-such-step', 404, 'not_found'],
      ['DELETE', '/healthz', 404, 'not_found'],
      ['PUT', `${SWR}/namespaces`, 405, 'method_not_allowed'],
      ['GET', '/auth/logout', 405, 'method_not_allowed'],
    ])('%s %s → %d JSON', async (method, path, status, code) => {
      const reply = await operator.request(method, path, method === 'PUT' ? { json: {} } : {});
      expectCleanError(reply, status, code);
    });

    it('the process is up and nothing above was an unexpected error', async () => {
      expect((await rawRequest(env.stack.origin, { path: '/healthz' })).json).toEqual({
        status: 'ok',
      });
      expect((await operator.get(`${SWR}/namespaces`)).status).toBe(200);
      const errors = env.stack.logLines
        .map((line) => JSON.parse(line) as { level: number; msg?: string })
        .filter((line) => line.level >= 50);
      expect(errors).toEqual([]);
    });
  });

  describe('case 19: headers on every kind of answer', () => {
    const answers: [string, () => Promise<AnyReply>, number][] = [
      ['/ (no page yet)', () => rawRequest(env.stack.origin, { path: '/' }), 404],
      ['/healthz', () => rawRequest(env.stack.origin, { path: '/healthz' }), 200],
      ['/readyz', () => rawRequest(env.stack.origin, { path: '/readyz' }), 200],
      ['an API read', () => operator.get(`${SWR}/namespaces`), 200],
      ['/api/me', () => operator.get('/api/me'), 200],
      ['/auth/login', () => env.stack.browser().get('/auth/login'), 302],
      ['a refused callback', () => env.stack.browser().get('/auth/callback?code=x&state=y'), 400],
      ['a 401', () => env.stack.browser().get('/api/me'), 401],
      ['a CSRF 403', () => operator.get('/api/me', { csrf: false }), 403],
      ['a 404', () => operator.get('/api/nope'), 404],
      [
        'a 413',
        () =>
          operator.request('POST', CREATE_REPO, {
            json: { repository: 'x', is_public: false, description: 'x'.repeat(70_000) },
          }),
        413,
      ],
      [
        'a 400 invalid_json',
        () =>
          operator.request('POST', CREATE_REPO, {
            body: '{',
            headers: { 'Content-Type': 'application/json' },
          }),
        400,
      ],
    ];

    it.each(answers)('%s', async (_, call, status) => {
      const reply = await call();
      expect(reply.status).toBe(status);
      expectSecurityHeaders(reply, false);
    });

    it('API and sign-in answers and every error are Cache-Control: no-store', async () => {
      for (const [what, call] of answers) {
        if (what === '/healthz' || what === '/readyz') continue;
        const reply = await call();
        expect(header(reply, 'cache-control'), what).toBe('no-store');
      }
    });

    it('the session cookie is swr-bff.sid, HttpOnly, SameSite=Strict, Path=/, no Secure, no Domain', () => {
      const lines = setCookies(callback).filter((line) => line.startsWith('swr-bff.sid='));
      expect(lines).toHaveLength(1);
      const cookie = parseSetCookie(lines[0] ?? '');
      expect(cookie.name).toBe('swr-bff.sid');
      expect(cookie.value).toMatch(/^s%3A[A-Za-z0-9_-]{32}\.[A-Za-z0-9%+/]+$/);
      expect(cookie.order).toEqual(['Path', 'Expires', 'HttpOnly', 'SameSite']);
      expect(cookie.attributes.get('path')).toBe('/');
      expect(cookie.attributes.get('samesite')).toBe('Strict');
      expect(cookie.attributes.has('secure')).toBe(false);
      expect(cookie.attributes.has('domain')).toBe(false);
      expect(setCookies(callback).some((line) => line.startsWith('__Host-'))).toBe(false);
    });
  });
});

describe('behind https (PUBLIC_ORIGIN https, one trusted proxy hop)', () => {
  let env: SignedInStack;
  let admin: Browser;
  let callback: Reply;

  beforeAll(async () => {
    env = await startSignedInStack({ https: true });
    ({ browser: admin, callback } = await env.signIn(OIDC_ACCOUNTS.admin));
  });
  afterAll(async () => {
    await env.close();
  });

  it('the session cookie is exactly __Host-swr-bff.sid; Path=/; HttpOnly; Secure; SameSite=Strict, no Domain', () => {
    const lines = setCookies(callback).filter((line) => line.includes('swr-bff.sid='));
    expect(lines).toHaveLength(1);
    const line = lines[0] ?? '';
    expect(line).toMatch(
      /^__Host-swr-bff\.sid=[^;\s]+; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$/,
    );
    const cookie = parseSetCookie(line);
    expect(cookie.name).toBe('__Host-swr-bff.sid');
    expect([...cookie.attributes.keys()].sort()).toEqual([
      'expires',
      'httponly',
      'path',
      'samesite',
      'secure',
    ]);
    expect(cookie.attributes.get('path')).toBe('/');
    expect(cookie.attributes.get('samesite')).toBe('Strict');
    expect(cookie.attributes.has('domain')).toBe(false);
    // The login transaction's cookie is cleared with the same __Host- rules.
    for (const other of setCookies(callback)) {
      const parsed = parseSetCookie(other);
      expect(parsed.name).toMatch(/^__Host-/);
      expect(parsed.attributes.get('path')).toBe('/');
      expect(parsed.attributes.has('secure')).toBe(true);
      expect(parsed.attributes.has('domain')).toBe(false);
    }
  });

  it('the refresh when activity is written (at most once a minute) keeps the same attributes', async () => {
    const https = { headers: { 'X-Forwarded-Proto': 'https' } };
    const lastSeen = (at: number) =>
      sqliteDb(env.stack.bff)
        .prepare("UPDATE sessions SET data = json_set(data, '$.lastSeen', ?)")
        .run(at);
    // Activity written a moment ago: the session is not saved again and no cookie is sent.
    lastSeen(Date.now());
    const quiet = await admin.get('/api/me', https);
    expect(quiet.status).toBe(200);
    expect(setCookies(quiet)).toEqual([]);
    // Written two minutes ago: this call writes it again, and sends the cookie again.
    lastSeen(Date.now() - 2 * 60_000);
    const reply = await admin.get('/api/me', https);
    expect(reply.status).toBe(200);
    expect(setCookies(reply)).toHaveLength(1);
    for (const line of setCookies(reply)) {
      expect(line).toMatch(
        /^__Host-swr-bff\.sid=[^;\s]+; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Strict$/,
      );
    }
  });

  it.each([
    ['/', () => rawRequest(env.stack.origin, { path: '/' })],
    ['/api/me', () => admin.get('/api/me')],
    ['/auth/login', () => env.stack.browser().get('/auth/login')],
    ['an error', () => admin.get('/api/nope')],
  ])('%s has the headers, with upgrade-insecure-requests', async (_, call) => {
    expectSecurityHeaders(await call(), true);
  });

  it('sign-out clears the cookie with the same attributes', async () => {
    const { browser } = await env.signIn(OIDC_ACCOUNTS.viewer);
    const reply = await browser.request('POST', '/auth/logout', {
      headers: { 'X-Forwarded-Proto': 'https', Origin: env.publicOrigin },
    });
    expect(reply.status).toBe(200);
    const cleared = setCookies(reply)
      .map(parseSetCookie)
      .find((cookie) => cookie.name === '__Host-swr-bff.sid');
    expect(cleared?.value).toBe('');
    expect(cleared?.attributes.get('path')).toBe('/');
    expect(cleared?.attributes.get('samesite')).toBe('Strict');
    expect(cleared?.attributes.has('secure')).toBe(true);
    expect(cleared?.attributes.has('httponly')).toBe(true);
    expect(cleared?.attributes.has('domain')).toBe(false);
    expect(new Date(cleared?.attributes.get('expires') ?? '').getTime()).toBeLessThanOrEqual(
      Date.now(),
    );
  });
});
