/**
 * The BFF's embedded SQLite (better-sqlite3, WAL): sessions, login transactions, the audit trail,
 * the fleet index and a little metadata. One file, one writer; store/sqlite.ts puts the store's
 * interface on it, and `DATABASE_URL` puts the same tables in PostgreSQL instead
 * (store/postgres.ts).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * The schema as ordered migrations: a database at `user_version` N gets migrations N+1 onwards,
 * each in one transaction. Never edit a migration that has shipped; add the next one.
 */
export const MIGRATIONS: readonly string[] = [
  `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Sessions are keyed by the SHA-256 of their id: a copy of this file opens no session.
CREATE TABLE sessions (
  sid_hash   TEXT PRIMARY KEY,
  user_key   TEXT,
  data       TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_key);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

CREATE TABLE login_transactions (
  id_hash    TEXT PRIMARY KEY,
  data       TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);

-- The audit trail is append-only: a record is written once; a mutation's record is written
-- as 'pending' before the call goes upstream and finalized once, after. Nothing is deleted.
CREATE TABLE audit_events (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  id          TEXT NOT NULL UNIQUE,
  ts          TEXT NOT NULL,
  event       TEXT NOT NULL,
  outcome     TEXT NOT NULL CHECK (outcome IN ('pending', 'success', 'failure', 'denied')),
  actor       TEXT,
  namespace   TEXT,
  http_status INTEGER,
  record      TEXT NOT NULL
);
CREATE INDEX audit_by_ts ON audit_events (ts);
CREATE INDEX audit_by_actor ON audit_events (actor, ts);
CREATE INDEX audit_by_event ON audit_events (event, ts);
CREATE INDEX audit_by_namespace ON audit_events (namespace, ts);

CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
  SELECT RAISE(ABORT, 'audit records are append-only');
END;

CREATE TRIGGER audit_events_finalize_once BEFORE UPDATE ON audit_events
WHEN OLD.outcome <> 'pending'
  OR NEW.id <> OLD.id OR NEW.ts <> OLD.ts OR NEW.event <> OLD.event
  OR NEW.actor IS NOT OLD.actor OR NEW.namespace IS NOT OLD.namespace
BEGIN
  SELECT RAISE(ABORT, 'audit records are append-only');
END;
`,
  // 2: sessions that were ended (logout, expiry, an admin): a request still in flight when its
  // session ended must not write it back. (Some version-1 files made during development already
  // have it, hence IF NOT EXISTS.)
  `
CREATE TABLE IF NOT EXISTS ended_sessions (
  sid_hash   TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);
`,
  // 3: records are found by the stable identity key (`iss|sub`), not the display name, and by
  // every organization they name (the path's, a sync's target, a new organization), not only
  // the one of their resource. The append-only trigger is made again to guard the new column.
  `
DROP TRIGGER audit_events_finalize_once;
ALTER TABLE audit_events ADD COLUMN actor_key TEXT;
UPDATE audit_events SET actor_key = json_extract(record, '$.actor.key');
CREATE INDEX audit_by_actor_key ON audit_events (actor_key, ts);

CREATE TRIGGER audit_events_finalize_once BEFORE UPDATE ON audit_events
WHEN OLD.outcome <> 'pending'
  OR NEW.id <> OLD.id OR NEW.ts <> OLD.ts OR NEW.event <> OLD.event
  OR NEW.actor IS NOT OLD.actor OR NEW.actor_key IS NOT OLD.actor_key
  OR NEW.namespace IS NOT OLD.namespace
BEGIN
  SELECT RAISE(ABORT, 'audit records are append-only');
END;

CREATE TABLE audit_namespaces (
  namespace TEXT NOT NULL,
  audit_seq INTEGER NOT NULL REFERENCES audit_events (seq),
  PRIMARY KEY (namespace, audit_seq)
) WITHOUT ROWID;
INSERT INTO audit_namespaces (namespace, audit_seq)
  SELECT namespace, seq FROM audit_events WHERE namespace IS NOT NULL;

CREATE TRIGGER audit_namespaces_append_only_update BEFORE UPDATE ON audit_namespaces
BEGIN
  SELECT RAISE(ABORT, 'audit records are append-only');
END;
CREATE TRIGGER audit_namespaces_append_only_delete BEFORE DELETE ON audit_namespaces
BEGIN
  SELECT RAISE(ABORT, 'audit records are append-only');
END;
`,
  // 4: the fleet index (issue 15): each region's organizations and repositories as the last
  // sweep saw them (the contract's JSON in `data`), the state of the region's sweeps, the lease
  // that lets one BFF sweep at a time, and daily totals per organization. Unlike the audit
  // trail, these rows are rewritten and deleted as the fleet changes. Times in ms.
  `
CREATE TABLE fleet_namespaces (
  region     TEXT NOT NULL,
  name       TEXT NOT NULL,
  data       TEXT NOT NULL,
  indexed_at INTEGER NOT NULL,
  PRIMARY KEY (region, name)
) WITHOUT ROWID;

CREATE TABLE fleet_repositories (
  region     TEXT NOT NULL,
  namespace  TEXT NOT NULL,
  name       TEXT NOT NULL,
  data       TEXT NOT NULL,
  indexed_at INTEGER NOT NULL,
  PRIMARY KEY (region, namespace, name)
) WITHOUT ROWID;
CREATE INDEX fleet_repositories_by_indexed ON fleet_repositories (region, indexed_at);

CREATE TABLE fleet_regions (
  region           TEXT PRIMARY KEY,
  status           TEXT NOT NULL CHECK (status IN ('ok', 'failing')),
  swept_at         INTEGER,
  sweep_started_at INTEGER,
  error            TEXT,
  calls            INTEGER NOT NULL
);

CREATE TABLE fleet_leases (
  name       TEXT PRIMARY KEY,
  holder     TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);

CREATE TABLE fleet_daily (
  day          TEXT NOT NULL,
  region       TEXT NOT NULL,
  namespace    TEXT NOT NULL,
  repositories INTEGER NOT NULL,
  tags         INTEGER NOT NULL,
  size         INTEGER NOT NULL,
  PRIMARY KEY (day, region, namespace)
) WITHOUT ROWID;
CREATE INDEX fleet_daily_by_region ON fleet_daily (region, day);
`,
  // 5: server-side jobs (issue 16): a job, and its items, each settled once. An item is held by
  // one BFF at a time under a lease (`holder`, `lease_until`); `attempts` counts the holds.
  `
CREATE TABLE jobs (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL,
  region      TEXT NOT NULL,
  owner_key   TEXT NOT NULL,
  owner_name  TEXT NOT NULL,
  spec        TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('running', 'cancelling', 'cancelled', 'done')),
  total       INTEGER NOT NULL,
  created_at  INTEGER NOT NULL,
  finished_at INTEGER
);
CREATE INDEX jobs_by_owner ON jobs (owner_key, created_at);
CREATE INDEX jobs_by_status ON jobs (status, created_at);

CREATE TABLE job_items (
  job_id      TEXT NOT NULL REFERENCES jobs (id),
  seq         INTEGER NOT NULL,
  target      TEXT NOT NULL,
  status      TEXT NOT NULL
    CHECK (status IN ('pending', 'running', 'done', 'failed', 'cancelled')),
  holder      TEXT,
  lease_until INTEGER,
  attempts    INTEGER NOT NULL,
  result      TEXT,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (job_id, seq)
) WITHOUT ROWID;
CREATE INDEX job_items_by_status ON job_items (job_id, status, seq);
`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export type BffDatabase = Database.Database;

export function openDatabase(path: string): BffDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // `INSERT OR REPLACE` deletes the row it replaces: with recursive triggers that delete fires
  // the append-only triggers too, so no statement can overwrite an audit record.
  db.pragma('recursive_triggers = ON');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new Error(
      `the BFF database has schema ${String(version)}; this BFF knows up to ${String(SCHEMA_VERSION)}`,
    );
  }
  for (const [index, migration] of MIGRATIONS.entries()) {
    if (index < version) continue;
    db.transaction(() => {
      db.exec(migration);
      db.pragma(`user_version = ${String(index + 1)}`);
    })();
  }
  return db;
}

/** A value kept across restarts, made once (e.g. the generated session secret outside production). */
export function metaValue(db: BffDatabase, key: string, make: () => string): string {
  const existing = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
    { value: string } | undefined;
  if (existing !== undefined) return existing.value;
  const value = make();
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run(key, value);
  return (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string }).value;
}
