/**
 * The store on the embedded SQLite (store/database.ts opens it and applies its migrations).
 * better-sqlite3 is synchronous: each method does its work when called and answers a settled
 * promise. The statements every request runs are prepared once.
 */
import type { AuditFilter, AuditRecord } from '../audit/trail';
import {
  auditColumns,
  filterClause,
  joined,
  sqlitePlaceholder,
  type AuditColumns,
} from './audit-filter';
import { metaValue, type BffDatabase } from './database';
import { sqliteJobs } from './sqlite-jobs';
import {
  namespaceSet,
  type AuditRows,
  type BffStore,
  type EndBy,
  type FleetDailyRow,
  type FleetNamespaceRow,
  type FleetRegionRow,
  type FleetRepositoryRow,
  type FleetRows,
  type SessionRows,
  type TransactionRows,
} from './store';

/** Runs synchronous work now and answers its result, or its error, as a settled promise. */
function sync<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => {
    resolve(work());
  });
}

const parse = (row: { record: string }) => JSON.parse(row.record) as AuditRecord;

function where(filter: AuditFilter) {
  return filterClause(filter, sqlitePlaceholder);
}

function sqliteAuditWrites(db: BffDatabase): Pick<AuditRows, 'insert' | 'finalize'> {
  const insert = db.prepare<AuditColumns>(
    `INSERT INTO audit_events
       (id, ts, event, outcome, actor, actor_key, namespace, http_status, record)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const namespace = db.prepare<[string, number | bigint]>(
    'INSERT OR IGNORE INTO audit_namespaces (namespace, audit_seq) VALUES (?, ?)',
  );
  const finalize = db.prepare<[string, number | null, string, string]>(
    "UPDATE audit_events SET outcome = ?, http_status = ?, record = ? WHERE id = ? AND outcome = 'pending'",
  );
  const insertAll = db.transaction((record: AuditRecord, namespaces: readonly string[]) => {
    const { lastInsertRowid } = insert.run(...auditColumns(record));
    for (const name of namespaces) namespace.run(name, lastInsertRowid);
  });
  return {
    insert: (record, namespaces) =>
      sync(() => {
        insertAll(record, namespaces);
      }),
    finalize: (record) =>
      sync(() => {
        finalize.run(record.outcome, record.httpStatus, JSON.stringify(record), record.id);
      }),
  };
}

function sqliteAuditReads(
  db: BffDatabase,
): Omit<AuditRows, 'insert' | 'finalize' | 'manualSyncs' | 'lastSeq' | 'batch'> {
  return {
    unmarkedPending: (before) =>
      sync(() =>
        (
          db
            .prepare(
              `SELECT record FROM audit_events
               WHERE outcome = 'pending' AND json_extract(record, '$.reason') IS NULL
                 AND (? IS NULL OR ts < ?)`,
            )
            .all(before ?? null, before ?? null) as { record: string }[]
        ).map(parse),
      ),
    markInterrupted: (record) =>
      sync(() => {
        db.prepare("UPDATE audit_events SET record = ? WHERE id = ? AND outcome = 'pending'").run(
          JSON.stringify(record),
          record.id,
        );
      }),
    page: (filter, limit, offset) =>
      sync(() => {
        const { clause, args } = where(filter);
        const rows = db
          .prepare(
            `SELECT record FROM audit_events${joined(clause, 'WHERE')} ORDER BY seq DESC LIMIT ? OFFSET ?`,
          )
          .all(...args, limit, offset) as { record: string }[];
        return rows.map(parse);
      }),
    count: (filter) =>
      sync(() => {
        const { clause, args } = where(filter);
        const row = db
          .prepare(`SELECT count(*) AS n FROM audit_events${joined(clause, 'WHERE')}`)
          .get(...args) as { n: number };
        return row.n;
      }),
    actors: (limit) =>
      sync(
        () =>
          db
            .prepare(
              `SELECT actor_key AS key, actor AS name FROM audit_events
           WHERE seq IN (SELECT max(seq) FROM audit_events WHERE actor_key IS NOT NULL GROUP BY actor_key)
           ORDER BY actor, actor_key LIMIT ?`,
            )
            .all(limit) as { key: string; name: string }[],
      ),
  };
}

/** What finding a sync's starter and exporting the trail read. */
function sqliteAuditScans(db: BffDatabase): Pick<AuditRows, 'manualSyncs' | 'lastSeq' | 'batch'> {
  return {
    manualSyncs: (wanted, limit) =>
      sync(() =>
        (
          db
            .prepare(
              `SELECT e.record FROM audit_namespaces n JOIN audit_events e ON e.seq = n.audit_seq
             WHERE n.namespace = ? AND e.event = 'swr.createManualImageSyncRepo'
               AND e.outcome IN ('success', 'pending') AND e.ts >= ?
               AND json_extract(e.record, '$.bff.region') = ?
               AND json_extract(e.record, '$.request.params.namespace') = ?
               AND json_extract(e.record, '$.request.params.repository') = ?
             ORDER BY e.seq DESC LIMIT ?`,
            )
            .all(
              wanted.namespace,
              wanted.since,
              wanted.region,
              wanted.namespace,
              wanted.repository,
              limit,
            ) as {
            record: string;
          }[]
        ).map(parse),
      ),
    lastSeq: () =>
      sync(
        () =>
          (db.prepare('SELECT max(seq) AS seq FROM audit_events').get() as { seq: number | null })
            .seq,
      ),
    batch: (filter, range, size) =>
      sync(() => {
        const { clause, args } = where(filter);
        const rows = db
          .prepare(
            `SELECT seq, record FROM audit_events
           WHERE seq > ? AND seq <= ?${joined(clause, 'AND')} ORDER BY seq LIMIT ?`,
          )
          .all(range.after, range.last, ...args, size) as { seq: number; record: string }[];
        return rows.map((row) => ({ seq: row.seq, record: parse(row) }));
      }),
  };
}

function sqliteSessions(db: BffDatabase): SessionRows {
  const get = db.prepare<[string, number], { data: string }>(
    'SELECT data FROM sessions WHERE sid_hash = ? AND expires_at > ?',
  );
  const set = db.prepare<[string, string | null, string, number, string]>(
    `INSERT INTO sessions (sid_hash, user_key, data, expires_at)
     SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM ended_sessions WHERE sid_hash = ?)
     ON CONFLICT (sid_hash) DO UPDATE SET user_key = excluded.user_key, data = excluded.data,
       expires_at = excluded.expires_at`,
  );
  const tombstonesBy = (column: EndBy) =>
    db.prepare<[number, string]>(
      `INSERT OR IGNORE INTO ended_sessions (sid_hash, expires_at)
       SELECT sid_hash, ? FROM sessions WHERE ${column} = ?`,
    );
  const deleteBy = (column: EndBy) =>
    db.prepare<[string]>(`DELETE FROM sessions WHERE ${column} = ?`);
  const statements = {
    tombstonesBy: { sid_hash: tombstonesBy('sid_hash'), user_key: tombstonesBy('user_key') },
    tombstone: db.prepare<[string, number]>(
      'INSERT OR IGNORE INTO ended_sessions (sid_hash, expires_at) VALUES (?, ?)',
    ),
    deleteBy: { sid_hash: deleteBy('sid_hash'), user_key: deleteBy('user_key') },
    countActive: db.prepare<[number], { n: number }>(
      'SELECT count(*) AS n FROM sessions WHERE expires_at > ?',
    ),
    pruneTombstones: db.prepare<[number]>('DELETE FROM ended_sessions WHERE expires_at <= ?'),
    prune: db.prepare<[number]>('DELETE FROM sessions WHERE expires_at <= ?'),
  };
  const end = db.transaction((column: EndBy, value: string, until: number): number => {
    statements.tombstonesBy[column].run(until, value);
    if (column === 'sid_hash') statements.tombstone.run(value, until);
    return statements.deleteBy[column].run(value).changes;
  });
  return {
    get: (sidHash, now) => sync(() => get.get(sidHash, now)?.data),
    set: (sidHash, userKey, data, expiresAt) =>
      sync(() => {
        set.run(sidHash, userKey, data, expiresAt, sidHash);
      }),
    end: (column, value, until) => sync(() => end(column, value, until)),
    countActive: (now) => sync(() => statements.countActive.get(now)?.n ?? 0),
    prune: (now) =>
      sync(() => {
        statements.pruneTombstones.run(now);
        return statements.prune.run(now).changes;
      }),
    signedIn: (now) =>
      sync(
        () =>
          db
            .prepare(
              `SELECT user_key AS userKey, data FROM sessions
           WHERE user_key IS NOT NULL AND expires_at > ? ORDER BY user_key`,
            )
            .all(now) as { userKey: string; data: string }[],
      ),
  };
}

function sqliteTransactions(db: BffDatabase): TransactionRows {
  return {
    create: (idHash, data, expiresAt, now) =>
      sync(() => {
        db.prepare('DELETE FROM login_transactions WHERE expires_at <= ?').run(now);
        db.prepare(
          'INSERT INTO login_transactions (id_hash, data, expires_at) VALUES (?, ?, ?)',
        ).run(idHash, data, expiresAt);
      }),
    take: (idHash) =>
      sync(() => {
        const row = db
          .prepare('DELETE FROM login_transactions WHERE id_hash = ? RETURNING data, expires_at')
          .get(idHash) as { data: string; expires_at: number } | undefined;
        return row === undefined ? undefined : { data: row.data, expiresAt: row.expires_at };
      }),
    discard: (idHash) =>
      sync(() => {
        db.prepare('DELETE FROM login_transactions WHERE id_hash = ?').run(idHash);
      }),
  };
}

const FLEET_ENTRY = 'region, name, data, indexed_at AS indexedAt';

/** The fleet index's entries: organizations and repositories. */
function sqliteFleetEntries(
  db: BffDatabase,
): Pick<
  FleetRows,
  | 'putNamespaces'
  | 'namespaces'
  | 'putRepository'
  | 'removeRepository'
  | 'removeIndexedBefore'
  | 'repositories'
  | 'repositoryNames'
> {
  const clearNamespaces = db.prepare<[string]>('DELETE FROM fleet_namespaces WHERE region = ?');
  const putNamespace = db.prepare<[string, string, string, number]>(
    'INSERT INTO fleet_namespaces (region, name, data, indexed_at) VALUES (?, ?, ?, ?)',
  );
  const namespaces = db.prepare<[string], FleetNamespaceRow>(
    `SELECT ${FLEET_ENTRY} FROM fleet_namespaces WHERE region = ? ORDER BY name`,
  );
  const putRepository = db.prepare<[string, string, string, string, number]>(
    `INSERT INTO fleet_repositories (region, namespace, name, data, indexed_at)
     VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (region, namespace, name) DO UPDATE SET data = excluded.data,
       indexed_at = excluded.indexed_at`,
  );
  const removeRepository = db.prepare<[string, string, string]>(
    'DELETE FROM fleet_repositories WHERE region = ? AND namespace = ? AND name = ?',
  );
  const removeIndexedBefore = db.prepare<[string, number]>(
    'DELETE FROM fleet_repositories WHERE region = ? AND indexed_at < ?',
  );
  const repositories = db.prepare<[string], FleetRepositoryRow>(
    `SELECT ${FLEET_ENTRY}, namespace FROM fleet_repositories WHERE region = ?
     ORDER BY namespace, name`,
  );
  const repositoryNames = db.prepare<[string], { namespace: string; name: string }>(
    'SELECT namespace, name FROM fleet_repositories WHERE region = ? ORDER BY namespace, name',
  );
  const replaceNamespaces = db.transaction((region: string, rows: FleetNamespaceRow[]) => {
    clearNamespaces.run(region);
    for (const row of rows) putNamespace.run(region, row.name, row.data, row.indexedAt);
  });
  return {
    putNamespaces: (region, rows) =>
      sync(() => {
        replaceNamespaces(region, namespaceSet(region, rows));
      }),
    namespaces: (region) => sync(() => namespaces.all(region)),
    putRepository: (row) =>
      sync(() => {
        putRepository.run(row.region, row.namespace, row.name, row.data, row.indexedAt);
      }),
    removeRepository: (region, namespace, name) =>
      sync(() => {
        removeRepository.run(region, namespace, name);
      }),
    removeIndexedBefore: (region, before) =>
      sync(() => removeIndexedBefore.run(region, before).changes),
    repositories: (region) => sync(() => repositories.all(region)),
    repositoryNames: (region) => sync(() => repositoryNames.all(region)),
  };
}

interface RegionColumns {
  region: string;
  status: FleetRegionRow['status'];
  swept_at: number | null;
  sweep_started_at: number | null;
  error: string | null;
  calls: number;
}

/** The fleet index's bookkeeping: the regions' sweeps, the leases, the daily totals. */
function sqliteFleetState(
  db: BffDatabase,
): Omit<FleetRows, keyof ReturnType<typeof sqliteFleetEntries>> {
  const regionState = db.prepare<[string], RegionColumns>(
    `SELECT region, status, swept_at, sweep_started_at, error, calls FROM fleet_regions
     WHERE region = ?`,
  );
  const putRegionState = db.prepare<RegionColumns>(
    `INSERT INTO fleet_regions (region, status, swept_at, sweep_started_at, error, calls)
     VALUES (@region, @status, @swept_at, @sweep_started_at, @error, @calls)
     ON CONFLICT (region) DO UPDATE SET status = excluded.status, swept_at = excluded.swept_at,
       sweep_started_at = excluded.sweep_started_at, error = excluded.error,
       calls = excluded.calls`,
  );
  // One statement: taken when free, expired, or already the holder's; else nothing is returned.
  const lease = db.prepare<[string, string, number, number], { holder: string }>(
    `INSERT INTO fleet_leases (name, holder, expires_at) VALUES (?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE fleet_leases.holder = excluded.holder OR fleet_leases.expires_at <= ?
     RETURNING holder`,
  );
  const release = db.prepare<[string, string]>(
    'DELETE FROM fleet_leases WHERE name = ? AND holder = ?',
  );
  const putDaily = db.prepare<[string, string, string, number, number, number]>(
    `INSERT INTO fleet_daily (day, region, namespace, repositories, tags, size)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (day, region, namespace) DO UPDATE SET repositories = excluded.repositories,
       tags = excluded.tags, size = excluded.size`,
  );
  const daily = db.prepare<[string, string], FleetDailyRow>(
    `SELECT day, region, namespace, repositories, tags, size FROM fleet_daily
     WHERE region = ? AND day >= ? ORDER BY day, namespace`,
  );
  const putAllDaily = db.transaction((rows: readonly FleetDailyRow[]) => {
    for (const row of rows) {
      putDaily.run(row.day, row.region, row.namespace, row.repositories, row.tags, row.size);
    }
  });
  return {
    regionState: (region) =>
      sync(() => {
        const row = regionState.get(region);
        return row === undefined ? undefined : regionRow(row);
      }),
    putRegionState: (row) =>
      sync(() => {
        putRegionState.run(regionColumns(row));
      }),
    lease: (name, holder, now, until) =>
      sync(() => lease.get(name, holder, until, now)?.holder === holder),
    release: (name, holder) =>
      sync(() => {
        release.run(name, holder);
      }),
    putDaily: (rows) =>
      sync(() => {
        putAllDaily(rows);
      }),
    daily: (region, fromDay) => sync(() => daily.all(region, fromDay)),
  };
}

function regionRow(row: RegionColumns): FleetRegionRow {
  return {
    region: row.region,
    status: row.status,
    sweptAt: row.swept_at,
    sweepStartedAt: row.sweep_started_at,
    error: row.error,
    calls: row.calls,
  };
}

function regionColumns(row: FleetRegionRow): RegionColumns {
  return {
    region: row.region,
    status: row.status,
    swept_at: row.sweptAt,
    sweep_started_at: row.sweepStartedAt,
    error: row.error,
    calls: row.calls,
  };
}

/** The store on SQLite, with its database (for tests that look at the rows). */
export interface SqliteStore extends BffStore {
  readonly engine: 'sqlite';
  readonly db: BffDatabase;
}

/** The store on an open SQLite database; `close()` closes it. */
export function sqliteStore(db: BffDatabase): SqliteStore {
  return {
    engine: 'sqlite',
    db,
    audit: { ...sqliteAuditWrites(db), ...sqliteAuditReads(db), ...sqliteAuditScans(db) },
    sessions: sqliteSessions(db),
    transactions: sqliteTransactions(db),
    fleet: { ...sqliteFleetEntries(db), ...sqliteFleetState(db) },
    jobs: sqliteJobs(db),
    metaValue: (key, make) => sync(() => metaValue(db, key, make)),
    ping: () =>
      sync(() => {
        db.prepare('SELECT 1').get();
      }),
    close: () =>
      sync(() => {
        db.close();
      }),
  };
}
