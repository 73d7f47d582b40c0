/**
 * Refusals that can come by the thousand, recorded without flooding the audit trail: one record
 * per key (a client address, or a signed-in user), kind of refusal and minute. The first is
 * recorded at once, as it is; the ones after it in that minute are only counted, and written as
 * one record (`repeats`: how many, first and last) when the minute is over. Rate-limited
 * requests of signed-in users are noted this way (`note`).
 *
 * Refusals of requests that no signed-in user made (API calls without a session, identity
 * headers from an untrusted peer, a failed sign-in) can be sent by anyone as fast as they like,
 * so each client address (`req.ip`, which honours `TRUST_PROXY_HOPS`) also gets a limit:
 *
 * - A limit, `RATE_LIMIT_ANONYMOUS_PER_MINUTE` refusals a minute. Past it, refusals are answered
 *   429 with `Retry-After` and no audit write, and requests that carry no credential at all are
 *   answered 429 before the BFF even looks for an identity (`gate`).
 *
 * The counts live in this process: with several replicas each has its own (docs/configuration.md).
 */
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Logger } from 'pino';
import { eventFor } from '../audit/from-request';
import type { AuditInput, AuditTrail } from '../audit/trail';
import { AppError } from '../http/errors';

const WINDOW_MS = 60_000;
/** Keys tracked at most; past it the oldest windows are closed (and written) early. */
const MAX_KEYS = 10_000;

interface Window {
  /** `address:<ip>` or `user:<identity key>`. */
  key: string;
  started: number;
  /** Refusals of this key in the window, of every kind (what the anonymous limit counts). */
  refusals: number;
  /**
   * Per kind of refusal: the first one's record, how many were counted instead of written (the
   * first too, when the address was over its limit already), how many of those got 429.
   */
  kinds: Map<string, { first: AuditInput; counted: number; limited: number; last: number }>;
}

export interface RefusalsOptions {
  audit: AuditTrail;
  logger: Logger;
  perMinute: number;
  /** The session cookie's name: a request carrying it is not anonymous until proven so. */
  sessionCookie: string;
  /** Header names that carry an identity (header mode); empty in other modes. */
  identityHeaders?: readonly string[];
  now?: () => number;
}

/** The client address a limit is keyed by: IPv6 by its /56, as express-rate-limit does. */
export function addressOf(req: Request): string {
  return ipKeyGenerator(req.ip ?? '0.0.0.0', 56);
}

export class Refusals {
  private readonly windows = new Map<string, Window>();
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: RefusalsOptions) {
    this.now = options.now ?? Date.now;
    this.timer = setInterval(() => {
      this.flush();
    }, WINDOW_MS / 4);
    this.timer.unref();
  }

  /** The key's window, opened now if it has none or its minute is over. */
  private windowOf(key: string): Window {
    const now = this.now();
    const current = this.windows.get(key);
    if (current !== undefined && now - current.started < WINDOW_MS) return current;
    if (current !== undefined) this.close(current);
    if (this.windows.size >= MAX_KEYS) {
      const oldest = this.windows.values().next().value;
      if (oldest !== undefined) this.close(oldest);
    }
    const opened: Window = { key, started: now, refusals: 0, kinds: new Map() };
    this.windows.set(key, opened);
    return opened;
  }

  private retryAfter(window: Window): number {
    return Math.max(1, Math.ceil((window.started + WINDOW_MS - this.now()) / 1000));
  }

  private overLimit(window: Window): boolean {
    return window.refusals >= this.options.perMinute;
  }

  private write(input: AuditInput): void {
    try {
      this.options.audit.record(input);
    } catch (error) {
      // The request is refused either way; a failing audit store shows in /readyz.
      this.options.logger.error({ err: error }, 'could not audit a refusal');
    }
  }

  /** Writes the first refusal of its kind in the window at once (unless limited), counts the rest. */
  private tally(window: Window, input: AuditInput, limited: boolean): void {
    const kind = window.kinds.get(input.event);
    if (kind === undefined) {
      window.kinds.set(input.event, {
        first: input,
        counted: limited ? 1 : 0,
        limited: limited ? 1 : 0,
        last: this.now(),
      });
      if (!limited) this.write(input);
      return;
    }
    kind.counted += 1;
    kind.last = this.now();
    if (limited) kind.limited += 1;
  }

  /**
   * Records a refusal of an anonymous request (or counts it) and gives the error to answer with:
   * `refused` itself, or a 429 once the address is over its limit.
   */
  refuse(req: Request, input: AuditInput, refused: AppError): AppError {
    const window = this.windowOf(`address:${addressOf(req)}`);
    const limited = this.overLimit(window);
    window.refusals += 1;
    // The first of its kind is written at once, unless the address is already over its limit.
    this.tally(window, input, limited);
    if (!limited) return refused;
    return new AppError(
      'rate_limited',
      'Too many refused requests from your address; try again shortly.',
      { retryAfter: this.retryAfter(window) },
    );
  }

  /**
   * Records (or counts) a refusal of a signed-in user's request, e.g. by a rate limit: one record
   * per user, kind and minute.
   */
  note(userKey: string, input: AuditInput): void {
    this.tally(this.windowOf(`user:${userKey}`), input, false);
  }

  /** Whether a request carries anything that could make it someone's: a session or an identity. */
  private carriesCredential(req: Request): boolean {
    const cookies = req.headers.cookie ?? '';
    if (cookies.includes(`${this.options.sessionCookie}=`)) return true;
    return (this.options.identityHeaders ?? []).some((name) => req.headers[name] !== undefined);
  }

  /**
   * Before any identity is looked for: a request with no credential, which can only be refused,
   * from an address over its limit is answered 429 at once (counted, not recorded).
   */
  readonly gate: RequestHandler = (req, _res, next) => {
    const window = this.windows.get(`address:${addressOf(req)}`);
    const over =
      window !== undefined && this.now() - window.started < WINDOW_MS && this.overLimit(window);
    if (!over || this.carriesCredential(req)) {
      next();
      return;
    }
    next(
      this.refuse(
        req,
        eventFor(req, 'auth.unauthenticated', 'denied', { httpStatus: 401 }),
        new AppError('unauthenticated', 'Sign in first.'),
      ),
    );
  };

  /** Writes the counted record of each kind of refusal in a window, and forgets the window. */
  private close(window: Window): void {
    this.windows.delete(window.key);
    for (const kind of window.kinds.values()) {
      if (kind.counted === 0) continue;
      const { first } = kind;
      const limited = kind.limited === 0 ? '' : `, ${kind.limited} of them answered 429`;
      this.write({
        ...first,
        reason: `${kind.counted} more like this from ${window.key.replace(/^\w+:/, '')} in the minute after ${new Date(window.started).toISOString()}${limited}; the first: ${first.reason ?? 'no reason given'}`,
        httpStatus: first.httpStatus,
        repeats: {
          count: kind.counted,
          first: new Date(window.started).toISOString(),
          last: new Date(kind.last).toISOString(),
        },
      });
    }
  }

  /** Writes the records of every window whose minute is over (all of them with `everything`). */
  flush(everything = false): void {
    const now = this.now();
    for (const window of [...this.windows.values()]) {
      if (everything || now - window.started >= WINDOW_MS) this.close(window);
    }
  }

  /** Stops the timer and writes what is counted: at shutdown, nothing counted is lost. */
  stop(): void {
    clearInterval(this.timer);
    this.flush(true);
  }
}
