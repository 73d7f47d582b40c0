/**
 * The store on PostgreSQL (`DATABASE_URL`): a connection pool (node-postgres), the schema
 * migrated at open (store/postgres-schema.ts), and the same statements as SQLite's in
 * PostgreSQL's dialect. A database that goes away fails each call (the pool's idle connections
 * that it cut are dropped and logged); once it is back, new calls get new connections: no restart.
 */
import type pg from 'pg';
import type { Logger } from 'pino';
import type { AuditFilter, AuditRecord } from '../audit/trail';
import { auditColumns, filterClause, joined, postgresPlaceholder } from './audit-filter';
import { migratePostgres } from './postgres-schema';
import {
  namespaceSet,
  type AuditRows,
  type BffStore,
  type FleetDailyRow,
  type FleetNamespaceRow,
  type FleetRegionRow,
  type FleetRepositoryRow,
  type FleetRows,
  type SessionRows,
  type TransactionRows,
} from './store';
import { inTransaction } from './postgres-client';
import { postgresJobs } from './postgres-jobs';

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
          auditColumns(record),
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

/** An entry's row as it arrives: `indexed_at` is a `BIGINT`. */
interface EntryColumns {
  region: string;
  name: string;
  data: string;
  indexedAt: string;
}

const namespaceEntry = (row: EntryColumns): FleetNamespaceRow => ({
  region: row.region,
  name: row.name,
  data: row.data,
  indexedAt: Number(row.indexedAt),
});

const repositoryEntry = (row: EntryColumns & { namespace: string }): FleetRepositoryRow => ({
  ...namespaceEntry(row),
  namespace: row.namespace,
});

/** The fleet index's organizations. */
function postgresFleetNamespaces(pool: pg.Pool): Pick<FleetRows, 'putNamespaces' | 'namespaces'> {
  return {
    putNamespaces: async (region, given) => {
      const rows = namespaceSet(region, given);
      await inTransaction(pool, async (client) => {
        await client.query(
          'DELETE FROM fleet_namespaces WHERE region = $1 AND NOT (name = ANY ($2::text[]))',
          [region, rows.map((row) => row.name)],
        );
        await client.query(
          `INSERT INTO fleet_namespaces (region, name, data, indexed_at)
           SELECT $1::text, * FROM unnest($2::text[], $3::text[], $4::bigint[])
           ON CONFLICT (region, name) DO UPDATE SET data = excluded.data,
             indexed_at = excluded.indexed_at`,
          [
            region,
            rows.map((row) => row.name),
            rows.map((row) => row.data),
            rows.map((row) => row.indexedAt),
          ],
        );
      });
    },
    namespaces: async (region) => {
      const { rows } = await pool.query<EntryColumns>(
        `SELECT region, name, data, indexed_at AS "indexedAt" FROM fleet_namespaces
         WHERE region = $1 ORDER BY name`,
        [region],
      );
      return rows.map(namespaceEntry);
    },
  };
}

/** The fleet index's repositories. */
function postgresFleetRepositories(
  pool: pg.Pool,
): Pick<
  FleetRows,
  'putRepository' | 'removeRepository' | 'removeIndexedBefore' | 'repositories' | 'repositoryNames'
> {
  return {
    putRepository: async (row) => {
      await pool.query(
        `INSERT INTO fleet_repositories (region, namespace, name, data, indexed_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (region, namespace, name) DO UPDATE SET data = excluded.data,
           indexed_at = excluded.indexed_at`,
        [row.region, row.namespace, row.name, row.data, row.indexedAt],
      );
    },
    removeRepository: async (region, namespace, name) => {
      await pool.query(
        'DELETE FROM fleet_repositories WHERE region = $1 AND namespace = $2 AND name = $3',
        [region, namespace, name],
      );
    },
    removeIndexedBefore: async (region, before) => {
      const deleted = await pool.query(
        'DELETE FROM fleet_repositories WHERE region = $1 AND indexed_at < $2',
        [region, before],
      );
      return deleted.rowCount ?? 0;
    },
    repositories: async (region) => {
      const { rows } = await pool.query<EntryColumns & { namespace: string }>(
        `SELECT region, namespace, name, data, indexed_at AS "indexedAt" FROM fleet_repositories
         WHERE region = $1 ORDER BY namespace, name`,
        [region],
      );
      return rows.map(repositoryEntry);
    },
    repositoryNames: async (region) => {
      const { rows } = await pool.query<{ namespace: string; name: string }>(
        `SELECT namespace, name FROM fleet_repositories WHERE region = $1
         ORDER BY namespace, name`,
        [region],
      );
      return rows;
    },
  };
}

