/**
 * Header sign-in (docs/security.md B2 "header", case 7): the BFF behind an identity-aware
 * proxy. Tests connect from 127.0.0.1, so a stack trusting 127.0.0.1 plays the proxy's side and a
 * stack trusting only 10.0.0.0/8 plays a client reaching the BFF around the proxy.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { SessionData } from 'express-session';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../src/audit/trail';
import { DEMO_ISSUER } from '../src/auth/demo';
import { HEADER_ISSUER, parseGroups, WELL_KNOWN_IDENTITY_HEADERS } from '../src/auth/header';
import { normalizePeer, proxyTrust } from '../src/http/peers';
import { identityKey, type SessionUser } from '../src/auth/identity';
import { consoleKeyEnv, emulatorWithConsoleKey } from '@swr-dashboard/test-support';
import { startJwtIssuer, type JwtIssuer } from './support/jwt-issuer';
import { newClientAddress } from './support/raw-http';
import { startStack, type Reply, type Stack } from './support/stack';

const ROLE_ENV = {
  ROLE_ADMIN_GROUPS: 'swr-admins',
  ROLE_OPERATOR_GROUPS: 'swr-operators',
  ROLE_VIEWER_GROUPS: 'swr-viewers,ops-all',
};
const SESSION_SECRET = 'header-mode-test-session-secret-0123456789';
const LOGOUT_URL = '/oauth2/sign_out?rd=%2F';
const NAMESPACES = '/api/swr/cn-north-4/v2/manage/namespaces';

function headerStack(env: Record<string, string>): Promise<Stack> {
  return startStack({
    env: {
      AUTH_MODE: 'header',
      SESSION_SECRETS: SESSION_SECRET,
      ...consoleKeyEnv,
      ...ROLE_ENV,
      ...env,
    },
    emulator: emulatorWithConsoleKey(),
  });
}

/** The audit records written for one request, by the id the BFF answered with. */
async function recordsOf(stack: Stack, reply: Reply): Promise<AuditRecord[]> {
  const id = reply.headers.get('x-request-id');
  return (await stack.bff.audit.query({ limit: 500, offset: 0 })).items.filter(
    (record) => record.request.id === id,
  );
}

async function allAudit(stack: Stack): Promise<string> {
  return JSON.stringify((await stack.bff.audit.query({ limit: 1000, offset: 0 })).items);
}

