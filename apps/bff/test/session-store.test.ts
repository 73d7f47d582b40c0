/**
 * The session store, on SQLite, on PostgreSQL and in Redis (`REDIS_URL`): sessions live until
 * their cookie's lifetime, are keyed by a hash of their id, and stay ended once ended, even when a
 * request still in flight saves them again.
 */
import session from 'express-session';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRedis, type TestRedis } from '@swr-dashboard/test-support';
import { openDatabase } from '../src/store/database';
import { connectRedis, type SharedRedis } from '../src/store/redis';
import { redisSessionRows } from '../src/store/redis-sessions';
import { hashId, BffSessionStore } from '../src/store/session-store';
import { sqliteStore } from '../src/store/sqlite';
import type { SessionRows, StoreEngine } from '../src/store/store';
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

/** Where sessions are kept, as a test sees it. */
interface SessionPlace {
  rows: SessionRows;
  /** The hashes of the sessions kept. */
  sessionHashes(): Promise<string[]>;
  /** The hashes of the tombstones kept. */
  tombstones(): Promise<string[]>;
  /** Everything kept, as text (to look for what must never be kept). */
  dump(): Promise<string>;
  close(): Promise<void>;
}

/** A database engine's tables. */
function databasePlaces(engine: StoreEngine): () => Promise<SessionPlace> {
  const databases = engineDatabases(engine);
  return async () => {
    const place = await databases.fresh();
    const bffStore = await databases.open(place);
    const hashes = async (table: string) =>
      (await rowsOf(place, `SELECT sid_hash FROM ${table}`)).map((row) => String(row.sid_hash));
    return {
      rows: bffStore.sessions,
      sessionHashes: () => hashes('sessions'),
      tombstones: () => hashes('ended_sessions'),
      dump: async () => JSON.stringify(await rowsOf(place, 'SELECT * FROM sessions')),
      close: () => bffStore.close(),
    };
  };
}

/** One throwaway Redis for the file, emptied for each test. */
function redisPlaces(): () => Promise<SessionPlace> {
  let server: TestRedis | undefined;
  let redis: SharedRedis | undefined;
  beforeAll(async () => {
    server = await startRedis();
    redis = await connectRedis(server.url, pino({ level: 'silent' }));
  });
  afterAll(async () => {
    await redis?.close();
    await server?.stop();
  });
  return async () => {
    if (redis === undefined) throw new Error('Redis did not start');
    const client = redis;
    await client.send(['FLUSHALL']);
    const keys = async (pattern: string) =>
      ((await client.send(['KEYS', pattern])) as string[]).sort();
    const hashes = async (kind: string) => {
      const prefix = `swr-dashboard:sess:${kind}:`;
      return (await keys(`${prefix}*`)).map((key) => key.slice(prefix.length));
    };
    return {
      rows: redisSessionRows(client),
      sessionHashes: () => hashes('s'),
      tombstones: () => hashes('t'),
      dump: async () => {
        const all = await keys('*');
        const values = await Promise.all(
          all.map(async (key) => {
            const type = await client.send(['TYPE', key]);
            if (type === 'hash') return client.send(['HGETALL', key]);
            if (type === 'set') return client.send(['SMEMBERS', key]);
            if (type === 'zset') return client.send(['ZRANGE', key, '0', '-1']);
            return client.send(['GET', key]);
          }),
        );
        return JSON.stringify({ all, values });
      },
      close: () => Promise.resolve(),
    };
  };
}

const PLACES = [...ENGINES, 'redis'] as const;

describe.each(PLACES)('the session store (%s)', (engine) => {
  const places = engine === 'redis' ? redisPlaces() : databasePlaces(engine);

  /** A session store on a fresh place, and that place. */
  async function fresh(tombstoneMs?: number) {
    const place = await places();
    const store = new BffSessionStore(place.rows, 60_000, tombstoneMs);
    return {
      place,
      store,
      close: async () => {
        store.close();
        await place.close();
      },
    };
  }

  it('keeps sessions under a hash of their id, never the id itself', async () => {
    const { place, store, close } = await fresh();
    await write(store, 'secret-session-id', sessionData('u1'));
    expect((await read(store, 'secret-session-id'))?.user?.key).toBe('u1');
    expect(await place.sessionHashes()).toEqual([hashId('secret-session-id')]);
    expect(await place.dump()).not.toContain('secret-session-id');
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
    expect(await place.tombstones()).toEqual([]);
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
