/**
 * A PostgreSQL connection cut while its client is out of the pool (a server restart in the middle
 * of a transaction): the work fails, the process goes on, and the pool serves again with a new
 * connection. Found by the HA test (ha.test.ts): before, the client's `error` event had no
 * listener and the BFF exited.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '@swr-dashboard/test-support';
import { inTransaction, withClient } from '../src/store/postgres-client';

describe('a client out of the pool whose connection is cut', () => {
  let postgres: TestPostgres;
  let pool: pg.Pool;
  beforeAll(async () => {
    postgres = await startPostgres();
    pool = new pg.Pool({ connectionString: postgres.url, max: 2 });
  });
  afterAll(async () => {
    await pool.end();
    await postgres.stop();
  });

  /** Has the server end this very connection, as a restart or failover would. */
  const cut = (client: pg.PoolClient) =>
    client.query('SELECT pg_terminate_backend(pg_backend_pid())');

  it('fails the transaction, not the process, and the pool connects again', async () => {
    await expect(inTransaction(pool, cut)).rejects.toThrow(/terminating connection/);
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    expect(pool.totalCount).toBeLessThanOrEqual(1);
  });

  it('fails work outside a transaction the same way', async () => {
    await expect(withClient(pool, cut)).rejects.toThrow(/terminating connection/);
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('returns a client whose work succeeded to the pool, without a listener left behind', async () => {
    for (let i = 0; i < 20; i += 1) await withClient(pool, (client) => client.query('SELECT 1'));
    await withClient(pool, (client) => {
      expect(client.listenerCount('error')).toBeLessThanOrEqual(2);
      return Promise.resolve();
    });
  });
});