/** A request sending `name` twice (fetch would join the values into one header). */
function withRepeatedHeader(
  origin: string,
  path: string,
  headers: Record<string, string>,
  name: string,
  values: string[],
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${origin}${path}`, { method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.setHeader(name, values);
    req.on('error', reject);
    req.end();
  });
}

/**
 * Puts a signed-in session straight into the store and returns its cookie, as express-session
 * (cookie-signature) would have set it: `s:<sid>.<base64 HMAC-SHA256>`, URL-encoded.
 */
async function plantSession(stack: Stack, user: SessionUser): Promise<string> {
  const sid = randomBytes(24).toString('base64url');
  const now = Date.now();
  const data = {
    cookie: {
      originalMaxAge: 30 * 60_000,
      expires: new Date(now + 30 * 60_000),
      httpOnly: true,
      secure: false,
      path: '/',
      sameSite: 'strict',
    },
    user,
    createdAt: now,
    lastSeen: now,
  } as unknown as SessionData;
  await new Promise<void>((resolve, reject) => {
    stack.bff.sessions.set(sid, data, (error) => {
      if (error === null || error === undefined) resolve();
      else reject(error instanceof Error ? error : new Error('the session store failed'));
    });
  });
  const mac = createHmac('sha256', SESSION_SECRET).update(sid).digest('base64').replace(/=+$/, '');
  return `swr-bff.sid=${encodeURIComponent(`s:${sid}.${mac}`)}`;
}

const DEMO_ADMIN: SessionUser = {
  key: identityKey(DEMO_ISSUER, 'ada-admin'),
  iss: DEMO_ISSUER,
  sub: 'ada-admin',
  name: 'Ada Admin',
  email: 'ada@demo.example',
  groups: ['swr-admins'],
  role: 'admin',
  scopes: null,
  authMode: 'demo',
};

describe('trusting the TCP peer', () => {
  it('normalizes IPv4-mapped IPv6 peers and matches v4 and v6 CIDRs and single addresses', () => {
    const trusted = proxyTrust(['10.0.0.0/8', '192.168.1.7', 'fd00:abcd::/32', '::1']);
    expect(normalizePeer('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(normalizePeer('::FFFF:192.168.1.7')).toBe('192.168.1.7');
    expect(normalizePeer('not an address')).toBeUndefined();
    expect(trusted('10.200.3.4')).toBe(true);
    expect(trusted('::ffff:10.200.3.4')).toBe(true);
    expect(trusted('192.168.1.7')).toBe(true);
    expect(trusted('::ffff:192.168.1.7')).toBe(true);
    expect(trusted('192.168.1.8')).toBe(false);
    expect(trusted('fd00:abcd:1::5')).toBe(true);
    expect(trusted('fd00:abce::5')).toBe(false);
    expect(trusted('::1')).toBe(true);
    expect(trusted('127.0.0.1')).toBe(false);
    expect(trusted('11.0.0.1')).toBe(false);
    expect(trusted(undefined)).toBe(false);
    expect(trusted('')).toBe(false);
  });

  it('reads comma-separated groups trimmed, without empty entries or repeats', () => {
    expect(parseGroups(' swr-viewers , ,ops-all,,swr-viewers ')).toEqual([
      'swr-viewers',
      'ops-all',
    ]);
    expect(parseGroups(['a', ' b ', '', 3])).toEqual(['a', 'b']);
    expect(parseGroups(undefined)).toEqual([]);
  });
});

describe('header mode behind a trusted proxy', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await headerStack({
      TRUSTED_PROXY_CIDRS: '127.0.0.1/32,::1/128',
      LOGOUT_URL,
      // The proxy says who the client is, as oauth2-proxy does: each test is its own client.
      TRUST_PROXY_HOPS: '1',
    });
  });
  afterAll(async () => {
    await stack.close();
  });

  /** A browser behind the proxy, from an address of its own. */
  const client = () => stack.browser({ 'X-Forwarded-For': newClientAddress() });
  const proxied = (headers: Record<string, string>) => ({
    headers: { 'X-Forwarded-Email': 'alice@corp.example', ...headers },
  });
  const alice = proxied({ 'X-Forwarded-User': 'alice', 'X-Forwarded-Groups': 'swr-viewers' });
  const admin = proxied({ 'X-Forwarded-User': 'root', 'X-Forwarded-Groups': 'swr-admins' });

  it('takes identity and role from the headers on every request, with no BFF session', async () => {
    const browser = client();
    const me = await browser.get('/api/me', alice);
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({
      user: {
        name: 'alice',
        email: 'alice@corp.example',
        role: 'viewer',
        groups: ['swr-viewers'],
        authMode: 'header',
      },
      namespaces: null,
      idleExpiresAt: null,
      absoluteExpiresAt: null,
    });
    const list = await browser.get(NAMESPACES, alice);
    expect(list.status).toBe(200);
    expect(
      (list.json as { namespaces: { name: string }[] }).namespaces.map((n) => n.name),
    ).toContain('payments');
    expect(me.headers.getSetCookie()).toEqual([]);
    expect(list.headers.getSetCookie()).toEqual([]);
    expect(browser.cookies.size).toBe(0);
    // The next request without the headers is not signed in: nothing was remembered.
    expect((await browser.get('/api/me')).status).toBe(401);
  });

  it('trims groups, drops empty ones, lets the highest role win; email is optional', async () => {
    const me = await client().get('/api/me', {
      headers: {
        'X-Forwarded-User': 'bob',
        'X-Forwarded-Groups': ' swr-viewers , , swr-operators ,',
      },
    });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({
      user: {
        name: 'bob',
        email: null,
        role: 'operator',
        groups: ['swr-viewers', 'swr-operators'],
      },
    });
  });

  it('answers 401 without identity headers (and for groups or email without a user)', async () => {
    const browser = client();
    const none = await browser.get('/api/me');
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ code: 'unauthenticated' });
    expect((await recordsOf(stack, none)).map((r) => [r.event, r.outcome])).toEqual([
      ['auth.unauthenticated', 'denied'],
    ]);
    const noUser = await browser.get(NAMESPACES, {
      headers: { 'X-Forwarded-Groups': 'swr-admins', 'X-Forwarded-Email': 'x@corp.example' },
    });
    expect(noUser.status).toBe(401);
    const emptyUser = await browser.get('/api/me', {
      headers: { 'X-Forwarded-User': '  ', 'X-Forwarded-Groups': 'swr-admins' },
    });
    expect(emptyUser.status).toBe(401);
  });

  it('answers 403 when the groups map to no role, and audits login.failure with the user', async () => {
    const reply = await client().get('/api/me', {
      headers: { 'X-Forwarded-User': 'mallory', 'X-Forwarded-Groups': 'contractors, guests' },
    });
    expect(reply.status).toBe(403);
    expect(reply.json).toMatchObject({ code: 'forbidden' });
    const [record] = await recordsOf(stack, reply);
    expect(record).toMatchObject({
      event: 'login.failure',
      outcome: 'denied',
      reason: 'no role',
      httpStatus: 403,
      actor: {
        iss: HEADER_ISSUER,
        sub: 'mallory',
        role: 'none',
        groups: ['contractors', 'guests'],
        authMode: 'header',
      },
    });
  });

  it('reads identity headers as UTF-8, and refuses bytes that are not UTF-8', async () => {
    // What goes on the wire is bytes; Node reads them as Latin-1, so a name is sent that way.
    const asBytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
    const me = await client().get('/api/me', {
      headers: {
        'X-Forwarded-User': asBytes('josé.müller'),
        'X-Forwarded-Email': asBytes('josé@corp.example'),
        'X-Forwarded-Groups': asBytes('swr-viewers,运维'),
      },
    });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({
      user: {
        name: 'josé.müller',
        email: 'josé@corp.example',
        groups: ['swr-viewers', '运维'],
      },
    });
    const bad = await client().get('/api/me', {
      headers: { 'X-Forwarded-User': 'caf\u00e9', 'X-Forwarded-Groups': 'swr-viewers' },
    });
    expect(bad.status).toBe(401);
    expect((await recordsOf(stack, bad))[0]).toMatchObject({
      event: 'login.failure',
      reason: 'the x-forwarded-user header is not UTF-8',
    });
  });

  it('refuses an identity header the proxy passed twice', async () => {
    const reply = await withRepeatedHeader(
      stack.origin,
      '/api/me',
      { 'X-CSRF': '1', 'X-Forwarded-User': 'alice', 'X-Forwarded-For': newClientAddress() },
      'X-Forwarded-Groups',
      ['swr-viewers', 'swr-admins'],
    );
    expect(reply.status).toBe(401);
    const user = await withRepeatedHeader(
      stack.origin,
      '/api/me',
      { 'X-CSRF': '1', 'X-Forwarded-Groups': 'swr-viewers', 'X-Forwarded-For': newClientAddress() },
      'X-Forwarded-User',
      ['alice', 'root'],
    );
    expect(user.status).toBe(401);
    expect(await allAudit(stack)).toContain('the x-forwarded-user header was sent more than once');
  });

  it('still applies the CSRF rules to every API call and to mutations', async () => {
    const browser = client();
    const upstreamCalls = stack.upstreamLog.length;
    const noHeader = await browser.request('POST', NAMESPACES, {
      ...admin,
      json: { namespace: 'hdr-no-csrf' },
      csrf: false,
    });
    expect(noHeader.status).toBe(403);
    expect(noHeader.json).toMatchObject({ code: 'csrf' });
    expect(await recordsOf(stack, noHeader)).toMatchObject([
      { event: 'csrf.rejected', actor: { sub: 'root', authMode: 'header' } },
    ]);
    const readNoHeader = await browser.get('/api/me', { ...alice, csrf: false });
    expect(readNoHeader.status).toBe(403);
    const crossOrigin = await browser.request('POST', NAMESPACES, {
      headers: { ...admin.headers, Origin: 'https://evil.example' },
      json: { namespace: 'hdr-cross' },
    });
    expect(crossOrigin.status).toBe(403);
    expect(crossOrigin.json).toMatchObject({ code: 'csrf' });
    const sameSite = await browser.request('POST', NAMESPACES, {
      headers: { ...admin.headers, Origin: 'https://other.corp.example' },
      json: { namespace: 'hdr-same-site' },
    });
    expect(sameSite.status).toBe(403);
    expect(stack.upstreamLog.length).toBe(upstreamCalls);
    const created = await browser.request('POST', NAMESPACES, {
      ...admin,
      json: { namespace: 'hdr-created' },
    });
    expect(created.status).toBe(201);
    expect(await recordsOf(stack, created)).toMatchObject([
      {
        event: 'swr.createNamespace',
        outcome: 'success',
        actor: { iss: HEADER_ISSUER, sub: 'root', role: 'admin', authMode: 'header' },
      },
    ]);
  });

  it('enforces the role from the headers: a viewer cannot create an organization', async () => {
    const reply = await client().request('POST', NAMESPACES, {
      ...alice,
      json: { namespace: 'hdr-viewer' },
    });
    expect(reply.status).toBe(403);
    expect(reply.json).toMatchObject({ code: 'forbidden' });
  });

  it('GET /auth/login sends a signed-in user straight back to a safe returnTo', async () => {
    const browser = client();
    const back = await browser.get('/auth/login?returnTo=%2Frepos%3Fq%3Dweb', alice);
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe('/repos?q=web');
    const evil = await browser.get('/auth/login?returnTo=%2F%2Fevil.example', alice);
    expect(evil.status).toBe(302);
    expect(evil.headers.get('location')).toBe('/');
    const absolute = await browser.get('/auth/login?returnTo=https%3A%2F%2Fevil.example', alice);
    expect(absolute.headers.get('location')).toBe('/');
    const anonymous = await browser.get('/auth/login?returnTo=%2Frepos');
    expect(anonymous.status).toBe(401);
  });

  it('POST /auth/logout needs CSRF, audits, and returns LOGOUT_URL', async () => {
    const browser = client();
    const forged = await browser.request('POST', '/auth/logout', { ...alice, csrf: false });
    expect(forged.status).toBe(403);
    const crossSite = await browser.request('POST', '/auth/logout', {
      headers: { ...alice.headers, Origin: 'https://evil.example' },
    });
    expect(crossSite.status).toBe(403);
    const get = await browser.get('/auth/logout', alice);
    expect(get.status).toBe(405);
    const reply = await browser.request('POST', '/auth/logout', alice);
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ logoutUrl: LOGOUT_URL });
    expect(await recordsOf(stack, reply)).toMatchObject([
      { event: 'logout', outcome: 'success', actor: { sub: 'alice', authMode: 'header' } },
    ]);
  });

  it('ignores a session cookie from another sign-in mode on the same database', async () => {
    const cookie = await plantSession(stack, DEMO_ADMIN);
    const alone = await client().get('/api/me', { headers: { Cookie: cookie } });
    expect(alone.status).toBe(401);
    const withHeaders = await stack
      .browser()
      .get('/api/me', { headers: { Cookie: cookie, ...alice.headers } });
    expect(withHeaders.status).toBe(200);
    expect(withHeaders.json).toMatchObject({ user: { name: 'alice', role: 'viewer' } });
  });
});

describe('header mode, request from a peer that is not a trusted proxy', () => {
  let stack: Stack;
  beforeAll(async () => {
    // 127.0.0.1 (the tests) is not trusted. TRUST_PROXY_HOPS=1 makes Express believe
    // X-Forwarded-For for req.ip, which must not matter for identity.
    stack = await headerStack({
      TRUSTED_PROXY_CIDRS: '10.0.0.0/8',
      TRUST_PROXY_HOPS: '1',
      RATE_LIMIT_SIGN_IN_PER_MINUTE: '100',
    });
  });
  afterAll(async () => {
    await stack.close();
  });

  it('refuses spoofed identity headers with a forged X-Forwarded-For (401) and audits', async () => {
    const upstreamCalls = stack.upstreamLog.length;
    for (const forwardedFor of ['127.0.0.1', '10.0.0.5']) {
      const reply = await stack.browser().get(NAMESPACES, {
        headers: {
          'X-Forwarded-User': 'admin',
          'X-Forwarded-Groups': 'swr-admins',
          'X-Forwarded-For': forwardedFor,
        },
      });
      expect(reply.status).toBe(401);
      expect(reply.json).toMatchObject({ code: 'unauthenticated' });
      const records = await recordsOf(stack, reply);
      expect(records).toHaveLength(1);
      const [record] = records;
      expect(record).toMatchObject({ event: 'auth.header_spoof', outcome: 'denied', actor: null });
      expect(record?.httpStatus).toBe(401);
      expect(record?.reason).toContain('from 127.0.0.1, which is not a trusted proxy');
      expect(record?.reason).toContain('x-forwarded-user, x-forwarded-groups');
      expect(record?.reason).toContain('claimed user "admin"');
      expect(record?.reason).not.toContain('swr-admins');
    }
    expect(stack.upstreamLog.length).toBe(upstreamCalls);
  });

  it('refuses each well-known identity header alone, on /api and on /auth', async () => {
    for (const name of WELL_KNOWN_IDENTITY_HEADERS) {
      const api = await stack
        .browser({ 'X-Forwarded-For': newClientAddress() })
        .get('/api/me', { headers: { [name]: 'swr-admins' } });
      expect(api.status, name).toBe(401);
      expect((await recordsOf(stack, api))[0]?.event, name).toBe('auth.header_spoof');
    }
    const login = await stack
      .browser({ 'X-Forwarded-For': newClientAddress() })
      .get('/auth/login?returnTo=%2F', {
        headers: { 'X-Auth-Request-User': 'admin', 'X-Auth-Request-Groups': 'swr-admins' },
      });
    expect(login.status).toBe(401);
    expect((await recordsOf(stack, login))[0]).toMatchObject({
      event: 'auth.header_spoof',
      request: { route: '/auth/login' },
    });
  });

  it('treats a request without identity headers as simply not signed in', async () => {
    const reply = await stack.browser({ 'X-Forwarded-For': newClientAddress() }).get('/api/me');
    expect(reply.status).toBe(401);
    expect((await recordsOf(stack, reply)).map((r) => r.event)).toEqual(['auth.unauthenticated']);
  });
});

describe('header mode with a signed assertion (JWT)', () => {
  let issuer: JwtIssuer;
  let stack: Stack;
  const ASSERTION = 'X-Auth-Assertion';

  beforeAll(async () => {
    issuer = await startJwtIssuer();
    stack = await headerStack({
      TRUSTED_PROXY_CIDRS: '127.0.0.1',
      AUTH_HEADER_JWT: ASSERTION,
      AUTH_JWKS_URL: issuer.jwksUrl,
      AUTH_JWT_ISSUER: issuer.issuer,
      AUTH_JWT_AUDIENCE: issuer.audience,
      // Each test is its own client behind the proxy (refusals are counted per address).
      TRUST_PROXY_HOPS: '1',
    });
  });
  /** A browser behind the proxy, from an address of its own. */
  const client = () => stack.browser({ 'X-Forwarded-For': newClientAddress() });
  afterAll(async () => {
    await stack.close();
    await issuer.close();
  });

  const viewerClaims = {
    sub: 'u-1234',
    email: 'carol@corp.example',
    name: 'Carol Viewer',
    groups: ['swr-viewers'],
  };

  it('takes the identity from a valid token and ignores the plain headers', async () => {
    const token = await issuer.sign(viewerClaims);
    const browser = client();
    const me = await browser.get('/api/me', {
      headers: {
        [ASSERTION]: token,
        'X-Forwarded-User': 'root',
        'X-Forwarded-Groups': 'swr-admins',
        'X-Forwarded-Email': 'root@corp.example',
      },
    });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({
      user: {
        name: 'Carol Viewer',
        email: 'carol@corp.example',
        role: 'viewer',
        groups: ['swr-viewers'],
        authMode: 'header',
      },
    });
    const list = await browser.get(NAMESPACES, { headers: { [ASSERTION]: token } });
    expect(list.status).toBe(200);
    const denied = await browser.request('POST', NAMESPACES, {
      headers: { [ASSERTION]: token, 'X-Forwarded-Groups': 'swr-admins' },
      json: { namespace: 'jwt-viewer' },
    });
    expect(denied.status).toBe(403);
    expect((await recordsOf(stack, denied))[0]).toMatchObject({
      event: 'authz.denied',
      actor: { iss: issuer.issuer, sub: 'u-1234', role: 'viewer', authMode: 'header' },
    });
    expect(await allAudit(stack)).not.toContain(token);
    expect(stack.logLines.join('\n')).not.toContain(token);
  });

  it('accepts ES256, a Bearer prefix and preferred_username; a plain header never helps', async () => {
    const token = await issuer.sign(
      { sub: 'u-5678', preferred_username: 'dave', groups: ['swr-operators'] },
      { key: 'ec' },
    );
    const me = await client().get('/api/me', {
      headers: { [ASSERTION]: `Bearer ${token}` },
    });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ user: { name: 'dave', email: null, role: 'operator' } });
    const headersOnly = await client().get('/api/me', {
      headers: { 'X-Forwarded-User': 'root', 'X-Forwarded-Groups': 'swr-admins' },
    });
    expect(headersOnly.status).toBe(401);
  });

  it('refuses bad signatures, wrong issuer or audience, expiry, weak algorithms (401)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const hs256 = await new SignJWT(viewerClaims)
      .setProtectedHeader({ alg: 'HS256', kid: 'proxy-rsa-1' })
      .setIssuer(issuer.issuer)
      .setAudience(issuer.audience)
      .setExpirationTime('5m')
      .sign(randomBytes(32));
    const [header, payload] = (await issuer.sign(viewerClaims)).split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload ?? ''}.`;
    const cases: [string, string, RegExp][] = [
      [
        'signed by an unpublished key',
        await issuer.sign(viewerClaims, { key: 'rogue' }),
        /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/,
      ],
      [
        'an unknown kid',
        await issuer.sign(viewerClaims, { key: 'rogue', kid: 'nobody' }),
        /ERR_JWKS_NO_MATCHING_KEY/,
      ],
      [
        'a wrong issuer',
        await issuer.sign(viewerClaims, { issuer: 'https://other-idp.example' }),
        /ERR_JWT_CLAIM_VALIDATION_FAILED.*"iss"/,
      ],
      [
        'a wrong audience',
        await issuer.sign(viewerClaims, { audience: 'another-app' }),
        /ERR_JWT_CLAIM_VALIDATION_FAILED.*"aud"/,
      ],
      [
        'an expired token',
        await issuer.sign(viewerClaims, { expires: now - 3600 }),
        /ERR_JWT_EXPIRED/,
      ],
      [
        'a token without exp',
        await issuer.sign(viewerClaims, { expires: null }),
        /ERR_JWT_CLAIM_VALIDATION_FAILED.*"exp"/,
      ],
      ['HS256', hs256, /ERR_JOSE_ALG_NOT_ALLOWED/],
      ['alg none', unsigned, /ERR_JOSE_ALG_NOT_ALLOWED|ERR_JWS_INVALID/],
      [
        'a tampered payload',
        `${header ?? ''}.${payload ?? ''}x.sig`,
        /ERR_JWS_INVALID|ERR_JWS_SIGNATURE/,
      ],
      ['garbage', 'not-a-jwt', /ERR_JWS_INVALID/],
    ];
    const upstreamCalls = stack.upstreamLog.length;
    for (const [what, token, reason] of cases) {
      const reply = await client().get(NAMESPACES, {
        headers: {
          [ASSERTION]: token,
          'X-Forwarded-User': 'root',
          'X-Forwarded-Groups': 'swr-admins',
        },
      });
      expect(reply.status, what).toBe(401);
      expect(reply.json, what).toMatchObject({ code: 'unauthenticated' });
      const [record] = await recordsOf(stack, reply);
      expect(record?.event, what).toBe('login.failure');
      expect(record?.outcome, what).toBe('denied');
      expect(record?.reason, what).toMatch(reason);
      expect(JSON.stringify(record), what).not.toContain(token);
    }
    expect(stack.upstreamLog.length).toBe(upstreamCalls);
  });

  it('answers 401 without the assertion, even with plain identity headers', async () => {
    const reply = await client().get(NAMESPACES, {
      headers: { 'X-Forwarded-User': 'root', 'X-Forwarded-Groups': 'swr-admins' },
    });
    expect(reply.status).toBe(401);
    expect((await client().get('/api/me', { headers: { [ASSERTION]: '' } })).status).toBe(401);
  });

  it('answers 403 for a valid token whose groups grant no role', async () => {
    const token = await issuer.sign({ sub: 'u-9', groups: ['contractors'] });
    const reply = await client().get('/api/me', { headers: { [ASSERTION]: token } });
    expect(reply.status).toBe(403);
    expect((await recordsOf(stack, reply))[0]).toMatchObject({
      event: 'login.failure',
      reason: 'no role',
      actor: { iss: issuer.issuer, sub: 'u-9' },
    });
  });

  it('returns a null logoutUrl when LOGOUT_URL is not set', async () => {
    const token = await issuer.sign(viewerClaims);
    const reply = await stack
      .browser()
      .request('POST', '/auth/logout', { headers: { [ASSERTION]: token } });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ logoutUrl: null });
  });
});