interface RegionColumns {
  region: string;
  status: FleetRegionRow['status'];
  swept_at: string | null;
  sweep_started_at: string | null;
  error: string | null;
  calls: number;
}

const regionRow = (row: RegionColumns): FleetRegionRow => ({
  region: row.region,
  status: row.status,
  sweptAt: int(row.swept_at),
  sweepStartedAt: int(row.sweep_started_at),
  error: row.error,
  calls: row.calls,
});

/** The last row of each key, in the order their keys came first: one statement writes each once. */
function lastOfEach<T>(rows: readonly T[], key: (row: T) => string): T[] {
  return [...new Map(rows.map((row) => [key(row), row])).values()];
}

/** The fleet index's bookkeeping: the regions' sweeps, the leases, the daily totals. */
function postgresFleetState(
  pool: pg.Pool,
): Omit<
  FleetRows,
  | keyof ReturnType<typeof postgresFleetNamespaces>
  | keyof ReturnType<typeof postgresFleetRepositories>
> {
  return {
    regionState: async (region) => {
      const { rows } = await pool.query<RegionColumns>(
        `SELECT region, status, swept_at, sweep_started_at, error, calls FROM fleet_regions
         WHERE region = $1`,
        [region],
      );
      return rows[0] === undefined ? undefined : regionRow(rows[0]);
    },
    putRegionState: async (row) => {
      await pool.query(
        `INSERT INTO fleet_regions (region, status, swept_at, sweep_started_at, error, calls)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (region) DO UPDATE SET status = excluded.status,
           swept_at = excluded.swept_at, sweep_started_at = excluded.sweep_started_at,
           error = excluded.error, calls = excluded.calls`,
        [row.region, row.status, row.sweptAt, row.sweepStartedAt, row.error, row.calls],
      );
    },
    // One statement: taken when free, expired, or already the holder's; else no row comes back.
    // Of two replicas asking at once, the second waits for the first's row, then sees it.
    lease: async (name, holder, now, until) => {
      const { rows } = await pool.query<{ holder: string }>(
        `INSERT INTO fleet_leases (name, holder, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
           WHERE fleet_leases.holder = excluded.holder OR fleet_leases.expires_at <= $4
         RETURNING holder`,
        [name, holder, until, now],
      );
      return rows[0]?.holder === holder;
    },
    release: async (name, holder) => {
      await pool.query('DELETE FROM fleet_leases WHERE name = $1 AND holder = $2', [name, holder]);
    },
    putDaily: async (given) => {
      const rows = lastOfEach(given, (row) => JSON.stringify([row.day, row.region, row.namespace]));
      if (rows.length === 0) return;
      await pool.query(
        `INSERT INTO fleet_daily (day, region, namespace, repositories, tags, size)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[],
           $6::bigint[])
         ON CONFLICT (day, region, namespace) DO UPDATE SET repositories = excluded.repositories,
           tags = excluded.tags, size = excluded.size`,
        [
          rows.map((row) => row.day),
          rows.map((row) => row.region),
          rows.map((row) => row.namespace),
          rows.map((row) => row.repositories),
          rows.map((row) => row.tags),
          rows.map((row) => row.size),
        ],
      );
    },
    daily: async (region, fromDay) => {
      const { rows } = await pool.query<Omit<FleetDailyRow, 'size'> & { size: string }>(
        `SELECT day, region, namespace, repositories, tags, size FROM fleet_daily
         WHERE region = $1 AND day >= $2 ORDER BY day, namespace`,
        [region, fromDay],
      );
      return rows.map((row) => ({ ...row, size: Number(row.size) }));
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

/**
 * A pool on `url`, its schema migrated; throws (and closes it) when it cannot be reached. The
 * client library is loaded here, not at start: a BFF on SQLite never loads it (about 15 MB).
 */
export async function openPostgres(url: string, logger: Logger): Promise<BffStore> {
  const { default: postgres } = await import('pg');
  const pool = new postgres.Pool({
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
    fleet: {
      ...postgresFleetNamespaces(pool),
      ...postgresFleetRepositories(pool),
      ...postgresFleetState(pool),
    },
    jobs: postgresJobs(pool),
    metaValue: (key, make) => metaValue(pool, key, make),
    ping: async () => {
      await pool.query('SELECT 1');
    },
    close: () => pool.end(),
  };
}
