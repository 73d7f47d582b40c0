/**
 * Sign-in by a trusted proxy's identity headers (oauth2-proxy, nginx auth_request, a corporate
 * gateway): docs/security.md B2, mode `header`. The proxy signs the user in; the BFF reads who it
 * says the user is on every request and keeps no session of its own. CSRF checks (B4) still apply,
 * because the proxy's own cookie is an ambient credential.
 *
 * Configuration (the environment variable, then what it sets):
 *
 * - `AUTH_MODE=header`.
 * - `TRUSTED_PROXY_CIDRS` (required, comma-separated IPs or CIDRs, IPv4 or IPv6): only these TCP
 *   peers may assert an identity. Trust is decided on the connection's peer address alone, never
 *   on `X-Forwarded-For` (a client writes that header) and independently of `TRUST_PROXY_HOPS`.
 *   A request carrying any identity header from another peer is refused with 401 and audited as
 *   `auth.header_spoof`. The BFF's port must be reachable from the proxy only. Set
 *   `TRUST_PROXY_HOPS` to the proxy hops as well: it only affects the client address that audit
 *   records and the per-address sign-in rate limit see (else every user shares the proxy's).
 * - `AUTH_HEADER_USER`, `AUTH_HEADER_EMAIL`, `AUTH_HEADER_GROUPS`: the header names, by default
 *   oauth2-proxy's `X-Forwarded-User`, `X-Forwarded-Email` and `X-Forwarded-Groups` (groups
 *   comma-separated). Behind nginx `auth_request`, use the `X-Auth-Request-*` names. The user
 *   header is the identity's subject; without it the request is not signed in.
 * - Preferred: `AUTH_HEADER_JWT` (e.g. `Cf-Access-Jwt-Assertion`, `X-Goog-Iap-Jwt-Assertion`)
 *   with `AUTH_JWKS_URL`, `AUTH_JWT_ISSUER`, `AUTH_JWT_AUDIENCE` and optionally
 *   `AUTH_JWT_GROUPS_CLAIM` (default `groups`). Then the proxy's signed assertion is required and
 *   verified (RS256 or ES256 only; issuer, audience and expiry checked, 30 s clock tolerance),
 *   the identity comes from its claims (`sub`, `email`, `name` / `preferred_username`, groups),
 *   and the plain user/email/groups headers are ignored. In production the JWKS URL must be
 *   https unless it is on loopback (a sidecar).
 * - `LOGOUT_URL`: where the browser goes after `POST /auth/logout`, usually the proxy's sign-out
 *   (e.g. `/oauth2/sign_out?rd=%2F`); without it the UI only forgets the user locally.
 *
 * `GET /auth/login?returnTo=` redirects (302) straight to the validated `returnTo`, since the
 * proxy signed the user in already; reached without an identity it answers 401 instead of
 * redirecting, which would loop.
 *
 * A duplicated identity header (the proxy appended to a client's header instead of replacing it)
 * is refused. Roles and organization scopes come from the groups, as in every mode; groups that
 * grant no role get 403 (audited as `login.failure`, reason `no role`).
 */
import { isUtf8 } from 'node:buffer';
import type { Request, RequestHandler } from 'express';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { eventFor } from '../audit/from-request';
import type { AuditActor, AuditInput, AuditOutcome } from '../audit/trail';
import { AppError } from '../http/errors';
import type { Identity } from './identity';
import { safeReturnTo } from './return-to';
import type { SignIn, SignInDeps } from './sign-in';
import { grantedIdentity, logoutRoute, rolelessActor, type Claimed } from './steps';
import { normalizePeer, proxyTrust } from '../http/peers';
import { strictRouter } from '../http/router';
import { signInEndpoint } from '@swr-dashboard/swr-client';
import { serve } from '../http/endpoint';

/** The issuer of identities read from plain headers (a JWT's own `iss` is used otherwise). */
export const HEADER_ISSUER = 'urn:swr-dashboard:header';

/** The only signature algorithms accepted on the proxy's assertion. */
export const JWT_ALGORITHMS = ['RS256', 'ES256'];

