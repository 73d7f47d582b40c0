/**
 * The store tests run on both engines: a SQLite file in a temporary directory, or a database of
 * its own in one throwaway PostgreSQL server per test file (started in `beforeAll`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { startPostgres, type TestPostgres } from '@swr-dashboard/test-support';
import type { BffConfig } from '../../src/config/schema';
import { openStore } from '../../src/store/open';
import type { BffStore, StoreEngine } from '../../src/store/store';

export const ENGINES: readonly StoreEngine[] = ['sqlite', 'postgres'];

/** Where a database is: what `BFF_DATABASE` or `DATABASE_URL` would say. */
export type DatabasePlace = Pick<BffConfig, 'database' | 'databaseUrl'>;

export interface EngineDatabases {
  /** A place for a new, empty database. */
  fresh(): Promise<DatabasePlace>;
  /** The store on a database (migrated when opened). */
  open(place: DatabasePlace): Promise<BffStore>;
  /** The PostgreSQL server (only for `postgres`). */
  server(): TestPostgres;
}

/** Runs one statement on a database, outside any store: its rows. */
export async function rowsOf(
  place: DatabasePlace,
  sql: string,
): Promise<Record<string, unknown>[]> {
  if (place.databaseUrl === undefined) {
    const db = new Database(place.database);
    try {
      const statement = db.prepare(sql);
      return statement.reader
        ? (statement.all() as Record<string, unknown>[])
        : (statement.run(), []);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: place.databaseUrl });
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}

const quiet = pino({ level: 'silent' });

let created = 0;

/** A new database in the server: its URL. */
async function createDatabase(serverUrl: string): Promise<string> {
  created += 1;
  const name = `t${String(process.pid)}_${String(created)}`;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.href;
}

/** Call at a describe block's top: sets up (and tears down) what the engine needs. */
export function engineDatabases(engine: StoreEngine): EngineDatabases {
  const directory = mkdtempSync(join(tmpdir(), 'swr-store-'));
  let postgres: TestPostgres | undefined;
  beforeAll(async () => {
    if (engine === 'postgres') postgres = await startPostgres();
  });
  afterAll(async () => {
    await postgres?.stop();
    rmSync(directory, { recursive: true, force: true });
  });
  const server = () => {
    if (postgres === undefined) throw new Error('no PostgreSQL for the sqlite engine');
    return postgres;
  };
  return {
    fresh: async () => {
      created += 1;
      return engine === 'sqlite'
        ? { database: join(directory, `bff-${String(created)}.sqlite`) }
        : { database: ':unused:', databaseUrl: await createDatabase(server().url) };
    },
    open: (place) => openStore(place, quiet),
    server,
  };
}
