/**
 * What every sign-in mode provides: its routes under `/auth`, and for modes that identify each
 * request by itself (header mode), a way to read the identity from a request.
 */
import type { Request, Router } from 'express';
import type { Logger } from 'pino';
import type { AuditTrail } from '../audit/trail';
import type { Refusals } from '../security/refusals';
import type { BffConfig } from '../config/schema';
import type { BffStore } from '../store/store';
import type { AuthMode, Identity } from './identity';

export interface SignIn {
  mode: AuthMode;
  /** `/auth/login`, `/auth/logout`, and the mode's own routes. */
  router: Router;
  /**
   * Header mode: the identity the trusted proxy asserts. Throws an AppError (401) for identity
   * headers from an untrusted peer; undefined when the request carries none.
   */
  fromRequest?: (req: Request) => Promise<Identity | undefined>;
}

export interface SignInDeps {
  config: BffConfig;
  audit: AuditTrail;
  /** Refusals of requests nobody signed in made (failed sign-ins, spoofed headers). */
  refusals: Refusals;
  /** The BFF's database (OIDC keeps its login transactions there). */
  store: BffStore;
  logger: Logger;
}
