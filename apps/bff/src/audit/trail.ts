/**
 * The audit trail: who did what, when, from where, to which resource, with what outcome, and the
 * upstream request id to join with Huawei Cloud's own trace (which sees one identity for all
 * users, since every SWR call is signed with the BFF's key).
 *
 * Records live in an append-only table (SQLite or PostgreSQL: store/store.ts) and are also
 * written as one JSON line each to a configurable sink. A mutation's record is written as
 * `pending` before the call is sent; if that write fails, the call is not sent. After the call the
 * record is finalized once; while the table refuses that write (the database is down a moment),
 * it is tried again for up to ten minutes. A record left `pending` (the BFF died mid-call) means
 * the outcome is unknown: when the trail opens again, such records keep their `pending` outcome
 * (nobody knows whether SWR applied the change) and get a reason saying the BFF was interrupted,
 * once.
 */
import { appendFileSync } from 'node:fs';
import { monotonicFactory } from 'ulid';
import { namespaceName, type AuditRecordShape } from '@swr-dashboard/swr-client';
import type { Identity } from '../auth/identity';
import type { AuditRows, ManualSyncWhere } from '../store/store';

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

/** Which write of the trail: a finished event, a change's pending record, or its outcome. */
export type AuditWriteKind = 'record' | 'open' | 'finalize';

/** Watches each write (the metrics time them): runs `write` and returns what it returns. */
export type AuditWriteObserver = <T>(kind: AuditWriteKind, write: () => Promise<T>) => Promise<T>;

/** Who writes the records: this BFF's version and instance. */
export interface AuditWriterId {
  version: string;
  instance: string;
}

/** How long a record's finish is tried again while the table refuses it. */
const FINALIZE_RETRY_MS = 10 * 60 * 1000;
/** The pause before the first retry; it doubles up to `MAX_RETRY_PAUSE_MS`. */
const FIRST_RETRY_PAUSE_MS = 100;
const MAX_RETRY_PAUSE_MS = 5000;

export class AuditTrail {
  private readonly nextId = monotonicFactory();
  /** Writes started and not yet settled: `settled()` waits for them (a clean stop). */
  private readonly writes = new Set<Promise<unknown>>();
  /** Wakes the pauses between a finish's retries (`stopRetrying()`). */
  private readonly wakers = new Set<() => void>();
  private retrying = true;
  private observer: AuditWriteObserver = (_kind, write) => write();

  constructor(
    private readonly rows: AuditRows,
    private readonly sink: AuditSink,
    private readonly bff: AuditWriterId,
  ) {}