describe('header mode when the signing keys cannot be fetched', () => {
  let issuer: JwtIssuer;
  let stack: Stack;
  const ASSERTION = 'Cf-Access-Jwt-Assertion';

  beforeAll(async () => {
    issuer = await startJwtIssuer();
    issuer.available = false;
    stack = await headerStack({
      TRUSTED_PROXY_CIDRS: '127.0.0.0/8',
      AUTH_HEADER_JWT: ASSERTION,
      AUTH_JWKS_URL: issuer.jwksUrl,
      AUTH_JWT_ISSUER: issuer.issuer,
      AUTH_JWT_AUDIENCE: issuer.audience,
      AUTH_JWT_GROUPS_CLAIM: 'swr_groups',
    });
  });
  afterAll(async () => {
    await stack.close();
    await issuer.close();
  });

  it('fails closed with 503, audited, and recovers once the keys are back', async () => {
    const token = await issuer.sign({ sub: 'u-1', swr_groups: ['swr-admins'] });
    const down = await stack.browser().get('/api/me', { headers: { [ASSERTION]: token } });
    expect(down.status).toBe(503);
    expect(down.json).toMatchObject({ code: 'upstream_unavailable' });
    expect((await recordsOf(stack, down))[0]).toMatchObject({
      event: 'login.failure',
      outcome: 'failure',
      httpStatus: 503,
    });
    expect(issuer.fetches).toBe(1);
    issuer.available = true;
    const up = await stack.browser().get('/api/me', { headers: { [ASSERTION]: token } });
    expect(up.status).toBe(200);
    expect(up.json).toMatchObject({ user: { name: 'u-1', role: 'admin' } });
  });
});

