/**
 * Rate limits (express-rate-limit 8): per user on reads, on mutations and on issuing docker login
 * commands; per client address on sign-in. Over the limit: 429 in the BFF's error shape, with
 * the standard `RateLimit` headers and `Retry-After`, and an audit record (one per user, limit
 * and minute: refusals.ts). An operation's own limit is keyed by the operation the proxy matched,
 * never by a URL pattern, so no other spelling of its path escapes it. Who the user is and which
 * regions exist (`/api/me`, `/api/regions`) are never refused for reads: the console's shell
 * needs them to show anything, a limit included.
 *
 * With `REDIS_URL` every limit here counts in Redis, shared by all replicas (shared-limits.ts),
 * each under its own key prefix; a counter that cannot be reached refuses the request (503),
 * never lets it through. Without it each limit counts in this process's memory.
 */
import { jobPreviewEndpoint, type OperationName } from '@swr-dashboard/swr-client';
import type { Request, RequestHandler } from 'express';
import { rateLimit, type RateLimitRequestHandler, type Store } from 'express-rate-limit';
import { eventFor } from '../audit/from-request';
import type { BffConfig } from '../config/schema';
import { AppError } from '../http/errors';
import { addressOf, type Refusals } from './refusals';

function userKey(req: Request): string {
  return req.identity?.key ?? `ip:${addressOf(req)}`;
}

function limiter(
  refusals: Refusals,
  options: {
    windowMs: number;
    limit: number;
    key: (req: Request) => string;
    skip?: (req: Request) => boolean;
    what: string;
    /** Where the counts live (none: this process's memory). */
    store: Store | undefined;
  },
): RateLimitRequestHandler {
  const message = `Too many ${options.what}; try again shortly.`;
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: options.key,
    // A store that fails refuses the request (shared-limits.ts): never unlimited.
    passOnStoreError: false,
    ...(options.store === undefined ? {} : { store: options.store }),
    ...(options.skip === undefined ? {} : { skip: options.skip }),
    handler: (req, _res, next) => {
      const who =
        req.identity === undefined ? `address:${addressOf(req)}` : `user:${req.identity.key}`;
      refusals.note(
        who,
        eventFor(req, 'ratelimit.refused', 'denied', {
          reason: `too many ${options.what}`,
          httpStatus: 429,
        }),
      );
      next(new AppError('rate_limited', message));
    },
  });
}

/** A job's preview is a POST for its body, but changes nothing: it counts with the reads. */
const POSTED_READS: ReadonlySet<string> = new Set([jobPreviewEndpoint.path]);

const isRead = (req: Request) =>
  req.method === 'GET' ||
  req.method === 'HEAD' ||
  (req.method === 'POST' && POSTED_READS.has(`${req.baseUrl}${req.path}`));

/** Under /api: what the shell needs whatever else is limited (no SWR call behind either). */
const SHELL_PATHS: ReadonlySet<string> = new Set(['/me', '/regions']);

/**
 * A batch of changes the console runs for the user (a bulk delete, marked `X-Console-Batch: 1`)
 * may spend the user's change budget only down to `reserve`, so the user's own clicks keep
 * working while it runs. At the reserve a batch call gets 429 (`reason: batch-reserve`) with the
 * seconds until the budget renews (`Retry-After`), and the batch goes on then.
 */
function batchReserve(
  mutations: RateLimitRequestHandler,
  limit: number,
  reserve: number,
  refusals: Refusals,
): RequestHandler {
  const kept = Math.min(reserve, Math.floor(limit / 2));
  return async (req, _res, next) => {
    if (isRead(req) || req.get('x-console-batch') !== '1') {
      next();
      return;
    }
    const used = await mutations.getKey(userKey(req));
    if (used === undefined || used.totalHits < limit - kept) {
      next();
      return;
    }
    const resetAt = used.resetTime?.getTime() ?? Date.now() + 60_000;
    const retryAfter = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
    const who =
      req.identity === undefined ? `address:${addressOf(req)}` : `user:${req.identity.key}`;
    refusals.note(
      who,
      eventFor(req, 'ratelimit.refused', 'denied', {
        reason: 'a batch paused to keep changes free for the user',
        httpStatus: 429,
      }),
    );
    next(
      new AppError(
        'rate_limited',
        `A batch keeps ${String(kept)} changes a minute free for your other work; it goes on in ${String(retryAfter)} s.`,
        { reason: 'batch-reserve', retryAfter },
      ),
    );
  };
}

/** Limits of single operations, applied by the proxy once it knows the operation. */
export type OperationLimits = Partial<Record<OperationName, RequestHandler>>;

/** Where each limit keeps its counts, by the limit's name (none: in memory). */
type LimitStores = (name: string) => Store;

export function rateLimits(
  config: BffConfig['rateLimits'],
  refusals: Refusals,
  stores?: LimitStores,
) {
  const mutations = limiter(refusals, {
    store: stores?.('mutations'),
    windowMs: 60_000,
    limit: config.mutationsPerMinute,
    key: userKey,
    skip: isRead,
    what: 'changes',
  });
  return {
    reads: limiter(refusals, {
      store: stores?.('reads'),
      windowMs: 60_000,
      limit: config.readsPerMinute,
      key: userKey,
      skip: (req) => !isRead(req) || SHELL_PATHS.has(req.path),
      what: 'requests',
    }),
    batchReserve: batchReserve(mutations, config.mutationsPerMinute, config.batchReserve, refusals),
    mutations,
    operations: {
      createSecret: limiter(refusals, {
        store: stores?.('login-commands'),
        windowMs: 3_600_000,
        limit: config.loginCommandsPerHour,
        key: userKey,
        what: 'login commands',
      }),
    } satisfies OperationLimits as OperationLimits,
    signIn: limiter(refusals, {
      store: stores?.('sign-in'),
      windowMs: 60_000,
      limit: config.signInPerMinute,
      key: (req) => `ip:${addressOf(req)}`,
      what: 'sign-in attempts',
    }),
  };
}

/** Every limit the app mounts, and the proxy's per-operation ones. */
export type RateLimits = ReturnType<typeof rateLimits>;
