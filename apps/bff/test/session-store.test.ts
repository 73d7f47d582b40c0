/**
 * The SQLite session store: sessions live until their cookie's lifetime, are keyed by a hash of
 * their id, and stay ended once ended, even when a request still in flight saves them again.
 */
import session from 'express-session';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../src/store/database';
import { hashId, SqliteSessionStore } from '../src/store/session-store';

function sessionData(userKey: string): session.SessionData {
  const cookie = new session.Cookie();
  cookie.maxAge = 60_000;
  return {
    cookie,
    user: {
      key: userKey,
      iss: 'urn:test',
      sub: userKey,
      name: userKey,
      email: undefined,
      groups: [],
      role: 'viewer',
      scopes: null,
      authMode: 'demo',
    },
    createdAt: Date.now(),
    lastSeen: Date.now(),
  };
}

function read(
  store: SqliteSessionStore,
  sid: string,
): Promise<session.SessionData | null | undefined> {
  return new Promise((resolve, reject) => {
    store.get(sid, (error, data) => {
      if (error instanceof Error) reject(error);
      else resolve(data);
    });
  });
}

function write(store: SqliteSessionStore, sid: string, data: session.SessionData): Promise<void> {
  return new Promise((resolve) => {
    store.set(sid, data, () => {
      resolve();
    });
  });
}

describe('SqliteSessionStore', () => {
  it('keeps sessions under a hash of their id, never the id itself', async () => {
    const db = openDatabase(':memory:');
    const store = new SqliteSessionStore(db, 60_000);
    await write(store, 'secret-session-id', sessionData('u1'));
    expect((await read(store, 'secret-session-id'))?.user?.key).toBe('u1');
    const rows = db.prepare('SELECT sid_hash FROM sessions').all() as { sid_hash: string }[];
    expect(rows).toEqual([{ sid_hash: hashId('secret-session-id') }]);
    expect(JSON.stringify(db.prepare('SELECT * FROM sessions').all())).not.toContain(
      'secret-session-id',
    );
    store.close();
    db.close();
  });

  it('does not bring a session back when a request in flight saves it after it ended', async () => {
    const db = openDatabase(':memory:');
    const store = new SqliteSessionStore(db, 60_000);
    await write(store, 'a', sessionData('u1'));
    await new Promise<void>((resolve) => {
      store.destroy('a', () => {
        resolve();
      });
    });
    await write(store, 'a', sessionData('u1'));
    expect(await read(store, 'a')).toBeNull();

    await write(store, 'b', sessionData('u2'));
    await write(store, 'c', sessionData('u2'));
    await write(store, 'd', sessionData('u3'));
    expect(store.destroyUser('u2')).toBe(2);
    await write(store, 'b', sessionData('u2'));
    expect(await read(store, 'b')).toBeNull();
    expect(await read(store, 'c')).toBeNull();
    expect((await read(store, 'd'))?.user?.key).toBe('u3');
    // A new session (a fresh id) is unaffected.
    await write(store, 'e', sessionData('u2'));
    expect((await read(store, 'e'))?.user?.key).toBe('u2');
    store.close();
    db.close();
  });

  it('forgets expired sessions and old tombstones', async () => {
    const db = openDatabase(':memory:');
    const store = new SqliteSessionStore(db, 60_000, 1_000);
    await write(store, 'x', sessionData('u1'));
    store.destroyUser('u1');
    expect(store.prune(Date.now() + 120_000)).toBe(0);
    expect((db.prepare('SELECT count(*) AS n FROM ended_sessions').get() as { n: number }).n).toBe(
      0,
    );
    await write(store, 'y', sessionData('u1'));
    expect(store.countActive()).toBe(1);
    expect(store.prune(Date.now() + 120_000)).toBe(1);
    expect(store.countActive()).toBe(0);
    store.close();
    db.close();
  });

  it('prepares its statements once, not on every call', async () => {
    const db = openDatabase(':memory:');
    const store = new SqliteSessionStore(db, 60_000);
    const prepare = vi.spyOn(db, 'prepare');
    const transaction = vi.spyOn(db, 'transaction');
    for (let i = 0; i < 3; i += 1) {
      await write(store, `s${i}`, sessionData('u1'));
      expect((await read(store, `s${i}`))?.user?.key).toBe('u1');
    }
    await new Promise<void>((resolve) => {
      store.destroy('s0', () => {
        resolve();
      });
    });
    expect(store.destroyUser('u1')).toBe(2);
    expect(store.countActive()).toBe(0);
    store.prune();
    expect(prepare).not.toHaveBeenCalled();
    expect(transaction).not.toHaveBeenCalled();
    store.close();
    db.close();
  });

  it('leaves the row alone between saves: express-session has no touch to call', () => {
    const store = new SqliteSessionStore(openDatabase(':memory:'), 60_000);
    // With no touch, express-session saves a session only when its data changed (auth/session.ts
    // changes lastSeen at most once a minute), instead of updating the row on every request.
    expect('touch' in store).toBe(false);
    store.close();
  });
});
