/**
 * The load test's pass criteria, each a pure judgement over what the run recorded or a read-only
 * look at a database (a file, or the BFF's PostgreSQL with `DATABASE_URL`):
 *
 * - no BFF 5xx other than mapped upstream errors (the BFF's error shape, with a code that says
 *   SWR failed or could not be reached);
 * - the BFF's memory does not keep growing (see `memoryVerdict`);
 * - the audit trail holds exactly one record per acknowledged change, matched by request id,
 *   and no request has two records;
 * - the SQLite files are whole, and the emulator's data consistent with what users were sure of.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { INTERRUPTED_REASON } from '../../apps/bff/src/audit/trail';
import type { Sample } from './session';
import type { Expected } from './users';

/** Codes of 5xx answers that report an upstream failure (the BFF's own words for it). */
export const MAPPED_UPSTREAM_CODES: ReadonlySet<string> = new Set([
  'upstream_error',
  'upstream_invalid_response',
  'upstream_timeout',
  'upstream_unavailable',
  'outcome_unknown',
  'region_unavailable',
]);

/** 5xx answers that are not a mapped upstream error. */
export function unmapped5xx(samples: readonly Sample[]): Sample[] {
  return samples.filter((sample) => {
    if (sample.status < 500) return false;
    if (!sample.errorShape || sample.code === undefined) return true;
    if (!MAPPED_UPSTREAM_CODES.has(sample.code)) return true;
    // An answer SWR gave (a 5xx of its own, or one the console cannot read) names it.
    const answered =
      sample.code === 'upstream_error' || sample.code === 'upstream_invalid_response';
    return answered && (typeof sample.upstream !== 'object' || sample.upstream === null);
  });
}

export interface RssSample {
  /** Milliseconds since the run started. */
  at: number;
  bytes: number;
  /** Which BFF process (0 the first; one more after each restart). */
  epoch: number;
}

export interface MemoryVerdict {
  samples: number;
  firstMb: number;
  lastMb: number;
  maxMb: number;
  /** Max of the first third after warm-up, median of the last third. */
  firstThirdMaxMb: number;
  lastThirdMedianMb: number;
  growthMb: number;
  toleranceMb: number;
  ok: boolean;
}

const MB = 1024 * 1024;
const round = (bytes: number) => Math.round((bytes / MB) * 10) / 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * Memory does not keep growing when, after a warm-up (JIT, caches, the heap sizing itself to the
 * load), the median RSS of the last third of the samples is at most `toleranceMb` above the
 * highest RSS of the first third. The median ignores a collection that happened to run late; the
 * first third's maximum already holds the heap's working size under this load. A leak of a
 * steady amount per request rises across the thirds and fails this once it exceeds the
 * tolerance over a third of the run. Only samples of the last BFF process after its warm-up count
 * (a restarted BFF starts small).
 */
export function memoryVerdict(
  samples: readonly RssSample[],
  warmupMs: number,
  toleranceMb: number,
): MemoryVerdict {
  const all = samples.map((sample) => sample.bytes);
  const lastEpoch = samples.at(-1)?.epoch ?? 0;
  const ofLast = samples.filter((sample) => sample.epoch === lastEpoch);
  const start = ofLast[0]?.at ?? 0;
  const steady = ofLast.filter((sample) => sample.at - start >= warmupMs).map((s) => s.bytes);
  const third = Math.floor(steady.length / 3);
  const firstThirdMax = Math.max(0, ...steady.slice(0, third));
  const lastThirdMedian = median(steady.slice(steady.length - third));
  const growth = lastThirdMedian - firstThirdMax;
  return {
    samples: samples.length,
    firstMb: round(all[0] ?? 0),
    lastMb: round(all.at(-1) ?? 0),
    maxMb: round(Math.max(0, ...all)),
    firstThirdMaxMb: round(firstThirdMax),
    lastThirdMedianMb: round(lastThirdMedian),
    growthMb: round(growth),
    toleranceMb,
    ok: third >= 3 && growth <= toleranceMb * MB,
  };
}

/** A row of the BFF's `audit_events` table, on either engine. */
export interface AuditRow {
  seq: number;
  id: string;
  outcome: string;
  record: string;
}

export interface ParsedRecord {
  id: string;
  event: string;
  outcome: string;
  reason: string | null;
  requestId: string;
}

export interface AuditVerdict {
  /** Changes answered 2xx (sign-ins included). */
  acknowledged: number;
  /** Of those, with exactly one record, of the right event, outcome success. */
  matched: number;
  missing: string[];
  wrong: string[];
  /** Request ids with more than one record. */
  duplicates: string[];
  /** Records whose JSON does not agree with their columns, or does not parse. */
  malformed: number;
  /** Records of changes this run never sent. */
  unknown: number;
  /** Records left `pending`, and those of them not explained by a lost answer at a BFF kill. */
  pending: number;
  unexplainedPending: string[];
  ok: boolean;
}

