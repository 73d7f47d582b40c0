/**
 * The BFF's SQLite file across versions: an older file is migrated in place, a newer one is
 * refused, and nothing in it is lost on the way.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, openDatabase, SCHEMA_VERSION } from '../src/store/database';

const dirs: string[] = [];
function file(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bff-db-'));
  dirs.push(dir);
  return join(dir, 'bff.sqlite');
}

function tables(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((row) => row.name);
  } finally {
    db.close();
  }
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the BFF database', () => {
  it('creates every table of the current schema in a new file', () => {
    const path = file();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
    expect(tables(path)).toEqual(
      expect.arrayContaining([
        'audit_events',
        'audit_namespaces',
        'ended_sessions',
        'fleet_daily',
        'fleet_leases',
        'fleet_namespaces',
        'fleet_regions',
        'fleet_repositories',
        'login_transactions',
        'meta',
        'sessions',
      ]),
    );
  });

  /** A file as the BFF of schema `version` left it: only the migrations up to it applied. */
  function fileAt(version: number): string {
    const path = file();
    const db = new Database(path);
    for (const migration of MIGRATIONS.slice(0, version)) db.exec(migration);
    db.pragma(`user_version = ${String(version)}`);
    db.close();
    return path;
  }

  it('migrates a version-1 file, keeping its sessions', () => {
    const path = fileAt(1);
    const old = new Database(path);
    old
      .prepare('INSERT INTO sessions (sid_hash, user_key, data, expires_at) VALUES (?, ?, ?, ?)')
      .run('hash-1', 'user-1', '{}', Date.now() + 60_000);
    old.close();
    expect(tables(path)).not.toContain('ended_sessions');

    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.prepare('INSERT INTO ended_sessions (sid_hash, expires_at) VALUES (?, ?)').run('hash-1', 1);
    expect(db.prepare('SELECT user_key FROM sessions').all()).toEqual([{ user_key: 'user-1' }]);
    db.close();
  });

  it('migrates a version-2 audit trail: records found by identity key and organization, still append-only', () => {
    const path = fileAt(2);
    const old = new Database(path);
    const record = (seq: number, key: string | null) =>
      JSON.stringify({ id: `r${seq}`, actor: key === null ? null : { key, name: 'Ada' } });
    const insert = old.prepare(
      `INSERT INTO audit_events (id, ts, event, outcome, actor, namespace, http_status, record)
       VALUES (?, ?, 'swr.deleteRepo', 'success', ?, ?, 204, ?)`,
    );
    insert.run('r1', '2026-01-01T00:00:00.000Z', 'Ada', 'payments', record(1, 'oidc|ada'));
    insert.run('r2', '2026-01-01T00:00:01.000Z', null, null, record(2, null));
    old.close();

    const db = openDatabase(path);
    expect(db.prepare('SELECT id, actor_key FROM audit_events ORDER BY seq').all()).toEqual([
      { id: 'r1', actor_key: 'oidc|ada' },
      { id: 'r2', actor_key: null },
    ]);
    expect(db.prepare('SELECT namespace, audit_seq FROM audit_namespaces').all()).toEqual([
      { namespace: 'payments', audit_seq: 1 },
    ]);
    expect(() =>
      db.prepare("UPDATE audit_events SET actor_key = 'x' WHERE id = 'r1'").run(),
    ).toThrow('audit records are append-only');
    expect(() => db.prepare('DELETE FROM audit_namespaces').run()).toThrow(
      'audit records are append-only',
    );
    db.close();
  });

  it('refuses INSERT OR REPLACE over an audit record or its organization index', () => {
    const db = openDatabase(':memory:');
    db.prepare(
      `INSERT INTO audit_events (id, ts, event, outcome, actor, namespace, http_status, record)
       VALUES ('r1', '2026-01-01T00:00:00.000Z', 'swr.deleteRepo', 'success', 'Ada', 'payments', 204, '{}')`,
    ).run();
    db.prepare("INSERT INTO audit_namespaces (namespace, audit_seq) VALUES ('payments', 1)").run();
    expect(() =>
      db
        .prepare(
          `INSERT OR REPLACE INTO audit_events (seq, id, ts, event, outcome, record)
           VALUES (1, 'r1', '2026-01-01T00:00:00.000Z', 'forged', 'success', '{}')`,
        )
        .run(),
    ).toThrow('audit records are append-only');
    expect(() =>
      db
        .prepare(
          "INSERT OR REPLACE INTO audit_namespaces (namespace, audit_seq) VALUES ('payments', 1)",
        )
        .run(),
    ).toThrow('audit records are append-only');
    expect(db.prepare('SELECT event FROM audit_events').all()).toEqual([
      { event: 'swr.deleteRepo' },
    ]);
    db.close();
  });

  it('opens a current file again without changing it', () => {
    const path = file();
    openDatabase(path).close();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('refuses a file written by a newer BFF, naming both versions', () => {
    const path = file();
    const db = openDatabase(path);
    db.pragma(`user_version = ${String(SCHEMA_VERSION + 1)}`);
    db.close();
    expect(() => openDatabase(path)).toThrow(
      `the BFF database has schema ${String(SCHEMA_VERSION + 1)}; this BFF knows up to ${String(SCHEMA_VERSION)}`,
    );
  });
});
