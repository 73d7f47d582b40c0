/**
 * A client taken out of the pool for several statements (a transaction, the migrations under
 * their lock). While a client is out of the pool, a connection the server cuts (a restart, a
 * failover) is reported as an `error` event on the client itself, and an `error` event nobody
 * listens to ends the process. So it is listened to here: the statement under way fails as well,
 * and that failure is what the caller sees. A client whose work failed is discarded rather than
 * returned to the pool, which opens a new connection when it next needs one.
 */
import type pg from 'pg';

const ignore = (): void => undefined;

export async function withClient<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  client.on('error', ignore);
  try {
    const result = await work(client);
    client.off('error', ignore);
    client.release();
    return result;
  } catch (error) {
    // Destroyed: later events of its dead connection still find the listener.
    client.release(error instanceof Error ? error : true);
    throw error;
  }
}

/** `work` inside BEGIN … COMMIT, rolled back when it fails. */
export function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  return withClient(pool, async (client) => {
    await client.query('BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}
