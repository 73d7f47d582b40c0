/**
 * Driving an OIDC sign-in over HTTP the way a browser does: the console's `Browser` (cookies of
 * the BFF) starts at `/auth/login`, an `IdpAgent` (cookies of the identity provider, kept apart
 * by origin and path; from test-support) follows the provider's redirects and fills its dev login
 * and consent forms, and the console's browser finishes at `/auth/callback`.
 */
import { authorizeAtIdp, IdpAgent, type AuthorizeOptions } from '@swr-dashboard/test-support';
import type { Browser, Reply } from './stack';

export interface OidcSignIn {
  /** The BFF's answer to `/auth/login` (a 302 to the provider). */
  start: Reply;
  /** Where the provider sent the browser back (the BFF's callback, with code and state). */
  callback: URL;
  /** The BFF's answer to the callback. */
  reply: Reply;
}

export interface SignInOptions extends AuthorizeOptions {
  /** The raw query string value of `returnTo`, sent as given. */
  returnTo?: string;
  /** The provider-side browser; a fresh one (no provider session) by default. */
  agent?: IdpAgent;
  /** Extra headers for the callback request (e.g. `Accept: text/html`). */
  callbackHeaders?: Record<string, string>;
}

/** Starts at `/auth/login` and runs the provider's authorization up to the BFF's callback URL. */
export async function startOidcSignIn(
  browser: Browser,
  login: string,
  options: SignInOptions = {},
): Promise<{ start: Reply; callback: URL }> {
  const query = options.returnTo === undefined ? '' : `?returnTo=${options.returnTo}`;
  const start = await browser.get(`/auth/login${query}`);
  const location = start.headers.get('location');
  if (start.status !== 302 || location === null) {
    throw new Error(`/auth/login answered ${start.status}: ${start.text}`);
  }
  const callback = await authorizeAtIdp(
    options.agent ?? new IdpAgent(),
    new URL(location),
    login,
    options,
  );
  if (callback.origin !== browser.origin) {
    throw new Error(`the provider sent the browser to ${callback.origin}`);
  }
  return { start, callback };
}

/**
 * The whole sign-in: `/auth/login` → the provider's authorization endpoint → its login form →
 * consent → the BFF's `/auth/callback`. Returns every step's answer; does not judge them.
 */
export async function signInWithOidc(
  browser: Browser,
  login: string,
  options: SignInOptions = {},
): Promise<OidcSignIn> {
  const { start, callback } = await startOidcSignIn(browser, login, options);
  const reply = await browser.get(
    `${callback.pathname}${callback.search}`,
    options.callbackHeaders === undefined ? undefined : { headers: options.callbackHeaders },
  );
  return { start, callback, reply };
}
