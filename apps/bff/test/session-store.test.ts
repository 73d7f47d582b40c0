/**
 * The session store, on SQLite and on PostgreSQL: sessions live until their cookie's lifetime,
 * are keyed by a hash of their id, and stay ended once ended, even when a request still in flight
 * saves them again.
 */
import session from 'express-session';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../src/store/database';
import { hashId, BffSessionStore } from '../src/store/session-store';
import { sqliteStore } from '../src/store/sqlite';
import { ENGINES, engineDatabases, rowsOf } from './support/stores';

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
  store: BffSessionStore,
  sid: string,
): Promise<session.SessionData | null | undefined> {
  return new Promise((resolve, reject) => {
    store.get(sid, (error, data) => {
      if (error instanceof Error) reject(error);
      else resolve(data);
    });
  });
}

function write(store: BffSessionStore, sid: string, data: session.SessionData): Promise<void> {
  return new Promise((resolve, reject) => {
    store.set(sid, data, (error) => {
      if (error instanceof Error) reject(error);
      else resolve();
    });
  });
}

function destroy(store: BffSessionStore, sid: string): Promise<void> {
  return new Promise((resolve, reject) => {
    store.destroy(sid, (error) => {
      if (error instanceof Error) reject(error);
      else resolve();
    });
  });
}

describe.each(ENGINES)('the session store (%s)', (engine) => {
  const databases = engineDatabases(engine);

  /** A session store on a fresh database, and that database's place. */
  async function fresh(tombstoneMs?: number) {
    const place = await databases.fresh();
    const bffStore = await databases.open(place);
    const store = new BffSessionStore(bffStore.sessions, 60_000, tombstoneMs);
    return {
      place,
      store,
      close: async () => {
        store.close();
        await bffStore.close();
      },
    };
  }

  it('keeps sessions under a hash of their id, never the id itself', async () => {
    const { place, store, close } = await fresh();
    await write(store, 'secret-session-id', sessionData('u1'));
    expect((await read(store, 'secret-session-id'))?.user?.key).toBe('u1');
    const rows = await rowsOf(place, 'SELECT * FROM sessions');
    expect(rows.map((row) => row.sid_hash)).toEqual([hashId('secret-session-id')]);
    expect(JSON.stringify(rows)).not.toContain('secret-session-id');
    await close();
  });

  it('does not bring a session back when a request in flight saves it after it ended', async () => {
    const { store, close } = await fresh();
    await write(store, 'a', sessionData('u1'));
    await destroy(store, 'a');
    await write(store, 'a', sessionData('u1'));
    expect(await read(store, 'a')).toBeNull();

    await write(store, 'b', sessionData('u2'));
    await write(store, 'c', sessionData('u2'));
    await write(store, 'd', sessionData('u3'));
    expect(await store.destroyUser('u2')).toBe(2);
    await write(store, 'b', sessionData('u2'));
    expect(await read(store, 'b')).toBeNull();
    expect(await read(store, 'c')).toBeNull();
    expect((await read(store, 'd'))?.user?.key).toBe('u3');
    // A new session (a fresh id) is unaffected.
    await write(store, 'e', sessionData('u2'));
    expect((await read(store, 'e'))?.user?.key).toBe('u2');
    expect((await store.signedIn()).map((row) => row.userKey)).toEqual(['u2', 'u3']);
    await close();
  });

  it('forgets expired sessions and old tombstones', async () => {
    const { place, store, close } = await fresh(1_000);
    await write(store, 'x', sessionData('u1'));
    await store.destroyUser('u1');
    expect(await store.prune(Date.now() + 120_000)).toBe(0);
    expect(await rowsOf(place, 'SELECT * FROM ended_sessions')).toEqual([]);
    await write(store, 'y', sessionData('u1'));
    expect(await store.countActive()).toBe(1);
    expect(await store.prune(Date.now() + 120_000)).toBe(1);
    expect(await store.countActive()).toBe(0);
    await close();
  });

  it('leaves the row alone between saves: express-session has no touch to call', async () => {
    const { store, close } = await fresh();
    // With no touch, express-session saves a session only when its data changed (auth/session.ts
    // changes lastSeen at most once a minute), instead of updating the row on every request.
    expect('touch' in store).toBe(false);
    await close();
  });
});

describe('the session store on SQLite', () => {
  it('prepares its statements once, not on every call', async () => {
    const db = openDatabase(':memory:');
    const prepare = vi.spyOn(db, 'prepare');
    const transaction = vi.spyOn(db, 'transaction');
    const store = new BffSessionStore(sqliteStore(db).sessions, 60_000);
    prepare.mockClear();
    transaction.mockClear();
    for (let i = 0; i < 3; i += 1) {
      await write(store, `s${String(i)}`, sessionData('u1'));
      expect((await read(store, `s${String(i)}`))?.user?.key).toBe('u1');
    }
    await destroy(store, 's0');
    expect(await store.destroyUser('u1')).toBe(2);
    expect(await store.countActive()).toBe(0);
    await store.prune();
    expect(prepare).not.toHaveBeenCalled();
    expect(transaction).not.toHaveBeenCalled();
    store.close();
    db.close();
  });
});
