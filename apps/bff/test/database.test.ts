/**
 * The BFF's SQLite file across versions: an older file is migrated in place, a newer one is
 * refused, and nothing in it is lost on the way.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, SCHEMA_VERSION } from '../src/store/database';

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
        'ended_sessions',
        'login_transactions',
        'meta',
        'sessions',
      ]),
    );
  });

  it('migrates a version-1 file without ended_sessions, keeping its sessions and audit', () => {
    const path = file();
    const old = openDatabase(path);
    old.exec('DROP TABLE ended_sessions');
    old.pragma('user_version = 1');
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
