/**
 * OIDC sign-in against a real provider (oidc-provider 9 on loopback): every role, the outsider,
 * logout, and the attacks of docs/security.md cases 2 (forged and planted cookies), 3 (callback
 * tampering), 4 (open redirect after sign-in) and 18 (session lifetime). Time is moved by
 * rewriting rows in the BFF's SQLite, never by sleeping.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../src/audit/trail';
import { hashId } from '../src/store/session-store';
import {
  signInWithOidc,
  startOidcSignIn,
  type OidcSignIn,
  type SignInOptions,
} from './support/oidc-flow';
import {
  formOf,
  IdpAgent,
  OIDC_ACCOUNTS,
  oidcBffEnv,
  startOidcProvider,
  type TestAccount,
  type TestIdp,
} from '@swr-dashboard/test-support';
import { newClientAddress } from './support/raw-http';
import { startStack, type Browser, type Reply, type Stack } from './support/stack';
import { sqliteDb } from './support/sqlite';

const SESSION_SECRET = 'oidc-test-session-secret-0123456789abcdef';
const SID = 'swr-bff.sid';
const LOGIN = 'swr-bff.login';
const MINUTE = 60_000;

/** Every token, code, state, cookie and secret seen: none may reach an audit record or a log. */
const secrets = new Set<string>();

function remember(...values: (string | null | undefined)[]): void {
  for (const value of values) {
    if (value !== null && value !== undefined && value.length >= 8) {
      secrets.add(value);
      secrets.add(decodeURIComponent(value));
    }
  }
}

interface OidcStack {
  stack: Stack;
  idp: TestIdp;
}

async function startOidcStack(
  options: { idTokenClaims?: boolean; env?: Record<string, string>; https?: boolean } = {},
): Promise<OidcStack> {
  let idp: TestIdp | undefined;
  const stack = await startStack({
    prepare: async (origin) => {
      const publicOrigin = options.https === true ? origin.replace('http:', 'https:') : origin;
      idp = await startOidcProvider({
        redirectUris: [`${publicOrigin}/auth/callback`],
        postLogoutRedirectUris: [`${publicOrigin}/`],
        idTokenClaims: options.idTokenClaims ?? false,
        tokenEndpointAuthMethod:
          options.env?.OIDC_TOKEN_AUTH_METHOD === 'client_secret_post'
            ? 'client_secret_post'
            : 'client_secret_basic',
      });
      return {
        ...oidcBffEnv(idp),
        SESSION_SECRETS: SESSION_SECRET,
        PUBLIC_ORIGIN: publicOrigin,
        ...options.env,
      };
    },
  });
  if (idp === undefined) throw new Error('the provider did not start');
  remember(idp.clientSecret, SESSION_SECRET);
  return { stack, idp };
}

