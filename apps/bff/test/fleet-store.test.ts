/**
 * The fleet index's storage (issue 15), the same on SQLite and on PostgreSQL: repositories
 * written, replaced and removed; a region's organizations replaced as a set; the sweeps' state;
 * daily totals; byte order for names; the lease that lets one replica sweep at a time, also when
 * replicas ask for it at once; and a database of the schema before the index keeping its data.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../src/store/database';
import { POSTGRES_MIGRATIONS } from '../src/store/postgres-schema';
import type {
  FleetDailyRow,
  FleetNamespaceRow,
  FleetRegionRow,
  FleetRepositoryRow,
  StoreEngine,
} from '../src/store/store';
import { ENGINES, engineDatabases, rowsOf, type DatabasePlace } from './support/stores';

/** A time in ms large enough to need PostgreSQL's BIGINT. */
const T = 1_790_000_000_000;

function repo(
  region: string,
  namespace: string,
  name: string,
  indexedAt = T,
  data = `{"name":"${name}","note":"ü"}`,
): FleetRepositoryRow {
  return { region, namespace, name, data, indexedAt };
}

function ns(region: string, name: string, indexedAt = T, data = `{"name":"${name}"}`) {
  return { region, name, data, indexedAt } satisfies FleetNamespaceRow;
}

function day(
  date: string,
  region: string,
  namespace: string,
  [repositories, tags, size]: [number, number, number],
): FleetDailyRow {
  return { day: date, region, namespace, repositories, tags, size };
}

const keys = (rows: readonly FleetRepositoryRow[]) =>
  rows.map((row) => `${row.namespace} ${row.name}`);

/** The schema versions before the fleet index: SQLite's `user_version`, PostgreSQL's migrations. */
const BEFORE_FLEET: Record<StoreEngine, number> = { sqlite: 3, postgres: 1 };

/** A database as the BFF before the fleet index left it. */
async function migratedBeforeFleet(engine: StoreEngine, place: DatabasePlace): Promise<void> {
  const version = BEFORE_FLEET[engine];
  if (engine === 'sqlite') {
    const db = new Database(place.database);
    for (const migration of MIGRATIONS.slice(0, version)) db.exec(migration);
    db.pragma(`user_version = ${String(version)}`);
    db.close();
    return;
  }
  await rowsOf(
    place,
    `CREATE TABLE schema_migrations (
       version    INTEGER PRIMARY KEY,
       applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
     )`,
  );
  for (const [index, migration] of POSTGRES_MIGRATIONS.slice(0, version).entries()) {
    await rowsOf(place, migration);
    await rowsOf(place, `INSERT INTO schema_migrations (version) VALUES (${String(index + 1)})`);
  }
}

