/**
 * The BFF's Express app, separate from listening so tests run it in-process. The order of the
 * middleware is the security design: ids and headers first; every route matched exactly (case,
 * trailing `/`); sessions only under /auth and /api; under /api, the anonymous gate (429 before
 * any identity work), who you are (401, counted per address), CSRF (403), JSON only (415), size
 * (413), rate limits (429), then the routes; one error handler gives every failure one shape.
 */
import { randomUUID } from 'node:crypto';
import express, {
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Router,
} from 'express';
import type session from 'express-session';
import type { Logger } from 'pino';
import { healthHandler, Readiness, readinessHandler, readyHandler } from './api/health';
import { meHandler } from './api/me';
import { regionsHandler } from './api/regions';
import { eventFor } from './audit/from-request';
import { recordBestEffort } from './audit/policies';
import { AuditUnavailableError, type AuditTrail } from './audit/trail';
import { SessionStoreUnavailableError } from './store/session-store';
import type { SessionUser } from './auth/identity';
import {
  isSecureOrigin,
  sessionIdentity,
  sessionMiddleware,
  type SessionEnd,
} from './auth/session';
import type { SignIn } from './auth/sign-in';
import type { BffConfig } from './config/schema';
import { AppError } from './http/errors';
import { clientRequestIdOf, httpLogger } from './http/logging';
import { Metrics, metricsHandler } from './http/metrics';
import { trustedProxies } from './http/peers';
import { strictRouter } from './http/router';
import { spaRouter } from './http/spa';
import './http/context';
import { traceContext } from './http/trace';
import type { Routed } from './proxy/route';
import { swrProxy } from './proxy/swr-route';
import type { Upstream } from './proxy/upstream';
import type { Refusals } from './security/refusals';
import { LimitsUnavailableError, sharedLimitStores } from './security/shared-limits';
import type { SharedRedis } from './store/redis';
import { requireCsrf } from './security/csrf';
import { noStore, securityHeaders } from './security/headers';
import { rateLimits, type RateLimits } from './security/rate-limits';
import type { BffStore } from './store/store';
import {
  demoSignInEndpoint,
  healthzEndpoint,
  meEndpoint,
  metricsEndpoint,
  pathUnder,
  readinessEndpoint,
  readyzEndpoint,
  regionsEndpoint,
  signInEndpoint,
  signOutEndpoint,
} from '@swr-dashboard/swr-client';
import { serve } from './http/endpoint';

export interface AppDeps {
  config: BffConfig;
  store: BffStore;
  logger: Logger;
  audit: AuditTrail;
  upstream: Upstream;
  sessionStore: session.Store;
  sessionSecrets: string[];
  signIn: SignIn;
  /** Refusals of requests nobody signed in made: limited and counted per client address. */
  refusals: Refusals;
  /** Extra routers under /api (audit, sessions), mounted after the common checks. */
  apiRoutes?: (router: express.Router) => void;
  /** Sessions that have not expired, for the metrics (none: the gauge is not offered). */
  activeSessions?: () => number | Promise<number>;
  /** The Redis the rate limits count in (`REDIS_URL`); none: each limit counts in memory. */
  redis?: SharedRedis;
  /** Told of each change SWR accepted through the proxy. */
  changed?: (routed: Routed) => void;
}

const JSON_TYPE = /^application\/json\s*(?:;\s*charset=utf-8\s*)?$/i;

function hasBody(req: Request): boolean {
  const length = req.get('content-length');
  return (length !== undefined && length !== '0') || req.get('transfer-encoding') !== undefined;
}

/** Bodies must be JSON (UTF-8): forms and text are how cross-site requests arrive. */
const jsonOnly: RequestHandler = (req, _res, next) => {
  if (hasBody(req) && !JSON_TYPE.test(req.get('content-type') ?? '')) {
    next(new AppError('unsupported_media_type', 'Send JSON (Content-Type: application/json).'));
    return;
  }
  next();
};

/** Express's settings: paths match exactly, no fingerprint, who the proxies in front are. */
function configure(app: express.Express, config: BffConfig): void {
  // Paths match exactly (before the first route is added, which is when Express reads these).
  app.set('case sensitive routing', true);
  app.set('strict routing', true);
  app.disable('x-powered-by');
  app.set('trust proxy', trustedProxies(config.trustProxyHops, config.trustProxyCidrs));
  app.set('query parser', 'simple');
  // Answers of the API are `no-store` (never revalidated), so hashing each body for an ETag is
  // wasted work; the web app's files carry their own validators (http/spa.ts).
  app.set('etag', false);
}

