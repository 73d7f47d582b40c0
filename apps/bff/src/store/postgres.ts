/**
 * The store on PostgreSQL (`DATABASE_URL`): a connection pool (node-postgres), the schema
 * migrated at open (store/postgres-schema.ts), and the same statements as SQLite's in
 * PostgreSQL's dialect. A database that goes away fails each call (the pool's idle connections
 * that it cut are dropped and logged); once it is back, new calls get new connections: no restart.
 */
import pg from 'pg';
import type { Logger } from 'pino';
import type { AuditFilter, AuditRecord } from '../audit/trail';
import { filterClause, joined, postgresPlaceholder } from './audit-filter';
import { migratePostgres } from './postgres-schema';
import type { AuditRows, BffStore, SessionRows, TransactionRows } from './store';
import { inTransaction } from './postgres-client';

/** How long a call waits for a connection or a statement before it fails. */
const TIMEOUT_MS = 5000;

const parse = (row: { record: string }) => JSON.parse(row.record) as AuditRecord;

/** `BIGINT` and `count(*)` arrive as strings (they may exceed 2^53; ours do not). */
const int = (value: string | number | null | undefined) =>
  value === null || value === undefined ? null : Number(value);

function where(filter: AuditFilter, first = 1) {
  return filterClause(filter, postgresPlaceholder, first);
}

async function records(pool: pg.Pool, text: string, values: unknown[]) {
  const { rows } = await pool.query<{ record: string }>(text, values);
  return rows.map(parse);
}

function postgresAuditWrites(pool: pg.Pool): Pick<AuditRows, 'insert' | 'finalize'> {
  return {
    insert: (record, namespaces) =>
      inTransaction(pool, async (client) => {
        const { rows } = await client.query<{ seq: string }>(
          `INSERT INTO audit_events
             (id, ts, event, outcome, actor, actor_key, namespace, http_status, record)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING seq`,
          [
            record.id,
            record.ts,
            record.event,
            record.outcome,
            record.actor?.name ?? null,
            record.actor?.key ?? null,
            record.resource?.namespace ?? null,
            record.httpStatus,
            JSON.stringify(record),
          ],
        );
        for (const namespace of namespaces) {
          await client.query(
            `INSERT INTO audit_namespaces (namespace, audit_seq) VALUES ($1, $2)
             ON CONFLICT DO NOTHING`,
            [namespace, rows[0]?.seq],
          );
        }
      }),
    finalize: async (record) => {
      await pool.query(
        `UPDATE audit_events SET outcome = $1, http_status = $2, record = $3
         WHERE id = $4 AND outcome = 'pending'`,
        [record.outcome, record.httpStatus, JSON.stringify(record), record.id],
      );
    },
  };
}