const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Identity headers of the common proxies. From an untrusted peer any of them is a spoofing
 * attempt, whichever names this deployment is configured with.
 */
export const WELL_KNOWN_IDENTITY_HEADERS = [
  'x-forwarded-user',
  'x-forwarded-groups',
  'x-forwarded-email',
  'x-forwarded-preferred-username',
  'x-auth-request-user',
  'x-auth-request-groups',
  'x-auth-request-email',
] as const;

/** jose errors that mean the assertion itself is bad (401), not that the keys are unavailable. */
const TOKEN_FAULTS = new Set([
  errors.JWSInvalid.code,
  errors.JWTInvalid.code,
  errors.JWSSignatureVerificationFailed.code,
  errors.JWTClaimValidationFailed.code,
  errors.JWTExpired.code,
  errors.JOSEAlgNotAllowed.code,
  errors.JOSENotSupported.code,
  errors.JWKSNoMatchingKey.code,
  errors.JWKSMultipleMatchingKeys.code,
]);

/** Groups from a comma-separated header or claim: trimmed, empty entries dropped. */
export function parseGroups(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const groups = items
    .filter((item): item is string => typeof item === 'string')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return [...new Set(groups)];
}

function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\./.test(hostname);
}

type HeaderAuth = Extract<SignInDeps['config']['auth'], { mode: 'header' }>;

/**
 * Every header that asserts an identity in this deployment (lower case): the configured ones,
 * the assertion's, and those of the common proxies.
 */
export function identityHeaderNames(auth: HeaderAuth): string[] {
  return [
    ...new Set([
      auth.userHeader.toLowerCase(),
      auth.emailHeader.toLowerCase(),
      auth.groupsHeader.toLowerCase(),
      ...(auth.jwt === undefined ? [] : [auth.jwt.header.toLowerCase()]),
      ...WELL_KNOWN_IDENTITY_HEADERS,
    ]),
  ];
}

/**
 * A header value as the proxy sent it: Node reads header bytes as Latin-1, and proxies send
 * names in UTF-8 (`café`), so the bytes are read again as UTF-8. Undefined when they are not
 * UTF-8 at all.
 */
export function utf8Header(value: string): string | undefined {
  const bytes = Buffer.from(value, 'latin1');
  return isUtf8(bytes) ? bytes.toString('utf8') : undefined;
}

type Jwt = NonNullable<HeaderAuth['jwt']>;

/** What the header steps share: the deployment's header names and the assertion's keys. */
interface HeaderMode {
  deps: SignInDeps;
  auth: HeaderAuth;
  isTrusted: (peer: string | undefined) => boolean;
  userHeader: string;
  emailHeader: string;
  groupsHeader: string;
  /** Every header that asserts an identity here (a spoof from anyone else). */
  identityHeaders: string[];
  /** Headers whose user name a spoof record may name, in order of preference. */
  userHeaders: string[];
  /** The proxy's signed assertion, when one is required. */
  assertion: { jwt: Jwt; keys: ReturnType<typeof createRemoteJWKSet> } | undefined;
}

/** The keys that verify the proxy's assertion. Throws for plain http beyond loopback in production. */
function assertionKeys(jwt: Jwt, production: boolean): HeaderMode['assertion'] {
  const jwksUrl = new URL(jwt.jwksUrl);
  if (production && jwksUrl.protocol === 'http:' && !isLoopbackHost(jwksUrl.hostname)) {
    throw new Error('AUTH_JWKS_URL: plain http is allowed only on loopback in production');
  }
  // Keys are fetched on first use and cached (10 min); an unknown `kid` refetches at most
  // every 30 s, so key rotation works without a restart.
  const keys = createRemoteJWKSet(jwksUrl, { timeoutDuration: 5000 });
  return { jwt: { ...jwt, header: jwt.header.toLowerCase() }, keys };
}

