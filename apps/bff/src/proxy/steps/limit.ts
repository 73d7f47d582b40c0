/** The operation's own limit (a docker login command: so many an hour), after authorization. */
import type { Request, RequestHandler, Response } from 'express';
import type { OperationLimits } from '../../security/rate-limits';
import type { Routed } from '../route';

/** Runs an Express middleware (a rate limiter) as a step: resolves, or rejects with its error. */
function passes(middleware: RequestHandler, req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    void middleware(req, res, (error?: unknown) => {
      if (error === undefined || error === null) resolve();
      else reject(error instanceof Error ? error : new Error('the limit failed'));
    });
  });
}

/** Resolves when the operation has no limit of its own or is within it; rejects (429) if not. */
export async function withinLimit(
  limits: OperationLimits,
  routed: Routed,
  req: Request,
  res: Response,
): Promise<void> {
  const limit = limits[routed.name];
  if (limit !== undefined) await passes(limit, req, res);
}
