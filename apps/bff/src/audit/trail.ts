/**
 * The audit trail: who did what, when, from where, to which resource, with what outcome, and the
 * upstream request id to join with Huawei Cloud's own trace (which sees one identity for all
 * users, since every SWR call is signed with the BFF's key).
 *
 * Records live in an append-only SQLite table and are also written as one JSON line each to a
 * configurable sink. A mutation's record is written as `pending` before the call is sent; if that
 * write fails, the call is not sent. After the call the record is finalized once. A record left
 * `pending` (the BFF died mid-call) means the outcome is unknown: when the trail opens again, such
 * records keep their `pending` outcome (nobody knows whether SWR applied the change) and get a
 * reason saying the BFF was interrupted, once.
 */
import { appendFileSync } from 'node:fs';
import type { Statement } from 'better-sqlite3';
import { monotonicFactory } from 'ulid';
import { namespaceName, type AuditRecordShape } from '@swr-dashboard/swr-client';
import type { Identity } from '../auth/identity';
import type { BffDatabase } from '../store/database';

export type AuditOutcome = 'success' | 'failure' | 'denied';

/** The reason given to a record a stopped BFF left `pending`. */
export const INTERRUPTED_REASON =
  'interrupted: the BFF stopped before SWR answered; the change may or may not have been applied';

/** The record's shape is the BFF API's (packages/swr-client), read by the web app's audit page. */
export type AuditRecord = AuditRecordShape;
export type AuditActor = NonNullable<AuditRecord['actor']>;

export type AuditInput = Omit<AuditRecord, 'v' | 'id' | 'ts' | 'outcome' | 'bff'> & {
  outcome: AuditOutcome;
  region?: string | null;
};

export type AuditCompletion = Pick<AuditRecord, 'httpStatus' | 'upstream' | 'reason'> & {
  outcome: AuditOutcome;
};

export class AuditUnavailableError extends Error {
  constructor(cause: unknown) {
    super('the audit trail cannot be written', { cause });
    this.name = 'AuditUnavailableError';
  }
}

/** Where JSON lines go besides the table. */
export interface AuditSink {
  /** Throws when the sink cannot take a line now. */
  check(): void;
  write(line: string): void;
}

export function createSink(spec: string): AuditSink {
  if (spec === 'none') return { check: () => undefined, write: () => undefined };
  if (spec === 'stdout') {
    return {
      check: () => undefined,
      write: (line) => {
        process.stdout.write(`${line}\n`);
      },
    };
  }
  const path = spec.slice('file:'.length);
  return {
    check: () => {
      appendFileSync(path, '');
    },
    write: (line) => {
      appendFileSync(path, `${line}\n`);
    },
  };
}

/** The actor part of a record; never a token, never the session id itself. */
export function actorOf(
  identity: Identity | undefined,
  sessionRef: string | undefined,
): AuditActor | null {
  if (identity === undefined) return null;
  return {
    key: identity.key,
    iss: identity.iss,
    sub: identity.sub,
    name: identity.name,
    email: identity.email,
    role: identity.role,
    groups: identity.groups,
    authMode: identity.authMode,
    sessionRef,
  };
}

/** Keeps request bodies in records small: at most 4 KB of JSON. */
export function boundedBody(body: unknown): unknown {
  if (body === undefined) return null;
  const text = JSON.stringify(body);
  return text.length <= 4096
    ? body
    : { truncated: true, bytes: text.length, head: text.slice(0, 1024) };
}

