/**
 * CSRF defence in layers (docs/security.md B4): the session cookie is SameSite=Strict; every API
 * and sign-in/out call must carry `X-CSRF: 1`, which another origin cannot add without a CORS
 * preflight the BFF never grants; and a state-changing call must come from the console's own
 * origin (`Origin`, or `Sec-Fetch-Site: same-origin` when a browser sends no Origin).
 */
import type { Request, RequestHandler } from 'express';
import { eventFor } from '../audit/from-request';

import type { BffConfig } from '../config/schema';
import { AppError } from '../http/errors';
import type { Refusals } from './refusals';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Why a request fails the CSRF checks, or undefined when it passes. */
export function csrfProblem(req: Request, publicOrigin: string): string | undefined {
  if (req.get('x-csrf') !== '1') return 'the X-CSRF: 1 header is missing';
  if (SAFE_METHODS.has(req.method)) return undefined;
  const origin = req.get('origin');
  if (origin !== undefined) {
    return origin === new URL(publicOrigin).origin
      ? undefined
      : `origin ${origin} is not this console`;
  }
  const site = req.get('sec-fetch-site');
  if (site === 'same-origin') return undefined;
  return site === undefined ? 'the request names no origin' : `a ${site} request`;
}

/**
 * Refuses a request that fails the checks (403 `csrf`), recorded through the refusals: per user
 * when someone is signed in, else per client address with its limit (so a page elsewhere cannot
 * flood the trail through a victim's browser, nor anyone through their own).
 */
export function requireCsrf(
  config: Pick<BffConfig, 'publicOrigin'>,
  refusals: Refusals,
): RequestHandler {
  return (req, _res, next) => {
    const problem = csrfProblem(req, config.publicOrigin);
    if (problem === undefined) {
      next();
      return;
    }
    const event = eventFor(req, 'csrf.rejected', 'denied', { reason: problem, httpStatus: 403 });
    const refused = new AppError('csrf', 'This request did not come from the console.', {
      reason: problem,
    });
    if (req.identity === undefined) {
      next(refusals.refuse(req, event, refused));
      return;
    }
    refusals.note(`user:${req.identity.key}`, event);
    next(refused);
  };
}