const isAck = (sample: Sample) => sample.mutation && sample.status >= 200 && sample.status < 300;

function eventOf(sample: Sample): string {
  return sample.op === 'login' ? 'login.success' : `swr.${sample.op}`;
}

/** The BFF's audit table in its SQLite file, read-only. */
export function auditRowsOf(database: string): AuditRow[] {
  const db = new Database(database, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare('SELECT seq, id, outcome, record FROM audit_events ORDER BY seq')
      .all() as AuditRow[];
  } finally {
    db.close();
  }
}

/** The BFF's audit table in PostgreSQL (`DATABASE_URL`), read in one statement. */
export async function postgresAuditRowsOf(url: string): Promise<AuditRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<Omit<AuditRow, 'seq'> & { seq: string }>(
      'SELECT seq, id, outcome, record FROM audit_events ORDER BY seq',
    );
    // BIGINT arrives as text.
    return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
  } finally {
    await client.end();
  }
}

/**
 * Reads the BFF's audit table (read-only; the SQLite file at `database`, or rows already read,
 * e.g. from PostgreSQL) and matches it to the run's changes by request id. `bffKilled`: a kill -9
 * happened, so a record may stay `pending` for a change whose answer was lost; it must then
 * carry the interrupted reason the restart gives it.
 */
export function auditVerdict(
  database: string | readonly AuditRow[],
  samples: readonly Sample[],
  bffKilled: boolean,
): AuditVerdict {
  return judgeAudit(
    typeof database === 'string' ? auditRowsOf(database) : database,
    samples,
    (sample, record) => bffKilled && sample?.status === 0 && record.reason === INTERRUPTED_REASON,
  );
}

/**
 * Matches the audit table's rows to the run's changes by request id: every acknowledged change
 * has exactly one record, of its event, outcome success; no record of a change never sent; no
 * record left `pending` unless `explainsPending` accepts it (a change whose answer was lost).
 */
export function judgeAudit(
  rows: readonly AuditRow[],
  samples: readonly Sample[],
  explainsPending: (sample: Sample | undefined, record: ParsedRecord) => boolean,
): AuditVerdict {
  let malformed = 0;
  const byRequest = new Map<string, ParsedRecord[]>();
  for (const row of rows) {
    let parsed: ParsedRecord;
    try {
      const record = JSON.parse(row.record) as {
        id: string;
        event: string;
        outcome: string;
        reason: string | null;
        request: { id: string; clientId?: string };
      };
      parsed = {
        id: record.id,
        event: record.event,
        outcome: record.outcome,
        reason: record.reason,
        // The harness names each request by the id it sent, which the BFF keeps as the
        // client's (its own id is another): a request whose answer was lost is found too.
        requestId: record.request.clientId ?? record.request.id,
      };
    } catch {
      malformed += 1;
      continue;
    }
    if (parsed.id !== row.id || parsed.outcome !== row.outcome) malformed += 1;
    const list = byRequest.get(parsed.requestId) ?? [];
    list.push(parsed);
    byRequest.set(parsed.requestId, list);
  }
  const sent = new Map(samples.map((sample) => [sample.requestId, sample]));
  const acknowledged = samples.filter(isAck);
  const missing: string[] = [];
  const wrong: string[] = [];
  for (const sample of acknowledged) {
    const records = byRequest.get(sample.requestId) ?? [];
    const [only] = records;
    if (only === undefined) missing.push(`${sample.op} ${sample.requestId}`);
    else if (records.length > 1 || only.event !== eventOf(sample) || only.outcome !== 'success')
      wrong.push(`${sample.op} ${sample.requestId}`);
  }
  const duplicates = [...byRequest]
    .filter(([, records]) => records.length > 1)
    .map(([requestId]) => requestId);
  let unknown = 0;
  let pending = 0;
  const unexplainedPending: string[] = [];
  for (const [requestId, records] of byRequest) {
    const sample = sent.get(requestId);
    const change = records.some(
      (record) => record.event.startsWith('swr.') || record.event === 'login.success',
    );
    if (change && sample === undefined) unknown += 1;
    for (const record of records) {
      if (record.outcome !== 'pending') continue;
      pending += 1;
      if (!explainsPending(sample, record)) unexplainedPending.push(`${record.event} ${requestId}`);
    }
  }
  const matched = acknowledged.length - missing.length - wrong.length;
  return {
    acknowledged: acknowledged.length,
    matched,
    missing,
    wrong,
    duplicates,
    malformed,
    unknown,
    pending,
    unexplainedPending,
    ok:
      missing.length === 0 &&
      wrong.length === 0 &&
      duplicates.length === 0 &&
      malformed === 0 &&
      unknown === 0 &&
      unexplainedPending.length === 0,
  };
}