export interface AuditQuery {
  /** The identity key (`iss|sub`). */
  actor?: string;
  event?: string;
  /** Any organization the record names. */
  namespace?: string;
  outcome?: AuditOutcome | 'pending';
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export class AuditTrail {
  private readonly nextId = monotonicFactory();
  /** The statements every audited request runs, prepared once. */
  private readonly insertStatement: Statement<
    [
      string,
      string,
      string,
      string,
      string | null,
      string | null,
      string | null,
      number | null,
      string,
    ]
  >;
  private readonly namespaceStatement: Statement<[string, number | bigint]>;
  private readonly finalizeStatement: Statement<[string, number | null, string, string, string]>;
  /** A record and the organizations it names, written together or not at all. */
  private readonly insertAll: (record: AuditRecord) => void;

  constructor(
    private readonly db: BffDatabase,
    private readonly sink: AuditSink,
    private readonly bff: { version: string; instance: string },
  ) {
    this.insertStatement = db.prepare(
      `INSERT INTO audit_events
         (id, ts, event, outcome, actor, actor_key, namespace, http_status, record)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.namespaceStatement = db.prepare(
      'INSERT OR IGNORE INTO audit_namespaces (namespace, audit_seq) VALUES (?, ?)',
    );
    this.finalizeStatement = db.prepare(
      'UPDATE audit_events SET outcome = ?, http_status = ?, record = ? WHERE id = ? AND outcome = ?',
    );
    this.insertAll = db.transaction((record: AuditRecord) => {
      const { lastInsertRowid } = this.insertStatement.run(
        record.id,
        record.ts,
        record.event,
        record.outcome,
        record.actor?.name ?? null,
        record.actor?.key ?? null,
        record.resource?.namespace ?? null,
        record.httpStatus,
        JSON.stringify(record),
      );
      for (const namespace of namespacesOf(record)) {
        this.namespaceStatement.run(namespace, lastInsertRowid);
      }
    });
    this.markInterrupted();
  }

  /**
   * Gives every record a previous process left `pending` the interrupted reason (one BFF per
   * database file, so when the trail opens no call of this process is in flight yet). The outcome
   * stays `pending`: the change may or may not have been applied. Records already marked are left
   * alone, so each is marked, and written to the sink, once.
   */
  private markInterrupted(): void {
    const rows = this.db
      .prepare(
        `SELECT id, record FROM audit_events
         WHERE outcome = 'pending' AND json_extract(record, '$.reason') IS NULL`,
      )
      .all() as { id: string; record: string }[];
    const update = this.db.prepare(
      "UPDATE audit_events SET record = ? WHERE id = ? AND outcome = 'pending'",
    );
    for (const row of rows) {
      const record: AuditRecord = {
        ...(JSON.parse(row.record) as AuditRecord),
        reason: INTERRUPTED_REASON,
      };
      update.run(JSON.stringify(record), row.id);
      try {
        this.emit(record);
      } catch {
        // The table holds the mark; a sink that cannot take the line now must not stop the start
        // (mutations check the sink before they are sent).
      }
    }
  }

  private build(input: AuditInput, outcome: AuditRecord['outcome']): AuditRecord {
    const { region, ...rest } = input;
    return {
      v: 1,
      id: this.nextId(),
      ts: new Date().toISOString(),
      ...rest,
      outcome,
      bff: { ...this.bff, region: region ?? null },
    };
  }

  private insert(record: AuditRecord): void {
    this.insertAll(record);
  }

  /** Writes a finished event (a sign-in, a denial, a rejected input). Throws when it cannot. */
  record(input: AuditInput): AuditRecord {
    const record = this.build(input, input.outcome);
    try {
      this.sink.check();
      this.insert(record);
    } catch (error) {
      throw new AuditUnavailableError(error);
    }
    this.emit(record);
    return record;
  }

  /** Writes a mutation's record before it is sent. Throws when it cannot: then do not send. */
  open(input: Omit<AuditInput, 'outcome'>): AuditRecord {
    const record = this.build({ ...input, outcome: 'success' }, 'pending');
    try {
      this.sink.check();
      this.insert(record);
    } catch (error) {
      throw new AuditUnavailableError(error);
    }
    return record;
  }

  /** Finalizes a pending record with the call's outcome (once). */
  finalize(pending: AuditRecord, completion: AuditCompletion): AuditRecord {
    const record: AuditRecord = { ...pending, ...completion };
    this.finalizeStatement.run(
      record.outcome,
      record.httpStatus,
      JSON.stringify(record),
      record.id,
      'pending',
    );
    this.emit(record);
    return record;
  }

  private emit(record: AuditRecord): void {
    // JSON.stringify escapes control characters: a name holding "\n{...}" stays on one line.
    this.sink.write(JSON.stringify(record));
  }

  query(filters: AuditQuery): { items: AuditRecord[]; total: number } {
    const { clause, args } = filterClause(filters);
    const where = clause === '' ? '' : `WHERE ${clause}`;
    const rows = this.db
      .prepare(`SELECT record FROM audit_events ${where} ORDER BY seq DESC LIMIT ? OFFSET ?`)
      .all(...args, filters.limit, filters.offset) as { record: string }[];
    return {
      items: rows.map((row) => JSON.parse(row.record) as AuditRecord),
      total: this.count(filters),
    };
  }

  /**
   * The people in the trail: each identity key with the name it last had, for choosing whose
   * records to see (the filter goes by key: names change and two people can share one).
   */
  actors(limit = 1000): { key: string; name: string }[] {
    return this.db
      .prepare(
        `SELECT actor_key AS key, actor AS name FROM audit_events
         WHERE seq IN (SELECT max(seq) FROM audit_events WHERE actor_key IS NOT NULL GROUP BY actor_key)
         ORDER BY actor, actor_key LIMIT ?`,
      )
      .all(limit) as { key: string; name: string }[];
  }

  /**
   * The manual syncs of one repository the console sent (or may have: `pending`) since `since`,
   * newest first: for naming who started each sync job. Found through the organizations index,
   * then narrowed to the region and repository the request named.
   */
  manualSyncs(
    where: { region: string; namespace: string; repository: string; since: string },
    limit: number,
  ): AuditRecord[] {
    const rows = this.db
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
        where.namespace,
        where.since,
        where.region,
        where.namespace,
        where.repository,
        limit,
      ) as { record: string }[];
    return rows.map((row) => JSON.parse(row.record) as AuditRecord);
  }

  /** How many records match a filter. */
  count(filters: AuditFilter): number {
    const { clause, args } = filterClause(filters);
    const where = clause === '' ? '' : `WHERE ${clause}`;
    return (
      this.db.prepare(`SELECT count(*) AS n FROM audit_events ${where}`).get(...args) as {
        n: number;
      }
    ).n;
  }

  /**
   * The records matching a filter, oldest first, in batches of `batchSize`. Each batch is its own
   * short query (keyset on `seq`), so a slow reader never holds the database between batches. The
   * export ends at the last record that existed when it started: a snapshot of what was appended
   * by then (a record still `pending` then may show its final outcome).
   */
  *batches(filters: AuditFilter, batchSize = 1000): Generator<AuditRecord[], void, undefined> {
    const { clause, args } = filterClause(filters);
    const last = (
      this.db.prepare('SELECT max(seq) AS seq FROM audit_events').get() as { seq: number | null }
    ).seq;
    if (last === null) return;
    const statement = this.db.prepare(
      `SELECT seq, record FROM audit_events
       WHERE seq > ? AND seq <= ?${clause === '' ? '' : ` AND ${clause}`}
       ORDER BY seq LIMIT ?`,
    );
    let after = 0;
    for (;;) {
      const rows = statement.all(after, last, ...args, batchSize) as {
        seq: number;
        record: string;
      }[];
      if (rows.length === 0) return;
      yield rows.map((row) => JSON.parse(row.record) as AuditRecord);
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1]?.seq ?? last;
    }
  }
}

/** The filters of `AuditQuery` without paging: what an export selects. */
export type AuditFilter = Omit<AuditQuery, 'limit' | 'offset'>;

/**
 * The organizations a record names: its resource's and every organization target, those that
 * are organization names at all (a refused request may name anything).
 */
function namespacesOf(record: AuditRecord): Set<string> {
  const names = new Set<string>();
  const namespace = record.resource?.namespace;
  if (namespace !== undefined && namespace !== null) names.add(namespace);
  for (const target of record.targets ?? []) {
    if (target.kind === 'namespace') names.add(target.name);
  }
  return new Set([...names].filter((name) => namespaceName.safeParse(name).success));
}

/** The WHERE clause (possibly empty) and its arguments for a filter. */
function filterClause(filters: AuditFilter): { clause: string; args: unknown[] } {
  const conditions: [string, unknown][] = [];
  if (filters.actor !== undefined) conditions.push(['actor_key = ?', filters.actor]);
  if (filters.event !== undefined) conditions.push(['event = ?', filters.event]);
  if (filters.namespace !== undefined) {
    conditions.push([
      'seq IN (SELECT audit_seq FROM audit_namespaces WHERE namespace = ?)',
      filters.namespace,
    ]);
  }
  if (filters.outcome !== undefined) conditions.push(['outcome = ?', filters.outcome]);
  if (filters.from !== undefined) conditions.push(['ts >= ?', filters.from]);
  if (filters.to !== undefined) conditions.push(['ts < ?', filters.to]);
  return {
    clause: conditions.map(([condition]) => condition).join(' AND '),
    args: conditions.map(([, arg]) => arg),
  };
}
