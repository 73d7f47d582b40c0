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
import type { Request } from 'express';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { eventFor } from '../audit/from-request';
import { recordBestEffort } from '../audit/policies';
import type { AuditActor, AuditInput, AuditOutcome } from '../audit/trail';
import { AppError } from '../http/errors';
import { requireCsrf } from '../security/csrf';
import { identityKey, type Identity } from './identity';
import { safeReturnTo } from './return-to';
import { deployScopesFor, roleFor, scopesFor } from './roles';
import type { SignIn, SignInDeps } from './sign-in';
import { normalizePeer, proxyTrust } from '../http/peers';
import { strictRouter } from '../http/router';

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

export function headerSignIn(deps: SignInDeps): Promise<SignIn> {
  const { config, refusals } = deps;
  const auth = config.auth;
  if (auth.mode !== 'header') {
    return Promise.reject(new Error('header sign-in needs AUTH_MODE=header'));
  }
  const isTrusted = proxyTrust(auth.trustedProxies);
  const userHeader = auth.userHeader.toLowerCase();
  const emailHeader = auth.emailHeader.toLowerCase();
  const groupsHeader = auth.groupsHeader.toLowerCase();
  const jwt =
    auth.jwt === undefined ? undefined : { ...auth.jwt, header: auth.jwt.header.toLowerCase() };
  const identityHeaders = identityHeaderNames(auth);
  /** Headers whose user name a spoof record may name, in order of preference. */
  const userHeaders = [
    ...new Set([
      userHeader,
      'x-forwarded-user',
      'x-auth-request-user',
      'x-forwarded-preferred-username',
    ]),
  ];

  let keys: ReturnType<typeof createRemoteJWKSet> | undefined;
  if (jwt !== undefined) {
    const jwksUrl = new URL(jwt.jwksUrl);
    if (
      config.nodeEnv === 'production' &&
      jwksUrl.protocol === 'http:' &&
      !isLoopbackHost(jwksUrl.hostname)
    ) {
      return Promise.reject(
        new Error('AUTH_JWKS_URL: plain http is allowed only on loopback in production'),
      );
    }
    // Keys are fetched on first use and cached (10 min); an unknown `kid` refetches at most
    // every 30 s, so key rotation works without a restart.
    keys = createRemoteJWKSet(jwksUrl, { timeoutDuration: 5000 });
  }

  const event = (
    req: Request,
    name: string,
    outcome: AuditOutcome,
    reason: string,
    httpStatus: number,
    actor?: AuditActor,
  ): AuditInput => {
    const input = eventFor(req, name, outcome, {
      route: `${req.baseUrl}${req.path}`,
      reason,
      httpStatus,
    });
    return actor === undefined ? input : { ...input, actor };
  };
  /** A refusal of a request that is nobody's yet: limited and counted per client address. */
  const refused = (req: Request, reason: string): AppError =>
    refusals.refuse(
      req,
      event(req, 'login.failure', 'denied', reason, 401),
      new AppError('unauthenticated', "The sign-in proxy's identity was refused."),
    );

  const spoofed = (req: Request, peer: string | undefined, present: string[]): AppError => {
    const claimed = userHeaders
      .map((name) => req.headers[name])
      .find((value): value is string => typeof value === 'string' && value !== '');
    const who =
      claimed === undefined ? '' : `; claimed user ${JSON.stringify(claimed.slice(0, 64))}`;
    return refusals.refuse(
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
  };

  /**
   * A header's value from the trusted proxy. Sent twice means the proxy appended to a client's
   * header instead of replacing it: refused rather than guessing which one is the proxy's.
   */
  const single = (req: Request, name: string): string | undefined => {
    const values = req.headersDistinct[name];
    if (values === undefined || values.length === 0) return undefined;
    if (values.length > 1) throw refused(req, `the ${name} header was sent more than once`);
    const value = values[0];
    if (value === undefined) return undefined;
    const decoded = utf8Header(value);
    if (decoded === undefined) throw refused(req, `the ${name} header is not UTF-8`);
    return decoded;
  };

  /** The identity for a subject and groups, or a 403 (audited) when the groups grant no role. */
  const identityOf = (
    req: Request,
    who: { iss: string; sub: string; name: string; email: string | undefined; groups: string[] },
  ): Identity => {
    const key = identityKey(who.iss, who.sub);
    const role = roleFor(who.groups, config.rbac);
    if (role === undefined) {
      // The proxy asserts this on every request: counted per address like any refusal.
      throw refusals.refuse(
        req,
        event(req, 'login.failure', 'denied', 'no role', 403, {
          key,
          ...who,
          role: 'none',
          authMode: 'header',
          sessionRef: undefined,
        }),
        new AppError('forbidden', 'You are in no group that grants a role in this console.'),
      );
    }
    return {
      key,
      ...who,
      role,
      scopes: scopesFor(who.groups, config.rbac),
      deployScopes: deployScopesFor(who.groups, config.rbac),
      authMode: 'header',
    };
  };

  const fromAssertion = async (req: Request, token: string): Promise<Identity> => {
    if (jwt === undefined || keys === undefined) throw new Error('no JWT configuration');
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
      if (error instanceof errors.JOSEError && TOKEN_FAULTS.has(error.code)) {
        // jose's messages name the failed check, never the token's content.
        throw refused(req, `identity assertion refused: ${error.code}: ${error.message}`);
      }
      const what =
        error instanceof errors.JOSEError
          ? error.code
          : error instanceof Error
            ? error.name
            : 'error';
      throw refusals.refuse(
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
    const sub = payload.sub;
    if (typeof sub !== 'string' || sub === '') {
      throw refused(req, 'identity assertion refused: no subject');
    }
    const claim = (name: string): string | undefined => {
      const value = payload[name];
      return typeof value === 'string' && value !== '' ? value : undefined;
    };
    const email = claim('email');
    return identityOf(req, {
      iss: payload.iss ?? jwt.issuer,
      sub,
      name: claim('name') ?? claim('preferred_username') ?? email ?? sub,
      email,
      groups: parseGroups(payload[jwt.groupsClaim]),
    });
  };

  const fromRequest = async (req: Request): Promise<Identity | undefined> => {
    // Header mode keeps no BFF session: an identity a session put here (a cookie from before a
    // switch of AUTH_MODE, on the same database) does not count. Only the proxy's word does.
    req.identity = undefined;
    const present = identityHeaders.filter((name) => req.headers[name] !== undefined);
    const peer = normalizePeer(req.socket.remoteAddress);
    if (!isTrusted(peer)) {
      if (present.length === 0) return undefined;
      throw spoofed(req, peer, present);
    }
    if (jwt !== undefined) {
      const token = single(req, jwt.header)
        ?.replace(/^bearer\s+/i, '')
        .trim();
      if (token === undefined || token === '') return undefined;
      return fromAssertion(req, token);
    }
    const user = single(req, userHeader)?.trim();
    const email = single(req, emailHeader)?.trim();
    const groups = single(req, groupsHeader);
    if (user === undefined || user === '') return undefined;
    return identityOf(req, {
      iss: HEADER_ISSUER,
      sub: user,
      name: user,
      email: email === '' ? undefined : email,
      groups: parseGroups(groups),
    });
  };

  const router = strictRouter();

  // The proxy signed the user in before the request got here: go straight back to the console.
  router.get('/login', (req, res) => {
    if (req.identity === undefined) {
      // Redirecting would loop (the console would send the user here again): say so instead.
      throw refusals.refuse(
        req,
        event(req, 'auth.unauthenticated', 'denied', 'no identity from the proxy', 401),
        new AppError(
          'unauthenticated',
          'The sign-in proxy did not identify you; check that the console is reached through it.',
        ),
      );
    }
    res.redirect(302, safeReturnTo(req.query.returnTo));
  });

  // No session to end here: the browser goes on to the proxy's own sign-out (LOGOUT_URL). The
  // record is best effort, so a failing audit store never keeps anyone from signing out.
  router.post('/logout', requireCsrf(config, refusals), (req, res) => {
    if (req.identity !== undefined) {
      recordBestEffort(
        deps,
        eventFor(req, 'logout', 'success', { route: '/auth/logout', httpStatus: 200 }),
      );
    }
    res.json({ logoutUrl: auth.logoutUrl ?? null });
  });

  return Promise.resolve({ mode: 'header', router, fromRequest });
}
