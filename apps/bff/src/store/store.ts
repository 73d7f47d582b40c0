/**
 * The BFF's server-side state behind one interface, on one of two engines chosen by
 * configuration: the embedded SQLite (`BFF_DATABASE`, the default) or PostgreSQL (`DATABASE_URL`).
 * The same tables on both: sessions and their tombstones, login transactions, the append-only
 * audit trail with its organizations index, the fleet index, server-side jobs, and a little metadata
 * (docs/decisions/0013).
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

/**
 * The fleet index (issue 15): per region, the account's organizations and repositories as the
 * last sweep saw them, the state of each region's sweeps, a lease so that one replica sweeps at a
 * time, and daily totals per organization. Entries are the contract's JSON (`data`), written and
 * read whole; the keys beside them are what the index is looked up and replaced by.
 */
export interface FleetRows {
  /**
   * Replaces a region's organizations with these (those not among them are deleted), in one
   * transaction. Every row must be of `region` (else it throws, writing nothing); of two rows with
   * the same name, the last is kept.
   */
  putNamespaces(region: string, rows: readonly FleetNamespaceRow[]): Promise<void>;
  /** A region's organizations, ordered by name. */
  namespaces(region: string): Promise<FleetNamespaceRow[]>;
  /** Writes one repository's entry (insert, or replace the one with the same key). */
  putRepository(row: FleetRepositoryRow): Promise<void>;
  /** Deletes one repository's entry (it was deleted); nothing when there is none. */
  removeRepository(region: string, namespace: string, name: string): Promise<void>;
  /**
   * Deletes a region's repositories indexed before `before` (ms): a sweep did not see them. How
   * many were deleted.
   */
  removeIndexedBefore(region: string, before: number): Promise<number>;
  /** A region's repositories, ordered by namespace, then name (byte order on both engines). */
  repositories(region: string): Promise<FleetRepositoryRow[]>;
  /** A region's repositories' names only (for search), ordered as `repositories`. */
  repositoryNames(region: string): Promise<{ namespace: string; name: string }[]>;
  /** A region's sweep state; undefined before its first `putRegionState`. */
  regionState(region: string): Promise<FleetRegionRow | undefined>;
  /** Writes a region's sweep state whole (insert, or replace). */
  putRegionState(row: FleetRegionRow): Promise<void>;
  /**
   * Takes the lease `name` for `holder` until `until` (ms), or renews it: true when `holder` has
   * it now. A lease another holder has, unexpired at `now` (its `until` is after `now`), is not
   * taken. Atomic across replicas: of several holders asking at once, one at most gets it.
   */
  lease(name: string, holder: string, now: number, until: number): Promise<boolean>;
  /** Gives the lease up, if `holder` has it. */
  release(name: string, holder: string): Promise<void>;
  /** Writes daily totals (insert, or replace those with the same day, region and namespace). */
  putDaily(rows: readonly FleetDailyRow[]): Promise<void>;
  /**
   * A region's daily totals from `fromDay` (`YYYY-MM-DD`, inclusive), ordered by day, then
   * namespace.
   */
  daily(region: string, fromDay: string): Promise<FleetDailyRow[]>;
}

export interface FleetNamespaceRow {
  region: string;
  name: string;
  /** The contract's entry as JSON. */
  data: string;
  /** When the sweep read it (ms since the epoch). */
  indexedAt: number;
}

export interface FleetRepositoryRow {
  region: string;
  namespace: string;
  name: string;
  data: string;
  indexedAt: number;
}

export interface FleetRegionRow {
  region: string;
  /** The last sweep's state: `ok`, or `failing` (the index keeps what the last good one saw). */
  status: 'ok' | 'failing';
  /** When the last complete sweep started (its entries are at least this fresh); null: never. */
  sweptAt: number | null;
  /** When the sweep under way (or the last one) started. */
  sweepStartedAt: number | null;
  /** Why the last sweep failed, in the BFF's words (never a secret or SWR's text). */
  error: string | null;
  /** SWR calls the last sweep made. */
  calls: number;
}

export interface FleetDailyRow {
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  region: string;
  namespace: string;
  repositories: number;
  tags: number;
  /** Bytes. */
  size: number;
}

/** The rows `putNamespaces` writes: all of `region` (else it throws), the last of each name. */
export function namespaceSet(
  region: string,
  rows: readonly FleetNamespaceRow[],
): FleetNamespaceRow[] {
  const byName = new Map<string, FleetNamespaceRow>();
  for (const row of rows) {
    if (row.region !== region) {
      throw new Error(`an organization of region ${row.region} among those of ${region}`);
    }
    byName.set(row.name, row);
  }
  return [...byName.values()];
}

