/**
 * express-session's store on the embedded SQLite. Never express-session's MemoryStore (its own
 * README says it leaks and is not for production). Sessions are keyed by the SHA-256 of their id,
 * indexed by user so an admin can end all of a user's sessions, and pruned when they expire.
 *
 * An ended session leaves a tombstone: express-session saves a session when a response ends, so
 * a request in flight when its session was ended would otherwise write it back to life.
 *
 * No `touch`: a session's row moves only when its data changes. The BFF writes `lastSeen` at most
 * once a minute (auth/session.ts), and that save moves the row's expiry with it; between saves
 * express-session would otherwise update the row on every request. Statements are prepared once.
 */
import { createHash } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import session from 'express-session';
import type { BffDatabase } from './database';

export function hashId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** What the console needs beyond express-session's Store: ending a user's sessions. */
export interface SessionAdmin {
  destroyUser(userKey: string): number;
  countActive(now?: number): number;
  prune(now?: number): number;
}

type Callback<T = void> = (error: unknown, value?: T) => void;

type EndBy = 'sid_hash' | 'user_key';

export class SqliteSessionStore extends session.Store implements SessionAdmin {
  private readonly timer: NodeJS.Timeout;
  private readonly statements: {
    get: Statement<[string, number], { data: string }>;
    set: Statement<[string, string | null, string, number, string]>;
    /** Tombstones for the sessions of one id hash or one user. */
    tombstonesBy: Record<EndBy, Statement<[number, string]>>;
    tombstone: Statement<[string, number]>;
    deleteBy: Record<EndBy, Statement<[string]>>;
    countActive: Statement<[number], { n: number }>;
    pruneTombstones: Statement<[number]>;
    prune: Statement<[number]>;
  };
  private readonly endTransaction: (where: EndBy, value: string) => number;

  constructor(
    private readonly db: BffDatabase,
    /** How long a session lives without activity, when its cookie does not say. */
    private readonly idleMs: number,
    /** How long a tombstone must outlive its session: the absolute session lifetime. */
    private readonly tombstoneMs: number = 12 * 60 * 60 * 1000,
  ) {
    super();
    const tombstonesBy = {
      sid_hash: db.prepare<[number, string]>(
        `INSERT OR IGNORE INTO ended_sessions (sid_hash, expires_at)
         SELECT sid_hash, ? FROM sessions WHERE sid_hash = ?`,
      ),
      user_key: db.prepare<[number, string]>(
        `INSERT OR IGNORE INTO ended_sessions (sid_hash, expires_at)
         SELECT sid_hash, ? FROM sessions WHERE user_key = ?`,
      ),
    };
    const deleteBy = {
      sid_hash: db.prepare<[string]>('DELETE FROM sessions WHERE sid_hash = ?'),
      user_key: db.prepare<[string]>('DELETE FROM sessions WHERE user_key = ?'),
    };
    this.statements = {
      get: db.prepare<[string, number], { data: string }>(
        'SELECT data FROM sessions WHERE sid_hash = ? AND expires_at > ?',
      ),
      set: db.prepare<[string, string | null, string, number, string]>(
        `INSERT INTO sessions (sid_hash, user_key, data, expires_at)
         SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM ended_sessions WHERE sid_hash = ?)
         ON CONFLICT (sid_hash) DO UPDATE SET user_key = excluded.user_key, data = excluded.data,
           expires_at = excluded.expires_at`,
      ),
      tombstonesBy,
      tombstone: db.prepare<[string, number]>(
        'INSERT OR IGNORE INTO ended_sessions (sid_hash, expires_at) VALUES (?, ?)',
      ),
      deleteBy,
      countActive: db.prepare<[number], { n: number }>(
        'SELECT count(*) AS n FROM sessions WHERE expires_at > ?',
      ),
      pruneTombstones: db.prepare<[number]>('DELETE FROM ended_sessions WHERE expires_at <= ?'),
      prune: db.prepare<[number]>('DELETE FROM sessions WHERE expires_at <= ?'),
    };
    this.endTransaction = db.transaction((where: EndBy, value: string): number => {
      const until = Date.now() + this.tombstoneMs;
      this.statements.tombstonesBy[where].run(until, value);
      if (where === 'sid_hash') this.statements.tombstone.run(value, until);
      return this.statements.deleteBy[where].run(value).changes;
    });
    this.timer = setInterval(() => this.prune(), 10 * 60 * 1000);
    this.timer.unref();
  }

  /** When the session lapses: its cookie's remaining lifetime, else the idle timeout. */
  private expiry(data: session.SessionData): number {
    const remaining = data.cookie.maxAge;
    return Date.now() + (typeof remaining === 'number' ? remaining : this.idleMs);
  }

  override get(sid: string, callback: Callback<session.SessionData | null>): void {
    try {
      const row = this.statements.get.get(hashId(sid), Date.now());
      callback(null, row === undefined ? null : (JSON.parse(row.data) as session.SessionData));
    } catch (error) {
      callback(error);
    }
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    try {
      const hash = hashId(sid);
      this.statements.set.run(
        hash,
        data.user?.key ?? null,
        JSON.stringify(data),
        this.expiry(data),
        hash,
      );
      callback?.(null);
    } catch (error) {
      callback?.(error);
    }
  }

  override destroy(sid: string, callback?: Callback): void {
    try {
      this.end('sid_hash', hashId(sid));
      callback?.(null);
    } catch (error) {
      callback?.(error);
    }
  }

  destroyUser(userKey: string): number {
    return this.end('user_key', userKey);
  }

  /** Deletes sessions and leaves their tombstones, in one transaction. */
  private end(where: EndBy, value: string): number {
    return this.endTransaction(where, value);
  }

  countActive(now = Date.now()): number {
    return this.statements.countActive.get(now)?.n ?? 0;
  }

  prune(now = Date.now()): number {
    this.statements.pruneTombstones.run(now);
    return this.statements.prune.run(now).changes;
  }

  close(): void {
    clearInterval(this.timer);
  }
}