function headerMode(deps: SignInDeps, auth: HeaderAuth): HeaderMode {
  const userHeader = auth.userHeader.toLowerCase();
  return {
    deps,
    auth,
    isTrusted: proxyTrust(auth.trustedProxies),
    userHeader,
    emailHeader: auth.emailHeader.toLowerCase(),
    groupsHeader: auth.groupsHeader.toLowerCase(),
    identityHeaders: identityHeaderNames(auth),
    userHeaders: [
      ...new Set([
        userHeader,
        'x-forwarded-user',
        'x-auth-request-user',
        'x-forwarded-preferred-username',
      ]),
    ],
    assertion:
      auth.jwt === undefined
        ? undefined
        : assertionKeys(auth.jwt, deps.config.nodeEnv === 'production'),
  };
}

/** A record of this request (the route as matched, under /auth or /api). */
function event(
  req: Request,
  name: string,
  outcome: AuditOutcome,
  reason: string,
  httpStatus: number,
  actor?: AuditActor,
): AuditInput {
  const input = eventFor(req, name, outcome, {
    route: `${req.baseUrl}${req.path}`,
    reason,
    httpStatus,
  });
  return actor === undefined ? input : { ...input, actor };
}

/** A refusal of a request that is nobody's yet: limited and counted per client address. */
function refused(mode: HeaderMode, req: Request, reason: string): AppError {
  return mode.deps.refusals.refuse(
    req,
    event(req, 'login.failure', 'denied', reason, 401),
    new AppError('unauthenticated', "The sign-in proxy's identity was refused."),
  );
}

/** Identity headers from a peer that is not the proxy: refused, naming who they claimed. */
function spoofed(
  mode: HeaderMode,
  req: Request,
  peer: string | undefined,
  present: string[],
): AppError {
  const claimed = mode.userHeaders
    .map((name) => req.headers[name])
    .find((value): value is string => typeof value === 'string' && value !== '');
  const who = claimed === undefined ? '' : `; claimed user ${JSON.stringify(claimed.slice(0, 64))}`;
  return mode.deps.refusals.refuse(
    req,
    event(
      req,
      'auth.header_spoof',
      'denied',
      `identity headers (${present.join(', ')}) from ${peer ?? 'an unknown peer'}, which is not a trusted proxy${who}`,
      401,
    ),
    new AppError('unauthenticated', 'Identity headers are accepted from the sign-in proxy only.'),
  );
}

/**
 * A header's value from the trusted proxy. Sent twice means the proxy appended to a client's
 * header instead of replacing it: refused rather than guessing which one is the proxy's.
 */
function single(mode: HeaderMode, req: Request, name: string): string | undefined {
  const values = req.headersDistinct[name];
  if (values === undefined || values.length === 0) return undefined;
  if (values.length > 1) throw refused(mode, req, `the ${name} header was sent more than once`);
  const value = values[0];
  if (value === undefined) return undefined;
  const decoded = utf8Header(value);
  if (decoded === undefined) throw refused(mode, req, `the ${name} header is not UTF-8`);
  return decoded;
}

/** The identity for a subject and groups, or a 403 (audited) when the groups grant no role. */
function identityOf(mode: HeaderMode, req: Request, who: Claimed): Identity {
  const identity = grantedIdentity(mode.deps.config.rbac, who, 'header');
  if (identity !== undefined) return identity;
  // The proxy asserts this on every request: counted per address like any refusal.
  throw mode.deps.refusals.refuse(
    req,
    event(req, 'login.failure', 'denied', 'no role', 403, rolelessActor(who, 'header')),
    new AppError('forbidden', 'You are in no group that grants a role in this console.'),
  );
}

/** An assertion that failed to verify: a bad token (401), or keys that cannot be fetched (503). */
function assertionRefused(mode: HeaderMode, req: Request, error: unknown): AppError {
  if (error instanceof errors.JOSEError && TOKEN_FAULTS.has(error.code)) {
    // jose's messages name the failed check, never the token's content.
    return refused(mode, req, `identity assertion refused: ${error.code}: ${error.message}`);
  }
  const what =
    error instanceof errors.JOSEError ? error.code : error instanceof Error ? error.name : 'error';
  return mode.deps.refusals.refuse(
    req,
    event(
      req,
      'login.failure',
      'failure',
      `the signing keys (AUTH_JWKS_URL) are unavailable: ${what}`,
      503,
    ),
    new AppError(
      'upstream_unavailable',
      "The sign-in proxy's signing keys cannot be fetched; try again shortly.",
    ),
  );
}

