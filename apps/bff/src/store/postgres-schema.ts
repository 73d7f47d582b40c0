/**
 * The PostgreSQL schema as ordered migrations, applied under an advisory lock so that replicas
 * starting together migrate once: the first takes the lock and migrates, the others wait for it,
 * then find nothing left to do. Each migration runs in one transaction with its row in
 * `schema_migrations`. Never edit a migration that has shipped; add the next one.
 *
 * Migration 1 is SQLite's schema 3 (store/database.ts): the same tables, columns and append-only
 * rules; migration 2 is SQLite's schema 4 (the fleet index). Text compared or sorted (timestamps,
 * names, days) uses the "C" collation, byte order, as SQLite's default does.
 */
import type pg from 'pg';
import { withClient } from './postgres-client';

/** The advisory lock's key: a constant the BFF alone uses ("swrb" as ASCII). */
const MIGRATION_LOCK = 0x73777262;

export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Sessions are keyed by the SHA-256 of their id: a copy of the database opens no session.
CREATE TABLE sessions (
  sid_hash   TEXT PRIMARY KEY,
  user_key   TEXT COLLATE "C",
  data       TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_key);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE ended_sessions (
  sid_hash   TEXT PRIMARY KEY,
  expires_at BIGINT NOT NULL
);

CREATE TABLE login_transactions (
  id_hash    TEXT PRIMARY KEY,
  data       TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);

-- The audit trail is append-only: a record is written once; a mutation's record is written
-- as 'pending' before the call goes upstream and finalized once, after. Nothing is deleted.
CREATE TABLE audit_events (
  seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE,
  ts          TEXT COLLATE "C" NOT NULL,
  event       TEXT COLLATE "C" NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('pending', 'success', 'failure', 'denied')),
  actor       TEXT COLLATE "C",
  actor_key   TEXT COLLATE "C",
  namespace   TEXT COLLATE "C",
  http_status INTEGER,
  record      TEXT NOT NULL
);
CREATE INDEX audit_by_ts ON audit_events (ts);
CREATE INDEX audit_by_actor ON audit_events (actor, ts);
CREATE INDEX audit_by_actor_key ON audit_events (actor_key, ts);
CREATE INDEX audit_by_event ON audit_events (event, ts);
CREATE INDEX audit_by_namespace ON audit_events (namespace, ts);

CREATE TABLE audit_namespaces (
  namespace TEXT COLLATE "C" NOT NULL,
  audit_seq BIGINT NOT NULL REFERENCES audit_events (seq),
  PRIMARY KEY (namespace, audit_seq)
);

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit records are append-only';
END;
$$;

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_events_finalize_once BEFORE UPDATE ON audit_events
  FOR EACH ROW WHEN (
    OLD.outcome <> 'pending'
    OR NEW.id <> OLD.id OR NEW.ts <> OLD.ts OR NEW.event <> OLD.event
    OR NEW.actor IS DISTINCT FROM OLD.actor OR NEW.actor_key IS DISTINCT FROM OLD.actor_key
    OR NEW.namespace IS DISTINCT FROM OLD.namespace
  ) EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_namespaces_append_only BEFORE UPDATE OR DELETE ON audit_namespaces
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_namespaces_no_truncate BEFORE TRUNCATE ON audit_namespaces
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
`,
  // 2: the fleet index, SQLite's schema 4 (its rows are rewritten and deleted, no triggers).
  `
CREATE TABLE fleet_namespaces (
  region     TEXT COLLATE "C" NOT NULL,
  name       TEXT COLLATE "C" NOT NULL,
  data       TEXT NOT NULL,
  indexed_at BIGINT NOT NULL,
  PRIMARY KEY (region, name)
);

CREATE TABLE fleet_repositories (
  region     TEXT COLLATE "C" NOT NULL,
  namespace  TEXT COLLATE "C" NOT NULL,
  name       TEXT COLLATE "C" NOT NULL,
  data       TEXT NOT NULL,
  indexed_at BIGINT NOT NULL,
  PRIMARY KEY (region, namespace, name)
);
CREATE INDEX fleet_repositories_by_indexed ON fleet_repositories (region, indexed_at);

CREATE TABLE fleet_regions (
  region           TEXT COLLATE "C" PRIMARY KEY,
  status           TEXT NOT NULL CHECK (status IN ('ok', 'failing')),
  swept_at         BIGINT,
  sweep_started_at BIGINT,
  error            TEXT,
  calls            INTEGER NOT NULL
);

CREATE TABLE fleet_leases (
  name       TEXT COLLATE "C" PRIMARY KEY,
  holder     TEXT COLLATE "C" NOT NULL,
  expires_at BIGINT NOT NULL
);

CREATE TABLE fleet_daily (
  day          TEXT COLLATE "C" NOT NULL,
  region       TEXT COLLATE "C" NOT NULL,
  namespace    TEXT COLLATE "C" NOT NULL,
  repositories INTEGER NOT NULL,
  tags         INTEGER NOT NULL,
  size         BIGINT NOT NULL,
  PRIMARY KEY (day, region, namespace)
);
CREATE INDEX fleet_daily_by_region ON fleet_daily (region, day);
`,
  // 3: server-side jobs, SQLite's schema 5.
  `
CREATE TABLE jobs (
  id          TEXT COLLATE "C" PRIMARY KEY,
  kind        TEXT COLLATE "C" NOT NULL,
  region      TEXT COLLATE "C" NOT NULL,
  owner_key   TEXT COLLATE "C" NOT NULL,
  owner_name  TEXT NOT NULL,
  spec        TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('running', 'cancelling', 'cancelled', 'done')),
  total       INTEGER NOT NULL,
  created_at  BIGINT NOT NULL,
  finished_at BIGINT
);
CREATE INDEX jobs_by_owner ON jobs (owner_key, created_at);
CREATE INDEX jobs_by_status ON jobs (status, created_at);

CREATE TABLE job_items (
  job_id      TEXT COLLATE "C" NOT NULL REFERENCES jobs (id),
  seq         INTEGER NOT NULL,
  target      TEXT NOT NULL,
  status      TEXT NOT NULL
    CHECK (status IN ('pending', 'running', 'done', 'failed', 'cancelled')),
  holder      TEXT COLLATE "C",
  lease_until BIGINT,
  attempts    INTEGER NOT NULL,
  result      TEXT,
  updated_at  BIGINT NOT NULL,
  PRIMARY KEY (job_id, seq)
);
CREATE INDEX job_items_by_status ON job_items (job_id, status, seq);
`,
];

export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS.length;

async function appliedVersion(client: pg.PoolClient): Promise<number> {
  await client.query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version    INTEGER PRIMARY KEY,
       applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
     )`,
  );
  const { rows } = await client.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM schema_migrations',
  );
  return rows[0]?.version ?? 0;
}

async function apply(client: pg.PoolClient, version: number, migration: string): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(migration);
    await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** Brings the database to this BFF's schema; refuses one a newer BFF has migrated. */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
  await withClient(pool, async (client) => {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const version = await appliedVersion(client);
      if (version > POSTGRES_SCHEMA_VERSION) {
        throw new Error(
          `the BFF database has schema ${String(version)}; this BFF knows up to ${String(POSTGRES_SCHEMA_VERSION)}`,
        );
      }
      for (const [index, migration] of POSTGRES_MIGRATIONS.entries()) {
        if (index >= version) await apply(client, index + 1, migration);
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  });
}