  /**
   * Gives every record a previous process left `pending` the interrupted reason, once (then it
   * is written to the sink). The outcome stays `pending`: the change may or may not have been
   * applied. `before` (ISO) leaves alone records written since: on a database several BFFs share,
   * another one's call may still be in flight.
   */
  async markInterrupted(before?: string): Promise<void> {
    for (const pending of await this.rows.unmarkedPending(before)) {
      const record: AuditRecord = { ...pending, reason: INTERRUPTED_REASON };
      await this.rows.markInterrupted(record);
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

  /** Lets `observer` watch every write from now on (one observer: the app's metrics). */
  observeWrites(observer: AuditWriteObserver): void {
    this.observer = observer;
  }

  /** Runs a write under the observer, and keeps track of it until it settles. */
  private tracked<T>(kind: AuditWriteKind, run: () => Promise<T>): Promise<T> {
    return this.kept(this.observer(kind, run));
  }

  /** Keeps track of a write (or a chain of attempts) until it settles. */
  private kept<T>(write: Promise<T>): Promise<T> {
    this.writes.add(write);
    const forget = () => this.writes.delete(write);
    write.then(forget, forget);
    return write;
  }

  /** Waits `ms`, or less when the trail stops retrying. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
    });
  }

  /**
   * Runs `attempt` until it succeeds: after a failure, again after a pause that grows, until
   * `FINALIZE_RETRY_MS` have passed or the trail stops retrying; then the last failure is thrown.
   */
  private async untilWritten(attempt: () => Promise<void>): Promise<void> {
    const giveUpAt = Date.now() + FINALIZE_RETRY_MS;
    for (let pause = FIRST_RETRY_PAUSE_MS; ; pause = Math.min(pause * 2, MAX_RETRY_PAUSE_MS)) {
      try {
        await attempt();
        return;
      } catch (error) {
        if (!this.retrying || Date.now() + pause > giveUpAt) throw error;
        await this.pause(pause);
      }
    }
  }

  /** The sink checked, then the record and its organizations in the table. */
  private async insert(record: AuditRecord): Promise<void> {
    try {
      this.sink.check();
      await this.rows.insert(record, [...namespacesOf(record)]);
    } catch (error) {
      throw new AuditUnavailableError(error);
    }
  }

  /** Writes a finished event (a sign-in, a denial, a rejected input). Rejects when it cannot. */
  record(input: AuditInput): Promise<AuditRecord> {
    const record = this.build(input, input.outcome);
    return this.tracked('record', () =>
      this.insert(record).then(() => {
        this.emit(record);
        return record;
      }),
    );
  }

  /** Writes a mutation's record before it is sent. Rejects when it cannot: then do not send. */
  open(input: Omit<AuditInput, 'outcome'>): Promise<AuditRecord> {
    const record = this.build({ ...input, outcome: 'success' }, 'pending');
    return this.tracked('open', () => this.insert(record).then(() => record));
  }

  /**
   * Finalizes a pending record with the call's outcome (once), trying again while the table
   * refuses the write; rejects with the last failure when it gives up (the record stays
   * `pending`).
   */
  finalize(pending: AuditRecord, completion: AuditCompletion): Promise<AuditRecord> {
    const record: AuditRecord = { ...pending, ...completion };
    const attempt = () => this.tracked('finalize', () => this.rows.finalize(record));
    return this.kept(
      this.untilWritten(attempt).then(() => {
        this.emit(record);
        return record;
      }),
    );
  }

  /** Ends the retries: each finish under way tries once more at most, then gives up. */
  stopRetrying(): void {
    this.retrying = false;
    for (const wake of [...this.wakers]) wake();
  }

  /** Resolves once every write started so far has settled (call `stopRetrying()` first). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.writes]);
  }

  private emit(record: AuditRecord): void {
    // JSON.stringify escapes control characters: a name holding "\n{...}" stays on one line.
    this.sink.write(JSON.stringify(record));
  }

  async query(filters: AuditQuery): Promise<{ items: AuditRecord[]; total: number }> {
    const [items, total] = await Promise.all([
      this.rows.page(filters, filters.limit, filters.offset),
      this.count(filters),
    ]);
    return { items, total };
  }

  /**
   * The people in the trail: each identity key with the name it last had, for choosing whose
   * records to see (the filter goes by key: names change and two people can share one).
   */
  actors(limit = 1000): Promise<{ key: string; name: string }[]> {
    return this.rows.actors(limit);
  }

  /**
   * The manual syncs of one repository the console sent (or may have: `pending`) since `since`,
   * newest first: for naming who started each sync job. Found through the organizations index,
   * then narrowed to the region and repository the request named.
   */
  manualSyncs(where: ManualSyncWhere, limit: number): Promise<AuditRecord[]> {
    return this.rows.manualSyncs(where, limit);
  }

  /** How many records match a filter. */
  count(filters: AuditFilter): Promise<number> {
    return this.rows.count(filters);
  }

  /**
   * The records matching a filter, oldest first, in batches of `batchSize`. Each batch is its own
   * short query (keyset on `seq`), so a slow reader never holds the database between batches. The
   * export ends at the last record that existed when it started: a snapshot of what was appended
   * by then (a record still `pending` then may show its final outcome).
   */
  async *batches(filters: AuditFilter, batchSize = 1000): AsyncGenerator<AuditRecord[], void> {
    const last = await this.rows.lastSeq();
    if (last === null) return;
    let after = 0;
    for (;;) {
      const rows = await this.rows.batch(filters, { after, last }, batchSize);
      if (rows.length === 0) return;
      yield rows.map((row) => row.record);
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