/** SQLite's own check of a file (read-only): `ok` when whole. */
export function integrityOf(database: string): string {
  const db = new Database(database, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

export interface EmulatorVerdict {
  integrity: string;
  /** Rows whose parent is gone (foreign_key_check). */
  orphans: number;
  /** Repositories whose tag count or size disagrees with their tags. */
  miscounted: string[];
  /** Repositories whose region or account disagrees with their organization's. */
  misplaced: string[];
  /** Users whose end state was known and checked; users still unsure (skipped). */
  usersChecked: number;
  usersUnsure: number;
  /** What users were sure of that the data contradicts. */
  contradictions: string[];
  ok: boolean;
}

/** The emulator's data file (read-only): whole, consistent, and holding what users were sure of. */
export function emulatorVerdict(
  database: string,
  region: string,
  expectations: readonly (Expected | undefined)[],
): EmulatorVerdict {
  const db = new Database(database, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((row) => row.integrity_check)
      .join('; ');
    const orphans = (db.pragma('foreign_key_check') as unknown[]).length;
    const miscounted = (
      db
        .prepare(
          `SELECT r.name FROM repositories r
           WHERE r.num_images <> (SELECT count(*) FROM tags t WHERE t.repository_id = r.id)
              OR r.size <> (SELECT coalesce(sum(size), 0) FROM tags t WHERE t.repository_id = r.id)`,
        )
        .all() as { name: string }[]
    ).map((row) => row.name);
    const misplaced = (
      db
        .prepare(
          `SELECT r.name FROM repositories r JOIN namespaces n ON n.id = r.namespace_id
           WHERE r.region <> n.region OR r.domain_id <> n.domain_id`,
        )
        .all() as { name: string }[]
    ).map((row) => row.name);
    const namespaceExists = db.prepare('SELECT 1 FROM namespaces WHERE region = ? AND name = ?');
    const repository = db.prepare(
      `SELECT r.id FROM repositories r JOIN namespaces n ON n.id = r.namespace_id
       WHERE n.region = ? AND n.name = ? AND r.name = ?`,
    );
    const tagsOf = db.prepare('SELECT tag FROM tags WHERE repository_id = ? ORDER BY tag');
    const withPrefix = db.prepare(
      'SELECT name FROM namespaces WHERE region = ? AND substr(name, 1, length(?)) = ?',
    );
    const contradictions: string[] = [];
    let usersChecked = 0;
    let usersUnsure = 0;
    for (const expected of expectations) {
      if (expected === undefined) {
        usersUnsure += 1;
        continue;
      }
      usersChecked += 1;
      for (const [name, exists] of expected.namespaces) {
        if ((namespaceExists.get(region, name) !== undefined) !== exists)
          contradictions.push(`organization ${name} ${exists ? 'missing' : 'still there'}`);
      }
      if (expected.prefix !== undefined) {
        const wanted = [...expected.namespaces].filter(([, exists]) => exists).map(([n]) => n);
        for (const row of withPrefix.all(region, expected.prefix, expected.prefix) as {
          name: string;
        }[]) {
          if (!wanted.includes(row.name)) contradictions.push(`organization ${row.name} left over`);
        }
      }
      for (const [name, exists] of expected.repositories) {
        const [ns = '', ...rest] = name.split('/');
        const found = repository.get(region, ns, rest.join('/')) !== undefined;
        if (found !== exists)
          contradictions.push(`repository ${name} ${exists ? 'missing' : 'still there'}`);
      }
      for (const [name, tags] of expected.tags) {
        const [ns = '', ...rest] = name.split('/');
        const row = repository.get(region, ns, rest.join('/')) as { id: number } | undefined;
        const actual =
          row === undefined
            ? []
            : (tagsOf.all(row.id) as { tag: string }[]).map((tag) => tag.tag).sort();
        if (actual.join(',') !== tags.join(','))
          contradictions.push(
            `tags of ${name}: [${actual.join(',')}], expected [${tags.join(',')}]`,
          );
      }
    }
    return {
      integrity,
      orphans,
      miscounted,
      misplaced,
      usersChecked,
      usersUnsure,
      contradictions,
      ok:
        integrity === 'ok' &&
        orphans === 0 &&
        miscounted.length === 0 &&
        misplaced.length === 0 &&
        contradictions.length === 0,
    };
  } finally {
    db.close();
  }
}