/** The request's ids: ours (never the client's), and the client's own kept for correlation. */
const requestIds: RequestHandler = (req, _res, next) => {
  req.requestId = typeof req.id === 'string' ? req.id : randomUUID();
  req.clientRequestId = clientRequestIdOf(req);
  next();
};

/**
 * Who the request is: from the session, or in header mode from the proxy's headers on every
 * request (no session of its own; its refusals go through the anonymous refusals).
 */
function identify(deps: AppDeps): RequestHandler[] {
  const { config, signIn } = deps;
  const fromRequest = signIn.fromRequest;
  if (fromRequest === undefined) {
    const onExpired = (req: Request, user: SessionUser, why: SessionEnd) => {
      req.identity = user;
      recordBestEffort(
        deps,
        eventFor(req, 'session.expired', 'success', { reason: why, httpStatus: 401 }),
      );
    };
    return [
      sessionMiddleware(config, deps.sessionStore, deps.sessionSecrets),
      sessionIdentity(config, onExpired),
    ];
  }
  return [
    (req, _res, next) => {
      fromRequest(req).then((identity) => {
        if (identity !== undefined) req.identity = identity;
        next();
      }, next);
    },
  ];
}

/** `/auth`: the sign-in mode's routes; starting a sign-in is limited per address. */
function authRouter(deps: AppDeps, identified: RequestHandler[], limits: RateLimits): Router {
  const auth = strictRouter();
  auth.use(noStore, ...identified);
  // Starting a sign-in is what is limited per address; callbacks and sign-outs are not.
  auth.all(
    [signInEndpoint, demoSignInEndpoint].map((endpoint) => pathUnder(endpoint, '/auth')),
    limits.signIn,
  );
  // A link or a prefetch must not sign anyone out: only the contract's POST does.
  auth.get(pathUnder(signOutEndpoint, '/auth'), (_req, _res, next) => {
    next(new AppError('method_not_allowed', `Sign out with POST ${signOutEndpoint.path}.`));
  });
  auth.use(deps.signIn.router);
  return auth;
}

/** Nobody signed in: 401, counted per address. */
function signedInOnly(refusals: Refusals): RequestHandler {
  return (req, _res, next) => {
    if (req.identity !== undefined) {
      next();
      return;
    }
    next(
      refusals.refuse(
        req,
        eventFor(req, 'auth.unauthenticated', 'denied', { httpStatus: 401 }),
        new AppError('unauthenticated', 'Sign in first.'),
      ),
    );
  };
}

/** `/api`: the common checks in their order, then the BFF's own routes and the SWR proxy. */
function apiRouter(
  deps: AppDeps,
  identified: RequestHandler[],
  limits: RateLimits,
  readiness: Readiness,
): Router {
  const { config, audit, logger } = deps;
  const api = strictRouter();
  api.use(noStore, deps.refusals.gate, ...identified, signedInOnly(deps.refusals));
  api.use(
    requireCsrf(config, deps.refusals),
    jsonOnly,
    express.json({ limit: '64kb', strict: false }),
  );
  api.use(limits.reads, limits.batchReserve, limits.mutations);
  serve(api, '/api', meEndpoint, meHandler(config));
  serve(api, '/api', regionsEndpoint, regionsHandler(config));
  serve(api, '/api', readinessEndpoint, readinessHandler(readiness));
  deps.apiRoutes?.(api);
  api.use(
    '/swr',
    swrProxy({
      config,
      upstream: deps.upstream,
      audit,
      logger,
      limits: limits.operations,
      ...(deps.changed === undefined ? {} : { changed: deps.changed }),
    }),
  );
  api.use((_req, _res, next) => {
    next(new AppError('not_found', 'No such API route.'));
  });
  return api;
}

/** The metrics of this app: its requests, the upstream client's calls, the breakers, sessions. */
function metricsOf(deps: AppDeps): Metrics {
  const { upstream } = deps;
  const metrics = new Metrics({
    regions: deps.config.regions.map((region) => region.id),
    breakerState: (regionId) => upstream.breakerState(regionId),
    ...(deps.activeSessions === undefined ? {} : { activeSessions: deps.activeSessions }),
  });
  upstream.observe((call) => {
    metrics.upstreamCall(call);
  });
  deps.audit.observeWrites((kind, write) => metrics.timeAuditWrite(kind, write));
  return metrics;
}

