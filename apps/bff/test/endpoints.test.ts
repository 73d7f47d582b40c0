/**
 * The BFF serves its own API as the shared contract declares it: every endpoint answers at its
 * method and path (in the sign-in mode it belongs to) instead of falling through to "no such
 * route", and what it answers fits the contract's schema. Against the real emulator, in demo and
 * in OIDC sign-in.
 */
import {
  BFF_ENDPOINTS,
  bffUrl,
  type BffEndpoint,
  type BffEndpointName,
} from '@swr-dashboard/swr-client';
import { OIDC_ACCOUNTS } from '@swr-dashboard/test-support';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSignedInStack, type SignedInStack } from './support/signed-in-stack';
import { startStack, type Browser, type Reply, type Stack } from './support/stack';

/** Endpoints of one sign-in mode only. */
const DEMO_ONLY: readonly BffEndpointName[] = ['demoUsers', 'demoSignIn'];
const OIDC_ONLY: readonly BffEndpointName[] = ['signInCallback'];

/** What each call sends: the path parameters and a body, where the endpoint takes them. */
const PARAMS = {
  region: 'cn-north-4',
  cluster: 'no-such-cluster',
  namespace: 'payments',
  id: 'no-such-job',
};
const CALLS: Partial<Record<BffEndpointName, { query?: object; body?: object }>> = {
  syncStarts: { query: { namespace: 'payments', repository: 'payment-gateway' } },
  endSessions: { query: { user: 'nobody|nobody' } },
  demoSignIn: { body: { user: 'ada-admin' } },
};

/** The answers of the catch-all handlers: the path or method is not a route. */
function isNoRoute(reply: Reply): boolean {
  const body = reply.json as { code?: string; message?: string } | undefined;
  return (
    body?.code === 'method_not_allowed' ||
    (body?.code === 'not_found' &&
      ['No such API route.', 'Not found.'].includes(body.message ?? ''))
  );
}

async function call(browser: Browser, name: BffEndpointName): Promise<Reply> {
  const endpoint: BffEndpoint = BFF_ENDPOINTS[name];
  const extra = CALLS[name] ?? {};
  const url = bffUrl(endpoint, { params: PARAMS, query: extra.query } as never);
  return browser.request(
    endpoint.method,
    url,
    extra.body === undefined ? {} : { json: extra.body },
  );
}

/** A 200 fits the endpoint's schema; a redirect is a redirect; a file is of its media type. */
function expectFitsContract(name: BffEndpointName, reply: Reply): void {
  const endpoint: BffEndpoint = BFF_ENDPOINTS[name];
  const answer = endpoint.answer;
  if (answer === 'redirect') {
    expect([302, 303], `${name}: ${reply.text}`).toContain(reply.status);
  } else if (answer === 'text') {
    expect(reply.status, reply.text).toBe(200);
    expect(endpoint.mediaType, name).toBeDefined();
    expect(reply.headers.get('content-type')?.split(';')[0]).toBe(endpoint.mediaType);
  } else if (reply.status === 200) {
    expect(z.safeParse(answer, reply.json).error, name).toBeUndefined();
  }
}

const names = Object.keys(BFF_ENDPOINTS) as BffEndpointName[];

describe('the BFF serves its contract', { timeout: 60_000 }, () => {
  describe('in demo sign-in', () => {
    let stack: Stack;
    let admin: Browser;
    beforeAll(async () => {
      stack = await startStack();
      admin = stack.browser();
      await admin.signInDemo('ada-admin');
    });
    afterAll(async () => {
      await stack.close();
    });

    it.each(names.filter((name) => !OIDC_ONLY.includes(name)))('%s', async (name) => {
      const reply = await call(admin, name);
      expect(isNoRoute(reply), `${name}: ${String(reply.status)} ${reply.text}`).toBe(false);
      expectFitsContract(name, reply);
    });
  });

  describe('in OIDC sign-in', () => {
    let env: SignedInStack;
    let admin: Browser;
    beforeAll(async () => {
      env = await startSignedInStack();
      ({ browser: admin } = await env.signIn(OIDC_ACCOUNTS.admin));
    });
    afterAll(async () => {
      await env.close();
    });

    it('tells a path or method that is not a route (the check below can fail)', async () => {
      expect(isNoRoute(await admin.request('DELETE', BFF_ENDPOINTS.me.path))).toBe(true);
      expect(isNoRoute(await admin.get('/api/no-such-endpoint'))).toBe(true);
      expect(isNoRoute(await admin.get('/auth/no-such-endpoint'))).toBe(true);
    });

    // Signing out comes last: the order is the contract's.
    it.each(names.filter((name) => !DEMO_ONLY.includes(name)))('%s', async (name) => {
      const reply = await call(admin, name);
      expect(isNoRoute(reply), `${name}: ${String(reply.status)} ${reply.text}`).toBe(false);
      if (name !== 'signInCallback') expectFitsContract(name, reply);
    });
  });
});
