/**
 * Refusals that can come by the thousand (requests of nobody signed in, CSRF failures, rate
 * limits), recorded without flooding the audit trail. Refusals are grouped by who (a client
 * address, or a signed-in user), minute, and kind: the event, the actor, the reason, the method
 * and the route. The first few of a kind in a minute are recorded at once, as they are; the rest
 * are only counted, and written as one record (`repeats`: how many, first and last) when the
 * minute is over or the BFF stops. Kinds per minute are bounded too: past the bound, refusals of
 * new kinds are counted together.
 *
 * Requests of nobody signed in (API calls without a session, identity headers from an untrusted
 * peer, a failed sign-in, a failed CSRF check) can be sent by anyone as fast as they like, so each
 * client address also gets a limit, `RATE_LIMIT_ANONYMOUS_PER_MINUTE` refusals a minute: past it,
 * refusals are answered 429 with `Retry-After` and not recorded one by one, and requests that
 * carry no credential at all are answered 429 before the BFF even looks for an identity (`gate`).
 *
 * The counts live in this process: with several replicas each has its own (docs/configuration.md).
 */
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import type { Logger } from 'pino';
import { eventFor } from '../audit/from-request';
import { recordBestEffort } from '../audit/policies';
import type { AuditInput, AuditTrail } from '../audit/trail';
import { AppError } from '../http/errors';
import { clientAddress } from '../http/peers';

const WINDOW_MS = 60_000;
/** Keys tracked at most; past it the oldest windows are closed (and written) early. */
const MAX_KEYS = 10_000;
/** Refusals of one kind recorded one by one in a minute, before they are only counted. */
export const RECORDED_PER_KIND = 5;
/** Kinds of refusal told apart in a minute; refusals of further kinds are counted together. */
const MAX_KINDS = 32;

interface Kind {
  /** The first refusal of the kind: what its counted record repeats. */
  first: AuditInput;
  /** Recorded one by one. */
  recorded: number;
  /** Counted, to be written as one record (some of them answered 429: `limited`). */
  counted: number;
  limited: number;
  last: number;
}

interface Window {
  /** `address:<ip>` or `user:<identity key>`. */
  key: string;
  started: number;
  /** Refusals of this key in the window, of every kind (what the anonymous limit counts). */
  refusals: number;
  kinds: Map<string, Kind>;
  /** Refusals of kinds beyond MAX_KINDS. */
  others: Kind | undefined;
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

/** The client address a limit is keyed by: IPv6 by its /64 (one host's block). */
export function addressOf(req: Request): string {
  return ipKeyGenerator(clientAddress(req), 64);
}

/** What tells one kind of refusal from another. */
function kindOf(input: AuditInput): string {
  return [
    input.event,
    input.actor?.key ?? '',
    input.reason ?? '',
    input.request.method,
    input.request.route,
  ].join('\u0000');
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
    const opened: Window = { key, started: now, refusals: 0, kinds: new Map(), others: undefined };
    this.windows.set(key, opened);
    return opened;
  }

  private retryAfter(window: Window): number {
    return Math.max(1, Math.ceil((window.started + WINDOW_MS - this.now()) / 1000));
  }

  private overLimit(window: Window): boolean {
    return window.refusals >= this.options.perMinute;
  }

  /** The request is refused whether or not its record can be written. */
  private write(input: AuditInput): void {
    recordBestEffort(this.options, input);
  }

  /** The kind a refusal belongs to in its window (a new one, or the window's others). */
  private kindIn(window: Window, input: AuditInput): Kind {
    const key = kindOf(input);
    const known = window.kinds.get(key);
    if (known !== undefined) return known;
    const fresh = () => ({ first: input, recorded: 0, counted: 0, limited: 0, last: this.now() });
    if (window.kinds.size < MAX_KINDS) {
      const kind = fresh();
      window.kinds.set(key, kind);
      return kind;
    }
    window.others ??= fresh();
    return window.others;
  }

  /** Records a refusal one by one while its kind allows, else counts it. */
  private tally(window: Window, input: AuditInput, limited: boolean): void {
    const kind = this.kindIn(window, input);
    kind.last = this.now();
    if (!limited && kind !== window.others && kind.recorded < RECORDED_PER_KIND) {
      kind.recorded += 1;
      this.write(input);
      return;
    }
    kind.counted += 1;
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
    this.tally(window, input, limited);
    if (!limited) return refused;
    return new AppError(
      'rate_limited',
      'Too many refused requests from your address; try again shortly.',
      { retryAfter: this.retryAfter(window) },
    );
  }

  /**
   * Records (or counts) a refusal of a signed-in user's request, e.g. by a rate limit or a CSRF
   * check. `key` is `user:<identity key>`, or `address:<address>` for a limit of addresses.
   */
  note(key: string, input: AuditInput): void {
    this.tally(this.windowOf(key), input, false);
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

  /** The counted record of a kind: what it repeats, how many, when. */
  private countedRecord(window: Window, kind: Kind, what: string): AuditInput {
    const { first } = kind;
    const limited = kind.limited === 0 ? '' : `, ${kind.limited} of them answered 429`;
    const from = window.key.replace(/^\w+:/, '');
    return {
      ...first,
      reason: `${kind.counted} more ${what} from ${from} in the minute after ${new Date(window.started).toISOString()}${limited}; the first: ${first.reason ?? 'no reason given'}`,
      repeats: {
        count: kind.counted,
        first: new Date(window.started).toISOString(),
        last: new Date(kind.last).toISOString(),
      },
    };
  }

  /** Writes the counted record of each kind of refusal in a window, and forgets the window. */
  private close(window: Window): void {
    this.windows.delete(window.key);
    for (const kind of window.kinds.values()) {
      if (kind.counted > 0) this.write(this.countedRecord(window, kind, 'like this'));
    }
    if (window.others !== undefined) {
      this.write(this.countedRecord(window, window.others, 'refusals of other kinds'));
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
