/**
 * Sessions: an HttpOnly, SameSite=Strict cookie (`__Host-` prefixed and Secure over https) that
 * holds only an id; the data lives in the store. Ids are regenerated at sign-in. The idle timeout
 * (default 30 min) and the absolute lifetime (default 12 h) are enforced here, on the server:
 * express-session's cookie maxAge only slides.
 *
 * Activity (`lastSeen`) is written at most once every `lastSeenInterval` (a minute, or a thirtieth
 * of a shorter idle timeout), not on every request: each write is a save of the session row and a
 * new signed cookie. So an idle session ends between `idle − interval` and `idle` after its last
 * request, never later; the cookie's expiry slides with each write, as the row's does.
 */
import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import type { BffConfig } from '../config/schema';
import { AppError } from '../http/errors';
import type { SessionUser } from './identity';

export function cookieName(secure: boolean): string {
  return secure ? '__Host-swr-bff.sid' : 'swr-bff.sid';
}

export function isSecureOrigin(config: Pick<BffConfig, 'publicOrigin'>): boolean {
  return new URL(config.publicOrigin).protocol === 'https:';
}

export function sessionMiddleware(
  config: BffConfig,
  store: session.Store,
  secrets: string[],
): RequestHandler {
  const secure = isSecureOrigin(config);
  return session({
    name: cookieName(secure),
    secret: secrets,
    store,
    resave: false,
    saveUninitialized: false,
    // The cookie is sent again when the session is saved, i.e. when lastSeen moves (not on every
    // answer): its expiry then slides with the server's idle limit.
    rolling: false,
    proxy: config.trustProxyHops > 0,
    cookie: {
      httpOnly: true,
      secure,
      sameSite: 'strict',
      path: '/',
      maxAge: config.session.idleTimeoutMs,
    },
  });
}

/** A short, non-reversible reference to the session for logs and audit records. */
export function sessionRef(req: Request): string | undefined {
  // Header mode runs without the session middleware: there is no session at all.
  const current = req.session as Request['session'] | undefined;
  return current?.user === undefined
    ? undefined
    : createHash('sha256').update(req.sessionID).digest('hex').slice(0, 16);
}

export type SessionEnd = 'idle' | 'absolute';

/** How stale `lastSeen` may grow before a request writes it again. */
export function lastSeenInterval(idleTimeoutMs: number): number {
  return Math.min(60_000, Math.floor(idleTimeoutMs / 30));
}

/**
 * Puts the signed-in user on the request, or ends a session past its idle or absolute limit.
 * `onExpired` records the end (audit) before the request is refused.
 */
export function sessionIdentity(
  config: BffConfig,
  onExpired: (req: Request, user: SessionUser, why: SessionEnd) => void,
): RequestHandler {
  const interval = lastSeenInterval(config.session.idleTimeoutMs);
  return (req, _res, next) => {
    const user = req.session.user;
    if (user === undefined) {
      next();
      return;
    }
    const now = Date.now();
    const createdAt = req.session.createdAt ?? 0;
    const lastSeen = req.session.lastSeen ?? 0;
    const why: SessionEnd | undefined =
      now - createdAt > config.session.absoluteTimeoutMs
        ? 'absolute'
        : now - lastSeen > config.session.idleTimeoutMs
          ? 'idle'
          : undefined;
    if (why !== undefined) {
      onExpired(req, user, why);
      req.session.destroy(() => {
        next(
          new AppError('session_expired', 'Your session has ended; sign in again.', {
            reason: why,
          }),
        );
      });
      return;
    }
    // Only a write of lastSeen modifies the session, so only then is it saved (and its cookie sent).
    if (now - lastSeen >= interval) req.session.lastSeen = now;
    const { idToken: _, ...identity } = user;
    req.identity = identity;
    next();
  };
}

/** Starts a session for a user who just signed in: a fresh id, so a planted one is useless. */
export function establishSession(req: Request, user: SessionUser): Promise<void> {
  return new Promise((resolve, reject) => {
    req.session.regenerate((error) => {
      if (error !== undefined && error !== null) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      const now = Date.now();
      req.session.user = user;
      req.session.createdAt = now;
      req.session.lastSeen = now;
      req.session.save((saveError) => {
        if (saveError !== undefined && saveError !== null) {
          reject(saveError instanceof Error ? saveError : new Error(String(saveError)));
        } else {
          resolve();
        }
      });
    });
  });
}

/** Ends the session on the server; the cookie is cleared with the attributes it was set with. */
export function endSession(req: Request, res: Response, config: BffConfig): Promise<void> {
  const secure = isSecureOrigin(config);
  return new Promise((resolve) => {
    req.session.destroy(() => {
      res.clearCookie(cookieName(secure), {
        httpOnly: true,
        secure,
        sameSite: 'strict',
        path: '/',
      });
      resolve();
    });
  });
}

/** When the current session stops working unless used again, and at the latest. */
export function sessionExpiries(
  req: Request,
  config: BffConfig,
): { idle: string; absolute: string } | undefined {
  const current = req.session as Request['session'] | undefined;
  if (current?.user === undefined) return undefined;
  const lastSeen = current.lastSeen ?? Date.now();
  const createdAt = current.createdAt ?? Date.now();
  return {
    idle: new Date(lastSeen + config.session.idleTimeoutMs).toISOString(),
    absolute: new Date(createdAt + config.session.absoluteTimeoutMs).toISOString(),
  };
}
