/**
 * The PostgreSQL schema: migrated from empty to the same tables as SQLite's (the same columns and
 * primary keys, the fleet index's included), idempotently, once when two BFFs start on one
 * database together, refused when a newer BFF migrated it, and as append-only for the audit trail
 * as SQLite's triggers make it.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/database';
import { POSTGRES_SCHEMA_VERSION } from '../src/store/postgres-schema';
import { engineDatabases, rowsOf, type DatabasePlace } from './support/stores';

const databases = engineDatabases('postgres');

/** Each table's columns, `table.column`, sorted. */
async function postgresColumns(place: DatabasePlace): Promise<string[]> {
  const rows = await rowsOf(
    place,
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
  );
  return rows.map((row) => `${String(row.table_name)}.${String(row.column_name)}`).sort();
}

function sqliteColumns(): string[] {
  const db = openDatabase(':memory:');
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    return tables
      .flatMap(({ name }) =>
        (db.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[]).map(
          (column) => `${name}.${column.name}`,
        ),
      )
      .sort();
  } finally {
    db.close();
  }
}

/** Each table's primary key, `table(column, …)`, sorted. */
async function postgresKeys(place: DatabasePlace): Promise<string[]> {
  const rows = await rowsOf(
    place,
    `SELECT c.table_name, string_agg(k.column_name, ', ' ORDER BY k.ordinal_position) AS columns
     FROM information_schema.table_constraints c
     JOIN information_schema.key_column_usage k
       ON k.constraint_name = c.constraint_name AND k.table_schema = c.table_schema
     WHERE c.table_schema = 'public' AND c.constraint_type = 'PRIMARY KEY'
       AND c.table_name <> 'schema_migrations'
     GROUP BY c.table_name`,
  );
  return rows.map((row) => `${String(row.table_name)}(${String(row.columns)})`).sort();
}

function sqliteKeys(): string[] {
  const db = openDatabase(':memory:');
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    return tables
      .map(({ name }) => {
        const columns = (
          db.prepare(`PRAGMA table_info(${name})`).all() as {
            name: string;
            pk: number;
          }[]
        )
          .filter((column) => column.pk > 0)
          .sort((a, b) => a.pk - b.pk)
          .map((column) => column.name);
        return `${name}(${columns.join(', ')})`;
      })
      .sort();
  } finally {
    db.close();
  }
}

const FLEET_COLUMNS = [
  'fleet_daily.day',
  'fleet_daily.namespace',
  'fleet_daily.region',
  'fleet_daily.repositories',
  'fleet_daily.size',
  'fleet_daily.tags',
  'fleet_leases.expires_at',
  'fleet_leases.holder',
  'fleet_leases.name',
  'fleet_namespaces.data',
  'fleet_namespaces.indexed_at',
  'fleet_namespaces.name',
  'fleet_namespaces.region',
  'fleet_regions.calls',
  'fleet_regions.error',
  'fleet_regions.region',
  'fleet_regions.status',
  'fleet_regions.sweep_started_at',
  'fleet_regions.swept_at',
  'fleet_repositories.data',
  'fleet_repositories.indexed_at',
  'fleet_repositories.name',
  'fleet_repositories.namespace',
  'fleet_repositories.region',
];

