/**
 * The BFF's server-side state behind one interface, on one of two engines chosen by
 * configuration: the embedded SQLite (`BFF_DATABASE`, the default) or PostgreSQL (`DATABASE_URL`).
 * The same tables on both: sessions and their tombstones, login transactions, the append-only
 * audit trail with its organizations index, and a little metadata (docs/decisions/0013).
 *
 * Every method answers a promise: PostgreSQL's client is asynchronous. On SQLite the work is done
 * synchronously when the method is called (better-sqlite3), so a write has happened by the time
 * the caller's next line runs, as before.
 */
import type { AuditFilter, AuditRecord } from '../audit/trail';

export type StoreEngine = 'sqlite' | 'postgres';

/** The audit trail's rows: appended, finalized once, never deleted. */
export interface AuditRows {
  /** A record and the organizations it names, written together or not at all. */
  insert(record: AuditRecord, namespaces: readonly string[]): Promise<void>;
  /** Replaces a `pending` record by its final form (only while it is `pending`). */
  finalize(record: AuditRecord): Promise<void>;
  /** Records left `pending` without a reason, written before `before` (ISO) when given. */
  unmarkedPending(before?: string): Promise<AuditRecord[]>;
  /** Gives a `pending` record its interrupted reason; the outcome stays `pending`. */
  markInterrupted(record: AuditRecord): Promise<void>;
  /** Newest first. */
  page(filter: AuditFilter, limit: number, offset: number): Promise<AuditRecord[]>;
  count(filter: AuditFilter): Promise<number>;
  actors(limit: number): Promise<{ key: string; name: string }[]>;
  manualSyncs(where: ManualSyncWhere, limit: number): Promise<AuditRecord[]>;
  /** The newest record's sequence number, null for an empty trail. */
  lastSeq(): Promise<number | null>;
  /** Oldest first: the records after `after` up to `last`. */
  batch(
    filter: AuditFilter,
    range: { after: number; last: number },
    size: number,
  ): Promise<{ seq: number; record: AuditRecord }[]>;
}

export interface ManualSyncWhere {
  region: string;
  namespace: string;
  repository: string;
  since: string;
}

export type EndBy = 'sid_hash' | 'user_key';

/** express-session's rows, keyed by the SHA-256 of the session id. */
export interface SessionRows {
  get(sidHash: string, now: number): Promise<string | undefined>;
  /** Writes a session unless it was ended (a tombstone holds its hash). */
  set(sidHash: string, userKey: string | null, data: string, expiresAt: number): Promise<void>;
  /** Deletes sessions and leaves their tombstones, in one transaction; how many were deleted. */
  end(where: EndBy, value: string, tombstoneUntil: number): Promise<number>;
  countActive(now: number): Promise<number>;
  /** Deletes expired sessions and tombstones; how many sessions. */
  prune(now: number): Promise<number>;
  /** The live sessions that belong to a user, ordered by user. */
  signedIn(now: number): Promise<{ userKey: string; data: string }[]>;
}

/** Single-use OIDC login transactions, keyed by the hash of the cookie's id. */
export interface TransactionRows {
  /** Stores one, deleting the expired ones first. */
  create(idHash: string, data: string, expiresAt: number, now: number): Promise<void>;
  /** Deletes one and answers what it held. */
  take(idHash: string): Promise<{ data: string; expiresAt: number } | undefined>;
  discard(idHash: string): Promise<void>;
}

export interface BffStore {
  readonly engine: StoreEngine;
  readonly audit: AuditRows;
  readonly sessions: SessionRows;
  readonly transactions: TransactionRows;
  /** A value kept across restarts, made once (e.g. the generated session secret). */
  metaValue(key: string, make: () => string): Promise<string>;
  /** Throws when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