function setCookieValue(reply: Reply, name: string): string | undefined {
  const header = reply.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`));
  return header?.slice(name.length + 1).split(';')[0];
}

function rememberFlow(flow: { start: Reply; callback: URL }): void {
  const authorization = new URL(flow.start.headers.get('location') ?? '');
  remember(
    authorization.searchParams.get('state'),
    authorization.searchParams.get('nonce'),
    authorization.searchParams.get('code_challenge'),
    flow.callback.searchParams.get('code'),
    setCookieValue(flow.start, LOGIN),
  );
}

function rememberSession(browser: Browser): void {
  const cookie = browser.cookies.get(SID);
  if (cookie !== undefined) remember(cookie, sessionIdOf(cookie));
}

async function signIn(
  browser: Browser,
  login: string,
  options: SignInOptions = {},
): Promise<OidcSignIn> {
  const flow = await signInWithOidc(browser, login, options);
  rememberFlow(flow);
  rememberSession(browser);
  return flow;
}

async function startSignIn(browser: Browser, login: string, options: SignInOptions = {}) {
  const flow = await startOidcSignIn(browser, login, options);
  rememberFlow(flow);
  return flow;
}

function callbackPath(url: URL): string {
  return `${url.pathname}${url.search}`;
}

/** The session id inside a signed `s:<id>.<signature>` cookie value. */
function sessionIdOf(cookie: string): string {
  const value = decodeURIComponent(cookie);
  return value.slice(2, value.lastIndexOf('.'));
}

/** A cookie value as express-session signs it (cookie-signature: HMAC-SHA256, base64). */
function signedCookie(id: string, secret: string): string {
  const mac = createHmac('sha256', secret).update(id).digest('base64').replace(/=+$/, '');
  return encodeURIComponent(`s:${id}.${mac}`);
}

function sessionCount(stack: Stack): number {
  return (sqliteDb(stack.bff).prepare('SELECT count(*) AS n FROM sessions').get() as { n: number })
    .n;
}

function sessionRowsOf(stack: Stack, account: TestAccount, idp: TestIdp): number {
  return (
    sqliteDb(stack.bff)
      .prepare('SELECT count(*) AS n FROM sessions WHERE user_key = ?')
      .get(`${idp.issuer}|${account.id}`) as { n: number }
  ).n;
}

/** Rewrites a session's clock fields in SQLite, as if that much time had passed. */
function ageSession(
  stack: Stack,
  browser: Browser,
  times: { lastSeen?: number; createdAt?: number },
) {
  const sid = sessionIdOf(browser.cookies.get(SID) ?? '');
  let sql = 'data';
  const args: number[] = [];
  for (const [field, value] of Object.entries(times)) {
    sql = `json_set(${sql}, '$.${field}', ?)`;
    args.push(value);
  }
  const changed = sqliteDb(stack.bff)
    .prepare(`UPDATE sessions SET data = ${sql} WHERE sid_hash = ?`)
    .run(...args, hashId(sid)).changes;
  expect(changed).toBe(1);
}

function auditOf(stack: Stack, event?: string): AuditRecord[] {
  const rows = (
    event === undefined
      ? sqliteDb(stack.bff).prepare('SELECT record FROM audit_events ORDER BY seq').all()
      : sqliteDb(stack.bff)
          .prepare('SELECT record FROM audit_events WHERE event = ? ORDER BY seq')
          .all(event)
  ) as { record: string }[];
  return rows.map((row) => JSON.parse(row.record) as AuditRecord);
}

function lastAudit(stack: Stack, event: string): AuditRecord | undefined {
  return auditOf(stack, event).at(-1);
}

function loginTransaction(stack: Stack, cookie: string) {
  return sqliteDb(stack.bff)
    .prepare('SELECT data, expires_at FROM login_transactions WHERE id_hash = ?')
    .get(createHash('sha256').update(cookie).digest('hex')) as
    { data: string; expires_at: number } | undefined;
}

describe('OIDC sign-in against a real provider', () => {
  let stack: Stack;
  let idp: TestIdp;
  beforeAll(async () => {
    // Clients may say who they are through one proxy hop: the refusal tests each use their own
    // address (refusals after the first of an address in a minute are only counted).
    ({ stack, idp } = await startOidcStack({ env: { TRUST_PROXY_HOPS: '1' } }));
  });
  afterAll(async () => {
    await stack.close();
    await idp.close();
  });

  /** Signs in as `account`, asserting it worked. */
  async function signedIn(account: TestAccount, options: SignInOptions = {}) {
    const browser = stack.browser();
    const flow = await signIn(browser, account.id, options);
    expect(flow.reply.status, flow.reply.text).toBe(302);
    expect(browser.cookies.has(SID)).toBe(true);
    return { browser, flow };
  }

  /** A refused callback: 400 login_failed, no session, the login cookie cleared, audited. */
  function expectRefused(reply: Reply, sessionsBefore: number, reason: RegExp): void {
    expect(reply.status, reply.text).toBe(400);
    expect(reply.json).toMatchObject({ code: 'login_failed' });
    expect(setCookieValue(reply, SID)).toBeUndefined();
    expect(setCookieValue(reply, LOGIN)).toBe('');
    expect(sessionCount(stack)).toBe(sessionsBefore);
    const failure = lastAudit(stack, 'login.failure');
    expect(failure).toMatchObject({ outcome: 'failure', httpStatus: 400 });
    expect(failure?.reason).toMatch(reason);
    expect(failure?.request.id).toBe(reply.headers.get('x-request-id'));
  }

  it.each([
    ['admin', OIDC_ACCOUNTS.admin, 'admin', null],
    ['operator', OIDC_ACCOUNTS.operator, 'operator', null],
    ['viewer', OIDC_ACCOUNTS.viewer, 'viewer', null],
    ['scoped operator', OIDC_ACCOUNTS.scopedOperator, 'operator', ['payments*']],
  ] as const)(
    'signs in the %s: role and organizations in /api/me',
    async (_, account, role, namespaces) => {
      const before = sessionRowsOf(stack, account, idp);
      const { browser, flow } = await signedIn(account);
      expect(flow.reply.headers.get('location')).toBe('/');
      expect(browser.cookies.has(LOGIN)).toBe(false);
      expect(flow.reply.headers.getSetCookie().find((c) => c.startsWith(`${SID}=`))).toMatch(
        /; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Strict$/,
      );
      const me = await browser.get('/api/me');
      expect(me.status).toBe(200);
      expect(me.json).toMatchObject({
        user: {
          name: account.preferredUsername,
          email: account.email,
          role,
          groups: account.groups,
          authMode: 'oidc',
        },
        namespaces,
      });
      // The provider keeps profile and groups out of the ID token here: they came from userinfo.
      expect(idp.requests).toContain('GET /me');
      expect(sessionRowsOf(stack, account, idp)).toBe(before + 1);
      const success = lastAudit(stack, 'login.success');
      expect(success).toMatchObject({
        outcome: 'success',
        httpStatus: 302,
        actor: {
          key: `${idp.issuer}|${account.id}`,
          iss: idp.issuer,
          sub: account.id,
          role,
          authMode: 'oidc',
        },
      });
      expect(success?.actor?.sessionRef).toMatch(/^[0-9a-f]{16}$/);
    },
  );

  it('starts with PKCE (S256), state and nonce, and a Lax login cookie that holds only a random id', async () => {
    const browser = stack.browser();
    const start = await browser.get(`/auth/login?returnTo=${encodeURIComponent('/namespaces')}`);
    expect(start.status).toBe(302);
    const location = new URL(start.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(`${idp.issuer}/auth`);
    const params = Object.fromEntries(location.searchParams);
    expect(params).toMatchObject({
      response_type: 'code',
      client_id: idp.clientId,
      redirect_uri: `${stack.origin}/auth/callback`,
      scope: 'openid profile email groups',
      code_challenge_method: 'S256',
    });
    expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookies = start.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(
      /^swr-bff\.login=[A-Za-z0-9_-]{43}; Max-Age=600; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/,
    );
    const cookie = setCookieValue(start, LOGIN) ?? '';
    remember(cookie, params.state, params.nonce);
    // Stored under the cookie's hash, for 10 minutes, with the checks the callback needs.
    const row = loginTransaction(stack, cookie);
    expect(row).toBeDefined();
    expect(row?.data).not.toContain(cookie);
    expect(JSON.parse(row?.data ?? '{}')).toMatchObject({
      state: params.state,
      nonce: params.nonce,
      returnTo: '/namespaces',
    });
    expect(Math.abs((row?.expires_at ?? 0) - (Date.now() + 10 * MINUTE))).toBeLessThan(5_000);
    // Starting again from the same browser drops the unfinished transaction.
    const again = await browser.get('/auth/login');
    expect(loginTransaction(stack, cookie)).toBeUndefined();
    expect(loginTransaction(stack, setCookieValue(again, LOGIN) ?? '')).toBeDefined();
    remember(setCookieValue(again, LOGIN));
  });

  it('refuses an outsider: 403, no session, and login.failure "no role" naming who tried', async () => {
    const account = OIDC_ACCOUNTS.outsider;
    const sessions = sessionCount(stack);
    const browser = stack.browser();
    const { reply } = await signIn(browser, account.id);
    expect(reply.status).toBe(403);
    expect(reply.json).toMatchObject({ code: 'forbidden' });
    expect(setCookieValue(reply, SID)).toBeUndefined();
    expect(browser.cookies.has(SID)).toBe(false);
    expect(browser.cookies.has(LOGIN)).toBe(false);
    expect(sessionCount(stack)).toBe(sessions);
    expect(sessionRowsOf(stack, account, idp)).toBe(0);
    expect(lastAudit(stack, 'login.failure')).toMatchObject({
      outcome: 'denied',
      reason: 'no role',
      httpStatus: 403,
      actor: { sub: account.id, iss: idp.issuer, role: 'none', groups: account.groups },
    });
    expect((await browser.get('/api/me')).status).toBe(401);
  });

  describe('logout', () => {
    it('POST /auth/logout ends the session on the server and returns the end-session URL', async () => {
      const agent = new IdpAgent();
      const account = OIDC_ACCOUNTS.operator;
      const { browser } = await signedIn(account, { agent });
      const cookie = browser.cookies.get(SID) ?? '';
      const before = sessionRowsOf(stack, account, idp);
      const out = await browser.request('POST', '/auth/logout');
      expect(out.status).toBe(200);
      const logoutUrl = new URL((out.json as { logoutUrl: string }).logoutUrl);
      const idToken = logoutUrl.searchParams.get('id_token_hint') ?? '';
      remember(idToken);
      expect(`${logoutUrl.origin}${logoutUrl.pathname}`).toBe(`${idp.issuer}/session/end`);
      expect(idToken.split('.')).toHaveLength(3);
      expect(logoutUrl.searchParams.get('post_logout_redirect_uri')).toBe(`${stack.origin}/`);
      expect(logoutUrl.searchParams.get('client_id')).toBe(idp.clientId);
      expect(setCookieValue(out, SID)).toBe('');
      expect(sessionRowsOf(stack, account, idp)).toBe(before - 1);
      expect(lastAudit(stack, 'logout')).toMatchObject({
        outcome: 'success',
        actor: { sub: account.id, role: 'operator' },
      });
      // The old cookie, replayed: the session is gone on the server.
      const replay = stack.browser();
      replay.cookies.set(SID, cookie);
      const me = await replay.get('/api/me');
      expect(me.status).toBe(401);
      expect(me.json).toMatchObject({ code: 'unauthenticated' });
      // The provider accepts the URL and, once confirmed, comes back to the console.
      const confirm = await agent.request('GET', logoutUrl);
      expect(confirm.status).toBe(200);
      const form = formOf(confirm);
      const done = await agent.request('POST', form.action, { ...form.fields, logout: 'yes' });
      expect(done.location?.href).toBe(`${stack.origin}/`);
    });

    it('GET /auth/logout is 405 and the user stays signed in', async () => {
      const { browser } = await signedIn(OIDC_ACCOUNTS.viewer);
      const reply = await browser.get('/auth/logout');
      expect(reply.status).toBe(405);
      expect(reply.json).toMatchObject({ code: 'method_not_allowed' });
      expect((await browser.get('/api/me')).status).toBe(200);
    });

    it('a logout without X-CSRF, or from another origin, is 403 and the user stays signed in', async () => {
      const { browser } = await signedIn(OIDC_ACCOUNTS.viewer);
      const noHeader = await browser.request('POST', '/auth/logout', { csrf: false });
      expect(noHeader.status).toBe(403);
      expect(noHeader.json).toMatchObject({ code: 'csrf' });
      const crossSite = await browser.request('POST', '/auth/logout', {
        headers: { Origin: 'https://evil.example' },
      });
      expect(crossSite.status).toBe(403);
      expect((await browser.get('/api/me')).status).toBe(200);
      expect(lastAudit(stack, 'csrf.rejected')).toMatchObject({ outcome: 'denied' });
    });
  });

  describe('case 2: forged and planted session cookies', () => {
    it('a forged, wrongly signed or unknown session cookie gets 401 and creates no session', async () => {
      const cookies = [
        'not-a-session',
        signedCookie(randomBytes(24).toString('base64url'), 'some-other-secret-0123456789abcdef'),
        signedCookie(randomBytes(24).toString('base64url'), SESSION_SECRET),
      ];
      for (const cookie of cookies) {
        const sessions = sessionCount(stack);
        const browser = stack.browser();
        browser.cookies.set(SID, cookie);
        const me = await browser.get('/api/me');
        expect(me.status).toBe(401);
        expect(me.json).toMatchObject({ code: 'unauthenticated' });
        expect(setCookieValue(me, SID)).toBeUndefined();
        const login = await browser.get('/auth/login');
        expect(login.status).toBe(302);
        expect(setCookieValue(login, SID)).toBeUndefined();
        expect(sessionCount(stack)).toBe(sessions);
      }
    });

    it('a cookie planted before sign-in is not the session afterwards (an unknown id)', async () => {
      const planted = signedCookie(randomBytes(24).toString('base64url'), SESSION_SECRET);
      const browser = stack.browser();
      browser.cookies.set(SID, planted);
      await signIn(browser, OIDC_ACCOUNTS.admin.id);
      const cookie = browser.cookies.get(SID);
      expect(cookie).toBeDefined();
      expect(sessionIdOf(cookie ?? '')).not.toBe(sessionIdOf(planted));
      expect((await browser.get('/api/me')).json).toMatchObject({ user: { role: 'admin' } });
      const attacker = stack.browser();
      attacker.cookies.set(SID, planted);
      expect((await attacker.get('/api/me')).status).toBe(401);
    });

    it("a cookie planted before sign-in is not the session afterwards (the attacker's own session)", async () => {
      const { browser: attacker } = await signedIn(OIDC_ACCOUNTS.viewer);
      const planted = attacker.cookies.get(SID) ?? '';
      const victim = stack.browser();
      victim.cookies.set(SID, planted);
      await signIn(victim, OIDC_ACCOUNTS.admin.id);
      const cookie = victim.cookies.get(SID) ?? '';
      expect(sessionIdOf(cookie)).not.toBe(sessionIdOf(planted));
      expect((await victim.get('/api/me')).json).toMatchObject({
        user: { name: OIDC_ACCOUNTS.admin.preferredUsername, role: 'admin' },
      });
      // The planted id was replaced, not promoted: it opens nothing any more.
      expect((await attacker.get('/api/me')).status).toBe(401);
    });
  });

  describe('case 3: callback tampering is refused without a session', () => {
    /** A browser of its own client address. */
    const client = () => stack.browser({ 'X-Forwarded-For': newClientAddress() });

    it('a wrong state', async () => {
      const browser = client();
      const { callback } = await startSignIn(browser, OIDC_ACCOUNTS.admin.id);
      callback.searchParams.set('state', randomBytes(32).toString('base64url'));
      const sessions = sessionCount(stack);
      expectRefused(await browser.get(callbackPath(callback)), sessions, /"state"/);
    });

    it('a missing state', async () => {
      const browser = client();
      const { callback } = await startSignIn(browser, OIDC_ACCOUNTS.admin.id);
      callback.searchParams.delete('state');
      const sessions = sessionCount(stack);
      expectRefused(await browser.get(callbackPath(callback)), sessions, /"state"/);
    });

    it('a callback replayed in the same browser (its login cookie is gone)', async () => {
      const browser = client();
      const { callback } = await signIn(browser, OIDC_ACCOUNTS.admin.id);
      const sessions = sessionCount(stack);
      const fresh = client();
      expectRefused(await fresh.get(callbackPath(callback)), sessions, /login cookie missing/);
    });

    it('a callback replayed with its login cookie (the transaction is single-use)', async () => {
      const browser = client();
      const { start, callback } = await startSignIn(browser, OIDC_ACCOUNTS.admin.id);
      const loginCookie = setCookieValue(start, LOGIN) ?? '';
      expect((await browser.get(callbackPath(callback))).status).toBe(302);
      const replay = client();
      replay.cookies.set(LOGIN, loginCookie);
      const sessions = sessionCount(stack);
      expectRefused(
        await replay.get(callbackPath(callback)),
        sessions,
        /login transaction unknown or already used/,
      );
    });

    it('a replayed authorization code (the provider refuses it even with a valid transaction)', async () => {
      const browser = client();
      const { start, callback } = await startSignIn(browser, OIDC_ACCOUNTS.admin.id);
      const transaction = loginTransaction(stack, setCookieValue(start, LOGIN) ?? '');
      expect((await browser.get(callbackPath(callback))).status).toBe(302);
      // Resurrect the used transaction under a new id, as if it had not been deleted.
      const id = randomBytes(32).toString('base64url');
      sqliteDb(stack.bff)
        .prepare('INSERT INTO login_transactions (id_hash, data, expires_at) VALUES (?, ?, ?)')
        .run(createHash('sha256').update(id).digest('hex'), transaction?.data, Date.now() + MINUTE);
      const replay = client();
      replay.cookies.set(LOGIN, id);
      const sessions = sessionCount(stack);
      expectRefused(
        await replay.get(callbackPath(callback)),
        sessions,
        /token endpoint error: invalid_grant/,
      );
    });

    it("another sign-in's code with this sign-in's state (PKCE binds the code)", async () => {
      const first = await startSignIn(client(), OIDC_ACCOUNTS.admin.id);
      const browser = client();
      const { callback } = await startSignIn(browser, OIDC_ACCOUNTS.viewer.id);
      callback.searchParams.set('code', first.callback.searchParams.get('code') ?? '');
      const sessions = sessionCount(stack);
      expectRefused(
        await browser.get(callbackPath(callback)),
        sessions,
        /token endpoint error: invalid_grant/,
      );
    });

    it('an expired login transaction (older than 10 minutes)', async () => {
      const browser = client();
      const { start, callback } = await startSignIn(browser, OIDC_ACCOUNTS.admin.id);
      const cookie = setCookieValue(start, LOGIN) ?? '';
      sqliteDb(stack.bff)
        .prepare('UPDATE login_transactions SET expires_at = ? WHERE id_hash = ?')
        .run(Date.now() - 1, createHash('sha256').update(cookie).digest('hex'));
      const sessions = sessionCount(stack);
      expectRefused(
        await browser.get(callbackPath(callback)),
        sessions,
        /login transaction expired/,
      );
      expect(loginTransaction(stack, cookie)).toBeUndefined();
    });

    it('a callback without the login cookie', async () => {
      const browser = client();
      const { callback } = await startSignIn(browser, OIDC_ACCOUNTS.admin.id);
      browser.cookies.delete(LOGIN);
      const sessions = sessionCount(stack);
      expectRefused(await browser.get(callbackPath(callback)), sessions, /login cookie missing/);
    });

    it('the provider answering error=access_denied (the user cancelled)', async () => {
      const browser = client();
      const { callback } = await startSignIn(browser, OIDC_ACCOUNTS.admin.id, { cancel: true });
      expect(callback.searchParams.get('error')).toBe('access_denied');
      const sessions = sessionCount(stack);
      expectRefused(
        await browser.get(callbackPath(callback)),
        sessions,
        /identity provider error: access_denied/,
      );
    });

    it('an ID token whose nonce is not the one sent', async () => {
      const browser = client();
      const { start, callback } = await startSignIn(browser, OIDC_ACCOUNTS.admin.id);
      sqliteDb(stack.bff)
        .prepare(
          `UPDATE login_transactions SET data = json_set(data, '$.nonce', ?) WHERE id_hash = ?`,
        )
        .run(
          randomBytes(32).toString('base64url'),
          createHash('sha256')
            .update(setCookieValue(start, LOGIN) ?? '')
            .digest('hex'),
        );
      const sessions = sessionCount(stack);
      expectRefused(await browser.get(callbackPath(callback)), sessions, /"nonce"/);
    });

    it('a PKCE verifier that does not match the challenge', async () => {
      const browser = client();
      const { start, callback } = await startSignIn(browser, OIDC_ACCOUNTS.admin.id);
      sqliteDb(stack.bff)
        .prepare(
          `UPDATE login_transactions SET data = json_set(data, '$.codeVerifier', ?) WHERE id_hash = ?`,
        )
        .run(
          randomBytes(32).toString('base64url'),
          createHash('sha256')
            .update(setCookieValue(start, LOGIN) ?? '')
            .digest('hex'),
        );
      const sessions = sessionCount(stack);
      expectRefused(
        await browser.get(callbackPath(callback)),
        sessions,
        /token endpoint error: invalid_grant/,
      );
    });

    it('an authorization response naming another issuer', async () => {
      const browser = client();
      const { callback } = await startSignIn(browser, OIDC_ACCOUNTS.admin.id);
      callback.searchParams.set('iss', 'https://evil.example');
      const sessions = sessionCount(stack);
      expectRefused(await browser.get(callbackPath(callback)), sessions, /"iss"/);
    });

    it('sends a browser to the sign-in page with the reason instead of JSON', async () => {
      const browser = client();
      const { callback } = await startSignIn(browser, OIDC_ACCOUNTS.admin.id);
      browser.cookies.delete(LOGIN);
      const reply = await browser.get(callbackPath(callback), {
        headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' },
      });
      expect(reply.status).toBe(303);
      const location = new URL(reply.headers.get('location') ?? '', 'http://console.invalid');
      expect(location.pathname).toBe('/signin');
      expect(location.searchParams.get('error')).toBe('login_failed');
      expect(location.searchParams.get('requestId')).toBe(reply.headers.get('x-request-id'));
      expect(location.search).not.toContain(callback.searchParams.get('code') ?? 'no code');
    });
  });

  describe('case 4: no open redirect after sign-in', () => {
    const agent = new IdpAgent();

    it.each([
      ['https://evil.example', encodeURIComponent('https://evil.example')],
      ['//evil.example', encodeURIComponent('//evil.example')],
      ['/\\evil.example', encodeURIComponent('/\\evil.example')],
      ['/%2e%2e//evil, sent as is (decodes to /..//evil)', '/%2e%2e//evil'],
      ['/%2e%2e//evil, encoded', encodeURIComponent('/%2e%2e//evil')],
      ['javascript:alert(1)', encodeURIComponent('javascript:alert(1)')],
      ['a CR/LF header injection', '/x%0d%0aLocation:%20https://evil.example'],
      ['a tab', '/%09/evil.example'],
    ])('returnTo=%s lands on /', async (_, returnTo) => {
      const browser = stack.browser();
      const { reply } = await signIn(browser, OIDC_ACCOUNTS.viewer.id, { returnTo, agent });
      expect(reply.status, reply.text).toBe(302);
      expect(reply.headers.get('location')).toBe('/');
    });

    it('a path of the console is kept', async () => {
      const browser = stack.browser();
      const { reply } = await signIn(browser, OIDC_ACCOUNTS.viewer.id, {
        returnTo: encodeURIComponent('/namespaces/payments?tab=repos'),
        agent,
      });
      expect(reply.headers.get('location')).toBe('/namespaces/payments?tab=repos');
    });
  });

  describe('case 18: session lifetime', () => {
    it('idle longer than 30 minutes: 401, audited as session.expired, and the session is gone', async () => {
      const account = OIDC_ACCOUNTS.viewer;
      const { browser } = await signedIn(account);
      ageSession(stack, browser, { lastSeen: Date.now() - 31 * MINUTE });
      const sessions = sessionCount(stack);
      const me = await browser.get('/api/me');
      expect(me.status).toBe(401);
      expect(me.json).toMatchObject({ code: 'session_expired', reason: 'idle' });
      expect(lastAudit(stack, 'session.expired')).toMatchObject({
        reason: 'idle',
        httpStatus: 401,
        actor: { sub: account.id },
      });
      expect(sessionCount(stack)).toBe(sessions - 1);
      expect((await browser.get('/api/me')).json).toMatchObject({ code: 'unauthenticated' });
    });

    it('older than 12 hours, even with constant activity: 401', async () => {
      const { browser } = await signedIn(OIDC_ACCOUNTS.operator);
      ageSession(stack, browser, { createdAt: Date.now() - 12 * 60 * MINUTE + MINUTE });
      expect((await browser.get('/api/me')).status).toBe(200);
      ageSession(stack, browser, {
        createdAt: Date.now() - 12 * 60 * MINUTE - MINUTE,
        lastSeen: Date.now() - MINUTE,
      });
      const me = await browser.get('/api/me');
      expect(me.status).toBe(401);
      expect(me.json).toMatchObject({ code: 'session_expired', reason: 'absolute' });
      expect(lastAudit(stack, 'session.expired')).toMatchObject({ reason: 'absolute' });
    });
  });

  it('never writes a token, code, state, cookie or session id to the audit trail or the logs', async () => {
    // One more full round trip, so this test has material of its own.
    const { browser } = await signedIn(OIDC_ACCOUNTS.admin);
    const out = await browser.request('POST', '/auth/logout');
    remember(
      new URL((out.json as { logoutUrl: string }).logoutUrl).searchParams.get('id_token_hint'),
    );
    remember(...idp.issued);
    expect(idp.issued.length).toBeGreaterThan(0);
    expect(idp.serverErrors).toEqual([]);
    const records = auditOf(stack).map((record) => JSON.stringify(record));
    expect(records.length).toBeGreaterThan(0);
    expect(stack.logLines.length).toBeGreaterThan(0);
    const texts = [...records, ...stack.logLines];
    const all = texts.join('\n');
    for (const secret of secrets) {
      if (all.includes(secret)) {
        expect.fail(`a secret in: ${texts.find((text) => text.includes(secret)) ?? ''}`);
      }
    }
  });
});

describe('OIDC with groups in the ID token and client_secret_post', () => {
  let stack: Stack;
  let idp: TestIdp;
  beforeAll(async () => {
    ({ stack, idp } = await startOidcStack({
      idTokenClaims: true,
      env: { OIDC_TOKEN_AUTH_METHOD: 'client_secret_post' },
    }));
  });
  afterAll(async () => {
    await stack.close();
    await idp.close();
  });

  it('reads name and groups from the ID token without calling userinfo', async () => {
    const account = OIDC_ACCOUNTS.scopedOperator;
    const browser = stack.browser();
    const { reply } = await signIn(browser, account.id);
    expect(reply.status, reply.text).toBe(302);
    expect((await browser.get('/api/me')).json).toMatchObject({
      user: { name: account.preferredUsername, role: 'operator', groups: account.groups },
      namespaces: ['payments*'],
    });
    expect(idp.requests).toContain('POST /token');
    expect(idp.requests).not.toContain('GET /me');
  });
});

describe('OIDC behind https', () => {
  let stack: Stack;
  let idp: TestIdp;
  beforeAll(async () => {
    ({ stack, idp } = await startOidcStack({ https: true, env: { TRUST_PROXY_HOPS: '1' } }));
  });
  afterAll(async () => {
    await stack.close();
    await idp.close();
  });

  it('names the login cookie __Host- and makes it Secure', async () => {
    const browser = stack.browser();
    const start = await browser.get('/auth/login');
    expect(start.status).toBe(302);
    const location = new URL(start.headers.get('location') ?? '');
    expect(location.searchParams.get('redirect_uri')).toBe(
      `${stack.origin.replace('http:', 'https:')}/auth/callback`,
    );
    expect(start.headers.getSetCookie()).toEqual([
      expect.stringMatching(
        /^__Host-swr-bff\.login=[A-Za-z0-9_-]{43}; Max-Age=600; Path=\/; Expires=[^;]+; HttpOnly; Secure; SameSite=Lax$/,
      ),
    ]);
    remember(setCookieValue(start, '__Host-swr-bff.login'));
    // The callback reads that cookie: the transaction is found, then the response is checked.
    const callback = await browser.get('/auth/callback?code=x&state=y');
    expect(callback.status).toBe(400);
    expect(lastAudit(stack, 'login.failure')?.reason).toMatch(/^response rejected: /);
    expect(browser.cookies.has('__Host-swr-bff.login')).toBe(false);
  });
});
