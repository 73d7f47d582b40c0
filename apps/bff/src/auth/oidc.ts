/**
 * OIDC sign-in (openid-client 6): the BFF is a confidential client using the authorization code
 * flow with PKCE (S256), state and nonce (docs/security.md B2).
 *
 * `GET /auth/login` keeps a single-use login transaction (state, nonce, PKCE verifier, where to
 * return) in SQLite for 10 minutes, keyed by the SHA-256 of a random id that only a separate
 * SameSite=Lax cookie holds (the IdP's redirect back is a cross-site navigation, which a Strict
 * cookie would miss), then redirects to the IdP. `GET /auth/callback` takes the transaction
 * (deleting it), lets openid-client check state, PKCE, the ID token's signature, iss, aud, exp
 * and nonce, maps the groups to a role and starts a fresh session. Only the ID token is kept, for
 * RP-initiated logout; access and refresh tokens are dropped. No token, code or session id is
 * ever audited or logged: failures are recorded with a short reason.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import * as client from 'openid-client';
import { eventFor } from '../audit/from-request';
import type { AuditActor } from '../audit/trail';
import type { BffConfig } from '../config/schema';
import { AppError } from '../http/errors';
import type { TransactionRows } from '../store/store';
import type { Identity } from './identity';
import { safeReturnTo } from './return-to';
import { endSession, isSecureOrigin } from './session';
import type { SignIn, SignInDeps } from './sign-in';
import { grantedIdentity, logoutRoute, rolelessActor, startSession, type Claimed } from './steps';
import { strictRouter } from '../http/router';
import { signInCallbackEndpoint, signInEndpoint } from '@swr-dashboard/swr-client';
import { serve } from '../http/endpoint';

type OidcAuth = Extract<BffConfig['auth'], { mode: 'oidc' }>;

/** How long a started sign-in may take at the IdP. */
export const LOGIN_TRANSACTION_TTL_MS = 10 * 60 * 1000;
const DISCOVERY_TIMEOUT_S = 10;

export function loginCookieName(secure: boolean): string {
  return secure ? '__Host-swr-bff.login' : 'swr-bff.login';
}

/** The return path, validated twice: `/..//evil` only becomes `//evil` after one pass. */
function returnPath(value: unknown): string {
  const once = safeReturnTo(value);
  return safeReturnTo(once) === once ? once : '/';
}

interface LoginTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

function hashId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

function isTransaction(value: unknown): value is LoginTransaction {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return ['state', 'nonce', 'codeVerifier', 'returnTo'].every(
    (key) => typeof record[key] === 'string',
  );
}

/** Single-use login transactions in the BFF's database, keyed by the hash of the cookie's random id. */
class LoginTransactions {
  constructor(private readonly rows: TransactionRows) {}

  /** Stores a transaction and returns the id for the cookie. */
  async create(transaction: LoginTransaction, now = Date.now()): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    await this.rows.create(
      hashId(id),
      JSON.stringify(transaction),
      now + LOGIN_TRANSACTION_TTL_MS,
      now,
    );
    return id;
  }

  /** Takes (deletes) a transaction; a used, unknown or expired one is a failure reason. */
  async take(id: string, now = Date.now()): Promise<LoginTransaction | { failure: string }> {
    const row = await this.rows.take(hashId(id));
    if (row === undefined) return { failure: 'login transaction unknown or already used' };
    if (row.expiresAt <= now) return { failure: 'login transaction expired' };
    const data: unknown = JSON.parse(row.data);
    return isTransaction(data) ? data : { failure: 'login transaction unreadable' };
  }

  async discard(id: string): Promise<void> {
    await this.rows.discard(hashId(id));
  }
}

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0 || part.slice(0, at).trim() !== name) continue;
    const value = part.slice(at + 1).trim();
    return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
  }
  return undefined;
}

async function discover(auth: OidcAuth): Promise<client.Configuration> {
  const clientAuth =
    auth.tokenAuthMethod === 'client_secret_post'
      ? client.ClientSecretPost(auth.clientSecret)
      : client.ClientSecretBasic(auth.clientSecret);
  return client.discovery(new URL(auth.issuer), auth.clientId, auth.clientSecret, clientAuth, {
    // Plain http only for a local test provider; the configuration refuses it in production.
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- deprecated only to stand out
    execute: auth.allowInsecureIssuer ? [client.allowInsecureRequests] : [],
    timeout: DISCOVERY_TIMEOUT_S,
  });
}

/**
 * A sign-in refused: the audit reason (never a token or code), what the browser gets, and who
 * tried when the IdP vouched for them (no role).
 */