describe('demo mode: identity headers never override the session (case 7)', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ env: { SESSION_SECRETS: SESSION_SECRET } });
  });
  afterAll(async () => {
    await stack.close();
  });

  const spoof = {
    'X-Forwarded-User': 'admin',
    'X-Forwarded-Groups': 'swr-admins',
    'X-Auth-Request-Groups': 'swr-admins',
    'X-Auth-Request-User': 'admin',
  };

  it('keeps a signed-in viewer a viewer: an admin route still answers 403', async () => {
    const browser = stack.browser();
    await browser.signInDemo('vera-viewer');
    const me = await browser.get('/api/me', { headers: spoof });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ user: { name: 'Vera Viewer', role: 'viewer' } });
    const create = await browser.request('POST', NAMESPACES, {
      headers: spoof,
      json: { namespace: 'spoofed-admin' },
    });
    expect(create.status).toBe(403);
    expect(create.json).toMatchObject({ code: 'forbidden' });
    expect((await recordsOf(stack, create))[0]).toMatchObject({
      event: 'authz.denied',
      actor: { sub: 'vera-viewer', role: 'viewer', authMode: 'demo' },
    });
  });

  it('gives no identity to headers alone', async () => {
    expect((await stack.browser().get('/api/me', { headers: spoof })).status).toBe(401);
  });

  it('accepts a planted session cookie here (the header-mode test relies on the same cookie)', async () => {
    const cookie = await plantSession(stack, DEMO_ADMIN);
    const me = await stack.browser().get('/api/me', { headers: { Cookie: cookie } });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ user: { name: 'Ada Admin', role: 'admin', authMode: 'demo' } });
  });
});
