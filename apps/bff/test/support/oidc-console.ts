/**
 * The console as the authorization and guarding tests drive it: the BFF in `oidc` mode against
 * the real local OpenID Provider, signed with the console key on the emulator's demo account (so
 * the demo seed is what SWR holds), users signed in through the provider's own login form, and
 * the web app's typed client (`createSwrClient` over `createBffTransport`) on a fetch that adds
 * what the browser adds by itself: the session cookie and, on state-changing calls, `Origin`.
 */
import {
  createBffTransport,
  createSignedTransport,
  createSwrClient,
  isSwrError,
  type SwrClient,
  type SwrError,
} from '@swr-dashboard/swr-client';
import { expect } from 'vitest';
import type { AuditRecord } from '../../src/audit/trail';
import { CONSOLE_KEY, consoleKeyEnv, emulatorWithConsoleKey } from '@swr-dashboard/test-support';
import { signInWithOidc } from './oidc-flow';
import {
  OIDC_ACCOUNTS,
  oidcBffEnv,
  startOidcProvider,
  type TestAccount,
  type TestIdp,
} from '@swr-dashboard/test-support';
import { startStack, type Browser, type Stack } from './stack';
import { sqliteDb } from './sqlite';

export const REGION = 'cn-north-4';
export const SID_COOKIE = 'swr-bff.sid';
export const CONSOLE_SESSION_SECRET = 'authz-tests-session-secret-0123456789abcdef';

/** The four roles the matrix covers, by the test provider's accounts. */
export const ROLE_ACCOUNTS = {
  viewer: OIDC_ACCOUNTS.viewer,
  operator: OIDC_ACCOUNTS.operator,
  admin: OIDC_ACCOUNTS.admin,
  scopedOperator: OIDC_ACCOUNTS.scopedOperator,
} as const satisfies Record<string, TestAccount>;
export type RoleKey = keyof typeof ROLE_ACCOUNTS;

export interface OidcConsole {
  stack: Stack;
  idp: TestIdp;
  close(): Promise<void>;
}

export interface OidcConsoleOptions {
  /** More BFF environment (regions, audit sink, ...), applied last. */
  env?: Record<string, string>;
}

/**
 * Starts the emulator (demo seed, plus the console key), the provider and the BFF in `oidc` mode.
 * Rate limits are raised: these files make many calls per user and are not about limits.
 */
export async function startOidcConsole(options: OidcConsoleOptions = {}): Promise<OidcConsole> {
  let idp: TestIdp | undefined;
  const stack = await startStack({
    emulator: emulatorWithConsoleKey(),
    prepare: async (origin) => {
      idp = await startOidcProvider({
        redirectUris: [`${origin}/auth/callback`],
        postLogoutRedirectUris: [`${origin}/`],
      });
      return {
        ...oidcBffEnv(idp),
        ...consoleKeyEnv,
        SESSION_SECRETS: CONSOLE_SESSION_SECRET,
        RATE_LIMIT_READS_PER_MINUTE: '10000',
        RATE_LIMIT_MUTATIONS_PER_MINUTE: '10000',
        RATE_LIMIT_LOGIN_COMMANDS_PER_HOUR: '1000',
        ...options.env,
      };
    },
  });
  const started = idp;
  if (started === undefined) throw new Error('the provider did not start');
  return {
    stack,
    idp: started,
    async close() {
      await stack.close();
      await started.close();
    },
  };
}

/** What a fetch through `browserFetch` saw: to scan every answer for secrets. */
export interface SeenResponse {
  url: string;
  status: number;
  headers: [string, string][];
  body: string;
}

/**
 * The browser's fetch for the typed client: the jar's cookies on every call, `Origin` on
 * state-changing ones (a browser adds both by itself), cookies it is given kept, and every
 * answer reported to `seen` when asked.
 */
export function browserFetch(browser: Browser, seen?: SeenResponse[]): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    if (browser.cookies.size > 0) headers.set('Cookie', browser.cookieHeader());
    const method = (init?.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') headers.set('Origin', browser.origin);
    const response = await fetch(input, { ...init, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const value = pair.slice(at + 1);
      if (value === '' || /max-age=0/i.test(cookie)) browser.cookies.delete(pair.slice(0, at));
      else browser.cookies.set(pair.slice(0, at), value);
    }
    if (seen === undefined) return response;
    const body = await response.text();
    seen.push({
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      status: response.status,
      headers: [...response.headers],
      body,
    });
    return new Response(response.status === 204 ? null : body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/** The web app's client for one browser and region. */
export function consoleClient(
  stack: Stack,
  browser: Browser,
  options: { region?: string; seen?: SeenResponse[] } = {},
): SwrClient {
  return createSwrClient(
    createBffTransport({
      region: options.region ?? REGION,
      baseUrl: stack.origin,
      fetch: browserFetch(browser, options.seen),
    }),
  );
}

export interface SignedIn {
  account: TestAccount;
  browser: Browser;
  client: SwrClient;
}

/** Signs `account` in through the provider's login form; fails the test if it does not work. */
export async function signInAs(
  stack: Stack,
  account: TestAccount,
  seen?: SeenResponse[],
): Promise<SignedIn> {
  const browser = stack.browser();
  const flow = await signInWithOidc(browser, account.id);
  expect(flow.reply.status, `sign-in of ${account.id}: ${flow.reply.text}`).toBe(302);
  expect(browser.cookies.has(SID_COOKIE)).toBe(true);
  return { account, browser, client: consoleClient(stack, browser, { seen }) };
}

/**
 * A client that talks to the emulator directly, signed with the console key: for looking up
 * seeded ids before a test measures anything (its calls are in `upstreamLog` too).
 */
export function directClient(stack: Stack, region = REGION): SwrClient {
  const running = stack.emulator.regions.find((candidate) => candidate.id === region);
  if (running === undefined) throw new Error(`the emulator has no region ${region}`);
  return createSwrClient(
    createSignedTransport({
      endpoint: running.url,
      credentials: { ...CONSOLE_KEY, projectId: stack.emulator.projectId('demo-ops', region) },
    }),
  );
}

/** Runs a call that must fail, and returns its error (a failing test when it succeeds). */
export async function failureOf(call: Promise<unknown>): Promise<SwrError> {
  try {
    await call;
  } catch (error) {
    if (isSwrError(error)) return error;
    throw error;
  }
  throw new Error('the call succeeded where it should have been refused');
}

/** Every audit record written for one BFF request id, oldest first. */
export function auditRecordsFor(stack: Stack, requestId: string | undefined): AuditRecord[] {
  if (requestId === undefined) return [];
  const rows = sqliteDb(stack.bff)
    .prepare(
      "SELECT record FROM audit_events WHERE json_extract(record, '$.request.id') = ? ORDER BY seq",
    )
    .all(requestId) as { record: string }[];
  return rows.map((row) => JSON.parse(row.record) as AuditRecord);
}

/** Every audit record, oldest first. */
export function allAuditRecords(stack: Stack): AuditRecord[] {
  const rows = sqliteDb(stack.bff)
    .prepare('SELECT record FROM audit_events ORDER BY seq')
    .all() as {
    record: string;
  }[];
  return rows.map((row) => JSON.parse(row.record) as AuditRecord);
}

/** The emulator lines (`<region> <METHOD> <path> <status> <ms>`) added since `from`. */
export function upstreamSince(stack: Stack, from: number): string[] {
  return stack.upstreamLog.slice(from);
}