class LoginFailure extends Error {
  constructor(
    readonly reason: string,
    readonly appError = new AppError('login_failed', 'Sign-in failed; please sign in again.'),
    readonly actor: AuditActor | null = null,
  ) {
    super(reason);
  }
}

const SAFE_CODE = /^[A-Za-z0-9_.-]{1,64}$/;

function code(value: unknown): string {
  return typeof value === 'string' && SAFE_CODE.test(value) ? value : 'unrecognized';
}

/**
 * A short reason for an openid-client error. Its messages name the failed check, never a value;
 * the `cause` (response bodies, claims) is not read.
 */
function reasonFor(error: unknown): string {
  if (error instanceof client.AuthorizationResponseError) {
    return `identity provider error: ${code(error.error)}`;
  }
  if (error instanceof client.ResponseBodyError) {
    return `token endpoint error: ${code(error.error)}`;
  }
  if (error instanceof client.ClientError) {
    const detail = error.cause instanceof Error ? error.cause.message : error.message;
    return `response rejected: ${detail.slice(0, 200)}`;
  }
  return 'identity provider unreachable or failing';
}

function stringClaim(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function groupsOf(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return undefined;
}

/** What the OIDC steps share once the provider is discovered. */
interface Oidc {
  deps: SignInDeps;
  auth: OidcAuth;
  provider: client.Configuration;
  transactions: LoginTransactions;
  cookieName: string;
  cookieOptions: { httpOnly: true; secure: boolean; sameSite: 'lax'; path: '/' };
  redirectUri: string;
}

type Tokens = Awaited<ReturnType<typeof client.authorizationCodeGrant>>;

/** The reason for the audit record; anything not from openid-client is logged as well. */
function explain(oidc: Oidc, error: unknown): string {
  if (
    !(error instanceof client.ClientError) &&
    !(error instanceof client.AuthorizationResponseError) &&
    !(error instanceof client.ResponseBodyError)
  ) {
    oidc.deps.logger.warn({ err: error }, 'OIDC sign-in failed unexpectedly');
  }
  return reasonFor(error);
}

/** `GET /auth/login`: a fresh login transaction, then off to the IdP. */
function beginLogin(oidc: Oidc): RequestHandler {
  const scope = [...new Set(['openid', ...oidc.auth.scopes.split(/\s+/).filter(Boolean)])].join(
    ' ',
  );
  return async (req, res) => {
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const codeChallenge = await client.calculatePKCECodeChallenge(codeVerifier);
    const earlier = readCookie(req, oidc.cookieName);
    if (earlier !== undefined) await oidc.transactions.discard(earlier);
    const id = await oidc.transactions.create({
      state,
      nonce,
      codeVerifier,
      returnTo: returnPath(req.query.returnTo),
    });
    res.cookie(oidc.cookieName, id, { ...oidc.cookieOptions, maxAge: LOGIN_TRANSACTION_TTL_MS });
    const target = client.buildAuthorizationUrl(oidc.provider, {
      redirect_uri: oidc.redirectUri,
      scope,
      state,
      nonce,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    });
    res.redirect(302, target.href);
  };
}

/** The tokens for the code the IdP sent back, checked against the transaction. */
async function exchangeCode(
  oidc: Oidc,
  req: Request,
  transaction: LoginTransaction,
): Promise<Tokens> {
  const currentUrl = new URL(oidc.redirectUri);
  currentUrl.search = new URL(req.originalUrl, oidc.deps.config.publicOrigin).search;
  try {
    return await client.authorizationCodeGrant(oidc.provider, currentUrl, {
      pkceCodeVerifier: transaction.codeVerifier,
      expectedState: transaction.state,
      expectedNonce: transaction.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw new LoginFailure(explain(oidc, error));
  }
}

/** The claims of the ID token, completed from userinfo when groups or names are missing. */
async function claimsOf(
  oidc: Oidc,
  tokens: Tokens,
): Promise<Record<string, unknown> & { iss: string; sub: string }> {
  const idClaims = tokens.claims();
  if (idClaims === undefined) throw new LoginFailure('no ID token');
  const complete =
    idClaims[oidc.auth.groupsClaim] !== undefined &&
    ['preferred_username', 'name', 'email'].some((name) => stringClaim(idClaims, name));
  if (complete || oidc.provider.serverMetadata().userinfo_endpoint === undefined) return idClaims;
  let userinfo: Record<string, unknown>;
  try {
    userinfo = await client.fetchUserInfo(oidc.provider, tokens.access_token, idClaims.sub);
  } catch (error) {
    throw new LoginFailure(`userinfo: ${explain(oidc, error)}`);
  }
  // The ID token wins where both say something; userinfo only fills gaps.
  return { ...userinfo, ...idClaims };
}

/** Who the claims say the user is, and the identity their groups grant (none: 403, audited). */
function identityFrom(
  oidc: Oidc,
  claims: Record<string, unknown> & { iss: string; sub: string },
): Identity {
  const who: Claimed = {
    iss: claims.iss,
    sub: claims.sub,
    name:
      stringClaim(claims, 'preferred_username') ??
      stringClaim(claims, 'name') ??
      stringClaim(claims, 'email') ??
      claims.sub,
    email: stringClaim(claims, 'email'),
    groups: groupsOf(claims[oidc.auth.groupsClaim]) ?? [],
  };
  const identity = grantedIdentity(oidc.deps.config.rbac, who, 'oidc');
  if (identity !== undefined) return identity;
  throw new LoginFailure(
    'no role',
    new AppError('forbidden', 'Your account is in no group that grants access to this console.'),
    rolelessActor(who, 'oidc'),
  );
}

/** The callback's work: the transaction, the code, the claims, the role, then the session. */
async function completeSignIn(
  oidc: Oidc,
  req: Request,
  res: Response,
  loginId: string | undefined,
): Promise<void> {
  if (loginId === undefined) throw new LoginFailure('login cookie missing');
  const transaction = await oidc.transactions.take(loginId);
  if ('failure' in transaction) throw new LoginFailure(transaction.failure);
  const tokens = await exchangeCode(oidc, req, transaction);
  const identity = identityFrom(oidc, await claimsOf(oidc, tokens));
  await startSession(oidc.deps, req, res, {
    identity,
    idToken: tokens.id_token,
    httpStatus: 302,
  });
  res.redirect(302, returnPath(transaction.returnTo));
}

/** `GET /auth/callback`: the sign-in completed, or refused (limited and counted per address). */
function callback(oidc: Oidc): RequestHandler {
  return async (req, res) => {
    const loginId = readCookie(req, oidc.cookieName);
    res.clearCookie(oidc.cookieName, oidc.cookieOptions);
    try {
      await completeSignIn(oidc, req, res, loginId);
    } catch (error) {
      if (!(error instanceof LoginFailure)) throw error;
      const event = eventFor(req, 'login.failure', error.actor === null ? 'failure' : 'denied', {
        reason: error.reason,
        httpStatus: error.appError.status,
      });
      // Anyone can call back with rubbish: failures are limited and counted per address.
      const actor = error.actor === null ? {} : { actor: error.actor };
      refuse(req, res, oidc.deps.refusals.refuse(req, { ...event, ...actor }, error.appError));
    }
  };
}

/** Where the browser goes to end the provider's session too, if the provider offers it. */
function providerLogoutUrl(oidc: Oidc, idToken: string | undefined): string | null {
  const endpoint = oidc.provider.serverMetadata().end_session_endpoint;
  if (idToken === undefined || endpoint === undefined) return null;
  return client.buildEndSessionUrl(oidc.provider, {
    id_token_hint: idToken,
    post_logout_redirect_uri: new URL('/', oidc.deps.config.publicOrigin).href,
  }).href;
}

export async function oidcSignIn(deps: SignInDeps): Promise<SignIn> {
  const { config } = deps;
  if (config.auth.mode !== 'oidc') throw new Error('OIDC sign-in needs AUTH_MODE=oidc');
  const secure = isSecureOrigin(config);
  const oidc: Oidc = {
    deps,
    auth: config.auth,
    provider: await discover(config.auth),
    transactions: new LoginTransactions(deps.store.transactions),
    cookieName: loginCookieName(secure),
    cookieOptions: { httpOnly: true, secure, sameSite: 'lax', path: '/' },
    redirectUri: new URL('/auth/callback', config.publicOrigin).href,
  };
  const router = strictRouter();
  serve(router, '/auth', signInEndpoint, beginLogin(oidc));
  serve(router, '/auth', signInCallbackEndpoint, callback(oidc));
  logoutRoute(router, deps, async (req, res) => {
    const idToken = req.session.user?.idToken;
    await endSession(req, res, config);
    return providerLogoutUrl(oidc, idToken);
  });
  return { mode: 'oidc', router };
}

/**
 * A refused callback: the BFF's error shape, or for a browser navigating there (the callback is a
 * top-level navigation, not an XHR) a redirect to the console's sign-in page, which says what
 * went wrong in the user's language, with the request id.
 */
function refuse(req: Request, res: Response, error: AppError): void {
  const body = error.body(req.requestId);
  res.status(error.status);
  res.format({
    json: () => {
      res.json(body);
    },
    html: () => {
      const query = new URLSearchParams({ error: error.code, requestId: req.requestId });
      res.redirect(303, `/signin?${query.toString()}`);
    },
    default: () => {
      res.json(body);
    },
  });
}
