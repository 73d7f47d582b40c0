/**
 * One console session per role for the whole run, signed in once by the global setup through the
 * real OIDC provider over HTTP (its login and consent forms, as the BFF's own OIDC tests drive
 * them), and handed to the workers as cookies. The browser's way through those forms is a spec of
 * its own (shell.spec.ts, with `signInThroughForm`); every other spec starts from these sessions
 * instead of paying for two page loads and the provider's pages per role and worker.
 */
import { request, type APIRequestContext, type APIResponse, type Cookie } from '@playwright/test';
import { OIDC_ACCOUNTS } from '@swr-dashboard/test-support';

export type AccountRole = keyof typeof OIDC_ACCOUNTS;

/** The roles that can sign in (the outsider is refused, which shell.spec.ts checks). */
export const SESSION_ROLES = ['admin', 'operator', 'viewer', 'scopedOperator'] as const;
export type SessionRole = (typeof SESSION_ROLES)[number];

const SESSIONS_ENV = 'E2E_SESSIONS';

/** The provider's form on a page: where it posts and its hidden fields. */
function formOf(html: string, pageUrl: string): { action: string; fields: Record<string, string> } {
  const action = /<form\b[^>]*\baction="([^"]*)"/.exec(html)?.[1];
  if (action === undefined) throw new Error(`no form at ${pageUrl}`);
  const fields: Record<string, string> = {};
  for (const [input] of html.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(input)?.[1];
    if (name !== undefined && /\btype="hidden"/.test(input)) {
      fields[name] = /\bvalue="([^"]*)"/.exec(input)?.[1] ?? '';
    }
  }
  return { action: new URL(action.replaceAll('&amp;', '&'), pageUrl).href, fields };
}

function locationOf(response: APIResponse): string {
  const location = response.headers().location;
  if (location === undefined) {
    throw new Error(`${response.url()} answered ${response.status()} without a redirect`);
  }
  return new URL(location, response.url()).href;
}

/**
 * Signs `role` in: the console's `/auth/login` sends the browser to the provider, which shows its
 * login form, then its consent form, then sends it back to the console's callback. The console
 * and the provider each keep their own cookie jar, as a browser keeps them by site.
 */
async function signInOverHttp(origin: string, role: SessionRole): Promise<Cookie[]> {
  const console_ = await request.newContext({ baseURL: origin });
  const provider: APIRequestContext = await request.newContext();
  try {
    const start = await console_.get('/auth/login?returnTo=%2F', { maxRedirects: 0 });
    let page = await provider.get(locationOf(start));
    const login = formOf(await page.text(), page.url());
    page = await provider.post(login.action, {
      form: { ...login.fields, login: OIDC_ACCOUNTS[role].id, password: 'any-password' },
    });
    const consent = formOf(await page.text(), page.url());
    if (consent.fields.prompt !== 'consent') throw new Error(`no consent form at ${page.url()}`);
    // The provider redirects through its own endpoints before it sends the browser back.
    let next = locationOf(
      await provider.post(consent.action, { form: consent.fields, maxRedirects: 0 }),
    );
    while (!next.startsWith(`${origin}/`)) {
      next = locationOf(await provider.get(next, { maxRedirects: 0 }));
    }
    const callback = await console_.get(next, { maxRedirects: 0 });
    if (callback.status() !== 302) {
      throw new Error(`the console's callback answered ${callback.status()}`);
    }
    const me = await console_.get('/api/me', { headers: { 'X-CSRF': '1' } });
    if (!me.ok()) throw new Error(`/api/me answered ${me.status()} after signing ${role} in`);
    return (await console_.storageState()).cookies;
  } finally {
    await console_.dispose();
    await provider.dispose();
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