export function createApp(deps: AppDeps): express.Express {
  const { config, logger } = deps;
  const app = express();
  configure(app, config);
  const metrics = metricsOf(deps);
  app.use(
    traceContext(config),
    httpLogger(logger),
    requestIds,
    metrics.countRequests,
    securityHeaders(isSecureOrigin(config)),
  );

  serve(app, '', healthzEndpoint, healthHandler);
  serve(app, '', metricsEndpoint, metricsHandler(config.metrics, metrics));
  const readiness = new Readiness(config, deps.upstream, deps.store, deps.redis);
  serve(app, '', readyzEndpoint, readyHandler(config, readiness));

  const limits = rateLimits(
    config.rateLimits,
    deps.refusals,
    deps.redis === undefined ? undefined : sharedLimitStores(deps.redis),
  );
  const identified = identify(deps);
  app.use('/auth', authRouter(deps, identified, limits));
  app.use('/api', apiRouter(deps, identified, limits, readiness));
  if (config.webRoot !== undefined) app.use(spaRouter(config.webRoot));

  app.use((_req, _res, next) => {
    next(new AppError('not_found', 'Not found.'));
  });
  app.use(errorHandler(logger));
  return app;
}

/** Body-parser's and serve-static's errors, mapped to the BFF's codes. */
function fromBodyParser(error: { type?: unknown; status?: unknown }): AppError | undefined {
  if (error.type === undefined && error.status === 404)
    return new AppError('not_found', 'Not found.');
  switch (error.type) {
    case 'entity.too.large':
      return new AppError('payload_too_large', 'The request body is larger than 64 KB.');
    case 'entity.parse.failed':
      return new AppError('invalid_json', 'The request body is not valid JSON.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('unsupported_media_type', 'Send JSON encoded as UTF-8.');
    case 'request.aborted':
    case 'request.size.invalid':
      return new AppError('invalid_parameter', 'The request body was incomplete.');
    case undefined:
      // A body that does not decompress as its Content-Encoding says: body-parser passes zlib's
      // error on as a 400 without a type. The client's mistake, never a 500.
      return error.status === 400
        ? new AppError('invalid_parameter', 'The request body does not match its Content-Encoding.')
        : undefined;
    default:
      return undefined;
  }
}

/**
 * A store the console cannot do without is unreachable: each kind of failure, the log line it
 * gets and what the client is answered (nothing was done; some say when to try again).
 */
const UNAVAILABLE: readonly {
  kind: new (...args: never[]) => Error;
  log: string;
  answer: () => AppError;
}[] = [
  {
    kind: AuditUnavailableError,
    log: 'audit unavailable',
    answer: () =>
      new AppError('audit_unavailable', 'The audit trail cannot be written; nothing was changed.'),
  },
  {
    kind: SessionStoreUnavailableError,
    log: 'session store unavailable',
    answer: () =>
      new AppError(
        'store_unavailable',
        'The console cannot read its sessions right now; try again in a moment.',
        { retryAfter: 5 },
      ),
  },
  {
    kind: LimitsUnavailableError,
    log: 'rate limits unavailable',
    answer: () =>
      new AppError(
        'limits_unavailable',
        'The console cannot check its rate limits right now; nothing was done. Try again in a moment.',
        { retryAfter: 5 },
      ),
  },
];

/** The answer to any error: the BFF's own, a store's failure, a parser's, or a 500 (logged). */
function appErrorOf(error: unknown, log: (line: string) => void): AppError {
  if (error instanceof AppError) return error;
  const unavailable = UNAVAILABLE.find((entry) => error instanceof entry.kind);
  if (unavailable !== undefined) {
    log(unavailable.log);
    return unavailable.answer();
  }
  if (error instanceof URIError) {
    return new AppError('invalid_parameter', 'The URL is not valid percent-encoding.');
  }
  const mapped = typeof error === 'object' && error !== null ? fromBodyParser(error) : undefined;
  if (mapped !== undefined) return mapped;
  log('unexpected error');
  return new AppError(
    'internal',
    'Something went wrong in the console; the request id helps find it.',
  );
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const appError = appErrorOf(error, (line) => {
      logger.error({ err: error, requestId: req.requestId }, line);
    });
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    if (appError.extra.retryAfter !== undefined) {
      res.setHeader('Retry-After', String(appError.extra.retryAfter));
    }
    res.status(appError.status).json(appError.body(req.requestId));
  };
}
