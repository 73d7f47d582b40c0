/**
 * One console session per role for the whole run, signed in once by the global setup through the
 * real OIDC provider over HTTP (its login and consent forms, as the BFF's own OIDC tests drive
 * them), and handed to the workers as cookies. The browser's way through those forms is a spec of
 * its own (shell.spec.ts, with `signInThroughForm`); every other spec starts from these sessions
 * instead of paying for two page loads and the provider's pages per role and worker.
 */
import { request, type Cookie } from '@playwright/test';
import { authorizeAtIdp, IdpAgent, OIDC_ACCOUNTS } from '@swr-dashboard/test-support';

export type AccountRole = keyof typeof OIDC_ACCOUNTS;

/** The roles that can sign in (the outsider is refused, which shell.spec.ts checks). */
export const SESSION_ROLES = ['admin', 'operator', 'viewer', 'scopedOperator'] as const;
export type SessionRole = (typeof SESSION_ROLES)[number];

const SESSIONS_ENV = 'E2E_SESSIONS';

/**
 * Signs `role` in: the console's `/auth/login` sends the browser to the provider, whose login and
 * consent forms an `IdpAgent` fills (test-support, as the BFF's own OIDC tests do), and the
 * provider sends it back to the console's callback. The console and the provider each keep their
 * own cookies, as a browser keeps them by site.
 */
async function signInOverHttp(origin: string, role: SessionRole): Promise<Cookie[]> {
  const console_ = await request.newContext({ baseURL: origin });
  try {
    const start = await console_.get('/auth/login?returnTo=%2F', { maxRedirects: 0 });
    const location = start.headers().location;
    if (start.status() !== 302 || location === undefined) {
      throw new Error(`/auth/login answered ${start.status()}`);
    }
    const callback = await authorizeAtIdp(
      new IdpAgent(),
      new URL(location, origin),
      OIDC_ACCOUNTS[role].id,
    );
    const finish = await console_.get(callback.href, { maxRedirects: 0 });
    if (finish.status() !== 302) {
      throw new Error(`the console's callback answered ${finish.status()}`);
    }
    const me = await console_.get('/api/me', { headers: { 'X-CSRF': '1' } });
    if (!me.ok()) throw new Error(`/api/me answered ${me.status()} after signing ${role} in`);
    return (await console_.storageState()).cookies;
  } finally {
    await console_.dispose();
  }
}

/** Signs every role in, and leaves their cookies where the workers find them. */
export async function signInEveryRole(origin: string): Promise<void> {
  const sessions = Object.fromEntries(
    await Promise.all(
      SESSION_ROLES.map(async (role) => [role, await signInOverHttp(origin, role)] as const),
    ),
  );
  process.env[SESSIONS_ENV] = JSON.stringify(sessions);
}

/** The session cookies of `role`, signed in by the global setup. */
export function sessionCookies(role: SessionRole): Cookie[] {
  const sessions = JSON.parse(process.env[SESSIONS_ENV] ?? '{}') as Partial<
    Record<SessionRole, Cookie[]>
  >;
  const cookies = sessions[role];
  if (cookies === undefined) throw new Error(`no session for ${role}: did the global setup run?`);
  // As session cookies: the expiry they had at the setup would pass during a long run.
  return cookies.map((cookie) => ({ ...cookie, expires: -1 }));
}
