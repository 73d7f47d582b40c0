/**
 * Rate limits (express-rate-limit 8): per user on reads, on mutations and on issuing docker login
 * commands; per client address on sign-in. Over the limit: 429 in the BFF's error shape, with
 * the standard `RateLimit` headers. An operation's own limit is keyed by the operation the proxy
 * matched, never by a URL pattern, so no other spelling of its path escapes it.
 */
import type { OperationName } from '@swr-dashboard/swr-client';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { BffConfig } from '../config/schema';
import { AppError } from '../http/errors';

function userKey(req: Request): string {
  return req.identity?.key ?? `ip:${ipKeyGenerator(req.ip ?? '0.0.0.0', 56)}`;
}

function limiter(options: {
  windowMs: number;
  limit: number;
  key: (req: Request) => string;
  skip?: (req: Request) => boolean;
  what: string;
}): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: options.key,
    ...(options.skip === undefined ? {} : { skip: options.skip }),
    handler: (_req, _res, next) => {
      next(new AppError('rate_limited', `Too many ${options.what}; try again shortly.`));
    },
  });
}

const isRead = (req: Request) => req.method === 'GET' || req.method === 'HEAD';

/** Limits of single operations, applied by the proxy once it knows the operation. */
export type OperationLimits = Partial<Record<OperationName, RequestHandler>>;

export function rateLimits(config: BffConfig['rateLimits']) {
  return {
    reads: limiter({
      windowMs: 60_000,
      limit: config.readsPerMinute,
      key: userKey,
      skip: (req) => !isRead(req),
      what: 'requests',
    }),
    mutations: limiter({
      windowMs: 60_000,
      limit: config.mutationsPerMinute,
      key: userKey,
      skip: isRead,
      what: 'changes',
    }),
    operations: {
      createSecret: limiter({
        windowMs: 3_600_000,
        limit: config.loginCommandsPerHour,
        key: userKey,
        what: 'login commands',
      }),
    } satisfies OperationLimits as OperationLimits,
    signIn: limiter({
      windowMs: 60_000,
      limit: config.signInPerMinute,
      key: (req) => `ip:${ipKeyGenerator(req.ip ?? '0.0.0.0', 56)}`,
      what: 'sign-in attempts',
    }),
  };
}