describe.each(ENGINES)('the fleet index (%s)', (engine) => {
  const databases = engineDatabases(engine);

  /**
   * A new database whose own text order is not byte order, on PostgreSQL (ICU's en-US: `a`
   * before `B`): the index's order must come from its columns' collation, not the database's.
   */
  async function collatedPlace(): Promise<DatabasePlace> {
    if (engine === 'sqlite') return databases.fresh();
    const name = `fleet_icu_${String(process.pid)}`;
    const server = { database: ':unused:', databaseUrl: databases.server().url };
    await rowsOf(
      server,
      `CREATE DATABASE ${name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'`,
    );
    const url = new URL(databases.server().url);
    url.pathname = `/${name}`;
    const place = { database: ':unused:', databaseUrl: url.href };
    expect(await rowsOf(place, "SELECT 'B' < 'a' AS bytewise")).toEqual([{ bytewise: false }]);
    return place;
  }

  it('writes, replaces and removes repositories; removes those a sweep did not see', async () => {
    const store = await databases.open(await databases.fresh());
    const { fleet } = store;
    await fleet.putRepository(repo('r1', 'team-a', 'web', T));
    await fleet.putRepository(repo('r1', 'team-a', 'app', T));
    await fleet.putRepository(repo('r1', 'team-b', 'app', T));
    await fleet.putRepository(repo('r2', 'team-a', 'app', T));
    await fleet.putRepository(repo('r1', 'team-a', 'app', T + 500, '{"v":2}'));
    expect(await fleet.repositories('r1')).toEqual([
      repo('r1', 'team-a', 'app', T + 500, '{"v":2}'),
      repo('r1', 'team-a', 'web', T),
      repo('r1', 'team-b', 'app', T),
    ]);

    await fleet.removeRepository('r1', 'team-a', 'web');
    await fleet.removeRepository('r1', 'team-a', 'never-was');
    await fleet.removeRepository('r1', 'team-c', 'app');
    expect(keys(await fleet.repositories('r1'))).toEqual(['team-a app', 'team-b app']);

    // A sweep that started at T + 100 saw team-a/app (written at T + 500), not team-b/app.
    expect(await fleet.removeIndexedBefore('r1', T + 100)).toBe(1);
    expect(await fleet.repositories('r1')).toEqual([
      repo('r1', 'team-a', 'app', T + 500, '{"v":2}'),
    ]);
    // Strictly before: an entry written at the sweep's start stays.
    expect(await fleet.removeIndexedBefore('r1', T + 500)).toBe(0);
    expect(keys(await fleet.repositories('r1'))).toEqual(['team-a app']);
    // Other regions are left alone.
    expect(await fleet.repositories('r2')).toEqual([repo('r2', 'team-a', 'app', T)]);
    expect(await fleet.repositories('r3')).toEqual([]);
    await store.close();
  });

  it("replaces a region's organizations as a set", async () => {
    const store = await databases.open(await databases.fresh());
    const { fleet } = store;
    await fleet.putNamespaces('r1', [ns('r1', 'team-c'), ns('r1', 'team-a'), ns('r1', 'team-b')]);
    await fleet.putNamespaces('r2', [ns('r2', 'team-a')]);
    expect(await fleet.namespaces('r1')).toEqual([
      ns('r1', 'team-a'),
      ns('r1', 'team-b'),
      ns('r1', 'team-c'),
    ]);

    // team-a and team-c are gone, team-b is rewritten, team-d is new (the last of its two rows).
    const next = [
      ns('r1', 'team-d', T + 1, '{"first":true}'),
      ns('r1', 'team-b', T + 1, '{"v":2}'),
      ns('r1', 'team-d', T + 1, '{"last":true}'),
    ];
    await fleet.putNamespaces('r1', next);
    const replaced = [
      ns('r1', 'team-b', T + 1, '{"v":2}'),
      ns('r1', 'team-d', T + 1, '{"last":true}'),
    ];
    expect(await fleet.namespaces('r1')).toEqual(replaced);

    // A row of another region is refused, and nothing of the set is written.
    await expect(
      fleet.putNamespaces('r1', [ns('r1', 'team-e'), ns('r2', 'team-f')]),
    ).rejects.toThrow('an organization of region r2 among those of r1');
    expect(await fleet.namespaces('r1')).toEqual(replaced);

    await fleet.putNamespaces('r1', []);
    expect(await fleet.namespaces('r1')).toEqual([]);
    expect(await fleet.namespaces('r2')).toEqual([ns('r2', 'team-a')]);
    await store.close();
  });

  it("keeps each region's sweep state, nulls included, across a restart", async () => {
    const place = await databases.fresh();
    const store = await databases.open(place);
    const { fleet } = store;
    expect(await fleet.regionState('r1')).toBeUndefined();

    const never: FleetRegionRow = {
      region: 'r1',
      status: 'failing',
      sweptAt: null,
      sweepStartedAt: null,
      error: null,
      calls: 0,
    };
    await fleet.putRegionState(never);
    expect(await fleet.regionState('r1')).toEqual(never);

    const ok: FleetRegionRow = {
      region: 'r1',
      status: 'ok',
      sweptAt: T,
      sweepStartedAt: T,
      error: null,
      calls: 1234,
    };
    await fleet.putRegionState(ok);
    expect(await fleet.regionState('r1')).toEqual(ok);

    const failing: FleetRegionRow = {
      ...ok,
      status: 'failing',
      sweepStartedAt: T + 60_000,
      error: 'SWR did not answer in time',
      calls: 7,
    };
    await fleet.putRegionState(failing);
    await fleet.putRegionState({ ...ok, region: 'r2' });
    expect(await fleet.regionState('r1')).toEqual(failing);
    await expect(
      fleet.putRegionState({ ...ok, status: 'unknown' as FleetRegionRow['status'] }),
    ).rejects.toThrow();
    await store.close();

    const again = await databases.open(place);
    expect(await again.fleet.regionState('r1')).toEqual(failing);
    expect(await again.fleet.regionState('r2')).toEqual({ ...ok, region: 'r2' });
    await again.close();
  });

  it('writes daily totals, replacing those of the same key, and reads them from a day on', async () => {
    const store = await databases.open(await databases.fresh());
    const { fleet } = store;
    const bytes = 5 * 2 ** 40;
    await fleet.putDaily([
      day('2026-03-02', 'r1', 'team-b', [3, 10, bytes]),
      day('2026-03-01', 'r1', 'team-a', [1, 1, 100]),
      day('2026-03-02', 'r1', 'team-a', [2, 5, 200]),
      day('2026-03-03', 'r2', 'team-a', [9, 9, 9]),
      day('2026-02-28', 'r1', 'team-a', [1, 1, 50]),
    ]);
    await fleet.putDaily([day('2026-03-02', 'r1', 'team-a', [4, 6, 300])]);
    await fleet.putDaily([]);
    expect(await fleet.daily('r1', '2026-03-01')).toEqual([
      day('2026-03-01', 'r1', 'team-a', [1, 1, 100]),
      day('2026-03-02', 'r1', 'team-a', [4, 6, 300]),
      day('2026-03-02', 'r1', 'team-b', [3, 10, bytes]),
    ]);
    expect(await fleet.daily('r1', '2026-03-03')).toEqual([]);
    expect(await fleet.daily('r2', '2000-01-01')).toEqual([
      day('2026-03-03', 'r2', 'team-a', [9, 9, 9]),
    ]);

    // Two rows with one key in one call: the last is kept.
    await fleet.putDaily([
      day('2026-03-04', 'r1', 'team-a', [1, 1, 1]),
      day('2026-03-04', 'r1', 'team-a', [2, 2, 2]),
    ]);
    expect(await fleet.daily('r1', '2026-03-04')).toEqual([
      day('2026-03-04', 'r1', 'team-a', [2, 2, 2]),
    ]);
    await store.close();
  });

  it('orders organizations and repositories by name in byte order', async () => {
    const store = await databases.open(await collatedPlace());
    const { fleet } = store;
    // Byte order: '-' < '.' < '/' < digits < upper case < '_' < lower case < non-ASCII.
    const namespaces = ['Team', 'team', 'team-a', 'team_a', 'tëam'];
    const names = ['App', 'app', 'app-1', 'app.1', 'app/1', 'app1', 'app_1', 'zz', 'äpp'];
    const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
    expect([...namespaces].sort(byBytes)).toEqual(namespaces);
    expect([...names].sort(byBytes)).toEqual(names);

    await fleet.putNamespaces(
      'r1',
      [...namespaces].reverse().map((name) => ns('r1', name)),
    );
    expect((await fleet.namespaces('r1')).map((row) => row.name)).toEqual(namespaces);

    for (const name of [...names].reverse()) await fleet.putRepository(repo('r1', 'team', name));
    for (const namespace of [...namespaces].reverse()) {
      await fleet.putRepository(repo('r1', namespace, 'b'));
    }
    // By namespace, then name: all of `team` before `team-a` (not `team-a b` < `team/zz`).
    expect(keys(await fleet.repositories('r1'))).toEqual([
      'Team b',
      'team App',
      'team app',
      'team app-1',
      'team app.1',
      'team app/1',
      'team app1',
      'team app_1',
      'team b',
      'team zz',
      'team äpp',
      'team-a b',
      'team_a b',
      'tëam b',
    ]);
    // The names alone (for search) come in the same order.
    const named = await fleet.repositoryNames('r1');
    expect(named.map((row) => `${row.namespace} ${row.name}`)).toEqual(
      keys(await fleet.repositories('r1')),
    );
    expect(Object.keys(named[0] ?? {}).sort()).toEqual(['name', 'namespace']);
    await store.close();
  });

  it('leases to one holder at a time: renewed by it, taken once expired, released by it', async () => {
    const store = await databases.open(await databases.fresh());
    const { fleet } = store;
    expect(await fleet.lease('sweep', 'a', 1000, 2000)).toBe(true);
    expect(await fleet.lease('sweep', 'b', 1500, 2500)).toBe(false);
    // Renewed by its holder: still a's after its first term.
    expect(await fleet.lease('sweep', 'a', 1500, 3000)).toBe(true);
    expect(await fleet.lease('sweep', 'b', 2500, 3500)).toBe(false);
    expect(await fleet.lease('sweep', 'b', 2999, 3999)).toBe(false);
    // Another lease is another name.
    expect(await fleet.lease('other', 'b', 2999, 3999)).toBe(true);
    // Expired at its end: taken over, and no longer a's.
    expect(await fleet.lease('sweep', 'b', 3000, 4000)).toBe(true);
    expect(await fleet.lease('sweep', 'a', 3100, 4100)).toBe(false);

    // Only its holder gives a lease up.
    await fleet.release('sweep', 'a');
    expect(await fleet.lease('sweep', 'a', 3200, 4200)).toBe(false);
    await fleet.release('sweep', 'b');
    expect(await fleet.lease('sweep', 'a', 3300, 4300)).toBe(true);
    expect(await fleet.lease('other', 'a', 3300, 4300)).toBe(false);
    await store.close();
  });

  it('gives a lease to exactly one of many holders asking at once from two stores', async () => {
    const place = await databases.fresh();
    const stores = [await databases.open(place), await databases.open(place)] as const;
    const holders = Array.from({ length: 8 }, (_, index) => ({
      holder: `replica-${String(index)}`,
      fleet: stores[index % 2 === 0 ? 0 : 1].fleet,
    }));
    const holderOf = new Map<string, string>();
    for (let round = 0; round < 60; round += 1) {
      // Even rounds take over the expired `sweep`; odd ones race to create a new lease.
      const name = round % 2 === 0 ? 'sweep' : `fresh-${String(round)}`;
      const now = round * 10_000;
      const won = await Promise.all(
        holders.map(({ holder, fleet }) => fleet.lease(name, holder, now, now + 5_000)),
      );
      const winners = holders.filter((_, index) => won[index]).map(({ holder }) => holder);
      expect(winners, `round ${String(round)}`).toHaveLength(1);
      holderOf.set(name, winners[0] ?? '');
    }
    const rows = await rowsOf(place, 'SELECT name, holder FROM fleet_leases');
    expect(new Map(rows.map((row) => [String(row.name), String(row.holder)]))).toEqual(holderOf);
    await Promise.all(stores.map((store) => store.close()));
  });

  it('migrates a database of the schema before the fleet index, keeping its data', async () => {
    const place = await databases.fresh();
    await migratedBeforeFleet(engine, place);
    const record = { id: 'r1', ts: '2026-01-01T00:00:00.000Z', event: 'swr.deleteRepo' };
    for (const statement of [
      "INSERT INTO meta (key, value) VALUES ('session-secret', 'kept')",
      `INSERT INTO sessions (sid_hash, user_key, data, expires_at)
       VALUES ('hash-1', 'user-1', '{"a":1}', 4102444800000)`,
      `INSERT INTO audit_events
         (id, ts, event, outcome, actor, actor_key, namespace, http_status, record)
       VALUES ('r1', '${record.ts}', '${record.event}', 'success', 'Ada', 'oidc|ada', 'payments',
               204, '${JSON.stringify(record)}')`,
      "INSERT INTO audit_namespaces (namespace, audit_seq) VALUES ('payments', 1)",
    ]) {
      await rowsOf(place, statement);
    }

    const store = await databases.open(place);
    expect(await store.metaValue('session-secret', () => 'new')).toBe('kept');
    expect(await store.sessions.get('hash-1', Date.now())).toBe('{"a":1}');
    expect(await store.audit.page({ namespace: 'payments' }, 10, 0)).toEqual([record]);
    await store.fleet.putRepository(repo('r1', 'payments', 'app'));
    expect(await store.fleet.repositories('r1')).toEqual([repo('r1', 'payments', 'app')]);
    await store.close();
  });
});
