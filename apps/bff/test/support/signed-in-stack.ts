/**
 * The whole stack in `oidc` mode, as the cases of docs/security.md want it: the BFF, the embedded
 * emulator (with the console's own key on the demo account, so the seeded data is there) and a
 * real local OpenID Provider. `signIn(account)` goes through the provider's login and consent
 * forms and returns a console browser holding the session cookie.
 *
 * With `https: true` the console's public origin is https (the BFF behind a TLS-terminating
 * proxy, one trusted hop): the callback is sent with `X-Forwarded-Proto: https`, as that proxy
 * would, so the session cookie is the `__Host-`, `Secure` one.
 */
import type { AuditRecord } from '../../src/audit/trail';
import {
  authorizeAtIdp,
  consoleKeyEnv,
  emulatorWithConsoleKey,
  IdpAgent,
  oidcBffEnv,
  startOidcProvider,
  type TestAccount,
  type TestIdp,
} from '@swr-dashboard/test-support';
import { startStack, type Browser, type Reply, type Stack } from './stack';
import { sqliteDb } from './sqlite';

export interface SignedInStack {
  stack: Stack;
  idp: TestIdp;
  publicOrigin: string;
  /** Signs `account` in through the provider; fails the test when that does not work. */
  signIn(account: TestAccount): Promise<{ browser: Browser; callback: Reply }>;
  /** Audit records, oldest first, optionally of one event. */
  audit(event?: string): AuditRecord[];
  /** Requests the emulator answered so far (all regions it serves). */
  upstreamCalls(): number;
  close(): Promise<void>;
}

export interface SignedInStackOptions {
  /** Extra BFF environment (limits, timeouts, `SWR_ENDPOINT_<REGION>`, ...). */
  env?: Record<string, string>;
  https?: boolean;
}

export async function startSignedInStack(
  options: SignedInStackOptions = {},
): Promise<SignedInStack> {
  let idp: TestIdp | undefined;
  let publicOrigin = '';
  const https = options.https === true;
  const stack = await startStack({
    emulator: emulatorWithConsoleKey(),
    prepare: async (origin) => {
      publicOrigin = https ? origin.replace('http:', 'https:') : origin;
      idp = await startOidcProvider({
        redirectUris: [`${publicOrigin}/auth/callback`],
        postLogoutRedirectUris: [`${publicOrigin}/`],
      });
      return {
        ...oidcBffEnv(idp),
        ...consoleKeyEnv,
        SESSION_SECRETS: 'signed-in-stack-session-secret-0123456789',
        PUBLIC_ORIGIN: publicOrigin,
        ...(https ? { TRUST_PROXY_HOPS: '1' } : {}),
        ...options.env,
      };
    },
  });
  if (idp === undefined) throw new Error('the provider did not start');
  const provider = idp;

  const audit = (event?: string): AuditRecord[] => {
    const rows = (
      event === undefined
        ? sqliteDb(stack.bff).prepare('SELECT record FROM audit_events ORDER BY seq').all()
        : sqliteDb(stack.bff)
            .prepare('SELECT record FROM audit_events WHERE event = ? ORDER BY seq')
            .all(event)
    ) as { record: string }[];
    return rows.map((row) => JSON.parse(row.record) as AuditRecord);
  };

  return {
    stack,
    idp: provider,
    publicOrigin,
    audit,
    upstreamCalls: () => stack.upstreamLog.length,
    async signIn(account) {
      const browser = stack.browser();
      const start = await browser.get('/auth/login');
      const location = start.headers.get('location');
      if (start.status !== 302 || location === null) {
        throw new Error(`/auth/login answered ${start.status}: ${start.text}`);
      }
      const back = await authorizeAtIdp(new IdpAgent(), new URL(location), account.id);
      if (back.origin !== publicOrigin) throw new Error(`the provider sent us to ${back.href}`);
      const callback = await browser.get(
        `${back.pathname}${back.search}`,
        https ? { headers: { 'X-Forwarded-Proto': 'https' } } : undefined,
      );
      if (callback.status !== 302 || browser.cookies.size === 0) {
        throw new Error(`the callback answered ${callback.status}: ${callback.text}`);
      }
      return { browser, callback };
    },
    async close() {
      await stack.close();
      await provider.close();
    },
  };
}
