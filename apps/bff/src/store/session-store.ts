/**
 * express-session's store on the embedded SQLite. Never express-session's MemoryStore (its own
 * README says it leaks and is not for production). Sessions are keyed by the SHA-256 of their id,
 * indexed by user so an admin can end all of a user's sessions, and pruned when they expire.
 *
 * An ended session leaves a tombstone: express-session saves a session when a response ends, so
 * a request in flight when its session was ended would otherwise write it back to life.
 */
import { createHash } from 'node:crypto';
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

export class SqliteSessionStore extends session.Store implements SessionAdmin {
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: BffDatabase,
    /** How long a session lives without activity, when its cookie does not say. */
    private readonly idleMs: number,
    /** How long a tombstone must outlive its session: the absolute session lifetime. */
    private readonly tombstoneMs: number = 12 * 60 * 60 * 1000,
  ) {
    super();
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
      const row = this.db
        .prepare('SELECT data FROM sessions WHERE sid_hash = ? AND expires_at > ?')
        .get(hashId(sid), Date.now()) as { data: string } | undefined;
      callback(null, row === undefined ? null : (JSON.parse(row.data) as session.SessionData));
    } catch (error) {
      callback(error);
    }
  }

  override set(sid: string, data: session.SessionData, callback?: Callback): void {
    try {
      this.db
        .prepare(
          `INSERT INTO sessions (sid_hash, user_key, data, expires_at)
           SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM ended_sessions WHERE sid_hash = ?)
           ON CONFLICT (sid_hash) DO UPDATE SET user_key = excluded.user_key, data = excluded.data,
             expires_at = excluded.expires_at`,
        )
        .run(
          hashId(sid),
          data.user?.key ?? null,
          JSON.stringify(data),
          this.expiry(data),
          hashId(sid),
        );
      callback?.(null);
    } catch (error) {
      callback?.(error);
    }
  }

  override touch(sid: string, data: session.SessionData, callback?: Callback): void {
    try {
      this.db
        .prepare('UPDATE sessions SET expires_at = ? WHERE sid_hash = ?')
        .run(this.expiry(data), hashId(sid));
      callback?.(null);
    } catch (error) {
      callback?.(error);
    }
  }

  override destroy(sid: string, callback?: Callback): void {
    try {
      this.end('sid_hash = ?', hashId(sid));
      callback?.(null);
    } catch (error) {
      callback?.(error);
    }
  }

  destroyUser(userKey: string): number {
    return this.end('user_key = ?', userKey);
  }

  /** Deletes sessions and leaves their tombstones, in one transaction. */
  private end(where: string, value: string): number {
    return this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT OR IGNORE INTO ended_sessions (sid_hash, expires_at)
           SELECT sid_hash, ? FROM sessions WHERE ${where}`,
        )
        .run(Date.now() + this.tombstoneMs, value);
      if (where === 'sid_hash = ?') {
        this.db
          .prepare('INSERT OR IGNORE INTO ended_sessions (sid_hash, expires_at) VALUES (?, ?)')
          .run(value, Date.now() + this.tombstoneMs);
      }
      return this.db.prepare(`DELETE FROM sessions WHERE ${where}`).run(value).changes;
    })();
  }

  countActive(now = Date.now()): number {
    return (
      this.db.prepare('SELECT count(*) AS n FROM sessions WHERE expires_at > ?').get(now) as {
        n: number;
      }
    ).n;
  }

  prune(now = Date.now()): number {
    this.db.prepare('DELETE FROM ended_sessions WHERE expires_at <= ?').run(now);
    return this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now).changes;
  }

  close(): void {
    clearInterval(this.timer);
  }
}