/** The identity the proxy's signed assertion names. */
async function fromAssertion(mode: HeaderMode, req: Request, token: string): Promise<Identity> {
  if (mode.assertion === undefined) throw new Error('no JWT configuration');
  const { jwt, keys } = mode.assertion;
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys, {
      algorithms: JWT_ALGORITHMS,
      issuer: jwt.issuer,
      audience: jwt.audience,
      requiredClaims: ['sub', 'exp'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (error) {
    throw assertionRefused(mode, req, error);
  }
  const sub = payload.sub;
  if (typeof sub !== 'string' || sub === '') {
    throw refused(mode, req, 'identity assertion refused: no subject');
  }
  const claim = (name: string): string | undefined => {
    const value = payload[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const email = claim('email');
  return identityOf(mode, req, {
    iss: payload.iss ?? jwt.issuer,
    sub,
    name: claim('name') ?? claim('preferred_username') ?? email ?? sub,
    email,
    groups: parseGroups(payload[jwt.groupsClaim]),
  });
}

/** The identity the trusted proxy asserts on this request; undefined when it asserts none. */
async function fromRequest(mode: HeaderMode, req: Request): Promise<Identity | undefined> {
  // Header mode keeps no BFF session: an identity a session put here (a cookie from before a
  // switch of AUTH_MODE, on the same database) does not count. Only the proxy's word does.
  req.identity = undefined;
  const present = mode.identityHeaders.filter((name) => req.headers[name] !== undefined);
  const peer = normalizePeer(req.socket.remoteAddress);
  if (!mode.isTrusted(peer)) {
    if (present.length === 0) return undefined;
    throw spoofed(mode, req, peer, present);
  }
  if (mode.assertion !== undefined) {
    const token = single(mode, req, mode.assertion.jwt.header)
      ?.replace(/^bearer\s+/i, '')
      .trim();
    if (token === undefined || token === '') return undefined;
    return fromAssertion(mode, req, token);
  }
  const user = single(mode, req, mode.userHeader)?.trim();
  const email = single(mode, req, mode.emailHeader)?.trim();
  const groups = single(mode, req, mode.groupsHeader);
  if (user === undefined || user === '') return undefined;
  return identityOf(mode, req, {
    iss: HEADER_ISSUER,
    sub: user,
    name: user,
    email: email === '' ? undefined : email,
    groups: parseGroups(groups),
  });
}

/**
 * `GET /auth/login`: the proxy signed the user in before the request got here, so straight back
 * to the console. Without an identity, redirecting would loop (the console would send the user
 * here again): that is said instead.
 */
function backToConsole(mode: HeaderMode): RequestHandler {
  return (req, res) => {
    if (req.identity === undefined) {
      throw mode.deps.refusals.refuse(
        req,
        event(req, 'auth.unauthenticated', 'denied', 'no identity from the proxy', 401),
        new AppError(
          'unauthenticated',
          'The sign-in proxy did not identify you; check that the console is reached through it.',
        ),
      );
    }
    res.redirect(302, safeReturnTo(req.query.returnTo));
  };
}

export function headerSignIn(deps: SignInDeps): Promise<SignIn> {
  const auth = deps.config.auth;
  if (auth.mode !== 'header') {
    return Promise.reject(new Error('header sign-in needs AUTH_MODE=header'));
  }
  let mode: HeaderMode;
  try {
    mode = headerMode(deps, auth);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  const router = strictRouter();
  serve(router, '/auth', signInEndpoint, backToConsole(mode));
  // No session to end here: the browser goes on to the proxy's own sign-out (LOGOUT_URL).
  logoutRoute(router, deps, () => Promise.resolve(auth.logoutUrl ?? null), {
    route: '/auth/logout',
  });
  return Promise.resolve({
    mode: 'header',
    router,
    fromRequest: (req) => fromRequest(mode, req),
  });
}