/** A job's state: running (or being cancelled) until every item is settled. */
export type JobStatus = 'running' | 'cancelling' | 'cancelled' | 'done';
/** An item's state: `running` while a holder's lease on it lasts. */
export type JobItemStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';
export const JOB_ITEM_STATUSES: readonly JobItemStatus[] = [
  'pending',
  'running',
  'done',
  'failed',
  'cancelled',
];

/** The state each move of a job starts from. */
export const JOB_MOVES = {
  cancelling: 'running',
  done: 'running',
  cancelled: 'cancelling',
} as const satisfies Record<Exclude<JobStatus, 'running'>, JobStatus>;

export interface JobRow {
  id: string;
  kind: string;
  region: string;
  /** Who asked for it, as the audit trail keys and names them. */
  ownerKey: string;
  ownerName: string;
  /** What the job does (its kind's own JSON: a rule, a template). */
  spec: string;
  status: JobStatus;
  total: number;
  createdAt: number;
  finishedAt: number | null;
}

export interface JobItemRow {
  jobId: string;
  seq: number;
  /** What the item acts on (its kind's own JSON: a tag and its digest, a repository). */
  target: string;
  status: JobItemStatus;
  holder: string | null;
  leaseUntil: number | null;
  /** How many times a holder took it: above 1, an earlier attempt may have been carried out. */
  attempts: number;
  /** Its outcome (JSON: the upstream request id, the answer), once settled. */
  result: string | null;
  updatedAt: number;
}

/**
 * Server-side jobs (issue 16): a job and its items, each item carried out exactly once across
 * replicas. A holder claims items under a lease; an item whose holder died is claimed again
 * once its lease ended, with its attempt count telling the new holder to check first.
 */
export interface JobRows {
  /** Writes the job (`running`) and its items (`pending`, numbered from 0), in one transaction. */
  create(
    job: Omit<JobRow, 'status' | 'finishedAt' | 'total'>,
    targets: readonly string[],
  ): Promise<void>;
  job(id: string): Promise<JobRow | undefined>;
  /** Newest first; only `ownerKey`'s when given. */
  list(ownerKey: string | undefined, limit: number): Promise<JobRow[]>;
  /** Jobs not settled yet (`running`, `cancelling`), oldest first: what a runner picks up. */
  active(): Promise<JobRow[]>;
  /** How many of the job's items are in each state. */
  counts(id: string): Promise<Record<JobItemStatus, number>>;
  /**
   * Takes up to `limit` of the job's items for `holder` until `until`, lowest numbers first:
   * pending ones, and running ones whose lease ended before `now`. Atomic across replicas: an
   * item is held by one holder at a time.
   */
  claim(
    id: string,
    holder: string,
    now: number,
    until: number,
    limit: number,
  ): Promise<JobItemRow[]>;
  /**
   * Hands back items `holder` holds and sent nothing for (a stop, the audit trail down): pending
   * again with the claim undone, or cancelled when the job is being cancelled and no earlier
   * claim may have carried them out (those stay to be checked). How many.
   */
  release(id: string, seqs: readonly number[], holder: string, now: number): Promise<number>;
  /** Settles an item `holder` still holds; false (nothing written) when it does not. */
  settle(
    item: { jobId: string; seq: number },
    holder: string,
    outcome: { status: 'done' | 'failed'; result: string },
    now: number,
  ): Promise<boolean>;
  /**
   * Moves the job on, only from the state it must be in ({@link JOB_MOVES}): `cancelling` (from
   * `running`) cancels its pending items at once (those under way finish); `done` (from
   * `running`) and `cancelled` (from `cancelling`) record when it finished. False, with nothing
   * written, when the job is not in that state (it moved meanwhile).
   */
  setStatus(id: string, status: Exclude<JobStatus, 'running'>, now: number): Promise<boolean>;
  /**
   * A cancelled job runs again: its cancelled items (never started) are pending again, each
   * counted as claimed once, so that it is checked before it is carried out (what it names may
   * have changed since the preview). How many; 0, with nothing written, unless the job is
   * cancelled with such items.
   */
  resume(id: string, now: number): Promise<number>;
  /** The job's items in number order, of one state when given. */
  items(
    id: string,
    status: JobItemStatus | undefined,
    offset: number,
    limit: number,
  ): Promise<JobItemRow[]>;
}

export interface BffStore {
  readonly engine: StoreEngine;
  readonly audit: AuditRows;
  readonly sessions: SessionRows;
  readonly transactions: TransactionRows;
  readonly fleet: FleetRows;
  readonly jobs: JobRows;
  /** A value kept across restarts, made once (e.g. the generated session secret). */
  metaValue(key: string, make: () => string): Promise<string>;
  /** Throws when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