describe('migrating PostgreSQL', () => {
  it('creates the tables and columns of the SQLite schema in an empty database, once', async () => {
    const place = await databases.fresh();
    await (await databases.open(place)).close();
    expect(await postgresColumns(place)).toEqual(sqliteColumns());
    expect(sqliteColumns().filter((column) => column.startsWith('fleet_'))).toEqual(FLEET_COLUMNS);
    expect(await postgresKeys(place)).toEqual(sqliteKeys());
    expect(sqliteKeys()).toEqual(
      expect.arrayContaining([
        'fleet_daily(day, region, namespace)',
        'fleet_leases(name)',
        'fleet_namespaces(region, name)',
        'fleet_regions(region)',
        'fleet_repositories(region, namespace, name)',
      ]),
    );
    const versions = await rowsOf(place, 'SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((row) => row.version)).toEqual(
      Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, index) => index + 1),
    );

    // Opening again migrates nothing and keeps what is there.
    const store = await databases.open(place);
    const secret = await store.metaValue('session-secret', () => 'kept');
    await store.close();
    const again = await databases.open(place);
    expect(await again.metaValue('session-secret', () => 'new')).toBe(secret);
    await again.close();
    expect(await rowsOf(place, 'SELECT version FROM schema_migrations')).toHaveLength(
      POSTGRES_SCHEMA_VERSION,
    );
  });

  it('migrates once when two BFFs start on one database at the same time', async () => {
    const place = await databases.fresh();
    const stores = await Promise.all([databases.open(place), databases.open(place)]);
    expect(stores.map((store) => store.engine)).toEqual(['postgres', 'postgres']);
    await Promise.all(stores.map((store) => store.close()));
    expect(await rowsOf(place, 'SELECT version FROM schema_migrations')).toHaveLength(
      POSTGRES_SCHEMA_VERSION,
    );
    expect(await postgresColumns(place)).toEqual(sqliteColumns());
  });

  it('refuses a database a newer BFF migrated, and leaves it alone', async () => {
    const place = await databases.fresh();
    await (await databases.open(place)).close();
    await rowsOf(place, 'INSERT INTO schema_migrations (version) VALUES (99)');
    await expect(databases.open(place)).rejects.toThrow(
      `the BFF database has schema 99; this BFF knows up to ${String(POSTGRES_SCHEMA_VERSION)}`,
    );
  });

  it('keeps the audit trail append-only: no rewrite of a finished record, no delete, no truncate', async () => {
    const place = await databases.fresh();
    const store = await databases.open(place);
    const record = {
      v: 1 as const,
      id: 'r1',
      ts: new Date().toISOString(),
      event: 'test.pending',
      outcome: 'pending' as const,
      actor: null,
      source: { ip: undefined, userAgent: undefined },
      request: { id: 'q1', method: 'POST', route: '/t', params: {}, query: {}, body: null },
      resource: { type: 'namespace', namespace: 'team-a', name: null, tag: null },
      upstream: null,
      httpStatus: null,
      reason: null,
      bff: { version: 't', instance: 't', region: null },
    };
    await store.audit.insert(record, ['team-a']);
    const refused = /audit records are append-only/;
    await expect(
      rowsOf(place, "UPDATE audit_events SET event = 'other' WHERE id = 'r1'"),
    ).rejects.toThrow(refused);
    await store.audit.finalize({ ...record, outcome: 'success', httpStatus: 201 });
    for (const statement of [
      "UPDATE audit_events SET outcome = 'failure' WHERE id = 'r1'",
      "UPDATE audit_events SET record = '{}' WHERE id = 'r1'",
      'DELETE FROM audit_events',
      'TRUNCATE audit_events CASCADE',
      "UPDATE audit_namespaces SET namespace = 'team-b'",
      'DELETE FROM audit_namespaces',
    ]) {
      await expect(rowsOf(place, statement)).rejects.toThrow(refused);
    }
    expect((await store.audit.page({}, 10, 0))[0]).toMatchObject({ id: 'r1', outcome: 'success' });
    await store.close();
  });
});

describe('opening PostgreSQL', () => {
  it('fails with an error that does not hold the password when the server cannot be reached', async () => {
    const url = new URL(databases.server().url);
    url.port = '1';
    const error: unknown = await databases
      .open({ database: ':unused:', databaseUrl: url.href })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).not.toContain(url.password);
    expect(JSON.stringify(error)).not.toContain(url.password);
  });

  it('answers pings until it is closed', async () => {
    const store = await databases.open(await databases.fresh());
    await store.ping();
    await store.close();
    await expect(store.ping()).rejects.toThrow();
  });
});