function postgresAuditReads(
  pool: pg.Pool,
): Omit<AuditRows, 'insert' | 'finalize' | 'manualSyncs' | 'lastSeq' | 'batch'> {
  return {
    unmarkedPending: (before) =>
      records(
        pool,
        `SELECT record FROM audit_events
         WHERE outcome = 'pending' AND (record::jsonb ->> 'reason') IS NULL
           AND ($1::text IS NULL OR ts < $1::text)`,
        [before ?? null],
      ),
    markInterrupted: async (record) => {
      await pool.query(
        "UPDATE audit_events SET record = $1 WHERE id = $2 AND outcome = 'pending'",
        [JSON.stringify(record), record.id],
      );
    },
    page: (filter, limit, offset) => {
      const { clause, args } = where(filter);
      const next = args.length + 1;
      return records(
        pool,
        `SELECT record FROM audit_events${joined(clause, 'WHERE')}
         ORDER BY seq DESC LIMIT $${String(next)} OFFSET $${String(next + 1)}`,
        [...args, limit, offset],
      );
    },
    count: async (filter) => {
      const { clause, args } = where(filter);
      const { rows } = await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM audit_events${joined(clause, 'WHERE')}`,
        args,
      );
      return int(rows[0]?.n) ?? 0;
    },
    actors: async (limit) => {
      const { rows } = await pool.query<{ key: string; name: string }>(
        `SELECT actor_key AS key, actor AS name FROM audit_events
         WHERE seq IN (SELECT max(seq) FROM audit_events WHERE actor_key IS NOT NULL GROUP BY actor_key)
         ORDER BY actor, actor_key LIMIT $1`,
        [limit],
      );
      return rows;
    },
  };
}

function postgresAuditScans(pool: pg.Pool): Pick<AuditRows, 'manualSyncs' | 'lastSeq' | 'batch'> {
  return {
    manualSyncs: (wanted, limit) =>
      records(
        pool,
        `SELECT e.record FROM audit_namespaces n JOIN audit_events e ON e.seq = n.audit_seq
         WHERE n.namespace = $1 AND e.event = 'swr.createManualImageSyncRepo'
           AND e.outcome IN ('success', 'pending') AND e.ts >= $2
           AND (e.record::jsonb #>> '{bff,region}') = $3
           AND (e.record::jsonb #>> '{request,params,namespace}') = $1
           AND (e.record::jsonb #>> '{request,params,repository}') = $4
         ORDER BY e.seq DESC LIMIT $5`,
        [wanted.namespace, wanted.since, wanted.region, wanted.repository, limit],
      ),
    lastSeq: async () => {
      const { rows } = await pool.query<{ seq: string | null }>(
        'SELECT max(seq) AS seq FROM audit_events',
      );
      return int(rows[0]?.seq);
    },
    batch: async (filter, range, size) => {
      const { clause, args } = where(filter, 3);
      const { rows } = await pool.query<{ seq: string; record: string }>(
        `SELECT seq, record FROM audit_events
         WHERE seq > $1 AND seq <= $2${joined(clause, 'AND')}
         ORDER BY seq LIMIT $${String(args.length + 3)}`,
        [range.after, range.last, ...args, size],
      );
      return rows.map((row) => ({ seq: Number(row.seq), record: parse(row) }));
    },
  };
}

function postgresSessionWrites(pool: pg.Pool): Pick<SessionRows, 'set' | 'end'> {
  return {
    set: async (sidHash, userKey, data, expiresAt) => {
      await pool.query(
        `INSERT INTO sessions (sid_hash, user_key, data, expires_at)
         SELECT $1::text, $2::text, $3::text, $4::bigint
         WHERE NOT EXISTS (SELECT 1 FROM ended_sessions WHERE sid_hash = $1::text)
         ON CONFLICT (sid_hash) DO UPDATE SET user_key = excluded.user_key, data = excluded.data,
           expires_at = excluded.expires_at`,
        [sidHash, userKey, data, expiresAt],
      );
    },
    end: (column, value, until) =>
      inTransaction(pool, async (client) => {
        await client.query(
          `INSERT INTO ended_sessions (sid_hash, expires_at)
           SELECT sid_hash, $1 FROM sessions WHERE ${column} = $2 ON CONFLICT DO NOTHING`,
          [until, value],
        );
        if (column === 'sid_hash') {
          await client.query(
            `INSERT INTO ended_sessions (sid_hash, expires_at) VALUES ($1, $2)
             ON CONFLICT DO NOTHING`,
            [value, until],
          );
        }
        const deleted = await client.query(`DELETE FROM sessions WHERE ${column} = $1`, [value]);
        return deleted.rowCount ?? 0;
      }),
  };
}

function postgresSessionReads(pool: pg.Pool): Omit<SessionRows, 'set' | 'end'> {
  return {
    get: async (sidHash, now) => {
      const { rows } = await pool.query<{ data: string }>(
        'SELECT data FROM sessions WHERE sid_hash = $1 AND expires_at > $2',
        [sidHash, now],
      );
      return rows[0]?.data;
    },
    countActive: async (now) => {
      const { rows } = await pool.query<{ n: string }>(
        'SELECT count(*) AS n FROM sessions WHERE expires_at > $1',
        [now],
      );
      return int(rows[0]?.n) ?? 0;
    },
    prune: async (now) => {
      await pool.query('DELETE FROM ended_sessions WHERE expires_at <= $1', [now]);
      const deleted = await pool.query('DELETE FROM sessions WHERE expires_at <= $1', [now]);
      return deleted.rowCount ?? 0;
    },
    signedIn: async (now) => {
      const { rows } = await pool.query<{ userKey: string; data: string }>(
        `SELECT user_key AS "userKey", data FROM sessions
         WHERE user_key IS NOT NULL AND expires_at > $1 ORDER BY user_key`,
        [now],
      );
      return rows;
    },
  };
}

function postgresTransactions(pool: pg.Pool): TransactionRows {
  return {
    create: async (idHash, data, expiresAt, now) => {
      await pool.query('DELETE FROM login_transactions WHERE expires_at <= $1', [now]);
      await pool.query(
        'INSERT INTO login_transactions (id_hash, data, expires_at) VALUES ($1, $2, $3)',
        [idHash, data, expiresAt],
      );
    },
    take: async (idHash) => {
      const { rows } = await pool.query<{ data: string; expires_at: string }>(
        'DELETE FROM login_transactions WHERE id_hash = $1 RETURNING data, expires_at',
        [idHash],
      );
      const row = rows[0];
      return row === undefined ? undefined : { data: row.data, expiresAt: Number(row.expires_at) };
    },
    discard: async (idHash) => {
      await pool.query('DELETE FROM login_transactions WHERE id_hash = $1', [idHash]);
    },
  };
}

async function metaValue(pool: pg.Pool, key: string, make: () => string): Promise<string> {
  const read = async () =>
    (await pool.query<{ value: string }>('SELECT value FROM meta WHERE key = $1', [key])).rows[0]
      ?.value;
  const existing = await read();
  if (existing !== undefined) return existing;
  await pool.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    key,
    make(),
  ]);
  const value = await read();
  if (value === undefined) throw new Error(`the BFF database lost its ${key}`);
  return value;
}

/** A pool on `url`, its schema migrated; throws (and closes it) when it cannot be reached. */
export async function openPostgres(url: string, logger: Logger): Promise<BffStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: TIMEOUT_MS,
    query_timeout: TIMEOUT_MS,
    idleTimeoutMillis: 30_000,
    application_name: 'swr-bff',
  });
  // An idle connection the server cut: the pool drops it; without a listener the process dies.
  pool.on('error', (error) => {
    logger.warn({ err: { message: error.message } }, 'a PostgreSQL connection was lost');
  });
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return {
    engine: 'postgres',
    audit: {
      ...postgresAuditWrites(pool),
      ...postgresAuditReads(pool),
      ...postgresAuditScans(pool),
    },
    sessions: { ...postgresSessionWrites(pool), ...postgresSessionReads(pool) },
    transactions: postgresTransactions(pool),
    metaValue: (key, make) => metaValue(pool, key, make),
    ping: async () => {
      await pool.query('SELECT 1');
    },
    close: () => pool.end(),
  };
}
