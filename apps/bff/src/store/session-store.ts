/**
 * express-session's store on the BFF's database (SQLite or PostgreSQL: store/store.ts). Never
 * express-session's MemoryStore (its own README says it leaks and is not for production). Sessions are keyed by the SHA-256 of their id,
 * indexed by user so an admin can end all of a user's sessions, and pruned when they expire.
 *
 * An ended session leaves a tombstone: express-session saves a session when a response ends, so
 * a request in flight when its session was ended would otherwise write it back to life.
 *
 * No `touch`: a session's row moves only when its data changes. The BFF writes `lastSeen` at most
 * once a minute (auth/session.ts), and that save moves the row's expiry with it; between saves
 * express-session would otherwise update the row on every request.
 */
import { createHash } from 'node:crypto';
import session from 'express-session';
import type { EndBy, SessionRows } from './store';

export function hashId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** What the console needs beyond express-session's Store: ending a user's sessions. */
export interface SessionAdmin {
  destroyUser(userKey: string): Promise<number>;
  countActive(now?: number): Promise<number>;
  prune(now?: number): Promise<number>;
  /** The live sessions that belong to a user (their data as stored), ordered by user. */
  signedIn(now?: number): Promise<{ userKey: string; data: string }[]>;
}

type Callback<T = void> = (error: unknown, value?: T) => void;

/** The sessions cannot be read or written now (the database is down): a 503, not a crash. */
export class SessionStoreUnavailableError extends Error {
  constructor(cause: unknown) {
    super('the session store cannot be reached', { cause });
    this.name = 'SessionStoreUnavailableError';
  }
}

/**
 * Calls back with a promise's value or its error (once, whatever the callback does); a failing
 * store is named as such, so the request gets 503 `store_unavailable`.
 */
function settle<T>(work: Promise<T>, callback: Callback<T> | undefined): void {
  work.then(
    (value) => {
      callback?.(null, value);
    },
    (error: unknown) => {
      callback?.(new SessionStoreUnavailableError(error));
    },
  );
}

export class BffSessionStore extends session.Store implements SessionAdmin {
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly rows: SessionRows,
    /** How long a session lives without activity, when its cookie does not say. */
    private readonly idleMs: number,
    /** How long a tombstone must outlive its session: the absolute session lifetime. */
    private readonly tombstoneMs: number = 12 * 60 * 60 * 1000,
  ) {
    super();
    this.timer = setInterval(
      () => {
        this.prune().catch(() => undefined);
      },
      10 * 60 * 1000,
    );
    this.timer.unref();
  }

  /** When the session lapses: its cookie's remaining lifetime, else the idle timeout. */
  private expiry(data: session.SessionData): number {
    const remaining = data.cookie.maxAge;
    return Date.now() + (typeof remaining === 'number' ? remaining : this.idleMs);
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    const read = async () => {
      const data = await this.rows.get(hashId(sid), Date.now());
      return data === undefined ? null : (JSON.parse(data) as session.SessionData);
    };
    settle(read(), callback);
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    const write = async () => {
      await this.rows.set(
        hashId(sid),
        data.user?.key ?? null,
        JSON.stringify(data),
        this.expiry(data),
      );
    };
    settle(write(), callback);
  }

  override destroy(sid: string, callback?: Callback): void {
    settle(
      this.end('sid_hash', hashId(sid)).then(() => undefined),
      callback,
    );
  }

  destroyUser(userKey: string): Promise<number> {
    return this.end('user_key', userKey);
  }

  /** Deletes sessions and leaves their tombstones, in one transaction. */
  private end(where: EndBy, value: string): Promise<number> {
    return this.rows.end(where, value, Date.now() + this.tombstoneMs);
  }

  countActive(now = Date.now()): Promise<number> {
    return this.rows.countActive(now);
  }

  prune(now = Date.now()): Promise<number> {
    return this.rows.prune(now);
  }

  signedIn(now = Date.now()): Promise<{ userKey: string; data: string }[]> {
    return this.rows.signedIn(now);
  }

  close(): void {
    clearInterval(this.timer);
  }
}
