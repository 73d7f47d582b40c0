/**
 * A store written by an older emulator is brought up to the current schema when it opens, its
 * data kept: schema 1 (before the registry front doors) gains their tables.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { REGISTRY_TABLES, SCHEMA, SCHEMA_VERSION } from '../src/store/schema';
import { Store } from '../src/store/store';

const directory = mkdtempSync(join(tmpdir(), 'swr-emulator-migration-'));

afterAll(() => {
  rmSync(directory, { recursive: true, force: true });
});

it('brings a schema-1 store to the current schema, keeping its data', () => {
  const file = join(directory, 'old.sqlite');
  const old = new Database(file);
  old.exec(SCHEMA.replace(REGISTRY_TABLES, ''));
  old.pragma('user_version = 1');
  old
    .prepare(
      `INSERT INTO namespaces (region, name, domain_id, creator_id, creator_name, created_at)
       VALUES ('cn-north-4', 'kept', 'd', 'c', 'n', '2026-01-01T00:00:00Z')`,
    )
    .run();
  expect(old.prepare("SELECT name FROM sqlite_master WHERE name = 'registry_work'").get()).toBe(
    undefined,
  );
  old.close();

  const store = new Store(file);
  try {
    expect(store.get<{ name: string }>('SELECT name FROM namespaces')?.name).toBe('kept');
    store.run(
      `INSERT INTO registry_work (kind, region, repository, digest) VALUES ('forget', 'r', 'a/b', 'sha256:x')`,
    );
    expect(store.get<{ n: number }>('SELECT count(*) AS n FROM registry_work')?.n).toBe(1);
    expect(store.get<{ n: number }>('SELECT count(*) AS n FROM registry_logins')?.n).toBe(0);
  } finally {
    store.close();
  }
  const reopened = new Database(file);
  expect(reopened.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  reopened.close();
});
