/** What the BFF's own API routes read from every request: who asks, and which region it names. */
import type { Request } from 'express';
import type { Identity } from '../auth/identity';
import type { BffConfig, RegionConfig } from '../config/schema';
import { AppError } from '../http/errors';

/** The signed-in user (the session gate lets no one else through to `/api`). */
export function signedIn(req: Request): Identity {
  const identity = req.identity;
  if (identity === undefined) throw new AppError('unauthenticated', 'Sign in first.');
  return identity;
}

/** The region with this id, one the console is configured for (404 otherwise). */
export function configuredRegion(config: Pick<BffConfig, 'regions'>, id: string): RegionConfig {
  const region = config.regions.find((candidate) => candidate.id === id);
  if (region === undefined) {
    throw new AppError('not_found', `No region ${id} is configured in this console.`);
  }
  return region;
}
