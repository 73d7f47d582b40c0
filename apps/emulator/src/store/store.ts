/**
 * The emulator's SQLite store (better-sqlite3): opened with WAL so data survives a restart and a
 * kill -9, with prepared statements cached per SQL text. Every API call runs in one transaction,
 * so a failure leaves nothing half-written.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, SCHEMA, SCHEMA_VERSION } from './schema';

type Params = readonly unknown[];

export class Store {
  readonly db: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version === SCHEMA_VERSION) return;
    const step = version === 0 ? SCHEMA : MIGRATIONS[version];
    if (step === undefined) {
      throw new Error(
        `emulator database has schema ${version}, this emulator knows ${SCHEMA_VERSION}`,
      );
    }
    this.db.transaction(() => {
      this.db.exec(step);
      this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    })();
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  // Rows are typed by the caller, who wrote the SQL: the one place a cast is the honest type.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters
  get<T>(sql: string, ...params: Params): T | undefined {
    return this.statement(sql).get(...params) as T | undefined;
  }

  all<T>(sql: string, ...params: Params): T[] {
    return this.statement(sql).all(...params) as T[];
  }

  run(sql: string, ...params: Params): Database.RunResult {
    return this.statement(sql).run(...params);
  }

  /** Runs `work` in one transaction (nested calls join the outer one). */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** Whether nothing was ever stored: the demo seed runs only then. */
  isEmpty(): boolean {
    return this.get<{ n: number }>('SELECT count(*) AS n FROM namespaces')?.n === 0;
  }

  close(): void {
    this.db.close();
  }
}
